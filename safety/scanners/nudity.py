"""Image nudity scanner over NudeNet's bundled 12 MB ONNX detector (~22 ms a 512² image on
one core).

NudeNet's own ``NudeDetector`` is used for its model file, preprocessing and labels only:
its session takes every core regardless of the caller's CPU affinity, and its
post-processing loops over all 2,100 anchors in Python (~5 ms). This scanner opens the
session with ``SAFETY_ONNX_THREADS`` threads and decodes the same detections with numpy.
"""

from __future__ import annotations

from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from safety.scanners.base import Scanner
from safety.scanners.image_decode import decode_rgba
from safety.scanners.ort_options import session_options

EXPOSED = frozenset({
    "FEMALE_GENITALIA_EXPOSED", "MALE_GENITALIA_EXPOSED", "FEMALE_BREAST_EXPOSED",
    "BUTTOCKS_EXPOSED", "ANUS_EXPOSED",
})
# Explicit regions weigh fully for sexual_content; exposed breasts/buttocks alone are nudity
# but only partly "sexual", so they count at a discount.
SEXUAL_WEIGHT = {"FEMALE_GENITALIA_EXPOSED": 1.0, "MALE_GENITALIA_EXPOSED": 1.0,
                 "ANUS_EXPOSED": 1.0, "FEMALE_BREAST_EXPOSED": 0.7, "BUTTOCKS_EXPOSED": 0.6}
MODEL_SIDE = 320     # the 320n model's square input
MIN_SCORE = 0.2      # NudeNet's candidate threshold ...
NMS_SCORE, NMS_IOU = 0.25, 0.45  # ... and its non-maximum suppression


def nudenet_labels() -> list[str]:
    """The 320n model's class names, in output order (NudeNet's module-level list)."""
    import nudenet.nudenet as nn

    return list(vars(nn)["__labels"])


def decode_detections(output: np.ndarray, width: int, height: int,
                      labels: list[str]) -> list[dict[str, Any]]:
    """NudeNet's post-processing, vectorised: same candidates, same float32 arithmetic,
    same NMS, same integer boxes as ``nudenet.nudenet._postprocess``."""
    import cv2

    rows = np.squeeze(output).T  # (anchors, 4 box + n classes)
    class_scores = rows[:, 4:]
    best = class_scores.max(axis=1)
    keep = best >= MIN_SCORE
    if not keep.any():
        return []
    rows, best = rows[keep], best[keep]
    class_ids = class_scores[keep].argmax(axis=1)
    side = max(width, height)  # the image was padded to a square before resizing
    x = (rows[:, 0] - rows[:, 2] / 2) * side / MODEL_SIDE
    y = (rows[:, 1] - rows[:, 3] / 2) * side / MODEL_SIDE
    w = rows[:, 2] * side / MODEL_SIDE
    h = rows[:, 3] * side / MODEL_SIDE
    x = np.clip(x, 0, width)
    y = np.clip(y, 0, height)
    w = np.minimum(w, width - x)
    h = np.minimum(h, height - y)
    boxes = np.stack([x, y, w, h], axis=1)
    kept = cv2.dnn.NMSBoxes(boxes.tolist(), best.tolist(), NMS_SCORE, NMS_IOU)
    return [{"class": labels[int(class_ids[i])], "score": float(best[i]),
             "box": [int(v) for v in boxes[i]]} for i in np.asarray(kept).reshape(-1)]


class NudityImageScanner(Scanner):
    """Scores ``nudity`` (max confidence of an exposed-region detection) and
    ``S12_sexual_content`` for PNG/JPEG/WebP/... bytes; undecodable bytes are an error."""

    name = "nudity-image"
    modality = "image"

    def __init__(self) -> None:
        super().__init__()
        self._session: Any = None
        self._input = ""
        self._labels: list[str] = []

    @property
    def version(self) -> str:
        try:
            return "nudenet:" + metadata.version("nudenet") + ":320n"
        except metadata.PackageNotFoundError:
            return "nudenet:unknown"

    def _load(self) -> None:
        import nudenet
        import onnxruntime as ort

        model = Path(nudenet.__file__).resolve().parent / f"{MODEL_SIDE}n.onnx"
        if not model.is_file():
            raise FileNotFoundError(f"NudeNet model not found: {model}")
        self._session = ort.InferenceSession(str(model), session_options(),
                                             providers=["CPUExecutionProvider"])
        self._input = self._session.get_inputs()[0].name
        self._labels = nudenet_labels()

    def detect(self, pixels: np.ndarray) -> list[dict[str, Any]]:
        """NudeNet detections ({class, score, box}) for an RGBA array."""
        from nudenet.nudenet import _read_image

        blob = _read_image(pixels, MODEL_SIDE)[0]
        output = self._session.run(None, {self._input: blob})[0]
        return decode_detections(output, int(pixels.shape[1]), int(pixels.shape[0]),
                                 self._labels)

    @staticmethod
    def decode(data: bytes) -> np.ndarray:
        """RGBA array (nudenet converts RGBA -> its BGR input), shared with the face scanner."""
        return decode_rgba(data)

    def _scores(self, content: Any) -> tuple[dict[str, float], dict[str, Any]]:
        if not isinstance(content, bytes | bytearray | memoryview):
            raise TypeError(f"expected image bytes, got {type(content).__name__}")
        pixels = self.decode(bytes(content))
        detections = self.detect(pixels)
        nudity = 0.0
        sexual = 0.0
        labels = []
        for det in detections:
            label, score = str(det["class"]), float(det["score"])
            labels.append({"label": label, "score": round(score, 4), "box": det["box"]})
            if label in EXPOSED:
                nudity = max(nudity, score)
                sexual = max(sexual, score * SEXUAL_WEIGHT[label])
        return ({"nudity": nudity, "S12_sexual_content": sexual},
                {"detections": labels, "size": [int(pixels.shape[1]), int(pixels.shape[0])]})
