"""Audio and video through the API with a real Celery worker: scanned, watermarked while generated,
signed with an embedded C2PA manifest, stored, served, and recognised by verify after re-encoding."""

from __future__ import annotations

import hashlib
import io

import av
import numpy as np
import pytest

from provenance import detect_watermark, read
from server.audit.models import AuditEvent
from server.audit.services import verify_chain
from server.generations import runtime
from server.generations.models import Generation
from tests.server.conftest import wait_for_status

pytestmark = pytest.mark.slow

AUDIO_MODEL = "tunes-audio"
VIDEO_MODEL = "shapes-vae-video"  # the fast demo video model; shapes-video shares its code path


def _content(client, artifact) -> bytes:
    response = client.get(artifact["content_url"])
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    assert response["Content-Type"] == artifact["mime"]
    assert hashlib.sha256(data).hexdigest() == artifact["sha256"]
    return data


def _events(generation_id: str) -> list[str]:
    return list(AuditEvent.objects.filter(object_id=generation_id).order_by("seq").values_list("event_type", flat=True))


def _generate(client, model: str, prompt: str, params: dict, seed: int = 3) -> dict:
    response = client.post("/api/v1/generations", {"model": model, "prompt": prompt, "params": params, "seed": seed},
                           format="json")
    assert response.status_code == 202, response.content
    return wait_for_status(client, response.json()["id"])


def _reencode_video(data: bytes, scale: float = 0.5, crf: int = 23) -> bytes:
    with av.open(io.BytesIO(data)) as src:
        frames = [f.to_ndarray(format="rgb24") for f in src.decode(video=0)]
    h, w = (int(frames[0].shape[0] * scale) // 2 * 2, int(frames[0].shape[1] * scale) // 2 * 2)
    buf = io.BytesIO()
    with av.open(buf, mode="w", format="mp4") as out:
        stream = out.add_stream("libx264", rate=8)
        stream.width, stream.height, stream.pix_fmt = w, h, "yuv420p"
        stream.options = {"crf": str(crf)}
        for f in frames:
            frame = av.VideoFrame.from_ndarray(f, format="rgb24").reformat(width=w, height=h)
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return buf.getvalue()


def _mp3_to_wav(data: bytes) -> bytes:
    """Decode MP3 and write plain 16-bit WAV (what a user's editor does on export): the manifest is gone."""
    from tests.speech_audio import wav_bytes

    with av.open(io.BytesIO(data)) as src:
        pcm = np.concatenate([f.to_ndarray().reshape(-1) for f in src.decode(audio=0)])
        rate = src.streams.audio[0].rate
    return wav_bytes(pcm, rate)


def test_video_generation_end_to_end_and_verify_after_reencode(worker, make_key, make_client):
    client = make_client(make_key(scopes="generate,verify").secret)
    body = _generate(client, VIDEO_MODEL, "a blue square", {"num_frames": 8})
    assert body["status"] == "succeeded", body
    output = next(v for v in body["verdicts"] if v["stage"] == "output")
    nudity = next(s for s in output["scans"] if s["scanner"] == "nudity-image")
    assert nudity["status"] == "scanned" and nudity["details"]["frames_total"] == 8
    (artifact,) = body["artifacts"]
    assert artifact["mime"] == "video/mp4" and artifact["provenance"]["c2pa"]["state"] == "Trusted"
    data = _content(client, artifact)

    generation = Generation.objects.get(pk=body["id"])
    report = read(data, "video/mp4", trust_anchors_pem=runtime.signing_identity().trust_anchors_pem)
    assert report.state == "Trusted" and report.summary["generation_id"] == body["id"]
    detection = detect_watermark(data, "video/mp4", runtime.watermark_key())
    assert detection.found and detection.watermark_id == generation.watermark_id
    assert "provenance.watermarked" in _events(body["id"]) and verify_chain().ok

    reencoded = _reencode_video(data)
    verify = client.post("/api/v1/verify", {"file": io.BytesIO(reencoded)}, format="multipart")
    assert verify.status_code == 200, verify.content
    result = verify.json()
    assert result["mime"] == "video/mp4" and result["c2pa"]["state"] == "absent"
    assert result["watermark"]["found"] and result["record"]["generation_id"] == body["id"]


@pytest.mark.parametrize("fmt,mime", [("wav", "audio/wav"), ("mp3", "audio/mpeg")])
def test_audio_generation_end_to_end_and_verify_after_reencode(worker, make_key, make_client, fmt, mime):
    client = make_client(make_key(scopes="generate,verify").secret)
    body = _generate(client, AUDIO_MODEL, "a fast melody in A minor played on a plucked string",
                     {"format": fmt, "duration": 4})
    assert body["status"] in ("succeeded", "in_review"), body
    output = next(v for v in body["verdicts"] if v["stage"] == "output")
    scans = {s["scanner"]: s for s in output["scans"]}
    assert scans["speech"]["status"] == "scanned"  # (what it hears in the music varies with the watermark id)
    assert scans["text-classifier"]["status"] == "scanned"  # the transcript was read
    assert scans["text-classifier"]["details"]["source"] == "speech transcript"
    (artifact,) = body["artifacts"]
    assert artifact["mime"] == mime and artifact["provenance"]["c2pa"]["state"] == "Trusted"
    generation = Generation.objects.get(pk=body["id"])
    if body["status"] == "in_review":  # words heard in the music held it: a reviewer approves
        assert artifact["content_url"] is None  # held: the API offers no content
        assert client.get(f"/api/v1/artifacts/{artifact['id']}/content").status_code == 404
        reviewer = make_client(make_key("rita", scopes="review").secret)
        decided = reviewer.post(f"/api/v1/reviews/{body['id']}",
                                {"decision": "approve", "reason": "listened: a melody"}, format="json")
        assert decided.status_code == 200, decided.content
        (artifact,) = client.get(f"/api/v1/generations/{body['id']}").json()["artifacts"]
    data = _content(client, artifact)
    report = read(data, mime, trust_anchors_pem=runtime.signing_identity().trust_anchors_pem)
    assert report.state == "Trusted" and report.summary["generation_id"] == body["id"]
    detection = detect_watermark(data, mime, runtime.watermark_key())
    assert detection.found and detection.watermark_id == generation.watermark_id

    stripped = _mp3_to_wav(data) if fmt == "mp3" else data
    verify = client.post("/api/v1/verify", {"file": io.BytesIO(stripped)}, format="multipart")
    assert verify.status_code == 200, verify.content
    result = verify.json()
    assert result["watermark"]["found"] and result["record"]["generation_id"] == body["id"]
