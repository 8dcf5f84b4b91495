"""The dashboard screens through Django's test client: filters, actions and what they leave in the audit log."""

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.test import Client

from safety import Policy
from server.apikeys.models import ApiKey
from server.apikeys.services import apikey_authenticate
from server.audit.exports import verify_bundle
from server.audit.models import AuditEvent
from server.audit.services import Actor
from server.dashboard import charts, services
from server.generations.models import Generation, Review, Status
from server.policies.models import SafetyPolicy
from server.policies.services import policy_create
from tests.dashboard.conftest import png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(staff):
    def make(who: str) -> Client:
        client = Client()
        client.force_login(staff[who])
        return client

    return make


def test_generation_filters_and_search(as_user, make_generation, owner_key):
    held, _ = make_generation("a purple star", category="nudity")
    done, _ = make_generation("a green square", status=Status.SUCCEEDED, colour=(0, 160, 0))
    client = as_user("reviewer")

    def ids(query: str) -> set[str]:
        page = client.get(f"/dashboard/generations/?{query}").content.decode()
        return {str(g.id) for g in (held, done) if f"/dashboard/generations/{g.id}/" in page}

    assert ids("") == {str(held.id), str(done.id)}
    assert ids("status=in_review") == {str(held.id)}
    assert ids("decision=allow") == {str(done.id)}
    assert ids("decision=review") == {str(held.id)}
    assert ids("category=nudity") == {str(held.id)}
    assert ids("q=green") == {str(done.id)}
    assert ids(f"q={held.id}") == {str(held.id)}
    assert ids(f"q={held.watermark_id:012x}") == {str(held.id)}
    assert str(held.id) in ids(f"q={held.watermark_id}")  # the decimal form audit events record
    assert ids("q=" + "f" * 40) == set()  # beyond a bigint: no match, no database error
    assert ids(f"key={owner_key.api_key.prefix}&family=diffusion&model=shapes-diffusion") == {str(held.id),
                                                                                               str(done.id)}
    assert ids("since=2999-01-01") == set()


def test_detail_shows_scans_policy_provenance_quality_and_trail(as_user, make_generation):
    generation, artifact = make_generation()
    page = as_user("reviewer").get(f"/dashboard/generations/{generation.id}/").content.decode()
    for expected in ("nudity-image", "0.420", "testpolicy", f"{generation.watermark_id:012x}", "Trusted",
                     "clip_score", artifact.sha256, "Approve", "Reject"):
        assert expected in page, expected


def test_audio_detail_shows_what_the_speech_scanner_heard_to_content_viewers_only(as_user, make_generation):
    from server.generations.models import SafetyScan
    from tests.dashboard.test_browser import _wav

    generation, _ = make_generation("a voice message", modality="audio", content=(_wav(), "audio/wav", "wav"))
    heard = {"transcript": "see you at the station", "speech_detected": True}
    SafetyScan.objects.create(verdict=generation.verdicts.get(stage="output"), scanner="speech", version="1",
                              status="scanned", details=heard)
    page = as_user("reviewer").get(f"/dashboard/generations/{generation.id}/").content.decode()
    assert "Heard by the speech scanner" in page and "see you at the station" in page
    auditor_page = as_user("auditor").get(f"/dashboard/generations/{generation.id}/").content.decode()
    assert "Heard by the speech scanner" not in auditor_page and "see you at the station" not in auditor_page
    assert "hidden: your role shows records, not content" in auditor_page


def test_staff_content_view_serves_held_bytes_privately(as_user, make_generation):
    generation, artifact = make_generation()
    response = as_user("reviewer").get(f"/dashboard/artifacts/{artifact.id}/content")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == png_bytes()
    assert response["Cache-Control"] == "private, no-store"
    assert "sandbox" in response["Content-Security-Policy"]


def test_bulk_review_decides_each_item_with_an_audit_event(as_user, make_generation):
    first, _ = make_generation("one")
    second, _ = make_generation("two")
    already, _ = make_generation("three", status=Status.SUCCEEDED)
    response = as_user("reviewer").post("/dashboard/reviews/decide", {
        "ids": [str(first.id), str(second.id), str(already.id)], "decision": "reject", "reason": "off-brand"},
        follow=True)
    page = response.content.decode()
    assert "Rejected 2 items." in page and "not in_review" in page
    assert set(Generation.objects.filter(status=Status.REJECTED).values_list("pk", flat=True)) == {first.id,
                                                                                                   second.id}
    events = AuditEvent.objects.filter(event_type="review.rejected")
    assert events.count() == 2 and {e.actor_name for e in events} == {"rita"}
    assert {e.data["reason"] for e in events} == {"off-brand"}


def test_review_needs_a_reason(as_user, make_generation):
    generation, _ = make_generation()
    as_user("reviewer").post("/dashboard/reviews/decide", {"ids": [str(generation.id)], "decision": "approve",
                                                           "reason": "  "})
    assert Generation.objects.get(pk=generation.pk).status == Status.IN_REVIEW and not Review.objects.exists()


