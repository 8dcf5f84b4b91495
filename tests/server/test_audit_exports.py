"""Audit verification, streamed exports and signed bundles an auditor checks offline."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from server.audit.models import AuditEvent
from server.audit.services import HASHED_FIELDS, Actor, audit_record, hash_fields

pytestmark = pytest.mark.django_db
ACTOR = Actor(type="user", id="7", name="auditor-test")


@pytest.fixture
def events():
    return [audit_record("system.keys_created", actor=ACTOR, object_type="service", object_id=str(n),
                         data={"n": n, "ratio": n / 3, "text": "é ✓"}) for n in range(5)]


def _tamper(sql: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
        cursor.execute(sql)
        cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER USER")


def test_audit_verify_passes_on_intact_chain(events):
    out = io.StringIO()
    call_command("audit_verify", stdout=out)
    assert "OK: 5 events" in out.getvalue()


@pytest.mark.parametrize(("statements", "needle"), [
    (["UPDATE audit_auditevent SET actor_name = 'mallory' WHERE object_id = '2'"], "hash does not match"),
    (["DELETE FROM audit_auditevent WHERE object_id = '2'"], "missing event"),
    # swap two events' positions (through a free seq value: seq is unique)
    (["UPDATE audit_auditevent SET seq = -seq WHERE object_id = '1'",
      "UPDATE audit_auditevent SET seq = seq - 1 WHERE object_id = '2'",
      "UPDATE audit_auditevent SET seq = 1 - seq WHERE object_id = '1'"], "does not"),
])
def test_audit_verify_catches_edit_delete_reorder(events, statements, needle):
    for sql in statements:
        _tamper(sql)
    with pytest.raises(CommandError, match=needle):
        call_command("audit_verify")


def test_events_api_needs_audit_scope(make_key, make_client, events):
    assert make_client(make_key(scopes="generate").secret).get("/api/v1/audit/events").status_code == 403
    body = make_client(make_key("aud", scopes="audit:read").secret).get(
        "/api/v1/audit/events?event_type=system.keys_created&limit=2").json()
    assert [e["object_id"] for e in body["results"]] == ["4", "3"]
    assert body["next"]


def test_events_api_rejects_bad_filters(make_key, make_client):
    client = make_client(make_key(scopes="audit:read").secret)
    assert client.get("/api/v1/audit/events?event_type=nope").status_code == 400
    response = client.get("/api/v1/audit/events?since=yesterday")
    assert response.status_code == 400 and "ISO 8601" in response.json()["error"]["message"]


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_streams_recomputable_events(make_key, make_client, events, fmt):
    client = make_client(make_key(scopes="audit:read").secret)
    response = client.get(f"/api/v1/audit/export?format={fmt}")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    if fmt == "jsonl":
        rows = [json.loads(line) for line in text.splitlines()]
    else:
        import csv

        rows = list(csv.DictReader(io.StringIO(text)))
        for row in rows:
            row["seq"], row["data"] = int(row["seq"]), json.loads(row["data"])
    mine = [r for r in rows if r["actor_name"] == "auditor-test"]
    assert len(mine) == 5
    for row in rows:
        assert hash_fields({k: row[k] for k in HASHED_FIELDS}) == row["hash"]


def test_export_rejects_unknown_format(make_key, make_client):
    response = make_client(make_key(scopes="audit:read").secret).get("/api/v1/audit/export?format=xml")
    assert response.status_code == 400


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_bundle_verifies_offline_and_detects_tampering(events, tmp_path, fmt):
    bundle = tmp_path / "bundle"
    call_command("audit_export", "--out", str(bundle), "--format", fmt, stdout=io.StringIO())
    manifest = json.loads((bundle / "manifest.json").read_text())
    assert manifest["event_count"] == AuditEvent.objects.count()
    out = io.StringIO()
    call_command("audit_verify_export", str(bundle), stdout=out)
    assert "bundle verifies" in out.getvalue()

    data = bundle / f"events.{fmt}"
    original = data.read_bytes()
    data.write_bytes(original.replace(b"auditor-test", b"auditor-tost", 1))
    with pytest.raises(CommandError, match="sha256"):
        call_command("audit_verify_export", str(bundle))
    data.write_bytes(original)

    (bundle / "manifest.json").write_text((bundle / "manifest.json").read_text().replace('"format"', '"format" ', 1))
    with pytest.raises(CommandError, match="signature"):
        call_command("audit_verify_export", str(bundle))


def test_bundle_time_window(events, tmp_path):
    middle = AuditEvent.objects.order_by("seq")[2].created_at
    bundle = tmp_path / "b"
    call_command("audit_export", "--out", str(bundle), "--since", middle.isoformat(), stdout=io.StringIO())
    manifest = json.loads((bundle / "manifest.json").read_text())
    assert manifest["event_count"] == AuditEvent.objects.filter(created_at__gte=middle).count()
    call_command("audit_verify_export", str(bundle), stdout=io.StringIO())
