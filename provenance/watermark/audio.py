"""Keyed spread-spectrum audio watermark carrying the same 48-bit id + check as images.

Payload: exactly the image watermark's (``image.py``): ``id (48) || HMAC check (16)``
under a keyed mask, rate-1/3 K=7 convolutional code (``tiled.conv_encode`` /
``tiled.viterbi``): 210 coded bits.

Carrier, at a fixed 16 kHz analysis rate whatever the input rate:

* STFT with 8 ms frames (128 points, hop 4 ms). The band ``BAND_HZ`` (0.5-6 kHz: kept by
  MP3 and by resampling down to 16 kHz) is cut into *chips* of ``CHIP_FRAMES`` frame x
  ``CHIP_BINS`` bins (4 ms x 250 Hz). Short frames matter: over 4 ms the host's spectrum
  barely changes, so after whitening far less of it correlates with the chips than with
  32 ms frames (measured: ~6x the detection SNR at the same mark energy).
* A keyed tile of ``TILE_FRAMES`` frames (0.51 s) x 22 chip columns = 2816 chips:
  ``N_SYNC`` sync chips with keyed signs, the rest carry the coded bits (each on 11
  chips, keyed positions and signs). The tile repeats over the whole clip.
* Embedding scales each band cell's magnitude by ``1 + alpha * chip`` (phase kept): the
  mark follows the music's own spectral envelope (it is quiet where the music is). The
  change is built at 16 kHz (sqrt-Hann analysis/synthesis, perfect reconstruction),
  resampled to the input rate and added to every channel. ``alpha`` puts it
  ``EMBED_SNRS[0]`` dB under the host, stronger if it does not read back with margin.

Detection resamples the mono mix to 16 kHz and, for each of ``SUB_HOPS`` sample offsets
(a trim rarely lands on the 4 ms grid), takes log magnitudes (a volume change is a
constant offset), removes the host (running mean over 36 ms per bin, then each frame's
mean over the band), divides by the local variance (the matched-filter weight: cells
where the host fluctuates count less) and folds all tiles onto one, so a trim becomes a
cyclic shift, found by FFT cross-correlation with the sync template. The strongest peaks
are decoded (chips -> soft coded bits -> Viterbi); ``found`` needs a sync peak of
``SYNC_Z_MIN`` sigma, a codeword match of ``MATCH_MIN`` and the keyed 16-bit check.
``confidence`` is, as for images, 1 - decodes * 2**-16.

Limits: the host needs content in 0.5-6 kHz (a pure low tone or silence carries nothing);
clips under ``MIN_SECONDS``; time stretching or pitch shifting are not searched for.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from math import gcd

import numpy as np
from numpy.typing import NDArray
from scipy.ndimage import uniform_filter, uniform_filter1d
from scipy.signal import resample_poly

from provenance.errors import WatermarkError
from provenance.watermark import tiled
from provenance.watermark.image import (
    CHECK_BITS,
    Detection,
    _check_id,
    _check_key,
    _payload_bits,
    _verify_bits,
)

ALG = "org.responsible-gen.wm.audio-stft-ss.v1"
RATE = 16_000  # analysis rate, Hz
N_FFT = 128  # 8 ms: short frames resolve the host's fast changes, so less of it leaks into the chips
HOP = N_FFT // 2
BAND_HZ = (500.0, 6000.0)
CHIP_FRAMES = 1
CHIP_BINS = 2
TILE_FRAMES = 128  # 0.51 s
N_SYNC = 512
# Mark energy under the (mono) host, dB: the first that reads back with margin (sync peak of
# EMBED_Z_MIN, codeword match of EMBED_MATCH_MIN) is used.
EMBED_SNRS = (26.0, 23.0, 20.0)
EMBED_Z_MIN = 8.0
EMBED_MATCH_MIN = 0.75
ALPHA_MAX = 0.35
# Sub-hop offsets (in 16 kHz samples) the detector tries: a trim rarely lands on the hop grid.
SUB_HOPS = tuple(range(0, HOP, HOP // 8))
SYNC_Z_MIN = 6.0
MATCH_MIN = 0.65
MAX_DECODES = 3
MIN_RATE = 12_000  # the band reaches 6 kHz
MIN_SECONDS = 1.5
# Detection analyses at most this much audio (the middle of longer files): the mark
# repeats every 0.5 s, and uploads can be long.
MAX_DETECT_SECONDS = 60.0

_LO = int(round(BAND_HZ[0] * N_FFT / RATE))
_N_BINS = (int(round(BAND_HZ[1] * N_FFT / RATE)) - _LO) // CHIP_BINS * CHIP_BINS
_HI = _LO + _N_BINS
_CHIP_ROWS = TILE_FRAMES // CHIP_FRAMES
_CHIP_COLS = _N_BINS // CHIP_BINS
N_CHIPS = _CHIP_ROWS * _CHIP_COLS
_LABEL = b"org.responsible-gen.wm.audio.v1/layout"
_WIN_EMBED = np.sqrt(np.hanning(N_FFT + 1)[:N_FFT])  # periodic sqrt-Hann: perfect reconstruction at hop N/2
_WIN_DETECT = np.hanning(N_FFT + 1)[:N_FFT]


@dataclass(frozen=True)
class _Layout:
    sync_fft: NDArray[np.complex128]  # conj rFFT along time of the (TILE_FRAMES, _N_BINS) sync template
    pay_pos: NDArray[np.intp]
    pay_sign: NDArray[np.float64]
    pay_bit: NDArray[np.intp]
    sync_pos: NDArray[np.intp]
    sync_sign: NDArray[np.float64]


@lru_cache(maxsize=16)
def _layout(key: bytes) -> _Layout:
    seed = int.from_bytes(hmac.new(key, _LABEL, hashlib.sha256).digest(), "big")
    rng = np.random.default_rng(seed)
    perm = rng.permutation(N_CHIPS)
    sync_pos, pay_pos = perm[:N_SYNC], perm[N_SYNC:]
    sync_sign = rng.choice([-1.0, 1.0], N_SYNC)
    pay_sign = rng.choice([-1.0, 1.0], N_CHIPS - N_SYNC)
    pay_bit = rng.permutation(np.arange(N_CHIPS - N_SYNC) % tiled.N_CODED)
    grid = np.zeros(N_CHIPS)
    grid[sync_pos] = sync_sign
    sync_fft = np.conj(np.fft.rfft(_expand(grid), axis=0))
    return _Layout(sync_fft, pay_pos, pay_sign, pay_bit, sync_pos, sync_sign)


def _expand(chips: NDArray[np.float64]) -> NDArray[np.float64]:
    """Chip grid (flat, row-major over chip rows x chip columns) -> (TILE_FRAMES, _N_BINS) cells."""
    grid = chips.reshape(_CHIP_ROWS, _CHIP_COLS)
    return np.repeat(np.repeat(grid, CHIP_FRAMES, axis=0), CHIP_BINS, axis=1)


@lru_cache(maxsize=256)
def _tile(key: bytes, watermark_id: int) -> NDArray[np.float64]:
    lay = _layout(key)
    coded = tiled.conv_encode(_payload_bits(watermark_id, key))
    grid = np.zeros(N_CHIPS)
    grid[lay.sync_pos] = lay.sync_sign
    grid[lay.pay_pos] = lay.pay_sign * (2.0 * coded[lay.pay_bit] - 1.0)
    tile = _expand(grid)
    tile.setflags(write=False)
    return tile


# --------------------------------------------------------------------------- signal helpers


def _resample(x: NDArray[np.float64], src: int, dst: int) -> NDArray[np.float64]:
    if src == dst:
        return x
    g = gcd(src, dst)
    return resample_poly(x, dst // g, src // g)


def _frames(x: NDArray[np.float64], window: NDArray[np.float64]) -> NDArray[np.complex128]:
    """STFT frames starting at 0, HOP, 2*HOP, ... (the last partial frame dropped)."""
    n = 1 + (len(x) - N_FFT) // HOP
    if n < 1:
        return np.zeros((0, N_FFT // 2 + 1), dtype=np.complex128)
    view = np.lib.stride_tricks.sliding_window_view(x, N_FFT)[::HOP][:n]
    return np.fft.rfft(view * window, axis=1)


def _as_pcm(pcm: NDArray[np.floating]) -> NDArray[np.float64]:
    arr = np.asarray(pcm)
    if arr.ndim not in (1, 2) or arr.shape[0] == 0 or (arr.ndim == 2 and arr.shape[1] == 0):
        raise WatermarkError(f"pcm must have shape (n,) or (n, channels), got {arr.shape}")
    if not np.issubdtype(arr.dtype, np.floating):
        raise WatermarkError(f"pcm must be floating point samples in [-1, 1], got {arr.dtype}")
    out = arr.astype(np.float64)
    if not np.isfinite(out).all():
        raise WatermarkError("pcm contains NaN or infinite samples")
    return out


def _mono(x: NDArray[np.float64]) -> NDArray[np.float64]:
    return x if x.ndim == 1 else x.mean(axis=1)


def _check_rate(sample_rate: int) -> None:
    if isinstance(sample_rate, bool) or not isinstance(sample_rate, (int, np.integer)) or sample_rate < MIN_RATE:
        raise WatermarkError(f"sample rate must be an int >= {MIN_RATE} Hz, got {sample_rate!r}")


# --------------------------------------------------------------------------- embed


def embed_audio_watermark(
    pcm: NDArray[np.floating], sample_rate: int, watermark_id: int, key: bytes
) -> NDArray[np.float32]:
    """Return ``pcm`` (float32, same shape: ``(n,)`` or ``(n, channels)``) with ``watermark_id`` embedded.

    The same change goes into every channel, so the mono mix (what detection reads) carries
    the whole mark. The mark is read back before returning; a host that drowns it (little
    content between 0.5 and 6 kHz) gets a stronger one (``EMBED_SNRS``). Clips shorter than
    ``MIN_SECONDS`` cannot hold a readable mark: ``WatermarkError``.
    """
    _check_key(key)
    _check_id(watermark_id)
    _check_rate(sample_rate)
    x = _as_pcm(pcm)
    if x.shape[0] < MIN_SECONDS * sample_rate:
        raise WatermarkError(f"audio of {x.shape[0] / sample_rate:.2f} s is too short; need {MIN_SECONDS} s")
    key = bytes(key)
    mono = _mono(x)
    x16 = _resample(mono, sample_rate, RATE)
    unit = _unit_delta(x16, _tile(key, watermark_id))
    unit_ms = float(np.mean(unit * unit))
    if unit_ms <= 0.0:
        return x.astype(np.float32)  # silence between 0.5 and 6 kHz: nothing to modulate
    host_ms = float(np.mean(mono * mono))
    for snr in EMBED_SNRS:
        alpha = min(ALPHA_MAX, 10 ** (-snr / 20) * np.sqrt(host_ms / unit_ms))
        if _reads_back(x16 + alpha * unit, key, watermark_id) or alpha >= ALPHA_MAX:
            break
    delta = _resample(alpha * unit, RATE, sample_rate)
    n = x.shape[0]
    delta = np.pad(delta[:n], (0, max(0, n - len(delta))))
    out = x + (delta if x.ndim == 1 else delta[:, None])
    return np.clip(out, -1.0, 1.0).astype(np.float32)


def _unit_delta(x16: NDArray[np.float64], tile: NDArray[np.float64]) -> NDArray[np.float64]:
    """The change (at 16 kHz, alpha = 1) that scales each band cell's magnitude by ``1 + chip``."""
    # Pad so that every sample is covered by two frames (perfect reconstruction at the edges too).
    n16 = len(x16)
    n_frames = -(-(n16 + HOP) // HOP)
    padded = np.zeros((n_frames + 1) * HOP)
    padded[HOP : HOP + n16] = x16
    spec = _frames(padded, _WIN_EMBED)
    reps = -(-spec.shape[0] // TILE_FRAMES)
    mod = np.zeros_like(spec)
    mod[:, _LO:_HI] = spec[:, _LO:_HI] * np.tile(tile, (reps, 1))[: spec.shape[0]]
    return _overlap_add(np.fft.irfft(mod, n=N_FFT, axis=1) * _WIN_EMBED, len(padded))[HOP : HOP + n16]


def _reads_back(y16: NDArray[np.float64], key: bytes, watermark_id: int) -> bool:
    """Whether the mark reads back on the frame grid it was embedded on, with margin to spare."""
    lay = _layout(key)
    peaks = _peaks(y16, lay, offsets=(0,))
    if not peaks or peaks[0].z < EMBED_Z_MIN:
        return False
    bits, match = _decode(peaks[0], lay)
    return match >= EMBED_MATCH_MIN and _verify_bits(bits, key) == watermark_id


def _overlap_add(frames: NDArray[np.float64], length: int) -> NDArray[np.float64]:
    out = np.zeros(length)
    # Frames at 50% overlap: even and odd frames each tile the signal without overlap.
    for start in (0, 1):
        sel = frames[start::2]
        flat = sel.reshape(-1)
        begin = start * HOP
        end = min(length, begin + flat.size)
        out[begin:end] += flat[: end - begin]
    return out


AudioHook = Callable[[NDArray[np.floating], int], NDArray[np.float32]]


def make_audio_watermark_hook(watermark_id: int, key: bytes) -> AudioHook:
    """``(pcm, sample_rate) -> pcm`` for ``generation.GenerationHooks.audio_watermark``.

    Arguments are checked now, so a bad id or key fails before any audio is generated.
    """
    _check_key(key)
    _check_id(watermark_id)
    key = bytes(key)

    def hook(pcm: NDArray[np.floating], sample_rate: int) -> NDArray[np.float32]:
        return embed_audio_watermark(pcm, sample_rate, watermark_id, key)

    return hook


# --------------------------------------------------------------------------- detect


def _whiten(mag: NDArray[np.float64]) -> NDArray[np.float64]:
    """Host-free, variance-normalised residual of the log magnitudes (frames x band bins)."""
    energy = mag * mag
    floor = 1e-5 * float(energy.mean()) + 1e-20
    logm = 0.5 * np.log(energy + floor)
    r = logm - uniform_filter1d(logm, 9, axis=0, mode="nearest")
    r -= r.mean(axis=1, keepdims=True)
    var = uniform_filter(r * r, size=(9, 9), mode="nearest") + 1e-3
    w = energy / (energy + 10 * floor)  # near-silent cells carry no mark, only noise
    r = r * w / var
    rms = float(np.sqrt(np.mean(r * r))) + 1e-12
    return np.clip(r / rms, -3.0, 3.0)


@dataclass(frozen=True)
class _Peak:
    z: float
    offset: int
    shift: int
    fold: NDArray[np.float64]


def _peaks(x16: NDArray[np.float64], lay: _Layout, offsets: tuple[int, ...] = SUB_HOPS) -> list[_Peak]:
    """Best tile shift per sub-hop offset, strongest sync first."""
    peaks: list[_Peak] = []
    for offset in offsets:
        spec = _frames(x16[offset:], _WIN_DETECT)
        if spec.shape[0] < TILE_FRAMES // 2:
            continue
        r = _whiten(np.abs(spec[:, _LO:_HI]))
        n = r.shape[0]
        reps = -(-n // TILE_FRAMES)
        pad = np.zeros((reps * TILE_FRAMES, _N_BINS))
        pad[:n] = r
        fold = pad.reshape(reps, TILE_FRAMES, _N_BINS).sum(axis=0)
        # corr[s] = sum over cells of fold[(t + s) % T] * sync[t]
        corr = np.fft.irfft((np.fft.rfft(fold, axis=0) * lay.sync_fft).sum(axis=1), n=TILE_FRAMES)
        best = int(np.argmax(corr))
        others = np.delete(corr, [(best + d) % TILE_FRAMES for d in (-1, 0, 1)])
        z = float((corr[best] - others.mean()) / (others.std() + 1e-12))
        peaks.append(_Peak(z, offset, best, fold))
    return sorted(peaks, key=lambda p: p.z, reverse=True)


def _decode(peak: _Peak, lay: _Layout) -> tuple[NDArray[np.uint8], float]:
    aligned = np.roll(peak.fold, -peak.shift, axis=0)
    chips = aligned.reshape(_CHIP_ROWS, CHIP_FRAMES, _CHIP_COLS, CHIP_BINS).sum(axis=(1, 3)).ravel()
    soft = np.bincount(lay.pay_bit, weights=chips[lay.pay_pos] * lay.pay_sign, minlength=tiled.N_CODED)
    soft = soft / (soft.std() + 1e-12)
    bits = tiled.viterbi(soft)
    code = 2.0 * tiled.conv_encode(bits) - 1.0
    match = float(soft @ code / (np.linalg.norm(soft) * np.sqrt(tiled.N_CODED) + 1e-12))
    return bits, match


def detect_audio_watermark(pcm: NDArray[np.floating], sample_rate: int, key: bytes) -> Detection:
    """Look for an audio watermark made with ``key`` in ``pcm`` (``(n,)`` or ``(n, channels)``).

    Survives lossy re-encoding, resampling, trims at either end, volume changes and light
    noise. Clips under half of ``MIN_SECONDS`` or sampled below ``MIN_RATE``: not found.
    """
    _check_key(key)
    x = _as_pcm(pcm)
    if (
        isinstance(sample_rate, bool)
        or not isinstance(sample_rate, (int, np.integer))
        or sample_rate < MIN_RATE
        or x.shape[0] < MIN_SECONDS * sample_rate * 0.5
    ):
        return Detection(found=False, watermark_id=None, confidence=0.0, alg=ALG)
    lay = _layout(bytes(key))
    mono = _mono(x)
    keep = int(MAX_DETECT_SECONDS * sample_rate)
    if len(mono) > keep:
        start = (len(mono) - keep) // 2
        mono = mono[start : start + keep]
    x16 = _resample(mono, int(sample_rate), RATE)
    decodes = 0
    for peak in _peaks(x16, lay)[:MAX_DECODES]:
        if peak.z < SYNC_Z_MIN:
            break
        bits, match = _decode(peak, lay)
        if match < MATCH_MIN:
            continue
        decodes += 1
        found = _verify_bits(bits, key)
        if found is not None:
            return Detection(found=True, watermark_id=found, confidence=1.0 - decodes * 2.0**-CHECK_BITS, alg=ALG)
    return Detection(found=False, watermark_id=None, confidence=0.0, alg=ALG)


__all__ = [
    "ALG",
    "AudioHook",
    "detect_audio_watermark",
    "embed_audio_watermark",
    "make_audio_watermark_hook",
]