def test_queue_lists_held_items_oldest_first(as_user, make_generation):
    older, _ = make_generation("older")
    newer, _ = make_generation("newer")
    make_generation("done", status=Status.SUCCEEDED)
    page = as_user("reviewer").get("/dashboard/reviews/").content.decode()
    assert page.index(f"item-{older.id}") < page.index(f"item-{newer.id}") and "done" not in page
    assert "nudity 0.42 &gt;= review 0.35" in page


def test_key_create_shows_secret_once_then_revoke(as_user):
    client = as_user("operator")
    response = client.post("/dashboard/keys/new", {"name": "mobile app", "owner": "acme", "scopes": ["generate",
                                                   "verify"], "prompt_retention": "hash"})
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    key = ApiKey.objects.get(name="mobile app")
    secret = response.context["issued"].secret
    assert secret in response.content.decode() and apikey_authenticate(secret).pk == key.pk
    assert key.prompt_retention == "hash" and key.scopes == ["generate", "verify"]
    listing = client.get("/dashboard/keys/").content.decode()
    assert key.prefix in listing and secret not in listing
    event = AuditEvent.objects.get(event_type="apikey.created")
    assert event.actor_name == "opal" and secret not in json.dumps(event.data)
    client.post(f"/dashboard/keys/{key.id}/revoke")
    assert apikey_authenticate(secret) is None
    assert AuditEvent.objects.filter(event_type="apikey.revoked", actor_name="opal").exists()


def test_key_form_errors_are_shown(as_user):
    response = as_user("operator").post("/dashboard/keys/new", {"owner": "", "scopes": ["nope"]})
    assert response.status_code == 400 and b"errorlist" in response.content
    assert not ApiKey.objects.exists()


def test_key_usage_counts(as_user, make_generation, owner_key):
    make_generation()
    make_generation(status=Status.SUCCEEDED)
    page = as_user("operator").get("/dashboard/keys/").content.decode()
    assert "<strong>2</strong> generations" in page
    limit_fields = [f.name for f in ApiKey._meta.fields if any(w in f.name for w in ("quota", "rate", "limit"))]
    assert limit_fields and "no such fields yet" not in page  # per-key quotas and rate limits are shown


def test_policy_edit_creates_a_new_version_compare_and_assign(as_user, owner_key):
    client = as_user("operator")
    default = Policy.default()
    text = services.policy_to_toml(default.to_dict()).replace('name = "default"', 'name = "strict"').replace(
        "profanity = { review = 0.95 }", "profanity = { review = 0.5, block = 0.9 }")
    assert 'clears = ["text-classifier"]' in text  # the second opinion survives the TOML editor
    text = text.replace('clears = ["text-classifier"]', 'clears = ["text-classifier", "profanity"]')
    response = client.post(f"/dashboard/policies/{default.version}/edit", {"content": text})
    strict = SafetyPolicy.objects.get(name="strict")
    assert response.status_code == 302 and response["Location"] == f"/dashboard/policies/{strict.version}/"
    assert strict.based_on.version == default.version  # the default was stored as the base version
    assert strict.content["thresholds"]["profanity"] == {"review": 0.5, "block": 0.9}
    assert AuditEvent.objects.filter(event_type="policy.created", actor_name="opal").count() == 2

    diff = client.get(f"/dashboard/policies/compare?a={default.version}&b={strict.version}").content.decode()
    assert "profanity.block" in diff and "profanity.review" in diff and "S10_hate" not in diff
    assert strict.content["second_opinion"] == {"scanner": "llama-guard", "clear_below": 0.5,
                                                "clears": ["text-classifier", "profanity"]}
    assert "second opinion" in diff and "clears" in diff

    client.post(f"/dashboard/keys/{owner_key.api_key.id}/policy", {"policy": strict.version})
    assert ApiKey.objects.get(pk=owner_key.api_key.pk).policy == strict
    assert AuditEvent.objects.get(event_type="policy.assigned").data["after"] == {"policy": strict.version}

    bad = client.post(f"/dashboard/policies/{strict.version}/edit", {"content": "[thresholds]\nbogus = 1"})
    assert bad.status_code == 400 and b"invalid policy" in bad.content
    json_edit = client.post(f"/dashboard/policies/{strict.version}/edit",
                            {"content": json.dumps({**strict.content, "name": "from-json"})})
    assert json_edit.status_code == 302 and SafetyPolicy.objects.filter(name="from-json").exists()


def test_policy_toml_round_trips():
    content = Policy.default().to_dict()
    assert Policy.from_dict(services.policy_parse(services.policy_to_toml(content))).version == \
        Policy.default().version


