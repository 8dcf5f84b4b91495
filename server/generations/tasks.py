"""Thin Celery tasks: they call services, nothing else."""

from celery import shared_task

from server.generations.models import Generation
from server.generations.pipeline import generation_execute


@shared_task(bind=True, acks_late=True, max_retries=5, name="generations.run")
def run_generation(self, generation_id: str, prompt: str) -> None:
    # The web process publishes inside its transaction, so the row can trail the message by a moment.
    if not Generation.objects.filter(pk=generation_id).exists():
        raise self.retry(countdown=1)
    generation_execute(generation_id, prompt)


@shared_task(name="generations.requeue_stuck", ignore_result=True)
def requeue_stuck_generations() -> dict:
    """Celery beat entry `requeue-stuck-generations` (CELERY_BEAT_SCHEDULE, every REQUEUE_STUCK_INTERVAL s)."""
    from server.audit.services import Actor
    from server.generations.stuck import requeue_stuck

    result = requeue_stuck(actor=Actor.system("requeue_stuck"))
    return {"requeued": result.requeued, "failed": result.failed}
