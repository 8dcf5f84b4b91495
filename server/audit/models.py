"""Append-only, hash-chained audit events.

Each event's ``hash`` is sha256 over the canonical JSON of its fields and the previous
event's hash, so removing, reordering or editing any event breaks the chain. The
database refuses UPDATE and DELETE (triggers installed by migration 0002).
"""

from django.db import models


class AuditEvent(models.Model):
    seq = models.BigIntegerField(unique=True, help_text="Position in the chain, from 1.")
    created_at = models.DateTimeField()
    event_type = models.CharField(max_length=64, db_index=True)
    actor_type = models.CharField(max_length=16)  # user | api_key | system
    actor_id = models.CharField(max_length=64, blank=True)
    actor_name = models.CharField(max_length=150, blank=True)
    api_key_prefix = models.CharField(max_length=32, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    data = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id", "seq"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.event_type} {self.object_type}:{self.object_id}"
