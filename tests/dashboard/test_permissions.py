"""Every dashboard URL, for every role: who gets the page, who gets 403, who is sent to log in."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from server.apikeys.models import ApiKey
from server.audit.models import AuditEvent
from server.dashboard.roles import PERMISSIONS, ROLES
from server.dashboard.services import default_policy
from server.generations.models import Generation, Status

pytestmark = pytest.mark.django_db

R, A, OP = "reviewer", "auditor", "operator"
EVERYONE = {R, A, OP}

# name -> roles allowed (superusers are operators; a staff user without a role gets nothing)
GET_PAGES = {
    "home": EVERYONE,
    "generations": EVERYONE,
    "generation": EVERYONE,
    "artifact-content": {R, OP},
    "reviews": {R, OP},
    "keys": {OP},
    "policies": EVERYONE,
    "policy": EVERYONE,
    "policy-edit": {OP},
    "policy-compare": EVERYONE,
    "audit": {A, OP},
    "audit-export": {A, OP},
    "audit-bundle": {A, OP},
    "statistics": EVERYONE,
    "verify": EVERYONE,
}
POST_ACTIONS = {"review-decide": {R, OP}, "key-create": {OP}, "key-revoke": {OP}, "key-policy": {OP},
                "policy-edit": {OP}}


def _url(name: str, generation, artifact, key) -> str:
    args = {"generation": [generation.id], "artifact-content": [artifact.id], "key-revoke": [key.id],
            "key-policy": [key.id], "policy": [default_policy().version],
            "policy-edit": [default_policy().version]}.get(name, [])
    return reverse(f"dashboard:{name}", args=args)


@pytest.fixture
def objects(make_generation, owner_key):
    generation, artifact = make_generation()
    return generation, artifact, owner_key.api_key


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_roles_come_from_the_migration():
    migration = importlib.import_module("server.dashboard.migrations.0002_roles")
    Group.objects.filter(name__in=list(ROLES)).delete()  # (transactional tests may have flushed them anyway)
    migration.forwards(apps, None)
    migration.forwards(apps, None)  # idempotent
    groups = {g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    assert groups[R] == set(ROLES[R]) and groups[A] == set(ROLES[A]) and groups[OP] == set(PERMISSIONS)


@pytest.mark.parametrize("who", ["anonymous", "norole", R, A, OP, "superuser"])
def test_get_pages_per_role(who, staff, objects):
    generation, artifact, key = objects
    user = None if who == "anonymous" else staff[who]
    client = _client(user)
    for name, allowed in GET_PAGES.items():
        url = _url(name, generation, artifact, key)
        response = client.get(url)
        if who == "anonymous":
            assert response.status_code == 302 and response["Location"].startswith("/admin/login/?next="), url
        elif who == "superuser" or who in allowed:
            assert response.status_code == 200, (who, url, response.status_code)
        else:
            assert response.status_code == 403, (who, url, response.status_code)
            if name not in ("artifact-content", "audit-export", "audit-bundle"):
                assert b"Not allowed" in response.content


@pytest.mark.parametrize("who", ["anonymous", "norole", R, A])
def test_denied_posts_change_nothing(who, staff, objects):
    generation, artifact, key = objects
    client = _client(None if who == "anonymous" else staff[who])
    events = AuditEvent.objects.count()
    data = {"ids": [str(generation.id)], "decision": "approve", "reason": "ok", "owner": "mallory",
            "scopes": ["generate"], "prompt_retention": "full", "policy": "", "content": "name = 'x'"}
    for name, allowed in POST_ACTIONS.items():
        response = client.post(_url(name, generation, artifact, key), data)
        if who == "anonymous":
            assert response.status_code == 302
        elif who in allowed:
            continue
        else:
            assert response.status_code == 403, (who, name)
    if who == R:  # the one action a reviewer may take
        assert Generation.objects.get(pk=generation.pk).status == Status.SUCCEEDED
    else:
        assert Generation.objects.get(pk=generation.pk).status == Status.IN_REVIEW
        assert AuditEvent.objects.count() == events
    assert ApiKey.objects.filter(revoked_at__isnull=False).count() == 0
    assert not ApiKey.objects.filter(owner__username="mallory").exists()


def test_navigation_shows_only_allowed_screens(staff):
    nav = {who: _client(staff[who]).get("/dashboard/").content.decode() for who in (R, A, OP)}
    assert 'href="/dashboard/reviews/"' in nav[R] and 'href="/dashboard/keys/"' not in nav[R]
    assert 'href="/dashboard/audit/"' not in nav[R]
    assert 'href="/dashboard/audit/"' in nav[A] and 'href="/dashboard/reviews/"' not in nav[A]
    assert all(f'href="/dashboard/{p}/"' in nav[OP] for p in ("reviews", "keys", "policies", "audit", "statistics"))


def test_auditor_sees_records_but_not_content(staff, objects):
    generation, artifact, _ = objects
    page = _client(staff[A]).get(f"/dashboard/generations/{generation.id}/").content.decode()
    assert f"/dashboard/artifacts/{artifact.id}/content" not in page
    assert "Your role shows records, not content" in page
    assert "a red circle" in page
