"""Procedural, captioned melodies: the training data of the demo audio model ``tunes-audio``.

Each tune is drawn from (key, mode, tempo, instrument) -- keys C D E F G A B, major or
(harmonic) minor, slow / medium / fast (60-80, 95-120, 140-170 BPM), played on a flute
(sine + vibrato), a square-wave synth, a plucked string (Karplus-Strong), an FM bell or an
organ -- and written like a small folk tune, so that key and tempo are *audible*:

- 4/4, two 4-bar phrases over tonic/dominant progressions (I-V-I-V | I-IV-V-I and kin);
- the first bar outlines the tonic triad (tonic on the downbeat, the third present);
- strong beats take chord tones, the rest move by step through the scale;
- the first phrase ends on the dominant (half cadence), the second repeats the opening
  motif and ends on the tonic; rhythms are mostly quarter notes, with halves and eighths.

``make_dataset`` returns ``Tune`` records (caption, condition, bpm, notes as MIDI pitches);
``Tune.tokens()`` is the token sequence the model learns (grammar in
``backends/audio_symbolic.py``: the key, the tempo, then the notes as scale steps) and
``Tune.render()`` the audio the same renderer produces at inference. Held-out: for every
(key, mode) one instrument is never trained with it, at any tempo (``is_heldout``), so the
42 evaluation prompts (``heldout_prompts``) are combinations the model has not seen.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from generation.backends.audio_common import TEMPO_BPM
from generation.backends.audio_symbolic import (
    ANY,
    BOS,
    EOS,
    INSTRUMENTS,
    PAD,
    SAMPLE_RATE,
    SCALES,
    UNK,
    Note,
    midi_to_degree,
    render_notes,
)

KEYS = ("C", "D", "E", "F", "G", "A", "B")
MODES = ("major", "minor")
TEMPOS = ("slow", "medium", "fast")
KEY_PC = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}
# Chord roots (scale degrees) per bar: phrase 1 ends on V (half cadence), phrase 2 on I. Tonic
# and dominant dominate on purpose (no vi / VI chords, which would blur major with its relative minor).
PHRASE1 = ((0, 4, 0, 4), (0, 0, 4, 4), (0, 3, 0, 4))
PHRASE2 = ((0, 3, 4, 0), (0, 4, 4, 0), (0, 0, 4, 0))
DURATIONS = (0.5, 1.0, 1.5, 2.0, 3.0, 4.0)
LOW, HIGH = 55, 84  # G3..C6
BPM_STEP = 5
INSTRUMENT_NAMES = {
    "flute": ("flute", "sine flute", "soft flute", "wooden flute"),
    "synth": ("square-wave synth", "synth", "chiptune synth", "retro synthesizer"),
    "string": ("plucked string", "guitar", "harp", "plucked guitar string"),
    "bell": ("bell", "FM bell", "glockenspiel", "chimes"),
    "organ": ("organ", "church organ", "electric organ", "reed organ"),
}
TEMPO_NAMES = {
    "slow": ("slow", "calm", "gentle"),
    "medium": ("medium-tempo", "moderate", "steady"),
    "fast": ("fast", "lively", "quick"),
}
TEMPLATES = (
    "a {tempo} melody in {key} {mode} played on a {inst}",
    "{tempo} tune in {key} {mode} on {inst}",
    "a {tempo} {inst} melody in the key of {key} {mode}",
    "{inst} playing a {tempo} song in {key} {mode}",
)
# Rhythms of one 4/4 bar (beats); the last bar of each phrase uses a cadence rhythm.
BAR_RHYTHMS = (
    ((1, 1, 1, 1), 5),
    ((2, 1, 1), 3),
    ((1, 1, 2), 3),
    ((0.5, 0.5, 1, 1, 1), 2),
    ((1, 0.5, 0.5, 1, 1), 2),
    ((1, 1, 1, 0.5, 0.5), 2),
    ((1.5, 0.5, 1, 1), 2),
    ((2, 2), 1),
)
CADENCE_RHYTHMS = ((2, 2), (3, 1), (4,), (1, 1, 2))


def degree_range() -> tuple[int, int]:
    """Lowest and highest scale step (``deg:``) any key's melody can use within LOW..HIGH."""
    degs = [
        midi_to_degree(p, k, m)
        for k in KEYS
        for m in MODES
        for p in range(LOW, HIGH + 1)
        if (p - KEY_PC[k]) % 12 in SCALES[m]
    ]
    return min(degs), max(degs)


