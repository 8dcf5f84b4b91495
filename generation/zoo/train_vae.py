"""Train the demo class-conditional VAE (``shapes-vae``) on procedural coloured shapes.

Usage: ``python -m generation.zoo.train_vae --out generation/zoo/weights/shapes-vae``

Model: ``backends.vae.ConditionalVAE``. Loss: Gaussian reconstruction (MSE / (2 sigma^2),
sigma^2 = ``recon_var`` in [-1, 1] pixel units) + KL to N(0, I), KL weight warmed up over
the first 20% of training. Output: ``vae/`` (save_pretrained), ``labels.json``,
``training.json`` (incl. held-out reconstruction MSE and KL) and ``samples.png``
(one prior sample per class at temperature 1, rows = shapes).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F

from generation.backends.vae import ConditionalVAE
from generation.zoo import common, shapes


def _loss(
    model: ConditionalVAE, x: torch.Tensor, y: torch.Tensor, recon_var: float, beta: float, gen: torch.Generator
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    recon, mu, logvar = model(x, y, generator=gen)
    mse = F.mse_loss(recon, x, reduction="none").flatten(1).sum(1).mean()
    kl = (0.5 * (mu.pow(2) + logvar.exp() - 1 - logvar)).sum(1).mean()
    return mse / (2 * recon_var) + beta * kl, mse, kl


def train(
    out: Path,
    *,
    steps: int = 3000,
    max_minutes: float = 5.0,
    batch_size: int = 32,
    dataset_size: int = 20000,
    lr: float = 2e-3,
    recon_var: float = 0.02,
    seed: int = 0,
    threads: int = 0,
    progress: bool = False,
    base_channels: int = 128,
    init_from: Path | None = None,
    device: str = "auto",
) -> dict[str, Any]:
    common.set_threads(threads)
    dev = common.training_device(device)
    torch.manual_seed(seed)
    labels = shapes.class_labels()
    data, targets = (t.to(dev) for t in common.shapes_tensors(dataset_size, 32, seed))
    held_x, held_y = (t.to(dev) for t in common.shapes_tensors(max(64, dataset_size // 20), 32, seed + 10_000))
    if init_from is not None:  # continue training a saved checkpoint's vae/
        model = ConditionalVAE.from_pretrained(Path(init_from) / "vae")
        model.train()
    else:
        model = ConditionalVAE(num_classes=len(labels), base_channels=base_channels)
    model = model.to(dev)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.0)
    gen = torch.Generator().manual_seed(seed)
    noise_gen = torch.Generator(device=dev).manual_seed(seed)  # reparameterisation noise, drawn where the model runs
    budget = common.Budget(steps, max_minutes, progress, "shapes-vae")
    run = None
    step = 0
    for step in range(1, steps + 1):
        frac = budget.fraction(step)
        for group in opt.param_groups:
            group["lr"] = lr * common.cosine_lr(frac)
        idx = torch.randint(0, len(data), (batch_size,), generator=gen).to(dev)
        x, y = data[idx], targets[idx]
        if torch.rand((), generator=gen) < 0.5:
            x = x.flip(-1)
        loss, mse, kl = _loss(model, x, y, recon_var, 1.0 if init_from else min(1.0, frac / 0.2), noise_gen)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        opt.step()
        run = loss.item() if run is None else 0.98 * run + 0.02 * loss.item()
        budget.tick(loss=run, mse=mse.item(), kl=kl.item())
        if not progress and step % 200 == 0:
            print(
                f"step {step} loss {run:.2f} mse {mse.item():.2f} kl {kl.item():.2f} {budget.elapsed:.0f}s", flush=True
            )
        if budget.out_of_time():
            break
    budget.close()
    model.eval()
    with torch.no_grad():
        _, h_mse, h_kl = _loss(model, held_x, held_y, recon_var, 1.0, torch.Generator(device=dev).manual_seed(0))
    model = model.cpu()
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out / "vae")
    common.write_labels(out)
    with torch.no_grad():
        z = torch.randn(len(labels), model.config.latent_dim, generator=torch.Generator().manual_seed(1))
        common.save_grid(model.decode(z, torch.arange(len(labels))), cols=len(shapes.COLOURS), path=out / "samples.png")
    record = {
        "command": "python -m generation.zoo.train_vae",
        "args": {
            "steps": steps,
            "max_minutes": max_minutes,
            "batch_size": batch_size,
            "dataset_size": dataset_size,
            "lr": lr,
            "recon_var": recon_var,
            "seed": seed,
            "threads": threads,
            "init_from": str(init_from) if init_from else None,
            "device": str(dev),
        },
        "steps_done": step,
        "final_loss_ema": round(run or float("nan"), 3),
        "heldout_recon_mse_per_image": round(h_mse.item(), 3),
        "heldout_recon_mse_per_pixel": round(h_mse.item() / (3 * 32 * 32), 5),
        "heldout_kl_nats": round(h_kl.item(), 3),
        "train_seconds": round(budget.elapsed, 1),
        "parameters": sum(p.numel() for p in model.parameters()),
    }
    common.write_record(out, record)
    return record


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=Path("generation/zoo/weights/shapes-vae"))
    p.add_argument("--steps", type=int, default=3000)
    p.add_argument("--max-minutes", type=float, default=5.0)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--dataset-size", type=int, default=20000)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--recon-var", type=float, default=0.02)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--progress", action="store_true")
    p.add_argument("--init-from", type=Path, default=None, help="continue training a checkpoint's vae/")
    p.add_argument("--device", default="auto", help="auto (cuda when present), cpu or cuda")
    a = p.parse_args(argv)
    common.run_cli(train, a)


if __name__ == "__main__":
    main()
