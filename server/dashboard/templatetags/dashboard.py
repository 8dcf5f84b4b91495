"""Small display helpers for the dashboard templates."""

from __future__ import annotations

import json
from datetime import timedelta

from django import template
from django.utils import timezone

register = template.Library()

STATUS_TONES = {"succeeded": "ok", "blocked": "bad", "rejected": "bad", "failed": "bad", "in_review": "warn",
                "queued": "info", "running": "info", "allow": "ok", "review": "warn", "block": "bad",
                "approve": "ok", "reject": "bad", "Trusted": "ok", "Valid": "warn", "Invalid": "bad",
                "absent": "muted", "scanned": "ok", "skipped": "warn", "error": "bad"}


@register.filter
def tone(value) -> str:
    return STATUS_TONES.get(str(value), "muted")


@register.inclusion_tag("dashboard/_badge.html")
def badge(value, label=None):
    return {"value": value, "label": label or str(value).replace("_", " "), "tone": tone(value)}


@register.filter
def hex12(value) -> str:
    return f"{int(value):012x}" if value is not None else ""


@register.filter
def pretty_json(value) -> str:
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False, default=str)


@register.filter
def without_content(details, show_content: bool = False):
    """Scan details as a role without content access may see them: a speech transcript is content."""
    if show_content or not isinstance(details, dict) or "transcript" not in details:
        return details
    return {**details, "transcript": "(hidden: your role shows records, not content)"}


@register.filter
def compact_json(value, limit: int = 160) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str, separators=(", ", ": "))
    return text if len(text) <= int(limit) else text[: int(limit) - 1] + "…"


@register.filter
def pct(value) -> str:
    """0..1 score to a CSS width percentage (clamped)."""
    try:
        return f"{max(0.0, min(float(value), 1.0)) * 100:.1f}"
    except (TypeError, ValueError):
        return "0"


@register.filter
def score(value) -> str:
    try:
        return f"{float(value):.3f}"
    except (TypeError, ValueError):
        return str(value)


@register.filter
def get(mapping, key):
    if isinstance(mapping, dict):
        return mapping.get(key)
    return None


@register.filter
def seconds(value) -> str:
    """Seconds as a short human duration."""
    if value is None:
        return "–"
    value = float(value)
    if value < 90:
        return f"{value:.0f} s"
    if value < 5400:
        return f"{value / 60:.0f} min"
    if value < 172800:
        return f"{value / 3600:.1f} h"
    return f"{value / 86400:.1f} d"


@register.filter
def age(moment) -> str:
    if not moment:
        return "–"
    return seconds((timezone.now() - moment).total_seconds())


@register.filter
def ms(value) -> str:
    if value is None:
        return "–"
    value = float(value)
    return f"{value / 1000:.2f} s" if value >= 10000 else f"{value:,.1f} ms"


@register.filter
def sorted_scores(scores) -> list[tuple[str, float]]:
    items = [(k, v) for k, v in (scores or {}).items() if isinstance(v, int | float)]
    return sorted(items, key=lambda kv: -kv[1])


@register.simple_tag
def expired(key, now) -> bool:
    return bool(key.expires_at and key.expires_at <= now)


@register.filter
def days_ago(days: int):
    return timezone.now() - timedelta(days=int(days))
