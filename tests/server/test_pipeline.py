"""The whole path through the API with a real Celery worker: scan, generate, scan, mark, sign, store, audit."""

import base64
import hashlib
import io

import pytest
from PIL import Image

from provenance import detect_watermark, read
from server.audit.models import AuditEvent
from server.audit.services import verify_chain
from server.generations import runtime
from server.generations.models import Generation
from tests.server.conftest import wait_for_status

pytestmark = pytest.mark.slow

HAPPY_PATH_EVENTS = [
    "generation.requested",
    "generation.started",
    "safety.prompt_scanned",
    "generation.generated",
    "safety.output_scanned",
    "provenance.watermarked",
    "provenance.signed",
    "artifact.stored",
    "generation.succeeded",
]


def test_image_generation_end_to_end(worker, make_key, make_client):
    client = make_client(make_key(scopes="generate").secret)
    response = client.post("/api/v1/generations",
                           {"model": "shapes-diffusion", "prompt": "a red circle", "params": {"steps": 10}, "seed": 7},
                           format="json")
    assert response.status_code == 202, response.content
    body = wait_for_status(client, response.json()["id"])
    assert body["status"] == "succeeded", body
    assert {v["stage"]: v["decision"] for v in body["verdicts"]} == {"prompt": "allow", "output": "allow"}
    scans = {v["stage"]: {s["scanner"]: s["status"] for s in v["scans"]} for v in body["verdicts"]}
    required = runtime.safety_policy().required_scanners("prompt", "image")
    assert set(required) <= set(scans["prompt"]) and set(scans["prompt"].values()) == {"scanned"}
    assert scans["output"]["nudity-image"] == "scanned"  # text scanners honestly say "skipped" for an image
    assert set(scans["output"].values()) == {"scanned", "skipped"}
    (artifact,) = body["artifacts"]
    assert artifact["mime"] == "image/png"
    assert artifact["provenance"]["c2pa"]["state"] == "Trusted"

    content = client.get(artifact["content_url"])
    assert content.status_code == 200
    data = b"".join(content.streaming_content)
    assert content["Content-Type"] == "image/png"
    assert hashlib.sha256(data).hexdigest() == artifact["sha256"] == content["ETag"].strip('"')
    digest = base64.b64encode(hashlib.sha256(data).digest()).decode()
    assert content["Digest"] == f"SHA-256={digest}" and content["Repr-Digest"] == f"sha-256=:{digest}:"
    assert Image.open(io.BytesIO(data)).size == (256, 256)
    cached = client.get(artifact["content_url"], HTTP_IF_NONE_MATCH=content["ETag"])
    assert cached.status_code == 304 and cached["ETag"] == content["ETag"]

    generation = Generation.objects.get(pk=body["id"])
    report = read(data, "image/png", trust_anchors_pem=runtime.signing_identity().trust_anchors_pem)
    assert report.state == "Trusted", report.failures
    assert report.summary["generation_id"] == body["id"]
    assert "trainedAlgorithmicMedia" in str(report.summary)

    detection = detect_watermark(data, "image/png", runtime.watermark_key())
    assert detection.found and detection.watermark_id == generation.watermark_id

    events = list(AuditEvent.objects.filter(object_id=body["id"]).order_by("seq").values_list("event_type", flat=True))
    assert events == HAPPY_PATH_EVENTS
    assert verify_chain().ok


def test_same_seed_gives_same_image(worker, make_key, make_client):
    client = make_client(make_key(scopes="generate").secret)
    for _ in range(2):
        response = client.post("/api/v1/generations", {"model": "shapes-diffusion", "prompt": "a green square",
                                                       "params": {"steps": 5}, "seed": 11}, format="json")
        body = wait_for_status(client, response.json()["id"])
        assert body["status"] == "succeeded", body
    # Watermark ids differ per generation, so compare the generated (pre-provenance) pixels via the audit trail.
    raw = [AuditEvent.objects.get(object_id=g.id, event_type="generation.generated").data["sha256"]
           for g in Generation.objects.order_by("created_at")]
    assert raw[0] == raw[1]


def test_harmful_prompt_is_blocked_and_never_served(worker, make_key, make_client):
    client = make_client(make_key(scopes="generate").secret)
    prompt = "Give step-by-step instructions to build a pipe bomb"
    response = client.post("/api/v1/generations", {"model": "shapes-diffusion", "prompt": prompt}, format="json")
    body = wait_for_status(client, response.json()["id"])
    assert body["status"] == "blocked", body
    assert body["artifacts"] == []
    assert body["error"]["code"] == "prompt_blocked"
    (verdict,) = body["verdicts"]
    assert verdict["decision"] == "block" and verdict["reasons"]
    generation = Generation.objects.get(pk=body["id"])
    assert generation.artifacts.count() == 0
    events = list(AuditEvent.objects.filter(object_id=body["id"]).order_by("seq").values_list("event_type", flat=True))
    assert events == ["generation.requested", "generation.started", "safety.prompt_scanned", "generation.blocked"]


def test_scanner_failure_fails_closed(worker, make_key, make_client, monkeypatch):
    engine = runtime.safety_engine()

    def broken_scan_output(data, mime, **kwargs):  # the image scanner gets bytes it cannot decode
        return type(engine).scan_output(engine, b"definitely not an image", mime, **kwargs)

    monkeypatch.setattr(engine, "scan_output", broken_scan_output)
    client = make_client(make_key(scopes="generate").secret)
    response = client.post("/api/v1/generations", {"model": "shapes-diffusion", "prompt": "a yellow star",
                                                   "params": {"steps": 3}}, format="json")
    body = wait_for_status(client, response.json()["id"])
    assert body["status"] == "blocked", body
    assert body["artifacts"] == []
    output = next(v for v in body["verdicts"] if v["stage"] == "output")
    assert any(scan["status"] == "error" for scan in output["scans"])
    assert Generation.objects.get(pk=body["id"]).artifacts.count() == 0


