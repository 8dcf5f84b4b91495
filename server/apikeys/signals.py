"""Keep the authentication cache honest: any change to a key or its owner drops the cached record."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from server.apikeys.auth_cache import cached_key_forget
from server.apikeys.models import ApiKey


def _forget(*prefixes: str) -> None:
    # Now, and again once the change is committed: a request that read the old row in between
    # must not leave it cached.
    cached_key_forget(*prefixes)
    transaction.on_commit(lambda: cached_key_forget(*prefixes))


@receiver([post_save, post_delete], sender=ApiKey, dispatch_uid="apikey-auth-cache-key")
def _key_changed(sender, instance: ApiKey, **kwargs) -> None:
    _forget(instance.prefix)


def _owner_changed(sender, instance, **kwargs) -> None:
    if kwargs.get("update_fields") == frozenset({"last_login"}):
        return  # logging in to the dashboard changes nothing a key depends on
    _forget(*ApiKey.objects.filter(owner_id=instance.pk).values_list("prefix", flat=True))


def connect_owner_signals() -> None:
    user_model = get_user_model()
    post_save.connect(_owner_changed, sender=user_model, dispatch_uid="apikey-auth-cache-owner-save")
    post_delete.connect(_owner_changed, sender=user_model, dispatch_uid="apikey-auth-cache-owner-delete")
