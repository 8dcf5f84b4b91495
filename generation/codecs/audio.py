"""Float PCM -> delivered audio files (WAV, MP3), and back for analysis.

Backends hand over float samples in [-1, 1]; this module is the one place that decides how
they become bytes, so every audio model delivers the same formats the same way:

- ``wav``: 16-bit PCM little-endian (stdlib ``wave``), ``audio/wav``; lossless, so the
  decoded samples equal the clipped input up to 16-bit rounding.
- ``mp3``: PyAV ``libmp3lame`` at 128 kbps CBR, ``audio/mpeg``. LAME only takes a fixed set
  of sample rates; other rates are resampled (polyphase, scipy) to the nearest higher one.

Samples are clipped to [-1, 1] (peak-safe: no integer wrap-around on loud output) and NaNs
become silence. Shapes: ``(n,)`` mono or ``(n, channels)`` (1 or 2 channels).
"""

from __future__ import annotations

import io
import wave
from fractions import Fraction

import numpy as np

FORMATS: dict[str, str] = {"wav": "audio/wav", "mp3": "audio/mpeg"}
MP3_BITRATE = 128_000
MP3_RATES = (8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000)


def as_pcm(pcm: object) -> np.ndarray:
    """Any array-like of samples -> float32 ``(n, channels)``, finite and clipped to [-1, 1]."""
    arr = np.asarray(pcm, dtype=np.float32)
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2 or arr.shape[1] not in (1, 2):
        raise ValueError(f"audio must have shape (n,) or (n, channels) with 1 or 2 channels, got {arr.shape}")
    arr = np.nan_to_num(arr, nan=0.0, posinf=1.0, neginf=-1.0)
    return np.clip(arr, -1.0, 1.0).astype(np.float32, copy=False)


def _wav(pcm: np.ndarray, sample_rate: int) -> bytes:
    ints = np.round(pcm * 32767.0).astype("<i2")
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(pcm.shape[1])
        w.setsampwidth(2)
        w.setframerate(int(sample_rate))
        w.writeframes(ints.tobytes())
    return buf.getvalue()


def _resample(pcm: np.ndarray, src: int, dst: int) -> np.ndarray:
    from scipy.signal import resample_poly

    ratio = Fraction(dst, src).limit_denominator(1000)
    out = resample_poly(pcm, ratio.numerator, ratio.denominator, axis=0)
    return np.clip(out, -1.0, 1.0).astype(np.float32)


def mp3_rate(sample_rate: int) -> int:
    """The rate an MP3 of ``sample_rate`` audio is written at (LAME's nearest supported rate at or above it)."""
    for rate in MP3_RATES:
        if rate >= sample_rate:
            return rate
    return MP3_RATES[-1]


def _mp3(pcm: np.ndarray, sample_rate: int) -> bytes:
    import av

    rate = mp3_rate(sample_rate)
    if rate != sample_rate:
        pcm = _resample(pcm, sample_rate, rate)
    channels = pcm.shape[1]
    layout = "mono" if channels == 1 else "stereo"
    buf = io.BytesIO()
    with av.open(buf, mode="w", format="mp3") as container:
        stream = container.add_stream("libmp3lame", rate=rate, layout=layout)
        stream.bit_rate = MP3_BITRATE
        frame_size = stream.codec_context.frame_size or 1152
        ints = np.round(pcm * 32767.0).astype(np.int16)
        for start in range(0, len(ints), frame_size):
            chunk = np.ascontiguousarray(ints[start : start + frame_size].T)  # planar: (channels, n)
            frame = av.AudioFrame.from_ndarray(chunk, format="s16p", layout=layout)
            frame.sample_rate = rate
            frame.pts = start
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return buf.getvalue()


def encode_audio(pcm: object, sample_rate: int, fmt: str) -> tuple[bytes, str]:
    """Encode float samples to ``fmt`` ("wav" | "mp3"); returns ``(bytes, mime)``."""
    if fmt not in FORMATS:
        raise ValueError(f"audio format must be one of {sorted(FORMATS)}, got {fmt!r}")
    if not isinstance(sample_rate, (int, np.integer)) or sample_rate <= 0:
        raise ValueError(f"sample_rate must be a positive integer, got {sample_rate!r}")
    arr = as_pcm(pcm)
    data = _wav(arr, int(sample_rate)) if fmt == "wav" else _mp3(arr, int(sample_rate))
    return data, FORMATS[fmt]


def decode_audio(data: bytes) -> tuple[np.ndarray, int]:
    """Decode WAV/MP3 bytes (anything FFmpeg reads) -> float32 ``(n, channels)`` and the sample rate.

    Used to score delivered audio (quality) and to check encodes; PyAV honours the MP3's
    LAME gapless header, so the decoded length matches the encoded one to within a frame.
    """
    import av

    chunks: list[np.ndarray] = []
    with av.open(io.BytesIO(data), mode="r") as container:
        stream = container.streams.audio[0]
        rate = int(stream.codec_context.sample_rate or stream.rate)
        for frame in container.decode(stream):
            arr = frame.to_ndarray()
            fmt = frame.format.name
            # planar (channels, n) -> (n, channels); packed (1, n * channels) -> (n, channels)
            arr = arr.T if frame.format.is_planar else arr.reshape(-1, len(frame.layout.channels))
            if fmt.startswith("s16"):
                arr = arr.astype(np.float32) / 32768.0
            elif fmt.startswith("s32"):
                arr = arr.astype(np.float32) / 2147483648.0
            elif fmt.startswith("u8"):
                arr = (arr.astype(np.float32) - 128.0) / 128.0
            chunks.append(arr.astype(np.float32, copy=False))
    if not chunks:
        return np.zeros((0, 1), dtype=np.float32), rate
    return np.concatenate(chunks, axis=0), rate
