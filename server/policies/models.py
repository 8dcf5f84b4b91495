"""Stored safety policy versions. A version is the hash of its content, so it can never change."""

from django.db import models
from django.utils import timezone


class SafetyPolicy(models.Model):
    name = models.CharField(max_length=100)
    version = models.CharField(max_length=64, unique=True, help_text="Hash of the policy content.")
    content = models.JSONField(help_text="The policy as safety.Policy.to_dict() writes it.")
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="derived")
    created_by_name = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "safety policy"
        verbose_name_plural = "safety policies"

    def __str__(self) -> str:
        return f"{self.name} ({self.version})"
