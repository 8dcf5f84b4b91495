"""Outages (database, broker, a model that cannot load) and deployment settings."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from server.audit.models import AuditEvent
from server.generations import runtime
from server.generations.models import Generation, Status
from tests.server.conftest import switch_broker

ROOT = Path(__file__).resolve().parents[2]
BODY = {"model": "shapes-diffusion", "prompt": "a red circle", "seed": 7}


@pytest.mark.django_db(transaction=True)
def test_database_down_is_503_with_retry_after_and_recovers(make_key, client_for):
    client = client_for(make_key().secret)
    assert client.get("/api/v1/generations").status_code == 200
    real_port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = "1"  # nothing listens there: every connect fails
    try:
        down = client.get("/api/v1/generations")
        assert down.status_code == 503, down.content
        assert down.json()["error"]["code"] == "service_unavailable"
        assert int(down["Retry-After"]) > 0
        assert client.post("/api/v1/generations", BODY, format="json").status_code == 503
    finally:
        connection.close()
        connection.settings_dict["PORT"] = real_port
    assert client.get("/api/v1/generations").status_code == 200  # back without a restart


@pytest.fixture
def broker_down():
    from server.celery import app

    previous = app.conf.broker_url
    switch_broker(app, "redis://127.0.0.1:1/0")  # unreachable
    yield
    switch_broker(app, previous)


@pytest.mark.django_db
def test_broker_down_is_503_and_nothing_is_written(make_key, client_for, broker_down):
    response = client_for(make_key().secret).post("/api/v1/generations", BODY, format="json")
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "service_unavailable"
    assert "queue" in response.json()["error"]["message"]
    assert Generation.objects.count() == 0
    assert not AuditEvent.objects.filter(event_type="generation.requested").exists()


@pytest.fixture
def broken_registry(tmp_path, settings):
    """A registry whose one model (the first demo entry, renamed) has its weights missing."""
    text = Path(settings.MODEL_REGISTRY).read_text()
    start = text.index("\n[[models]]") + 1
    entry = text[start:text.index("\n[[models]]", start)]
    lines = []
    for line in entry.splitlines():
        if line.startswith("name ="):
            line = 'name = "broken-weights"'
        elif line.startswith("source ="):
            line = f'source = "{tmp_path / "missing-weights"}"'
        lines.append(line)
    registry = tmp_path / "models.toml"
    registry.write_text("\n".join(lines) + "\n")
    settings.MODEL_REGISTRY = registry
    runtime.model_registry.cache_clear()
    yield
    runtime.model_registry.cache_clear()
    runtime._backends.pop("broken-weights", None)


@pytest.mark.django_db
def test_model_that_fails_to_load_fails_the_job_with_a_reason(make_key, client_for, broken_registry):
    from server.generations.pipeline import generation_execute

    client = client_for(make_key().secret)
    created = client.post("/api/v1/generations", {**BODY, "model": "broken-weights"}, format="json")
    assert created.status_code == 202, created.content
    generation = generation_execute(created.json()["id"], "a red circle")
    generation.refresh_from_db()
    assert generation.status == Status.FAILED
    assert generation.error_code and generation.error_message
    body = client.get(f"/api/v1/generations/{generation.id}").json()
    assert body["status"] == "failed" and body["error"]["message"]
    assert client.get("/healthz").status_code == 200  # the service stays up
    assert client.get("/api/v1/models").status_code == 200


def test_production_settings_pass_check_deploy():
    # A production environment: none of the test-only overrides (the browser tests set
    # DJANGO_ALLOW_ASYNC_UNSAFE for live_server in this same process).
    test_only = ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS",
                 "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in test_only}
    env.update(DEBUG="false", SECRET_KEY=secrets.token_urlsafe(64), ALLOWED_HOSTS="rgs.example.com")
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_no_secret_key_no_start():
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": ""}
    result = subprocess.run([sys.executable, "-c", "import django, os; os.environ['DJANGO_SETTINGS_MODULE']="
                             "'server.settings'; django.setup()"], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_security_settings(settings):
    assert settings.SECURE_CONTENT_TYPE_NOSNIFF and settings.X_FRAME_OPTIONS == "DENY"
    assert settings.SESSION_COOKIE_HTTPONLY and settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.CSRF_COOKIE_SAMESITE == "Lax"
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE
    assert "server.common.middleware.ResilienceMiddleware" in settings.MIDDLEWARE
