"""C2PA in audio and video: WAV, MP3 and MP4 carry the manifest inside the file.

Signing must leave the media decodable (same samples / frames) and the watermark readable;
the manifest must read back Trusted under the service root, and edits must break it.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from provenance import (
    AUDIO_WATERMARK_ALG,
    VIDEO_WATERMARK_ALG,
    ManifestFacts,
    SigningIdentity,
    build_manifest,
    decode_audio,
    decode_video_frames,
    detect_watermark,
    embed_audio_watermark,
    read,
    sign,
    watermark_frames,
)
from tests.provenance.test_audio_watermark import mp3_bytes, music, wav_bytes
from tests.provenance.test_video_watermark import mp4_bytes, video_clip

WID = 0x00AB_CDEF_0123
RATE = 44_100

FACTS = ManifestFacts(
    generation_id="gen_media_01",
    model_name="tiny-audio",
    model_version="2026-11",
    family="audio",
    modality="audio",
    policy_version="sha256:def456",
    watermark_id=WID,
    watermark_alg=AUDIO_WATERMARK_ALG,
    title="gen_media_01.wav",
    created_at="2026-11-28T10:00:00Z",
)


@pytest.fixture(scope="module")
def marked_pcm(wm_key: bytes) -> np.ndarray:
    return embed_audio_watermark(music(seed=7, seconds=3.0), RATE, WID, wm_key)


@pytest.fixture(scope="module")
def media(marked_pcm: np.ndarray, wm_key: bytes) -> dict[str, bytes]:
    frames = watermark_frames(video_clip(seed=2, n=8), WID, wm_key)
    return {"audio/wav": wav_bytes(marked_pcm, RATE), "audio/mpeg": mp3_bytes(marked_pcm, RATE),
            "video/mp4": mp4_bytes(frames)}


def _facts(mime: str) -> ManifestFacts:
    if mime == "video/mp4":
        return replace(FACTS, modality="video", watermark_alg=VIDEO_WATERMARK_ALG, title="gen_media_01.mp4")
    return FACTS


@pytest.mark.parametrize("mime", ["audio/wav", "audio/mpeg", "video/mp4"])
def test_sign_embeds_and_reads_back_trusted(
    mime: str, media: dict[str, bytes], identity: SigningIdentity, wm_key: bytes
) -> None:
    data = media[mime]
    signed = sign(data, mime, _facts(mime), identity)
    assert signed.sidecar is None and signed.mime == mime  # embedded, not detached
    assert len(signed.data) > len(data)
    report = read(signed.data, mime, trust_anchors_pem=identity.trust_anchors_pem)
    assert report.state == "Trusted", report.failures
    assert report.manifest_label == signed.manifest_label
    s = report.summary
    assert s["generation_id"] == "gen_media_01" and s["modality"] == _facts(mime).modality
    assert s["soft_binding_alg"] == _facts(mime).watermark_alg and int(s["soft_binding_value"], 16) == WID
    assert read(data, mime).state == "absent"
    det = detect_watermark(signed.data, mime, wm_key)
    assert det.found and det.watermark_id == WID


def test_signed_wav_keeps_the_samples(media: dict[str, bytes], identity: SigningIdentity) -> None:
    signed = sign(media["audio/wav"], "audio/wav", FACTS, identity)
    before, rate = decode_audio(media["audio/wav"])
    after, rate_after = decode_audio(signed.data)
    assert rate == rate_after == RATE and np.array_equal(before, after)


def test_signed_mp3_and_mp4_still_decode(media: dict[str, bytes], identity: SigningIdentity) -> None:
    mp3 = sign(media["audio/mpeg"], "audio/mpeg", FACTS, identity)
    assert np.array_equal(decode_audio(mp3.data)[0], decode_audio(media["audio/mpeg"])[0])
    mp4 = sign(media["video/mp4"], "video/mp4", _facts("video/mp4"), identity)
    frames, fps = decode_video_frames(mp4.data)
    original, fps_before = decode_video_frames(media["video/mp4"])
    assert fps == fps_before and np.array_equal(frames, original)


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("audio/x-wav", "audio/wav"),
        ("audio/wave", "audio/wav"),
        ("audio/mp3", "audio/mpeg"),
        ("Video/MP4", "video/mp4"),
    ],
)
def test_mime_aliases_are_normalised(
    alias: str, canonical: str, media: dict[str, bytes], identity: SigningIdentity
) -> None:
    signed = sign(media[canonical], alias, _facts(canonical), identity)
    assert signed.mime == canonical
    assert build_manifest(FACTS, signed.mime)["format"] == canonical
    assert read(signed.data, alias, trust_anchors_pem=identity.trust_anchors_pem).state == "Trusted"


def test_edited_audio_is_invalid(media: dict[str, bytes], identity: SigningIdentity) -> None:
    signed = bytearray(sign(media["audio/wav"], "audio/wav", FACTS, identity).data)
    signed[len(signed) // 2] ^= 0x01  # one sample bit, deep inside the data chunk
    report = read(bytes(signed), "audio/wav", trust_anchors_pem=identity.trust_anchors_pem)
    assert report.state == "Invalid" and report.failures
