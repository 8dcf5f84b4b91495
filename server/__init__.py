"""The Django project: HTTP API, persistence, queue, auth and audit.

Importing the Celery app here makes ``shared_task`` bind to it in every process.
"""

from server.celery import app as celery_app

__all__ = ["celery_app"]
