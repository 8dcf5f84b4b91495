"""Text-to-image diffusion with a standard diffusers pipeline folder (Stable Diffusion and kin).

``DiffusionPipeline.from_pretrained(source, local_files_only=True)`` loads whatever
pipeline class ``model_index.json`` names (e.g. ``StableDiffusionPipeline``) with whatever
scheduler its ``scheduler/scheduler_config.json`` names; nothing is downloaded. The
pipeline's own safety checker, if any, is not loaded: ``safety/`` judges every output.

Params (each used only if the registry entry lists it): ``steps``, ``guidance_scale``,
``width`` / ``height`` (or ``size`` for both; multiples of the VAE scale factor),
``negative_prompt``. Each request gets its own CPU ``torch.Generator`` seeded with its
seed, passed to the pipeline as a list, so an image depends on its seed, not on its batch.
Requests that share steps, guidance and size run as one pipeline call.
"""

from __future__ import annotations

import inspect
import time
from typing import Any

import numpy as np
import torch

from generation.backends.base import Backend, register_backend
from generation.backends.imaging import encode_png
from generation.types import (
    GeneratedItem,
    GenerationHooks,
    GenerationRequest,
    InvalidParameters,
    ModelLoadError,
    ModelSpec,
)


def load_local_pipeline(backend: Backend, kind: str, **optional_kwargs: Any) -> tuple[Any, set[str]]:
    """A local ``DiffusionPipeline`` folder on the backend's device and dtype, and the names its
    ``__call__`` takes. Never downloads; every failure is a ``ModelLoadError`` naming the model.

    ``optional_kwargs`` (e.g. ``safety_checker=None``) are tried first and dropped for pipelines
    that reject them. Shared by the image, audio and video pipeline backends.
    """
    name = backend.spec.name
    root = backend.local_source(kind)
    if not (root / "model_index.json").is_file():
        raise ModelLoadError(f"model {name!r}: {root} has no model_index.json (a pipeline save_pretrained folder)")
    from diffusers import DiffusionPipeline
    from diffusers.utils import logging as dlogging
    from transformers.utils import logging as hf_logging

    for logs in (dlogging, hf_logging):
        logs.set_verbosity_error()
        logs.disable_progress_bar()
    dtype = getattr(torch, backend.dtype)
    pipe = None
    for kwargs in ([optional_kwargs] if optional_kwargs else []) + [{}]:
        try:
            pipe = DiffusionPipeline.from_pretrained(root, local_files_only=True, dtype=dtype, **kwargs)
            break
        except TypeError as exc:  # with optional kwargs: a pipeline that takes no safety checker; try without
            if not kwargs:
                raise ModelLoadError(f"model {name!r}: cannot load pipeline from {root}: {exc}") from exc
        except Exception as exc:  # diffusers raises OSError/ValueError/KeyError variously
            raise ModelLoadError(f"model {name!r}: cannot load pipeline from {root}: {exc}") from exc
    try:
        pipe = pipe.to(backend.device)
    except Exception as exc:
        raise ModelLoadError(f"model {name!r}: cannot move to {backend.device}/{backend.dtype}: {exc}") from exc
    pipe.set_progress_bar_config(disable=True)
    return pipe, set(inspect.signature(pipe.__call__).parameters)


