"""Command line: generate with a registry model, without the server (handy for checking a model).

``python -m generation "a red circle" --model shapes-diffusion --seed 7 --out red.png``
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from generation.backends.base import get_backend
from generation.registry import DEFAULT_REGISTRY, load_registry
from generation.types import GenerationError, GenerationRequest, UnknownModel


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m generation", description=__doc__.splitlines()[0])
    p.add_argument("prompt", nargs="+", help="one or more prompts (generated as one batch)")
    p.add_argument("--model", default="shapes-diffusion")
    p.add_argument("--registry", type=Path, default=DEFAULT_REGISTRY)
    p.add_argument("--seed", type=int, default=0, help="seed of the first prompt; the next ones get seed+1, ...")
    p.add_argument("--params", default="{}", help='JSON object, e.g. \'{"steps": 25, "size": 512}\'')
    p.add_argument("--out", type=Path, default=Path("out.png"), help="output file; several prompts get -N suffixes")
    args = p.parse_args(argv)
    try:
        specs = load_registry(args.registry)
        if args.model not in specs:
            raise UnknownModel(f"unknown model {args.model!r}; known: {sorted(specs)}")
        backend = get_backend(specs[args.model])
        t0 = time.perf_counter()
        backend.load()
        load_s = time.perf_counter() - t0
        params = json.loads(args.params)
        reqs = [GenerationRequest(text, params, args.seed + i) for i, text in enumerate(args.prompt)]
        t0 = time.perf_counter()
        items = backend.generate(reqs)
        gen_s = time.perf_counter() - t0
    except GenerationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for i, item in enumerate(items):
        out = args.out if len(items) == 1 else args.out.with_stem(f"{args.out.stem}-{i}")
        out.write_bytes(item.data)
        print(json.dumps({"file": str(out), **item.metadata}))
    print(f"load {load_s:.2f}s, generate {gen_s:.2f}s for {len(items)} item(s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