def token_list() -> list[str]:
    """The vocabulary, in id order (specials first)."""
    toks = [PAD, BOS, EOS, UNK]
    toks += [f"key:{k}" for k in (*KEYS, ANY)]
    toks += [f"mode:{m}" for m in (*MODES, ANY)]
    toks += [f"tempo:{t}" for t in (*TEMPOS, ANY)]
    toks += [f"inst:{i}" for i in (*INSTRUMENTS, ANY)]
    toks += [f"tonic:{k}" for k in KEYS] + [f"scale:{m}" for m in MODES]
    lo, hi = min(r[0] for r in TEMPO_BPM.values()), max(r[1] for r in TEMPO_BPM.values())
    toks += [f"bpm:{b}" for b in range(lo, hi + 1, BPM_STEP)]
    d_lo, d_hi = degree_range()
    toks += [f"deg:{d}" for d in range(d_lo, d_hi + 1)] + ["rest"]
    toks += [f"dur:{_dur(d)}" for d in DURATIONS]
    return toks


def _dur(d: float) -> str:
    return str(float(d))


@dataclass
class Tune:
    """One captioned melody: what was asked (condition) and what is played (bpm + notes)."""

    key: str
    mode: str
    tempo: str
    instrument: str
    bpm: int
    notes: list[Note]
    caption: str
    seed: int

    def condition_tokens(self, drop: tuple[bool, bool, bool, bool] = (False, False, False, False)) -> list[str]:
        """The four condition tokens; ``drop[i]`` writes ``any`` instead (condition dropout)."""
        vals = (self.key, self.mode, self.tempo, self.instrument)
        names = ("key", "mode", "tempo", "inst")
        return [f"{n}:{ANY if d else v}" for n, v, d in zip(names, vals, drop, strict=True)]

    def tokens(self, drop: tuple[bool, bool, bool, bool] = (False, False, False, False)) -> list[str]:
        """``<bos> cond x4 tonic scale bpm (deg dur)* <eos>``; ``drop`` replaces condition values by ``any``."""
        body = [f"tonic:{self.key}", f"scale:{self.mode}", f"bpm:{self.bpm}"]
        for p, d in self.notes:
            body += ["rest" if p is None else f"deg:{midi_to_degree(p, self.key, self.mode)}", f"dur:{_dur(d)}"]
        return [BOS, *self.condition_tokens(drop), *body, EOS]

    def seconds(self) -> float:
        """Length of the melody in seconds at its tempo."""
        return sum(d for _, d in self.notes) * 60.0 / self.bpm

    def render(self, duration: float | None = None, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
        """The audio the backend's renderer makes of these notes (the data is heard as the model's output is)."""
        return render_notes(self.notes, self.bpm, self.instrument, duration, sample_rate, seed=self.seed)


def _tonic_midi(key: str, rng: np.random.Generator) -> int:
    base = 60 + KEY_PC[key]  # C4..B4
    return base - 12 if base > 67 and rng.random() < 0.5 else base


def _scale_pitches(tonic: int, mode: str) -> list[int]:
    """Every scale pitch in [LOW, HIGH]."""
    steps = SCALES[mode]
    out = [tonic + 12 * o + s for o in range(-3, 4) for s in steps]
    return sorted(p for p in out if LOW <= p <= HIGH)


def _chord(tonic: int, mode: str, root_degree: int) -> list[int]:
    """Pitch classes (root, third, fifth) of the triad on ``root_degree`` (V in minor has the leading tone)."""
    steps = SCALES[mode]
    return [(tonic + steps[(root_degree + k) % 7]) % 12 for k in (0, 2, 4)]


def _nearest(pitches: list[int], target: int, allowed: set[int] | list[int] | None = None) -> int:
    cands = [p for p in pitches if allowed is None or p % 12 in allowed]
    return min(cands, key=lambda p: (abs(p - target), p))


CHORD_TONE_WEIGHTS = (0.5, 0.2, 0.3)  # root, third, fifth: roots anchor the harmony (and the key)


def _bar(
    rng: np.random.Generator,
    scale: list[int],
    prev: int,
    chord: list[int],
    tonic_triad: list[int],
    rhythm: tuple[float, ...],
    centre: int,
) -> tuple[list[Note], int]:
    """One bar: chord tones on beats 1 and 3, steps (or a tonic-triad tone) in between."""
    notes: list[Note] = []
    beat = 0.0
    for d in rhythm:
        strong = abs(beat - round(beat)) < 1e-6 and int(round(beat)) % 2 == 0
        if strong:
            pc = chord[int(rng.choice(3, p=CHORD_TONE_WEIGHTS))]
            target = prev + int(rng.choice([-3, -1, 0, 1, 3]))
            target += int(np.sign(centre - target)) * (abs(centre - target) > 7) * 3  # stay near the middle
            p = _nearest(scale, target, [pc])
        elif rng.random() < 0.25:
            p = _nearest(scale, prev + int(rng.choice([-2, 2])), tonic_triad)
        else:
            i = scale.index(_nearest(scale, prev))
            step = int(rng.choice([-2, -1, -1, 1, 1, 2]))
            if abs(scale[min(max(i + step, 0), len(scale) - 1)] - centre) > 9:
                step = -step
            p = scale[min(max(i + step, 0), len(scale) - 1)]
        rest = not strong and beat > 0 and rng.random() < 0.04
        notes.append((None if rest else p, float(d)))
        prev = p
        beat += d
    return notes, prev


def _opening(
    rng: np.random.Generator, scale: list[int], tonic: int, mode: str, rhythm: tuple[float, ...]
) -> tuple[list[Note], int]:
    """The first bar states the key: tonic on the downbeat, then the tonic triad with its third.

    A listener (and the key estimator) hears the key from the first notes, which matters when
    only a few seconds are generated.
    """
    third = tonic + SCALES[mode][2]
    fifth = tonic + 7
    pool = [tonic, third, fifth, tonic + 12, third, tonic]
    order = [tonic] + [pool[int(i)] for i in rng.permutation(len(pool))]
    if third not in order[1 : len(rhythm)]:
        order[min(len(rhythm) - 1, 1 + int(rng.integers(max(1, len(rhythm) - 1))))] = third
    notes: list[Note] = []
    for i, d in enumerate(rhythm):
        p = _nearest(scale, order[i % len(order)])
        notes.append((p, float(d)))
    return notes, notes[-1][0]  # type: ignore[return-value]


def _pick_rhythm(rng: np.random.Generator) -> tuple[float, ...]:
    weights = np.array([w for _, w in BAR_RHYTHMS], dtype=float)
    return BAR_RHYTHMS[int(rng.choice(len(BAR_RHYTHMS), p=weights / weights.sum()))][0]


def compose(key: str, mode: str, tempo: str, instrument: str, seed: int) -> tuple[int, list[Note]]:
    """An 8-bar melody for the condition: ``(bpm, notes)``; deterministic for ``seed``."""
    rng = np.random.default_rng(seed)
    lo, hi = TEMPO_BPM[tempo]
    bpm = int(rng.choice(np.arange(lo, hi + 1, BPM_STEP)))
    tonic = _tonic_midi(key, rng)
    scale = _scale_pitches(tonic, mode)
    centre = tonic + 4
    progs = (PHRASE1[int(rng.integers(len(PHRASE1)))], PHRASE2[int(rng.integers(len(PHRASE2)))])
    notes: list[Note] = []
    prev = tonic + int(rng.choice([0, 4, 7])) if rng.random() < 0.5 else tonic
    prev = _nearest(scale, prev, _chord(tonic, mode, 0))
    motif: list[list[Note]] = []
    triad = _chord(tonic, mode, 0)
    for phrase in range(2):
        for bar in range(4):
            chord = _chord(tonic, mode, progs[phrase][bar])
            last = bar == 3
            if bar == 0 and phrase == 0:
                bar_notes, prev = _opening(rng, scale, tonic, mode, _pick_rhythm(rng))
            elif phrase == 1 and bar < 2 and rng.random() < 0.7:
                bar_notes = motif[bar]  # the second phrase restates the opening
                prev = next(p for p, _ in reversed(bar_notes) if p is not None)
            elif last:
                rhythm = CADENCE_RHYTHMS[int(rng.integers(len(CADENCE_RHYTHMS)))]
                end_pc = _chord(tonic, mode, 4) if phrase == 0 else [tonic % 12]
                head, prev = (
                    _bar(rng, scale, prev, chord, triad, rhythm[:-1], centre) if len(rhythm) > 1 else ([], prev)
                )
                final = _nearest(scale, prev, end_pc)
                bar_notes, prev = head + [(final, float(rhythm[-1]))], final
            else:
                bar_notes, prev = _bar(rng, scale, prev, chord, triad, _pick_rhythm(rng), centre)
            if phrase == 0:
                motif.append(bar_notes)
            notes.extend(bar_notes)
    return bpm, notes


def caption_for(key: str, mode: str, tempo: str, instrument: str, rng: np.random.Generator) -> str:
    """A varied English caption (template, tempo synonym, instrument name) that parses back to the condition."""
    t = TEMPLATES[int(rng.integers(len(TEMPLATES)))]
    tempo_word = TEMPO_NAMES[tempo][int(rng.integers(len(TEMPO_NAMES[tempo])))]
    inst = INSTRUMENT_NAMES[instrument][int(rng.integers(len(INSTRUMENT_NAMES[instrument])))]
    return t.format(tempo=tempo_word, key=key, mode=mode, inst=inst)


def combinations() -> list[tuple[str, str, str, str]]:
    """Every (key, mode, tempo, instrument)."""
    return list(itertools.product(KEYS, MODES, TEMPOS, INSTRUMENTS))


def heldout_instrument(key: str, mode: str, tempo: str) -> str:
    """The instrument never trained with this key and mode (at any tempo, so all 3 tempos are held out)."""
    return INSTRUMENTS[(KEYS.index(key) + 3 * MODES.index(mode)) % len(INSTRUMENTS)]


def is_heldout(key: str, mode: str, tempo: str, instrument: str) -> bool:
    """True for the combinations kept out of training (evaluation prompts use them)."""
    return heldout_instrument(key, mode, tempo) == instrument


def make_tune(key: str, mode: str, tempo: str, instrument: str, seed: int) -> Tune:
    """Compose and caption one tune; deterministic for ``seed``."""
    rng = np.random.default_rng([seed, 7])
    bpm, notes = compose(key, mode, tempo, instrument, seed)
    return Tune(key, mode, tempo, instrument, bpm, notes, caption_for(key, mode, tempo, instrument, rng), seed)


def make_dataset(n: int, seed: int, split: str = "train") -> list[Tune]:
    """``n`` tunes of the ``split`` ("train" | "heldout") combinations, drawn uniformly; deterministic."""
    combos = [c for c in combinations() if is_heldout(*c) == (split == "heldout")]
    rng = np.random.default_rng(seed)
    tunes = []
    for i in range(n):
        k, m, t, inst = combos[int(rng.integers(len(combos)))]
        tunes.append(make_tune(k, m, t, inst, seed=int(rng.integers(2**31)) + i))
    return tunes


def heldout_prompts() -> list[dict[str, str]]:
    """One never-trained caption per (key, mode, tempo): 42 prompts for adherence measurement."""
    out = []
    for key, mode, tempo in itertools.product(KEYS, MODES, TEMPOS):
        inst = heldout_instrument(key, mode, tempo)
        name = INSTRUMENT_NAMES[inst][0]
        out.append(
            {
                "key": key,
                "mode": mode,
                "tempo": tempo,
                "instrument": inst,
                "prompt": f"a {tempo} melody in {key} {mode} played on a {name}",
            }
        )
    return out
