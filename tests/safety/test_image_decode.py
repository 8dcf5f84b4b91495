"""The image scanners share one decode per image: the same read-only pixels, decoded once
even when the scanners ask at the same moment, and a broken image fails every one of them."""

import io
import threading
import time

import numpy as np
import pytest
from PIL import Image

from safety.scanners import image_decode


def _png(seed: int) -> bytes:
    pixels = np.random.default_rng(seed).integers(0, 255, (64, 48, 3), dtype=np.uint8)
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, "PNG")
    return buf.getvalue()


def test_concurrent_callers_share_one_decode(monkeypatch):
    calls = []
    real = image_decode._decode

    def slow_decode(data):
        calls.append(1)
        time.sleep(0.05)  # long enough for the other caller to arrive mid-decode
        return real(data)

    monkeypatch.setattr(image_decode, "_decode", slow_decode)
    data = _png(1)
    results = []
    threads = [threading.Thread(target=lambda: results.append(image_decode.decode_rgba(data)))
               for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert all(r is results[0] for r in results)
    assert results[0].shape == (64, 48, 4) and not results[0].flags.writeable
    with pytest.raises(ValueError):
        results[0][0, 0, 0] = 1


def test_cache_holds_two_images_and_equal_bytes_hit(monkeypatch):
    calls = []
    real = image_decode._decode
    monkeypatch.setattr(image_decode, "_decode", lambda d: calls.append(1) or real(d))
    a, b, c = _png(2), _png(3), _png(4)
    image_decode.decode_rgba(a)
    image_decode.decode_rgba(bytes(bytearray(a)))  # equal content, another object: a hit
    image_decode.decode_rgba(b)
    image_decode.decode_rgba(c)  # evicts a
    image_decode.decode_rgba(a)
    assert len(calls) == 4


def test_broken_image_fails_every_caller_and_is_not_cached():
    with pytest.raises(Exception):  # noqa: B017 - Pillow raises UnidentifiedImageError
        image_decode.decode_rgba(b"not an image")
    assert b"not an image" not in image_decode._cache
    with pytest.raises(Exception):  # noqa: B017
        image_decode.decode_rgba(b"not an image")


def test_scanners_still_agree_with_a_fresh_decode():
    """The shared array is what each scanner decoded on its own before."""
    from safety.scanners.nudity import NudityImageScanner

    data = _png(5)
    with Image.open(io.BytesIO(data)) as img:
        fresh = np.asarray(img.convert("RGBA"))
    assert np.array_equal(NudityImageScanner.decode(data), fresh)


def test_very_large_images_are_not_kept(monkeypatch):
    monkeypatch.setattr(image_decode, "MAX_KEPT_BYTES", 1000)  # 64x48 RGBA is 12,288 bytes
    data = _png(6)
    first = image_decode.decode_rgba(data)
    assert data not in image_decode._cache
    assert image_decode.decode_rgba(data) is not first  # decoded again, not held
