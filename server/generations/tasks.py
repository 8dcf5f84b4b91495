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
