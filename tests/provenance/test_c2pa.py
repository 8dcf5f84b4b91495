"""C2PA signing and reading: trust states, tampering, stripping, sidecars, garbage."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from PIL import Image

from provenance import (
    SERVICE_ASSERTION,
    TRAINED_ALGORITHMIC_MEDIA,
    WATERMARK_ALG,
    ManifestFacts,
    SigningIdentity,
    UnsupportedMedia,
    build_manifest,
    read,
    sign,
)
from tests.provenance.synthetic import encode, make_image, png

FACTS = ManifestFacts(
    generation_id="gen_01HZX",
    model_name="tiny-diffusion",
    model_version="2024-06",
    family="diffusion",
    modality="image",
    policy_version="sha256:abc123",
    watermark_id=0xABCDEF012345,
    watermark_alg=WATERMARK_ALG,
    title="gen_01HZX.png",
    created_at="2026-11-27T21:00:00Z",
    extra={"seed": 42},
)


@pytest.fixture(scope="module")
def signed_png(identity: SigningIdentity):
    return sign(png("photo", 256, seed=1), "image/png", FACTS, identity)


def test_sign_then_read_trusted_with_all_facts(signed_png, identity: SigningIdentity) -> None:
    assert signed_png.sidecar is None and signed_png.mime == "image/png"
    assert Image.open(io.BytesIO(signed_png.data)).size == (256, 256)
    report = read(signed_png.data, "image/png", trust_anchors_pem=identity.trust_anchors_pem)
    assert report.state == "Trusted", report.failures
    assert report.failures == []
    assert report.manifest_label == signed_png.manifest_label
    s = report.summary
    assert s["generation_id"] == "gen_01HZX"
    assert (s["model_name"], s["model_version"]) == ("tiny-diffusion", "2024-06")
    assert (s["family"], s["modality"], s["policy_version"]) == ("diffusion", "image", "sha256:abc123")
    assert s["digital_source_type"] == TRAINED_ALGORITHMIC_MEDIA
    assert s["actions"] == ["c2pa.created", "c2pa.watermarked"]
    assert "tiny-diffusion" in s["software_agent"]
    assert s["soft_binding_alg"] == WATERMARK_ALG
    assert int(s["soft_binding_value"], 16) == FACTS.watermark_id
    assert s["training_mining"]["cawg.ai_generative_training"] == "notAllowed"
    assert s["signer_common_name"] == identity.signer_name
    assert s["signer_issuer"] == "Responsible Generation Service"
    assert s["extra"] == {"seed": 42}
    assert s["title"] == "gen_01HZX.png"


def test_without_trust_anchor_is_valid_but_untrusted(signed_png) -> None:
    report = read(signed_png.data, "image/png")
    assert report.state == "Valid"
    assert report.failures == ["signingCredential.untrusted"]


def test_other_trust_anchor_is_untrusted(signed_png, tmp_path) -> None:
    stranger = SigningIdentity.ensure(tmp_path / "stranger")
    report = read(signed_png.data, "image/png", trust_anchors_pem=stranger.trust_anchors_pem)
    assert report.state == "Valid" and "signingCredential.untrusted" in report.failures


def test_tampered_pixels_are_invalid(signed_png, identity: SigningIdentity) -> None:
    # Re-encoding through Pillow would strip the manifest, so flip one bit of the
    # compressed pixel data (IDAT) in place instead.
    idat = signed_png.data.index(b"IDAT")
    tampered = bytearray(signed_png.data)
    tampered[idat + 40] ^= 0x01
    report = read(bytes(tampered), "image/png", trust_anchors_pem=identity.trust_anchors_pem)
    assert report.state == "Invalid"
    assert "assertion.dataHash.mismatch" in report.failures


def test_pillow_resave_strips_manifest(signed_png) -> None:
    resaved = encode(Image.open(io.BytesIO(signed_png.data)))
    report = read(resaved, "image/png")
    assert (report.state, report.failures, report.manifest_label, report.summary) == ("absent", [], None, {})


def test_jpeg_embeds(identity: SigningIdentity) -> None:
    jpeg = encode(make_image("shapes", 256, seed=2), "JPEG", quality=90)
    signed = sign(jpeg, "image/jpeg", replace(FACTS, title="x.jpg"), identity)
    assert signed.sidecar is None and signed.data != jpeg
    assert read(signed.data, "image/jpeg", trust_anchors_pem=identity.trust_anchors_pem).state == "Trusted"


def test_text_sidecar(identity: SigningIdentity) -> None:
    text = b"Once upon a time, a tiny model wrote this."
    facts = replace(FACTS, modality="text", family="autoregressive", watermark_id=None, watermark_alg=None)
    signed = sign(text, "text/plain; charset=utf-8", facts, identity)
    assert signed.data == text and signed.sidecar
    report = read(text, "text/plain", sidecar=signed.sidecar, trust_anchors_pem=identity.trust_anchors_pem)
    assert report.state == "Trusted", report.failures
    assert report.summary["modality"] == "text"
    assert report.summary["actions"] == ["c2pa.created"]
    assert "soft_binding_alg" not in report.summary
    edited = read(text + b"!", "text/plain", sidecar=signed.sidecar)
    assert edited.state == "Invalid" and "assertion.dataHash.mismatch" in edited.failures
    assert read(text, "text/plain").state == "absent"
    broken = read(text, "text/plain", sidecar=b"not a manifest store")
    assert broken.state == "Invalid" and broken.failures


def test_manifest_definition_shape() -> None:
    manifest = build_manifest(FACTS, "image/png")
    labels = [a["label"] for a in manifest["assertions"]]
    assert labels == ["c2pa.actions.v2", "c2pa.soft-binding", SERVICE_ASSERTION, "cawg.training-mining"]
    soft = manifest["assertions"][1]["data"]
    assert soft == {"alg": WATERMARK_ALG, "blocks": [{"scope": {}, "value": "abcdef012345"}]}


@pytest.mark.parametrize(
    ("data", "mime"),
    [
        (b"definitely not a png", "image/png"),
        (b"", "image/jpeg"),
        (b"\xff\xd8\xff" + bytes(50), "image/jpeg"),
    ],
)
def test_garbage_is_typed_error_or_absent(data: bytes, mime: str, identity: SigningIdentity) -> None:
    try:
        report = read(data, mime)
    except UnsupportedMedia:
        pass
    else:
        assert report.state == "absent"
    with pytest.raises(UnsupportedMedia):
        sign(data, mime, FACTS, identity)


def test_unknown_mime_reads_absent() -> None:
    assert read(b"\x00\x01", "application/x-unknown").state == "absent"


def test_concurrent_reads_with_different_anchors(signed_png, identity: SigningIdentity) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def one(i: int) -> str:
        anchors = identity.trust_anchors_pem if i % 2 else None
        return read(signed_png.data, "image/png", trust_anchors_pem=anchors).state

    with ThreadPoolExecutor(max_workers=8) as pool:
        states = list(pool.map(one, range(40)))
    assert states == ["Valid", "Trusted"] * 20
