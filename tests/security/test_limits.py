"""Per-key rate limits, daily quotas and concurrency (429 + Retry-After), body size (413), idempotency."""

from __future__ import annotations

import time

import pytest
from django.test import override_settings

from server.generations.models import Generation, Status

pytestmark = pytest.mark.django_db
BODY = {"model": "shapes-diffusion", "prompt": "a red circle", "seed": 7}


def _key(make_key, **limits):
    issued = make_key("limited", scopes="generate,verify")
    for name, value in limits.items():
        setattr(issued.api_key, name, value)
    issued.api_key.save()
    return issued


def _burst(client, n):
    """n requests inside one rate window (retried once if a minute boundary fell in between)."""
    for _ in range(2):
        window = int(time.time() // 60)
        statuses = [client.get("/api/v1/models") for _ in range(n)]
        if int(time.time() // 60) == window:
            return statuses
    raise AssertionError("could not stay inside one minute")


def test_rate_limit_per_key_is_429_with_retry_after(make_key, client_for):
    issued = _key(make_key, rate_limit_per_minute=3)
    responses = _burst(client_for(issued.secret), 4)
    assert [r.status_code for r in responses[:3]] == [200, 200, 200]
    limited = responses[3]
    assert limited.status_code == 429
    assert limited.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(limited["Retry-After"]) <= 60
    other = make_key("someone-else")  # limits are per key
    assert client_for(other.secret).get("/api/v1/models").status_code == 200


@override_settings(API_RATE_LIMIT_PER_MINUTE=2)
def test_rate_limit_default_comes_from_settings(make_key, client_for):
    issued = make_key("defaults")
    assert [r.status_code for r in _burst(client_for(issued.secret), 3)] == [200, 200, 429]


def test_daily_quota_is_429_until_midnight_utc(make_key, client_for):
    issued = _key(make_key, daily_quota=2, max_concurrent=0)
    client = client_for(issued.secret)
    assert [client.post("/api/v1/generations", BODY, format="json").status_code for _ in range(2)] == [202, 202]
    refused = client.post("/api/v1/generations", BODY, format="json")
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "quota_exceeded"
    assert 1 <= int(refused["Retry-After"]) <= 86401
    assert Generation.objects.filter(api_key=issued.api_key).count() == 2


def test_concurrency_limit_per_key(make_key, client_for):
    issued = _key(make_key, max_concurrent=1)
    client = client_for(issued.secret)
    first = client.post("/api/v1/generations", BODY, format="json")
    assert first.status_code == 202
    busy = client.post("/api/v1/generations", BODY, format="json")
    assert busy.status_code == 429 and busy.json()["error"]["code"] == "too_many_concurrent"
    assert busy.has_header("Retry-After")
    Generation.objects.filter(pk=first.json()["id"]).update(status=Status.SUCCEEDED)
    assert client.post("/api/v1/generations", BODY, format="json").status_code == 202


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10_000)
def test_oversized_json_body_is_413_json(make_key, client_for):
    client = client_for(make_key().secret)
    response = client.post("/api/v1/generations", {**BODY, "prompt": "x" * 20_000}, format="json")
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    assert Generation.objects.count() == 0


def test_prompt_and_parameter_limits(make_key, client_for, settings):
    client = client_for(make_key().secret)
    too_long = client.post("/api/v1/generations", {**BODY, "prompt": "x" * (settings.MAX_PROMPT_CHARS + 1)},
                           format="json")
    assert too_long.status_code == 400 and "prompt" in too_long.json()["error"]["message"]
    steps = client.post("/api/v1/generations", {**BODY, "params": {"steps": 10_000}}, format="json")
    assert steps.status_code == 400 and steps.json()["error"]["code"] == "invalid_parameters"
    assert "steps" in steps.json()["error"]["message"]


# --- idempotency -----------------------------------------------------------------------------------

def test_retry_with_same_idempotency_key_returns_the_original(make_key, client_for):
    client = client_for(make_key().secret)
    first = client.post("/api/v1/generations", BODY, format="json", HTTP_IDEMPOTENCY_KEY="order-42")
    again = client.post("/api/v1/generations", BODY, format="json", HTTP_IDEMPOTENCY_KEY="order-42")
    assert first.status_code == 202 and again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert again["Idempotent-Replayed"] == "true"
    assert Generation.objects.count() == 1


def test_same_idempotency_key_with_another_body_is_refused(make_key, client_for):
    client = client_for(make_key().secret)
    assert client.post("/api/v1/generations", BODY, format="json", HTTP_IDEMPOTENCY_KEY="k1").status_code == 202
    other = client.post("/api/v1/generations", {**BODY, "prompt": "a blue star"}, format="json",
                        HTTP_IDEMPOTENCY_KEY="k1")
    assert other.status_code == 409
    assert other.json()["error"]["code"] == "idempotency_key_reused"
    assert "different request" in other.json()["error"]["message"]
    assert Generation.objects.count() == 1


def test_idempotency_keys_are_per_api_key(make_key, client_for):
    a = client_for(make_key("alice").secret).post("/api/v1/generations", BODY, format="json",
                                                  HTTP_IDEMPOTENCY_KEY="same")
    b = client_for(make_key("bob").secret).post("/api/v1/generations", BODY, format="json",
                                                HTTP_IDEMPOTENCY_KEY="same")
    assert a.status_code == b.status_code == 202 and a.json()["id"] != b.json()["id"]


@pytest.mark.parametrize("header", ["", "x" * 256, "caf\u00e9", "two words"])
def test_malformed_idempotency_key_is_400(make_key, client_for, header):
    response = client_for(make_key().secret).post("/api/v1/generations", BODY, format="json",
                                                  HTTP_IDEMPOTENCY_KEY=header)
    assert response.status_code == 400 and "Idempotency-Key" in response.json()["error"]["message"]
