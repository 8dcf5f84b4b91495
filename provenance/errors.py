"""Typed errors of the provenance package.

Callers (the server's verify endpoint, the pipeline) map these onto client
errors; nothing a client can upload should surface as a generic exception.
"""

from __future__ import annotations


class ProvenanceError(Exception):
    """Base class for every error raised by ``provenance``."""


class UnsupportedMedia(ProvenanceError):
    """The bytes are not a decodable item of a supported media type."""


class WatermarkError(ProvenanceError):
    """Watermark embedding or detection cannot be done on this input."""


class ImageTooSmall(WatermarkError):
    """The image has too few pixels to carry the watermark payload."""


class InvalidWatermarkId(WatermarkError, ValueError):
    """The watermark id is outside the 48-bit range the payload carries."""


class IdentityError(ProvenanceError):
    """The signing identity on disk is missing, unreadable or inconsistent."""


class SigningError(ProvenanceError):
    """C2PA signing failed (bad certificate, unsupported format, ...)."""
