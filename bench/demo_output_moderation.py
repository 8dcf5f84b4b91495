"""How often the demo models' harmless outputs are held or blocked by the output scanners:
``python bench/demo_output_moderation.py [--models shapes-gan,...] [--n 60]``.

Each model generates its default output for "a {colour} {shape}" prompts (seeds 1000 and up)
and ``SafetyEngine.scan_output`` judges it under the shipped policy, as the pipeline does.
Prints, per model, the decisions and the highest ``nudity`` score (docs/safety.md, "Image
scanners on abstract content").
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generation import GenerationRequest, get_backend, load_registry  # noqa: E402
from safety import Policy, SafetyEngine  # noqa: E402

SHAPES = ["circle", "square", "triangle", "star", "hexagon"]
COLOURS = ["red", "green", "blue", "purple", "yellow", "orange"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default="shapes-gan,shapes-diffusion,shapes-vae,shapes-video")
    parser.add_argument("--n", type=int, default=60)
    args = parser.parse_args(argv)
    registry = load_registry()
    engine = SafetyEngine(Policy.default(), scanner_timeout_s=None)
    engine.warm_up()
    for name in args.models.split(","):
        backend = get_backend(registry[name])
        backend.load()
        decisions: collections.Counter[str] = collections.Counter()
        highest = 0.0
        for i in range(args.n):
            prompt = f"a {COLOURS[i % 6]} {SHAPES[(i // 6) % 5]}"
            (item,) = backend.generate([GenerationRequest(prompt, {}, seed=1000 + i)])
            verdict = engine.scan_output(item.data, item.mime, context={"prompt": prompt})
            decisions[verdict.decision] += 1
            highest = max([highest, *(s.scores.get("nudity", 0.0) for s in verdict.scans
                                      if s.status == "scanned")])
        print(json.dumps({"model": name, "outputs": args.n, **dict(decisions),
                          "highest_nudity": round(highest, 3)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
