"""Class-conditional (or unconditional) image diffusion, loaded diffusers-style.

Self-contained on purpose (diffusers' "one file per family"): it loads a ``UNet2DModel``
and a scheduler with ``from_pretrained`` from a local directory laid out as
``<source>/unet/`` + ``<source>/scheduler/`` (or both configs flat in ``<source>``), samples
with DDIM (eta=0, so the same seed gives the same bytes on the same device) and
classifier-free guidance, and upscales the native-resolution sample to the requested
``size`` with Lanczos resampling (outputs must be >= 256 px for the image watermark).

The prompt picks a class through ``labels.json`` next to the weights::

    {"classes": ["red circle", ...], "null_class": 24, "synonyms": {"ball": "circle"}}

A class whose words all appear in the prompt wins; if only some words match (e.g. just
"red") a matching class is drawn with the request's seed; no match means the null
(unconditional) class, which the model learnt through label dropout.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import torch

from generation.backends.base import Backend, register_backend
from generation.backends.conditioning import ClassVocabulary, load_vocabulary
from generation.backends.imaging import RESAMPLER, RESAMPLER_NAME, encode_png, to_uint8_hwc
from generation.types import GeneratedItem, GenerationHooks, GenerationRequest, ModelLoadError, ModelSpec

__all__ = ["RESAMPLER", "ClassConditionalDiffusionBackend", "ClassVocabulary"]


def _find_component(root: Path, subfolder: str, config_name: str) -> str | None:
    """Return the subfolder to pass to from_pretrained ("" for flat layout) or None if absent."""
    if (root / subfolder / config_name).is_file():
        return subfolder
    if (root / config_name).is_file():
        return ""
    return None


@register_backend("diffusers-class-conditional")
@register_backend("diffusers-unet2d")
class ClassConditionalDiffusionBackend(Backend):
    """UNet2DModel (+ optional class embedding) sampled with DDIM and classifier-free guidance."""

    def __init__(self, spec: ModelSpec) -> None:
        super().__init__(spec)
        self.unet = None
        self.scheduler_config: dict[str, Any] | None = None
        self.vocab: ClassVocabulary | None = None
        self.native_resolution = 0
        self.load_seconds = 0.0

    def load(self) -> None:
        """Load UNet, scheduler config and vocabulary; idempotent."""
        if self.loaded:
            return
        from diffusers import DDIMScheduler, UNet2DModel

        t0 = time.perf_counter()
        root = self.local_source("diffusers checkpoints")
        unet_sub = _find_component(root, "unet", "config.json")
        sched_sub = _find_component(root, "scheduler", "scheduler_config.json")
        if unet_sub is None or sched_sub is None:
            raise ModelLoadError(
                f"model {self.spec.name!r}: {root} needs unet/config.json and scheduler/scheduler_config.json "
                "(or both configs at its top level)"
            )
        try:
            unet = UNet2DModel.from_pretrained(
                root, subfolder=unet_sub or None, local_files_only=True, torch_dtype=getattr(torch, self.dtype)
            )
            scheduler = DDIMScheduler.from_pretrained(root, subfolder=sched_sub or None, local_files_only=True)
        except Exception as exc:  # diffusers raises OSError/ValueError/EnvironmentError variously
            raise ModelLoadError(f"model {self.spec.name!r}: cannot load from {root}: {exc}") from exc
        cfg = unet.config
        if cfg.class_embed_type not in (None,):
            raise ModelLoadError(
                f"model {self.spec.name!r}: class_embed_type {cfg.class_embed_type!r} is not supported "
                "(use num_class_embeds with the default embedding table)"
            )
        if cfg.in_channels != 3 or cfg.out_channels != 3:
            raise ModelLoadError(f"model {self.spec.name!r}: expects an RGB pixel-space UNet (3 in/out channels)")
        self.vocab = self._load_vocab(root, cfg.num_class_embeds)
        try:
            unet = unet.to(device=self.device).eval()
        except Exception as exc:
            raise ModelLoadError(f"model {self.spec.name!r}: cannot move to {self.device}/{self.dtype}: {exc}") from exc
        self.unet = unet
        self.scheduler_config = dict(scheduler.config)
        size = cfg.sample_size
        self.native_resolution = int(size if isinstance(size, int) else size[0])
        self.load_seconds = time.perf_counter() - t0
        self.loaded = True

    def _load_vocab(self, root: Path, num_class_embeds: int | None) -> ClassVocabulary | None:
        return load_vocabulary(root, num_class_embeds, self.spec.name, what="UNet")

    @torch.inference_mode()
    def _denoise(
        self, noise: torch.Tensor, class_ids: torch.Tensor | None, guidance: torch.Tensor, steps: int
    ) -> torch.Tensor:
        """DDIM loop (eta=0) with classifier-free guidance when a null class exists."""
        from diffusers import DDIMScheduler

        assert self.unet is not None and self.scheduler_config is not None
        scheduler = DDIMScheduler.from_config(self.scheduler_config)  # fresh per batch: schedulers are stateful
        scheduler.set_timesteps(steps, device=self.device)
        dtype = getattr(torch, self.dtype)
        use_cfg = class_ids is not None and self.vocab is not None and self.vocab.null_class is not None
        x = noise.to(self.device, torch.float32)
        g = guidance.to(self.device, torch.float32).view(-1, 1, 1, 1)
        for t in scheduler.timesteps:
            if use_cfg:
                null = torch.full_like(class_ids, self.vocab.null_class)
                eps = self.unet(torch.cat([x, x]).to(dtype), t, class_labels=torch.cat([class_ids, null])).sample
                cond, uncond = eps.float().chunk(2)
                eps = uncond + g * (cond - uncond)
            else:
                eps = self.unet(x.to(dtype), t, class_labels=class_ids).sample.float()
            x = scheduler.step(eps, t, x, eta=0.0).prev_sample
        return to_uint8_hwc(x)

    def generate(self, requests: list[GenerationRequest], hooks: GenerationHooks | None = None) -> list[GeneratedItem]:
        """Validate every request first (fail before spending compute), then batch by step count.

        ``hooks`` are accepted for the common contract; logits processors do not apply here.
        """
        if not self.loaded:
            self.load()
        params = [self.validate(r.params) for r in requests]
        results: list[GeneratedItem | None] = [None] * len(requests)
        groups: dict[int, list[int]] = {}
        for i, p in enumerate(params):
            groups.setdefault(int(p["steps"]), []).append(i)
        n = self.native_resolution
        for steps, idxs in groups.items():
            noises, conds = [], []
            for i in idxs:
                # Per-request CPU generator: the noise depends on the seed only, not on batch position or device.
                gen = torch.Generator(device="cpu").manual_seed(int(requests[i].seed))
                noises.append(torch.randn((1, 3, n, n), generator=gen))
                conds.append(self.vocab.match(requests[i].prompt, int(requests[i].seed)) if self.vocab else None)
            class_ids = (
                torch.tensor([c["class_id"] for c in conds], device=self.device) if self.vocab is not None else None
            )
            guidance = torch.tensor([float(params[i].get("guidance_scale", 1.0)) for i in idxs])
            t0 = time.perf_counter()
            pixels = self._denoise(torch.cat(noises), class_ids, guidance, steps)
            denoise_s = time.perf_counter() - t0
            for j, i in enumerate(idxs):
                t1 = time.perf_counter()
                size = int(params[i].get("size", n))
                results[i] = GeneratedItem(
                    data=encode_png(pixels[j], size),
                    mime="image/png",
                    metadata={
                        "model": self.spec.name,
                        "model_version": self.spec.version,
                        "family": self.spec.family,
                        "prompt": requests[i].prompt,
                        "seed": int(requests[i].seed),
                        "params": params[i],
                        "condition": conds[j] or {"class_id": None, "label": None, "match": "unconditional"},
                        "native_resolution": n,
                        "width": size,
                        "height": size,
                        "resampler": RESAMPLER_NAME,
                        "scheduler": "DDIMScheduler(eta=0)",
                        "steps": steps,
                        "device": self.device,
                        "dtype": self.dtype,
                        "timings": {
                            "batch_size": len(idxs),
                            "denoise_s": round(denoise_s, 4),
                            "denoise_per_item_s": round(denoise_s / len(idxs), 4),
                            "encode_s": round(time.perf_counter() - t1, 4),
                        },
                    },
                )
        return [r for r in results if r is not None]
