"""Per-key limits: generations per UTC day and at once (DB counts); requests per minute: throttling.py.

Each ApiKey may carry its own value (nullable fields); empty means the service default from
settings, and 0 means unlimited. Over a limit the answer is 429 with Retry-After.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.conf import settings
from rest_framework import status

from server.apikeys.models import ApiKey
from server.common.errors import ApiError


class LimitExceeded(ApiError):
    """429; DRF's handler copies ``wait`` into the Retry-After header."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "rate_limited"

    def __init__(self, message: str, *, code: str, wait: int):
        super().__init__(message, code=code)
        self.wait = max(1, int(wait))


def effective_limit(key: ApiKey, field: str, default: int) -> int:
    value = getattr(key, field)
    return default if value is None else value


def _seconds_to_utc_midnight(now: datetime) -> int:
    tomorrow = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return int((tomorrow - now).total_seconds()) + 1


def check_generation_limits(key: ApiKey, new: int = 1) -> None:
    """Daily quota and concurrency of ``key`` for ``new`` more generations.

    Call inside the creating transaction after locking the key row (select_for_update), so two
    concurrent requests cannot both take the last slot.
    """
    from server.generations.models import Generation, Status

    now = datetime.now(UTC)
    quota = effective_limit(key, "daily_quota", settings.API_DAILY_QUOTA)
    if quota:
        midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
        used = Generation.objects.filter(api_key=key, created_at__gte=midnight).count()
        if used + new > quota:
            raise LimitExceeded(f"daily quota of {quota} generations reached for this API key; it resets at "
                                f"00:00 UTC", code="quota_exceeded", wait=_seconds_to_utc_midnight(now))
    concurrent = effective_limit(key, "max_concurrent", settings.API_MAX_CONCURRENT)
    if concurrent:
        active = Generation.objects.filter(api_key=key, status__in=[Status.QUEUED, Status.RUNNING]).count()
        if active + new > concurrent:
            raise LimitExceeded(f"this API key already has {active} generations queued or running (limit "
                                f"{concurrent}); wait for one to finish", code="too_many_concurrent", wait=5)
