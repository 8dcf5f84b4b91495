"""Canonical MIME types, shared by the watermark detectors and C2PA signing.

Uploads and generators spell the same format several ways (``audio/x-wav``, ``audio/mp3``,
``image/jpg``); everything downstream compares against one spelling.
"""

from __future__ import annotations

_ALIASES = {
    "image/jpg": "image/jpeg",
    "image/pjpeg": "image/jpeg",
    "image/x-png": "image/png",
    "audio/x-wav": "audio/wav",
    "audio/wave": "audio/wav",
    "audio/vnd.wave": "audio/wav",
    "audio/mp3": "audio/mpeg",
    "audio/x-mp3": "audio/mpeg",
    "audio/mpeg3": "audio/mpeg",
    "audio/x-mpeg": "audio/mpeg",
}

AUDIO_MIMES = frozenset({"audio/wav", "audio/mpeg"})
VIDEO_MIMES = frozenset({"video/mp4"})


def normalize_mime(mime: str) -> str:
    """Lower-cased MIME type without parameters, aliases mapped to one spelling."""
    mime = (mime or "").split(";", 1)[0].strip().lower()
    return _ALIASES.get(mime, mime)
