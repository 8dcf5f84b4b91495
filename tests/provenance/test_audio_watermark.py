"""Audio watermark: round trips, the attacks it must survive, false positives, decoding errors.

Test signals are synthesised, music-like clips (no audio data sets offline): bass, chord and
melody voices of harmonic notes with envelopes and vibrato, kick, snare and hi-hats.
The helpers here are shared with the video/C2PA tests and bench/media_watermark.py.
"""

from __future__ import annotations

import io
import wave

import av
import numpy as np
import pytest
from scipy.signal import resample_poly

from provenance import (
    AUDIO_WATERMARK_ALG,
    InvalidWatermarkId,
    UnsupportedMedia,
    WatermarkError,
    decode_audio,
    detect_audio_watermark,
    detect_watermark,
    embed_audio_watermark,
    make_audio_watermark_hook,
)
from tests.provenance.synthetic import png

WID = 0x0123_4567_89AB
RATE = 44_100


def music(seed: int, seconds: float = 5.0, rate: int = RATE, channels: int = 1, peak: float = 0.45) -> np.ndarray:
    """A music-like float32 clip, ``(n,)`` or ``(n, channels)``, deterministic in ``seed``."""
    rng = np.random.default_rng(seed)
    n = int(round(seconds * rate))
    t = np.arange(n) / rate
    out = np.zeros((n, channels))
    root = 110.0 * 2 ** (rng.integers(0, 12) / 12)
    scale = np.array([0, 2, 4, 5, 7, 9, 11, 12, 14, 16])
    beat = 60.0 / rng.uniform(80, 150)
    # (semitones up, gain, beats per note, harmonics): bass, chords, melody
    for octave, gain, beats, harmonics in ((0, 1.0, 2.0, 6), (12, 0.5, 1.0, 10), (24, 0.5, 0.5, 14)):
        pos = 0.0
        pan = rng.uniform(0.3, 0.7, channels) if channels > 1 else np.ones(1)
        while pos < seconds:
            dur = beat * beats * rng.choice([0.5, 1, 1, 2])
            i0, i1 = int(pos * rate), min(n, int((pos + dur) * rate))
            pos += dur
            if rng.random() < 0.15 or i1 - i0 < 10:
                continue
            tt = t[i0:i1] - t[i0]
            env = np.minimum(1, tt / 0.01) * np.exp(-tt * rng.uniform(1.5, 6)) * np.minimum(1, (tt[-1] - tt) / 0.02)
            f0 = root * 2 ** ((octave + scale[rng.integers(len(scale))]) / 12)
            phase = 2 * np.pi * f0 * np.cumsum(1 + 0.003 * np.sin(2 * np.pi * 5.5 * tt)) / rate
            note = sum(
                rng.uniform(0.3, 1.0) / k * np.sin(k * phase + rng.uniform(0, 2 * np.pi))
                for k in range(1, harmonics + 1)
                if f0 * k < rate / 2 - 500
            )
            out[i0:i1] += gain * (env * note)[:, None] * pan
    k = 0
    while k * beat / 2 < seconds:  # kick / snare on the beats, hi-hat on eighths
        i0 = int(k * beat / 2 * rate)
        m = min(n - i0, int(0.25 * rate))
        tt = np.arange(m) / rate
        if k % 4 == 0:
            hit = 0.8 * np.sin(2 * np.pi * np.cumsum(50 + 100 * np.exp(-tt / 0.03)) / rate) * np.exp(-tt / 0.12)
        elif k % 4 == 2:
            hit = 0.25 * rng.normal(0, 1, m) * np.exp(-tt / 0.05)
        else:
            hit = 0.08 * np.diff(rng.normal(0, 1, m + 1)) * np.exp(-tt / 0.015)
        out[i0 : i0 + m] += hit[:, None]
        k += 1
    out *= peak / (np.abs(out).max() + 1e-9)
    out32 = out.astype(np.float32)
    return out32[:, 0] if channels == 1 else out32


def wav_bytes(pcm: np.ndarray, rate: int) -> bytes:
    """16-bit PCM WAV."""
    pcm = np.asarray(pcm)
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1 if pcm.ndim == 1 else pcm.shape[1])
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(np.clip(np.rint(pcm * 32767), -32768, 32767).astype("<i2").tobytes())
    return buf.getvalue()


