"""Issuing, checking and revoking API keys."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from server.apikeys.auth_cache import cached_key_get
from server.apikeys.models import ApiKey, RetentionLevel
from server.apikeys.scopes import parse_scopes
from server.audit.services import Actor, audit_record

KEY_PREFIX = "rgs"


@dataclass(frozen=True)
class IssuedKey:
    api_key: ApiKey
    secret: str  # the whole key: shown once, never stored


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def apikey_create(
    *,
    owner,
    scopes: str | list[str],
    name: str = "",
    expires_at: datetime | None = None,
    prompt_retention: str = RetentionLevel.FULL,
    actor: Actor | None = None,
) -> IssuedKey:
    scope_list = parse_scopes(scopes)
    prefix = secrets.token_hex(6)
    secret = f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        key = ApiKey.objects.create(
            name=name, prefix=prefix, digest=_digest(secret), owner=owner, scopes=scope_list,
            expires_at=expires_at, prompt_retention=prompt_retention,
        )
        audit_record(
            "apikey.created",
            actor=actor or Actor.system(),
            object_type="api_key", object_id=str(key.pk),
            data={"prefix": prefix, "owner": owner.get_username(), "scopes": scope_list,
                  "expires_at": expires_at.isoformat() if expires_at else None,
                  "prompt_retention": prompt_retention},
        )
    return IssuedKey(api_key=key, secret=secret)


def apikey_revoke(*, api_key: ApiKey, actor: Actor) -> ApiKey:
    with transaction.atomic():
        key = ApiKey.objects.select_for_update().get(pk=api_key.pk)
        if key.revoked_at is None:
            key.revoked_at = timezone.now()
            key.save(update_fields=["revoked_at"])
            audit_record("apikey.revoked", actor=actor, object_type="api_key", object_id=str(key.pk),
                         data={"prefix": key.prefix})
    return key


def apikey_authenticate(secret: str) -> ApiKey | None:
    """The active key matching ``secret``, compared in constant time; None otherwise."""
    parts = secret.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX:
        return None
    key = cached_key_get(parts[1], _key_by_prefix)
    if key is None or not hmac.compare_digest(key.digest, _digest(secret)):
        return None
    if not key.is_active or not key.owner.is_active:
        return None
    return key


def _key_by_prefix(prefix: str) -> ApiKey | None:
    return ApiKey.objects.select_related("owner").filter(prefix=prefix).first()


def user_get_or_create(username: str):
    user, _ = get_user_model().objects.get_or_create(username=username)
    return user
