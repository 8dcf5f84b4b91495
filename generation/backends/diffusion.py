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

import io
import json
import random
import re
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch
from PIL import Image

from generation.backends.base import Backend, register_backend
from generation.types import GeneratedItem, GenerationRequest, ModelLoadError, ModelSpec

RESAMPLER = Image.Resampling.LANCZOS
_WORD = re.compile(r"[a-z0-9_]+")


class ClassVocabulary:
    """Maps prompts to class ids using the label words of each class."""

    def __init__(self, classes: list[str], null_class: int | None, synonyms: dict[str, str] | None = None) -> None:
        self.classes = classes
        self.null_class = null_class
        self.synonyms = {k.lower(): v.lower() for k, v in (synonyms or {}).items()}
        self._words = [set(self._tokens(label)) for label in classes]

    def _tokens(self, text: str) -> list[str]:
        return [self.synonyms.get(w, w) for w in _WORD.findall(text.lower())]

    def match(self, prompt: str, seed: int) -> dict[str, Any]:
        """Return ``{"class_id", "label", "match"}`` with match in exact | partial | none."""
        words = set(self._tokens(prompt))
        scores = [len(w & words) for w in self._words]
        best = max(scores, default=0)
        if best == 0:
            if self.null_class is not None:
                return {"class_id": self.null_class, "label": None, "match": "none"}
            cid = random.Random(seed).randrange(len(self.classes))
            return {"class_id": cid, "label": self.classes[cid], "match": "none"}
        exact = [i for i, w in enumerate(self._words) if w and w <= words]
        candidates = exact or [i for i, s in enumerate(scores) if s == best]
        cid = candidates[0] if len(candidates) == 1 else random.Random(seed).choice(candidates)
        return {"class_id": cid, "label": self.classes[cid], "match": "exact" if exact else "partial"}


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
        root = Path(self.spec.source).expanduser()
        if not root.is_dir():
            raise ModelLoadError(
                f"model {self.spec.name!r}: source {self.spec.source!r} is not a local directory "
                "(this backend loads local diffusers checkpoints only; nothing is downloaded)"
            )
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
        path = root / "labels.json"
        if num_class_embeds is None:
            return None
        if not path.is_file():
            # No vocabulary: name the classes by number and draw one when the prompt names none.
            return ClassVocabulary([f"class_{i}" for i in range(num_class_embeds)], None)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            classes = [str(c) for c in data["classes"]]
            null_class = data.get("null_class")
        except (ValueError, KeyError, TypeError) as exc:
            raise ModelLoadError(f"model {self.spec.name!r}: malformed {path}: {exc}") from exc
        total = len(classes) + (1 if null_class is not None else 0)
        if null_class is not None and (not isinstance(null_class, int) or not 0 <= null_class < num_class_embeds):
            raise ModelLoadError(f"model {self.spec.name!r}: null_class must be an id below {num_class_embeds}")
        if total != num_class_embeds:
            raise ModelLoadError(
                f"model {self.spec.name!r}: labels.json names {total} classes but the UNet has {num_class_embeds}"
            )
        return ClassVocabulary(classes, null_class, data.get("synonyms"))

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
        return ((x.clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8).permute(0, 2, 3, 1).cpu()

    def generate(self, requests: list[GenerationRequest]) -> list[GeneratedItem]:
        """Validate every request first (fail before spending compute), then batch by step count."""
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
                img = Image.fromarray(np.ascontiguousarray(pixels[j].numpy()), "RGB")
                if size != n:
                    img = img.resize((size, size), RESAMPLER)
                buf = io.BytesIO()
                img.save(buf, format="PNG")
                results[i] = GeneratedItem(
                    data=buf.getvalue(),
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
                        "resampler": "lanczos",
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
