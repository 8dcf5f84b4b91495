"""Video watermark: the image watermark on every frame, read back from all frames together.

Every frame carries the same keyed tile (``tiled.py``) with the same payload as an image
would (``image.py``: 48-bit id + keyed check), added to luminance at ``EMBED_PSNRS[0]``.
Because the mark is identical in every frame while the picture moves, detection adds the
frames' whitened, folded residuals before synchronising and decoding: N frames give about
sqrt(N) times the single-frame signal-to-noise ratio, which is what carries the mark through
H.264 at crf 28 and downscaling, where single frames often do not read.

``confidence`` is the fraction of the frames whose own soft bits agree with the decoded
codeword (normalised correlation of at least ``AGREE_MATCH``; unmarked frames give
0 +- 0.07), so it says how much of the clip carries the mark.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from provenance.errors import ImageTooSmall, WatermarkError
from provenance.watermark import tiled
from provenance.watermark.image import (
    MATCH_MIN,
    PAYLOAD_BITS,
    PRIOR_SCALES,
    Detection,
    _check_id,
    _check_key,
    _payload_value,
    _verify_bits,
)

ALG = "org.responsible-gen.wm.video-tiled-ss.v1"
# Frames need one 128 px tile; detection reads down to half that (a 0.5x copy).
MIN_SIDE = 128
DETECT_MIN_SIDE = 64
AGREE_MATCH = 0.3
# Embedding strengths (PSNR, dB) tried in turn until the mark reads back from the frames.
# Stronger than images (38.5 dB): H.264 at crf 28 on a downscaled copy keeps less of the
# mark than JPEG does, and textured (photo-like) frames lose the most.
EMBED_PSNRS = (36.0, 33.0, 30.0)


def _as_frames(frames: NDArray[np.uint8]) -> NDArray[np.uint8]:
    arr = np.asarray(frames)
    if arr.dtype != np.uint8 or arr.ndim != 4 or arr.shape[-1] != 3 or arr.shape[0] < 1:
        raise WatermarkError(f"frames must be uint8 (T, H, W, 3) with T >= 1, got {arr.dtype} {arr.shape}")
    return arr


def watermark_frames(frames: NDArray[np.uint8], watermark_id: int, key: bytes) -> NDArray[np.uint8]:
    """Return a copy of ``frames`` (uint8 ``(T, H, W, 3)`` RGB) with ``watermark_id`` in every frame.

    Like ``image.embed_watermark``: the mark is read back (from all frames together) and
    embedded more strongly if it does not verify, e.g. on near-flat or noisy content.
    """
    _check_key(key)
    _check_id(watermark_id)
    arr = _as_frames(frames)
    t, h, w, _ = arr.shape
    if min(h, w) < MIN_SIDE:
        raise ImageTooSmall(f"frames are {w}x{h}; the watermark needs at least {MIN_SIDE} px on each side")
    key = bytes(key)
    payload = _payload_value(watermark_id, key).to_bytes(PAYLOAD_BITS // 8, "big")
    deltas = [tiled.unit_delta(frame, payload, key) for frame in arr]
    out = np.empty_like(arr)
    for psnr in EMBED_PSNRS:
        for i in range(t):
            out[i] = tiled.apply(arr[i], deltas[i], psnr)
        folds = [tiled.fold_at_scale(tiled.luminance(frame), 1.0) for frame in out]
        cand = tiled.decode_fold(np.sum(folds, axis=0), 1.0, key)  # type: ignore[arg-type]
        if cand is not None and cand.match >= MATCH_MIN and _verify_bits(cand.bits, key) == watermark_id:
            break
    return out


def make_frame_watermark_hook(watermark_id: int, key: bytes) -> Callable[[NDArray[np.uint8]], NDArray[np.uint8]]:
    """``(frames) -> frames`` for ``generation.GenerationHooks.frame_watermark``.

    Arguments are checked now, so a bad id or key fails before any frame is generated.
    """
    _check_key(key)
    _check_id(watermark_id)
    key = bytes(key)

    def hook(frames: NDArray[np.uint8]) -> NDArray[np.uint8]:
        return watermark_frames(frames, watermark_id, key)

    return hook


def detect_video_watermark(frames: NDArray[np.uint8], key: bytes) -> Detection:
    """Look for the watermark made with ``key`` in uint8 RGB frames ``(T, H, W, 3)``.

    Tries the untouched size, then the rescale factors the autocorrelation of the mean
    frame suggests, then 0.5x, as the image detector does. Frames under 64 px: not found.
    """
    _check_key(key)
    arr = _as_frames(frames)
    if min(arr.shape[1:3]) < DETECT_MIN_SIDE:
        return Detection(found=False, watermark_id=None, confidence=0.0, alg=ALG)
    key = bytes(key)
    lumas = [tiled.luminance(frame) for frame in arr]
    scales = [PRIOR_SCALES[0], *tiled.scale_candidates(np.mean(lumas, axis=0)), *PRIOR_SCALES[1:]]
    tried: list[float] = []
    for scale in scales:
        if any(abs(scale - s) / s <= 0.01 for s in tried):
            continue
        tried.append(scale)
        folds = [f for f in (tiled.fold_at_scale(y, scale) for y in lumas) if f is not None]
        if not folds:
            continue
        cand = tiled.decode_fold(np.sum(folds, axis=0), scale, key)
        if cand is None or cand.match < MATCH_MIN:
            continue
        found = _verify_bits(cand.bits, key)
        if found is not None:
            return Detection(found=True, watermark_id=found, confidence=_agreement(folds, cand, key), alg=ALG)
    return Detection(found=False, watermark_id=None, confidence=0.0, alg=ALG)


def _agreement(folds: list[NDArray[np.float64]], found: tiled.Candidate, key: bytes) -> float:
    """Fraction of frames whose own soft bits correlate with the decoded codeword."""
    code = 2.0 * tiled.conv_encode(found.bits) - 1.0
    agree = 0
    for fold in folds:
        cand = tiled.decode_fold(fold, found.scale, key)
        if cand is not None:
            match = float(cand.soft @ code / (np.linalg.norm(cand.soft) * np.sqrt(tiled.N_CODED) + 1e-12))
            agree += match >= AGREE_MATCH
    return agree / len(folds)


__all__ = ["ALG", "detect_video_watermark", "make_frame_watermark_hook", "watermark_frames"]
