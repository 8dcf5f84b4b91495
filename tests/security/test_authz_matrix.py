"""Authorization matrix: every URL pattern, walked from the resolver (a new endpoint is caught),
against no key, a revoked key, an expired key, a key without the scope, another user's key and the
right key; staff pages against anonymous, a signed-in user without the role and an operator."""

from __future__ import annotations

import inspect
import logging
import re
import uuid

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.views import APIView

from server.apikeys import services as apikey_services
from server.apikeys.authentication import HasScope
from server.audit.services import Actor
from server.generations.models import Generation

pytestmark = pytest.mark.django_db

PUBLIC = {"healthz", "readyz", "api/schema/", "api/docs/", "metrics"}  # no data behind them
SIGNED_URL = {"v1/files/<str:token>"}  # authorised by the signature in the URL, not a key


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


ROUTES = list(walk(get_resolver().url_patterns))


def concrete(route: str, ids: dict) -> str:
    route = route.lstrip("^").rstrip("$").replace("\\Z", "")

    def fill(match):
        converter, name = match.group(1) or "str", match.group(2)
        if name in ids:
            return str(ids[name])
        return {"uuid": str(uuid.uuid4()), "int": "999999", "path": "x/y"}.get(converter, "x")

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, route)


def api_views():
    for route, callback in ROUTES:
        cls = getattr(callback, "cls", None)
        if cls and issubclass(cls, APIView) and (any(issubclass(p, HasScope) for p in cls.permission_classes)
                                                 or getattr(cls, "required_scope", None)):
            methods = [m for m in ("get", "post", "put", "patch", "delete") if hasattr(cls, m)]
            for method in methods:
                yield route, cls, method


API = list(api_views())
CLASSIFIED_ROUTES = {r for r, _, _ in API}


def test_every_route_is_classified():
    """A new URL must land in one of the matrices below (or be declared public) to pass."""
    unclassified = []
    for route, _callback in ROUTES:
        if (route in CLASSIFIED_ROUTES or route.startswith(("admin/", "dashboard/")) or route in PUBLIC
                or route in SIGNED_URL):
            continue
        unclassified.append(route)
    assert not unclassified, f"classify these routes in tests/security/test_authz_matrix.py: {unclassified}"
    assert len(API) >= 15


@pytest.fixture
def world(make_key):
    """alice owns a generation; every kind of key the matrix needs."""
    alice = make_key("alice")
    generation = Generation.objects.create(
        owner=alice.api_key.owner, api_key=alice.api_key, model_name="shapes-diffusion", family="diffusion",
        modality="image", prompt="p", prompt_retention="full", params={}, seed=1, watermark_id=0xABC)
    revoked = make_key("alice")
    apikey_services.apikey_revoke(api_key=revoked.api_key, actor=Actor.system("test"))
    from datetime import timedelta

    from django.utils import timezone
    return {
        "ids": {"generation_id": generation.id},
        "right": alice.secret,
        "revoked": revoked.secret,
        "expired": make_key("alice", expires_at=timezone.now() - timedelta(seconds=1)).secret,
        "other_user": make_key("mallory").secret,
        "no_scope_key": lambda scope: make_key("alice", scopes="verify" if scope != "verify" else "generate").secret,
    }


def _call(client_for, secret, method, url):
    client = client_for(secret)
    kwargs = {"format": "json"} if method in ("post", "put", "patch") else {}
    return getattr(client, method)(url, {}, **kwargs) if kwargs else getattr(client, method)(url)


@pytest.mark.parametrize("route,cls,method", API, ids=[f"{m.upper()} /{r}" for r, _, m in API])
def test_api_matrix(world, client_for, route, cls, method):
    url = concrete(route, world["ids"])
    scope = getattr(cls, "required_scope", None)
    rows = {"no key": (None, 401), "revoked": (world["revoked"], 401), "expired": (world["expired"], 401),
            "garbage": ("rgs_000000000000_" + "A" * 43, 401)}
    if scope:
        rows["without scope"] = (world["no_scope_key"](scope), 403)
    for name, (secret, expected) in rows.items():
        response = _call(client_for, secret, method, url)
        assert response.status_code == expected, (name, method, url, response.content[:200])
        body = response.json()["error"]
        assert body["message"] and (secret is None or secret not in response.content.decode())
        if expected == 401:
            assert response.has_header("WWW-Authenticate")
    right = _call(client_for, world["right"], method, url)
    assert right.status_code not in (401, 403) and right.status_code < 500, (method, url, right.content[:300])
    if "generation_id" in route and method == "get":
        assert right.status_code == 200
        other = _call(client_for, world["other_user"], method, url)
        assert other.status_code == 404, "another user's object must not be visible"


