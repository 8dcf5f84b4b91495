"""What /readyz checks: each dependency the pipeline needs, with a reason when one is missing."""

from __future__ import annotations

from pathlib import Path

from django.db import connection

from server.celery import app as celery_app
from server.generations import runtime


def check_database() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:
        return f"database unreachable: {type(exc).__name__}"
    return None


def check_broker() -> str | None:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return f"broker unreachable: {type(exc).__name__}"
    return None


def check_models() -> str | None:
    try:
        registry = runtime.model_registry()
    except Exception as exc:
        return f"model registry invalid: {exc}"
    missing = [name for name, spec in registry.items() if _looks_local(spec.source) and not Path(spec.source).exists()]
    return f"model weights missing for: {', '.join(missing)}" if missing else None


def _looks_local(source: str) -> bool:
    return source.startswith(("/", ".")) or Path(source).exists()


def check_policy() -> str | None:
    try:
        runtime.safety_policy()
    except Exception as exc:
        return f"safety policy invalid: {exc}"
    return None


CHECKS = {"database": check_database, "broker": check_broker, "models": check_models, "policy": check_policy}


def readiness() -> dict[str, str]:
    return {name: (check() or "ok") for name, check in CHECKS.items()}
