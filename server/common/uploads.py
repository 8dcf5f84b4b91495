"""Hostile-file guard for uploads (verification and moderation), run before any library decodes them.

What a file is comes from its bytes, never the client's content type. Images have their declared
dimensions checked from the header *before* any pixel is decoded (decompression bombs, enormous
dimensions), then are decoded once, bounded by that pixel limit, so a truncated or corrupt image is a
clear 400 here rather than an error deep inside a scanner or the C2PA reader. WAV and MP4
containers get a structural check of their header; an MP3 must decode at least one frame.
"""

from __future__ import annotations

import io
import struct
import warnings

from django.conf import settings
from PIL import Image, UnidentifiedImageError

from server.verification.sniff import sniff_mime

IMAGE_MIMES = {"image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WEBP"}
# A PIL-wide ceiling too: any decode in this process refuses bombs, whoever calls it.
Image.MAX_IMAGE_PIXELS = settings.UPLOAD_MAX_PIXELS


class UploadRejected(Exception):
    def __init__(self, message: str, *, status_code: int = 400, code: str = "unreadable_content"):
        super().__init__(message)
        self.message, self.status_code, self.code = message, status_code, code


def inspect_upload(data: bytes, *, allowed: set[str] | frozenset[str], what: str = "file") -> str:
    """The sniffed mime of ``data`` if it is allowed and structurally sound; UploadRejected otherwise."""
    if len(data) > settings.VERIFY_MAX_BYTES:
        raise UploadRejected(f"{what}s up to {settings.VERIFY_MAX_BYTES} bytes are accepted", status_code=413,
                             code="too_large")
    if not data:
        raise UploadRejected(f"the {what} is empty", code="invalid_request")
    mime = sniff_mime(data)
    if mime is None or mime not in allowed:
        raise UploadRejected(f"unsupported {what} type{f' ({mime})' if mime else ''}: send "
                             f"{', '.join(sorted(allowed))}", status_code=415, code="unsupported_media_type")
    if mime in IMAGE_MIMES:
        _check_image(data, mime)
    elif mime == "audio/wav":
        _check_wav(data)
    elif mime == "video/mp4":
        _check_mp4(data)
    elif mime == "audio/mpeg":
        _check_mp3(data)
    return mime


def _check_image(data: bytes, mime: str) -> None:
    limit = settings.UPLOAD_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[IMAGE_MIMES[mime]])  # reads the header only
            width, height = image.size
            if width < 1 or height < 1:
                raise UploadRejected(f"the {mime} declares an empty image ({width}x{height})")
            if width * height > limit:
                raise UploadRejected(f"the image is {width}x{height} pixels; at most {limit} pixels are accepted",
                                     status_code=413, code="image_too_large")
            image.load()  # a full decode, bounded by the check above
    except UploadRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise UploadRejected(f"the image declares too many pixels ({exc})", status_code=413,
                             code="image_too_large") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError,
            TypeError, MemoryError) as exc:
        raise UploadRejected(f"the {mime} file cannot be decoded (truncated or corrupt): "
                             f"{type(exc).__name__}") from exc


def _check_wav(data: bytes) -> None:
    import wave

    try:
        with wave.open(io.BytesIO(data)) as handle:
            frames = handle.getnframes() * handle.getsampwidth() * handle.getnchannels()
            if frames > len(data):
                raise UploadRejected("the audio/wav file is truncated: its header declares more samples than sent")
    except UploadRejected:
        raise
    except (wave.Error, EOFError, struct.error, ValueError) as exc:
        raise UploadRejected(f"the audio/wav file cannot be decoded: {exc}") from exc


def _check_mp3(data: bytes) -> None:
    """An MP3 header is three bytes; only a decoded frame shows the rest is audio."""
    import av

    try:
        with av.open(io.BytesIO(data), mode="r", format="mp3") as container:
            if not container.streams.audio:
                raise UploadRejected("the audio/mpeg file has no audio stream")
            for _ in container.decode(audio=0):
                return
    except UploadRejected:
        raise
    except Exception as exc:  # PyAV's own error types for junk bytes
        raise UploadRejected(f"the audio/mpeg file cannot be decoded: {type(exc).__name__}") from exc
    raise UploadRejected("the audio/mpeg file holds no decodable audio frame")


def _check_mp4(data: bytes) -> None:
    """Walk the top-level boxes: every declared size must fit in what was sent."""
    offset = 0
    while offset < len(data):
        if len(data) - offset < 8:
            raise UploadRejected("the video/mp4 file is truncated inside a box header")
        size, _ = struct.unpack(">I4s", data[offset:offset + 8])
        header = 8
        if size == 1:
            if len(data) - offset < 16:
                raise UploadRejected("the video/mp4 file is truncated inside a box header")
            size = struct.unpack(">Q", data[offset + 8:offset + 16])[0]
            header = 16
        elif size == 0:
            size = len(data) - offset
        if size < header or offset + size > len(data):
            raise UploadRejected("the video/mp4 file is truncated or corrupt: a box runs past the end of the file")
        offset += size
