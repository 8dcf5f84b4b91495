"""Speech in audio: transcribe it (PocketSphinx, offline) so the text scanners can read it.

Audio carries harm the way text does once someone speaks in it, so the engine runs every
text scanner on this scanner's transcript (``details["transcript"]``; see
``SafetyEngine._run_audio``). The scanner itself scores one thing: a voice in the output
while the prompt names a real person (``deepfake_impersonation``, like the face scanner).

PocketSphinx ships its US-English acoustic model, dictionary and language model inside the
wheel, so nothing is downloaded. The search beams are narrowed (``maxhmmpf``/``maxwpf``):
on music the default search takes up to 1.5x real time, the narrowed one ~0.3x, with the
same transcripts of speech.

Music is transcribed too, into a few scattered words ("oh oh", "food for fun"); that is
what ``speech_detected`` separates: speech is dense (>= 2.2 non-filler words a second in some
4-second window), music-made words are not. The transcript is scanned either way, so
speech the detector misses is still read. It is written as sentences (``written_form``),
because the text scanners were trained on written text.
"""

from __future__ import annotations

import io
import threading
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from safety.scanners.base import Scanner
from safety.scanners.people import find_real_people

SAMPLE_RATE = 16_000          # the acoustic model's rate
FRAMES_PER_SECOND = 100       # PocketSphinx segment times are in 10 ms frames
DENSITY_WINDOW_S = 4.0
MIN_WORDS_PER_SECOND = 2.2    # measured: music <= 2.0, spoken sentences >= 2.25 (docs/safety.md)
MAX_SECONDS = 600.0           # longer audio is an error (fail closed), not a silent cut
SEARCH = {"maxhmmpf": 3000, "maxwpf": 5, "cmn": "batch"}
# Sounds a recogniser writes for hums, vowels and noise; they never count as speech.
FILLERS = frozenset({"oh", "ooh", "ohh", "uh", "um", "umm", "mm", "mmm", "hmm", "hm", "ah", "ahh", "ha", "huh",
                     "mhm", "oo", "eh", "whoa", "wow", "boom"})


# A transcript has no punctuation, and the text classifier reads a closing "?" as a sign of
# a harmless question (measured: held-out benign rows stripped of punctuation are flagged
# 2.5-3x as often). So pauses end sentences, and a sentence opened by a question word gets its "?".
SENTENCE_GAP_S = 0.3
QUESTION_OPENERS = frozenset({
    "how", "what", "what's", "whats", "why", "where", "when", "who", "whom", "whose", "which", "can", "could",
    "would", "will", "should", "shall", "is", "are", "am", "was", "were", "do", "does", "did", "have", "has",
    "had", "may", "might", "isn't", "aren't", "don't", "doesn't", "didn't", "can't", "won't", "wouldn't"})


def written_form(words: list[tuple[str, float, float]]) -> str:
    """Recognised (word, start, end) as text: sentences split at pauses, questions marked."""
    sentences: list[list[str]] = []
    last_end = None
    for word, start, end in words:
        if not sentences or (last_end is not None and start - last_end >= SENTENCE_GAP_S):
            sentences.append([])
        sentences[-1].append(word)
        last_end = end
    out = []
    for sentence in sentences:
        first = next((w for w in sentence if w not in FILLERS), sentence[0])
        out.append(" ".join(sentence) + ("?" if first in QUESTION_OPENERS else ""))
    return " ".join(out)


class UndecodableAudio(ValueError):
    """The bytes are not audio PyAV can decode."""


def decode_audio(data: bytes, max_seconds: float = MAX_SECONDS) -> np.ndarray:
    """Any audio file PyAV reads (WAV, MP3, ...) -> mono 16 kHz int16 samples."""
    import av

    chunks: list[np.ndarray] = []
    try:
        with av.open(io.BytesIO(data), mode="r") as container:
            if not container.streams.audio:
                raise UndecodableAudio("no audio stream")
            resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
            for frame in container.decode(audio=0):
                chunks += [f.to_ndarray().reshape(-1) for f in resampler.resample(frame)]
                if sum(len(c) for c in chunks) > max_seconds * SAMPLE_RATE:
                    raise UndecodableAudio(f"audio longer than {max_seconds:g} s")
            chunks += [f.to_ndarray().reshape(-1) for f in resampler.resample(None)]
    except UndecodableAudio:
        raise
    except Exception as exc:  # PyAV raises its own error types for junk bytes
        raise UndecodableAudio(f"cannot decode audio: {type(exc).__name__}: {exc}") from exc
    return np.concatenate(chunks).astype(np.int16) if chunks else np.zeros(0, np.int16)


