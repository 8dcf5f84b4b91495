"""Fixtures for API tests: users, keys, clients and a real Celery worker."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from server.apikeys.services import apikey_create


@pytest.fixture
def make_key(db):
    def make(username: str = "alice", scopes: str = "generate,verify", **kwargs):
        user, _ = get_user_model().objects.get_or_create(username=username)
        return apikey_create(owner=user, scopes=scopes, **kwargs)

    return make


@pytest.fixture
def make_client():
    def make(secret: str | None = None) -> APIClient:
        client = APIClient()
        if secret:
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
        return client

    return make


def switch_broker(app, url: str) -> None:
    """Point the Celery app at another broker. Its connection and producer pools are cached on the
    first publish, so they are dropped too: a test that queued a job before the switch would
    otherwise keep every later publish on the old broker, where no worker listens."""
    app.conf.broker_url = url
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture(scope="session")
def celery_worker_session():
    """A real Celery worker (in-memory broker, solo pool) in a thread for the whole session."""
    from celery.contrib.testing.worker import start_worker

    from server.celery import app

    app.conf.broker_transport_options = {}
    switch_broker(app, "memory://")
    app.conf.task_always_eager = False
    with start_worker(app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=30,
                      queues=["default", "gen.diffusion", "gen.gan", "gen.vae", "gen.autoregressive"]) as worker:
        yield worker


@pytest.fixture
def worker(celery_worker_session, transactional_db):
    """The session worker, with a database whose commits the worker thread can see."""
    return celery_worker_session


def wait_for_status(client: APIClient, generation_id: str, timeout: float = 180.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = client.get(f"/api/v1/generations/{generation_id}").json()
        if body["status"] not in ("queued", "running"):
            return body
        time.sleep(0.2)
    raise AssertionError(f"generation {generation_id} still {body['status']} after {timeout}s")
