"""Autoregressive text-to-audio: MusicGen-style checkpoints (transformers), from a local folder.

``AutoModelForTextToWaveform.from_pretrained(source, local_files_only=True)`` (which gives
``MusicgenForConditionalGeneration`` / ``MusicgenMelodyForConditionalGeneration`` for their
configs) and ``AutoProcessor.from_pretrained(source)`` (T5 tokenizer + EnCodec feature
extractor); nothing is downloaded. The text encoder conditions a decoder that samples
EnCodec audio codes, which EnCodec decodes to a waveform; ``duration`` seconds become
``ceil(duration * frame_rate) + num_codebooks - 1`` new tokens (the codebook delay pattern
costs ``num_codebooks - 1`` steps) and the waveform is trimmed to exactly ``duration``.

Sampling uses the global torch RNG inside ``generate``, so each request runs on its own,
inside ``torch.random.fork_rng`` seeded with its seed: the same request gives the same
audio on the same device whatever else was asked, and the caller's RNG state is untouched.
``hooks.logits_processors`` (text-vocabulary watermarks) do not apply to audio codes and
are ignored; ``hooks.audio_watermark`` marks the final waveform before encoding.

Params: ``duration`` (s), ``guidance_scale`` (classifier-free guidance; <= 1 turns it off),
``temperature`` (0 = greedy), ``top_k`` (0 = no top-k filter), ``format`` (wav|mp3).
"""

from __future__ import annotations

import math
import time
from typing import Any

import numpy as np
import torch

from generation.backends.audio_common import check_format, finish_audio, fit_length, parse_music_prompt
from generation.backends.autoregressive import load_local_transformers
from generation.backends.base import Backend, register_backend
from generation.types import (
    GeneratedItem,
    GenerationHooks,
    GenerationRequest,
    InvalidParameters,
    ModelLoadError,
    ModelSpec,
)

DEFAULT_DURATION = 5.0  # seconds, when the registry entry has no duration param


