"""Versioned safety policies: store a new version, assign one to an API key. Both audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from safety import Policy, PolicyError
from server.apikeys.models import ApiKey
from server.audit.services import Actor, audit_record
from server.common.errors import ApiError
from server.policies.models import SafetyPolicy


def policy_create(*, content: dict[str, Any], actor: Actor, based_on: SafetyPolicy | None = None) -> SafetyPolicy:
    """Validate and store a policy version (the same content twice gives the same row)."""
    try:
        policy = Policy.from_dict(content)
    except PolicyError as exc:
        raise ApiError(f"invalid policy: {exc}", code="invalid_policy") from exc
    with transaction.atomic():
        existing = SafetyPolicy.objects.filter(version=policy.version).first()
        if existing:
            return existing
        row = SafetyPolicy.objects.create(name=policy.name, version=policy.version, content=policy.to_dict(),
                                          based_on=based_on, created_by_name=actor.name)
        audit_record("policy.created", actor=actor, object_type="policy", object_id=policy.version,
                     data={"name": policy.name, "version": policy.version,
                           "based_on": based_on.version if based_on else None, "content": policy.to_dict()})
    return row


def policy_assign(*, api_key: ApiKey, policy: SafetyPolicy | None, actor: Actor) -> ApiKey:
    """Make ``api_key`` use ``policy`` (None: the service default)."""
    with transaction.atomic():
        key = ApiKey.objects.select_for_update().get(pk=api_key.pk)
        before = key.policy.version if key.policy_id else None
        key.policy = policy
        key.save(update_fields=["policy"])
        audit_record("policy.assigned", actor=actor, object_type="api_key", object_id=str(key.pk),
                     data={"prefix": key.prefix, "before": {"policy": before},
                           "after": {"policy": policy.version if policy else None}})
    return key
