"""Retention purges bytes and prompt text, keeps hashes, and never breaks the audit chain."""

import io
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from server.audit.models import AuditEvent
from server.audit.services import Actor, audit_record, verify_chain
from server.generations.models import Artifact, Generation, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_generation(make_key):
    issued = make_key("owner", scopes="generate")
    generation = Generation.objects.create(
        owner=issued.api_key.owner, api_key=issued.api_key, model_name="shapes-diffusion", family="diffusion",
        modality="image", prompt="a red circle", prompt_sha256="abc", prompt_retention="full", params={}, seed=1,
        status=Status.SUCCEEDED, watermark_id=99, created_at=timezone.now() - timedelta(days=40),
    )
    key = default_storage.save(f"generations/{generation.id}/0.png", ContentFile(b"png bytes"))
    artifact = Artifact.objects.create(generation=generation, storage_key=key, mime="image/png", size=9,
                                       sha256="f" * 64, watermark_id=99, watermark_alg="test",
                                       created_at=timezone.now() - timedelta(days=40))
    # Delivered content is on the record: its outcome event is what lets it out.
    audit_record("generation.succeeded", actor=Actor.system("worker"), object_type="generation",
                 object_id=str(generation.id), data={"status": "succeeded"})
    return issued, generation, artifact


def test_purge_keeps_hashes_and_chain(old_generation, make_client):
    issued, generation, artifact = old_generation
    out = io.StringIO()
    call_command("retention_purge", "--artifact-days", "30", "--prompt-days", "30", "--dry-run", stdout=out)
    assert "would purge 1 artifacts and 1 prompts" in out.getvalue()
    assert default_storage.exists(artifact.storage_key)

    call_command("retention_purge", "--artifact-days", "30", "--prompt-days", "30", stdout=io.StringIO())
    artifact.refresh_from_db()
    generation.refresh_from_db()
    assert not default_storage.exists(artifact.storage_key)
    assert artifact.purged_at and artifact.sha256 == "f" * 64
    assert generation.prompt == "" and generation.prompt_sha256 == "abc" and generation.prompt_purged_at
    kinds = {e.data["kind"] for e in AuditEvent.objects.filter(event_type="retention.purged")}
    assert kinds == {"artifact_bytes", "prompt_text"}
    assert verify_chain().ok
    response = make_client(issued.secret).get(f"/api/v1/artifacts/{artifact.id}/content")
    assert response.status_code == 410 and response.json()["error"]["code"] == "gone"


def test_recent_content_is_kept(old_generation):
    _, generation, artifact = old_generation
    call_command("retention_purge", "--artifact-days", "60", "--prompt-days", "0", stdout=io.StringIO())
    artifact.refresh_from_db()
    assert artifact.purged_at is None and default_storage.exists(artifact.storage_key)
    assert Generation.objects.get(pk=generation.pk).prompt == "a red circle"


def test_speech_transcripts_go_with_the_bytes_and_never_enter_the_trail(old_generation):
    from safety import Scan, Verdict
    from server.generations.models import SafetyScan, SafetyVerdict
    from server.generations.pipeline import audited_verdict

    _, generation, _ = old_generation
    verdict = Verdict("allow", [], [], "p1", [Scan("speech", "v", "scanned", {}, {"transcript": "meet me at noon"})])
    audited = audited_verdict(verdict)
    assert "meet me" not in str(audited) and audited["scans"][0]["details"]["transcript_chars"] == 15
    assert verdict.scans[0].details["transcript"] == "meet me at noon"  # the stored scan keeps the words
    row = SafetyVerdict.objects.create(generation=generation, stage="output", decision="allow", policy_version="p1")
    scan = SafetyScan.objects.create(verdict=row, scanner="speech", version="v", status="scanned",
                                     details={"transcript": "meet me at noon", "words": 4})

    call_command("retention_purge", "--artifact-days", "30", "--prompt-days", "0", stdout=io.StringIO())
    scan.refresh_from_db()
    assert scan.details["transcript"] == "" and scan.details["transcript_purged_at"] and scan.details["words"] == 4
    assert verify_chain().ok
