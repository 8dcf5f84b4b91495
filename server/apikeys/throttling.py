"""The per-key request rate limit (a DRF throttle; see limits.py for quotas and concurrency).

Imported by DRF's settings while rest_framework.views loads, so it imports nothing of the service
at module level.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from rest_framework.throttling import BaseThrottle


class ApiKeyRateThrottle(BaseThrottle):
    """Fixed one-minute window per API key, counted in the cache (shared when CACHE_URL is Redis)."""

    def allow_request(self, request, view) -> bool:
        from server.apikeys.limits import effective_limit
        from server.apikeys.models import ApiKey

        key = request.auth
        if not isinstance(key, ApiKey):
            return True  # unauthenticated requests are refused (or throttled) elsewhere
        limit = effective_limit(key, "rate_limit_per_minute", settings.API_RATE_LIMIT_PER_MINUTE)
        if not limit:
            return True
        now = time.time()
        window = int(now // 60)
        counter = f"rl:{key.pk}:{window}"
        cache.add(counter, 0, timeout=120)
        try:
            count = cache.incr(counter)
        except ValueError:  # expired between add and incr
            cache.set(counter, 1, timeout=120)
            count = 1
        if count > limit:
            self._wait = 60 - (now % 60)
            self._limit = limit
            return False
        return True

    def wait(self) -> float | None:
        return getattr(self, "_wait", None)
