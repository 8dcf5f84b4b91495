"""generation: what makes content. Plain Python + torch; never imports Django, safety or provenance.

Typical use::

    from generation import load_registry, get_backend, GenerationRequest
    spec = load_registry()["shapes-diffusion"]
    backend = get_backend(spec)
    backend.load()
    items = backend.generate([GenerationRequest("a red circle", {"steps": 25}, seed=7)])

Optional: ``backend.generate(requests, hooks=GenerationHooks(logits_processors=[...]))`` and
``generation.quality.generate_with_quality(backend, requests, hooks)``.
"""

from generation.backends.base import BACKENDS, Backend, get_backend, register_backend, resolve_device
from generation.registry import DEFAULT_REGISTRY, load_registry
from generation.types import (
    GeneratedItem,
    GenerationError,
    GenerationHooks,
    GenerationRequest,
    InvalidParameters,
    ModelLoadError,
    ModelSpec,
    RegistryError,
    UnknownModel,
)

__all__ = [
    "BACKENDS",
    "DEFAULT_REGISTRY",
    "Backend",
    "GeneratedItem",
    "GenerationError",
    "GenerationHooks",
    "GenerationRequest",
    "InvalidParameters",
    "ModelLoadError",
    "ModelSpec",
    "RegistryError",
    "UnknownModel",
    "get_backend",
    "load_registry",
    "register_backend",
    "resolve_device",
]
