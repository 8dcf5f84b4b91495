"""The first image watermark (dwtDctSvd carrier), kept to read old marks and as a baseline.

Payload: the same 64 bits as ``image.py`` (id, keyed check, keyed mask), repeated over
every 4x4 block of ``carrier`` (no error-correcting code, Chase decoding of the 3 least
reliable bits). Survives JPEG 90 and resize-and-back, but not crops or scale changes;
see docs/provenance-watermark.md.
"""

from __future__ import annotations

import io

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from provenance.errors import ImageTooSmall, InvalidWatermarkId, UnsupportedMedia
from provenance.watermark import carrier
from provenance.watermark.image import (
    CHECK_BITS,
    EMBED_MIMES,
    ID_BITS,
    JPEG_QUALITY,
    MAX_ID,
    MIN_SIDE,
    PAYLOAD_BITS,
    Detection,
    _check_key,
    _normalize_mime,
    _open,
    _payload_value,
    _verify_bits,
)

ALG = "org.responsible-gen.wm.dwtdctsvd.v1"
CHASE_BITS = 3
_CANDIDATES = 2**CHASE_BITS


def embed_watermark(data: bytes, mime: str, watermark_id: int, key: bytes) -> bytes:
    _check_key(key)
    if isinstance(watermark_id, bool) or not isinstance(watermark_id, int) or not 0 <= watermark_id <= MAX_ID:
        raise InvalidWatermarkId(f"watermark id must be an int in [0, 2**{ID_BITS}), got {watermark_id!r}")
    mime = _normalize_mime(mime)
    if mime not in EMBED_MIMES:
        raise UnsupportedMedia(f"cannot watermark {mime!r}; supported: {sorted(EMBED_MIMES)}")
    image = _open(data)
    if min(image.size) < MIN_SIDE:
        raise ImageTooSmall(f"the watermark needs at least {MIN_SIDE} px on each side")
    alpha = None
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        image = image.convert("RGBA")
        alpha = image.getchannel("A")
    rgb = np.asarray(image.convert("RGB"))
    bits = np.unpackbits(np.frombuffer(_payload_value(watermark_id, key).to_bytes(PAYLOAD_BITS // 8, "big"), np.uint8))
    marked = carrier.encode(rgb[..., ::-1], bits)[..., ::-1]
    out = Image.fromarray(np.ascontiguousarray(marked), "RGB")
    buf = io.BytesIO()
    if mime == "image/png":
        if alpha is not None:
            out.putalpha(alpha)
        out.save(buf, "PNG", compress_level=3)
    else:
        out.save(buf, "JPEG", quality=JPEG_QUALITY, subsampling=0)
    return buf.getvalue()


def detect_watermark(data: bytes, mime: str, key: bytes) -> Detection:
    _check_key(key)
    mime = _normalize_mime(mime)
    if not mime.startswith("image/"):
        raise UnsupportedMedia(f"cannot look for an image watermark in {mime!r}")
    image = _open(data)
    if min(image.size) < MIN_SIDE:
        return Detection(found=False, watermark_id=None, confidence=0.0, alg=ALG)
    bgr = np.ascontiguousarray(np.asarray(image.convert("RGB"))[..., ::-1])
    found = _chase(carrier.decode_soft(bgr, PAYLOAD_BITS), key)
    if found is None:
        return Detection(found=False, watermark_id=None, confidence=0.0, alg=ALG)
    return Detection(found=True, watermark_id=found, confidence=1.0 - _CANDIDATES * 2.0**-CHECK_BITS, alg=ALG)


def _chase(soft: NDArray[np.float64], key: bytes) -> int | None:
    """Try the hard decision, then flips of the least reliable bits (Chase decoding)."""
    hard = (soft > 0).astype(np.uint8)
    weakest = np.argsort(np.abs(soft))[:CHASE_BITS]
    for pattern in range(_CANDIDATES):
        bits = hard.copy()
        for j, pos in enumerate(weakest):
            if pattern >> j & 1:
                bits[pos] ^= 1
        if (found := _verify_bits(bits, key)) is not None:
            return found
    return None
