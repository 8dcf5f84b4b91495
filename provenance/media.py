"""Decoding audio and video uploads to arrays (PyAV), and watermark detection on their bytes.

The verify endpoint and the pipeline's read-back hand over files (WAV, MP3, MP4, ...);
the watermark detectors work on samples and frames. Anything PyAV cannot make sense of
becomes ``UnsupportedMedia``, never a generic exception: clients upload arbitrary bytes.
Decoding is bounded (``MAX_AUDIO_SECONDS``, ``MAX_VIDEO_BYTES``, ``MAX_FRAME_PIXELS``) so a
small hostile file cannot make the server allocate gigabytes.
"""

from __future__ import annotations

import io
from typing import Any

import av
import numpy as np
from numpy.typing import NDArray

from provenance.errors import UnsupportedMedia
from provenance.mime import AUDIO_MIMES, VIDEO_MIMES, normalize_mime
from provenance.watermark.audio import detect_audio_watermark
from provenance.watermark.image import Detection, _check_key
from provenance.watermark.video import detect_video_watermark

# Decoding stops after this much audio: detection needs seconds, not hours.
MAX_AUDIO_SECONDS = 600.0
MAX_FRAME_PIXELS = 4096 * 4096
# Decoded RGB frames kept in memory at once (all frames when max_frames is None).
MAX_VIDEO_BYTES = 1 << 30
# Frames the video detector looks at (evenly spread over the clip).
DETECT_VIDEO_FRAMES = 32

# Errors PyAV raises on bad input: its own, plus the builtin types several of them subclass.
_AV_ERRORS = (av.FFmpegError, OSError, ValueError, EOFError, IndexError, UnicodeDecodeError, RuntimeError)
# Scale of each sample format to [-1, 1] (planar variants share it).
_SCALE = {"u8": 128.0, "s16": 32768.0, "s32": 2147483648.0, "s64": 9223372036854775808.0, "flt": 1.0, "dbl": 1.0}


def decode_audio(data: bytes, *, max_seconds: float | None = MAX_AUDIO_SECONDS) -> tuple[NDArray[np.float32], int]:
    """Decode the first audio stream of any container PyAV reads to a float32 mono mix in [-1, 1].

    Returns ``(samples, sample_rate)``. The mix is the mean of the channels (what the
    audio watermark is embedded in). Decoding stops after ``max_seconds``; a file that
    breaks off mid-way gives the audio decoded up to there.
    """
    chunks: list[NDArray[np.float32]] = []
    with _open(data) as container:
        if not container.streams.audio:
            raise UnsupportedMedia("no audio stream in the file")
        stream = container.streams.audio[0]
        rate = int(stream.rate or stream.codec_context.sample_rate or 0)
        if rate <= 0:
            raise UnsupportedMedia("audio stream without a sample rate")
        limit = int(max_seconds * rate) if max_seconds is not None else None
        total = 0
        try:
            for frame in container.decode(stream):
                if frame.sample_rate and frame.sample_rate != rate:
                    raise UnsupportedMedia("the sample rate changes within the stream")
                mono = _mono(frame)
                chunks.append(mono)
                total += len(mono)
                if limit is not None and total >= limit:
                    break
        except UnsupportedMedia:
            raise
        except _AV_ERRORS as exc:
            if not chunks:
                raise UnsupportedMedia(f"undecodable audio: {exc}") from exc
    if not chunks or total == 0:
        raise UnsupportedMedia("the audio stream has no samples")
    pcm = np.concatenate(chunks)[:limit]
    np.clip(pcm, -1.0, 1.0, out=pcm)
    return pcm, rate


