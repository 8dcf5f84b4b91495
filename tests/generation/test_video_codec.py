"""encode_mp4: frames survive the H.264 round trip (count, size, rate, pixels) and the file is web-ready."""

from __future__ import annotations

import numpy as np
import pytest

from generation.codecs.video import MIME, decode_mp4, encode_mp4, even_size, probe_mp4


def moving_square(t: int = 10, h: int = 48, w: int = 64) -> np.ndarray:
    """A horizontal gradient with a white square moving right: smooth content plus sharp edges and motion."""
    frames = np.zeros((t, h, w, 3), np.uint8)
    frames[..., 0] = np.linspace(0, 255, w, dtype=np.uint8)[None, None, :]
    frames[..., 2] = 80
    for i in range(t):
        frames[i, 10:26, 2 + 4 * i : 18 + 4 * i] = 255
    return frames


def test_round_trip_keeps_frames_size_rate_and_pixels():
    frames = moving_square()
    data = encode_mp4(frames, 12)
    assert MIME == "video/mp4" and data[4:8] == b"ftyp"
    info = probe_mp4(data)
    assert info["codec"] == "h264" and info["pixel_format"] == "yuv420p"
    assert (info["width"], info["height"], info["frames"], info["fps"]) == (64, 48, 10, 12.0)
    assert info["duration_s"] == pytest.approx(10 / 12, abs=1e-3)
    decoded, fps = decode_mp4(data)
    assert decoded.shape == frames.shape and decoded.dtype == np.uint8 and fps == 12.0
    assert np.abs(decoded.astype(int) - frames).mean() < 4  # crf 18: near-lossless
    assert data.find(b"moov") < data.find(b"mdat")  # +faststart: the index comes first
    picked, _ = decode_mp4(data, [0, 9])
    assert np.array_equal(picked, decoded[[0, 9]])


def test_same_frames_same_bytes():
    # 320 px wide (20 macroblocks): x264's AVX-512 mbtree code made such widths vary run to run
    frames = moving_square(t=8, h=48, w=320)
    assert len({encode_mp4(frames, 8) for _ in range(6)}) == 1


def test_odd_sides_are_padded_and_fractional_rates_kept():
    frames = moving_square(t=3, h=33, w=47)
    assert even_size(33, 47) == (34, 48)
    data = encode_mp4(frames, 24000 / 1001)
    decoded, fps = decode_mp4(data)
    assert decoded.shape == (3, 34, 48, 3) and fps == pytest.approx(23.976, abs=1e-3)
    assert np.abs(decoded[:, :33, :47].astype(int) - frames).mean() < 5


@pytest.mark.parametrize(
    ("frames", "fps"),
    [
        (np.zeros((2, 16, 16, 3), np.float32), 8),
        (np.zeros((16, 16, 3), np.uint8), 8),
        (np.zeros((0, 16, 16, 3), np.uint8), 8),
        (np.zeros((2, 16, 16, 4), np.uint8), 8),
        (np.zeros((2, 16, 16, 3), np.uint8), 0),
    ],
)
def test_bad_input_is_rejected(frames, fps):
    with pytest.raises(ValueError):
        encode_mp4(frames, fps)
