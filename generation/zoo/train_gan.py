"""Train the demo class-conditional DCGAN (``shapes-gan``) on procedural coloured shapes.

Usage: ``python -m generation.zoo.train_gan --out generation/zoo/weights/shapes-gan``

Generator: ``backends.gan.ConditionalDCGANGenerator`` (BatchNorm, ~0.7M params). Discriminator:
a spectral-norm conv net with a projection head for the class (Miyato & Koyama 2018), hinge
loss, Adam(0.0, 0.9), EMA of the generator weights. Output: ``generator/`` (save_pretrained),
``labels.json``, ``training.json`` and ``samples.png`` (one sample per class, rows = shapes).
"""

from __future__ import annotations

import argparse
import copy
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils import spectral_norm

from generation.backends.gan import ConditionalDCGANGenerator
from generation.zoo import common, shapes


class ProjectionDiscriminator(nn.Module):
    """Spectral-norm convs 32->16->8->4, global sum pool, linear + class projection, plus an
    auxiliary class head (AC-GAN) that sharpens shape adherence (``ac_weight`` > 0)."""

    def __init__(self, num_classes: int, ch: int = 64) -> None:
        super().__init__()
        self.body = nn.Sequential(
            spectral_norm(nn.Conv2d(3, ch, 3, 1, 1)),
            nn.LeakyReLU(0.2),
            spectral_norm(nn.Conv2d(ch, ch, 4, 2, 1)),
            nn.LeakyReLU(0.2),
            spectral_norm(nn.Conv2d(ch, ch * 2, 4, 2, 1)),
            nn.LeakyReLU(0.2),
            spectral_norm(nn.Conv2d(ch * 2, ch * 4, 4, 2, 1)),
            nn.LeakyReLU(0.2),
        )
        self.linear = spectral_norm(nn.Linear(ch * 4, 1))
        self.embed = spectral_norm(nn.Embedding(num_classes, ch * 4))
        self.classify = nn.Linear(ch * 4, num_classes)

    def forward(self, x: torch.Tensor, y: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        h = self.body(x).sum(dim=(2, 3))
        return self.linear(h).squeeze(1) + (self.embed(y) * h).sum(dim=1), self.classify(h / 16)


def train(
    out: Path,
    *,
    steps: int = 4000,
    max_minutes: float = 5.0,
    batch_size: int = 32,
    dataset_size: int = 20000,
    lr: float = 2e-4,
    ema_decay: float = 0.995,
    seed: int = 0,
    threads: int = 0,
    progress: bool = False,
    base_channels: int = 128,
    d_channels: int = 32,
    init_from: Path | None = None,
    ac_weight: float = 0.5,
    device: str = "auto",
) -> dict[str, Any]:
    common.set_threads(threads)
    dev = common.training_device(device)
    torch.manual_seed(seed)
    labels = shapes.class_labels()
    data, targets = (t.to(dev) for t in common.shapes_tensors(dataset_size, 32, seed))
    if init_from is not None:  # continue from a saved generator (the discriminator restarts and catches up)
        G = ConditionalDCGANGenerator.from_pretrained(Path(init_from) / "generator")
        G.train()
    else:
        G = ConditionalDCGANGenerator(num_classes=len(labels), base_channels=base_channels)
    G = G.to(dev)
    D = ProjectionDiscriminator(len(labels), d_channels).to(dev)
    G_ema = copy.deepcopy(G).eval().requires_grad_(False)
    opt_g = torch.optim.Adam(G.parameters(), lr=lr, betas=(0.0, 0.9))
    opt_d = torch.optim.Adam(D.parameters(), lr=lr * 2, betas=(0.0, 0.9))
    gen = torch.Generator().manual_seed(seed)
    latent = G.config.latent_dim
    budget = common.Budget(steps, max_minutes, progress, "shapes-gan")
    d_run = g_run = None
    step = 0
    for step in range(1, steps + 1):
        idx = torch.randint(0, len(data), (batch_size,), generator=gen).to(dev)
        real, y = data[idx], targets[idx]
        if torch.rand((), generator=gen) < 0.5:
            real = real.flip(-1)
        z = torch.randn(batch_size, latent, generator=gen).to(dev)
        fake = G(z, y)
        real_score, real_logits = D(real, y)
        fake_score, _ = D(fake.detach(), y)
        d_loss = F.relu(1 - real_score).mean() + F.relu(1 + fake_score).mean()
        if ac_weight:
            d_loss = d_loss + ac_weight * F.cross_entropy(real_logits, y)
        opt_d.zero_grad(set_to_none=True)
        d_loss.backward()
        opt_d.step()
        g_score, g_logits = D(fake, y)
        g_loss = -g_score.mean()
        if ac_weight:
            g_loss = g_loss + ac_weight * F.cross_entropy(g_logits, y)
        opt_g.zero_grad(set_to_none=True)
        g_loss.backward()
        opt_g.step()
        with torch.no_grad():
            decay = min(ema_decay, (1 + step) / (10 + step))
            for pe, pm in zip(G_ema.parameters(), G.parameters(), strict=True):
                pe.lerp_(pm, 1 - decay)
            for be, bm in zip(G_ema.buffers(), G.buffers(), strict=True):
                be.copy_(bm)
        d_run = d_loss.item() if d_run is None else 0.98 * d_run + 0.02 * d_loss.item()
        g_run = g_loss.item() if g_run is None else 0.98 * g_run + 0.02 * g_loss.item()
        budget.tick(d=d_run, g=g_run)
        if not progress and step % 200 == 0:
            print(f"step {step} d {d_run:.3f} g {g_run:.3f} {budget.elapsed:.0f}s", flush=True)
        if budget.out_of_time():
            break
    budget.close()
    G_ema = G_ema.cpu()
    out.mkdir(parents=True, exist_ok=True)
    G_ema.save_pretrained(out / "generator")
    common.write_labels(out)
    with torch.no_grad():
        z = torch.randn(len(labels), latent, generator=torch.Generator().manual_seed(1))
        common.save_grid(G_ema(z, torch.arange(len(labels))), cols=len(shapes.COLOURS), path=out / "samples.png")
    record = {
        "command": "python -m generation.zoo.train_gan",
        "args": {
            "steps": steps,
            "max_minutes": max_minutes,
            "batch_size": batch_size,
            "dataset_size": dataset_size,
            "lr_g": lr,
            "lr_d": lr * 2,
            "ema_decay": ema_decay,
            "seed": seed,
            "threads": threads,
            "init_from": str(init_from) if init_from else None,
            "device": str(dev),
        },
        "loss": "hinge, projection discriminator with spectral norm, AC-GAN auxiliary class loss",
        "ac_weight": ac_weight,
        "steps_done": step,
        "final_d_loss_ema": round(d_run or float("nan"), 4),
        "final_g_loss_ema": round(g_run or float("nan"), 4),
        "train_seconds": round(budget.elapsed, 1),
        "parameters": sum(p.numel() for p in G.parameters()),
        "weights": "EMA of the generator weights",
    }
    common.write_record(out, record)
    return record


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=Path("generation/zoo/weights/shapes-gan"))
    p.add_argument("--steps", type=int, default=4000)
    p.add_argument("--max-minutes", type=float, default=5.0)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--dataset-size", type=int, default=20000)
    p.add_argument("--lr", type=float, default=2e-4)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--progress", action="store_true")
    p.add_argument("--init-from", type=Path, default=None, help="continue from a checkpoint's generator/")
    p.add_argument("--device", default="auto", help="auto (cuda when present), cpu or cuda")
    p.add_argument("--ac-weight", type=float, default=0.5, help="AC-GAN auxiliary class loss weight (0 = off)")
    a = p.parse_args(argv)
    common.run_cli(train, a)


if __name__ == "__main__":
    main()
