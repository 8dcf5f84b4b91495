"""Review of held content: approve makes it deliverable, reject ends it. Both audited."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from server.audit.services import Actor, audit_record
from server.common.errors import ApiError
from server.generations.models import Generation, Review, ReviewDecision, Status


def review_decide(*, generation_id, reviewer, actor: Actor, decision: str, reason: str) -> Generation:
    """Record a reviewer's decision on an ``in_review`` generation (409 if it is not held)."""
    if decision not in ReviewDecision.values:
        raise ApiError(f"decision must be one of {', '.join(ReviewDecision.values)}", code="invalid_request")
    reason = (reason or "").strip()
    if not reason:
        raise ApiError("a reason is required for every review decision", code="invalid_request")
    with transaction.atomic():
        generation = Generation.objects.select_for_update().filter(pk=generation_id).first()
        if generation is None:
            raise ApiError("no such generation", code="not_found", status_code=404)
        if generation.status != Status.IN_REVIEW:
            raise ApiError(f"generation is {generation.status}, not in_review", code="conflict", status_code=409)
        Review.objects.create(generation=generation, reviewer=reviewer, reviewer_name=actor.name,
                              decision=decision, reason=reason)
        before = generation.status
        generation.status = Status.SUCCEEDED if decision == ReviewDecision.APPROVE else Status.REJECTED
        generation.finished_at = timezone.now()
        generation.save(update_fields=["status", "finished_at"])
        audit_record(
            "review.approved" if decision == ReviewDecision.APPROVE else "review.rejected",
            actor=actor, object_type="generation", object_id=str(generation.id),
            data={"before": {"status": before}, "after": {"status": generation.status}, "reason": reason,
                  "reviewer": actor.name},
        )
    return generation


def review_queue():
    """Held generations, oldest first (the order reviewers should work in)."""
    return (Generation.objects.filter(status=Status.IN_REVIEW).select_related("owner", "api_key")
            .prefetch_related("verdicts__scans", "artifacts").order_by("created_at", "id"))
