"""Provenance for generated content: invisible watermarks and C2PA Content Credentials.

Plain Python on purpose (no Django, no generation/ or safety/ imports), so workers,
the server and offline verifiers share one implementation.
"""

from provenance.c2pa_manifest import (
    SERVICE_ASSERTION,
    TRAINED_ALGORITHMIC_MEDIA,
    ManifestFacts,
    ManifestReport,
    SignedItem,
    build_manifest,
    read,
    sign,
)
from provenance.errors import (
    IdentityError,
    ImageTooSmall,
    InvalidWatermarkId,
    ProvenanceError,
    SigningError,
    UnsupportedMedia,
    WatermarkError,
)
from provenance.keys import SigningIdentity
from provenance.watermark.image import ALG as WATERMARK_ALG
from provenance.watermark.image import MAX_ID as MAX_WATERMARK_ID
from provenance.watermark.image import Detection, detect_watermark, embed_watermark
from provenance.watermark.text import ALG as TEXT_WATERMARK_ALG
from provenance.watermark.text import TextDetection, detect_text_watermark, make_text_watermark_processor

__all__ = [
    "MAX_WATERMARK_ID",
    "SERVICE_ASSERTION",
    "TRAINED_ALGORITHMIC_MEDIA",
    "WATERMARK_ALG",
    "Detection",
    "IdentityError",
    "ImageTooSmall",
    "InvalidWatermarkId",
    "ManifestFacts",
    "ManifestReport",
    "ProvenanceError",
    "SignedItem",
    "SigningError",
    "SigningIdentity",
    "TEXT_WATERMARK_ALG",
    "TextDetection",
    "UnsupportedMedia",
    "WatermarkError",
    "build_manifest",
    "detect_text_watermark",
    "detect_watermark",
    "embed_watermark",
    "make_text_watermark_processor",
    "read",
    "sign",
]
