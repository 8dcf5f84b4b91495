"""Video moderation with the image scanners: sample frames, scan each, keep the worst.

A clip is as unsafe as its worst frame, so each scanner's per-category score is the maximum
over the sampled frames, and the scan is "scanned" only if every sampled frame was scanned
(one frame in error makes the whole scan an error: the policy then fails closed). The details
say exactly which frames were looked at, out of how many.
"""

from __future__ import annotations

import io
from typing import Any

import numpy as np
from PIL import Image

from safety.results import Scan

DEFAULT_MAX_FRAMES = 8


class UndecodableVideo(ValueError):
    """The bytes are not a video PyAV can decode."""


def sample_frames(data: bytes, max_frames: int = DEFAULT_MAX_FRAMES) -> tuple[list[bytes], list[int], int]:
    """Up to ``max_frames`` evenly spaced frames as PNG bytes, their indices, and the frame count.

    The first and last frames are always included (a harmful frame at a cut is a classic
    evasion); the rest are spread evenly between them.
    """
    import av

    try:
        with av.open(io.BytesIO(data), mode="r") as container:
            if not container.streams.video:
                raise UndecodableVideo("no video stream")
            frames = [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]
    except UndecodableVideo:
        raise
    except Exception as exc:  # PyAV raises many error types for junk input
        raise UndecodableVideo(f"cannot decode video: {type(exc).__name__}: {exc}") from exc
    if not frames:
        raise UndecodableVideo("the video has no frames")
    total = len(frames)
    picks = sorted({int(round(i)) for i in np.linspace(0, total - 1, num=min(max_frames, total))})
    out = []
    for i in picks:
        buf = io.BytesIO()
        Image.fromarray(frames[i]).save(buf, format="PNG", compress_level=1)
        out.append(buf.getvalue())
    return out, picks, total


def combine_frame_scans(name: str, version: str, per_frame: list[Scan], indices: list[int], total: int) -> Scan:
    """One Scan for the clip from one scanner's per-frame scans (max score per category)."""
    duration = sum(s.duration_ms for s in per_frame)
    coverage = {"frames_scanned": [i for i, s in zip(indices, per_frame, strict=True) if s.status == "scanned"],
                "frames_sampled": indices, "frames_total": total}
    failed = [(i, s) for i, s in zip(indices, per_frame, strict=True) if s.status != "scanned"]
    if failed and len(failed) == len(per_frame) and all(s.status == "skipped" for _, s in failed):
        return Scan(name, version, "skipped", {}, {**failed[0][1].details, **coverage}, duration)
    if failed:
        i, s = failed[0]
        why = s.details.get("error") or s.details.get("reason") or s.status
        return Scan(name, version, "error", {}, {"error": f"frame {i}: {why}", **coverage}, duration)
    scores: dict[str, float] = {}
    worst: dict[str, int] = {}
    for i, s in zip(indices, per_frame, strict=True):
        for cat, value in s.scores.items():
            if value > scores.get(cat, -1.0):
                scores[cat], worst[cat] = float(value), i
    details: dict[str, Any] = {**coverage, "worst_frame": worst}
    flagged = {i: s.details for i, s in zip(indices, per_frame, strict=True) if any(v > 0 for v in s.scores.values())}
    if flagged:
        details["flagged_frame_details"] = {str(i): d for i, d in list(flagged.items())[:4]}
    return Scan(name, version, "scanned", scores, details, duration)
