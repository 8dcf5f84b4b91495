"""Audit verification, streamed exports and signed bundles an auditor checks offline."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from server.audit.models import AuditEvent
from server.audit.services import HASHED_FIELDS, Actor, audit_record, event_fields, hash_fields, verify_chain

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


def test_a_listed_event_re_hashes_as_it_is_and_types_can_be_repeated(make_key, make_client, events):
    audit_record("system.keys_created", actor=ACTOR, object_type="other", data={})
    client = make_client(make_key("aud", scopes="audit:read").secret)
    body = client.get("/api/v1/audit/events?event_type=system.keys_created&event_type=apikey.created").json()
    types = {e["event_type"] for e in body["results"]}
    assert types == {"system.keys_created", "apikey.created"}  # the key made for this test, and the events
    for event in body["results"]:
        assert event["created_at"].endswith("+00:00")
        assert hash_fields({k: event[k] for k in HASHED_FIELDS}) == event["hash"]


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
    # Every event up to the export; the export's own audit.exported event follows it.
    assert manifest["event_count"] == AuditEvent.objects.count() - 1
    assert AuditEvent.objects.latest("seq").event_type == "audit.exported"
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
    assert manifest["event_count"] == AuditEvent.objects.filter(created_at__gte=middle).exclude(
        event_type="audit.exported").count()  # recorded after the bundle was written
    call_command("audit_verify_export", str(bundle), stdout=io.StringIO())


# --- trust anchors, checkpoints and refusals -------------------------------------------------

def _forge(bundle, tmp_path):
    """What a forger with database rights does: drop an event, re-hash, re-sign with their own CA."""
    from provenance import SigningIdentity
    from provenance.detached import sign_detached

    rows = [json.loads(line) for line in (bundle / "events.jsonl").read_text().splitlines()]
    rows = [r for r in rows if r["object_id"] != "4"]
    prev = rows[0]["prev_hash"]
    for seq, row in enumerate(rows, start=rows[0]["seq"]):
        row["seq"], row["prev_hash"] = seq, prev
        row["hash"] = prev = hash_fields({k: row[k] for k in HASHED_FIELDS})
    data = "".join(json.dumps(r, sort_keys=True, separators=(",", ":")) + "\n" for r in rows).encode()
    (bundle / "events.jsonl").write_bytes(data)
    manifest = json.loads((bundle / "manifest.json").read_text())
    manifest.update(event_count=len(rows), last_hash=prev, last_seq=rows[-1]["seq"],
                    data_sha256=__import__("hashlib").sha256(data).hexdigest())
    manifest_bytes = json.dumps(manifest, indent=2, sort_keys=True).encode()
    forger = SigningIdentity.ensure(tmp_path / "forger", organization="Forgers Ltd")
    (bundle / "manifest.json").write_bytes(manifest_bytes)
    (bundle / "manifest.sig").write_bytes(sign_detached(manifest_bytes, forger))
    (bundle / "certificate.pem").write_bytes(forger.cert_chain_pem)
    (bundle / "root-ca.pem").write_bytes(forger.trust_anchors_pem)


def test_a_re_signed_forgery_fails_unless_only_self_consistency_is_asked(events, tmp_path):
    bundle = tmp_path / "bundle"
    call_command("audit_export", "--out", str(bundle), stdout=io.StringIO())
    _forge(bundle, tmp_path)
    with pytest.raises(CommandError, match="not issued by the trust anchor"):
        call_command("audit_verify_export", str(bundle))  # the deployment's own root by default
    with pytest.raises(CommandError, match="not issued by the trust anchor"):
        call_command("audit_verify_export", str(bundle), "--trust", _service_root(tmp_path))
    out = io.StringIO()
    call_command("audit_verify_export", str(bundle), "--bundle-root", stdout=out)
    assert "NOT anchored" in out.getvalue()
    with pytest.raises(CommandError, match="cannot read the trust anchor"):
        call_command("audit_verify_export", str(bundle), "--trust", str(tmp_path / "missing.pem"))


def _service_root(tmp_path) -> str:
    from server.generations import runtime

    path = tmp_path / "service-root.pem"
    path.write_bytes(runtime.signing_identity().trust_anchors_pem)
    return str(path)


def test_the_dashboard_zip_verifies_as_it_is(events, tmp_path):
    import zipfile

    bundle = tmp_path / "b"
    call_command("audit_export", "--out", str(bundle), stdout=io.StringIO())
    archive = tmp_path / "bundle.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in bundle.iterdir():
            zf.write(path, arcname=f"audit-bundle/{path.name}")
    out = io.StringIO()
    call_command("audit_verify_export", str(archive), "--trust", _service_root(tmp_path), stdout=out)
    assert "bundle verifies: signature chains to the trust anchor" in out.getvalue()


def test_a_cut_off_tail_is_caught_by_the_checkpoint(events):
    out = io.StringIO()
    call_command("audit_checkpoint", stdout=out)
    assert "wrote checkpoint at event 5" in out.getvalue()
    _tamper("DELETE FROM audit_auditevent WHERE seq >= 4")  # the chain that is left is perfect
    with pytest.raises(CommandError, match="events are missing from the end: .* recorded event 5, the database "
                                           "ends at 3"):
        call_command("audit_verify")
    # The evidence is never overwritten by the shorter chain.
    with pytest.raises(CommandError, match="checkpoint NOT written: events are missing"):
        call_command("audit_checkpoint")


def test_a_rewritten_chain_is_caught_by_the_checkpoint(events):
    call_command("audit_checkpoint", stdout=io.StringIO())
    # Rewrite event 3 and re-hash from there on, as someone with database rights could.
    _tamper("UPDATE audit_auditevent SET actor_name = 'mallory' WHERE seq = 3")
    prev = AuditEvent.objects.get(seq=2).hash
    for event in AuditEvent.objects.filter(seq__gte=3).order_by("seq"):
        event.prev_hash = prev
        new = hash_fields(event_fields(event))
        _tamper(f"UPDATE audit_auditevent SET prev_hash = '{prev}', hash = '{new}' WHERE seq = {event.seq}")
        prev = new

    assert verify_chain().ok  # the chain alone cannot tell
    with pytest.raises(CommandError, match="event 5 differs from the checkpoint"):
        call_command("audit_verify")


def test_no_bundle_is_signed_over_a_broken_chain_or_written_over_another(events, tmp_path):
    _tamper("UPDATE audit_auditevent SET actor_name = 'mallory' WHERE seq = 2")
    before = AuditEvent.objects.count()
    with pytest.raises(CommandError, match="the audit chain is broken after event 1"):
        call_command("audit_export", "--out", str(tmp_path / "b"), stdout=io.StringIO())
    assert not (tmp_path / "b" / "manifest.sig").exists()
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "manifest.json").write_text("{}")
    with pytest.raises(CommandError, match="not an empty folder"):
        call_command("audit_export", "--out", str(tmp_path / "used"), stdout=io.StringIO())
    assert AuditEvent.objects.count() == before  # a refused export took nothing, so none is recorded
