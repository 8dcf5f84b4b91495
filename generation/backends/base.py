"""The backend contract every model family implements, plus shared parameter validation.

Backends are batch-first (``generate`` takes a list) so a worker can batch concurrent
requests for one model, and ``load`` runs once per worker process.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generation.types import (
    GeneratedItem,
    GenerationHooks,
    GenerationRequest,
    InvalidParameters,
    ModelLoadError,
    ModelSpec,
    UnknownModel,
)


def resolve_device(spec: ModelSpec) -> tuple[str, str]:
    """Pick ``(device, dtype)``: "auto" means cuda+float16 when a GPU is present, else cpu+float32."""
    import torch

    device = spec.device
    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    dtype = spec.dtype
    if dtype == "auto":
        dtype = "float16" if device.startswith("cuda") else "float32"
    return device, dtype


def _check_limit(name: str, value: Any, limit: Any) -> Any:
    """Type- and range-check one value; messages state what is allowed."""
    if isinstance(limit, dict) and "choices" in limit:
        choices = list(limit["choices"])
        if value not in choices or isinstance(value, bool):
            raise InvalidParameters(f"{name} must be one of {choices}", field=name)
        return value
    if isinstance(limit, list) and len(limit) == 2 and all(isinstance(b, (int, float)) for b in limit):
        lo, hi = limit
        if all(isinstance(b, int) and not isinstance(b, bool) for b in limit):
            if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
                raise InvalidParameters(f"{name} must be an integer between {lo} and {hi}", field=name)
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not lo <= value <= hi:
            raise InvalidParameters(f"{name} must be a number between {lo} and {hi}", field=name)
        return float(value)
    if isinstance(limit, list):
        if value not in limit or isinstance(value, bool):
            raise InvalidParameters(f"{name} must be one of {limit}", field=name)
        return value
    raise InvalidParameters(f"{name}: the registry gives it an unusable limit {limit!r}", field=name)


def _unstorable(value: Any) -> bool:
    """A string (at any depth) with a NUL or a lone surrogate: no model reads one, PostgreSQL
    cannot store the first and UTF-8 cannot encode the second."""
    if isinstance(value, str):
        return "\x00" in value or not value.isascii() and any(0xD800 <= ord(ch) <= 0xDFFF for ch in value)
    if isinstance(value, (list, tuple)):
        return any(_unstorable(item) for item in value)
    if isinstance(value, dict):
        return any(_unstorable(k) or _unstorable(v) for k, v in value.items())
    return False


class Backend(ABC):
    """One loaded model. Subclasses implement ``load`` and ``generate``."""

    def __init__(self, spec: ModelSpec) -> None:
        self.spec = spec
        self.device, self.dtype = resolve_device(spec)
        self.loaded = False

    @abstractmethod
    def load(self) -> None:
        """Load weights (once per worker); raise ModelLoadError on failure."""

    def local_source(self, kind: str = "checkpoints") -> Path:
        """The spec's source as a local folder; nothing is ever downloaded."""
        root = Path(self.spec.source).expanduser()
        if not root.is_dir():
            raise ModelLoadError(
                f"model {self.spec.name!r}: source {self.spec.source!r} is not a local directory "
                f"(this backend loads local {kind} only; nothing is downloaded)"
            )
        return root

    @property
    def allowed_params(self) -> list[str]:
        return sorted(set(self.spec.defaults) | set(self.spec.limits))

    def validate(self, params: dict[str, Any] | None) -> dict[str, Any]:
        """Apply defaults, reject unknown params, type- and range-check against ``spec.limits``."""
        params = dict(params or {})
        allowed = self.allowed_params
        unknown = sorted(set(params) - set(allowed))
        if unknown:
            raise InvalidParameters(f"unknown parameter(s) {unknown}; allowed: {allowed}", field=unknown[0])
        merged = {**self.spec.defaults, **params}
        out: dict[str, Any] = {}
        for name in allowed:
            if name not in merged:
                raise InvalidParameters(f"{name} is required", field=name)
            value = merged[name]
            if _unstorable(value):
                raise InvalidParameters(f"{name} must not contain NUL (0x00) or surrogate characters", field=name)
            out[name] = _check_limit(name, value, self.spec.limits[name]) if name in self.spec.limits else value
        return out

    @abstractmethod
    def generate(self, requests: list[GenerationRequest], hooks: GenerationHooks | None = None) -> list[GeneratedItem]:
        """Generate one item per request, in order.

        ``hooks`` (optional) carry caller-built plug-ins such as logits processors; a backend
        that cannot use a hook ignores it.
        """


BACKENDS: dict[str, Callable[[ModelSpec], Backend]] = {}


def register_backend(name: str) -> Callable[[type[Backend]], type[Backend]]:
    """Class decorator: make a backend available under a registry ``loader`` name."""

    def deco(cls: type[Backend]) -> type[Backend]:
        BACKENDS[name] = cls
        return cls

    return deco


def get_backend(spec: ModelSpec) -> Backend:
    """Instantiate (without loading) the backend class named by ``spec.loader``."""
    # Importing a family module registers its loaders; heavy imports (transformers) stay inside load().
    import generation.backends.audio_autoregressive  # noqa: F401
    import generation.backends.audio_diffusion  # noqa: F401
    import generation.backends.audio_symbolic  # noqa: F401
    import generation.backends.autoregressive  # noqa: F401
    import generation.backends.diffusion  # noqa: F401
    import generation.backends.gan  # noqa: F401
    import generation.backends.pipeline  # noqa: F401
    import generation.backends.vae  # noqa: F401
    import generation.backends.video_diffusion  # noqa: F401
    import generation.backends.video_shapes  # noqa: F401

    try:
        cls = BACKENDS[spec.loader]
    except KeyError:
        raise UnknownModel(
            f"model {spec.name!r}: unknown loader {spec.loader!r}; known loaders: {sorted(BACKENDS)}"
        ) from None
    return cls(spec)
