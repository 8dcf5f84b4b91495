"""Train the demo class-conditional diffusion model on procedural coloured shapes.

Usage: ``python -m generation.zoo.train_shapes --out generation/zoo/weights/shapes-diffusion``

The output directory is a diffusers checkpoint (``unet/`` and ``scheduler/`` subfolders
loadable with ``from_pretrained``) plus ``labels.json`` (condition vocabulary),
``training.json`` (parameters, final loss) and ``samples.png`` (a sample grid).
Labels are dropped to the null class 10% of the time so classifier-free guidance and
unconditional sampling work.
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from diffusers import DDIMScheduler, DDPMScheduler, UNet2DModel
from PIL import Image

from generation.zoo import common, shapes


def build_unet(num_classes: int, size: int) -> UNet2DModel:
    """A small UNet: 3 levels, attention only at the 8x8 level, ~0.9M parameters (3.5 MB)."""
    return UNet2DModel(
        sample_size=size,
        in_channels=3,
        out_channels=3,
        block_out_channels=(24, 48, 64),
        layers_per_block=1,
        down_block_types=("DownBlock2D", "DownBlock2D", "AttnDownBlock2D"),
        up_block_types=("AttnUpBlock2D", "UpBlock2D", "UpBlock2D"),
        norm_num_groups=8,
        attention_head_dim=32,
        num_class_embeds=num_classes + 1,  # last id = null / unconditional class
    )


@torch.no_grad()
def sample(
    unet: UNet2DModel,
    scheduler: DDIMScheduler,
    class_ids: torch.Tensor,
    null_id: int,
    steps: int,
    guidance: float,
    seed: int,
) -> torch.Tensor:
    """DDIM sampling with classifier-free guidance; returns images in [0, 1]."""
    n = class_ids.shape[0]
    size = unet.config.sample_size
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn((n, 3, size, size), generator=gen)
    scheduler.set_timesteps(steps)
    null = torch.full_like(class_ids, null_id)
    for t in scheduler.timesteps:
        eps = unet(torch.cat([x, x]), t, class_labels=torch.cat([class_ids, null])).sample
        cond, uncond = eps.chunk(2)
        eps = uncond + guidance * (cond - uncond)
        x = scheduler.step(eps, t, x, eta=0.0).prev_sample
    return (x.clamp(-1, 1) + 1) / 2


def save_grid(images: torch.Tensor, cols: int, path: Path, scale: int = 2) -> None:
    arr = (images.permute(0, 2, 3, 1).numpy() * 255).round().astype(np.uint8)
    n, h, w, c = arr.shape
    rows = math.ceil(n / cols)
    grid = np.zeros((rows * h, cols * w, c), dtype=np.uint8)
    for i in range(n):
        r, k = divmod(i, cols)
        grid[r * h : (r + 1) * h, k * w : (k + 1) * w] = arr[i]
    img = Image.fromarray(grid)
    img = img.resize((img.width * scale, img.height * scale), Image.Resampling.NEAREST)
    img.save(path, optimize=True)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=Path("generation/zoo/weights/shapes-diffusion"))
    p.add_argument("--size", type=int, default=32)
    p.add_argument("--steps", type=int, default=3000)
    p.add_argument("--max-minutes", type=float, default=14.0, help="stop early when this much time has passed")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--dataset-size", type=int, default=30000)
    p.add_argument("--label-dropout", type=float, default=0.1)
    p.add_argument("--ema-decay", type=float, default=0.999)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--init-from", type=Path, default=None, help="continue from a saved checkpoint's unet/")
    p.add_argument("--threads", type=int, default=0, help="torch threads (0 = torch default)")
    p.add_argument("--sample-steps", type=int, default=25, help="DDIM steps for samples.png")
    p.add_argument("--progress", action="store_true", help="tqdm progress bar instead of log lines")
    p.add_argument("--device", default="auto", help="auto (cuda when present), cpu or cuda")
    args = p.parse_args(argv)
    dev = common.training_device(args.device)

    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    labels = shapes.class_labels()
    null_id = len(labels)
    t0 = time.time()
    images, ids = shapes.make_dataset(args.dataset_size, args.size, args.seed)
    data = torch.from_numpy(images).permute(0, 3, 1, 2).float().div(127.5).sub(1.0).to(dev)
    targets = torch.from_numpy(ids).to(dev)
    print(f"dataset: {len(data)} images in {time.time() - t0:.1f}s", flush=True)

    if args.init_from:
        unet = UNet2DModel.from_pretrained(args.init_from / "unet")
    else:
        unet = build_unet(len(labels), args.size)
    unet = unet.to(dev).train()
    ema = copy.deepcopy(unet).eval().requires_grad_(False)
    n_params = sum(p.numel() for p in unet.parameters())
    print(f"unet parameters: {n_params}", flush=True)
    noise_sched = DDPMScheduler(num_train_timesteps=1000, beta_schedule="squaredcos_cap_v2", prediction_type="epsilon")
    opt = torch.optim.AdamW(unet.parameters(), lr=args.lr, weight_decay=0.0)
    warmup = 100
    progress = [0.0]  # max(step fraction, time fraction): the cosine decay finishes even if time runs out

    def lr_factor(s: int) -> float:
        return min(1.0, (s + 1) / warmup) * (0.5 * (1 + math.cos(math.pi * min(1.0, progress[0]))) * 0.9 + 0.1)

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_factor)
    gen = torch.Generator().manual_seed(args.seed)
    start = time.time()
    running = None
    step = 0
    bar = None
    if args.progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=args.steps, desc="shapes-diffusion", dynamic_ncols=True)
    for step in range(1, args.steps + 1):
        idx = torch.randint(0, len(data), (args.batch_size,), generator=gen).to(dev)
        x0 = data[idx]
        if torch.rand(()) < 0.5:  # horizontal flips keep every shape class valid
            x0 = x0.flip(-1)
        y = targets[idx].clone()
        y[(torch.rand(args.batch_size, generator=gen) < args.label_dropout).to(dev)] = null_id
        noise = torch.randn(x0.shape, generator=gen).to(dev)
        t = torch.randint(0, noise_sched.config.num_train_timesteps, (args.batch_size,), generator=gen).to(dev)
        xt = noise_sched.add_noise(x0, noise, t)
        loss = F.mse_loss(unet(xt, t, class_labels=y).sample, noise)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(unet.parameters(), 1.0)
        opt.step()
        sched.step()
        with torch.no_grad():
            decay = min(args.ema_decay, (1 + step) / (10 + step))
            for pe, pm in zip(ema.parameters(), unet.parameters(), strict=True):
                pe.lerp_(pm, 1 - decay)
        running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
        elapsed = time.time() - start
        progress[0] = max(step / args.steps, elapsed / (args.max_minutes * 60))
        if bar is not None:
            bar.update(1)
            bar.set_postfix(loss=round(running, 4), refresh=False)
        elif step % 100 == 0:
            print(f"step {step} loss {running:.4f} elapsed {elapsed:.0f}s", flush=True)
        if elapsed > args.max_minutes * 60:
            print(f"time budget reached at step {step}", flush=True)
            break
    train_seconds = time.time() - start
    if bar is not None:
        bar.close()

    ema = ema.cpu()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    ema.save_pretrained(out / "unet")
    ddim = DDIMScheduler.from_config(noise_sched.config)
    ddim.save_pretrained(out / "scheduler")
    (out / "labels.json").write_text(
        json.dumps(
            {
                "classes": labels,
                "null_class": null_id,
                "synonyms": shapes.SYNONYMS,
                "description": "class id = index in 'classes'; 'null_class' is the unconditional id",
            },
            indent=2,
        )
        + "\n"
    )
    (out / "training.json").write_text(
        json.dumps(
            {
                "command": "python -m generation.zoo.train_shapes",
                "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
                "steps_done": step,
                "final_loss_ema": round(running or float("nan"), 5),
                "train_seconds": round(train_seconds, 1),
                "parameters": n_params,
                "torch": torch.__version__,
                "weights": "EMA of the trained weights",
            },
            indent=2,
        )
        + "\n"
    )
    class_ids = torch.arange(len(labels))
    imgs = sample(
        ema, DDIMScheduler.from_pretrained(out / "scheduler"), class_ids, null_id, args.sample_steps, 2.0, seed=1
    )
    save_grid(imgs, cols=len(shapes.COLOURS), path=out / "samples.png", scale=2)
    print(f"saved to {out} after {step} steps, loss {running:.4f}, {train_seconds:.0f}s", flush=True)


if __name__ == "__main__":
    main()
