"""Shared image output code: native-resolution pixels -> upscaled PNG bytes.

Every image backend samples at its native resolution (32x32 for the demo models) and
upscales with Lanczos to the requested size (the image watermark needs >= 256 px), so the
resampler and the PNG encoding live here once.
"""

from __future__ import annotations

import io

import numpy as np
import torch
from PIL import Image

RESAMPLER = Image.Resampling.LANCZOS
RESAMPLER_NAME = "lanczos"


def to_uint8_hwc(images: torch.Tensor) -> torch.Tensor:
    """[-1, 1] float NCHW -> uint8 NHWC on the CPU."""
    return ((images.float().clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8).permute(0, 2, 3, 1).cpu()


def upscale_image(pixels: np.ndarray | torch.Tensor, width: int, height: int | None = None) -> Image.Image:
    """uint8 HxWx3 pixels -> RGB PIL image, resized with Lanczos to ``width`` x ``height`` when they differ.

    Shared by PNG output and video frames so both modalities upscale the native sample identically.
    """
    if isinstance(pixels, torch.Tensor):
        pixels = pixels.numpy()
    img = Image.fromarray(np.ascontiguousarray(pixels), "RGB")
    height = width if height is None else height
    if img.size != (width, height):
        img = img.resize((width, height), RESAMPLER)
    return img


def encode_png(pixels: np.ndarray | torch.Tensor, width: int, height: int | None = None) -> bytes:
    """uint8 HxWx3 pixels -> PNG bytes, resized with Lanczos to ``width`` x ``height`` when they differ."""
    img = upscale_image(pixels, width, height)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def encode_pil_png(img: Image.Image) -> bytes:
    """A PIL image (e.g. a diffusers pipeline output) -> PNG bytes, RGB."""
    buf = io.BytesIO()
    img.convert("RGB").save(buf, format="PNG")
    return buf.getvalue()