def test_audit_list_filters_chain_status_and_exports(as_user, make_generation, tmp_path: Path):
    make_generation()
    client = as_user("auditor")
    client.get("/dashboard/")  # nothing audited by a page view; force_login sends no signal
    page = client.get("/dashboard/audit/?event_type=apikey.created").content.decode()
    assert "Chain verified up to event" in page and "apikey.created" in page
    total = AuditEvent.objects.count()
    assert f"verified up to event {total}" in client.get("/dashboard/audit/?refresh=1").content.decode()

    jsonl = b"".join(client.get("/dashboard/audit/export?format=jsonl").streaming_content).decode()
    exported = [json.loads(line) for line in jsonl.splitlines()]
    assert [e["seq"] for e in exported] == list(range(1, total + 2))  # the export records itself first
    assert exported[-1]["event_type"] == "audit.exported" and exported[-1]["data"]["channel"] == "dashboard"
    rows = list(csv.DictReader(io.StringIO(b"".join(
        client.get("/dashboard/audit/export?format=csv").streaming_content).decode())))
    assert len(rows) == total + 2 and rows[0]["seq"] == "1"

    response = client.get("/dashboard/audit/bundle?format=jsonl")
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        archive.extractall(tmp_path)
    bundle = tmp_path / "audit-bundle"
    assert sorted(p.name for p in bundle.iterdir()) == ["certificate.pem", "events.jsonl", "manifest.json",
                                                          "manifest.sig", "root-ca.pem"]
    assert verify_bundle(bundle) == []


def test_a_break_found_by_one_process_is_shown_by_every_process(as_user, make_generation):
    """Each gunicorn worker caches the chain status for a minute (per process without CACHE_URL).
    A break another worker found must not hide behind this one's cached "intact"."""
    from django.core.cache import cache
    from django.db import connection

    make_generation()
    client = as_user("auditor")
    assert "Chain verified up to event" in client.get("/dashboard/audit/").content.decode()  # cached: intact
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
        cursor.execute("UPDATE audit_auditevent SET actor_name = 'mallory' WHERE seq = 1")
        cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER USER")
    cached = cache.get(services.CHAIN_CACHE_KEY)
    assert "Chain broken" in client.get("/dashboard/audit/?refresh=1").content.decode()  # "another worker"
    cache.set(services.CHAIN_CACHE_KEY, cached, 60)  # this worker's stale "intact" is still cached
    page = client.get("/dashboard/audit/").content.decode()
    assert "Chain broken" in page and "Chain verified" not in page


@pytest.mark.parametrize("query", ["since=yesterday", "format=<script>alert(1)</script>"])
@pytest.mark.parametrize("view", ["export", "bundle"])
def test_a_bad_export_link_says_what_is_wrong(as_user, view, query):
    """A hand-edited link is a 400 naming the field (it was a 404, "no such resource"), and the
    page escapes what the link carried."""
    response = as_user("auditor").get(f"/dashboard/audit/{view}?{query}")
    assert response.status_code == 400
    page = response.content.decode()
    assert query.split("=")[0] in page and "<script>" not in page
    assert not AuditEvent.objects.filter(event_type="audit.exported").exists()


def test_statistics_render_svg_charts(as_user, make_generation):
    make_generation()
    make_generation(status=Status.SUCCEEDED)
    page = as_user("auditor").get("/dashboard/statistics/?days=7").content.decode()
    assert page.count("<svg class=\"chart\"") == 5
    assert "generate" in page and "Time to decision" in page


def test_chart_helpers_escape_and_handle_empty_data():
    svg = charts.share_bars({"<script>": {"allow": 1}}, "x")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "no data" in charts.latency_bars({}, "x") and "no data" in charts.stacked_columns([], {}, "x")


def test_verify_page_reports_unmarked_upload(as_user):
    upload = io.BytesIO(png_bytes())
    upload.name = "plain.png"
    page = as_user("reviewer").post("/dashboard/verify/", {"file": upload}).content.decode()
    assert "No mark of this service was found" in page


def test_verify_page_refuses_unknown_types(as_user):
    upload = io.BytesIO(b"\x00\x01binary")
    upload.name = "x.bin"
    response = as_user("reviewer").post("/dashboard/verify/", {"file": upload})
    assert response.status_code == 400 and b"unsupported file type" in response.content


def test_review_redirect_stays_on_this_site(as_user, make_generation):
    generation, _ = make_generation()
    response = as_user("reviewer").post("/dashboard/reviews/decide", {
        "ids": [str(generation.id)], "decision": "approve", "reason": "fine", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/dashboard/reviews/"


def test_default_policy_is_listed_once_even_when_stored(as_user):
    default = Policy.default()
    policy_create(content=default.to_dict(), actor=Actor.system("test"))
    page = as_user("operator").get("/dashboard/policies/").content.decode()
    assert page.count(f'href="/dashboard/policies/{default.version}/"') == 1
