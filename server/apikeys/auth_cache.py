"""A short-lived cache of API key records, so authenticating a request costs no database query.

The secret is still compared against the stored digest on every request; only the record
(digest, scopes, limits, owner) is cached, keyed by the key's public prefix. Any save or
delete of a key or of its owner drops the entry (signals below), so revocation takes effect
at once in every process when ``CACHE_URL`` points at a shared Redis, and within
``API_KEY_CACHE_SECONDS`` otherwise. A cache that is down never fails a request: the
database answers instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache

from server.apikeys.models import ApiKey

log = logging.getLogger(__name__)
_VERSION = "v1"


def _cache_key(prefix: str) -> str:
    return f"apikey:auth:{_VERSION}:{prefix}"


def _ttl() -> int:
    return int(getattr(settings, "API_KEY_CACHE_SECONDS", 0))


def cached_key_get(prefix: str, load: Callable[[str], ApiKey | None]) -> ApiKey | None:
    """The record for ``prefix`` from the cache, else from ``load`` (then cached); unknown prefixes are not cached."""
    ttl = _ttl()
    if ttl <= 0:
        return load(prefix)
    try:
        key = cache.get(_cache_key(prefix))
    except Exception:  # noqa: BLE001 - a cache outage must not fail authentication
        log.warning("API key cache unavailable; reading the database", exc_info=True)
        return load(prefix)
    if isinstance(key, ApiKey):
        return key
    key = load(prefix)
    if key is not None:
        cached_key_put(key)
    return key


def cached_key_put(key: ApiKey) -> None:
    """Store (or refresh) one key record."""
    ttl = _ttl()
    if ttl <= 0:
        return
    try:
        cache.set(_cache_key(key.prefix), key, ttl)
    except Exception:  # noqa: BLE001
        log.warning("API key cache unavailable; not caching", exc_info=True)


def cached_key_forget(*prefixes: str) -> None:
    """Drop the records of these prefixes (after any change to a key or its owner)."""
    if not prefixes:
        return
    try:
        cache.delete_many([_cache_key(p) for p in prefixes])
    except Exception:  # noqa: BLE001
        log.error("API key cache unavailable; a changed key stays cached for up to %s s", _ttl(), exc_info=True)
