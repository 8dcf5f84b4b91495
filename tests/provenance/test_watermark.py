"""Image watermark: round trips, robustness, false positives, errors."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from provenance import (
    WATERMARK_ALG,
    ImageTooSmall,
    InvalidWatermarkId,
    UnsupportedMedia,
    WatermarkError,
    detect_watermark,
    embed_watermark,
)
from provenance.watermark import carrier, legacy
from tests.provenance.synthetic import KINDS, encode, make_image, png

WID = 0x1234_5678_9ABC


def _psnr(a: Image.Image, b: Image.Image) -> float:
    diff = np.asarray(a.convert("RGB"), dtype=np.float64) - np.asarray(b.convert("RGB"), dtype=np.float64)
    return float(10 * np.log10(255.0**2 / max(np.mean(diff**2), 1e-12)))


def _reencode(data: bytes, fmt: str, **params: object) -> bytes:
    return encode(Image.open(io.BytesIO(data)).convert("RGB"), fmt, **params)


def _resize_and_back(data: bytes) -> bytes:
    img = Image.open(io.BytesIO(data)).convert("RGB")
    half = img.resize((img.width // 2, img.height // 2), Image.BILINEAR)
    return encode(half.resize(img.size, Image.BILINEAR))


@pytest.mark.parametrize("size", [256, 512])
@pytest.mark.parametrize("kind", KINDS)
def test_round_trip_and_png_resave(kind: str, size: int, wm_key: bytes) -> None:
    if (kind, size) == ("text", 256):
        pytest.xfail("known weak host: a 256 px page of dense 1-px text, mostly saturated white")
    original = png(kind, size, seed=1)
    marked = embed_watermark(original, "image/png", WID, wm_key)
    marked_img = Image.open(io.BytesIO(marked))
    assert marked_img.format == "PNG"
    assert marked_img.size == (size, size)
    # White noise and dense small text drown the mark at 38 dB; embedding retries
    # stronger until it reads back (see docs/provenance-watermark.md).
    assert _psnr(Image.open(io.BytesIO(original)), marked_img) > (38.0 if kind not in ("noise", "text") else 30.0)
    for data in (marked, _reencode(marked, "PNG")):
        found = detect_watermark(data, "image/png", wm_key)
        assert found.found and found.watermark_id == WID
        assert found.alg == WATERMARK_ALG
        assert 0.999 < found.confidence < 1.0


# White noise and pages of dense small text are the known weak hosts (clean read-back
# only, through stronger embedding); natural-ish images are the relevant case.
@pytest.mark.parametrize("size", [256, 512])
@pytest.mark.parametrize("kind", ["gradient", "shapes", "photo", "flat"])
def test_survives_jpeg90_and_resize(kind: str, size: int, wm_key: bytes) -> None:
    marked = embed_watermark(png(kind, size, seed=2), "image/png", WID + size, wm_key)
    for attacked, mime in (
        (_reencode(marked, "JPEG", quality=90), "image/jpeg"),
        (_resize_and_back(marked), "image/png"),
    ):
        found = detect_watermark(attacked, mime, wm_key)
        assert found.found and found.watermark_id == WID + size


def test_jpeg_in_jpeg_out(wm_key: bytes) -> None:
    jpeg = encode(make_image("photo", 384, seed=3), "JPEG", quality=92)
    marked = embed_watermark(jpeg, "image/jpeg", 7, wm_key)
    assert Image.open(io.BytesIO(marked)).format == "JPEG"
    assert detect_watermark(marked, "image/jpg", wm_key).watermark_id == 7


def test_rgba_keeps_alpha_and_non_square(wm_key: bytes) -> None:
    img = make_image("photo", 512, seed=4).crop((0, 0, 512, 300)).convert("RGBA")
    img.putalpha(Image.linear_gradient("L").resize(img.size))
    marked = embed_watermark(encode(img), "image/png", 2**48 - 1, wm_key)
    out = Image.open(io.BytesIO(marked))
    assert out.mode == "RGBA" and out.size == (512, 300)
    assert np.array_equal(np.asarray(out.getchannel("A")), np.asarray(img.getchannel("A")))
    assert detect_watermark(marked, "image/png", wm_key).watermark_id == 2**48 - 1


@pytest.mark.parametrize("wid", [0, 1, 255, 2**47])
def test_small_ids_survive_on_flat_images(wid: int, wm_key: bytes) -> None:
    # Small ids are mostly zero bits, which flat images decode to by default: the mask matters.
    marked = embed_watermark(png("flat", 256, seed=5), "image/png", wid, wm_key)
    assert detect_watermark(marked, "image/png", wm_key).watermark_id == wid


def test_wrong_key_finds_nothing(wm_key: bytes) -> None:
    marked = embed_watermark(png("photo", 256, seed=6), "image/png", WID, wm_key)
    for other in (b"another-key-of-sufficient-length!", wm_key + b"x"):
        found = detect_watermark(marked, "image/png", other)
        assert not found.found and found.watermark_id is None and found.confidence == 0.0


def test_no_false_positives_on_unmarked_images(wm_key: bytes) -> None:
    rng = np.random.default_rng(1234)
    hits = []
    for i in range(200):
        kind = KINDS[i % len(KINDS)]
        size = int(rng.choice([256, 320, 384]))
        data = png(kind, size, seed=1000 + i)
        if i % 3 == 0:
            data = _reencode(data, "JPEG", quality=int(rng.integers(60, 96)))
        found = detect_watermark(data, "image/png", wm_key)
        if found.found:
            hits.append((i, kind, found.watermark_id))
    assert hits == []


def test_too_small_and_bad_ids(wm_key: bytes) -> None:
    with pytest.raises(ImageTooSmall, match="at least 256"):
        embed_watermark(png("photo", 255), "image/png", 1, wm_key)
    small = encode(make_image("photo", 512).resize((512, 200)))
    with pytest.raises(WatermarkError):
        embed_watermark(small, "image/png", 1, wm_key)
    assert not detect_watermark(small, "image/png", wm_key).found
    for bad in (-1, 2**48, 1.5, True, "1"):
        with pytest.raises(InvalidWatermarkId):
            embed_watermark(png("photo"), "image/png", bad, wm_key)  # type: ignore[arg-type]
    with pytest.raises(WatermarkError):
        embed_watermark(png("photo"), "image/png", 1, b"short")


@pytest.mark.parametrize(
    ("data", "mime"),
    [
        (b"", "image/png"),
        (b"not an image at all", "image/png"),
        (png("photo")[:200], "image/png"),  # truncated
        (b"GIF89a" + b"\x00" * 20, "image/gif"),
        (png("photo"), "text/plain"),
        (png("photo"), "image/webp"),  # embed only writes PNG/JPEG
    ],
)
def test_garbage_input_raises_typed_error(data: bytes, mime: str, wm_key: bytes) -> None:
    with pytest.raises(UnsupportedMedia):
        embed_watermark(data, mime, 1, wm_key)
    if mime != "image/webp":
        with pytest.raises(UnsupportedMedia):
            detect_watermark(data, mime, wm_key)


def test_carrier_is_compatible_with_upstream_decoder() -> None:
    upstream = pytest.importorskip("imwatermark.dwtDctSvd")
    bits = np.random.default_rng(0).integers(0, 2, 64).astype(np.uint8)
    bgr = np.asarray(make_image("photo", 256, seed=8))[..., ::-1].copy()
    marked = carrier.encode(bgr, bits)
    decoded = upstream.EmbedDwtDctSvd([], wmLen=64).decode(marked)
    assert np.array_equal(np.asarray(decoded, dtype=np.uint8), bits)


def test_legacy_scheme_still_reads_its_marks(wm_key: bytes) -> None:
    marked = legacy.embed_watermark(png("photo", 256, seed=9), "image/png", WID, wm_key)
    found = legacy.detect_watermark(marked, "image/png", wm_key)
    assert found.found and found.watermark_id == WID and found.alg == legacy.ALG
