"""Measure what a waveform plays: its key (pitch-class profile) and tempo (onset periodicity).

Used by ``quality.py`` to score audio against the prompt, the way the shapes classifier
scores images; numpy/scipy only, no model, so it scores any audio backend's output.

Key: a harmonic-sum pitch salience per STFT frame (each semitone from C2 to C7 collects
its first 8 harmonics with weights 0.8**(h-1), so overtones vote for their fundamental
rather than for their own pitch class); per frame the salient pitches (local maxima
within ``PEAK_RATIO`` of the frame's best) add their salience to a 12-bin pitch-class profile.
The profile is correlated (Pearson) with the 24 rotated Krumhansl-Kessler key profiles;
the best correlation is the key.

Tempo: spectral flux of the log-magnitude spectrogram (~86 frames/s) minus its local mean
is the onset strength; its autocorrelation is read at every beat period from 50 to 200 BPM
(times a broad log-normal preference around 100 BPM), then octave errors are resolved by
checking for onsets between beats (see ``estimate_tempo``). The BPM gives the tempo class
of ``audio_common.TEMPO_EDGES``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np

from generation.backends.audio_common import PITCH_CLASSES, tempo_class

KK_MAJOR = np.array([6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88])
KK_MINOR = np.array([6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17])
MIDI_LOW, MIDI_HIGH = 36, 96
HARMONICS = 8
BPM_RANGE = (50.0, 200.0)
PEAK_RATIO = 0.85  # a frame's pitches within this fraction of its most salient one count (chords: several)


def mono(pcm: Any) -> np.ndarray:
    arr = np.asarray(pcm, dtype=np.float64)
    return arr.mean(axis=1) if arr.ndim == 2 else arr


def _stft_mag(x: np.ndarray, n_fft: int, hop: int) -> np.ndarray:
    """|STFT| with a Hann window, frames x bins."""
    if len(x) < n_fft:
        x = np.pad(x, (0, n_fft - len(x)))
    frames = np.lib.stride_tricks.sliding_window_view(x, n_fft)[::hop]
    return np.abs(np.fft.rfft(frames * np.hanning(n_fft), axis=1))


@lru_cache(maxsize=8)
def _salience_matrix(n_fft: int, sr: int) -> np.ndarray:
    """bins x pitches: triangular weights (+-0.5 semitone) at each pitch's harmonics."""
    freqs = np.fft.rfftfreq(n_fft, 1.0 / sr)
    with np.errstate(divide="ignore"):
        bin_midi = 69.0 + 12.0 * np.log2(np.maximum(freqs, 1e-9) / 440.0)
    pitches = np.arange(MIDI_LOW, MIDI_HIGH + 1)
    mat = np.zeros((len(freqs), len(pitches)))
    for j, p in enumerate(pitches):
        for h in range(1, HARMONICS + 1):
            centre = p + 12.0 * np.log2(h)
            if 440.0 * 2 ** ((centre - 69) / 12) > 0.45 * sr:
                break
            w = np.clip(1.0 - np.abs(bin_midi - centre) / 0.5, 0.0, None)
            mat[:, j] += (0.8 ** (h - 1)) * w
    return mat


