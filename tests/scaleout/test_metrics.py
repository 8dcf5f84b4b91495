"""GET /metrics: Prometheus text from the database, the broker and this process."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.utils import timezone
from kombu import Connection
from rest_framework.test import APIClient

from server.generations.models import Generation, SafetyVerdict
from tests.scaleout.conftest import REDIS_URL, purge_redis, require, use_broker


def _generation(user, n, **fields):
    defaults = {"owner": user, "model_name": "shapes-diffusion", "family": "diffusion", "modality": "image",
                "prompt_retention": "full", "seed": 1, "watermark_id": 1000 + n}
    return Generation.objects.create(**{**defaults, **fields})


def _parse(text: str) -> dict[str, float]:
    samples = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, value = line.rsplit(" ", 1)
            samples[name] = float(value)
    return samples


@pytest.fixture
def populated(db):
    user = get_user_model().objects.create(username="metrics")
    now = timezone.now()
    ok = _generation(user, 1, status="succeeded", finished_at=now,
                     timings={"prompt_scan": 12.0, "generate": 800.0, "output_scan": 30.0, "watermark": 5.0,
                              "sign": 40.0, "store": 2.0})
    _generation(user, 2, status="succeeded", finished_at=now, timings={"prompt_scan": 20.0, "generate": 3000.0})
    blocked = _generation(user, 3, status="blocked", finished_at=now)
    held = _generation(user, 4, status="in_review", finished_at=now)
    _generation(user, 5, status="failed", error_code="watermark_unreadable", finished_at=now)
    _generation(user, 6, status="running", started_at=now - timedelta(days=1))
    SafetyVerdict.objects.create(generation=ok, stage="prompt", decision="allow", policy_version="v1")
    SafetyVerdict.objects.create(generation=blocked, stage="prompt", decision="block", categories=["violence"],
                                 policy_version="v1")
    SafetyVerdict.objects.create(generation=held, stage="output", decision="review",
                                 categories=["sexual", "violence"], policy_version="v1")


def test_metrics_from_database(populated):
    response = APIClient().get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    text = response.content.decode()
    m = _parse(text)
    assert m['rgs_generations{status="succeeded",model="shapes-diffusion",family="diffusion"}'] == 2
    assert m['rgs_generations{status="blocked",model="shapes-diffusion",family="diffusion"}'] == 1
    assert m['rgs_generation_failures{code="watermark_unreadable"}'] == 1
    assert m['rgs_safety_decisions{stage="prompt",decision="block"}'] == 1
    assert m['rgs_safety_categories{stage="output",decision="review",category="sexual"}'] == 1
    assert m['rgs_safety_categories{stage="prompt",decision="block",category="violence"}'] == 1
    assert m["rgs_review_backlog"] == 1 and m["rgs_review_backlog_oldest_age_seconds"] >= 0
    assert m["rgs_generations_stuck"] == 1
    assert m['rgs_stage_duration_seconds_count{stage="generate"}'] == 2
    assert m['rgs_stage_duration_seconds_sum{stage="generate"}'] == pytest.approx(3.8)
    assert m['rgs_stage_duration_seconds_bucket{stage="generate",le="1.0"}'] == 1
    assert m['rgs_stage_duration_seconds_bucket{stage="generate",le="+Inf"}'] == 2
    assert m['rgs_stage_duration_seconds_count{stage="sign"}'] == 1
    assert "# TYPE rgs_stage_duration_seconds histogram" in text
    assert m["rgs_metrics_collection_errors"] == 0
    for queue in ("gen.diffusion", "default"):
        assert f'rgs_queue_depth_error{{queue="{queue}"}}' in m


def test_request_counter_counts_by_method_and_status_class(db):
    client = APIClient()
    before = _parse(client.get("/metrics").content.decode())
    client.get("/healthz")
    client.get("/api/v1/generations")  # no key: 401
    after = _parse(client.get("/metrics").content.decode())
    ok, denied = 'rgs_http_requests_total{method="GET",status_class="2xx"}', \
        'rgs_http_requests_total{method="GET",status_class="4xx"}'
    assert after[ok] - before.get(ok, 0) == 2  # /healthz and the first /metrics
    assert after[denied] - before.get(denied, 0) == 1


@override_settings(METRICS_TOKEN="metrics-secret")
def test_metrics_token_required_when_configured(db):
    client = APIClient()
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer metrics-secret")
    assert response.status_code == 200 and b"rgs_generations" in response.content


def test_queue_depth_on_redis_and_error_when_broker_is_down(db):
    require(REDIS_URL)
    purge_redis(REDIS_URL)
    with Connection(REDIS_URL) as conn:
        queue = conn.SimpleQueue("gen.diffusion")
        queue.put({"x": 1})
        queue.put({"x": 2})
        queue.close()
    try:
        with use_broker(REDIS_URL):
            m = _parse(APIClient().get("/metrics").content.decode())
        assert m['rgs_queue_depth{queue="gen.diffusion"}'] == 2
        assert m['rgs_queue_depth{queue="default"}'] == 0
        assert m['rgs_queue_depth_error{queue="gen.diffusion"}'] == 0
    finally:
        purge_redis(REDIS_URL)
    with use_broker("redis://127.0.0.1:1/0"):
        m = _parse(APIClient().get("/metrics").content.decode())
    assert m['rgs_queue_depth_error{queue="gen.diffusion"}'] == 1
    assert 'rgs_queue_depth{queue="gen.diffusion"}' not in m
