"""The API key record cache: no key query per request, and no change to a key is ever served stale."""

from unittest import mock

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from server.apikeys import auth_cache
from server.apikeys.models import ApiKey
from server.apikeys.services import apikey_revoke
from server.audit.services import Actor

pytestmark = pytest.mark.django_db


def _key_queries(ctx) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries if '"apikeys_apikey"' in q["sql"]]


def test_second_request_reads_no_key_row_and_writes_no_last_used(make_client, make_key):
    client = make_client(make_key().secret)
    assert client.get("/api/v1/models").status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/api/v1/models").status_code == 200
    assert _key_queries(ctx) == []


def test_cache_off_reads_the_key_every_time(make_client, make_key, settings):
    settings.API_KEY_CACHE_SECONDS = 0
    client = make_client(make_key().secret)
    assert client.get("/api/v1/models").status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/api/v1/models").status_code == 200
    assert len(_key_queries(ctx)) == 1


def test_scope_change_applies_to_the_next_request(make_client, make_key):
    issued = make_key(scopes="generate,verify")
    client = make_client(issued.secret)
    assert client.get("/api/v1/generations").status_code == 200
    key = ApiKey.objects.get(pk=issued.api_key.pk)
    key.scopes = ["verify"]
    key.save(update_fields=["scopes"])
    assert client.get("/api/v1/generations").status_code == 403


def test_deactivated_owner_is_refused_at_once(make_client, make_key):
    issued = make_key()
    client = make_client(issued.secret)
    assert client.get("/api/v1/generations").status_code == 200
    owner = issued.api_key.owner
    owner.is_active = False
    owner.save()
    assert client.get("/api/v1/generations").status_code == 401


def test_a_read_racing_the_revocation_is_dropped_at_commit(make_client, make_key, django_capture_on_commit_callbacks):
    issued = make_key()
    client = make_client(issued.secret)
    assert client.get("/api/v1/generations").status_code == 200
    stale = ApiKey.objects.select_related("owner").get(pk=issued.api_key.pk)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        apikey_revoke(api_key=issued.api_key, actor=Actor.system("test"))
        auth_cache.cached_key_put(stale)  # another process read the row before the commit
    assert client.get("/api/v1/generations").status_code == 401


def test_a_cache_outage_falls_back_to_the_database(make_client, make_key):
    client = make_client(make_key().secret)
    broken = mock.Mock(side_effect=ConnectionError("cache down"))
    with mock.patch.object(auth_cache.cache, "get", broken), mock.patch.object(auth_cache.cache, "set", broken):
        assert client.get("/api/v1/generations").status_code == 200
    assert broken.called


def test_wrong_secret_with_a_cached_prefix_is_refused(make_client, make_key):
    issued = make_key()
    assert make_client(issued.secret).get("/api/v1/generations").status_code == 200
    forged = issued.secret[:-4] + ("aaaa" if not issued.secret.endswith("aaaa") else "bbbb")
    assert make_client(forged).get("/api/v1/generations").status_code == 401
