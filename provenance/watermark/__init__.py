"""Invisible watermarks: images (tiled spread-spectrum, v2) and text (keyed green list)."""

from provenance.watermark.image import ALG, Detection, detect_watermark, embed_watermark
from provenance.watermark.text import TextDetection, detect_text_watermark, make_text_watermark_processor

__all__ = [
    "ALG",
    "Detection",
    "TextDetection",
    "detect_text_watermark",
    "detect_watermark",
    "embed_watermark",
    "make_text_watermark_processor",
]
