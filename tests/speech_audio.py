"""Spoken test audio from Debian's flite (a real synthetic voice; nothing downloaded).

CI installs flite (.ci/run) and sets SPEECH_TESTS_REQUIRE_FLITE, so there a missing flite fails
the speech tests instead of skipping them.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import wave
from pathlib import Path

import numpy as np
import pytest


def require_flite() -> str:
    """Path of the flite binary; skip (locally) or fail (CI) without it."""
    path = shutil.which("flite")
    if path is None:
        message = "flite is not installed (apt-get install flite)"
        if os.environ.get("SPEECH_TESTS_REQUIRE_FLITE"):
            pytest.fail(message + " and SPEECH_TESTS_REQUIRE_FLITE is set")
        pytest.skip(message)
    return path


def speak(text: str, voice: str = "rms") -> bytes:
    """WAV bytes of ``text`` read by flite's ``voice`` (kal, awb, rms, slt)."""
    flite = require_flite()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "speech.wav"
        subprocess.run([flite, "-voice", voice, "-t", text, "-o", str(out)], check=True, capture_output=True)
        return out.read_bytes()


def wav_bytes(samples: np.ndarray, rate: int = 16_000) -> bytes:
    """Mono float samples in [-1, 1] -> 16-bit WAV."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(rate)
        handle.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())
    return buf.getvalue()


def melody(seconds: float = 4.0, rate: int = 16_000) -> bytes:
    """A plucked-string-like arpeggio (C major, four notes a second) with harmonics."""
    t = np.arange(int(rate * 0.25)) / rate
    notes = [261.63, 329.63, 392.0, 523.25]
    pieces = []
    for i in range(int(seconds * 4)):
        f = notes[i % 4]
        tone = sum(0.5 ** h * np.sin(2 * np.pi * f * (h + 1) * t) for h in range(4))
        pieces.append(0.3 * tone * np.exp(-6 * t))
    return wav_bytes(np.concatenate(pieces), rate)
