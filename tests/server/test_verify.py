"""Verification: a generated image is traced back to its record, with or without its manifest."""

import io

import numpy as np
import pytest
from PIL import Image

from tests.server.conftest import wait_for_status

pytestmark = pytest.mark.slow


@pytest.fixture
def generated(worker, make_key, make_client):
    """One succeeded generation: (client with generate+verify, generation body, signed PNG bytes)."""
    client = make_client(make_key(scopes="generate,verify").secret)
    response = client.post("/api/v1/generations", {"model": "shapes-diffusion", "prompt": "a blue triangle",
                                                   "params": {"steps": 4}, "seed": 5}, format="json")
    body = wait_for_status(client, response.json()["id"])
    assert body["status"] == "succeeded", body
    data = b"".join(client.get(body["artifacts"][0]["content_url"]).streaming_content)
    return client, body, data


def _upload(client, data: bytes):
    upload = io.BytesIO(data)
    upload.name = "upload.bin"
    return client.post("/api/v1/verify", {"file": upload}, format="multipart")


def test_original_output_verifies_trusted(generated):
    client, body, data = generated
    report = _upload(client, data).json()
    assert report["c2pa"]["state"] == "Trusted"
    assert report["c2pa"]["digital_source_type"].endswith("trainedAlgorithmicMedia")
    assert report["watermark"]["found"]
    assert report["record"]["generation_id"] == body["id"]
    assert body["id"] in report["verdict"]


def test_stripped_copy_still_leads_to_record(generated):
    client, body, data = generated
    out = io.BytesIO()
    Image.open(io.BytesIO(data)).convert("RGB").save(out, "JPEG", quality=90)  # re-save drops the manifest
    report = _upload(client, out.getvalue()).json()
    assert report["c2pa"]["present"] is False
    assert report["watermark"]["found"]
    assert report["record"]["generation_id"] == body["id"]
    assert "stripped" in report["verdict"]

    binding = {"alg": report["watermark"]["alg"], "value": report["watermark"]["payload"]}
    matches = client.post("/api/v1/matches/byBinding", binding, format="json").json()["matches"]
    manifest_id = body["artifacts"][0]["provenance"]["c2pa"]["manifest_label"]
    assert matches == [{"manifestId": manifest_id}]
    store = client.get(f"/api/v1/manifests/{manifest_id}")
    assert store.status_code == 200 and store["Content-Type"] == "application/c2pa" and len(store.content) > 500


def test_reencoded_cropped_resized_copy_leads_to_record(generated):
    client, body, data = generated
    image = Image.open(io.BytesIO(data)).convert("RGB")
    w, h = image.size
    cropped = image.crop((w // 20, h // 20, w - w // 20, h - h // 20))  # central 90% x 90%
    small = cropped.resize((cropped.width // 2, cropped.height // 2), Image.BILINEAR)
    out = io.BytesIO()
    small.save(out, "JPEG", quality=75)
    report = _upload(client, out.getvalue()).json()
    assert report["c2pa"]["present"] is False
    assert report["watermark"]["found"], report
    assert report["record"]["generation_id"] == body["id"]


def test_tampered_pixels_read_invalid(generated):
    client, _, data = generated
    pixels = np.array(Image.open(io.BytesIO(data)))
    pixels[10:20, 10:20] = 255 - pixels[10:20, 10:20]
    report = _upload(client, _replace_pixels(data, pixels)).json()
    assert report["c2pa"]["state"] == "Invalid"
    assert "INVALID" in report["verdict"]


def _replace_pixels(signed_png: bytes, pixels: np.ndarray) -> bytes:
    """Keep every chunk of the signed PNG (incl. its manifest) but swap the image data."""
    import struct

    out = io.BytesIO()
    Image.fromarray(pixels).save(out, "PNG")
    new_idat = b"".join(_chunks(out.getvalue(), b"IDAT"))
    result, idat_written, pos = bytearray(signed_png[:8]), False, 8
    while pos < len(signed_png):
        length = struct.unpack(">I", signed_png[pos:pos + 4])[0]
        kind = signed_png[pos + 4:pos + 8]
        chunk = signed_png[pos:pos + 12 + length]
        pos += 12 + length
        if kind == b"IDAT":
            if not idat_written:
                result += new_idat
                idat_written = True
            continue
        result += chunk
    return bytes(result)


def _chunks(png: bytes, wanted: bytes):
    import struct

    pos = 8
    while pos < len(png):
        length = struct.unpack(">I", png[pos:pos + 4])[0]
        if png[pos + 4:pos + 8] == wanted:
            yield png[pos:pos + 12 + length]
        pos += 12 + length


def test_unmarked_image_has_no_record(generated):
    client, _, _ = generated
    rng = np.random.default_rng(0)
    out = io.BytesIO()
    Image.fromarray(rng.integers(0, 255, (256, 256, 3), dtype=np.uint8)).save(out, "PNG")
    report = _upload(client, out.getvalue()).json()
    assert report["record"] is None and not report["watermark"]["found"]
    assert report["verdict"] == "No mark of this service was found"


@pytest.mark.django_db
def test_verify_input_errors(make_key, make_client):
    client = make_client(make_key(scopes="verify").secret)
    assert client.post("/api/v1/verify", {}, format="multipart").status_code == 400
    response = _upload(client, b"\x00\x01\x02garbage\x00")
    assert response.status_code == 415 and response.json()["error"]["code"] == "unsupported_media_type"
    truncated = _upload(client, b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    assert truncated.status_code == 400 and truncated.json()["error"]["code"] == "unreadable_content"
    no_scope = make_client(make_key("x", scopes="generate").secret)
    assert _upload(no_scope, b"hello").status_code == 403


def test_a_withheld_generation_is_named_as_never_delivered():
    # A file taken from storage (a rejected image, say) still carries every mark; the verdict must
    # not read as if the service had handed it out.
    import uuid

    from server.generations.models import Generation, Status
    from server.verification.services import _verdict

    marks = ({"state": "Trusted", "present": True}, {"found": True})
    rejected = Generation(id=uuid.uuid4(), status=Status.REJECTED)
    assert _verdict(*marks, rejected).endswith("its record says rejected: the service never delivered it")
    delivered = Generation(id=uuid.uuid4(), status=Status.SUCCEEDED)
    assert "never delivered" not in _verdict(*marks, delivered)
