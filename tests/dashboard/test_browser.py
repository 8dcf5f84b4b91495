"""The dashboard in a real browser (Debian's Chromium via Playwright) against a live server."""

import pytest
from rest_framework.test import APIClient

from server.audit.models import AuditEvent
from server.generations.models import Generation, Status

pytestmark = pytest.mark.django_db(transaction=True)


def _api(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


@pytest.mark.parametrize("username, visible, hidden", [
    ("rita", ["Review queue", "Generations", "Statistics", "Verify"], ["API keys", "Audit log"]),
    ("aud", ["Audit log", "Generations", "Statistics"], ["Review queue", "API keys"]),
    ("opal", ["Review queue", "API keys", "Policies", "Audit log", "Statistics", "Verify"], []),
    ("root", ["Review queue", "API keys", "Policies", "Audit log"], []),
])
def test_each_role_signs_in_through_the_admin_login(login, staff, username, visible, hidden):
    page = login(username)
    assert page.url.endswith("/dashboard/")
    nav = page.locator("nav.dash-nav").inner_text()
    assert all(item in nav for item in visible), nav
    assert not any(item in nav for item in hidden), nav
    assert AuditEvent.objects.filter(event_type="auth.login", actor_name=username).exists()


def test_review_approve_and_reject_end_to_end(login, staff, make_generation, owner_key):
    approved, approved_artifact = make_generation("a friendly purple star")
    rejected, rejected_artifact = make_generation("a suspicious orange circle", colour=(240, 120, 0))
    owner = _api(owner_key.secret)
    for artifact in (approved_artifact, rejected_artifact):  # held: the API serves neither
        assert owner.get(f"/api/v1/artifacts/{artifact.id}/content").status_code == 404

    page = login("rita", "/dashboard/reviews/")
    assert page.locator(f"#item-{approved.id} img").evaluate("img => img.naturalWidth") == 64  # staff see it
    item = page.locator(f"#item-{approved.id}")
    item.locator("textarea[name=reason]").fill("harmless shape")
    item.get_by_role("button", name="Approve").click()
    page.wait_for_selector("text=Approved 1 item.")
    item = page.locator(f"#item-{rejected.id}")
    item.locator("textarea[name=reason]").fill("not suitable")
    item.get_by_role("button", name="Reject").click()
    page.wait_for_selector("text=Rejected 1 item.")
    assert "Nothing is waiting for review" in page.content()

    assert Generation.objects.get(pk=approved.pk).status == Status.SUCCEEDED
    assert Generation.objects.get(pk=rejected.pk).status == Status.REJECTED
    content = owner.get(f"/api/v1/artifacts/{approved_artifact.id}/content")
    assert content.status_code == 200 and b"".join(content.streaming_content)[:4] == b"\x89PNG"
    assert owner.get(f"/api/v1/artifacts/{rejected_artifact.id}/content").status_code == 404
    decisions = {e.event_type: e for e in AuditEvent.objects.filter(event_type__startswith="review.")}
    assert decisions["review.approved"].data["reason"] == "harmless shape"
    assert decisions["review.rejected"].data["reason"] == "not suitable"
    assert {e.actor_name for e in decisions.values()} == {"rita"}


def test_bulk_approve_in_the_browser(login, staff, make_generation):
    items = [make_generation(f"shape {i}")[0] for i in range(3)]
    page = login("opal", "/dashboard/reviews/")
    page.check("#select-all")
    page.fill("input.bulk-reason", "batch of demo shapes")
    page.locator("#bulk-form").get_by_role("button", name="Approve selected").click()
    page.wait_for_selector("text=Approved 3 items.")
    assert {g.status for g in Generation.objects.filter(pk__in=[g.pk for g in items])} == {Status.SUCCEEDED}
    assert AuditEvent.objects.filter(event_type="review.approved", actor_name="opal").count() == 3


def test_key_is_shown_once(login, staff):
    page = login("opal", "/dashboard/keys/")
    page.fill("#id_name", "partner integration")
    page.fill("#id_owner", "partner")
    page.check("input[name=scopes][value=moderate]")
    page.get_by_role("button", name="Create key").click()
    secret = page.locator("#secret").inner_text().strip()
    assert secret.startswith("rgs_")
    assert _api(secret).get("/api/v1/models").status_code == 200
    page.get_by_role("link", name="Done — back to the keys").click()
    assert "partner integration" in page.content() and secret not in page.content()
    page.reload()
    assert secret not in page.content()


def test_reviewer_cannot_reach_key_management(login, staff):
    page = login("rita")
    response = page.goto(page.url.replace("/dashboard/", "/dashboard/keys/"))
    assert response.status == 403
    assert "Not allowed" in page.content()


def _wav(seconds: float = 1.0, rate: int = 16000) -> bytes:
    import numpy as np

    from tests.speech_audio import wav_bytes

    t = np.arange(int(seconds * rate)) / rate
    return wav_bytes(0.3 * np.sin(2 * np.pi * 440 * t), rate)


def test_audio_and_video_previews_play_in_the_browser(login, staff, make_generation):
    import numpy as np

    from generation.codecs.video import encode_mp4

    frames = np.zeros((8, 64, 64, 3), dtype=np.uint8)
    frames[..., 2] = np.linspace(0, 255, 8, dtype=np.uint8)[:, None, None]
    video, _ = make_generation("a blue square", modality="video", content=(encode_mp4(frames, 8), "video/mp4", "mp4"))
    audio, _ = make_generation("a slow melody", modality="audio", content=(_wav(), "audio/wav", "wav"))

    page = login("rita", f"/dashboard/generations/{audio.id}/")
    player = page.locator("audio.preview-audio")
    player.wait_for()
    page.wait_for_function("document.querySelector('audio.preview-audio').readyState >= 1")
    assert abs(page.evaluate("document.querySelector('audio.preview-audio').duration") - 1.0) < 0.05

    page.goto(page.url.replace(str(audio.id), str(video.id)))
    page.locator("video.preview").wait_for()
    if page.evaluate("document.createElement('video').canPlayType('video/mp4; codecs=\"avc1.64001e\"')"):
        page.wait_for_function("document.querySelector('video.preview').readyState >= 1")
        assert page.evaluate("document.querySelector('video.preview').videoWidth") == 64

    page.goto(page.url.split("/dashboard/")[0] + "/dashboard/reviews/")
    assert page.locator("video.preview-medium").count() == 1 and page.locator("audio.preview-audio").count() == 1
