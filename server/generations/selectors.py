"""Reads: what a requester may see."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from server.generations.models import Artifact, Generation, SafetyVerdict, Status


def generation_list(*, owner, status: str | None = None, model: str | None = None) -> QuerySet[Generation]:
    qs = Generation.objects.filter(owner=owner).select_related("api_key").prefetch_related(
        "artifacts", Prefetch("verdicts", queryset=SafetyVerdict.objects.prefetch_related("scans")))
    if status:
        qs = qs.filter(status=status)
    if model:
        qs = qs.filter(model_name=model)
    return qs.order_by("-created_at", "-id")


def generation_get(*, owner, generation_id) -> Generation | None:
    return generation_list(owner=owner).filter(pk=generation_id).first()


def deliverable_artifact_get(*, owner, artifact_id) -> Artifact | None:
    """Only artifacts of succeeded generations are ever served to API clients."""
    return (Artifact.objects.select_related("generation")
            .filter(pk=artifact_id, generation__owner=owner, generation__status=Status.SUCCEEDED).first())
