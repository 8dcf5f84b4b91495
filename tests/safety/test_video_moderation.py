"""Video output moderation: image scanners on sampled frames, worst frame decides, fail closed."""

from __future__ import annotations

import io

import av
import numpy as np
from PIL import Image

from safety import Policy, SafetyEngine, Scanner
from safety.video import sample_frames


def mp4(frames: np.ndarray, fps: int = 8) -> bytes:
    buf = io.BytesIO()
    with av.open(buf, mode="w", format="mp4") as out:
        stream = out.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = frames.shape[2], frames.shape[1], "yuv420p"
        stream.options = {"crf": "18"}
        for f in frames:
            for packet in stream.encode(av.VideoFrame.from_ndarray(f, format="rgb24")):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return buf.getvalue()


class RedFrames(Scanner):
    """Flags frames that are mostly red as 'graphic_violence' (a model-free stand-in for a real detector)."""

    name = "red-frames"
    modality = "image"

    @property
    def version(self) -> str:
        return "1"

    def _load(self) -> None:
        return None

    def _scores(self, content):
        rgb = np.asarray(Image.open(io.BytesIO(content)).convert("RGB"), dtype=np.float32)
        red = float(np.mean((rgb[..., 0] > 180) & (rgb[..., 1] < 80)))
        return {"graphic_violence": red}, {"red_fraction": round(red, 3)}


POLICY = Policy.from_dict({
    "name": "video-test",
    "thresholds": {"graphic_violence": {"review": 0.5, "block": 0.9}},
    "required": {"prompt": {"*": []}, "output": {"video": ["red-frames"], "*": []}},
})


def clip(n: int = 16, red_at: int | None = None) -> np.ndarray:
    frames = np.zeros((n, 64, 64, 3), dtype=np.uint8)
    frames[..., 2] = 160  # blue
    frames[..., 1] = np.linspace(40, 200, n, dtype=np.uint8)[:, None, None]
    if red_at is not None:
        frames[red_at] = (230, 20, 20)
    return frames


def test_sample_frames_includes_first_and_last():
    frames, indices, total = sample_frames(mp4(clip(20)), max_frames=5)
    assert total == 20 and indices[0] == 0 and indices[-1] == 19 and len(frames) == len(indices) == 5
    assert Image.open(io.BytesIO(frames[0])).size == (64, 64)


def test_benign_clip_is_allowed_and_says_what_was_scanned():
    engine = SafetyEngine(POLICY, scanners=[RedFrames()], video_frames=4)
    v = engine.scan_output(mp4(clip()), "video/mp4")
    assert v.decision == "allow"
    (scan,) = v.scans
    assert scan.status == "scanned"
    assert scan.details["frames_total"] == 16 and scan.details["frames_scanned"] == scan.details["frames_sampled"]
    assert len(scan.details["frames_sampled"]) == 4


def test_one_bad_frame_at_the_end_blocks_the_clip():
    engine = SafetyEngine(POLICY, scanners=[RedFrames()], video_frames=4)
    v = engine.scan_output(mp4(clip(red_at=15)), "video/mp4")
    assert v.decision == "block" and v.categories == ["graphic_violence"]
    assert v.scans[0].details["worst_frame"]["graphic_violence"] == 15


def test_undecodable_video_fails_closed():
    engine = SafetyEngine(POLICY, scanners=[RedFrames()])
    v = engine.scan_output(b"\x00\x00\x00\x18ftypmp42 not a video", "video/mp4")
    assert v.decision == "block"
    assert v.scans[0].status == "error" and "decode" in v.scans[0].details["error"]
    assert any("red-frames did not run" in r for r in v.reasons)


def test_default_engine_scans_video_frames_with_nudenet(engine):
    v = engine.scan_output(mp4(clip(8)), "video/mp4", context={"prompt": "a blue sky"})
    nudity = next(s for s in v.scans if s.scanner == "nudity-image")
    assert nudity.status == "scanned" and nudity.details["frames_total"] == 8
    assert {s.status for s in v.scans if s.scanner in ("text-classifier", "rules")} == {"skipped"}
    assert v.decision == "allow"
