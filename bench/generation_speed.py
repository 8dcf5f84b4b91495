"""Generation speed per registry model: latency per item and items/s at batch 1 and batch 8.

``python bench/generation_speed.py [--models shapes-diffusion,shapes-gan,...] [--repeats 2] [--device cpu]``

Each model is loaded once and warmed up; then the same run times ``repeats`` calls of one
request and ``repeats`` calls of a batch of 8 (distinct prompts and seeds, default params),
and reports the median. Prints a markdown table (and ``--json`` writes the numbers).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generation import GenerationRequest, get_backend, load_registry  # noqa: E402

PROMPTS = {
    "image": [
        "a red circle",
        "a blue square",
        "a green triangle",
        "a yellow star",
        "a purple circle",
        "an orange square",
        "a red triangle",
        "a blue star",
    ],
    "audio": [
        "a fast melody in A minor played on a plucked string",
        "a slow melody in C major played on a flute",
        "a medium tempo tune in G major on a square wave synth",
        "a slow melody in E minor played on a bell",
        "a fast melody in D major played on a flute",
        "a medium tempo melody in F major on a plucked string",
        "a slow tune in B minor on a square wave synth",
        "a fast melody in C minor played on a bell",
    ],
    "text": [
        "Return the",
        "This module provides",
        "The default value is",
        "Raise an exception if",
        "Create a new",
        "If the file",
        "Convert the string",
        "The following functions",
    ],
}


def bench_model(name: str, spec, repeats: int) -> dict:
    backend = get_backend(spec)
    t0 = time.perf_counter()
    backend.load()
    load_s = time.perf_counter() - t0
    prompts = PROMPTS.get(spec.modality, PROMPTS["image"])
    (warm,) = backend.generate([GenerationRequest(prompts[0], {}, seed=0)])  # warm-up
    res = {
        "model": name,
        "family": spec.family,
        "device": backend.device,
        "dtype": backend.dtype,
        "load_s": round(load_s, 3),
        "params": backend.validate({}),
    }
    for bs in (1, 8):
        times = []
        for r in range(repeats):
            reqs = [GenerationRequest(prompts[i % len(prompts)], {}, seed=100 * r + i) for i in range(bs)]
            t0 = time.perf_counter()
            backend.generate(reqs)
            times.append(time.perf_counter() - t0)
        med = statistics.median(times)
        res[f"b{bs}_latency_per_item_s"] = med / bs
        res[f"b{bs}_items_per_s"] = bs / med
    res["batching_speedup"] = res["b8_items_per_s"] / res["b1_items_per_s"]
    # Media: time per second of audio / per video frame (at batch 1), from what the item says it holds.
    if spec.modality == "audio" and warm.metadata.get("duration_s"):
        res["b1_seconds_per_audio_second"] = res["b1_latency_per_item_s"] / float(warm.metadata["duration_s"])
    if spec.modality == "video" and warm.metadata.get("num_frames"):
        res["b1_seconds_per_frame"] = res["b1_latency_per_item_s"] / int(warm.metadata["num_frames"])
    return res


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--models", default="", help="comma-separated registry names (default: all)")
    p.add_argument("--repeats", type=int, default=2)
    p.add_argument("--device", default=None, help="override the registry device (e.g. cpu)")
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--json", type=Path, default=None)
    a = p.parse_args(argv)
    import torch

    if a.threads:
        torch.set_num_threads(a.threads)
    specs = load_registry()
    names = [n for n in a.models.split(",") if n] or list(specs)
    rows = []
    for n in names:
        spec = replace(specs[n], device=a.device) if a.device else specs[n]
        rows.append(bench_model(n, spec, a.repeats))
    print(
        f"\n{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, torch threads "
        f"{torch.get_num_threads()}, torch {torch.__version__}, repeats {a.repeats} (median)\n"
    )
    print(
        "| model | family | device | default params | b1 latency/item | b1 items/s | b8 latency/item | "
        "b8 items/s | batching speedup |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        params = ", ".join(f"{k}={v}" for k, v in r["params"].items() if k != "stop")
        print(
            f"| {r['model']} | {r['family']} | {r['device']}/{r['dtype']} | {params} | "
            f"{r['b1_latency_per_item_s'] * 1000:.1f} ms | {r['b1_items_per_s']:.2f} | "
            f"{r['b8_latency_per_item_s'] * 1000:.1f} ms | {r['b8_items_per_s']:.2f} | {r['batching_speedup']:.2f}x |"
        )
    media = [r for r in rows if "b1_seconds_per_audio_second" in r or "b1_seconds_per_frame" in r]
    if media:
        print("\n| model | modality | b1 time per second of audio | b1 time per video frame |")
        print("|---|---|---|---|")
        for r in media:
            per_s = r.get("b1_seconds_per_audio_second")
            per_f = r.get("b1_seconds_per_frame")
            print(f"| {r['model']} | {'audio' if per_s is not None else 'video'} | "
                  f"{'' if per_s is None else f'{per_s * 1000:.1f} ms'} | {'' if per_f is None else f'{per_f * 1000:.1f} ms'} |")
    if a.json:
        a.json.write_text(json.dumps(rows, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
