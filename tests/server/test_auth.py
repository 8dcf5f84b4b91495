"""Authentication and authorization on the generation API."""

from datetime import timedelta

import pytest
from django.utils import timezone

from server.apikeys.services import apikey_revoke
from server.audit.services import Actor
from server.generations.models import Generation

pytestmark = pytest.mark.django_db


def _assert_error(response, status: int, code: str) -> None:
    assert response.status_code == status, response.content
    body = response.json()
    assert body["error"]["code"] == code
    assert body["error"]["message"]


def test_no_key_is_401_with_challenge(make_client):
    response = make_client().get("/api/v1/generations")
    _assert_error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_wrong_key_is_401(make_client, make_key):
    make_key()
    _assert_error(make_client("rgs_000000000000_notakey").get("/api/v1/generations"), 401, "authentication_failed")
    _assert_error(make_client("garbage").get("/api/v1/models"), 401, "authentication_failed")


def test_malformed_header_is_401(make_key):
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Basic dXNlcjpwYXNz")
    _assert_error(client.get("/api/v1/generations"), 401, "authentication_failed")


def test_revoked_key_is_401(make_client, make_key):
    issued = make_key()
    client = make_client(issued.secret)
    assert client.get("/api/v1/generations").status_code == 200
    apikey_revoke(api_key=issued.api_key, actor=Actor.system("test"))
    _assert_error(client.get("/api/v1/generations"), 401, "authentication_failed")


def test_expired_key_is_401(make_client, make_key):
    issued = make_key(expires_at=timezone.now() - timedelta(seconds=1))
    _assert_error(make_client(issued.secret).get("/api/v1/generations"), 401, "authentication_failed")


def test_missing_scope_is_403(make_client, make_key):
    issued = make_key(scopes="verify")
    response = make_client(issued.secret).post("/api/v1/generations", {"model": "shapes-diffusion", "prompt": "x"},
                                               format="json")
    _assert_error(response, 403, "permission_denied")
    assert "generate" in response.json()["error"]["message"]
    assert Generation.objects.count() == 0


def test_other_users_generation_is_404(make_client, make_key):
    alice = make_key("alice")
    bob = make_key("bob")
    created = make_client(alice.secret).post(
        "/api/v1/generations", {"model": "shapes-diffusion", "prompt": "a red circle"}, format="json")
    assert created.status_code == 202, created.content
    generation_id = created.json()["id"]
    assert make_client(alice.secret).get(f"/api/v1/generations/{generation_id}").status_code == 200
    _assert_error(make_client(bob.secret).get(f"/api/v1/generations/{generation_id}"), 404, "not_found")
    assert make_client(bob.secret).get("/api/v1/generations").json()["results"] == []


def test_key_is_stored_hashed(make_key):
    issued = make_key()
    assert issued.secret not in issued.api_key.digest
    assert issued.api_key.prefix in issued.secret
    assert len(issued.api_key.digest) == 64


def test_last_used_is_recorded_without_a_write_per_request(make_client, make_key):
    issued = make_key()
    client = make_client(issued.secret)
    assert client.get("/api/v1/generations").status_code == 200
    issued.api_key.refresh_from_db()
    first = issued.api_key.last_used_at
    assert first is not None
    assert client.get("/api/v1/generations").status_code == 200
    issued.api_key.refresh_from_db()
    assert issued.api_key.last_used_at == first  # within the one-minute resolution: no second write
