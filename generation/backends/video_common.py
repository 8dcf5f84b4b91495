"""What every video backend does last: mark the final frames (``hooks.frame_watermark``), encode them to MP4.

Kept in one place so that all video models deliver the same format and apply the caller's
watermark the same way: once, on the clean uint8 frames, right before the lossy H.264 encode,
and with the same facts (fps, frame count, size, duration, codec, watermarked) in the metadata.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from generation.codecs.video import CODEC, DEFAULT_CRF, MIME, PIXEL_FORMAT, encode_mp4, even_size
from generation.types import GenerationError, GenerationHooks

__all__ = ["MIME", "apply_frame_watermark", "finish_video"]


def apply_frame_watermark(frames: np.ndarray, hooks: GenerationHooks | None) -> tuple[np.ndarray, bool]:
    """Run ``hooks.frame_watermark`` on ``(T, H, W, 3)`` uint8 frames; returns (frames, whether it ran).

    The hook belongs to the caller, so its result is checked: a hook that changes the shape or
    dtype would silently corrupt the video.
    """
    hook = getattr(hooks, "frame_watermark", None) if hooks is not None else None
    if hook is None:
        return frames, False
    marked = np.asarray(hook(np.ascontiguousarray(frames).copy()))
    if marked.shape != frames.shape or marked.dtype != np.uint8:
        raise GenerationError(
            f"frame_watermark must return uint8 frames of shape {frames.shape}, got {marked.dtype} {marked.shape}"
        )
    return marked, True


def finish_video(
    frames: np.ndarray, fps: float, hooks: GenerationHooks | None, crf: int = DEFAULT_CRF
) -> tuple[bytes, dict[str, Any]]:
    """Watermark (when hooked) then encode ``(T, H, W, 3)`` uint8 frames; returns MP4 bytes and their facts.

    The facts are metadata entries; their ``timings`` are meant to be merged into the backend's own.
    """
    t0 = time.perf_counter()
    frames, watermarked = apply_frame_watermark(frames, hooks)
    t1 = time.perf_counter()
    data = encode_mp4(frames, fps, crf=crf)
    t2 = time.perf_counter()
    num_frames, h, w = int(frames.shape[0]), int(frames.shape[1]), int(frames.shape[2])
    height, width = even_size(h, w)
    fps_out: float | int = int(fps) if float(fps).is_integer() else float(fps)
    facts = {
        "fps": fps_out,
        "num_frames": num_frames,
        "width": width,
        "height": height,
        "duration_s": round(num_frames / float(fps), 4),
        "container": "mp4",
        "codec": CODEC,
        "pixel_format": PIXEL_FORMAT,
        "crf": int(crf),
        "watermarked": watermarked,
        "timings": {"watermark_s": round(t1 - t0, 4), "encode_s": round(t2 - t1, 4)},
    }
    return data, facts
