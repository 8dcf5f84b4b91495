"""Image nudity scanner over NudeNet's bundled 12 MB ONNX detector (~20 ms a 512² image)."""

from __future__ import annotations

import io
from importlib import metadata
from typing import Any

import numpy as np

from safety.scanners.base import Scanner

EXPOSED = frozenset({
    "FEMALE_GENITALIA_EXPOSED", "MALE_GENITALIA_EXPOSED", "FEMALE_BREAST_EXPOSED",
    "BUTTOCKS_EXPOSED", "ANUS_EXPOSED",
})
# Explicit regions weigh fully for sexual_content; exposed breasts/buttocks alone are nudity
# but only partly "sexual", so they count at a discount.
SEXUAL_WEIGHT = {"FEMALE_GENITALIA_EXPOSED": 1.0, "MALE_GENITALIA_EXPOSED": 1.0,
                 "ANUS_EXPOSED": 1.0, "FEMALE_BREAST_EXPOSED": 0.7, "BUTTOCKS_EXPOSED": 0.6}
MAX_PIXELS = 64_000_000  # refuse decompression bombs before handing pixels to the model


class NudityImageScanner(Scanner):
    """Scores ``nudity`` (max confidence of an exposed-region detection) and
    ``S12_sexual_content`` for PNG/JPEG/WebP/... bytes; undecodable bytes are an error."""

    name = "nudity-image"
    modality = "image"

    def __init__(self) -> None:
        super().__init__()
        self._detector: Any = None

    @property
    def version(self) -> str:
        try:
            return "nudenet:" + metadata.version("nudenet") + ":320n"
        except metadata.PackageNotFoundError:
            return "nudenet:unknown"

    def _load(self) -> None:
        from nudenet import NudeDetector

        self._detector = NudeDetector()

    @staticmethod
    def decode(data: bytes) -> np.ndarray:
        """Decode with Pillow to an RGBA array (nudenet converts RGBA -> its BGR input).

        Pillow rather than nudenet's cv2 path, because cv2 mis-handles grayscale, palette
        and 16-bit images, and Pillow lets us cap the pixel count.
        """
        from PIL import Image

        with Image.open(io.BytesIO(data)) as img:
            if img.width * img.height > MAX_PIXELS:
                raise ValueError(f"image too large: {img.width}x{img.height}")
            img.load()
            return np.ascontiguousarray(np.asarray(img.convert("RGBA")))

    def _scores(self, content: Any) -> tuple[dict[str, float], dict[str, Any]]:
        if not isinstance(content, bytes | bytearray | memoryview):
            raise TypeError(f"expected image bytes, got {type(content).__name__}")
        pixels = self.decode(bytes(content))
        detections = self._detector.detect(pixels)
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
