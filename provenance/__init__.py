"""Provenance for generated content: invisible watermarks and C2PA Content Credentials.

Images, text, audio and video are watermarked; ``detect_watermark`` reads images, WAV/MP3
and MP4 files alike.

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
from provenance.media import decode_audio, decode_video_frames
from provenance.watermark.audio import ALG as AUDIO_WATERMARK_ALG
from provenance.watermark.audio import detect_audio_watermark, embed_audio_watermark, make_audio_watermark_hook
from provenance.watermark.image import ALG as WATERMARK_ALG
from provenance.watermark.image import MAX_ID as MAX_WATERMARK_ID
from provenance.watermark.image import Detection, detect_watermark, embed_watermark
from provenance.watermark.text import ALG as TEXT_WATERMARK_ALG
from provenance.watermark.text import TextDetection, detect_text_watermark, make_text_watermark_processor
from provenance.watermark.video import ALG as VIDEO_WATERMARK_ALG
from provenance.watermark.video import detect_video_watermark, make_frame_watermark_hook, watermark_frames

__all__ = [
    "AUDIO_WATERMARK_ALG",
    "MAX_WATERMARK_ID",
    "SERVICE_ASSERTION",
    "TRAINED_ALGORITHMIC_MEDIA",
    "VIDEO_WATERMARK_ALG",
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
    "decode_audio",
    "decode_video_frames",
    "detect_audio_watermark",
    "detect_text_watermark",
    "detect_video_watermark",
    "detect_watermark",
    "embed_audio_watermark",
    "embed_watermark",
    "make_audio_watermark_hook",
    "make_frame_watermark_hook",
    "make_text_watermark_processor",
    "read",
    "sign",
    "watermark_frames",
]
