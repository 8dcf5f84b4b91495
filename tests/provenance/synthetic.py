"""Deterministic synthetic test images: gradients, noise, shapes and photo-like scenes.

No image data sets are available offline, so "natural-ish" images are built from
1/f-like noise (sums of blurred noise at several scales), smooth lighting and edges.
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

KINDS = ("gradient", "noise", "shapes", "photo", "flat", "text")


def _blur_noise(rng: np.random.Generator, size: int, sigma: float, channels: int = 3) -> np.ndarray:
    small = max(2, int(size / sigma))
    base = rng.random((small, small, channels)).astype(np.float32)
    img = Image.fromarray((base * 255).astype(np.uint8)).resize((size, size), Image.BICUBIC)
    return np.asarray(img).astype(np.float32) / 255.0


def make_image(kind: str, size: int = 256, seed: int = 0) -> Image.Image:
    """One RGB image of ``kind`` (see KINDS), deterministic in ``seed``."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32) / size
    if kind == "gradient":
        c0, c1, c2 = rng.random((3, 3))
        arr = c0 * (1 - xx[..., None]) + c1 * xx[..., None] * (1 - yy[..., None]) + c2 * yy[..., None]
    elif kind == "noise":
        arr = rng.random((size, size, 3))
    elif kind == "shapes":
        img = Image.new("RGB", (size, size), tuple(int(v) for v in rng.integers(0, 256, 3)))
        draw = ImageDraw.Draw(img)
        for _ in range(12):
            x0, y0 = rng.integers(0, size, 2)
            w, h = rng.integers(size // 10, size // 2, 2)
            fill = tuple(int(v) for v in rng.integers(0, 256, 3))
            box = [int(x0), int(y0), int(x0 + w), int(y0 + h)]
            (draw.ellipse if rng.random() < 0.5 else draw.rectangle)(box, fill=fill)
        return img
    elif kind == "photo":
        arr = 0.0
        for sigma, weight in ((size / 4, 0.5), (size / 16, 0.3), (size / 64, 0.15), (2, 0.05)):
            arr = arr + weight * _blur_noise(rng, size, sigma)
        light = 0.6 + 0.4 * np.sin(np.pi * (xx * rng.random() + yy * rng.random()))[..., None]
        arr = np.clip((arr - 0.5) * 1.8 + 0.5, 0, 1) * light
    elif kind == "flat":
        arr = np.ones((size, size, 3)) * rng.random(3)
    elif kind == "text":
        img = Image.new("RGB", (size, size), "white")
        draw = ImageDraw.Draw(img)
        for row in range(0, size, 14):
            draw.text((4, row), "".join(chr(int(c)) for c in rng.integers(65, 91, 60)), fill="black")
        return img.filter(ImageFilter.SMOOTH)
    else:
        raise ValueError(kind)
    return Image.fromarray((np.clip(arr, 0, 1) * 255).astype(np.uint8), "RGB")


def encode(image: Image.Image, fmt: str = "PNG", **params: object) -> bytes:
    buf = io.BytesIO()
    image.save(buf, fmt, **params)
    return buf.getvalue()


def png(kind: str, size: int = 256, seed: int = 0) -> bytes:
    return encode(make_image(kind, size, seed))