@register_backend("diffusers-pipeline")
class DiffusersPipelineBackend(Backend):
    """Any local diffusers pipeline whose ``__call__`` returns images."""

    def __init__(self, spec: ModelSpec) -> None:
        super().__init__(spec)
        self.pipe: Any = None
        self.call_params: set[str] = set()
        self.scale_factor = 8
        self.default_size: int | None = None
        self.load_seconds = 0.0

    def load(self) -> None:
        if self.loaded:
            return
        t0 = time.perf_counter()
        pipe, self.call_params = load_local_pipeline(self, "diffusers pipelines", safety_checker=None,
                                                     requires_safety_checker=False)
        self.pipe = pipe
        self.scale_factor = int(getattr(pipe, "vae_scale_factor", 8) or 8)
        unet = getattr(pipe, "unet", None) or getattr(pipe, "transformer", None)
        sample = getattr(getattr(unet, "config", None), "sample_size", None)
        if isinstance(sample, int):
            self.default_size = sample * self.scale_factor if hasattr(pipe, "vae") else sample
        self.load_seconds = time.perf_counter() - t0
        self.loaded = True

    def validate(self, params: dict[str, Any] | None) -> dict[str, Any]:
        out = super().validate(params)
        neg = out.get("negative_prompt")
        if neg is not None and (not isinstance(neg, str) or len(neg) > 2000):
            raise InvalidParameters("negative_prompt must be a string of at most 2000 characters", "negative_prompt")
        return out

    def _size(self, p: dict[str, Any]) -> tuple[int | None, int | None]:
        w = p.get("width", p.get("size"))
        h = p.get("height", p.get("size"))
        for name, v in (("width", w), ("height", h)):
            if v is not None and int(v) % self.scale_factor:
                raise InvalidParameters(f"{name} must be a multiple of {self.scale_factor}", name)
        return (int(w) if w is not None else None), (int(h) if h is not None else None)

    def generate(self, requests: list[GenerationRequest], hooks: GenerationHooks | None = None) -> list[GeneratedItem]:
        """``hooks`` (logits processors) do not apply to diffusion and are ignored."""
        if not self.loaded:
            self.load()
        params = [self.validate(r.params) for r in requests]
        sizes = [self._size(p) for p in params]
        groups: dict[tuple, list[int]] = {}
        for i, p in enumerate(params):
            key = (p.get("steps"), p.get("guidance_scale"), sizes[i])
            groups.setdefault(key, []).append(i)
        results: list[GeneratedItem | None] = [None] * len(requests)
        scheduler = type(self.pipe.scheduler).__name__ if hasattr(self.pipe, "scheduler") else None
        for (steps, guidance, (w, h)), idxs in groups.items():
            kwargs: dict[str, Any] = {
                "generator": [torch.Generator(device="cpu").manual_seed(int(requests[i].seed)) for i in idxs],
                "output_type": "np",
            }
            if "prompt" in self.call_params:
                kwargs["prompt"] = [requests[i].prompt for i in idxs]
            else:
                kwargs["batch_size"] = len(idxs)
            if steps is not None:
                kwargs["num_inference_steps"] = int(steps)
            if guidance is not None and "guidance_scale" in self.call_params:
                kwargs["guidance_scale"] = float(guidance)
            if w is not None and "width" in self.call_params:
                kwargs["width"], kwargs["height"] = w, h
            negs = [params[i].get("negative_prompt") or "" for i in idxs]
            if any(negs) and "negative_prompt" in self.call_params:
                kwargs["negative_prompt"] = negs
            t0 = time.perf_counter()
            try:
                with torch.inference_mode():
                    images = self.pipe(**kwargs).images
            except (ValueError, TypeError) as exc:  # e.g. a size the model cannot do
                raise InvalidParameters(f"the pipeline rejected the parameters: {exc}") from exc
            denoise_s = time.perf_counter() - t0
            arr = (np.clip(np.asarray(images), 0, 1) * 255).round().astype(np.uint8)
            for j, i in enumerate(idxs):
                px = arr[j]
                if px.ndim == 2:
                    px = np.stack([px] * 3, axis=-1)
                px = px[..., :3] if px.shape[-1] >= 3 else np.repeat(px, 3, axis=-1)
                ph, pw = px.shape[:2]
                results[i] = GeneratedItem(
                    data=encode_png(px, pw, ph),
                    mime="image/png",
                    metadata={
                        "model": self.spec.name,
                        "model_version": self.spec.version,
                        "family": self.spec.family,
                        "prompt": requests[i].prompt,
                        "seed": int(requests[i].seed),
                        "params": params[i],
                        "pipeline": type(self.pipe).__name__,
                        "scheduler": scheduler,
                        "width": pw,
                        "height": ph,
                        "steps": steps,
                        "device": self.device,
                        "dtype": self.dtype,
                        "timings": {
                            "batch_size": len(idxs),
                            "denoise_s": round(denoise_s, 4),
                            "denoise_per_item_s": round(denoise_s / len(idxs), 4),
                        },
                    },
                )
        return [r for r in results if r is not None]