@register_backend("transformers-text-to-audio")
class TextToAudioBackend(Backend):
    """A MusicGen-style text-to-waveform model sampled one seeded request at a time."""

    def __init__(self, spec: ModelSpec) -> None:
        super().__init__(spec)
        self.model: Any = None
        self.processor: Any = None
        self.sample_rate = 0
        self.frame_rate = 0.0
        self.num_codebooks = 1
        self.max_frames: int | None = None
        self.load_seconds = 0.0

    def load(self) -> None:
        """Load model + processor from local files; reject text-to-waveform models that are not MusicGen-like."""
        if self.loaded:
            return
        t0 = time.perf_counter()
        processor, model = load_local_transformers(self, "transformers text-to-audio checkpoints",
                                                   "AutoModelForTextToWaveform", "AutoProcessor")
        cfg = model.config
        audio_cfg = getattr(cfg, "audio_encoder", None)
        decoder_cfg = getattr(cfg, "decoder", None)
        if audio_cfg is None or decoder_cfg is None or not hasattr(audio_cfg, "frame_rate"):
            raise ModelLoadError(
                f"model {self.spec.name!r}: {type(model).__name__} is not MusicGen-style "
                "(needs an audio_encoder with a frame_rate and a decoder of audio codes)"
            )
        self.model = model
        self.processor = processor
        self.sample_rate = int(audio_cfg.sampling_rate)
        self.frame_rate = float(audio_cfg.frame_rate)
        self.num_codebooks = int(getattr(decoder_cfg, "num_codebooks", 1))
        self.max_frames = getattr(decoder_cfg, "max_position_embeddings", None)
        self.load_seconds = time.perf_counter() - t0
        self.loaded = True

    def validate(self, params: dict[str, Any] | None) -> dict[str, Any]:
        out = super().validate(params)
        check_format(out)
        top_k = out.get("top_k", 0)
        if isinstance(top_k, bool) or not isinstance(top_k, int) or top_k < 0:
            raise InvalidParameters("top_k must be an integer >= 0 (0 = no top-k filter)", "top_k")
        return out

    def new_tokens(self, duration: float) -> int:
        """Decoder steps for ``duration`` seconds (codebook delay included); checked against the context."""
        steps = math.ceil(duration * self.frame_rate) + self.num_codebooks - 1
        if self.max_frames and steps > self.max_frames:
            longest = (self.max_frames - self.num_codebooks + 1) / self.frame_rate
            raise InvalidParameters(
                f"duration must be at most {longest:.1f} s for this model (its decoder context)", "duration"
            )
        return steps

    @torch.inference_mode()
    def _one(self, prompt: str, p: dict[str, Any], seed: int) -> np.ndarray:
        """Sample one waveform ``(n, channels)`` float32 for one prompt under its own seed."""
        inputs = self.processor(text=[prompt], padding=True, return_tensors="pt")
        inputs = {k: v.to(self.device) for k, v in inputs.items()}
        temperature = float(p.get("temperature", 1.0))
        guidance = float(p.get("guidance_scale", 3.0))
        kwargs: dict[str, Any] = {
            "max_new_tokens": self.new_tokens(float(p.get("duration", DEFAULT_DURATION))),
            "do_sample": temperature > 0,
            "guidance_scale": guidance,  # explicit: None would fall back to the checkpoint's generation_config
        }
        if temperature > 0:
            kwargs["temperature"] = temperature
            kwargs["top_k"] = int(p.get("top_k", 0))  # 0 disables top-k (None would mean the checkpoint's 250)
        devices = [torch.device(self.device)] if self.device.startswith("cuda") else []
        with torch.random.fork_rng(devices=devices):
            torch.manual_seed(int(seed))
            audio = self.model.generate(**inputs, **kwargs)
        wav = audio[0].float().cpu().numpy()  # (channels, n)
        return wav.T.astype(np.float32)

    def generate(self, requests: list[GenerationRequest], hooks: GenerationHooks | None = None) -> list[GeneratedItem]:
        """Validate every request first, then sample, watermark and encode each."""
        if not self.loaded:
            self.load()
        params = [self.validate(r.params) for r in requests]
        for p in params:
            self.new_tokens(float(p.get("duration", DEFAULT_DURATION)))  # fail before any compute
        items = []
        for req, p in zip(requests, params, strict=True):
            t0 = time.perf_counter()
            pcm = self._one(req.prompt, p, req.seed)
            gen_s = time.perf_counter() - t0
            pcm = fit_length(pcm, int(round(float(p.get("duration", DEFAULT_DURATION)) * self.sample_rate)))
            data, mime, audio_meta = finish_audio(pcm, self.sample_rate, p.get("format", "wav"), hooks)
            items.append(
                GeneratedItem(
                    data=data,
                    mime=mime,
                    metadata={
                        "model": self.spec.name,
                        "model_version": self.spec.version,
                        "family": self.spec.family,
                        "modality": "audio",
                        "prompt": req.prompt,
                        "seed": int(req.seed),
                        "params": p,
                        "condition": parse_music_prompt(req.prompt),
                        **{k: audio_meta[k] for k in ("sample_rate", "channels", "duration_s", "watermarked")},
                        "audio": audio_meta,
                        "architecture": type(self.model).__name__,
                        "frame_rate": self.frame_rate,
                        "num_codebooks": self.num_codebooks,
                        "new_tokens": self.new_tokens(float(p.get("duration", DEFAULT_DURATION))),
                        "device": self.device,
                        "dtype": self.dtype,
                        "timings": {
                            "batch_size": 1,
                            "generate_s": round(gen_s, 4),
                            "per_audio_second_s": round(gen_s / float(p.get("duration", DEFAULT_DURATION)), 4),
                            "encode_s": audio_meta["encode_s"],
                        },
                    },
                )
            )
        return items
