"""Held content is never served until a reviewer approves it; every decision is audited."""

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from server.audit.models import AuditEvent
from server.generations.models import Artifact, Generation, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(make_key):
    """A generation the output scan sent to review, with its stored artifact."""
    issued = make_key("owner", scopes="generate")
    generation = Generation.objects.create(
        owner=issued.api_key.owner, api_key=issued.api_key, model_name="shapes-diffusion", family="diffusion",
        modality="image", prompt="a red circle", prompt_sha256="x", prompt_retention="full", params={}, seed=1,
        status=Status.IN_REVIEW, watermark_id=123456,
    )
    data = b"\x89PNG held bytes"
    key = default_storage.save(f"generations/{generation.id}/0.png", ContentFile(data))
    artifact = Artifact.objects.create(generation=generation, storage_key=key, mime="image/png", size=len(data),
                                       sha256=hashlib.sha256(data).hexdigest(), watermark_id=123456,
                                       watermark_alg="test")
    return issued, generation, artifact


def test_held_content_is_not_served(held, make_client):
    issued, generation, artifact = held
    client = make_client(issued.secret)
    assert client.get(f"/api/v1/artifacts/{artifact.id}/content").status_code == 404
    body = client.get(f"/api/v1/generations/{generation.id}").json()
    assert body["status"] == "in_review"
    assert body["artifacts"][0]["content_url"] is None


def test_reviewer_approves_then_content_is_served(held, make_key, make_client):
    issued, generation, artifact = held
    reviewer = make_client(make_key("rita", scopes="review").secret)
    queue = reviewer.get("/api/v1/reviews").json()
    assert [g["id"] for g in queue["results"]] == [str(generation.id)]
    response = reviewer.post(f"/api/v1/reviews/{generation.id}", {"decision": "approve", "reason": "benign shape"},
                             format="json")
    assert response.status_code == 200 and response.json()["status"] == "succeeded"
    content = make_client(issued.secret).get(f"/api/v1/artifacts/{artifact.id}/content")
    assert content.status_code == 200
    event = AuditEvent.objects.get(event_type="review.approved")
    assert event.actor_name == "rita" and event.data["reason"] == "benign shape"
    assert event.data["before"] == {"status": "in_review"} and event.data["after"] == {"status": "succeeded"}


def test_a_reviewer_sees_held_content_through_the_api_and_each_look_is_audited(held, make_key, make_client):
    issued, generation, artifact = held
    reviewer = make_client(make_key("rita", scopes="review").secret)
    (item,) = reviewer.get("/api/v1/reviews").json()["results"]
    url = item["artifacts"][0]["content_url"]
    assert url.endswith(f"/api/v1/reviews/artifacts/{artifact.id}/content")
    content = reviewer.get(url)
    assert content.status_code == 200 and b"".join(content.streaming_content) == b"\x89PNG held bytes"
    assert content["Cache-Control"] == "private, no-store" and "sandbox" in content["Content-Security-Policy"]
    viewed = AuditEvent.objects.get(event_type="content.viewed", object_id=str(generation.id))
    assert viewed.actor_name == "rita" and viewed.data["status"] == "in_review"
    # The owner still gets nothing, and neither does a key without the review scope.
    assert make_client(issued.secret).get(url).status_code == 403
    assert make_client(issued.secret).get(f"/api/v1/artifacts/{artifact.id}/content").status_code == 404
    # Once decided, it is no longer the reviewers' to download here.
    reviewer.post(f"/api/v1/reviews/{generation.id}", {"decision": "reject", "reason": "no"}, format="json")
    assert reviewer.get(url).status_code == 404


def test_a_status_changed_only_in_the_database_delivers_nothing(held, make_key, make_client):
    """A rejected generation set to succeeded by hand (the auditor's probe): the trail's last word
    is the rejection, so neither the API nor a signed /v1 link serves it."""
    issued, generation, artifact = held
    reviewer = make_client(make_key("rita", scopes="review").secret)
    reviewer.post(f"/api/v1/reviews/{generation.id}", {"decision": "reject", "reason": "no"}, format="json")
    Generation.objects.filter(pk=generation.id).update(status=Status.SUCCEEDED)
    owner = make_client(issued.secret)
    assert owner.get(f"/api/v1/artifacts/{artifact.id}/content").status_code == 404
    assert owner.get(f"/api/v1/artifacts/{artifact.id}/manifest").status_code == 404
    from django.core import signing

    from server.openai_compat.views import URL_SALT

    token = signing.TimestampSigner(salt=URL_SALT).sign(str(artifact.id))
    assert make_client().get(f"/v1/files/{token}").status_code == 404


def test_reject_is_final(held, make_key, make_client):
    issued, generation, artifact = held
    reviewer = make_client(make_key("rita", scopes="review").secret)
    url = f"/api/v1/reviews/{generation.id}"
    assert reviewer.post(url, {"decision": "reject", "reason": "looks like a logo"}, format="json").json()[
        "status"] == "rejected"
    assert make_client(issued.secret).get(f"/api/v1/artifacts/{artifact.id}/content").status_code == 404
    again = reviewer.post(url, {"decision": "approve", "reason": "changed my mind"}, format="json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"


def test_review_input_and_scope_errors(held, make_key, make_client):
    issued, generation, _ = held
    reviewer = make_client(make_key("rita", scopes="review").secret)
    url = f"/api/v1/reviews/{generation.id}"
    assert reviewer.post(url, {"decision": "approve"}, format="json").status_code == 400
    assert reviewer.post(url, {"decision": "maybe", "reason": "x"}, format="json").status_code == 400
    assert reviewer.post(url, {"decision": "approve", "reason": "   "}, format="json").status_code == 400
    assert make_client(issued.secret).post(url, {"decision": "approve", "reason": "mine"},
                                           format="json").status_code == 403
    assert make_client(issued.secret).get("/api/v1/reviews").status_code == 403
    assert Generation.objects.get(pk=generation.id).status == Status.IN_REVIEW


def test_a_held_audio_transcript_is_withheld_from_the_client_until_approved(held, make_key, make_client):
    from server.generations.models import SafetyScan, SafetyVerdict

    issued, generation, _ = held
    verdict = SafetyVerdict.objects.create(generation=generation, stage="output", decision="review",
                                           policy_version="p")
    SafetyScan.objects.create(verdict=verdict, scanner="speech", version="v", status="scanned",
                              details={"transcript": "the held words", "speech_detected": True})

    def heard(body):
        (output,) = [v for v in body["verdicts"] if v["stage"] == "output"]
        return output["scans"][0]["details"]

    client = make_client(issued.secret)
    withheld = heard(client.get(f"/api/v1/generations/{generation.id}").json())
    assert withheld["transcript"] is None and withheld["transcript_withheld"]
    reviewer = make_client(make_key("rita", scopes="review").secret)
    (queued,) = reviewer.get("/api/v1/reviews").json()["results"]
    assert heard(queued)["transcript"] == "the held words"  # the reviewer judges the words
    reviewer.post(f"/api/v1/reviews/{generation.id}", {"decision": "approve", "reason": "a greeting"}, format="json")
    assert heard(client.get(f"/api/v1/generations/{generation.id}").json())["transcript"] == "the held words"
