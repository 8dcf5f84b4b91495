"""Robustness benchmark: new tiled watermark vs the dwtDctSvd baseline, same images, same run.

    .venv/bin/python bench/watermark_robustness.py [--n 200] [--unmarked 1000] [--out bench/results/watermark.json]

Images: half "generated-looking" synthetic scenes (tests/provenance/synthetic.py: photo-like
1/f noise, shapes, gradients, flat), half natural photos (random crops/rescales of
scikit-learn's china.jpg and flower.jpg), alternating 256 and 512 px. Attacks are applied
to the marked PNG; recovery means the exact 48-bit id comes back with found=True.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from provenance.watermark import image as new  # noqa: E402
from provenance.watermark import legacy  # noqa: E402
from tests.provenance.synthetic import make_image  # noqa: E402

KEY = b"bench-watermark-key-0123456789abcdef"
SYNTH = ("photo", "shapes", "gradient", "photo", "flat")


def natural(rng: np.random.Generator, size: int) -> Image.Image:
    from sklearn.datasets import load_sample_images

    photos = natural.cache = getattr(natural, "cache", None) or load_sample_images().images
    p = photos[int(rng.integers(len(photos)))]
    side = int(rng.integers(200, min(p.shape[:2]) + 1))
    y0, x0 = (int(rng.integers(0, p.shape[i] - side + 1)) for i in (0, 1))
    return Image.fromarray(p[y0 : y0 + side, x0 : x0 + side]).resize((size, size), Image.LANCZOS)


def image_set(n: int, seed: int) -> list[Image.Image]:
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        size = (256, 512)[i % 2]
        if (i // 2) % 2:
            out.append(natural(rng, size))
        else:
            out.append(make_image(SYNTH[(i // 4) % len(SYNTH)], size, seed=seed * 100_000 + i))
    return out


def png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG", compress_level=1)
    return buf.getvalue()


def jpeg(img: Image.Image, q: int) -> Image.Image:
    buf = io.BytesIO()
    img.convert("RGB").save(buf, "JPEG", quality=q)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


def half(img: Image.Image) -> Image.Image:
    return img.resize((img.width // 2, img.height // 2), Image.BILINEAR)


def crop90(img: Image.Image) -> Image.Image:
    w, h = round(img.width * 0.9), round(img.height * 0.9)
    x0, y0 = (img.width - w) // 2, (img.height - h) // 2
    return img.crop((x0, y0, x0 + w, y0 + h))


def bright(img: Image.Image, f: float) -> Image.Image:
    return Image.fromarray(np.clip(np.asarray(img, dtype=np.float64) * f, 0, 255).astype(np.uint8))


def noise(img: Image.Image, seed: int) -> Image.Image:
    a = np.asarray(img, dtype=np.float64) + np.random.default_rng(seed).normal(0, 5, (img.height, img.width, 3))
    return Image.fromarray(np.clip(np.rint(a), 0, 255).astype(np.uint8))


ATTACKS = {
    "none": lambda im, s: im,
    "jpeg50": lambda im, s: jpeg(im, 50),
    "jpeg75": lambda im, s: jpeg(im, 75),
    "resize0.5": lambda im, s: half(im),
    "crop90": lambda im, s: crop90(im),
    "bright+20": lambda im, s: bright(im, 1.2),
    "bright-20": lambda im, s: bright(im, 0.8),
    "noise5": noise,
    "jpeg75+crop90+resize0.5": lambda im, s: half(crop90(jpeg(im, 75))),
}


def psnr(a: Image.Image, b: Image.Image) -> float:
    d = np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)
    return float(10 * np.log10(255.0**2 / max(np.mean(d * d), 1e-12)))


def run(n: int, n_unmarked: int, seed: int) -> dict:
    schemes = {"baseline dwtDctSvd (v1)": legacy, "tiled spread-spectrum (v2)": new}
    images = image_set(n, seed)
    rng = np.random.default_rng(seed + 1)
    ids = [int(rng.integers(0, 2**48)) for _ in images]
    res: dict = {}
    for name, mod in schemes.items():
        hits = {a: 0 for a in ATTACKS}
        psnrs, t_embed, t_detect = [], {256: [], 512: []}, {256: [], 512: []}
        for i, (img, wid) in enumerate(zip(images, ids)):
            data = png(img)
            t0 = time.perf_counter()
            marked = mod.embed_watermark(data, "image/png", wid, KEY)
            t_embed[img.width].append(time.perf_counter() - t0)
            mimg = Image.open(io.BytesIO(marked)).convert("RGB")
            psnrs.append(psnr(img, mimg))
            for a, fn in ATTACKS.items():
                attacked = png(fn(mimg, i))
                t0 = time.perf_counter()
                det = mod.detect_watermark(attacked, "image/png", KEY)
                if a == "none":
                    t_detect[img.width].append(time.perf_counter() - t0)
                hits[a] += det.found and det.watermark_id == wid
        false_ids = 0
        for img in image_set(n_unmarked, seed + 7):
            false_ids += mod.detect_watermark(png(img), "image/png", KEY).found
        res[name] = {
            "alg": mod.ALG,
            "recovery_pct": {a: 100.0 * h / len(images) for a, h in hits.items()},
            "psnr_mean": float(np.mean(psnrs)),
            "psnr_min": float(np.min(psnrs)),
            "psnr_below_38_pct": 100.0 * float(np.mean(np.array(psnrs) < 38.0)),
            "embed_ms": {s: 1000 * float(np.median(v)) for s, v in t_embed.items() if v},
            "detect_ms": {s: 1000 * float(np.median(v)) for s, v in t_detect.items() if v},
            "false_ids": false_ids,
            "unmarked": n_unmarked,
        }
        print(f"done {name}", file=sys.stderr, flush=True)
    return {"n_images": len(images), "results": res}


def table(out: dict) -> str:
    res = out["results"]
    names = list(res)
    lines = ["| metric | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for a in ATTACKS:
        lines.append(f"| recovery: {a} | " + " | ".join(f"{res[n]['recovery_pct'][a]:.1f}%" for n in names) + " |")
    lines.append("| PSNR mean / min (dB) | " + " | ".join(f"{res[n]['psnr_mean']:.1f} / {res[n]['psnr_min']:.1f}" for n in names) + " |")
    lines.append("| images below 38 dB | " + " | ".join(f"{res[n]['psnr_below_38_pct']:.1f}%" for n in names) + " |")
    for what in ("embed_ms", "detect_ms"):
        for s in (256, 512):
            lines.append(f"| {what.split('_')[0]} ms @ {s}² (median, PNG in/out) | " + " | ".join(f"{res[n][what].get(s, float('nan')):.1f}" for n in names) + " |")
    lines.append("| false ids on unmarked | " + " | ".join(f"{res[n]['false_ids']} / {res[n]['unmarked']}" for n in names) + " |")
    return f"{out['n_images']} marked images (half synthetic, half natural; 256² and 512²)\n\n" + "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--unmarked", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=Path("bench/results/watermark.json"))
    args = ap.parse_args()
    out = run(args.n, args.unmarked, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2))
    print(table(out))


if __name__ == "__main__":
    main()
