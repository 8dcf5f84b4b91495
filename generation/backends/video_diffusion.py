"""Text-to-video diffusion with a local diffusers pipeline folder (ModelScope / zeroscope and kin).

``DiffusionPipeline.from_pretrained(source, local_files_only=True)`` loads whatever pipeline
``model_index.json`` names, e.g. ``TextToVideoSDPipeline`` (``UNet3DConditionModel`` +
``AutoencoderKL`` + ``CLIPTextModel`` + ``CLIPTokenizer``), with whatever scheduler its
``scheduler/scheduler_config.json`` names; nothing is downloaded. Any pipeline whose output
has ``.frames`` works (numpy, torch or lists of PIL frames are all accepted).

Params (each used only if the registry entry lists it and the pipeline's ``__call__`` takes it):
``steps``, ``guidance_scale``, ``num_frames``, ``width`` / ``height`` (or ``size`` for both;
multiples of the VAE scale factor), ``negative_prompt``, and ``fps`` (playback rate of the MP4;
the pipelines themselves do not take one). The seed is the request's: each request gets its
own CPU ``torch.Generator``, so a video depends on its seed only (CPU noise, moved to the GPU).

Each request is one pipeline call: a video is already a batch of frames, a second video would
double the peak memory of the UNet and of the VAE decode, and stochastic schedulers draw their
per-step noise for ``batch x frames`` samples, which a per-request generator list cannot seed.
The final uint8 frames go through ``hooks.frame_watermark`` (when given) and are encoded to
H.264 MP4 by ``video_common.finish_video``. CUDA + float16 when a GPU is present (registry
``device``/``dtype`` "auto"), with the VAE decoding frame by frame (``enable_slicing``) to bound
memory; CPU + float32 otherwise.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import torch

from generation.backends.base import Backend, register_backend
from generation.backends.pipeline import load_local_pipeline
from generation.backends.video_common import MIME, finish_video
from generation.types import (
    GeneratedItem,
    GenerationHooks,
    GenerationRequest,
    InvalidParameters,
    ModelLoadError,
    ModelSpec,
)

DEFAULT_FPS = 8


def frames_to_uint8(frames: Any) -> np.ndarray:
    """One video from a pipeline's ``.frames`` -> ``(T, H, W, 3)`` uint8 RGB.

    Accepts a batch (first video is taken) or a single video as numpy/torch (float in [0, 1] or
    uint8; channels last or first) or a list of PIL images / arrays.
    """
    if isinstance(frames, torch.Tensor):
        frames = frames.detach().float().cpu().numpy()
    if isinstance(frames, (list, tuple)):
        if not frames:
            raise ValueError("the pipeline returned no frames")
        first = frames[0]
        if isinstance(first, (list, tuple)) or (isinstance(first, (np.ndarray, torch.Tensor)) and first.ndim == 4):
            return frames_to_uint8(first)  # a batch of videos: ours is the first
        frames = np.stack([np.asarray(f.convert("RGB")) if hasattr(f, "convert") else np.asarray(f) for f in frames])
    arr = np.asarray(frames)
    if arr.ndim == 5:
        arr = arr[0]
    if arr.ndim == 3:  # (T, H, W) grey
        arr = arr[..., None]
    if arr.ndim != 4:
        raise ValueError(f"cannot read video frames of shape {arr.shape}")
    if arr.shape[-1] not in (1, 3, 4) and arr.shape[1] in (1, 3, 4):  # (T, C, H, W)
        arr = arr.transpose(0, 2, 3, 1)
    if arr.dtype != np.uint8:
        arr = (np.clip(arr.astype(np.float32), 0.0, 1.0) * 255).round().astype(np.uint8)
    if arr.shape[-1] == 1:
        arr = np.repeat(arr, 3, axis=-1)
    return np.ascontiguousarray(arr[..., :3])


@register_backend("diffusers-text-to-video")
class TextToVideoBackend(Backend):
    """Any local diffusers pipeline whose ``__call__`` returns ``.frames`` (e.g. ``TextToVideoSDPipeline``)."""

    def __init__(self, spec: ModelSpec) -> None:
        super().__init__(spec)
        self.pipe: Any = None
        self.call_params: set[str] = set()
        self.scale_factor = 8
        self.load_seconds = 0.0

    def load(self) -> None:
        """Load the pipeline onto the resolved device/dtype; idempotent; never downloads."""
        if self.loaded:
            return
        t0 = time.perf_counter()
        pipe, self.call_params = load_local_pipeline(self, "diffusers text-to-video pipelines")
        vae = getattr(pipe, "vae", None)
        if self.device.startswith("cuda") and hasattr(vae, "enable_slicing"):
            vae.enable_slicing()  # decode one frame batch at a time: long clips would not fit otherwise
        if "num_frames" not in self.call_params:
            raise ModelLoadError(
                f"model {self.spec.name!r}: {type(pipe).__name__} takes no num_frames; not a text-to-video pipeline"
            )
        self.pipe = pipe
        # Text-to-video pipelines check sizes against 8 whatever their VAE does; a VAE that downsamples more wins.
        vae_factor = getattr(pipe, "vae_scale_factor_spatial", None) or getattr(pipe, "vae_scale_factor", None) or 8
        self.scale_factor = max(8, int(vae_factor))
        self.load_seconds = time.perf_counter() - t0
        self.loaded = True

    def validate(self, params: dict[str, Any] | None) -> dict[str, Any]:
        """Registry limits, then what the limits cannot say: a string negative prompt, sizes on the latent grid."""
        out = super().validate(params)
        neg = out.get("negative_prompt")
        if neg is not None and (not isinstance(neg, str) or len(neg) > 2000):
            raise InvalidParameters("negative_prompt must be a string of at most 2000 characters", "negative_prompt")
        for name in ("width", "height", "size"):
            v = out.get(name)
            if v is not None and int(v) % self.scale_factor:
                raise InvalidParameters(f"{name} must be a multiple of {self.scale_factor}", name)
        return out

    def _call_kwargs(self, request: GenerationRequest, p: dict[str, Any]) -> dict[str, Any]:
        kwargs: dict[str, Any] = {
            "prompt": request.prompt,
            "generator": torch.Generator(device="cpu").manual_seed(int(request.seed)),
            "output_type": "np",
        }
        optional = {
            "num_inference_steps": p.get("steps"),
            "guidance_scale": p.get("guidance_scale"),
            "num_frames": p.get("num_frames"),
            "width": p.get("width", p.get("size")),
            "height": p.get("height", p.get("size")),
            "negative_prompt": p.get("negative_prompt") or None,
        }
        for key, value in optional.items():
            if value is not None and key in self.call_params:
                kwargs[key] = value
        return {k: v for k, v in kwargs.items() if k in self.call_params}

    def generate(self, requests: list[GenerationRequest], hooks: GenerationHooks | None = None) -> list[GeneratedItem]:
        """Validate every request first (fail before spending compute), then one pipeline call per request."""
        if not self.loaded:
            self.load()
        params = [self.validate(r.params) for r in requests]
        scheduler = type(self.pipe.scheduler).__name__ if hasattr(self.pipe, "scheduler") else None
        out = []
        for req, p in zip(requests, params, strict=True):
            kwargs = self._call_kwargs(req, p)
            t0 = time.perf_counter()
            try:
                with torch.inference_mode():
                    result = self.pipe(**kwargs)
            except (ValueError, TypeError) as exc:  # e.g. a size or frame count the model cannot do
                raise InvalidParameters(f"the pipeline rejected the parameters: {exc}") from exc
            denoise_s = time.perf_counter() - t0
            frames = frames_to_uint8(result.frames)
            data, facts = finish_video(frames, p.get("fps", DEFAULT_FPS), hooks)
            num = int(frames.shape[0])
            out.append(
                GeneratedItem(
                    data=data,
                    mime=MIME,
                    metadata={
                        "model": self.spec.name,
                        "model_version": self.spec.version,
                        "family": self.spec.family,
                        "modality": "video",
                        "prompt": req.prompt,
                        "seed": int(req.seed),
                        "params": p,
                        "pipeline": type(self.pipe).__name__,
                        "scheduler": scheduler,
                        "steps": kwargs.get("num_inference_steps"),
                        **{k: v for k, v in facts.items() if k != "timings"},
                        "device": self.device,
                        "dtype": self.dtype,
                        "timings": {
                            "denoise_s": round(denoise_s, 4),
                            "denoise_per_frame_s": round(denoise_s / max(num, 1), 4),
                            **facts["timings"],
                        },
                    },
                )
            )
        return out
