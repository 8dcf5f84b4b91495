"""The direct PNG writer used for watermarked output: exact, standard, compact."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from provenance.watermark.image import encode_png
from tests.provenance.synthetic import encode, make_image


@pytest.mark.parametrize("shape", [(1, 1), (3, 700), (257, 300)])
@pytest.mark.parametrize("with_alpha", [False, True])
def test_round_trip_is_exact(shape: tuple[int, int], with_alpha: bool) -> None:
    rng = np.random.default_rng(sum(shape))
    rgb = rng.integers(0, 256, (*shape, 3), dtype=np.uint8)
    alpha = rng.integers(0, 256, shape, dtype=np.uint8) if with_alpha else None
    img = Image.open(io.BytesIO(encode_png(rgb, alpha)))
    img.load()  # verifies CRCs and the zlib stream
    assert img.format == "PNG" and img.size == (shape[1], shape[0])
    assert img.mode == ("RGBA" if with_alpha else "RGB")
    px = np.asarray(img)
    assert np.array_equal(px[..., :3], rgb)
    if with_alpha:
        assert np.array_equal(px[..., 3], alpha)


def test_not_larger_than_pillow_on_a_photo() -> None:
    rgb = np.asarray(make_image("photo", 256, seed=3))
    noisy = np.clip(rgb + np.random.default_rng(0).normal(0, 3, rgb.shape), 0, 255).astype(np.uint8)
    ours = encode_png(noisy)
    assert len(ours) <= 1.05 * len(encode(Image.fromarray(noisy), "PNG", compress_level=3))
