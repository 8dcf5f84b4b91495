"""What every audio backend shares: the music words of a prompt, and the last steps before bytes.

``parse_music_prompt`` reads the musical facts a prompt asks for -- key (C..B, with
sharps/flats), mode (major/minor), tempo class (slow/medium/fast, or an explicit "N bpm")
and instrument -- so that every audio backend records the same ``condition`` in its
metadata and ``quality.py`` can score any audio model's output against it. Missing facts
are ``None``: the prompt did not ask, so nothing is scored for them.

``finish_audio`` is the single path from a float waveform to delivered bytes: sanitise ->
the caller's ``hooks.audio_watermark`` (on the final float32 samples, before the lossy
encode, so the mark is made once and survives it) -> ``codecs.audio.encode_audio``.
"""

from __future__ import annotations

import re
import time
from typing import Any

import numpy as np

from generation.codecs.audio import as_pcm, encode_audio
from generation.types import GenerationHooks, InvalidParameters

PITCH_CLASSES = ("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B")
_FLAT_TO_SHARP = {
    "Db": "C#", "Eb": "D#", "Gb": "F#", "Ab": "G#", "Bb": "A#", "Cb": "B", "Fb": "E", "E#": "F", "B#": "C",
}  # fmt: skip
MODES = ("major", "minor")
# BPM ranges of the tempo words; gaps between classes keep "slow" and "medium" audibly apart.
TEMPO_BPM: dict[str, tuple[int, int]] = {"slow": (60, 80), "medium": (95, 120), "fast": (140, 170)}
TEMPO_EDGES = (87.0, 130.0)  # estimated BPM -> class: < 87 slow, < 130 medium, else fast
TEMPO_WORDS = {
    "slow": "slow",
    "slowly": "slow",
    "calm": "slow",
    "gentle": "slow",
    "relaxed": "slow",
    "lazy": "slow",
    "adagio": "slow",
    "largo": "slow",
    "medium": "medium",
    "moderate": "medium",
    "moderately": "medium",
    "steady": "medium",
    "andante": "medium",
    "moderato": "medium",
    "fast": "fast",
    "quick": "fast",
    "quickly": "fast",
    "lively": "fast",
    "upbeat": "fast",
    "energetic": "fast",
    "rapid": "fast",
    "allegro": "fast",
    "presto": "fast",
}
MODE_WORDS = {"major": "major", "maj": "major", "minor": "minor", "min": "minor"}
INSTRUMENT_WORDS = {
    "flute": "flute",
    "sine": "flute",
    "whistle": "flute",
    "recorder": "flute",
    "ocarina": "flute",
    "pipe": "flute",
    "synth": "synth",
    "synthesizer": "synth",
    "square": "synth",
    "chiptune": "synth",
    "string": "string",
    "strings": "string",
    "plucked": "string",
    "pluck": "string",
    "guitar": "string",
    "harp": "string",
    "lute": "string",
    "bell": "bell",
    "bells": "bell",
    "chime": "bell",
    "chimes": "bell",
    "glockenspiel": "bell",
    "celesta": "bell",
    "fm": "bell",
    "organ": "organ",
    "harmonium": "organ",
}
_KEY_AFTER = re.compile(r"\b(?:[Kk]ey\s+of\s+([A-Ga-g])|[Ii]n\s+([A-G]))\s*(#|♯|b|♭|sharp|flat)?(?![\w#])")
_KEY_BARE = re.compile(r"\b([A-G])\s*(#|♯|b|♭|-sharp|-flat| sharp| flat)?\s*(major|minor|maj|min|m)\b")
_BPM = re.compile(r"\b(\d{2,3})\s*(?:bpm|beats per minute)\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9#]+")


def _key_name(letter: str, accidental: str | None) -> str:
    name = letter.upper()
    acc = (accidental or "").strip().lower().lstrip("-")
    if acc in ("#", "♯", "sharp"):
        name += "#"
    elif acc in ("b", "♭", "flat"):
        name += "b"
    return _FLAT_TO_SHARP.get(name, name)


