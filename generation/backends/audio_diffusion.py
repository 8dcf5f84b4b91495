"""Diffusion text-to-audio: a diffusers audio pipeline folder (AudioLDM, AudioLDM 2, Stable Audio).

``DiffusionPipeline.from_pretrained(source, local_files_only=True)`` loads whatever pipeline
``model_index.json`` names; nothing is downloaded. The pipeline must be a text-to-audio one:
its ``__call__`` takes ``audio_length_in_s`` (AudioLDM, AudioLDM 2: a latent diffusion over
a mel spectrogram, then a HiFi-GAN vocoder) or ``audio_end_in_s`` (Stable Audio: a DiT over
Oobleck latents). The sample rate is the vocoder's (``vocoder.config.sampling_rate``) or the
VAE's (``vae.config.sampling_rate``).

Params (each used only if the registry entry lists it): ``steps``, ``guidance_scale``,
``duration`` (s), ``negative_prompt``, ``format`` (wav|mp3). Each request gets its own CPU
``torch.Generator`` seeded with its seed, passed to the pipeline as a list, so the audio
depends on the seed, not on the batch; requests that share steps, guidance and duration run
as one pipeline call. ``hooks.audio_watermark`` marks each final waveform before encoding.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import torch

from generation.backends.audio_common import check_format, finish_audio, fit_length, parse_music_prompt
from generation.backends.base import Backend, register_backend
from generation.backends.pipeline import load_local_pipeline
from generation.types import (
    GeneratedItem,
    GenerationHooks,
    GenerationRequest,
    InvalidParameters,
    ModelLoadError,
    ModelSpec,
)

LENGTH_ARGS = ("audio_length_in_s", "audio_end_in_s")


@register_backend("diffusers-audio")
class DiffusersAudioBackend(Backend):
    """A local diffusers text-to-audio pipeline."""

    def __init__(self, spec: ModelSpec) -> None:
        super().__init__(spec)
        self.pipe: Any = None
        self.call_params: set[str] = set()
        self.length_arg = "audio_length_in_s"
        self.sample_rate = 16000
        self.load_seconds = 0.0

    def load(self) -> None:
        """Load the pipeline; refuse folders whose pipeline does not make audio."""
        if self.loaded:
            return
        t0 = time.perf_counter()
        pipe, params = load_local_pipeline(self, "diffusers audio pipelines")
        length_arg = next((a for a in LENGTH_ARGS if a in params), None)
        if length_arg is None:
            raise ModelLoadError(
                f"model {self.spec.name!r}: {type(pipe).__name__} is not a text-to-audio pipeline "
                f"(its __call__ takes none of {list(LENGTH_ARGS)})"
            )
        vocoder = getattr(pipe, "vocoder", None)
        vae = getattr(pipe, "vae", None)
        rate = getattr(getattr(vocoder, "config", None), "sampling_rate", None)
        rate = rate or getattr(getattr(vae, "config", None), "sampling_rate", None)
        if not rate:
            raise ModelLoadError(f"model {self.spec.name!r}: cannot tell the sample rate (no vocoder or vae config)")
        self.pipe, self.call_params, self.length_arg, self.sample_rate = pipe, params, length_arg, int(rate)
        self.load_seconds = time.perf_counter() - t0
        self.loaded = True

    def validate(self, params: dict[str, Any] | None) -> dict[str, Any]:
        out = super().validate(params)
        check_format(out)
        neg = out.get("negative_prompt")
        if neg is not None and (not isinstance(neg, str) or len(neg) > 2000):
            raise InvalidParameters("negative_prompt must be a string of at most 2000 characters", "negative_prompt")
        return out

    def _call(self, prompts: list[str], negs: list[str] | None, gens: list[torch.Generator], p: dict[str, Any]) -> Any:
        kwargs: dict[str, Any] = {"prompt": prompts, "generator": gens, "output_type": "np"}
        if "steps" in p:
            kwargs["num_inference_steps"] = int(p["steps"])
        if "guidance_scale" in p:
            kwargs["guidance_scale"] = float(p["guidance_scale"])
        if "duration" in p:
            kwargs[self.length_arg] = float(p["duration"])
        if negs is not None and "negative_prompt" in self.call_params:
            kwargs["negative_prompt"] = negs
        with torch.inference_mode():
            audios = self.pipe(**kwargs).audios
        if isinstance(audios, torch.Tensor):
            audios = audios.float().cpu().numpy()
        return np.asarray(audios, dtype=np.float32)

    def generate(self, requests: list[GenerationRequest], hooks: GenerationHooks | None = None) -> list[GeneratedItem]:
        """Validate all, batch by (steps, guidance, duration), then watermark and encode each waveform."""
        if not self.loaded:
            self.load()
        params = [self.validate(r.params) for r in requests]
        groups: dict[tuple, list[int]] = {}
        for i, p in enumerate(params):
            groups.setdefault((p.get("steps"), p.get("guidance_scale"), p.get("duration")), []).append(i)
        results: list[GeneratedItem | None] = [None] * len(requests)
        pipeline = type(self.pipe).__name__
        scheduler = type(self.pipe.scheduler).__name__ if hasattr(self.pipe, "scheduler") else None
        for idxs in groups.values():
            p0 = params[idxs[0]]
            gens = [torch.Generator(device="cpu").manual_seed(int(requests[i].seed)) for i in idxs]
            negs = [str(params[i].get("negative_prompt") or "") for i in idxs]
            t0 = time.perf_counter()
            audios = self._call([requests[i].prompt for i in idxs], negs if any(negs) else None, gens, p0)
            gen_s = time.perf_counter() - t0
            for j, i in enumerate(idxs):
                wav = audios[j]
                pcm = wav[:, None] if wav.ndim == 1 else wav.T  # (n,) or (channels, n) -> (n, channels)
                if "duration" in params[i]:
                    pcm = fit_length(pcm, int(round(float(params[i]["duration"]) * self.sample_rate)))
                data, mime, audio_meta = finish_audio(pcm, self.sample_rate, params[i].get("format", "wav"), hooks)
                results[i] = GeneratedItem(
                    data=data,
                    mime=mime,
                    metadata={
                        "model": self.spec.name,
                        "model_version": self.spec.version,
                        "family": self.spec.family,
                        "modality": "audio",
                        "prompt": requests[i].prompt,
                        "seed": int(requests[i].seed),
                        "params": params[i],
                        "condition": parse_music_prompt(requests[i].prompt),
                        **{k: audio_meta[k] for k in ("sample_rate", "channels", "duration_s", "watermarked")},
                        "audio": audio_meta,
                        "pipeline": pipeline,
                        "scheduler": scheduler,
                        "device": self.device,
                        "dtype": self.dtype,
                        "timings": {
                            "batch_size": len(idxs),
                            "generate_s": round(gen_s, 4),
                            "generate_per_item_s": round(gen_s / len(idxs), 4),
                            "encode_s": audio_meta["encode_s"],
                        },
                    },
                )
        return [r for r in results if r is not None]
