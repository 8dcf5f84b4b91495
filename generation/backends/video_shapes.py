"""Demo video models built from the committed demo image models: a walk through their noise/latent space.

A video is ``num_frames`` samples of ONE prompted class whose starting noise (diffusion) or
latent (VAE, GAN) moves smoothly: keyframe noises are drawn from the seeds ``seed, seed+1,
...`` (one keyframe about every ``FRAMES_PER_KEYFRAME`` frames, the first and last frame are
keyframes) and every frame in between is their spherical interpolation (slerp). Slerp, not a
straight line, because it keeps the noise on the shell where Gaussian samples live (a linear
mix of two draws has too small a norm and denoises to washed-out images). The samplers are
deterministic (DDIM with eta=0; a decoder's single forward pass), so neighbouring noises give
neighbouring images: the shape morphs smoothly while each frame stays a clean sample of the
class, and the same seed gives the same bytes. Frame 0 starts from exactly the noise the
image model draws for the same seed.

All frames of all requests that share a step count run as one batch through the image
backends' own code (``ClassConditionalDiffusionBackend._denoise``,
``LatentDecoderBackend._decode``), are upscaled to ``size`` with the same Lanczos resampler as
the images, then watermarked and encoded once (``video_common.finish_video``).

Params: ``num_frames``, ``fps``, ``size`` (even, output side in px), plus the image model's
own: ``steps`` and ``guidance_scale`` (diffusion), ``temperature`` (VAE) / ``truncation`` (GAN).
"""

from __future__ import annotations

import math
import time
from typing import Any

import numpy as np
import torch

from generation.backends.base import Backend, register_backend
from generation.backends.diffusion import ClassConditionalDiffusionBackend
from generation.backends.gan import GANBackend
from generation.backends.imaging import RESAMPLER_NAME, upscale_image
from generation.backends.latent import LatentDecoderBackend
from generation.backends.vae import VAEBackend
from generation.backends.video_common import MIME, finish_video
from generation.types import GeneratedItem, GenerationHooks, GenerationRequest

FRAMES_PER_KEYFRAME = 8
DEFAULT_NUM_FRAMES = 16
DEFAULT_FPS = 8


def slerp(a: torch.Tensor, b: torch.Tensor, t: float) -> torch.Tensor:
    """Spherical interpolation between two noise tensors (whole tensors, not per element)."""
    a64, b64 = a.double().flatten(), b.double().flatten()
    cos = torch.dot(a64, b64) / (a64.norm() * b64.norm())
    theta = math.acos(float(cos.clamp(-1.0, 1.0)))
    if theta < 1e-6:  # (nearly) parallel: the straight line is the arc
        out = (1 - t) * a64 + t * b64
    else:
        out = (math.sin((1 - t) * theta) * a64 + math.sin(t * theta) * b64) / math.sin(theta)
    return out.view(a.shape).to(a.dtype)


def keyframe_count(num_frames: int) -> int:
    """How many keyframe seeds a clip of ``num_frames`` uses (at least 2 when it has 2+ frames)."""
    if num_frames <= 1:
        return 1
    return max(1, round((num_frames - 1) / FRAMES_PER_KEYFRAME)) + 1


def noise_walk(
    seed: int, num_frames: int, shape: tuple[int, ...], scale: float = 1.0
) -> tuple[torch.Tensor, list[int]]:
    """``(num_frames, *shape)`` noise slerped between keyframes drawn from ``seed, seed+1, ...``.

    Each keyframe comes from its own CPU generator, drawn exactly like the image backends draw
    one sample, so the walk depends on the seed only (not on the batch or the device).
    """
    seeds = [(int(seed) + k) % 2**63 for k in range(keyframe_count(num_frames))]
    keys = [torch.randn((1, *shape), generator=torch.Generator(device="cpu").manual_seed(s))[0] for s in seeds]
    if len(keys) == 1:
        return (keys[0] * scale).unsqueeze(0).repeat(num_frames, *([1] * len(shape))), seeds
    segments = len(keys) - 1
    frames = []
    for i in range(num_frames):
        pos = i * segments / (num_frames - 1)
        k = min(int(pos), segments - 1)
        frames.append(slerp(keys[k], keys[k + 1], pos - k))
    return torch.stack(frames) * scale, seeds


class ShapesVideoMixin(Backend):
    """Validation and frame output shared by the demo video backends (mixed in before the image backend)."""

    def _video_item(
        self,
        request: GenerationRequest,
        params: dict[str, Any],
        native: torch.Tensor,
        condition: dict[str, Any] | None,
        seeds: list[int],
        hooks: GenerationHooks | None,
        extra: dict[str, Any],
        timings: dict[str, Any],
    ) -> GeneratedItem:
        """Upscale the native ``(T, n, n, 3)`` uint8 frames, watermark, encode; metadata like the image demos'."""
        n = int(native.shape[1])
        size = int(params.get("size", n))
        fps = params.get("fps", DEFAULT_FPS)
        t0 = time.perf_counter()
        frames = np.stack([np.asarray(upscale_image(native[i], size)) for i in range(native.shape[0])])
        upscale_s = time.perf_counter() - t0
        data, facts = finish_video(frames, fps, hooks)
        return GeneratedItem(
            data=data,
            mime=MIME,
            metadata={
                "model": self.spec.name,
                "model_version": self.spec.version,
                "family": self.spec.family,
                "modality": "video",
                "prompt": request.prompt,
                "seed": int(request.seed),
                "params": params,
                "condition": condition or {"class_id": None, "label": None, "match": "unconditional"},
                "native_resolution": n,
                "resampler": RESAMPLER_NAME,
                "motion": {
                    "interpolation": "slerp",
                    "keyframe_seeds": seeds,
                    "frames_per_keyframe": FRAMES_PER_KEYFRAME,
                },
                **extra,
                **{k: v for k, v in facts.items() if k != "timings"},
                "device": self.device,
                "dtype": self.dtype,
                "timings": {**timings, "upscale_s": round(upscale_s, 4), **facts["timings"]},
            },
        )


