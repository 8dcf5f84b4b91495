"""Reads: what a requester may see."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from server.generations.models import Artifact, Generation, SafetyVerdict, Status


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


def deliverable_artifact_get(*, owner, artifact_id) -> Artifact | None:
    """Only artifacts of succeeded generations are ever served to API clients."""
    return (Artifact.objects.select_related("generation")
            .filter(pk=artifact_id, generation__owner=owner, generation__status=Status.SUCCEEDED).first())
