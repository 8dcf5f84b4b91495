"""Shared backend for one-shot latent -> image decoders (the GAN generator, the VAE decoder).

Both families draw a latent vector per request from a CPU generator seeded with
``GenerationRequest.seed`` (so the bytes depend on the seed only, not on batch position),
scale it by a per-request parameter (GAN ``truncation``, VAE ``temperature``; 0 gives the
prior mean), decode the whole batch in one forward pass with the prompt's class id, and
upscale the native-resolution image to ``size`` with the shared Lanczos/PNG code.

The checkpoint is a diffusers ``ModelMixin`` + ``ConfigMixin`` folder (``config.json`` +
``diffusion_pytorch_model.safetensors``), flat in ``source`` or in a subfolder the
subclass names (``generator/``, ``vae/``), with an optional ``labels.json``.
"""

from __future__ import annotations

import time
from typing import Any, ClassVar

import torch

from generation.backends.base import Backend
from generation.backends.conditioning import ClassVocabulary, load_vocabulary
from generation.backends.imaging import RESAMPLER_NAME, encode_png, to_uint8_hwc
from generation.types import GeneratedItem, GenerationHooks, GenerationRequest, ModelLoadError, ModelSpec


class LatentDecoderBackend(Backend):
    """Subclasses set ``model_class``, ``subfolder``, ``latent_param`` and ``what``."""

    model_class: ClassVar[type]
    subfolder: ClassVar[str]
    latent_param: ClassVar[str]  # the request param that scales the latent
    what: ClassVar[str]  # human name for messages ("GAN generator")

    def __init__(self, spec: ModelSpec) -> None:
        super().__init__(spec)
        self.model: Any = None
        self.vocab: ClassVocabulary | None = None
        self.native_resolution = 0
        self.load_seconds = 0.0

    def load(self) -> None:
        """Load weights and vocabulary onto the resolved device/dtype; idempotent."""
        if self.loaded:
            return
        t0 = time.perf_counter()
        root = self.local_source()
        if (root / self.subfolder / "config.json").is_file():
            sub: str | None = self.subfolder
        elif (root / "config.json").is_file():
            sub = None
        else:
            raise ModelLoadError(
                f"model {self.spec.name!r}: {root} needs {self.subfolder}/config.json (or config.json at its top level)"
            )
        try:
            model = self.model_class.from_pretrained(root, subfolder=sub, local_files_only=True)
        except Exception as exc:  # diffusers raises OSError/ValueError/TypeError variously
            raise ModelLoadError(f"model {self.spec.name!r}: cannot load a {self.what} from {root}: {exc}") from exc
        num = int(model.config.num_classes)
        self.vocab = load_vocabulary(root, num or None, self.spec.name, what=self.what)
        try:
            self.model = model.to(device=self.device, dtype=getattr(torch, self.dtype)).eval()
        except Exception as exc:
            raise ModelLoadError(f"model {self.spec.name!r}: cannot move to {self.device}/{self.dtype}: {exc}") from exc
        self.native_resolution = int(model.config.image_size)
        self.load_seconds = time.perf_counter() - t0
        self.loaded = True

    @torch.inference_mode()
    def _decode(self, z: torch.Tensor, class_ids: torch.Tensor | None) -> torch.Tensor:
        dtype = getattr(torch, self.dtype)
        return to_uint8_hwc(self.model.decode(z.to(self.device, dtype), class_ids))

    def generate(self, requests: list[GenerationRequest], hooks: GenerationHooks | None = None) -> list[GeneratedItem]:
        """One forward pass for the whole batch; ``hooks`` do not apply to image decoders."""
        if not self.loaded:
            self.load()
        params = [self.validate(r.params) for r in requests]
        if not requests:
            return []
        latent_dim = int(self.model.config.latent_dim)
        zs, conds = [], []
        for req, p in zip(requests, params, strict=True):
            gen = torch.Generator(device="cpu").manual_seed(int(req.seed))
            scale = float(p.get(self.latent_param, 1.0))
            zs.append(torch.randn((1, latent_dim), generator=gen) * scale)
            conds.append(self.vocab.match(req.prompt, int(req.seed)) if self.vocab else None)
        class_ids = torch.tensor([c["class_id"] for c in conds], device=self.device) if self.vocab is not None else None
        t0 = time.perf_counter()
        pixels = self._decode(torch.cat(zs), class_ids)
        decode_s = time.perf_counter() - t0
        n = self.native_resolution
        out = []
        for j, (req, p) in enumerate(zip(requests, params, strict=True)):
            t1 = time.perf_counter()
            size = int(p.get("size", n))
            data = encode_png(pixels[j], size)
            out.append(
                GeneratedItem(
                    data=data,
                    mime="image/png",
                    metadata={
                        "model": self.spec.name,
                        "model_version": self.spec.version,
                        "family": self.spec.family,
                        "prompt": req.prompt,
                        "seed": int(req.seed),
                        "params": p,
                        "condition": conds[j] or {"class_id": None, "label": None, "match": "unconditional"},
                        "native_resolution": n,
                        "width": size,
                        "height": size,
                        "resampler": RESAMPLER_NAME,
                        "device": self.device,
                        "dtype": self.dtype,
                        "timings": {
                            "batch_size": len(requests),
                            "decode_s": round(decode_s, 4),
                            "decode_per_item_s": round(decode_s / len(requests), 4),
                            "encode_s": round(time.perf_counter() - t1, 4),
                        },
                    },
                )
            )
        return out