def _mono(frame: Any) -> NDArray[np.float32]:
    fmt = frame.format.name.rstrip("p")
    scale = _SCALE.get(fmt)
    if scale is None:
        raise UnsupportedMedia(f"unsupported sample format {frame.format.name!r}")
    arr = frame.to_ndarray()
    channels = max(1, len(frame.layout.channels))
    if not frame.format.is_planar:
        arr = arr.reshape(-1, channels).T
    out = arr.astype(np.float32)
    if fmt == "u8":
        out -= 128.0
    mono = out.mean(axis=0) if out.shape[0] > 1 else out[0]
    return mono * np.float32(1.0 / scale) if scale != 1.0 else mono


def decode_video_frames(data: bytes, max_frames: int | None = None) -> tuple[NDArray[np.uint8], float]:
    """Decode the first video stream to uint8 RGB frames ``(T, H, W, 3)`` and its frame rate.

    With ``max_frames``, at most that many frames, spread evenly over the whole clip (the
    frame count in headers is often missing or wrong, so the sampling stride doubles as
    frames arrive instead of trusting it). ``fps`` is the stream's rate (0.0 if unknown),
    not the rate of the sampled frames.
    """
    if max_frames is not None and max_frames < 1:
        raise ValueError("max_frames must be >= 1")
    kept: list[NDArray[np.uint8]] = []
    stride, index, size = 1, 0, None
    with _open(data) as container:
        if not container.streams.video:
            raise UnsupportedMedia("no video stream in the file")
        stream = container.streams.video[0]
        rate = stream.average_rate or stream.guessed_rate or stream.base_rate
        fps = float(rate) if rate else 0.0
        try:
            for frame in container.decode(stream):
                if size is None:
                    size = (frame.width, frame.height)
                    if size[0] * size[1] > MAX_FRAME_PIXELS or min(size) < 1:
                        raise UnsupportedMedia(f"video frames of {size[0]}x{size[1]} are out of range")
                if index % stride == 0:
                    if (frame.width, frame.height) != size:
                        frame = frame.reformat(width=size[0], height=size[1])
                    kept.append(frame.to_ndarray(format="rgb24"))
                    if max_frames is not None and len(kept) >= 2 * max_frames:
                        kept, stride = kept[::2], stride * 2
                    elif len(kept) * size[0] * size[1] * 3 > MAX_VIDEO_BYTES:
                        raise UnsupportedMedia("the video is too large to decode; pass max_frames")
                index += 1
        except UnsupportedMedia:
            raise
        except _AV_ERRORS as exc:
            if not kept:
                raise UnsupportedMedia(f"undecodable video: {exc}") from exc
    if not kept:
        raise UnsupportedMedia("the video stream has no frames")
    if max_frames is not None and len(kept) > max_frames:
        kept = [kept[i] for i in np.linspace(0, len(kept) - 1, max_frames).round().astype(int)]
    return np.stack(kept), fps


def detect_media_watermark(data: bytes, mime: str, key: bytes) -> Detection:
    """Decode an audio or video file and look for the watermark made with ``key``.

    ``audio/wav`` and ``audio/mpeg`` (and their aliases) go to the audio detector,
    ``video/mp4`` to the frame detector over ``DETECT_VIDEO_FRAMES`` evenly spread frames.
    """
    _check_key(key)
    mime = normalize_mime(mime)
    if mime in AUDIO_MIMES:
        pcm, rate = decode_audio(data)
        return detect_audio_watermark(pcm, rate, key)
    if mime in VIDEO_MIMES:
        frames, _ = decode_video_frames(data, max_frames=DETECT_VIDEO_FRAMES)
        return detect_video_watermark(frames, key)
    raise UnsupportedMedia(f"no watermark detector for {mime!r}")


def _open(data: bytes) -> Any:
    if not isinstance(data, (bytes, bytearray, memoryview)) or not len(data):
        raise UnsupportedMedia("no media data")
    try:
        return av.open(io.BytesIO(bytes(data)), mode="r", metadata_errors="ignore")
    except _AV_ERRORS as exc:
        raise UnsupportedMedia(f"unreadable media: {exc}") from exc