@register_backend("diffusers-class-conditional-video")
class ShapesVideoDiffusionBackend(ShapesVideoMixin, ClassConditionalDiffusionBackend):
    """The class-conditional DDIM UNet of ``diffusers-class-conditional``, sampled from a slerped noise walk."""

    def generate(self, requests: list[GenerationRequest], hooks: GenerationHooks | None = None) -> list[GeneratedItem]:
        """Validate all requests first, then denoise every frame of each step-count group in one batch."""
        if not self.loaded:
            self.load()
        params = [self.validate(r.params) for r in requests]
        n = self.native_resolution
        results: list[GeneratedItem | None] = [None] * len(requests)
        groups: dict[int, list[int]] = {}
        for i, p in enumerate(params):
            groups.setdefault(int(p["steps"]), []).append(i)
        for steps, idxs in groups.items():
            noises, conds, seeds, guidance, class_ids = [], [], [], [], []
            for i in idxs:
                req, t = requests[i], int(params[i].get("num_frames", DEFAULT_NUM_FRAMES))
                noise, keys = noise_walk(int(req.seed), t, (3, n, n))
                cond = self.vocab.match(req.prompt, int(req.seed)) if self.vocab else None
                noises.append(noise)
                seeds.append(keys)
                conds.append(cond)
                guidance += [float(params[i].get("guidance_scale", 1.0))] * t
                class_ids += [cond["class_id"]] * t if cond else []
            labels = torch.tensor(class_ids, device=self.device) if self.vocab is not None else None
            total = sum(len(x) for x in noises)
            t0 = time.perf_counter()
            pixels = self._denoise(torch.cat(noises), labels, torch.tensor(guidance), steps)
            denoise_s = time.perf_counter() - t0
            start = 0
            for j, i in enumerate(idxs):
                t = len(noises[j])
                results[i] = self._video_item(
                    requests[i],
                    params[i],
                    pixels[start : start + t],
                    conds[j],
                    seeds[j],
                    hooks,
                    {"scheduler": "DDIMScheduler(eta=0)", "steps": steps},
                    {
                        "batch_size": len(idxs),
                        "batch_frames": total,
                        "denoise_s": round(denoise_s, 4),
                        "denoise_per_frame_s": round(denoise_s / total, 4),
                    },
                )
                start += t
        return [r for r in results if r is not None]


class LatentWalkVideoMixin(ShapesVideoMixin, LatentDecoderBackend):
    """A one-shot decoder (GAN generator, VAE decoder) run over a slerped walk of its latent prior."""

    def generate(self, requests: list[GenerationRequest], hooks: GenerationHooks | None = None) -> list[GeneratedItem]:
        """One forward pass decodes every frame of every request; the latent scale param scales the whole walk."""
        if not self.loaded:
            self.load()
        params = [self.validate(r.params) for r in requests]
        if not requests:
            return []
        latent_dim = int(self.model.config.latent_dim)
        zs, conds, seeds, class_ids = [], [], [], []
        for req, p in zip(requests, params, strict=True):
            t = int(p.get("num_frames", DEFAULT_NUM_FRAMES))
            z, keys = noise_walk(int(req.seed), t, (latent_dim,), scale=float(p.get(self.latent_param, 1.0)))
            cond = self.vocab.match(req.prompt, int(req.seed)) if self.vocab else None
            zs.append(z)
            seeds.append(keys)
            conds.append(cond)
            class_ids += [cond["class_id"]] * t if cond else []
        labels = torch.tensor(class_ids, device=self.device) if self.vocab is not None else None
        total = sum(len(z) for z in zs)
        t0 = time.perf_counter()
        pixels = self._decode(torch.cat(zs), labels)
        decode_s = time.perf_counter() - t0
        out, start = [], 0
        for j, (req, p) in enumerate(zip(requests, params, strict=True)):
            t = len(zs[j])
            out.append(
                self._video_item(
                    req,
                    p,
                    pixels[start : start + t],
                    conds[j],
                    seeds[j],
                    hooks,
                    {},
                    {
                        "batch_size": len(requests),
                        "batch_frames": total,
                        "decode_s": round(decode_s, 4),
                        "decode_per_frame_s": round(decode_s / total, 4),
                    },
                )
            )
            start += t
        return out


@register_backend("torch-vae-video")
class VAELatentWalkVideoBackend(LatentWalkVideoMixin, VAEBackend):
    """``torch-vae`` checkpoints as video: a walk through the VAE prior (``temperature`` 0: a still image)."""


@register_backend("torch-gan-video")
class GANLatentWalkVideoBackend(LatentWalkVideoMixin, GANBackend):
    """``torch-gan`` checkpoints as video: a walk through the generator's latent space (``truncation`` scales it)."""
