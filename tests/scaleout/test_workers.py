"""Separate worker processes on Redis and RabbitMQ: the API publishes, a real `celery worker` runs it.

One test per broker (worker start-up dominates the run time): the first worker is SIGKILLed
mid-generation; with late acks the message comes back (Redis: after the visibility timeout,
RabbitMQ: when the connection drops) and a second worker finishes it exactly once, then serves
a fresh generation as usual, and one generation of every other family and modality (GAN, VAE,
text, audio, video) with its verdicts, watermark and Trusted manifest.
"""

import pytest

from server.audit.models import AuditEvent
from server.audit.services import verify_chain
from server.generations.models import Artifact, Generation, SafetyVerdict
from tests.scaleout.conftest import (
    AMQP_URL,
    GENERATE,
    REDIS_URL,
    purge_amqp,
    purge_redis,
    require,
    use_broker,
    wait_for,
    wait_for_status,
)

pytestmark = pytest.mark.slow

BROKERS = {
    "redis": (REDIS_URL, purge_redis, {"BROKER_VISIBILITY_TIMEOUT": 3}),
    "rabbitmq": (AMQP_URL, purge_amqp, {}),
}


def events_of(generation_id: str) -> list[str]:
    return list(AuditEvent.objects.filter(object_id=generation_id).order_by("seq").values_list("event_type", flat=True))


@pytest.fixture(params=list(BROKERS))
def broker(request):
    url, purge, env = BROKERS[request.param]
    require(url)
    purge(url)
    with use_broker(url):
        yield request.param, url, env
    purge(url)


def test_worker_process_killed_mid_generation_redelivers_and_finishes_exactly_once(broker, spawn_worker, api_client,
                                                                                    tmp_path):
    """Two real `celery worker` processes in turn; the first dies mid-run, the second finishes the job."""
    name, url, env = broker
    marker = tmp_path / "paused"
    first = spawn_worker(url, SCALEOUT_PAUSE_SECONDS=60, SCALEOUT_PAUSE_MARKER=marker, **env).wait_ready()
    response = api_client.post("/api/v1/generations", GENERATE, format="json")
    generation_id = response.json()["id"]
    wait_for(marker.exists, 60, "the first worker to pause after storing the files")
    assert AuditEvent.objects.filter(object_id=generation_id, event_type="generation.started").exists()
    assert SafetyVerdict.objects.filter(generation_id=generation_id).count() == 2
    first.kill()
    assert Generation.objects.get(pk=generation_id).status == "running"
    assert not Artifact.objects.filter(generation_id=generation_id).exists()

    second = spawn_worker(url, **env).wait_ready()
    body = wait_for_status(api_client, generation_id, timeout=60)
    assert body["status"] == "succeeded", (body, second.log.read_text()[-3000:])

    generation = Generation.objects.get(pk=generation_id)
    assert generation.attempts == 2
    assert Artifact.objects.filter(generation=generation).count() == 1
    assert sorted(SafetyVerdict.objects.filter(generation=generation).values_list("stage", flat=True)) == [
        "output", "prompt"]
    assert events_of(generation_id).count("safety.prompt_scanned") == 2  # both attempts scanned; one row each
    events = events_of(generation_id)
    assert events.count("generation.started") == 2
    assert events.count("generation.succeeded") == 1 and events.count("artifact.stored") == 1
    assert events[-1] == "generation.succeeded"
    assert verify_chain().ok
    # The re-run replaced the first attempt's files under the same keys, leaving no orphan copies.
    from django.core.files.storage import default_storage

    _, files = default_storage.listdir(f"generations/{generation_id}")
    assert sorted(files) == ["0.c2pa", "0.png"], files

    # The surviving worker serves new work as usual, and the web side sees it all in /metrics.
    response = api_client.post("/api/v1/generations", GENERATE, format="json")
    assert response.status_code == 202, response.content
    body = wait_for_status(api_client, response.json()["id"])
    assert body["status"] == "succeeded", (body, second.log.read_text()[-3000:])
    content = api_client.get(body["artifacts"][0]["content_url"])
    assert content.status_code == 200 and b"".join(content.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"
    metrics = api_client.get("/metrics").content.decode()
    assert 'rgs_generations{status="succeeded",model="shapes-diffusion",family="diffusion"} 2' in metrics
    assert 'rgs_queue_depth{queue="gen.diffusion"} 0' in metrics
    assert 'rgs_queue_depth_error{queue="gen.diffusion"} 0' in metrics

    # Every other family and modality through the same separate worker process on this broker.
    for model, prompt, params, mime, statuses in SWEEP:
        response = api_client.post("/api/v1/generations", {"model": model, "prompt": prompt, "params": params,
                                                           "seed": 5}, format="json")
        assert response.status_code == 202, response.content
        body = wait_for_status(api_client, response.json()["id"])
        assert body["status"] in statuses, (model, body, second.log.read_text()[-3000:])
        (artifact,) = body["artifacts"]
        assert artifact["mime"].startswith(mime) and artifact["provenance"]["c2pa"]["state"] == "Trusted", artifact
    assert verify_chain().ok


# (model, prompt, params, mime, acceptable final statuses): music is transcribed and read like
# every audio output; words the recogniser makes of it can hold a clip (never block it), so
# audio may end in review; everything else is delivered.
SWEEP = [
    ("shapes-gan", "a blue square", {}, "image/png", {"succeeded"}),
    ("shapes-vae", "a purple triangle", {}, "image/png", {"succeeded"}),
    ("tiny-lm", "The module provides", {"max_new_tokens": 40}, "text/plain", {"succeeded"}),
    ("tunes-audio", "a fast melody in A minor played on a plucked string", {"format": "mp3"}, "audio/mpeg",
     {"succeeded", "in_review"}),
    ("shapes-vae-video", "a blue square", {"num_frames": 4}, "video/mp4", {"succeeded"}),
]