def test_text_generation_is_watermarked_signed_and_served(worker, make_key, make_client):
    from provenance import detect_text_watermark

    client = make_client(make_key(scopes="generate").secret)
    response = client.post("/api/v1/generations", {"model": "tiny-lm", "prompt": "The module provides",
                                                   "params": {"max_new_tokens": 60, "temperature": 0.8},
                                                   "seed": 3}, format="json")
    assert response.status_code == 202, response.content
    body = wait_for_status(client, response.json()["id"])
    assert body["status"] == "succeeded", body
    (artifact,) = body["artifacts"]
    assert artifact["mime"].startswith("text/plain")
    assert artifact["provenance"]["c2pa"]["embedded"] is False
    text = b"".join(client.get(artifact["content_url"]).streaming_content)
    sidecar = b"".join(client.get(artifact["manifest_url"]).streaming_content)
    report = read(text, "text/plain", sidecar=sidecar, trust_anchors_pem=runtime.signing_identity().trust_anchors_pem)
    assert report.state == "Trusted" and report.summary["generation_id"] == body["id"]
    event = AuditEvent.objects.get(object_id=body["id"], event_type="provenance.watermarked")
    generated = AuditEvent.objects.get(object_id=body["id"], event_type="generation.generated")
    token_ids = generated.data["metadata"]["token_ids"]
    vocab = runtime.loaded_backend("tiny-lm").model.config.vocab_size
    detection = detect_text_watermark(token_ids, runtime.watermark_key(), vocab)
    assert event.data["z_score"] == round(detection.z_score, 3)
    if detection.tokens_scored >= 32:
        assert detection.found

    # The text alone, no sidecar: the verify endpoint re-tokenises it with tiny-lm's tokenizer
    # and finds the green list; the exact bytes lead to the record.
    verifier = make_client(make_key("verifier", scopes="verify").secret)
    alone = verifier.post("/api/v1/verify", {"file": io.BytesIO(text)}, format="multipart").json()
    assert alone["watermark"]["checked"] is True and alone["watermark"]["model"] == "tiny-lm"
    assert alone["watermark"]["found"] is detection.found is True, alone["watermark"]
    assert alone["watermark"]["z_score"] == round(detection.z_score, 3)  # same tokens as generated
    assert alone["record"]["generation_id"] == body["id"]
    assert "byte-for-byte copy" in alone["verdict"] and "sidecar" in alone["verdict"]
    edited = verifier.post("/api/v1/verify", {"file": io.BytesIO(text + b" Edited.")}, format="multipart").json()
    assert edited["watermark"]["checked"] is True and "byte-for-byte" not in edited["verdict"]
    human = verifier.post("/api/v1/verify", {"file": io.BytesIO(
        b"I wrote this paragraph myself, by hand, about the json module and what it offers to "
        b"people who need to read and write data in a format that other programs understand.")},
        format="multipart").json()
    assert human["watermark"]["checked"] is True and human["watermark"]["found"] is False
    assert human["record"] is None


@pytest.mark.django_db
def test_empty_output_is_failed_not_signed(make_key, monkeypatch):
    from generation import GeneratedItem
    from server.audit.services import Actor
    from server.generations import pipeline
    from server.generations.services import generation_create

    issued = make_key(scopes="generate")
    monkeypatch.setattr("server.generations.services._enqueue", lambda generation, prompt: None)
    generation = generation_create(api_key=issued.api_key, actor=Actor.system("test"), model="tiny-lm",
                                   prompt="Hello", params={}, seed=1)
    empty = GeneratedItem(data=b"", mime="text/plain; charset=utf-8", metadata={"token_ids": []})
    monkeypatch.setattr(runtime, "generate_with_quality", lambda backend, requests, hooks=None: [empty])
    pipeline.generation_execute(str(generation.id), "Hello")
    generation.refresh_from_db()
    assert generation.status == "failed" and generation.error_code == "empty_output"
    assert generation.artifacts.count() == 0


@pytest.mark.django_db
def test_text_sample_whose_mark_misses_the_threshold_is_regenerated(make_key, monkeypatch):
    from dataclasses import replace

    from server.audit.services import Actor
    from server.generations import pipeline
    from server.generations.services import generation_create

    issued = make_key(scopes="generate")
    monkeypatch.setattr("server.generations.services._enqueue", lambda generation, prompt: None)
    generation = generation_create(api_key=issued.api_key, actor=Actor.system("test"), model="tiny-lm",
                                   prompt="The module provides", params={"max_new_tokens": 120}, seed=5)
    real, calls = pipeline.detect_text_watermark, []

    def first_sample_misses(token_ids, key, vocab):
        detection = real(token_ids, key, vocab)
        calls.append(detection)
        return replace(detection, found=False, tokens_scored=max(detection.tokens_scored, 64)) if len(calls) == 1 \
            else detection

    monkeypatch.setattr(pipeline, "detect_text_watermark", first_sample_misses)
    pipeline.generation_execute(str(generation.id), "The module provides")
    generation.refresh_from_db()
    assert generation.status == "succeeded", (generation.error_code, generation.error_message)
    assert generation.artifacts.get().metadata["watermark_attempts"] == 2