def tempo_class(bpm: float) -> str:
    """The tempo word a BPM falls under (``TEMPO_EDGES``)."""
    return "slow" if bpm < TEMPO_EDGES[0] else "medium" if bpm < TEMPO_EDGES[1] else "fast"


def parse_music_prompt(prompt: str) -> dict[str, Any]:
    """Key, mode, tempo, bpm and instrument a prompt asks for; ``None`` where it asks nothing.

    "a fast melody in A minor played on a plucked string" ->
    ``{"key": "A", "mode": "minor", "tempo": "fast", "bpm": None, "instrument": "string"}``.
    A lowercase "a minor ..." or "in a ..." is read as the article, not the key of A: a key is
    a capital letter ("A minor", "in A", "Am") or follows "key of" ("key of a").
    """
    key = mode = tempo = instrument = None
    bpm: int | None = None
    m = _KEY_BARE.search(prompt)
    if m:
        key = _key_name(m.group(1), m.group(2))
        word = m.group(3)
        mode = "minor" if word in ("m", "min", "minor") else "major"
    else:
        m = _KEY_AFTER.search(prompt)
        if m:
            key = _key_name(m.group(1) or m.group(2), m.group(3))
    words = _WORD.findall(prompt.lower())
    if mode is None:
        mode = next((MODE_WORDS[w] for w in words if w in MODE_WORDS), None)
    b = _BPM.search(prompt)
    if b and 30 <= int(b.group(1)) <= 300:
        bpm = int(b.group(1))
        tempo = tempo_class(bpm)
    if tempo is None:
        tempo = next((TEMPO_WORDS[w] for w in words if w in TEMPO_WORDS), None)
    instrument = next((INSTRUMENT_WORDS[w] for w in words if w in INSTRUMENT_WORDS), None)
    return {"key": key, "mode": mode, "tempo": tempo, "bpm": bpm, "instrument": instrument}


def check_format(params: dict[str, Any]) -> None:
    """``format`` must be an encodable audio format even when the registry gives no limit for it."""
    fmt = params.get("format", "wav")
    if fmt not in ("wav", "mp3"):
        raise InvalidParameters("format must be one of ['wav', 'mp3']", "format")


def finish_audio(
    pcm: Any, sample_rate: int, fmt: str, hooks: GenerationHooks | None
) -> tuple[bytes, str, dict[str, Any]]:
    """Sanitise -> watermark hook -> encode; returns ``(bytes, mime, audio metadata)``."""
    arr = as_pcm(pcm)
    watermarked = False
    t0 = time.perf_counter()
    if hooks is not None and hooks.audio_watermark is not None:
        marked = np.asarray(hooks.audio_watermark(arr[:, 0] if arr.shape[1] == 1 else arr, int(sample_rate)))
        marked = as_pcm(marked)
        if marked.shape != arr.shape:
            raise ValueError(f"audio_watermark changed the audio's shape from {arr.shape} to {marked.shape}")
        arr, watermarked = marked, True
    mark_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    data, mime = encode_audio(arr, int(sample_rate), fmt)
    meta = {
        "format": fmt,
        "sample_rate": int(sample_rate),
        "channels": int(arr.shape[1]),
        "duration_s": round(arr.shape[0] / float(sample_rate), 4),
        "samples": int(arr.shape[0]),
        "peak": round(float(np.abs(arr).max()) if arr.size else 0.0, 4),
        "watermarked": watermarked,
        "watermark_s": round(mark_s, 4),
        "encode_s": round(time.perf_counter() - t1, 4),
    }
    return data, mime, meta


def fit_length(pcm: np.ndarray, n: int) -> np.ndarray:
    """Trim or zero-pad ``(n, channels)`` samples to exactly ``n`` so the delivered duration is the requested one."""
    if pcm.shape[0] >= n:
        return pcm[:n]
    pad = np.zeros((n - pcm.shape[0], pcm.shape[1]), dtype=pcm.dtype)
    return np.concatenate([pcm, pad], axis=0)
