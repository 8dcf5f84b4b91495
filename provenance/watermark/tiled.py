"""Tiled spread-spectrum luminance watermark that resynchronises after crops and rescales.

Layout (all keyed by the service secret):

* A 32x32 grid of +-1 *chips* is turned into a smooth, band-limited, periodic
  128x128-pixel tile by zero-padding its spectrum (ideal periodic interpolation), and the
  tile is repeated over the whole luminance channel, scaled by a perceptual mask
  (stronger in texture, weaker in flat areas) so the PSNR lands on ``TARGET_PSNR``.
* 256 chips (keyed positions and signs) are a fixed *sync* pattern; the other 768
  carry the 210 bits of a rate-1/3, K=7 convolutional code of the 64-bit payload,
  each coded bit spread over 3-4 chips with keyed signs.

Detection works at half the embedding resolution (tile = 64 px):

1. candidate scales: 1.0 (untouched size), the tile period read off the autocorrelation
   of the high-passed image (a periodic pattern gives peaks at multiples of the
   period), and 0.5;
2. per scale: resample so the tile is 64 px, high-pass and locally normalise the
   luminance (removes the host image and any brightness change), fold the image onto
   one 64x64 tile (sum of all tiles, so crops are just a cyclic shift), and find the
   shift by FFT cross-correlation with the sync template (sub-pixel refined);
3. read the chips out (the adjoint of the interpolation, in the Fourier domain),
   combine them into soft coded bits and Viterbi-decode the 64 payload bits.

The caller (``image.py``) verifies the payload's keyed check bits.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np
from numpy.typing import NDArray

TILE = 128  # embedding-resolution tile side, px
WORK_TILE = 64  # tile side at the detector's working resolution
CHIPS = 32  # chips per tile side
N_CHIPS = CHIPS * CHIPS
N_SYNC = 256
INFO_BITS = 64
K = 7
GENERATORS = (0o133, 0o171, 0o165)
N_CODED = (INFO_BITS + K - 1) * len(GENERATORS)  # 210
TARGET_PSNR = 38.5
MASK_EXP = 0.3
WHITEN_SIGMA = 1.2
# Extra down-weighting of textured areas in detection (see ``_whiten``); 0 = plain
# local normalisation (v2 as first shipped). 0.8 lifts brightness +20% from 89% to 100%.
WHITEN_GAMMA = 0.8
# Sync peak (in standard deviations of the correlation surface) needed before a
# candidate scale is decoded at all. The max of 4096 Gaussian offsets is ~3.6 sigma.
SYNC_Z_MIN = 5.0
# Scales the autocorrelation search considers (tile period 128*s px in the input).
SCALE_MIN, SCALE_MAX = 0.4, 1.8

_LABEL = b"org.responsible-gen.wm.tiled.v2/layout"


# --------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class Layout:
    sync_pos: NDArray[np.intp]
    sync_sign: NDArray[np.float64]
    pay_pos: NDArray[np.intp]
    pay_sign: NDArray[np.float64]
    pay_bit: NDArray[np.intp]
    sync_tile_fft: NDArray[np.complex128]  # conj FFT of the working-resolution sync tile


@lru_cache(maxsize=16)
def layout(key: bytes) -> Layout:
    seed = int.from_bytes(hmac.new(key, _LABEL, hashlib.sha256).digest(), "big")
    rng = np.random.default_rng(seed)
    perm = rng.permutation(N_CHIPS)
    sync_pos, pay_pos = perm[:N_SYNC], perm[N_SYNC:]
    sync_sign = rng.choice([-1.0, 1.0], N_SYNC)
    pay_sign = rng.choice([-1.0, 1.0], N_CHIPS - N_SYNC)
    pay_bit = rng.permutation(np.arange(N_CHIPS - N_SYNC) % N_CODED)
    grid = np.zeros(N_CHIPS)
    grid[sync_pos] = sync_sign
    sync_tile = upsample_chips(grid.reshape(CHIPS, CHIPS), WORK_TILE)
    return Layout(sync_pos, sync_sign, pay_pos, pay_sign, pay_bit, np.conj(np.fft.fft2(sync_tile)))


def chip_grid(lay: Layout, coded: NDArray[np.uint8]) -> NDArray[np.float64]:
    grid = np.zeros(N_CHIPS)
    grid[lay.sync_pos] = lay.sync_sign
    grid[lay.pay_pos] = lay.pay_sign * (2.0 * coded[lay.pay_bit] - 1.0)
    return grid.reshape(CHIPS, CHIPS)


def _band(n: int) -> NDArray[np.intp]:
    """FFT indices of the chip band (Nyquist bin dropped) inside an n-point spectrum."""
    half = CHIPS // 2
    return np.r_[0:half, n - half + 1 : n]


def upsample_chips(grid: NDArray[np.float64], n: int) -> NDArray[np.float64]:
    """Periodic band-limited interpolation of a CHIPSxCHIPS grid onto n x n pixels."""
    spec = np.fft.fft2(grid)
    band = _band(CHIPS)
    out = np.zeros((n, n), dtype=np.complex128)
    idx = _band(n)
    out[np.ix_(idx, idx)] = spec[np.ix_(band, band)]
    return np.real(np.fft.ifft2(out)) * (n * n) / N_CHIPS


def read_chips(tile_fft: NDArray[np.complex128]) -> NDArray[np.float64]:
    """Adjoint of ``upsample_chips`` (up to scale), from the tile's spectrum."""
    n = tile_fft.shape[0]
    idx = _band(n)
    spec = np.zeros((CHIPS, CHIPS), dtype=np.complex128)
    band = _band(CHIPS)
    spec[np.ix_(band, band)] = tile_fft[np.ix_(idx, idx)]
    return np.real(np.fft.ifft2(spec)).ravel()


