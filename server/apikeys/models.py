"""API keys: stored as a sha256 digest with a visible prefix; the key itself is shown once."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class RetentionLevel(models.TextChoices):
    FULL = "full", "Keep the prompt"
    HASH = "hash", "Keep only the prompt's sha256"
    NONE = "none", "Keep nothing of the prompt"


class ApiKey(models.Model):
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=16, unique=True, help_text="Public part, shown in lists and logs.")
    digest = models.CharField(max_length=64, help_text="sha256 of the whole key.")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_keys")
    scopes = models.JSONField(default=list)
    prompt_retention = models.CharField(max_length=8, choices=RetentionLevel.choices, default=RetentionLevel.FULL)
    policy = models.ForeignKey("policies.SafetyPolicy", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="api_keys", help_text="Empty: the service's default policy.")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    rate_limit_per_minute = models.PositiveIntegerField(
        null=True, blank=True, help_text="Requests per minute; empty: the service default (API_RATE_LIMIT_PER_MINUTE).")
    daily_quota = models.PositiveIntegerField(
        null=True, blank=True, help_text="Generations per UTC day; empty: the service default (API_DAILY_QUOTA).")
    max_concurrent = models.PositiveIntegerField(
        null=True, blank=True, help_text="Queued or running generations at once; empty: API_MAX_CONCURRENT.")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "API key"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.owner})"

    @property
    def is_active(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes
