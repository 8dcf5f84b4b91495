"""Process-wide components, built once per process from settings.

The web process only needs the registry (to validate requests); workers also load
model weights, the safety scanners, the watermark key and the signing identity.
"""

from __future__ import annotations

import functools
import logging
import os
import secrets
import threading
import time
from collections import OrderedDict
from pathlib import Path

from django.conf import settings

from generation import Backend, ModelSpec, UnknownModel, get_backend, load_registry
from generation.quality import generate_with_quality
from provenance import SigningIdentity
from safety import Policy, SafetyEngine
from server.generations.batching import ModelBatcher

logger = logging.getLogger(__name__)
_backends: OrderedDict[str, Backend] = OrderedDict()  # least recently used first
_backends_lock = threading.Lock()
_batchers: dict[str, ModelBatcher] = {}
_batchers_lock = threading.Lock()


@functools.cache
def model_registry() -> dict[str, ModelSpec]:
    return load_registry(Path(settings.MODEL_REGISTRY))


def queue_for(family: str) -> str:
    """One Celery queue per model family, so GPU workers can be dedicated to one."""
    return f"gen.{family}"


def model_spec(name: str) -> ModelSpec:
    try:
        return model_registry()[name]
    except KeyError:
        raise UnknownModel(f"unknown model {name!r}; available: {', '.join(sorted(model_registry()))}") from None


def request_validator(name: str) -> Backend:
    """A backend instance for parameter validation only: no weights are loaded."""
    return get_backend(model_spec(name))


@functools.cache
def configure_torch() -> None:
    """Apply TORCH_NUM_THREADS once per process, before the first model runs (see settings)."""
    if settings.TORCH_NUM_THREADS > 0:
        import torch

        torch.set_num_threads(settings.TORCH_NUM_THREADS)


def loaded_backend(name: str) -> Backend:
    """The backend with its weights loaded, kept in an LRU of MODEL_CACHE_SIZE models per process."""
    configure_torch()
    with _backends_lock:
        backend = _backends.get(name)
        if backend is None:
            backend = get_backend(model_spec(name))
            backend.load()
            _backends[name] = backend
            while len(_backends) > max(1, settings.MODEL_CACHE_SIZE):
                evicted, _ = _backends.popitem(last=False)
                logger.info("model %r evicted from the cache", evicted)
        _backends.move_to_end(name)
        return backend


def model_batcher(name: str) -> ModelBatcher:
    """The model's dynamic batcher: every generate call of this process for the model goes through it."""
    with _batchers_lock:
        batcher = _batchers.get(name)
        if batcher is None:
            model_spec(name)  # unknown names fail here, not in the dispatcher thread

            def run_batch(requests, hooks):
                return generate_with_quality(loaded_backend(name), requests, hooks)

            batcher = ModelBatcher(name, run_batch, max_size=settings.GENERATION_BATCH_MAX_SIZE,
                                   max_wait_s=settings.GENERATION_BATCH_WAIT_MS / 1000)
            _batchers[name] = batcher
        return batcher


@functools.cache
def safety_policy() -> Policy:
    return Policy.from_toml(Path(settings.SAFETY_POLICY))


@functools.lru_cache(maxsize=64)
def _stored_policy(version: str) -> Policy:
    from server.policies.models import SafetyPolicy

    return Policy.from_dict(SafetyPolicy.objects.get(version=version).content)


def policy_for_key(api_key) -> Policy:
    """The policy version an API key is bound to, else the service default (cached by version)."""
    if api_key is not None and api_key.policy_id:
        return _stored_policy(api_key.policy.version)
    return safety_policy()


@functools.cache
def safety_engine() -> SafetyEngine:
    configure_torch()
    return SafetyEngine(safety_policy())


def signing_identity_dir() -> Path:
    return Path(settings.KEYS_DIR) / "c2pa"


@functools.cache
def signing_identity() -> SigningIdentity:
    """The operator's certificate and key (C2PA_CERT_FILE, C2PA_KEY_FILE) if configured, else the
    development identity the service creates for itself in KEYS_DIR/c2pa."""
    if settings.C2PA_CERT_FILE:
        return SigningIdentity.from_pem_files(
            Path(settings.C2PA_CERT_FILE), Path(settings.C2PA_KEY_FILE) if settings.C2PA_KEY_FILE else None,
            Path(settings.C2PA_TRUST_ANCHORS_FILE) if settings.C2PA_TRUST_ANCHORS_FILE else None)
    return SigningIdentity.ensure(signing_identity_dir(), organization=settings.C2PA_ORGANIZATION)


def deployment_trust_anchors() -> tuple[bytes, str] | None:
    """(PEM, where it came from) of the roots this deployment trusts, read without creating
    anything: C2PA_TRUST_ANCHORS_FILE, else the self-made root in KEYS_DIR/c2pa; None if neither."""
    path = (Path(settings.C2PA_TRUST_ANCHORS_FILE) if settings.C2PA_TRUST_ANCHORS_FILE
            else signing_identity_dir() / "root-ca.pem")
    return (path.read_bytes(), str(path)) if path.is_file() else None


def watermark_key_path() -> Path:
    return Path(settings.KEYS_DIR) / "watermark.key"


@functools.cache
def watermark_key() -> bytes:
    """WATERMARK_KEY (hex) if set, else a random key created once in KEYS_DIR."""
    if settings.WATERMARK_KEY:
        return bytes.fromhex(settings.WATERMARK_KEY)
    path = watermark_key_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:  # O_EXCL: two processes starting at once never write two different keys
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    for _ in range(50):  # another process may be between create and write
        text = path.read_text().strip()
        if text:
            return bytes.fromhex(text)
        time.sleep(0.01)
    raise RuntimeError(f"watermark key file {path} is empty")


def warm_up(queues: set[str] | None = None) -> None:
    """Load what a worker needs up front; a model that fails to load is logged loudly, by name."""
    safety_engine().warm_up()
    signing_identity()
    watermark_key()
    for name, spec in model_registry().items():
        if queues is not None and queue_for(spec.family) not in queues:
            continue
        try:
            loaded_backend(name)
        except Exception:
            logger.exception("model %r failed to load; its generations will fail until it is fixed", name)
