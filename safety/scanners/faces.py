"""Face detection (OpenCV Haar cascades) feeding the deepfake policy.

Scores ``deepfake_impersonation`` only when both halves are present: a clearly visible
face in the output *and* a prompt (``context["prompt"]``) naming a real person. Without a
prompt it still reports faces in ``details`` (face count, largest face fraction) so a
reviewer sees them, but scores 0.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from safety.scanners.base import Scanner
from safety.scanners.nudity import NudityImageScanner
from safety.scanners.people import find_real_people

CASCADE = "haarcascade_frontalface_default.xml"
MIN_FACE_FRACTION = 0.02  # a face must cover >= 2 % of the image to count as prominent
# Only prominent faces matter, so detection runs on a 224-pixel thumbnail and skips windows
# smaller than ~80 % of a 2 % face's side (Haar boxes vary in size). A 2 % face is then
# >= 25 px, above the cascade's 24 px window; this is ~2x faster than 320 px with 8 % windows.
DETECT_SIDE = 224
MIN_WINDOW_FRACTION = 0.8 * MIN_FACE_FRACTION ** 0.5


class FaceScanner(Scanner):
    """Counts faces; with a real-person prompt, a prominent face scores deepfake."""

    name = "faces"
    modality = "image"

    def __init__(self, cascade_path: str | Path | None = None):
        super().__init__()
        self.cascade_path = cascade_path
        self._cascade: Any = None

    @property
    def version(self) -> str:
        import cv2

        return f"opencv-haar:{cv2.__version__}:{Path(self._path()).name}"

    def _path(self) -> str:
        if self.cascade_path:
            return str(self.cascade_path)
        import cv2

        return str(Path(cv2.data.haarcascades) / CASCADE)

    def _load(self) -> None:
        import cv2

        path = self._path()
        if not Path(path).is_file():
            raise FileNotFoundError(f"Haar cascade not found: {path}")
        cascade = cv2.CascadeClassifier(path)
        if cascade.empty():
            raise ValueError(f"cannot load Haar cascade {path}")
        self._cascade = cascade

    def detect(self, data: bytes) -> tuple[list[list[int]], tuple[int, int]]:
        """Face boxes [x, y, w, h] in original pixels, and (width, height)."""
        import cv2

        rgba = NudityImageScanner.decode(bytes(data))
        h, w = rgba.shape[:2]
        gray = cv2.cvtColor(np.ascontiguousarray(rgba[:, :, :3]), cv2.COLOR_RGB2GRAY)
        scale = min(1.0, DETECT_SIDE / max(h, w))
        if scale < 1.0:
            gray = cv2.resize(gray, (int(w * scale), int(h * scale)),
                              interpolation=cv2.INTER_AREA)
        gray = cv2.equalizeHist(gray)
        min_side = max(24, int(min(gray.shape[:2]) * MIN_WINDOW_FRACTION))
        boxes = self._cascade.detectMultiScale(gray, scaleFactor=1.15, minNeighbors=5,
                                               minSize=(min_side, min_side))
        out = [[int(v / scale) for v in box] for box in (boxes if len(boxes) else [])]
        return out, (w, h)

    def _scores(self, content: Any) -> tuple[dict[str, float], dict[str, Any]]:
        return self._scores_in_context(content, {})

    def _scores_in_context(self, content: Any,
                           context: dict[str, Any]) -> tuple[dict[str, float], dict[str, Any]]:
        if not isinstance(content, bytes | bytearray | memoryview):
            raise TypeError(f"expected image bytes, got {type(content).__name__}")
        boxes, (w, h) = self.detect(bytes(content))
        largest = max((bw * bh for _, _, bw, bh in boxes), default=0) / float(w * h)
        people = find_real_people(str(context.get("prompt") or ""))
        score = 0.0
        if people and boxes and largest >= MIN_FACE_FRACTION:
            # Larger faces read as portraits of that person: 0.7 (review) .. 0.9.
            score = 0.7 + 0.2 * min(1.0, largest / 0.15)
        return ({"deepfake_impersonation": score},
                {"face_count": len(boxes), "largest_face_fraction": round(largest, 4),
                 "boxes": boxes, "real_people": people,
                 "prompt_seen": "prompt" in context})
