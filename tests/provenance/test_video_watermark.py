"""Video watermark: frames round trip, H.264 crf 28, 0.5x downscale, false positives, decoding.

Test clips: a slow pan over a synthetic scene (tests/provenance/synthetic.py) with a moving
disc, so consecutive frames differ the way camera and object motion make them differ.
The helpers here are shared with the C2PA tests and bench/media_watermark.py.
"""

from __future__ import annotations

import io

import av
import cv2
import numpy as np
import pytest

from provenance import (
    VIDEO_WATERMARK_ALG,
    ImageTooSmall,
    InvalidWatermarkId,
    UnsupportedMedia,
    WatermarkError,
    decode_video_frames,
    detect_video_watermark,
    detect_watermark,
    make_frame_watermark_hook,
    watermark_frames,
)
from tests.provenance.synthetic import make_image

WID = 0x0FED_CBA9_8765
SCENES = ("photo", "shapes", "gradient", "photo")


def video_clip(seed: int, n: int = 16, size: int = 256) -> np.ndarray:
    """uint8 RGB frames ``(n, size, size, 3)``: a pan over a scene plus a moving disc."""
    scene = np.asarray(make_image(SCENES[seed % len(SCENES)], size + 2 * n + 8, seed=seed))
    color = tuple(int(v) for v in np.random.default_rng(seed).integers(0, 256, 3))
    frames = []
    for t in range(n):
        frame = np.ascontiguousarray(scene[t : t + size, 2 * t : 2 * t + size])
        cv2.circle(frame, (40 + 8 * t, int(100 + 20 * np.sin(t / 3))), size // 8, color, -1)
        frames.append(frame)
    return np.stack(frames)


def mp4_bytes(frames: np.ndarray, crf: int = 18, fps: int = 8) -> bytes:
    """H.264 yuv420p MP4 (libx264, one thread: the same bytes on every machine)."""
    buf = io.BytesIO()
    with av.open(buf, "w", format="mp4") as container:
        options = {"crf": str(crf), "preset": "veryfast", "threads": "1"}
        stream = container.add_stream("libx264", rate=fps, options=options)
        stream.width, stream.height, stream.pix_fmt = frames.shape[2], frames.shape[1], "yuv420p"
        for frame in frames:
            container.mux(stream.encode(av.VideoFrame.from_ndarray(np.ascontiguousarray(frame), format="rgb24")))
        container.mux(stream.encode())
    return buf.getvalue()


def half(frames: np.ndarray) -> np.ndarray:
    return np.stack([cv2.resize(f, (f.shape[1] // 2, f.shape[0] // 2), interpolation=cv2.INTER_AREA) for f in frames])


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    d = a.astype(np.float64) - b.astype(np.float64)
    return float(10 * np.log10(255.0**2 / max(np.mean(d * d), 1e-12)))


@pytest.fixture(scope="module")
def clip() -> np.ndarray:
    return video_clip(seed=0)


@pytest.fixture(scope="module")
def marked(clip: np.ndarray, wm_key: bytes) -> np.ndarray:
    return watermark_frames(clip, WID, wm_key)


def _found(frames: np.ndarray, key: bytes) -> bool:
    det = detect_video_watermark(frames, key)
    return det.found and det.watermark_id == WID


def test_round_trip_on_frames(clip: np.ndarray, marked: np.ndarray, wm_key: bytes) -> None:
    assert marked.shape == clip.shape and marked.dtype == np.uint8
    assert psnr(clip, marked) >= 35.0
    det = detect_video_watermark(marked, wm_key)
    assert det.found and det.watermark_id == WID and det.alg == VIDEO_WATERMARK_ALG
    assert det.confidence == 1.0  # every frame reads on its own
    assert not np.shares_memory(marked, clip)


def test_survives_h264_crf28(marked: np.ndarray, wm_key: bytes) -> None:
    data = mp4_bytes(marked, crf=28)
    det = detect_watermark(data, "video/mp4", wm_key)
    assert det.found and det.watermark_id == WID and det.alg == VIDEO_WATERMARK_ALG
    assert 0.0 < det.confidence <= 1.0


def test_survives_half_size_copy(marked: np.ndarray, wm_key: bytes) -> None:
    frames, _ = decode_video_frames(mp4_bytes(marked))
    assert _found(half(frames), wm_key)


@pytest.mark.parametrize("seed", [1, 3])
def test_survives_half_size_reencoded_at_crf28(seed: int, wm_key: bytes) -> None:
    marked = watermark_frames(video_clip(seed), WID, wm_key)
    frames, _ = decode_video_frames(mp4_bytes(half(marked), crf=28))
    assert frames.shape[1:3] == (128, 128)
    assert _found(frames, wm_key)


def test_unmarked_and_wrong_key_are_not_found(clip: np.ndarray, marked: np.ndarray, wm_key: bytes) -> None:
    for seed in range(3):
        assert not detect_watermark(mp4_bytes(video_clip(seed + 10)), "video/mp4", wm_key).found
    det = detect_video_watermark(marked, b"some-other-key-0123456789abcdef")
    assert not det.found and det.confidence == 0.0


def test_hook_marks_frames_and_checks_arguments_up_front(clip: np.ndarray, wm_key: bytes) -> None:
    hook = make_frame_watermark_hook(WID, wm_key)
    assert _found(hook(clip[:4]), wm_key)
    with pytest.raises(InvalidWatermarkId):
        make_frame_watermark_hook(True, wm_key)  # type: ignore[arg-type]
    with pytest.raises(WatermarkError):
        make_frame_watermark_hook(WID, b"")


def test_bad_frames_raise_watermark_errors(clip: np.ndarray, wm_key: bytes) -> None:
    with pytest.raises(ImageTooSmall):
        watermark_frames(clip[:, :100, :100], WID, wm_key)
    with pytest.raises(WatermarkError):
        watermark_frames(clip.astype(np.float32), WID, wm_key)
    with pytest.raises(WatermarkError):
        watermark_frames(clip[0], WID, wm_key)  # one frame, not a clip
    assert not detect_video_watermark(clip[:, :32, :32], wm_key).found


def test_decode_samples_frames_evenly() -> None:
    # Frame i is flat grey 10 * i: the decoded means tell which frames came back.
    frames = np.repeat(np.arange(0, 200, 10, dtype=np.uint8)[:, None, None, None], 64, axis=1)
    frames = np.ascontiguousarray(np.broadcast_to(frames, (20, 64, 64, 3)))
    data = mp4_bytes(frames, crf=10, fps=10)
    every, fps = decode_video_frames(data)
    assert every.shape == (20, 64, 64, 3) and every.dtype == np.uint8 and fps == 10.0
    some, _ = decode_video_frames(data, max_frames=4)
    assert some.shape[0] == 4
    index = np.round(some.reshape(4, -1).mean(axis=1) / 10).astype(int)
    assert index[0] == 0 and index[-1] >= 16 and np.all(np.diff(index) >= 4)


@pytest.mark.parametrize(
    "data",
    [b"", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64, b"not a video" * 100],
)
def test_garbage_gives_unsupported_media(data: bytes, wm_key: bytes) -> None:
    with pytest.raises(UnsupportedMedia):
        decode_video_frames(data)
    with pytest.raises(UnsupportedMedia):
        detect_watermark(data, "video/mp4", wm_key)


def test_audio_file_is_not_a_video(wm_key: bytes) -> None:
    from tests.provenance.test_audio_watermark import music, wav_bytes

    with pytest.raises(UnsupportedMedia):
        detect_watermark(wav_bytes(music(seed=1, seconds=1.0), 44_100), "video/mp4", wm_key)
