"""uint8 frames -> MP4 (H.264, yuv420p) bytes, and back, with PyAV's libx264.

Video backends hand finished frames here so every video the service delivers has the same,
widely playable format: H.264 High profile in yuv420p (what browsers and phones decode),
constant quality (``crf``), ``+faststart`` (the index sits before the media so playback can
start while downloading). yuv420p needs even width and height, so odd frames are padded by
repeating their last row/column rather than rejected. Encoding uses a fixed number of x264
threads (1 by default; x264's output depends on its thread count) and no macroblock tree
(see ``_write_mp4``), so the same frames give the same bytes, which keeps seeded generation
reproducible.
"""

from __future__ import annotations

import io
import os
import tempfile
from fractions import Fraction

import numpy as np

MIME = "video/mp4"
CODEC = "h264"
PIXEL_FORMAT = "yuv420p"
DEFAULT_CRF = 18


def _as_frames(frames: np.ndarray) -> np.ndarray:
    arr = np.asarray(frames)
    if arr.dtype != np.uint8:
        raise ValueError(f"frames must be uint8, got {arr.dtype}")
    if arr.ndim != 4 or arr.shape[-1] != 3 or arr.shape[0] < 1 or arr.shape[1] < 2 or arr.shape[2] < 2:
        raise ValueError(f"frames must have shape (T >= 1, H >= 2, W >= 2, 3), got {arr.shape}")
    return arr


def even_size(height: int, width: int) -> tuple[int, int]:
    """The (height, width) ``encode_mp4`` delivers for frames of this size (yuv420p needs even sides)."""
    return height + height % 2, width + width % 2


def encode_mp4(
    frames: np.ndarray, fps: float, crf: int = DEFAULT_CRF, preset: str = "medium", threads: int = 1
) -> bytes:
    """Encode ``(T, H, W, 3)`` uint8 RGB frames played at ``fps`` as an H.264/yuv420p MP4 (``video/mp4``).

    ``crf`` 18 is visually lossless for most content; odd sides are padded by edge repetition
    (see ``even_size``). ``threads`` is fixed (not "auto") so the bytes do not depend on the machine.
    """
    arr = _as_frames(frames)
    if not fps or fps <= 0:
        raise ValueError(f"fps must be positive, got {fps!r}")
    t, h, w, _ = arr.shape
    eh, ew = even_size(h, w)
    if (eh, ew) != (h, w):
        arr = np.pad(arr, ((0, 0), (0, eh - h), (0, ew - w), (0, 0)), mode="edge")
    rate = Fraction(fps).limit_denominator(1001)
    # +faststart rewrites the finished file to move the index up front, which needs a real file, not BytesIO.
    with tempfile.TemporaryDirectory(prefix="mp4-") as tmp:
        path = os.path.join(tmp, "video.mp4")
        _write_mp4(path, arr, rate, crf, preset, threads)
        with open(path, "rb") as fh:
            return fh.read()


def _write_mp4(path: str, arr: np.ndarray, rate: Fraction, crf: int, preset: str, threads: int) -> None:
    import av

    t, eh, ew, _ = arr.shape
    with av.open(path, mode="w", format="mp4", options={"movflags": "+faststart"}) as container:
        stream = container.add_stream(
            "libx264",
            rate=rate,
            options={
                "crf": str(int(crf)),
                "preset": preset,
                "threads": str(int(threads)),
                # x264's AVX-512 macroblock-tree code reads uninitialised memory when the width is not a
                # multiple of 128 px, so the same frames gave different bytes run to run; without mbtree
                # they do not (at crf 18 the visual cost is nil, files are a little larger).
                "x264-params": "mbtree=0",
            },
        )
        stream.width, stream.height, stream.pix_fmt = ew, eh, PIXEL_FORMAT
        for i in range(t):
            frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(arr[i]), format="rgb24")
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():  # flush the encoder's delayed frames
            container.mux(packet)


def probe_mp4(data: bytes) -> dict[str, object]:
    """Container facts of an MP4 without decoding it: codec, width, height, fps, frame count, duration."""
    import av

    with av.open(io.BytesIO(data), mode="r") as container:
        stream = container.streams.video[0]
        rate = stream.average_rate or stream.base_rate
        duration = float(stream.duration * stream.time_base) if stream.duration is not None else None
        return {
            "codec": stream.codec_context.name,
            "pixel_format": stream.codec_context.pix_fmt,
            "width": stream.codec_context.width,
            "height": stream.codec_context.height,
            "fps": float(rate) if rate else None,
            "frames": int(stream.frames),
            "duration_s": duration,
        }


def decode_mp4(data: bytes, indices: list[int] | None = None) -> tuple[np.ndarray, float]:
    """Decode an MP4 to ``((n, H, W, 3) uint8 RGB frames, fps)``; ``indices`` keeps only those frame numbers.

    Used to check and score what was actually delivered (quality scoring samples a few frames).
    """
    import av

    wanted = None if indices is None else set(int(i) for i in indices)
    out: list[np.ndarray] = []
    with av.open(io.BytesIO(data), mode="r") as container:
        stream = container.streams.video[0]
        rate = stream.average_rate or stream.base_rate
        for i, frame in enumerate(container.decode(stream)):
            if wanted is None or i in wanted:
                out.append(frame.to_ndarray(format="rgb24"))
            if wanted is not None and i >= max(wanted, default=-1):
                break
    if not out:
        raise ValueError("no frames decoded (empty video or indices out of range)")
    return np.stack(out), float(rate) if rate else 0.0