def mp3_bytes(pcm: np.ndarray, rate: int, bitrate: int = 128_000) -> bytes:
    """MP3 (libmp3lame, CBR ``bitrate``) of float samples ``(n,)`` or ``(n, 2)``."""
    pcm = np.asarray(pcm, dtype=np.float32)
    layout = "mono" if pcm.ndim == 1 else "stereo"
    planar = pcm[None, :] if pcm.ndim == 1 else pcm.T
    buf = io.BytesIO()
    with av.open(buf, "w", format="mp3") as container:
        stream = container.add_stream("libmp3lame", rate=rate, layout=layout)
        stream.bit_rate = bitrate
        for i in range(0, planar.shape[1], 4608):
            chunk = np.ascontiguousarray(planar[:, i : i + 4608])
            frame = av.AudioFrame.from_ndarray(chunk, format="fltp", layout=layout)
            frame.sample_rate = rate
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return buf.getvalue()


def snr_db(clean: np.ndarray, marked: np.ndarray) -> float:
    c = clean.astype(np.float64)
    return float(10 * np.log10(np.sum(c * c) / np.sum((marked.astype(np.float64) - c) ** 2)))


@pytest.fixture(scope="module")
def clip() -> np.ndarray:
    return music(seed=3)


@pytest.fixture(scope="module")
def marked(clip: np.ndarray, wm_key: bytes) -> np.ndarray:
    return embed_audio_watermark(clip, RATE, WID, wm_key)


def _found(pcm: np.ndarray, rate: int, key: bytes) -> bool:
    det = detect_audio_watermark(pcm, rate, key)
    return det.found and det.watermark_id == WID


def test_round_trip_keeps_shape_and_is_quiet(clip: np.ndarray, marked: np.ndarray, wm_key: bytes) -> None:
    assert marked.shape == clip.shape and marked.dtype == np.float32
    assert snr_db(clip, marked) >= 25.0
    det = detect_audio_watermark(marked, RATE, wm_key)
    assert det.found and det.watermark_id == WID
    assert det.alg == AUDIO_WATERMARK_ALG and det.confidence > 0.999


def test_stereo_keeps_channels(wm_key: bytes) -> None:
    stereo = music(seed=4, seconds=3.0, rate=48_000, channels=2)
    out = embed_audio_watermark(stereo, 48_000, WID, wm_key)
    assert out.shape == stereo.shape and out.dtype == np.float32
    assert _found(out, 48_000, wm_key)
    assert _found(out[:, 0], 48_000, wm_key)  # each channel carries the whole mark


def test_survives_mp3_128k(marked: np.ndarray, wm_key: bytes) -> None:
    data = mp3_bytes(marked, RATE)
    pcm, rate = decode_audio(data)
    assert rate == RATE and abs(len(pcm) - len(marked)) < RATE // 10
    assert _found(pcm, rate, wm_key)
    det = detect_watermark(data, "audio/mpeg", wm_key)
    assert det.found and det.watermark_id == WID and det.alg == AUDIO_WATERMARK_ALG


def test_survives_upsampling_22050_to_44100(wm_key: bytes) -> None:
    marked = embed_audio_watermark(music(seed=5, rate=22_050), 22_050, WID, wm_key)
    assert _found(resample_poly(marked, 2, 1).astype(np.float32), 44_100, wm_key)


def test_survives_downsampling_44100_to_16000(marked: np.ndarray, wm_key: bytes) -> None:
    assert _found(resample_poly(marked, 160, 441).astype(np.float32), 16_000, wm_key)


def test_survives_trimming_both_ends(marked: np.ndarray, wm_key: bytes) -> None:
    trimmed = marked[int(0.37 * RATE) : -int(0.21 * RATE)]
    assert _found(trimmed, RATE, wm_key)


@pytest.mark.parametrize("gain_db", [6.0, -6.0])
def test_survives_volume_change(marked: np.ndarray, wm_key: bytes, gain_db: float) -> None:
    louder = np.clip(marked * np.float32(10 ** (gain_db / 20)), -1, 1)
    assert _found(louder, RATE, wm_key)