def pitch_class_profile(pcm: Any, sample_rate: int) -> np.ndarray:
    """12-bin salience-weighted pitch-class histogram (C first), summing to 1 (zeros if silent)."""
    x = mono(pcm)
    n_fft = int(2 ** round(np.log2(0.19 * sample_rate)))
    mag = _stft_mag(x, n_fft, n_fft // 4)
    mag = np.sqrt(mag)  # compress so weak fundamentals still count
    sal = mag @ _salience_matrix(n_fft, int(sample_rate))
    energy = (mag**2).sum(axis=1)
    live = energy > (energy.max() * 1e-3 if energy.size else 0.0)
    pcp = np.zeros(12)
    pcs = (np.arange(MIDI_LOW, MIDI_HIGH + 1)) % 12
    for row in sal[live]:
        top = row.max()
        if top <= 0:
            continue
        peaks = (row >= PEAK_RATIO * top) & (row >= np.roll(row, 1)) & (row >= np.roll(row, -1))
        np.add.at(pcp, pcs[peaks], row[peaks] / top)
    total = pcp.sum()
    return pcp / total if total > 0 else pcp


def key_correlations(pcp: np.ndarray) -> np.ndarray:
    """24 Pearson correlations: index ``tonic`` for major, ``12 + tonic`` for minor."""
    out = np.zeros(24)
    if not np.any(pcp):
        return out
    for tonic in range(12):
        for m, prof in enumerate((KK_MAJOR, KK_MINOR)):
            out[12 * m + tonic] = np.corrcoef(pcp, np.roll(prof, tonic))[0, 1]
    return np.nan_to_num(out)


def estimate_key(pcm: Any, sample_rate: int) -> dict[str, Any]:
    """Best-correlating key: ``{"key", "mode", "correlation", "correlations", "profile"}``."""
    pcp = pitch_class_profile(pcm, sample_rate)
    corr = key_correlations(pcp)
    best = int(np.argmax(corr))
    return {
        "key": PITCH_CLASSES[best % 12],
        "mode": "major" if best < 12 else "minor",
        "correlation": float(corr[best]),
        "correlations": corr,
        "profile": pcp,
    }


def onset_strength(pcm: Any, sample_rate: int) -> tuple[np.ndarray, float]:
    """Half-wave-rectified spectral flux minus its 0.5 s local mean; returns (envelope, frames per second)."""
    x = mono(pcm)
    hop = max(1, int(round(sample_rate / 86.0)))
    n_fft = int(2 ** np.ceil(np.log2(4 * hop)))
    mag = _stft_mag(x, n_fft, hop)
    logmag = np.log1p(100.0 * mag / (mag.max() + 1e-12))
    flux = np.maximum(np.diff(logmag, axis=0), 0.0).sum(axis=1)
    fps = sample_rate / hop
    win = max(1, int(0.5 * fps))
    local = np.convolve(flux, np.ones(win) / win, mode="same")
    return np.maximum(flux - local, 0.0), fps


def estimate_tempo(pcm: Any, sample_rate: int) -> dict[str, Any]:
    """Beat period from the onset autocorrelation: ``{"bpm", "tempo", "strength"}``.

    The best-scoring lag (autocorrelation x a broad preference around 100 BPM) is only
    known up to an octave: a melody's onsets repeat every beat *and* every two beats. So
    the tempo is then doubled while there are regular onsets half-way between beats
    (autocorrelation at half the period >= ``HALF_RATIO`` of that at the period), and halved
    while the period itself is weak against twice the period.
    """
    env, fps = onset_strength(pcm, sample_rate)
    env = env - env.mean()
    n = len(env)
    if n < 8 or not np.any(env):
        return {"bpm": None, "tempo": None, "strength": 0.0}
    spec = np.fft.rfft(env, 2 * n)
    acf = np.fft.irfft(spec * np.conj(spec))[:n]
    acf = acf / (acf[0] + 1e-12)
    lags = np.arange(n)

    def at(period: float) -> float:
        return float(np.interp(period, lags, acf)) if period < n - 1 else 0.0

    bpms = np.arange(BPM_RANGE[0], BPM_RANGE[1] + 0.5, 0.5)
    scores = np.array([at(60.0 * fps / b) for b in bpms])
    prior = np.exp(-0.5 * np.log2(bpms / 100.0) ** 2)
    bpm = float(bpms[int(np.argmax(np.maximum(scores, 0.0) * prior))])
    bpm = _refine(bpm, fps, at)
    for _ in range(2):
        period = 60.0 * fps / bpm
        if bpm * 2 <= BPM_RANGE[1] and at(period / 2) >= HALF_RATIO * at(period):
            bpm = _refine(bpm * 2, fps, at)
        elif bpm / 2 >= BPM_RANGE[0] and at(period) < HALF_RATIO * at(2 * period):
            bpm = _refine(bpm / 2, fps, at)
        else:
            break
    return {"bpm": round(bpm, 1), "tempo": tempo_class(bpm), "strength": at(60.0 * fps / bpm)}


HALF_RATIO = 0.5


def _refine(bpm: float, fps: float, at: Any) -> float:
    """Best BPM within +-6% of ``bpm`` (the autocorrelation peak near it)."""
    cands = np.arange(bpm * 0.94, bpm * 1.06, 0.25)
    vals = [at(60.0 * fps / c) for c in cands]
    return float(cands[int(np.argmax(vals))])


def analyze(pcm: Any, sample_rate: int) -> dict[str, Any]:
    """Key and tempo of a waveform, JSON-friendly."""
    key = estimate_key(pcm, sample_rate)
    tempo = estimate_tempo(pcm, sample_rate)
    return {
        "key": key["key"],
        "mode": key["mode"],
        "key_correlation": round(key["correlation"], 4),
        "bpm": tempo["bpm"],
        "tempo": tempo["tempo"],
        "tempo_strength": round(tempo["strength"], 4),
        "_correlations": key["correlations"],
    }


def adherence(analysis: dict[str, Any], asked: dict[str, Any]) -> dict[str, Any] | None:
    """Score 0..1 of how well the measured key/tempo match what the prompt asked; None if it asked neither.

    Key part (when a key or mode was asked): a softmax (temperature 0.05) over the 24 key
    correlations gives each key a probability; the score is the probability mass of the keys
    that satisfy the request (tonic and mode, or only the one asked). Tempo part: 1 when the
    measured tempo class is the one asked, else 0. The score is the mean of the parts.
    """
    parts: dict[str, float] = {}
    corr = analysis.get("_correlations")
    if (asked.get("key") or asked.get("mode")) and corr is not None:
        probs = np.exp((corr - corr.max()) / 0.05)
        probs /= probs.sum()
        ok = np.ones(24, dtype=bool)
        if asked.get("key") in PITCH_CLASSES:
            ok &= (np.arange(24) % 12) == PITCH_CLASSES.index(asked["key"])
        if asked.get("mode") in ("major", "minor"):
            ok &= (np.arange(24) >= 12) == (asked["mode"] == "minor")
        parts["key"] = float(probs[ok].sum())
    if asked.get("tempo") and analysis.get("tempo"):
        parts["tempo"] = 1.0 if analysis["tempo"] == asked["tempo"] else 0.0
    if not parts:
        return None
    return {"score": float(np.mean(list(parts.values()))), "parts": parts}
