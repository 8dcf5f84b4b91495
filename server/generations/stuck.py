"""Generations stuck in `running` (a worker vanished and no redelivery came): requeue them or fail them."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from server.apikeys.models import RetentionLevel
from server.audit.services import Actor, audit_record
from server.generations import runtime
from server.generations.models import Generation, Status

logger = logging.getLogger(__name__)


@dataclass
class SweepResult:
    requeued: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def requeue_stuck(*, actor: Actor, stuck_seconds: int | None = None, max_attempts: int | None = None,
                  dry_run: bool = False) -> SweepResult:
    """Requeue generations running longer than `stuck_seconds` while attempts < max, else fail them.

    A generation whose prompt text was not retained (retention `hash`/`none`) cannot be re-run and
    is failed with that reason. Every change is audited in the transaction that makes it.
    """
    stuck_seconds = settings.GENERATION_STUCK_SECONDS if stuck_seconds is None else stuck_seconds
    max_attempts = settings.GENERATION_MAX_ATTEMPTS if max_attempts is None else max_attempts
    cutoff = timezone.now() - timedelta(seconds=stuck_seconds)
    result = SweepResult()
    ids = list(Generation.objects.filter(status=Status.RUNNING, started_at__lt=cutoff)
               .order_by("started_at").values_list("id", flat=True))
    for generation_id in ids:
        try:
            _sweep_one(generation_id, cutoff, actor, stuck_seconds, max_attempts, dry_run, result)
        except Exception:
            logger.exception("could not requeue stuck generation %s; the next sweep retries", generation_id)
    return result


def _sweep_one(generation_id, cutoff, actor: Actor, stuck_seconds: int, max_attempts: int, dry_run: bool,
               result: SweepResult) -> None:
    with transaction.atomic():
        generation = (Generation.objects.select_for_update(skip_locked=True)
                      .filter(pk=generation_id, status=Status.RUNNING, started_at__lt=cutoff).first())
        if generation is None:  # finished meanwhile, or another sweeper has it
            return
        can_rerun = generation.prompt_retention == RetentionLevel.FULL and bool(generation.prompt)
        if generation.attempts < max_attempts and can_rerun:
            if not dry_run:
                generation.status = Status.QUEUED
                generation.save(update_fields=["status"])
                audit_record("generation.requeued", actor=actor, object_type="generation",
                             object_id=str(generation.id),
                             data={"attempts": generation.attempts, "max_attempts": max_attempts,
                                   "stuck_seconds": stuck_seconds, "queue": runtime.queue_for(generation.family)})
                _publish(generation)  # inside the transaction: broker down → rolled back, still running
            result.requeued.append(str(generation.id))
            return
        if not dry_run:
            reason = (f"stuck in running for over {stuck_seconds}s after {generation.attempts} attempt(s)"
                      if can_rerun else
                      f"stuck in running for over {stuck_seconds}s; the prompt was not retained, so it "
                      "cannot be re-run")
            generation.status = Status.FAILED
            generation.error_code = "stuck"
            generation.error_message = reason
            generation.finished_at = timezone.now()
            generation.save(update_fields=["status", "error_code", "error_message", "finished_at"])
            audit_record("generation.failed", actor=actor, object_type="generation", object_id=str(generation.id),
                         data={"status": Status.FAILED, "code": "stuck", "reason": reason,
                               "timings": generation.timings})
        result.failed.append(str(generation.id))


def _publish(generation: Generation) -> None:
    from server.generations.tasks import run_generation

    run_generation.apply_async(args=[str(generation.id), generation.prompt],
                               queue=runtime.queue_for(generation.family), retry=False)
