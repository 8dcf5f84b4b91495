"""Celery application: one queue per model family, GPU-friendly worker defaults."""

import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "server.settings")

app = Celery("server")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.worker_ready.connect
def _warm_up(sender=None, **kwargs) -> None:
    """Load the safety scanners, keys and models before the first job, not during it."""
    from server.generations.runtime import warm_up

    consume_from = getattr(getattr(getattr(sender, "app", None), "amqp", None), "queues", None)
    queues = {queue.name for queue in consume_from.consume_from.values()} if consume_from is not None else None
    warm_up(queues)
