"""Train the prompt-adherence classifier (``shapes-adherence``) used by ``generation.quality``.

Usage: ``python -m generation.zoo.train_adherence --out generation/zoo/weights/shapes-adherence``

A tiny CNN (``quality.ShapeAdherenceClassifier``) learns the 24 colour+shape classes of the
procedural shapes data. Generated images are blurrier, noisier and tinted compared with
the clean renders, so training augments with box blur, Gaussian noise, brightness/contrast
jitter, a global colour tint and down-up resampling. ``training.json`` records accuracy on
a held-out clean set and on the same set augmented.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F

from generation.quality import ShapeAdherenceClassifier
from generation.zoo import common, shapes


def augment(x: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
    n = x.shape[0]

    def pick(p: float) -> torch.Tensor:
        return (torch.rand(n, generator=gen) < p).view(n, 1, 1, 1)

    blur = F.avg_pool2d(x, 3, 1, 1, count_include_pad=False)
    x = torch.where(pick(0.4), blur, x)
    blur2 = F.avg_pool2d(x, 3, 1, 1, count_include_pad=False)
    x = torch.where(pick(0.2), blur2, x)
    small = F.interpolate(
        F.interpolate(x, scale_factor=0.5, mode="bilinear", align_corners=False),
        scale_factor=2,
        mode="bilinear",
        align_corners=False,
    )
    x = torch.where(pick(0.2), small, x)
    contrast = 1 + (torch.rand(n, 1, 1, 1, generator=gen) - 0.5) * 0.4
    bright = (torch.rand(n, 1, 1, 1, generator=gen) - 0.5) * 0.3
    tint = (torch.rand(n, 3, 1, 1, generator=gen) - 0.5) * 0.2
    x = x * contrast + bright + tint
    x = x + torch.randn(x.shape, generator=gen) * torch.rand(n, 1, 1, 1, generator=gen) * 0.12
    x = torch.where(pick(0.5), x.flip(-1), x)
    return x.clamp(-1, 1)


@torch.no_grad()
def accuracy(model: ShapeAdherenceClassifier, x: torch.Tensor, y: torch.Tensor) -> float:
    model.eval()
    pred = torch.cat([model(x[i : i + 256]).argmax(-1) for i in range(0, len(x), 256)])
    model.train()
    return float((pred == y).float().mean())


def train(
    out: Path,
    *,
    steps: int = 1500,
    max_minutes: float = 3.0,
    batch_size: int = 64,
    dataset_size: int = 12000,
    lr: float = 3e-3,
    seed: int = 0,
    threads: int = 0,
    progress: bool = False,
) -> dict[str, Any]:
    common.set_threads(threads)
    torch.manual_seed(seed)
    labels = shapes.class_labels()
    data, targets = common.shapes_tensors(dataset_size, 32, seed + 20_000)
    held_x, held_y = common.shapes_tensors(max(96, dataset_size // 10), 32, seed + 30_000)
    model = ShapeAdherenceClassifier(num_classes=len(labels))
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=1e-4)
    gen = torch.Generator().manual_seed(seed)
    budget = common.Budget(steps, max_minutes, progress, "shapes-adherence")
    run, step = None, 0
    for step in range(1, steps + 1):
        for group in opt.param_groups:
            group["lr"] = lr * common.cosine_lr(budget.fraction(step))
        idx = torch.randint(0, len(data), (batch_size,), generator=gen)
        x = augment(data[idx], gen)
        loss = F.cross_entropy(model(x), targets[idx], label_smoothing=0.05)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        run = loss.item() if run is None else 0.98 * run + 0.02 * loss.item()
        budget.tick(loss=run)
        if not progress and step % 100 == 0:
            print(f"step {step} loss {run:.3f} {budget.elapsed:.0f}s", flush=True)
        if budget.out_of_time():
            break
    budget.close()
    model.eval()
    clean = accuracy(model, held_x, held_y)
    aug = accuracy(model, augment(held_x, torch.Generator().manual_seed(99)), held_y)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out)
    common.write_labels(out)
    record = {
        "command": "python -m generation.zoo.train_adherence",
        "args": {
            "steps": steps,
            "max_minutes": max_minutes,
            "batch_size": batch_size,
            "dataset_size": dataset_size,
            "lr": lr,
            "seed": seed,
            "threads": threads,
        },
        "steps_done": step,
        "final_loss_ema": round(run or float("nan"), 4),
        "heldout_accuracy_clean": round(clean, 4),
        "heldout_accuracy_augmented": round(aug, 4),
        "heldout_images": len(held_y),
        "train_seconds": round(budget.elapsed, 1),
        "parameters": sum(p.numel() for p in model.parameters()),
    }
    common.write_record(out, record)
    return record


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=Path("generation/zoo/weights/shapes-adherence"))
    p.add_argument("--steps", type=int, default=1500)
    p.add_argument("--max-minutes", type=float, default=3.0)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--dataset-size", type=int, default=12000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--progress", action="store_true")
    a = p.parse_args(argv)
    common.run_cli(train, a)


if __name__ == "__main__":
    main()
