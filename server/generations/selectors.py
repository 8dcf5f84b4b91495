"""Reads: what a requester may see."""

from __future__ import annotations

import logging

from django.db.models import Prefetch, QuerySet

from server.audit.models import AuditEvent
from server.generations.models import Artifact, Generation, SafetyVerdict, Status

logger = logging.getLogger(__name__)


def _with_verdicts(qs: QuerySet[Generation]) -> QuerySet[Generation]:
    return qs.prefetch_related(Prefetch("verdicts", queryset=SafetyVerdict.objects.prefetch_related("scans")))


def generation_list(*, owner, status: str | None = None, model: str | None = None) -> QuerySet[Generation]:
    qs = _with_verdicts(Generation.objects.filter(owner=owner)).prefetch_related("artifacts")
    if status:
        qs = qs.filter(status=status)
    if model:
        qs = qs.filter(model_name=model)
    return qs.order_by("-created_at", "-id")


def generation_get(*, owner, generation_id) -> Generation | None:
    """One generation with its verdicts. Artifacts load only when described (succeeded or held):
    most reads are clients polling a queued or running job, which has none."""
    return _with_verdicts(Generation.objects.filter(owner=owner, pk=generation_id)).first()


def held_artifact_get(artifact_id) -> Artifact | None:
    """An artifact of any owner's generation that waits for review (reviewers judge them all)."""
    return (Artifact.objects.select_related("generation")
            .filter(pk=artifact_id, generation__status=Status.IN_REVIEW, purged_at__isnull=True).first())


# The audit events that decide a generation's fate; the last one in the trail is its outcome.
OUTCOME_EVENTS = ("generation.succeeded", "generation.held_for_review", "generation.blocked",
                  "generation.failed", "review.approved", "review.rejected")
DELIVERABLE_OUTCOMES = frozenset({"generation.succeeded", "review.approved"})


def delivery_on_record(generation_id) -> bool:
    """Whether the audit trail's last word on a generation lets its content out. A status changed
    in the database alone (a rejected row set to succeeded) is not enough: the trail is the
    evidence that every check ran, so delivery follows it, not the row."""
    last = (AuditEvent.objects.filter(object_type="generation", object_id=str(generation_id),
                                      event_type__in=OUTCOME_EVENTS)
            .order_by("-seq").values_list("event_type", flat=True).first())
    if last in DELIVERABLE_OUTCOMES:
        return True
    logger.error("generation %s is succeeded in the database but its audit trail's outcome is %s: "
                 "its content is not delivered", generation_id, last or "missing")
    return False


def deliverable_artifact_get(*, owner, artifact_id) -> Artifact | None:
    """Only artifacts of succeeded generations are ever served to API clients, and only when the
    audit trail agrees (:func:`delivery_on_record`)."""
    artifact = (Artifact.objects.select_related("generation")
                .filter(pk=artifact_id, generation__owner=owner, generation__status=Status.SUCCEEDED).first())
    return artifact if artifact is not None and delivery_on_record(artifact.generation_id) else None
