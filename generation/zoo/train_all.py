"""Train every demo model of the zoo into one folder (the server wraps it as ``manage.py train_demo_models``).

``train_all(out_dir, quick=False, progress=True)`` writes ``<out_dir>/<model name>/`` for
shapes-diffusion, shapes-gan, shapes-vae, tiny-lm, shapes-adherence (the quality
classifier) and tunes-audio (melodies), each in the layout its backend loads, and returns
``{name: training record}``.
``quick=True`` trains tiny versions for a few steps (seconds; proves the training code, the
models are useless). Everything is seeded; wall-clock budgets (``max_minutes``) can cut a
full run short on a busy machine, which ``training.json`` records.

CLI: ``python -m generation.zoo.train_all --out /tmp/zoo [--quick] [--no-progress] [--only shapes-gan,...]``
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

MODELS = ("shapes-diffusion", "shapes-gan", "shapes-vae", "tiny-lm", "shapes-adherence", "tunes-audio")


def _diffusion(out: Path, quick: bool, progress: bool, seed: int) -> dict[str, Any]:
    from generation.zoo import train_shapes

    argv = ["--out", str(out), "--seed", str(seed)]
    argv += ["--steps", "3", "--dataset-size", "48", "--batch-size", "4", "--sample-steps", "2"] if quick else []
    argv += ["--progress"] if progress else []
    train_shapes.main(argv)
    return json.loads((out / "training.json").read_text())


def _gan(out: Path, quick: bool, progress: bool, seed: int) -> dict[str, Any]:
    from generation.zoo import train_gan

    if quick:
        return train_gan.train(
            out, steps=3, dataset_size=48, batch_size=4, base_channels=16, d_channels=8, seed=seed, progress=progress
        )
    return train_gan.train(out, steps=6000, max_minutes=18, seed=seed, progress=progress)


def _vae(out: Path, quick: bool, progress: bool, seed: int) -> dict[str, Any]:
    from generation.zoo import train_vae

    if quick:
        return train_vae.train(
            out, steps=3, dataset_size=48, batch_size=4, base_channels=16, seed=seed, progress=progress
        )
    return train_vae.train(out, steps=4000, max_minutes=12, seed=seed, progress=progress)


def _text(out: Path, quick: bool, progress: bool, seed: int) -> dict[str, Any]:
    from generation.zoo import train_text

    if quick:
        return train_text.train(
            out,
            steps=3,
            batch_size=2,
            seq_len=32,
            vocab_size=300,
            n_layer=1,
            n_embd=16,
            n_head=2,
            max_files=3,
            eval_windows=4,
            seed=seed,
            progress=progress,
        )
    return train_text.train(out, steps=4000, max_minutes=15, seed=seed, progress=progress)


def _adherence(out: Path, quick: bool, progress: bool, seed: int) -> dict[str, Any]:
    from generation.zoo import train_adherence

    if quick:
        return train_adherence.train(out, steps=3, dataset_size=48, batch_size=8, seed=seed, progress=progress)
    return train_adherence.train(out, steps=1500, max_minutes=5, seed=seed, progress=progress)


def _audio(out: Path, quick: bool, progress: bool, seed: int) -> dict[str, Any]:
    from generation.zoo import train_audio

    if quick:
        return train_audio.train(
            out,
            steps=3,
            dataset_size=32,
            batch_size=4,
            n_layer=1,
            n_embd=16,
            n_head=2,
            eval_seeds=0,
            samples=False,
            seed=seed,
            progress=progress,
        )
    return train_audio.train(out, steps=3000, max_minutes=3.5, seed=seed, progress=progress)


TRAINERS: dict[str, Callable[[Path, bool, bool, int], dict[str, Any]]] = {
    "shapes-diffusion": _diffusion,
    "shapes-gan": _gan,
    "shapes-vae": _vae,
    "tiny-lm": _text,
    "shapes-adherence": _adherence,
    "tunes-audio": _audio,
}


def train_all(
    out_dir: Path | str,
    quick: bool = False,
    progress: bool = True,
    *,
    seed: int = 0,
    only: list[str] | None = None,
) -> dict[str, dict[str, Any]]:
    """Train the demo models (all, or ``only`` those named) into ``out_dir/<name>/``."""
    import torch

    out_dir = Path(out_dir)
    names = list(only or MODELS)
    unknown = sorted(set(names) - set(MODELS))
    if unknown:
        raise ValueError(f"unknown demo model(s) {unknown}; known: {list(MODELS)}")
    records: dict[str, dict[str, Any]] = {}
    for name in names:
        torch.manual_seed(seed)
        t0 = time.time()
        rec = TRAINERS[name](out_dir / name, quick, progress, seed)
        records[name] = {**rec, "wall_seconds": round(time.time() - t0, 1)}
    return records


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--quick", action="store_true", help="tiny models, a few steps each (seconds)")
    p.add_argument("--no-progress", action="store_true")
    p.add_argument("--only", default="", help=f"comma-separated subset of {','.join(MODELS)}")
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args(argv)
    only = [s for s in a.only.split(",") if s] or None
    recs = train_all(a.out, quick=a.quick, progress=not a.no_progress, seed=a.seed, only=only)
    print(
        json.dumps(
            {k: {"train_seconds": v.get("train_seconds"), "wall_seconds": v["wall_seconds"]} for k, v in recs.items()},
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