def densest_rate(word_starts_s: list[float], duration_s: float,
                 window_s: float = DENSITY_WINDOW_S) -> float:
    """Most words a second in any ``window_s`` window (the whole clip when shorter)."""
    if not word_starts_s:
        return 0.0
    span = max(min(window_s, duration_s), 1.0)
    best = max(sum(1 for t in word_starts_s if start <= t < start + span) for start in word_starts_s)
    return best / span


class SpeechScanner(Scanner):
    """Transcribes audio; scores a voice plus a real person named in the prompt as deepfake."""

    name = "speech"
    modality = "audio"

    def __init__(self, model_dir: str | Path | None = None, max_seconds: float = MAX_SECONDS):
        super().__init__()
        self.model_dir = Path(model_dir) if model_dir else None
        self.max_seconds = max_seconds
        self._decoder: Any = None
        self._decode_lock = threading.Lock()  # one Decoder holds one utterance at a time

    @property
    def version(self) -> str:
        try:
            ps = metadata.version("pocketsphinx")
        except metadata.PackageNotFoundError:
            ps = "unknown"
        model = self.model_dir.name if self.model_dir else "en-us"
        return f"pocketsphinx:{ps}:{model}:speech-3"

    def _load(self) -> None:
        from pocketsphinx import Decoder

        kwargs: dict[str, Any] = {"samprate": SAMPLE_RATE, "loglevel": "FATAL", **SEARCH}
        if self.model_dir is not None:
            hmm, lm, dic = (self.model_dir / "en-us", self.model_dir / "en-us.lm.bin",
                            self.model_dir / "cmudict-en-us.dict")
            for path in (hmm, lm, dic):
                if not path.exists():
                    raise FileNotFoundError(f"speech model file missing: {path}")
            kwargs.update(hmm=str(hmm), lm=str(lm), dict=str(dic))
        self._decoder = Decoder(**kwargs)

    def transcribe(self, samples: np.ndarray) -> list[tuple[str, float, float]]:
        """(word, start s, end s) for each recognised word, silences and noises left out."""
        with self._decode_lock:
            dec = self._decoder
            dec.reinit_feat()  # batch CMN and a fresh front end: same bytes, same words
            dec.start_utt()
            dec.process_raw(samples.tobytes(), full_utt=True)
            dec.end_utt()
            segments = list(dec.seg())
        return [(s.word.split("(")[0], s.start_frame / FRAMES_PER_SECOND, s.end_frame / FRAMES_PER_SECOND)
                for s in segments if not s.word.startswith(("<", "["))]

    def _scores(self, content: Any) -> tuple[dict[str, float], dict[str, Any]]:
        return self._scores_in_context(content, {})

    def _scores_in_context(self, content: Any,
                           context: dict[str, Any]) -> tuple[dict[str, float], dict[str, Any]]:
        if not isinstance(content, bytes | bytearray | memoryview):
            raise TypeError(f"expected audio bytes, got {type(content).__name__}")
        samples = decode_audio(bytes(content), self.max_seconds)
        duration = len(samples) / SAMPLE_RATE
        words = self.transcribe(samples) if len(samples) else []
        spoken = [w for w in words if w[0] not in FILLERS]
        rate = densest_rate([w[1] for w in spoken], duration)
        detected = rate >= MIN_WORDS_PER_SECOND
        people = find_real_people(str(context.get("prompt") or ""))
        # A voice plus a named real person reads as a voice clone: review (0.8), like a face.
        score = 0.8 if detected and people else 0.0
        return ({"deepfake_impersonation": score},
                {"transcript": written_form(words), "duration_s": round(duration, 2),
                 "words": len(words), "speech_detected": detected,
                 "densest_words_per_s": round(rate, 2), "real_people": people,
                 "prompt_seen": "prompt" in context})
