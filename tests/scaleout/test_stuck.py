"""requeue_stuck: generations stuck in `running` are requeued (attempts < max) or failed, with audit events."""

import json
from datetime import timedelta
from io import StringIO

import pytest
import redis
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from server.audit.models import AuditEvent
from server.audit.services import verify_chain
from server.celery import app
from server.generations import tasks as _tasks  # noqa: F401 - registers the beat task
from server.generations.models import Generation
from tests.scaleout.conftest import REDIS_URL, purge_redis, require, use_broker


@pytest.fixture
def stuck(db):
    user = get_user_model().objects.create(username="stuck")
    long_ago = timezone.now() - timedelta(hours=2)

    def make(n, **fields):
        defaults = {"owner": user, "model_name": "shapes-diffusion", "family": "diffusion", "modality": "image",
                    "prompt": "a red circle", "prompt_retention": "full", "seed": 1, "watermark_id": 2000 + n,
                    "status": "running", "started_at": long_ago, "attempts": 1, "params": {"steps": 2}}
        return Generation.objects.create(**{**defaults, **fields})

    return make


def test_requeue_stuck_requeues_fails_and_audits(stuck):
    require(REDIS_URL)
    purge_redis(REDIS_URL)
    retry = stuck(1)
    exhausted = stuck(2, attempts=3)
    unretained = stuck(3, prompt="", prompt_retention="hash")
    fresh = stuck(4, started_at=timezone.now())
    out = StringIO()
    try:
        with use_broker(REDIS_URL):
            call_command("requeue_stuck", "--stuck-seconds", "600", "--max-attempts", "3", stdout=out)
        messages = redis.Redis.from_url(REDIS_URL).lrange("gen.diffusion", 0, -1)
    finally:
        purge_redis(REDIS_URL)
    assert "requeued 1 and failed 2" in out.getvalue()

    statuses = dict(Generation.objects.values_list("id", "status"))
    assert statuses[retry.id] == "queued"
    assert statuses[exhausted.id] == statuses[unretained.id] == "failed"
    assert statuses[fresh.id] == "running"
    assert "not retained" in Generation.objects.get(pk=unretained.id).error_message

    (message,) = messages
    assert json.loads(message)["headers"]["id"] and json.loads(message)["headers"]["task"] == "generations.run"
    assert json.loads(message)["headers"]["argsrepr"].startswith(f"['{retry.id}'")
    requeued = AuditEvent.objects.get(object_id=str(retry.id), event_type="generation.requeued")
    assert requeued.data["attempts"] == 1 and requeued.data["queue"] == "gen.diffusion"
    failed = AuditEvent.objects.get(object_id=str(exhausted.id), event_type="generation.failed")
    assert failed.data["code"] == "stuck"
    assert verify_chain().ok


def test_requeue_stuck_dry_run_changes_nothing(stuck):
    generation = stuck(1)
    out = StringIO()
    call_command("requeue_stuck", "--stuck-seconds", "600", "--dry-run", stdout=out)
    assert "would requeue 1" in out.getvalue()
    assert Generation.objects.get(pk=generation.id).status == "running"
    assert not AuditEvent.objects.filter(object_id=str(generation.id)).exists()


def test_broker_down_leaves_generation_running_for_the_next_sweep(stuck):
    generation = stuck(1)
    with use_broker("redis://127.0.0.1:1/0"):
        call_command("requeue_stuck", "--stuck-seconds", "600", stdout=StringIO())
    assert Generation.objects.get(pk=generation.id).status == "running"
    assert not AuditEvent.objects.filter(object_id=str(generation.id), event_type="generation.requeued").exists()


def test_beat_schedule_runs_the_sweep():
    entry = app.conf.beat_schedule["requeue-stuck-generations"]
    assert entry["task"] == "generations.requeue_stuck"
    assert "generations.requeue_stuck" in app.tasks
