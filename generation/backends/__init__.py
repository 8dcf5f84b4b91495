"""Model backends: one module per family, selected by the registry's ``loader`` name."""

from generation.backends.base import BACKENDS, Backend, get_backend, register_backend, resolve_device

__all__ = ["BACKENDS", "Backend", "get_backend", "register_backend", "resolve_device"]
