"""Fixtures for the security suite: keys of every kind, a broker that never leaves the process."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from rest_framework.test import APIClient

from server.apikeys.scopes import SCOPES
from server.apikeys.services import apikey_create, apikey_revoke
from server.audit.services import Actor

ALL_SCOPES = ",".join(SCOPES)


@pytest.fixture(autouse=True, scope="session")
def _in_process_broker():
    """Published jobs stay in this process: never in a shared var/broker a real worker might consume."""
    from server.celery import app

    previous = app.conf.broker_url, app.conf.broker_transport_options
    app.conf.broker_url, app.conf.broker_transport_options = "memory://", {}
    app._pool = None
    yield
    app.conf.broker_url, app.conf.broker_transport_options = previous
    app._pool = None


@pytest.fixture
def make_key(db):
    def make(username: str = "alice", scopes: str = ALL_SCOPES, **kwargs):
        user, _ = get_user_model().objects.get_or_create(username=username)
        return apikey_create(owner=user, scopes=scopes, **kwargs)

    return make


@pytest.fixture
def keys(make_key):
    """One key per kind the authorization matrix walks through."""
    revoked = make_key("alice", name="revoked")
    apikey_revoke(api_key=revoked.api_key, actor=Actor.system("test"))
    return {
        "right": make_key("alice"),
        "revoked": revoked,
        "expired": make_key("alice", expires_at=timezone.now() - timedelta(seconds=1)),
        "other_user": make_key("mallory"),
    }


@pytest.fixture
def client_for():
    def make(secret: str | None = None, **extra) -> APIClient:
        client = APIClient(**extra)
        if secret:
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
        return client

    return make