# --------------------------------------------------------------------------- coding


def _parity(x: NDArray[np.int64]) -> NDArray[np.int64]:
    x = x.copy()
    for s in (4, 2, 1):
        x ^= x >> s
    return x & 1


_STATES = 1 << (K - 1)
# _OUT[s, u, g]: coded bit g when input u arrives in state s (state = last K-1 inputs).
_REG = (np.arange(2)[None, :] << (K - 1)) | np.arange(_STATES)[:, None]
_OUT = np.stack([_parity(_REG & g) for g in GENERATORS], axis=-1).astype(np.float64)
_NS = np.arange(_STATES)
_PRED0 = (_NS & (_STATES // 2 - 1)) << 1
_PRED1 = _PRED0 | 1
_U = _NS >> (K - 2)


def conv_encode(bits: NDArray[np.uint8]) -> NDArray[np.uint8]:
    state, out = 0, []
    for u in list(bits) + [0] * (K - 1):
        reg = (int(u) << (K - 1)) | state
        out.extend(bin(reg & g).count("1") & 1 for g in GENERATORS)
        state = reg >> 1
    return np.array(out, dtype=np.uint8)


def viterbi(soft: NDArray[np.float64]) -> NDArray[np.uint8]:
    """Soft-decision Viterbi; ``soft > 0`` favours coded bit 1. Zero-terminated trellis."""
    y = soft.reshape(-1, len(GENERATORS))
    signs = 2.0 * _OUT - 1.0  # (states, 2, G)
    metric = np.full(_STATES, -np.inf)
    metric[0] = 0.0
    decisions = np.empty((y.shape[0], _STATES), dtype=bool)
    for t in range(y.shape[0]):
        bm = signs @ y[t]  # (states, 2)
        c0 = metric[_PRED0] + bm[_PRED0, _U]
        c1 = metric[_PRED1] + bm[_PRED1, _U]
        decisions[t] = c1 > c0
        metric = np.maximum(c0, c1)
    state, bits = 0, []
    for t in range(y.shape[0] - 1, -1, -1):
        bits.append(state >> (K - 2))
        state = _PRED1[state] if decisions[t, state] else _PRED0[state]
    return np.array(bits[::-1][:INFO_BITS], dtype=np.uint8)


# --------------------------------------------------------------------------- embed


def luminance(rgb: NDArray[np.floating] | NDArray[np.uint8]) -> NDArray[np.float32]:
    """BT.601 luma (0.299, 0.587, 0.114) as float32, from RGB in any dtype."""
    return cv2.cvtColor(np.ascontiguousarray(rgb, dtype=np.float32), cv2.COLOR_RGB2GRAY)


@lru_cache(maxsize=256)
def _tile(key: bytes, payload: bytes) -> NDArray[np.float32]:
    """The unit-RMS 128x128 tile for ``payload`` under ``key`` (cached: ids repeat in tests
    and retries; the per-key chip layout has its own cache)."""
    bits = np.unpackbits(np.frombuffer(payload, dtype=np.uint8))
    grid = chip_grid(layout(key), conv_encode(bits))
    t = upsample_chips(grid, TILE)
    t = (t / np.sqrt(np.mean(t * t))).astype(np.float32)
    t.setflags(write=False)
    return t


def perceptual_mask(y: NDArray[np.float32]) -> NDArray[np.float32]:
    """Relative embedding strength per pixel: more in texture, less in flat areas.

    Local activity is the RMS of the high-passed luma over ~4 px; being smooth, it is
    computed at half resolution (same result to within a few %, a third of the cost).
    """
    h, w = y.shape
    hp = y - cv2.GaussianBlur(y, (0, 0), 2.0)
    hh, hw = max(1, h // 2), max(1, w // 2)
    energy = cv2.resize(hp * hp, (hw, hh), interpolation=cv2.INTER_AREA)
    act = cv2.sqrt(cv2.GaussianBlur(energy, (0, 0), 2.0))
    med = float(np.median(act[::2, ::2])) + 1.0
    rel = cv2.pow(np.clip((act + 1.0) * (1.0 / med), 0.4, 2.5), MASK_EXP)
    return cv2.resize(rel, (w, h), interpolation=cv2.INTER_LINEAR)


def unit_delta(rgb: NDArray[np.uint8], payload: bytes, key: bytes) -> NDArray[np.float32]:
    """Luma change for ``payload`` (8 bytes) at unit RMS: the keyed tile pattern shaped by
    the host's texture. ``apply`` scales it to a PSNR."""
    h, w = rgb.shape[:2]
    y = luminance(rgb)
    tile = _tile(key, payload)
    pattern = np.tile(tile, (-(-h // TILE), -(-w // TILE)))[:h, :w]
    delta = perceptual_mask(y) * pattern
    rms = cv2.norm(delta) / np.sqrt(delta.size)
    return delta * np.float32(1.0 / max(rms, 1e-6))


def apply(rgb: NDArray[np.uint8], delta: NDArray[np.float32], psnr: float = TARGET_PSNR) -> NDArray[np.uint8]:
    """Add ``delta`` (unit RMS) to R, G and B equally at ``psnr`` dB (before rounding and clipping)."""
    d = delta * np.float32(255.0 / 10 ** (psnr / 20))
    return cv2.add(np.ascontiguousarray(rgb), cv2.merge((d, d, d)), dtype=cv2.CV_8U)  # rounds, saturates


def embed(rgb: NDArray[np.uint8], payload: bytes, key: bytes, psnr: float = TARGET_PSNR) -> NDArray[np.uint8]:
    """Add the keyed tile pattern for ``payload`` (8 bytes) to an RGB uint8 image at ``psnr`` dB."""
    return apply(rgb, unit_delta(rgb, payload, key), psnr)


# --------------------------------------------------------------------------- detect


@dataclass(frozen=True)
class Candidate:
    scale: float
    sync_z: float
    soft: NDArray[np.float64]  # soft coded bits, unit variance
    bits: NDArray[np.uint8]  # Viterbi-decoded payload bits
    match: float  # normalised correlation of soft bits with the re-encoded codeword


def _whiten(y: NDArray[np.float32], sigma: float | None = None) -> NDArray[np.float32]:
    """High-pass residual weighted for detection: ``hp / local**(1 + WHITEN_GAMMA)``.

    ``hp / local`` alone gives every region the same noise power; the extra
    ``local**-WHITEN_GAMMA`` is the matched-filter weight (signal over noise variance):
    textured areas, where the host drowns the mark, count less than smooth ones, where
    it reads clean. Normalised to unit RMS and clipped, so a few pixels cannot dominate.
    """
    hp = y - cv2.GaussianBlur(y, (0, 0), sigma or WHITEN_SIGMA)
    local = cv2.sqrt(cv2.GaussianBlur(hp * hp, (0, 0), 3.0)) + np.float32(1.5)
    r = hp / cv2.pow(local, 1.0 + WHITEN_GAMMA)
    rms = cv2.norm(r) / np.sqrt(r.size) + 1e-12
    return np.clip(r * np.float32(1.0 / rms), -3.0, 3.0)


def _fold(r: NDArray[np.float32], n: int) -> NDArray[np.float64]:
    h, w = r.shape
    ph, pw = -(-h // n) * n, -(-w // n) * n
    pad = np.zeros((ph, pw), dtype=np.float64)
    pad[:h, :w] = r
    return pad.reshape(ph // n, n, pw // n, n).sum(axis=(0, 2))


def scale_candidates(y: NDArray[np.float32], limit: int = 2) -> list[float]:
    """Tile periods suggested by the autocorrelation of the high-passed image."""
    h, w = y.shape
    f = 1.0
    if max(h, w) > 768:
        f = 768 / max(h, w)
        y = cv2.resize(y, (round(w * f), round(h * f)), interpolation=cv2.INTER_AREA)
    r = _whiten(y, 1.0).astype(np.float64)
    spec = np.fft.rfft2(r)
    acf = np.fft.irfft2(np.abs(spec) ** 2, s=r.shape)
    lo = int(TILE * SCALE_MIN * f)
    hi = min(int(TILE * SCALE_MAX * f), min(r.shape) * 2 // 3)
    if hi - lo < 8:
        return []
    lags = np.arange(lo - 4, hi + 5)
    prof = acf[0, lags] + acf[lags, 0] + acf[0, -lags] + acf[-lags, 0]
    prof = prof - np.convolve(prof, np.ones(9) / 9, mode="same")
    prof = prof[4:-4]
    lags = lags[4:-4]
    mad = np.median(np.abs(prof - np.median(prof))) + 1e-9
    out = []
    for i in np.argsort(prof)[::-1][: limit * 3]:
        if prof[i] < 4 * mad or i == 0 or i == len(prof) - 1:
            continue
        a, b, c = prof[i - 1], prof[i], prof[i + 1]
        off = 0.5 * (a - c) / (a - 2 * b + c) if (a - 2 * b + c) != 0 else 0.0
        s = (lags[i] + off) / (TILE * f)
        if all(abs(s - o) / o > 0.01 for o in out):
            out.append(float(s))
        if len(out) >= limit:
            break
    return out


def decode_at_scale(y: NDArray[np.float32], scale: float, key: bytes) -> Candidate | None:
    """Try to read the tile assuming the image was rescaled by ``scale`` since embedding."""
    folded = fold_at_scale(y, scale)
    return None if folded is None else decode_fold(folded, scale, key)


def fold_at_scale(y: NDArray[np.float32], scale: float) -> NDArray[np.float64] | None:
    """The whitened luma at the working resolution for ``scale``, folded onto one tile
    (None if too small). Folds of several frames of a video add up: the mark is the same
    in each, the host is not."""
    h, w = y.shape
    f = (WORK_TILE / TILE) / scale
    nh, nw = max(1, round(h * f)), max(1, round(w * f))
    if min(nh, nw) < WORK_TILE // 2:
        return None
    if abs(f - 1.0) > 1e-3:
        interp = cv2.INTER_AREA if f < 1 else cv2.INTER_LINEAR
        y = cv2.resize(y, (nw, nh), interpolation=interp)
    return _fold(_whiten(y), WORK_TILE)


def decode_fold(folded: NDArray[np.float64], scale: float, key: bytes) -> Candidate | None:
    """Synchronise on and decode a folded tile (``fold_at_scale``); None without a sync peak."""
    lay = layout(key)
    ffold = np.fft.fft2(folded)
    corr = np.real(np.fft.ifft2(ffold * lay.sync_tile_fft))
    peak = np.unravel_index(int(np.argmax(corr)), corr.shape)
    sd = float(corr.std()) + 1e-12
    z = float((corr[peak] - corr.mean()) / sd)
    if z < SYNC_Z_MIN:
        return None
    # Sub-pixel refinement (parabola through the neighbours, cyclically).
    shift = []
    for axis in (0, 1):
        p = list(peak)
        vals = []
        for d in (-1, 0, 1):
            q = p.copy()
            q[axis] = (p[axis] + d) % WORK_TILE
            vals.append(corr[tuple(q)])
        a, b, c = vals
        den = a - 2 * b + c
        shift.append(p[axis] + (0.5 * (a - c) / den if den < 0 else 0.0))
    k = np.fft.fftfreq(WORK_TILE)
    ramp = np.exp(2j * np.pi * (k[:, None] * shift[0] + k[None, :] * shift[1]))
    chips = read_chips(ffold * ramp)
    soft = np.bincount(lay.pay_bit, weights=chips[lay.pay_pos] * lay.pay_sign, minlength=N_CODED)
    soft = soft / (soft.std() + 1e-12)
    bits = viterbi(soft)
    code = 2.0 * conv_encode(bits) - 1.0
    match = float(soft @ code / (np.linalg.norm(soft) * np.sqrt(N_CODED) + 1e-12))
    return Candidate(scale, z, soft, bits, match)
