"""Scale-out tests: real worker processes on real brokers, sharing the test database and DATA_DIR."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from server.apikeys.services import apikey_create

REPO = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("SCALEOUT_REDIS_URL", "redis://127.0.0.1:6379/15")
AMQP_URL = os.environ.get("SCALEOUT_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672//")


def reachable(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or 5672), timeout=1):
            return True
    except OSError:
        return False


def require(url: str) -> None:
    """Skip when the broker is not running, except where SCALEOUT_REQUIRE_BROKERS is set (CI)."""
    if not reachable(url):
        where = f"broker {urlparse(url).scheme}://{urlparse(url).hostname}:{urlparse(url).port} not reachable"
        if os.environ.get("SCALEOUT_REQUIRE_BROKERS"):
            pytest.fail(where + " (SCALEOUT_REQUIRE_BROKERS is set)")
        pytest.skip(where)


def _reset_producers(app) -> None:
    from kombu import pools

    pools.reset()  # closes and forgets every pooled connection, so the next publish connects afresh
    app._pool = None
    amqp = app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None


@contextmanager
def use_broker(url: str):
    """Point this process's Celery app (the web side: publishing, /metrics) at another broker."""
    from server.celery import app

    old = app.conf.broker_url, app.conf.broker_transport_options
    _reset_producers(app)
    app.conf.broker_url, app.conf.broker_transport_options = url, {}
    try:
        yield app
    finally:
        _reset_producers(app)
        app.conf.broker_url, app.conf.broker_transport_options = old


def purge_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


QUEUES = ("gen.diffusion", "gen.gan", "gen.vae", "gen.autoregressive", "default")


def purge_amqp(url: str, queues=QUEUES) -> None:
    from kombu import Connection

    with Connection(url) as conn:
        for name in queues:
            channel = conn.channel()
            try:
                channel.queue_purge(name)
            except Exception:
                pass
            finally:
                with suppress(Exception):
                    channel.close()


def shared_database_url() -> str:
    db = settings.DATABASES["default"]
    auth = quote(db.get("USER") or "postgres")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    return f"postgres://{auth}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


class WorkerProcess:
    def __init__(self, broker_url: str, log: Path, env: dict | None = None):
        self.log = log
        full_env = {**os.environ, "CELERY_BROKER_URL": broker_url, "DATABASE_URL": shared_database_url(),
                    "DATA_DIR": str(settings.DATA_DIR), "KEYS_DIR": str(settings.KEYS_DIR),
                    "CONN_MAX_AGE": "0", **(env or {})}
        self.handle = log.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("worker_main.py")), "-A", "server", "worker",
             "-Q", ",".join(QUEUES), "--pool", "solo", "--without-gossip", "--without-mingle",
             "--without-heartbeat", "-n", f"scaleout-{time.monotonic_ns()}@%h", "--loglevel", "INFO"],
            cwd=REPO, env=full_env, stdout=self.handle, stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self, timeout: float = 120.0) -> WorkerProcess:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"worker exited with {self.proc.returncode}:\n{self.log.read_text()[-4000:]}")
            if " ready." in self.log.read_text(errors="replace"):
                return self
            time.sleep(0.2)
        raise AssertionError(f"worker not ready after {timeout}s:\n{self.log.read_text()[-4000:]}")

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        self.kill()  # tests are done with it; queues are purged separately
        self.handle.close()


@pytest.fixture
def spawn_worker(tmp_path, transactional_db):
    """Start worker processes; all are stopped (their DB connections closed) before the database is reset."""
    started: list[WorkerProcess] = []

    def spawn(broker_url: str, **env) -> WorkerProcess:
        worker = WorkerProcess(broker_url, tmp_path / f"worker-{len(started)}.log", {k: str(v) for k, v in env.items()})
        started.append(worker)
        return worker

    yield spawn
    for worker in started:
        worker.stop()


@pytest.fixture
def api_client(transactional_db):
    user, _ = get_user_model().objects.get_or_create(username="scaleout")
    key = apikey_create(owner=user, scopes="generate,verify")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key.secret}")
    return client


def wait_for(predicate, timeout: float, what: str, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def wait_for_status(client: APIClient, generation_id: str, timeout: float = 90.0) -> dict:
    body = {}

    def done():
        nonlocal body
        body = client.get(f"/api/v1/generations/{generation_id}").json()
        return body["status"] not in ("queued", "running")

    wait_for(done, timeout, f"generation {generation_id} to finish")
    return body


GENERATE = {"model": "shapes-diffusion", "prompt": "a blue triangle", "params": {"steps": 2}, "seed": 3}
