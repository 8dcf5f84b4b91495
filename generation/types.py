"""Plain data shapes and typed errors of the generation package.

They carry no framework types so that the server, a worker or a notebook can use them
without importing Django or torch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

Family = Literal["gan", "vae", "autoregressive", "diffusion"]
Modality = Literal["image", "text", "audio", "video"]
FAMILIES: tuple[str, ...] = ("gan", "vae", "autoregressive", "diffusion")
MODALITIES: tuple[str, ...] = ("image", "text", "audio", "video")


@dataclass(frozen=True)
class ModelSpec:
    """One registry entry: what a model is and how to load it.

    ``source`` is a local directory (already resolved to an absolute path by the registry)
    or a hub id. ``defaults`` fill in missing request params; ``limits`` bound them
    (``[min, max]`` for numbers, a list of allowed values otherwise). ``quality`` (optional)
    makes ``quality.generate_with_quality`` regenerate items scoring below ``min_score``,
    at most ``max_attempts`` attempts in all.
    """

    name: str
    family: Family
    modality: Modality
    loader: str
    source: str
    version: str
    description: str = ""
    device: str = "auto"
    dtype: str = "auto"
    defaults: dict[str, Any] = field(default_factory=dict)
    limits: dict[str, Any] = field(default_factory=dict)
    quality: dict[str, Any] = field(default_factory=dict)  # {min_score: 0..1, max_attempts: 1..10}; see quality.py


@dataclass(frozen=True)
class GenerationRequest:
    """One prompt to generate for; ``seed`` makes the output reproducible on one device."""

    prompt: str
    params: dict[str, Any] = field(default_factory=dict)
    seed: int = 0


@dataclass(frozen=True)
class GeneratedItem:
    """Generated content as bytes plus facts about how it was made (for audit and C2PA)."""

    data: bytes
    mime: str
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass
class GenerationHooks:
    """Things the caller plugs into generation without ``generation/`` knowing what they are.

    ``logits_processors``: ``transformers.LogitsProcessor`` objects the caller builds (e.g. a
    text watermark from ``provenance/``); autoregressive backends append them to their own
    processors, in order. Backends that cannot use a hook ignore it (an image backend has no
    logits). Audio and video backends mark their output the same way, before it is encoded.
    """

    logits_processors: list[Any] = field(default_factory=list)
    audio_watermark: Callable[[Any, int], Any] | None = None
    """``(pcm, sample_rate) -> pcm``: float32 samples in [-1, 1], shape ``(n,)`` or ``(n, channels)``.
    Audio backends apply it to the final waveform before encoding (WAV/MP3), so the mark is made
    once, on clean samples, and survives the lossy encode."""
    frame_watermark: Callable[[Any], Any] | None = None
    """``(frames) -> frames``: uint8 array ``(T, H, W, 3)``. Video backends apply it to the final
    frames before encoding (MP4)."""


class GenerationError(Exception):
    """Base class of every error this package raises on purpose."""


class UnknownModel(GenerationError):
    """The requested model name (or loader name) is not in the registry."""


class InvalidParameters(GenerationError):
    """Request parameters are unknown, of the wrong type or out of range.

    ``field`` names the offending parameter so an API can point the client at it.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ModelLoadError(GenerationError):
    """A model's files are missing, malformed or cannot be loaded on the chosen device."""


class RegistryError(GenerationError):
    """The registry file cannot be read or one of its entries is invalid."""