def test_survives_light_noise(marked: np.ndarray, wm_key: bytes) -> None:
    rms = float(np.sqrt(np.mean(marked.astype(np.float64) ** 2)))
    noise = np.random.default_rng(0).normal(0, rms * 10 ** (-30 / 20), marked.shape)  # 30 dB SNR
    assert _found((marked + noise).astype(np.float32), RATE, wm_key)


def test_short_clip_with_trim_and_mp3(wm_key: bytes) -> None:
    marked = embed_audio_watermark(music(seed=6, seconds=2.0), RATE, WID, wm_key)
    assert _found(marked, RATE, wm_key)
    pcm, rate = decode_audio(mp3_bytes(marked[int(0.2 * RATE) :], RATE))
    assert _found(pcm, rate, wm_key)


def test_wav_bytes_through_public_detector(marked: np.ndarray, wm_key: bytes) -> None:
    data = wav_bytes(marked, RATE)
    for mime in ("audio/wav", "audio/x-wav", "audio/wave"):
        det = detect_watermark(data, mime, wm_key)
        assert det.found and det.watermark_id == WID


@pytest.mark.parametrize("seed", range(4))
def test_unmarked_audio_is_not_found(seed: int, wm_key: bytes) -> None:
    assert not detect_audio_watermark(music(seed=100 + seed), RATE, wm_key).found


def test_wrong_key_is_not_found(marked: np.ndarray) -> None:
    det = detect_audio_watermark(marked, RATE, b"some-other-key-0123456789abcdef")
    assert not det.found and det.watermark_id is None and det.confidence == 0.0


def test_hook_embeds_and_checks_arguments_up_front(clip: np.ndarray, wm_key: bytes) -> None:
    hook = make_audio_watermark_hook(WID, wm_key)
    assert _found(hook(clip, RATE), RATE, wm_key)
    with pytest.raises(InvalidWatermarkId):
        make_audio_watermark_hook(2**48, wm_key)
    with pytest.raises(WatermarkError):
        make_audio_watermark_hook(WID, b"short")


def test_bad_arguments_raise_watermark_errors(clip: np.ndarray, wm_key: bytes) -> None:
    with pytest.raises(WatermarkError):
        embed_audio_watermark(clip[: RATE // 2], RATE, WID, wm_key)  # too short to carry the mark
    with pytest.raises(WatermarkError):
        embed_audio_watermark((clip * 32767).astype(np.int16), RATE, WID, wm_key)
    with pytest.raises(WatermarkError):
        embed_audio_watermark(clip, 8_000, WID, wm_key)
    with pytest.raises(InvalidWatermarkId):
        embed_audio_watermark(clip, RATE, -1, wm_key)
    assert not detect_audio_watermark(clip[: RATE // 4], RATE, wm_key).found


def test_silence_is_left_alone(wm_key: bytes) -> None:
    silence = np.zeros(2 * RATE, dtype=np.float32)
    assert np.array_equal(embed_audio_watermark(silence, RATE, WID, wm_key), silence)
    assert not detect_audio_watermark(silence, RATE, wm_key).found


def test_decode_audio_mixes_to_mono(wm_key: bytes) -> None:
    stereo = np.stack([np.full(8000, 0.5), np.full(8000, -0.25)], axis=1).astype(np.float32)
    pcm, rate = decode_audio(wav_bytes(stereo, 16_000))
    assert rate == 16_000 and pcm.shape == (8000,) and pcm.dtype == np.float32
    assert np.allclose(pcm, 0.125, atol=1e-3)


@pytest.mark.parametrize(
    ("data", "mime"),
    [
        (b"", "audio/wav"),
        (b"definitely not audio" * 50, "audio/wav"),
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", "audio/wav"),  # truncated header
        (bytes(range(256)) * 40, "audio/mpeg"),
        (png("photo"), "audio/mpeg"),  # a picture has no audio stream
    ],
)
def test_garbage_gives_unsupported_media(data: bytes, mime: str, wm_key: bytes) -> None:
    with pytest.raises(UnsupportedMedia):
        decode_audio(data)
    with pytest.raises(UnsupportedMedia):
        detect_watermark(data, mime, wm_key)


def test_unknown_audio_mime_is_unsupported(marked: np.ndarray, wm_key: bytes) -> None:
    with pytest.raises(UnsupportedMedia):
        detect_watermark(wav_bytes(marked, RATE), "audio/x-unknown", wm_key)
