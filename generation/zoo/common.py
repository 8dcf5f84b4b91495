"""Small helpers shared by the demo-model training scripts (progress bars, time budgets, grids, records)."""

from __future__ import annotations

import json
import math
import platform
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch
from PIL import Image

from generation.zoo import shapes


def set_threads(threads: int) -> None:
    if threads:
        torch.set_num_threads(threads)


def training_device(device: str = "auto") -> torch.device:
    """``auto`` trains on the GPU when one is present (same code, far more steps per minute)."""
    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    return torch.device(device)


def shapes_tensors(n: int, size: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Procedural shapes as float [-1, 1] NCHW + int64 class ids."""
    images, ids = shapes.make_dataset(n, size, seed)
    return torch.from_numpy(images).permute(0, 3, 1, 2).float().div(127.5).sub(1.0), torch.from_numpy(ids)


class Budget:
    """Step loop bounded by a step count and a wall-clock budget, with an optional tqdm bar."""

    def __init__(self, steps: int, max_minutes: float, progress: bool, desc: str) -> None:
        self.steps, self.max_s = steps, max_minutes * 60
        self.start = time.time()
        self.bar = None
        if progress:
            from tqdm.auto import tqdm

            self.bar = tqdm(total=steps, desc=desc, dynamic_ncols=True)

    @property
    def elapsed(self) -> float:
        return time.time() - self.start

    def fraction(self, step: int) -> float:
        """max(step fraction, time fraction): lr schedules finish even if time runs out."""
        return min(1.0, max(step / self.steps, self.elapsed / self.max_s if self.max_s else 0.0))

    def tick(self, **postfix: float) -> None:
        if self.bar is not None:
            self.bar.update(1)
            if postfix:
                self.bar.set_postfix({k: round(v, 4) for k, v in postfix.items()}, refresh=False)

    def out_of_time(self) -> bool:
        return self.elapsed > self.max_s

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def cosine_lr(fraction: float, warmup_fraction: float = 0.03, floor: float = 0.1) -> float:
    warm = min(1.0, fraction / warmup_fraction) if warmup_fraction else 1.0
    return warm * (floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * fraction)))


def save_grid(images: torch.Tensor, cols: int, path: Path, scale: int = 2) -> None:
    """[-1, 1] NCHW images -> a PNG grid (nearest-neighbour scaled)."""
    arr = ((images.float().clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8).permute(0, 2, 3, 1).numpy()
    n, h, w, c = arr.shape
    rows = math.ceil(n / cols)
    grid = np.zeros((rows * h, cols * w, c), dtype=np.uint8)
    for i in range(n):
        r, k = divmod(i, cols)
        grid[r * h : (r + 1) * h, k * w : (k + 1) * w] = arr[i]
    img = Image.fromarray(grid)
    img.resize((img.width * scale, img.height * scale), Image.Resampling.NEAREST).save(path, optimize=True)


def write_labels(out: Path, null_class: int | None = None) -> None:
    """labels.json for the shapes vocabulary (same classes and synonyms as shapes-diffusion)."""
    data = {
        "classes": shapes.class_labels(),
        "null_class": null_class,
        "synonyms": shapes.SYNONYMS,
        "description": "class id = index in 'classes'",
    }
    (out / "labels.json").write_text(json.dumps(data, indent=2) + "\n")


def write_record(out: Path, record: dict[str, Any]) -> None:
    record = {**record, "torch": torch.__version__, "python": platform.python_version()}
    (out / "training.json").write_text(json.dumps(record, indent=2, default=str) + "\n")


def cli_args(args: Any) -> dict[str, Any]:
    return {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()}


def run_cli(train: Any, args: Any) -> dict[str, Any]:
    """Call ``train(out, **every other parsed option)``: one mapping, so no option is parsed and dropped."""
    options = dict(vars(args))
    record = train(options.pop("out"), **options)
    print(record, flush=True)
    return record
