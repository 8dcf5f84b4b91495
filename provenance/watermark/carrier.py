"""Vectorised dwtDctSvd carrier (invisible-watermark's algorithm, without its flaws).

The bit layout is exactly ``imwatermark.dwtDctSvd.EmbedDwtDctSvd`` with its defaults
(U channel of YUV, Haar DWT LL band, 4x4 blocks row-major, bit ``i % n`` in block
``i``, the first singular value of the block's DCT quantised with step 36), so
images marked here decode with the upstream decoder and vice versa. What differs:

* numpy-batched DCT/SVD instead of a Python loop per block (about 10x faster);
* the colour round trip stays in floating point and rounds once, where upstream
  truncates to uint8 twice;
* the detail bands go back unswapped (upstream swaps H and V, costing 3-4 dB PSNR);
* the decoder returns soft per-bit scores, so the caller can judge bit reliability.
"""

from __future__ import annotations

import numpy as np
import pywt
from numpy.typing import NDArray

BLOCK = 4
SCALE = 36.0


def _dct_matrix(n: int) -> NDArray[np.float64]:
    """Orthonormal DCT-II matrix; ``D @ X @ D.T`` equals ``cv2.dct(X)``."""
    k = np.arange(n)[:, None]
    i = np.arange(n)[None, :]
    d = np.cos(np.pi * (2 * i + 1) * k / (2 * n)) * np.sqrt(2.0 / n)
    d[0, :] = np.sqrt(1.0 / n)
    return d


_D = _dct_matrix(BLOCK)

# OpenCV's BGR <-> YUV (BT.601, as used by cv2.COLOR_BGR2YUV / COLOR_YUV2BGR).
_Y = np.array([0.114, 0.587, 0.299])  # weights on B, G, R
_U_GAIN = 0.492
# Change of B, G, R per unit change of U with Y and V held (COLOR_YUV2BGR coefficients).
_DU_TO_BGR = np.array([2.032, -0.395, 0.0])
# Gradient of U with respect to (B, G, R).
_U_GRAD = _U_GAIN * (np.array([1.0, 0.0, 0.0]) - _Y)


def _u_channel(bgr: NDArray[np.float64]) -> NDArray[np.float64]:
    y = bgr @ _Y
    return (bgr[..., 0] - y) * _U_GAIN + 128.0


def _blocks(frame: NDArray[np.float64]) -> tuple[NDArray[np.float64], tuple[int, int]]:
    rows, cols = frame.shape[0] // BLOCK, frame.shape[1] // BLOCK
    view = frame[: rows * BLOCK, : cols * BLOCK].reshape(rows, BLOCK, cols, BLOCK)
    return view.transpose(0, 2, 1, 3).reshape(-1, BLOCK, BLOCK), (rows, cols)


def _unblocks(blocks: NDArray[np.float64], grid: tuple[int, int], frame: NDArray[np.float64]) -> None:
    rows, cols = grid
    frame[: rows * BLOCK, : cols * BLOCK] = (
        blocks.reshape(rows, cols, BLOCK, BLOCK).transpose(0, 2, 1, 3).reshape(rows * BLOCK, cols * BLOCK)
    )


def capacity_blocks(height: int, width: int) -> int:
    """Number of 4x4 blocks (each carries one bit vote) in an image of this size."""
    return ((height // 4 * 4) // 2 // BLOCK) * ((width // 4 * 4) // 2 // BLOCK)


def encode(bgr: NDArray[np.uint8], bits: NDArray[np.uint8]) -> NDArray[np.uint8]:
    """Embed ``bits`` (0/1, repeated over all blocks) into a BGR uint8 image."""
    img = bgr.astype(np.float64)
    rows, cols = img.shape[0] // 4 * 4, img.shape[1] // 4 * 4
    u = _u_channel(img[:rows, :cols])
    ll, (h, v, d) = pywt.dwt2(u, "haar")
    blocks, grid = _blocks(ll)
    n = blocks.shape[0]
    coeffs = _D @ blocks @ _D.T
    uu, s, vh = np.linalg.svd(coeffs)
    wm = np.resize(bits.astype(np.float64), n)
    s[:, 0] = (np.floor(s[:, 0] / SCALE) + 0.25 + 0.5 * wm) * SCALE
    marked = _D.T @ ((uu * s[:, None, :]) @ vh) @ _D
    _unblocks(marked, grid, ll)
    delta_u = pywt.idwt2((ll, (h, v, d)), "haar") - u
    img[:rows, :cols] = _apply_delta_u(img[:rows, :cols], delta_u)
    return np.clip(np.rint(img), 0, 255).astype(np.uint8)


def _apply_delta_u(bgr: NDArray[np.float64], delta_u: NDArray[np.float64]) -> NDArray[np.float64]:
    """Change U by ``delta_u`` per pixel, in chroma only where the gamut allows.

    Holding Y and V (upstream's choice) fails at saturated pixels (white paper, black
    text, sky): the B channel cannot move past 0 or 255 and those blocks lose their
    bit. What clipping leaves undone is redistributed, least-squares, over the
    channels that can still move in the useful direction.
    """
    out = bgr + delta_u[..., None] * _DU_TO_BGR
    clipped = ((out < 0.0) | (out > 255.0)).any(axis=-1)
    if not clipped.any():
        return out
    # Only the (usually few) clipped pixels need the slow path.
    orig, target = bgr[clipped], delta_u[clipped]
    fix = np.clip(out[clipped], 0.0, 255.0)
    for _ in range(2):
        residual = target - (fix - orig) @ _U_GRAD
        step = np.sign(residual)[:, None] * _U_GRAD
        free = ((step > 0) & (fix < 255.0)) | ((step < 0) & (fix > 0.0))
        grad = np.where(free, _U_GRAD, 0.0)
        norm = np.maximum((grad * grad).sum(axis=-1, keepdims=True), 1e-9)
        fix = np.clip(fix + grad * (residual[:, None] / norm), 0.0, 255.0)
    out[clipped] = fix
    return out


def decode_soft(bgr: NDArray[np.uint8], n_bits: int) -> NDArray[np.float64]:
    """Soft scores in [-1, 1] per payload bit: > 0 reads as 1, magnitude is agreement.

    Each block's quantisation phase votes ``-cos(2*pi*(phase - 0.25))``: +1 at the
    bit-1 lattice point, -1 at the bit-0 point, 0 half-way. Averaging these is the
    soft version of upstream's majority vote.
    """
    rows, cols = bgr.shape[0] // 4 * 4, bgr.shape[1] // 4 * 4
    # Decode from the 8-bit YUV that upstream sees (rounded chroma), to stay compatible.
    u = np.rint(_u_channel(bgr[:rows, :cols].astype(np.float64)))
    ll, _ = pywt.dwt2(u, "haar")
    blocks, _grid = _blocks(ll)
    s0 = np.linalg.svd(_D @ blocks @ _D.T, compute_uv=False)[:, 0]
    phase = np.mod(s0, SCALE) / SCALE
    votes = -np.cos(2 * np.pi * (phase - 0.25))
    idx = np.arange(votes.shape[0]) % n_bits
    sums = np.bincount(idx, weights=votes, minlength=n_bits)
    counts = np.bincount(idx, minlength=n_bits)
    return sums / np.maximum(counts, 1)
