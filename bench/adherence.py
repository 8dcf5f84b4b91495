"""Prompt adherence of the demo image models: does each output show the class its prompt asked for?

``python bench/adherence.py [--models shapes-diffusion,shapes-gan,shapes-vae] [--seeds 5]
[--weights-root DIR] [--device cpu] [--json out.json]``

For every model, every one of the 24 procedural classes ("a red circle", ...) is generated with
``--seeds`` seeds from ``--seed-base`` (default params unless ``--params``), in batches, and scored
by the adherence classifier (``generation.quality``), which was trained on the procedural data
alone, never on a model's outputs. Reports the share whose classifier argmax is the prompted
class and the share with score >= 0.5 (the regeneration threshold), without regeneration.
``--weights-root`` points the registry models at another folder of trained weights
(``<root>/<model name>/``), e.g. a fresh ``train_all`` run, to compare before committing.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image  # noqa: E402

from generation import GenerationRequest, get_backend, load_registry  # noqa: E402
from generation.quality import get_scorer  # noqa: E402
from generation.zoo import shapes  # noqa: E402

IMAGE_MODELS = "shapes-diffusion,shapes-gan,shapes-vae"


def measure(spec, seeds: int, batch: int = 24, params: dict | None = None, seed_base: int = 1000) -> dict:
    backend = get_backend(spec)
    backend.load()
    scorer = get_scorer()
    labels = shapes.class_labels()
    params = dict(params or {})
    requests = [GenerationRequest(f"a {label}", params, seed=seed_base + s) for s in range(seeds) for label in labels]
    wanted = [label for _ in range(seeds) for label in labels]
    t0 = time.perf_counter()
    hits = above = 0
    misses: dict[str, int] = {}
    for i in range(0, len(requests), batch):
        items = backend.generate(requests[i : i + batch])
        probs = scorer.probabilities([Image.open(io.BytesIO(it.data)) for it in items])
        for j, row in enumerate(probs):
            label = wanted[i + j]
            k = scorer.index[label]
            hit = int(row.argmax()) == k
            hits += hit
            above += float(row[k]) >= 0.5
            if not hit:
                misses[label] = misses.get(label, 0) + 1
    n = len(requests)
    return {
        "model": spec.name,
        "family": spec.family,
        "device": backend.device,
        "n": n,
        "argmax_accuracy": hits / n,
        "score_ge_0_5": above / n,
        "seconds": round(time.perf_counter() - t0, 2),
        "params": backend.validate(params),
        "misses_by_class": dict(sorted(misses.items(), key=lambda kv: -kv[1])),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--models", default=IMAGE_MODELS)
    p.add_argument("--seeds", type=int, default=5)
    p.add_argument("--weights-root", type=Path, default=None)
    p.add_argument("--device", default=None)
    p.add_argument("--params", default="{}", help='JSON params for every request, e.g. \'{"guidance_scale": 4}\'')
    p.add_argument("--seed-base", type=int, default=1000,
                   help="first seed; choose defaults on one range and report on another, never the same")
    p.add_argument("--json", type=Path, default=None)
    a = p.parse_args(argv)
    specs = load_registry()
    rows = []
    for name in [n for n in a.models.split(",") if n]:
        spec = specs[name]
        if a.weights_root is not None:
            spec = replace(spec, source=str((a.weights_root / name).resolve()))
        if a.device:
            spec = replace(spec, device=a.device)
        rows.append(measure(spec, a.seeds, params=json.loads(a.params), seed_base=a.seed_base))
    print("| model | family | params | device | n | argmax = prompt class | score >= 0.5 | seconds |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        shown = ", ".join(f"{k}={v}" for k, v in r["params"].items())
        print(f"| {r['model']} | {r['family']} | {shown} | {r['device']} | {r['n']} | {r['argmax_accuracy']:.1%} | "
              f"{r['score_ge_0_5']:.1%} | {r['seconds']} |")
    if a.json:
        a.json.write_text(json.dumps(rows, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
