"""Decode an image once for all the image scanners that look at it.

The nudity and face scanners run side by side (in threads) on the same bytes, and each used
to decode the PNG itself (~6 ms for a 512x512 image on one core). A two-entry cache keyed by
the bytes hands every scanner the same read-only array; a scanner that asks while another is
still decoding the same bytes waits for that decode instead of starting its own.
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from concurrent.futures import Future

import numpy as np

MAX_PIXELS = 64_000_000  # refuse decompression bombs before handing pixels to a model
_CACHE_SIZE = 2
# A decoded image larger than this is shared only with the scanners already waiting for it,
# not kept: a worker should not hold a 256 MB array until two more images pass.
MAX_KEPT_BYTES = 64 * 1024 * 1024
_cache: OrderedDict[bytes, Future] = OrderedDict()
_lock = threading.Lock()


def _decode(data: bytes) -> np.ndarray:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        if img.width * img.height > MAX_PIXELS:
            raise ValueError(f"image too large: {img.width}x{img.height}")
        img.load()
        pixels = np.ascontiguousarray(np.asarray(img.convert("RGBA")))
    pixels.flags.writeable = False
    return pixels


def decode_rgba(data: bytes) -> np.ndarray:
    """RGBA pixels (height, width, 4), uint8, read-only; decoded with Pillow, which handles
    grayscale, palette and 16-bit images that cv2 mis-reads, and lets us cap the pixel count.
    A decoding error reaches every caller of the same bytes and is not cached."""
    data = bytes(data)
    with _lock:
        future = _cache.get(data)
        owner = future is None
        if owner:
            future = _cache[data] = Future()
            while len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
        else:
            _cache.move_to_end(data)
    if owner:
        keep = False
        try:
            pixels = _decode(data)
            keep = pixels.nbytes <= MAX_KEPT_BYTES
            future.set_result(pixels)
        except BaseException as exc:
            future.set_exception(exc)
        finally:
            if not keep:  # errors are not cached, nor are very large images
                with _lock:
                    if _cache.get(data) is future:
                        del _cache[data]
    return future.result()
