"""Per-item cost of provenance on one core: watermark embed/detect, C2PA sign/read.

    .venv/bin/python bench/provenance_cost.py [--n 30] [--impl DIR]

Prints a markdown table of median CPU milliseconds (and median wall-clock ms) at 256²
and 512² PNG:

* embed      ``embed_watermark`` on a generated-looking PNG (decode, mark, read-back, encode)
* sign       ``sign`` of the marked PNG (C2PA manifest embedded, ES256)
* embed+sign the two together: the per-image provenance cost of the pipeline
* detect     ``detect_watermark`` on the signed PNG
* read       ``read`` of the signed PNG with the trust anchor (validation included)
* verify-all ``read`` + ``detect_watermark``: what the verify endpoint does per upload

Single-threaded: BLAS/OpenMP pools are pinned to one thread before numpy loads and
OpenCV is set to one thread. CPU time (``time.process_time``, all threads of the process)
is the headline figure because it is what one core spends whatever else the machine is
doing; wall-clock time, in brackets, matches it only on an idle machine.
``--impl DIR`` benchmarks the ``provenance`` package found in DIR instead (e.g. a copy
of an older version, for before/after on the same machine).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
KEY = b"bench-watermark-key-0123456789abcdef"
SIZES = (256, 512)
OPS = ("embed", "sign", "embed+sign", "detect", "read", "verify-all")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=30, help="timed repetitions per operation and size")
    ap.add_argument("--impl", type=Path, default=None, help="directory holding the provenance package to time")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.impl is not None:
        sys.path.insert(0, str(args.impl.resolve()))

    import cv2

    cv2.setNumThreads(1)
    import provenance
    from provenance import ManifestFacts, SigningIdentity, detect_watermark, embed_watermark, read, sign
    from tests.provenance.synthetic import encode, make_image

    facts = ManifestFacts(
        generation_id="gen_bench",
        model_name="tiny-diffusion",
        model_version="2024-06",
        family="diffusion",
        modality="image",
        policy_version="sha256:bench",
        watermark_id=0xABCDEF012345,
        watermark_alg=provenance.WATERMARK_ALG,
        title="gen_bench.png",
        created_at="2026-11-27T21:00:00Z",
    )
    with tempfile.TemporaryDirectory() as tmp:
        identity = SigningIdentity.ensure(Path(tmp) / "identity")
        anchors = identity.trust_anchors_pem
        results: dict[str, dict[int, list[tuple[float, float]]]] = {op: {s: [] for s in SIZES} for op in OPS}
        for size in SIZES:
            # A few hosts, cycled, so no single image's quirks dominate.
            hosts = [encode(make_image("photo", size, seed=s)) for s in range(4)]
            wid: int = facts.watermark_id or 0
            marked = [embed_watermark(h, "image/png", wid, KEY) for h in hosts]
            signed = [sign(m, "image/png", facts, identity).data for m in marked]
            for i in range(args.n + 2):  # first two rounds warm caches, untimed
                h, m, sd = hosts[i % 4], marked[i % 4], signed[i % 4]
                t_embed = _time(lambda h=h, w=wid: embed_watermark(h, "image/png", w, KEY))
                t_sign = _time(lambda m=m: sign(m, "image/png", facts, identity))
                t_detect = _time(lambda sd=sd, w=wid: _check(detect_watermark(sd, "image/png", KEY).watermark_id == w))
                t_read = _time(lambda sd=sd: _trusted(read(sd, "image/png", trust_anchors_pem=anchors)))
                if i < 2:
                    continue
                timed = (t_embed, t_sign, _add(t_embed, t_sign), t_detect, t_read, _add(t_read, t_detect))
                for op, v in zip(OPS, timed, strict=True):
                    results[op][size].append(v)
    where = args.impl or ROOT
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"provenance from {where}; median of {args.n} runs, one thread, PNG in/out; "
          f"{os.cpu_count()} cores, load average {load:.1f}\n")
    print("| operation | " + " | ".join(f"{s}² CPU ms (wall)" for s in SIZES) + " |")
    print("|---|" + "---|" * len(SIZES))
    for op in OPS:
        cells = []
        for s in SIZES:
            cpu = statistics.median(v[0] for v in results[op][s])
            wall = statistics.median(v[1] for v in results[op][s])
            cells.append(f"{cpu:.1f} ({wall:.1f})")
        print(f"| {op} | " + " | ".join(cells) + " |")


def _time(fn: Callable[[], object]) -> tuple[float, float]:
    """(CPU ms, wall ms) of one call."""
    c0, t0 = time.process_time(), time.perf_counter()
    fn()
    return 1000.0 * (time.process_time() - c0), 1000.0 * (time.perf_counter() - t0)


def _add(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    return a[0] + b[0], a[1] + b[1]


def _trusted(report: object) -> None:
    _check(getattr(report, "state", None) == "Trusted")


def _check(ok: bool) -> None:
    if not ok:
        raise SystemExit("benchmark sanity check failed: the item did not verify")


if __name__ == "__main__":
    main()
