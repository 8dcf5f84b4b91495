"""Audio codecs: WAV and MP3 bytes decode back (PyAV) to the same rate, channels and duration."""

from __future__ import annotations

import numpy as np
import pytest

from generation.codecs.audio import decode_audio, encode_audio, mp3_rate


def tone(seconds: float, rate: int, amplitude: float = 0.5, channels: int = 1) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    x = (amplitude * np.sin(2 * np.pi * 440.0 * t)).astype(np.float32)
    return x if channels == 1 else np.stack([x, -x], axis=1)


@pytest.mark.parametrize(("fmt", "mime"), [("wav", "audio/wav"), ("mp3", "audio/mpeg")])
@pytest.mark.parametrize("rate", [16000, 22050, 32000])
def test_roundtrip_rate_and_duration(fmt, mime, rate):
    data, got_mime = encode_audio(tone(1.5, rate), rate, fmt)
    assert got_mime == mime
    pcm, got_rate = decode_audio(data)
    assert got_rate == rate and pcm.shape[1] == 1
    assert abs(len(pcm) / rate - 1.5) < 0.03  # MP3: the LAME gapless header trims the codec delay


def test_wav_is_lossless_16_bit_and_peak_safe():
    x = tone(0.5, 16000, amplitude=1.5)  # clips instead of wrapping around
    pcm, _ = decode_audio(encode_audio(x, 16000, "wav")[0])
    assert np.abs(pcm - np.clip(x, -1, 1)[:, None]).max() < 1e-4
    data = encode_audio(np.full(100, np.nan, dtype=np.float32), 16000, "wav")[0]
    assert np.all(decode_audio(data)[0] == 0)


def test_mp3_stereo_bitrate_and_resampling():
    data, _ = encode_audio(tone(2.0, 22050, channels=2), 22050, "mp3")
    pcm, rate = decode_audio(data)
    assert pcm.shape[1] == 2 and rate == 22050
    assert 25_000 < len(data) < 40_000  # 128 kbps CBR for 2 s = 32 kB
    corr = np.corrcoef(pcm[2000:20000, 0], tone(2.0, 22050)[2000:20000])[0, 1]
    assert corr > 0.95  # the samples survive, aligned (no codec delay left in)
    assert mp3_rate(20000) == 22050
    pcm, rate = decode_audio(encode_audio(tone(1.0, 20000), 20000, "mp3")[0])
    assert rate == 22050 and abs(len(pcm) / rate - 1.0) < 0.03


def test_bad_inputs():
    with pytest.raises(ValueError, match="format must be one of"):
        encode_audio(tone(0.1, 8000), 8000, "ogg")
    with pytest.raises(ValueError, match="1 or 2 channels"):
        encode_audio(np.zeros((10, 3)), 8000, "wav")
