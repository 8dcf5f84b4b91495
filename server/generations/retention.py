"""Retention: delete content past its period without breaking the audit chain.

Bytes and prompt text go, and with an artifact's bytes the speech transcript its output scan
recorded (it is the same content, in words); sha256 hashes, watermark ids and manifest labels
stay, and the purge itself is an audit event, so the record still proves what was delivered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from server.audit.services import Actor, audit_record
from server.generations.models import Artifact, Generation, SafetyScan

BATCH = 500


@dataclass(frozen=True)
class PurgeResult:
    artifacts: int
    prompts: int


def retention_purge(*, artifact_days: int, prompt_days: int, actor: Actor, dry_run: bool = False) -> PurgeResult:
    """Purge artifacts older than ``artifact_days`` and prompts older than ``prompt_days`` (0 = keep)."""
    now = timezone.now()
    artifacts = Artifact.objects.none()
    prompts = Generation.objects.none()
    if artifact_days > 0:
        artifacts = Artifact.objects.filter(purged_at__isnull=True, created_at__lt=now - timedelta(days=artifact_days))
    if prompt_days > 0:
        cutoff = now - timedelta(days=prompt_days)
        prompts = Generation.objects.filter(prompt_purged_at__isnull=True, created_at__lt=cutoff).exclude(prompt="")
    if dry_run:
        return PurgeResult(artifacts.count(), prompts.count())
    purged_artifacts = purged_prompts = 0
    while batch := list(artifacts.order_by("created_at")[:BATCH]):
        with transaction.atomic():
            for artifact in batch:
                for key in (artifact.storage_key, artifact.c2pa_manifest_key):
                    if key and default_storage.exists(key):
                        default_storage.delete(key)
            Artifact.objects.filter(pk__in=[a.pk for a in batch]).update(purged_at=now)
            _purge_transcripts({a.generation_id for a in batch}, now)
            audit_record("retention.purged", actor=actor, object_type="artifact",
                         data={"kind": "artifact_bytes", "older_than_days": artifact_days,
                               "artifacts": [{"id": str(a.pk), "sha256": a.sha256} for a in batch]})
        purged_artifacts += len(batch)
    while batch := list(prompts.order_by("created_at")[:BATCH]):
        with transaction.atomic():
            Generation.objects.filter(pk__in=[g.pk for g in batch]).update(prompt="", prompt_purged_at=now)
            audit_record("retention.purged", actor=actor, object_type="generation",
                         data={"kind": "prompt_text", "older_than_days": prompt_days,
                               "generations": [{"id": str(g.pk), "prompt_sha256": g.prompt_sha256} for g in batch]})
        purged_prompts += len(batch)
    return PurgeResult(purged_artifacts, purged_prompts)


def _purge_transcripts(generation_ids: set, now) -> None:
    """Blank the speech transcripts of these generations' output scans (the audit holds only their hash)."""
    scans = SafetyScan.objects.filter(verdict__generation_id__in=generation_ids, verdict__stage="output",
                                      details__has_key="transcript")
    for scan in scans:
        scan.details = {**scan.details, "transcript": "", "transcript_purged_at": now.isoformat()}
        scan.save(update_fields=["details"])