def test_other_users_objects_stay_invisible(world, client_for):
    other = client_for(world["other_user"])
    assert other.get("/api/v1/generations").json()["results"] == []
    assert other.get(f"/api/v1/generations/{world['ids']['generation_id']}").status_code == 404


# --- staff pages --------------------------------------------------------------------------------

DASHBOARD = [(r, cb) for r, cb in ROUTES if r.startswith("dashboard/")]
ADMIN_PLAIN = [r for r, cb in ROUTES if r.startswith("admin/") and "<" not in r and "(?P" not in r]


@pytest.fixture
def people(db):
    users = get_user_model().objects
    return {"nobody": users.create_user("plain", password="pw-123456789"),
            "operator": users.create_superuser("root", "root@example.com", "pw-123456789")}


@pytest.mark.parametrize("route", [r for r, _ in DASHBOARD])
def test_dashboard_needs_the_role(people, client, route):
    url = concrete(route, {})
    method = "post" if client.get(url).status_code == 405 else "get"  # POST-only actions
    anonymous = getattr(client, method)(url)
    assert anonymous.status_code == 302 and settings.LOGIN_URL in anonymous["Location"], url
    client.force_login(people["nobody"])
    assert getattr(client, method)(url).status_code == 403, url
    client.force_login(people["operator"])
    response = getattr(client, method)(url)
    assert response.status_code not in (401, 403) and response.status_code < 500, (url, response.status_code)


@pytest.mark.parametrize("route", ADMIN_PLAIN)
def test_admin_needs_staff(people, client, route):
    url = concrete(route, {})
    if route in ("admin/login/", "admin/logout/"):
        return
    assert client.get(url).status_code in (302, 404), url
    client.force_login(people["nobody"])
    response = client.get(url)
    assert response.status_code in (302, 404) and "/admin/login/" in response.get("Location", "/admin/login/"), url


def test_dashboard_pages_are_not_cacheable_or_frameable(people, client):
    client.force_login(people["operator"])
    response = client.get("/dashboard/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_dashboard_post_needs_csrf(people):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(people["operator"])
    response = client.post("/dashboard/keys/new", {"username": "x", "scopes": "generate"})
    assert response.status_code == 403


# --- keys: constant-time comparison, never logged, never echoed ---------------------------------

def test_key_digest_is_compared_in_constant_time(make_key, client_for, monkeypatch):
    source = inspect.getsource(apikey_services.apikey_authenticate)
    assert "hmac.compare_digest(" in source
    calls = []
    original = apikey_services.hmac.compare_digest

    def spy(a, b):  # counts, and still compares with the real function
        calls.append(1)
        return original(a, b)

    monkeypatch.setattr(apikey_services.hmac, "compare_digest", spy)
    issued = make_key()
    wrong = issued.secret[:-4] + ("AAAA" if not issued.secret.endswith("AAAA") else "BBBB")
    assert client_for(wrong).get("/api/v1/models").status_code == 401
    assert client_for(issued.secret).get("/api/v1/models").status_code == 200
    assert len(calls) >= 2


def test_secrets_never_logged_or_echoed(make_key, client_for, caplog):
    issued = make_key()
    revoked = make_key()
    apikey_services.apikey_revoke(api_key=revoked.api_key, actor=Actor.system("test"))
    wrong = issued.secret[:-4] + "ZZZZ"
    secrets_ = [issued.secret, revoked.secret, wrong]
    with caplog.at_level(logging.DEBUG):
        bodies = [client_for(s).get(u).content.decode() for s in secrets_
                  for u in ("/api/v1/models", "/api/v1/generations", "/v1/models")]
        bodies.append(client_for(wrong).post("/api/v1/generations", {"model": "x"}, format="json").content.decode())
    logged = caplog.text + "".join(str(r.__dict__) for r in caplog.records)
    for secret in secrets_:
        token = secret.split("_", 2)[2]
        assert token not in logged
        assert all(token not in body for body in bodies)
