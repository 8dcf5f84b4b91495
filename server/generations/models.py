"""Generations, their artifacts and the safety verdicts that decided them."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class Status(models.TextChoices):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    BLOCKED = "blocked"
    IN_REVIEW = "in_review"
    REJECTED = "rejected"
    FAILED = "failed"


TERMINAL_STATUSES = {Status.SUCCEEDED, Status.BLOCKED, Status.REJECTED, Status.FAILED}


class Generation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="generations")
    api_key = models.ForeignKey("apikeys.ApiKey", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="generations")
    model_name = models.CharField(max_length=100)
    model_version = models.CharField(max_length=100, blank=True)
    family = models.CharField(max_length=20)
    modality = models.CharField(max_length=10)
    prompt = models.TextField(blank=True, help_text="Empty when the key's retention level keeps no prompt.")
    prompt_sha256 = models.CharField(max_length=64, blank=True)
    prompt_retention = models.CharField(max_length=8)
    params = models.JSONField(default=dict)
    seed = models.BigIntegerField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED, db_index=True)
    error_code = models.CharField(max_length=64, blank=True)
    error_message = models.TextField(blank=True)
    watermark_id = models.BigIntegerField(unique=True, help_text="48-bit id the invisible watermark carries.")
    policy_version = models.CharField(max_length=64, blank=True)
    timings = models.JSONField(default=dict, help_text="Milliseconds per pipeline stage.")
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    prompt_purged_at = models.DateTimeField(null=True, blank=True, help_text="Prompt text deleted by retention.")
    idempotency_key = models.CharField(max_length=255, null=True, blank=True,
                                       help_text="The client's Idempotency-Key header, unique per API key.")
    request_sha256 = models.CharField(max_length=64, blank=True,
                                      help_text="sha256 of the request as submitted, to recognise retries.")

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "-created_at"])]
        constraints = [models.UniqueConstraint(fields=["api_key", "idempotency_key"],
                                               name="one_generation_per_idempotency_key")]

    def __str__(self) -> str:
        return f"{self.id} {self.model_name} {self.status}"


class Artifact(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    generation = models.ForeignKey(Generation, on_delete=models.PROTECT, related_name="artifacts")
    index = models.PositiveIntegerField(default=0)
    storage_key = models.CharField(max_length=255)
    mime = models.CharField(max_length=100)
    size = models.BigIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    watermark_id = models.BigIntegerField(db_index=True)
    watermark_alg = models.CharField(max_length=100)
    c2pa_manifest_label = models.CharField(max_length=255, blank=True)
    c2pa_state = models.CharField(max_length=16, blank=True)
    c2pa_signer = models.CharField(max_length=255, blank=True)
    c2pa_manifest_key = models.CharField(max_length=255, blank=True, help_text="Storage key of the manifest store.")
    c2pa_embedded = models.BooleanField(default=True, help_text="False: the manifest travels as a .c2pa sidecar.")
    metadata = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    purged_at = models.DateTimeField(null=True, blank=True, help_text="Bytes deleted by retention; hashes kept.")

    class Meta:
        ordering = ["generation", "index"]
        constraints = [models.UniqueConstraint(fields=["generation", "index"], name="one_artifact_per_index")]


class ReviewDecision(models.TextChoices):
    APPROVE = "approve"
    REJECT = "reject"


class Review(models.Model):
    """A reviewer's decision on held content; the reviewer's name is copied so it outlives the account."""

    generation = models.ForeignKey(Generation, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                 related_name="reviews")
    reviewer_name = models.CharField(max_length=150)
    decision = models.CharField(max_length=10, choices=ReviewDecision.choices)
    reason = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]


class Stage(models.TextChoices):
    PROMPT = "prompt"
    OUTPUT = "output"


class SafetyVerdict(models.Model):
    generation = models.ForeignKey(Generation, on_delete=models.PROTECT, related_name="verdicts")
    stage = models.CharField(max_length=10, choices=Stage.choices)
    decision = models.CharField(max_length=10)
    reasons = models.JSONField(default=list)
    categories = models.JSONField(default=list)
    policy_version = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["generation", "stage"], name="one_verdict_per_stage")]


class SafetyScan(models.Model):
    verdict = models.ForeignKey(SafetyVerdict, on_delete=models.PROTECT, related_name="scans")
    scanner = models.CharField(max_length=64)
    version = models.CharField(max_length=64)
    status = models.CharField(max_length=10)  # scanned | skipped | error
    scores = models.JSONField(default=dict)
    details = models.JSONField(default=dict)
    duration_ms = models.FloatField(default=0)

    class Meta:
        ordering = ["id"]
