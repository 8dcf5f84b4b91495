"""Thin Celery tasks for the audit trail."""

from celery import shared_task


@shared_task(name="audit.checkpoint", ignore_result=True)
def audit_checkpoint() -> dict:
    """Celery beat entry `audit-checkpoint` (every AUDIT_CHECKPOINT_INTERVAL s): sign the chain's head
    outside the database (server.audit.checkpoints)."""
    from server.audit.checkpoints import write_checkpoint

    return write_checkpoint()
