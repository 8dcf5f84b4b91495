"""Hostile uploads to /api/v1/verify and /api/v1/moderations: a clear 4xx, bounded time and memory, never a 500.

A corpus of crafted files (made here, nothing downloaded) plus property-based random bytes and
random truncations of valid files. Nothing is mocked: the real views, guard and parsers run.
"""

from __future__ import annotations

import io
import random
import resource
import struct
import time
import wave
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

pytestmark = pytest.mark.django_db

ENDPOINTS = {"verify": "/api/v1/verify", "moderations": "/api/v1/moderations"}
MAX_SECONDS = 5.0  # per request, on a busy CI core
MAX_RSS_GROWTH_MB = 150  # a decoded 30000x30000 bomb alone would be 2,700 MB


def _noise(width: int, height: int) -> Image.Image:
    """Noise, so the pixel data fills most of the file and any cut lands inside it."""
    return Image.frombytes("RGB", (width, height), random.Random(width * height).randbytes(width * height * 3))


def _png(width: int = 64, height: int = 48) -> bytes:
    buffer = io.BytesIO()
    _noise(width, height).save(buffer, "PNG")
    return buffer.getvalue()


def _jpeg(width: int = 64, height: int = 48) -> bytes:
    buffer = io.BytesIO()
    _noise(width, height).save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bomb(width: int = 30000, height: int = 30000) -> bytes:
    """A valid-looking PNG declaring width x height with a tiny, highly compressed IDAT (CRCs right)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * (1 + 3 * width) * 16, 9)  # the first rows; the decoder wants more
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


def jpeg_huge_dimensions() -> bytes:
    """A real JPEG whose SOF0 header is rewritten to 65000 x 65000."""
    data = bytearray(_jpeg())
    sof = data.index(b"\xff\xc0")
    data[sof + 5:sof + 9] = struct.pack(">HH", 65000, 65000)
    return bytes(data)


def wav(seconds: float = 0.05) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(8000)
        handle.writeframes(b"\x00\x01" * int(8000 * seconds))
    return buffer.getvalue()


def mp4_truncated() -> bytes:
    ftyp = struct.pack(">I4s4sI", 20, b"ftyp", b"isom", 0x200) + b"isom"
    mdat = struct.pack(">I4s", 1_000_000, b"mdat") + b"\x00" * 100  # declares 1 MB, sends 108 bytes
    return ftyp + mdat


CORPUS = {
    # name: (bytes, filename, claimed content type, {endpoint: expected status})
    "random-bytes": (bytes(range(256)) * 4, "x.bin", "application/octet-stream", {"verify": 415, "moderations": 415}),
    "empty": (b"", "empty.png", "image/png", {"verify": 400, "moderations": 400}),
    "truncated-png": (_png()[:60], "t.png", "image/png", {"verify": 400, "moderations": 400}),
    "truncated-png-idat": (_png()[: len(_png()) // 2], "t.png", "image/png", {"verify": 400, "moderations": 400}),
    "truncated-jpeg": (_jpeg()[:200], "t.jpg", "image/jpeg", {"verify": 400, "moderations": 400}),
    "png-bomb-30000x30000": (png_bomb(), "bomb.png", "image/png", {"verify": 413, "moderations": 413}),
    "png-bomb-100000x1": (png_bomb(100_000_000, 1), "wide.png", "image/png", {"verify": 413, "moderations": 413}),
    "png-zero-size": (png_bomb(0, 0), "zero.png", "image/png", {"verify": 400, "moderations": 400}),
    "jpeg-65000x65000": (jpeg_huge_dimensions(), "huge.jpg", "image/jpeg", {"verify": 413, "moderations": 413}),
    "truncated-wav": (wav()[:300], "t.wav", "audio/wav", {"verify": 400, "moderations": 400}),
    "truncated-mp4": (mp4_truncated(), "t.mp4", "video/mp4", {"verify": 400, "moderations": 400}),
    "png-claiming-text": (_png()[:60], "notes.txt", "text/plain", {"verify": 400, "moderations": 400}),
    "exe-claiming-png": (b"MZ\x90\x00\x03" + b"\x00" * 200, "cat.png", "image/png",
                         {"verify": 415, "moderations": 415}),
    "text-claiming-png": (b"just some words", "cat.png", "image/png", {"verify": 200, "moderations": 415}),
}


@pytest.fixture
def client(make_key, client_for):
    return client_for(make_key("uploader", scopes="verify,moderate").secret)


def _post(client, endpoint: str, data: bytes, filename: str = "f.bin", content_type: str = "application/octet-stream"):
    upload = SimpleUploadedFile(filename, data, content_type=content_type)
    before_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.monotonic()
    response = client.post(ENDPOINTS[endpoint], {"file": upload}, format="multipart")
    elapsed = time.monotonic() - start
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before_rss
    assert response.status_code < 500, response.content[:500]
    assert elapsed < MAX_SECONDS, f"{endpoint} took {elapsed:.1f}s"
    assert grown < MAX_RSS_GROWTH_MB, f"{endpoint} grew peak memory by {grown:.0f} MB"
    if response.status_code >= 400:
        error = response.json()["error"]
        assert error["code"] and len(error["message"]) > 10, error
    return response


@pytest.mark.parametrize("name", sorted(CORPUS))
@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS))
def test_crafted_file_is_refused_clearly(client, endpoint, name):
    data, filename, content_type, expected = CORPUS[name]
    response = _post(client, endpoint, data, filename, content_type)
    assert response.status_code == expected[endpoint], (name, response.content[:300])


@override_settings(VERIFY_MAX_BYTES=64 * 1024)
@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS))
def test_huge_file_is_413(client, endpoint):
    response = _post(client, endpoint, b"\x89PNG\r\n\x1a\n" + b"\x00" * (80 * 1024), "big.png", "image/png")
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS))
def test_body_beyond_any_limit_is_refused_before_parsing(client, endpoint):
    """A declared Content-Length past the limit is refused from the header: nothing is read or spooled."""
    response = client.generic("POST", ENDPOINTS[endpoint], b"x" * 10, content_type="multipart/form-data; boundary=x",
                              CONTENT_LENGTH=str(10**10))
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


HYPOTHESIS = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                      suppress_health_check=list(HealthCheck))


@HYPOTHESIS
@given(data=st.binary(min_size=1, max_size=4096), endpoint=st.sampled_from(sorted(ENDPOINTS)))
def test_random_bytes_never_5xx(client, data, endpoint):
    response = _post(client, endpoint, data)
    if endpoint == "moderations":
        assert response.status_code in (400, 413, 415)  # random bytes are never a decodable image


VALID = {"png": _png(), "jpeg": _jpeg(), "wav": wav()}


@HYPOTHESIS
@given(kind=st.sampled_from(sorted(VALID)), cut=st.floats(min_value=0.0, max_value=0.9),
       flip=st.integers(min_value=0, max_value=255), endpoint=st.sampled_from(sorted(ENDPOINTS)))
def test_truncated_or_corrupted_media_is_4xx(client, kind, cut, flip, endpoint):
    data = bytearray(VALID[kind][: max(16, int(len(VALID[kind]) * cut))])  # 16: the magic is kept
    if len(data) > 40:
        data[len(data) // 2] ^= flip
    response = _post(client, endpoint, bytes(data))
    if not _decodes(kind, bytes(data)):  # a flip can make a shorter but valid file (e.g. an early JPEG EOI)
        assert 400 <= response.status_code < 500, response.content[:300]


def _decodes(kind: str, data: bytes) -> bool:
    """The oracle: does the reference decoder, on its own, read the whole file?"""
    try:
        if kind == "wav":
            with wave.open(io.BytesIO(data)) as handle:
                return len(handle.readframes(handle.getnframes())) == handle.getnframes() * handle.getsampwidth()
        Image.open(io.BytesIO(data)).load()
        return True
    except Exception:
        return False


def test_pil_refuses_bombs_process_wide():
    """The guard also sets PIL's own ceiling, so any decode in the process refuses a bomb."""
    from django.conf import settings as django_settings

    import server.common.uploads  # noqa: F401

    assert Image.MAX_IMAGE_PIXELS == django_settings.UPLOAD_MAX_PIXELS
    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(png_bomb())).load()
