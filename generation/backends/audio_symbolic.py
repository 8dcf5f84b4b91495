"""Symbolic text-to-audio: a causal LM writes notes, a deterministic synthesiser plays them.

This is how symbolic music models work (a score, then an instrument): the network decides
*what* is played -- tempo and a melody of (pitch, duration) notes -- conditioned on the
musical facts of the prompt; ``render_notes`` turns the notes into a waveform with one
synth per instrument. The split keeps the model tiny (a few hundred thousand parameters)
and makes every output inspectable: the metadata carries the notes it played.

Checkpoint (``source``): ``AutoModelForCausalLM`` + ``AutoTokenizer`` saved with
``save_pretrained`` (loaded like any transformers checkpoint, ``local_files_only``), whose
vocabulary follows this grammar (``generation/zoo/train_audio.py`` writes one)::

    <bos> key:<C..B|any> mode:<major|minor|any> tempo:<slow|medium|fast|any> inst:<name|any>
          tonic:<C..B> scale:<major|minor> bpm:<N> ((deg:<step>|rest) dur:<beats>)* <eos>

The first five tokens are the condition; the model writes the rest: the key it plays in
(``tonic``/``scale``: a copy of the condition, or its own choice for ``any``), the tempo,
then the melody as scale steps from the tonic (``deg:0`` is the tonic of octave 4,
``deg:7`` an octave up; minor is harmonic minor) -- a key-relative score, like a musician's
"do re mi", so the model learns melody once rather than once per key, and ``render_notes``
maps steps to MIDI pitches in the key the model wrote.

The prompt's key/mode/tempo/instrument (``audio_common.parse_music_prompt``) fill the
condition; a fact the prompt does not name becomes ``...:any`` (the model learnt those
through condition dropout). A key outside the vocabulary (F#) is generated as the natural
key a semitone below and played a semitone up. A missing instrument uses
``default_instrument`` from ``synth.json`` (else "string"). An explicit "N bpm" in the
prompt forces the nearest ``bpm:`` token. Decoding is constrained to the grammar (tonic,
scale, bpm, then alternating note/duration, eos only before a note), with one CPU
``torch.Generator`` per request seeded with its seed, so a seed gives the same notes and the
same bytes whatever the batch. Notes are generated until they fill ``duration`` seconds; a
melody that ends sooner is repeated.

Params: ``duration`` (s), ``temperature`` (0 = greedy), ``format`` (wav|mp3).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

from generation.backends.audio_common import (
    PITCH_CLASSES,
    TEMPO_BPM,
    check_format,
    finish_audio,
    parse_music_prompt,
    tempo_class,
)
from generation.backends.autoregressive import load_local_transformers
from generation.backends.base import Backend, register_backend
from generation.types import GeneratedItem, GenerationHooks, GenerationRequest, ModelLoadError, ModelSpec

SAMPLE_RATE = 22050
INSTRUMENTS = ("flute", "synth", "string", "bell", "organ")
DEFAULT_INSTRUMENT = "string"
BOS, EOS, PAD, UNK = "<bos>", "<eos>", "<pad>", "<unk>"
ANY = "any"
Note = tuple[int | None, float]  # (MIDI pitch or None for a rest, length in beats)


# ----------------------------------------------------------------------------- synthesis


def midi_hz(pitch: float) -> float:
    """Equal-tempered frequency of a MIDI pitch (A4 = 69 = 440 Hz)."""
    return 440.0 * 2.0 ** ((pitch - 69.0) / 12.0)


def _envelope(n: int, sr: int, attack: float, release: float, hold: int) -> np.ndarray:
    """Linear attack, flat until sample ``hold``, linear release to 0, silence after; length ``n``."""
    idx = np.arange(n, dtype=np.float64)
    rise = np.clip(idx / max(1.0, attack * sr), 0.0, 1.0)
    fall = np.clip(1.0 - (idx - hold) / max(1.0, release * sr), 0.0, 1.0)
    return np.minimum(rise, fall)


def _flute(f: float, n: int, hold: int, sr: int, rng: np.random.Generator) -> np.ndarray:
    t = np.arange(n) / sr
    vib = 1.0 + 0.004 * np.sin(2 * np.pi * 5.0 * t) * np.clip(t / 0.25, 0, 1)
    phase = 2 * np.pi * np.cumsum(f * vib) / sr
    x = np.sin(phase) + 0.12 * np.sin(2 * phase) + 0.04 * np.sin(3 * phase)
    x += 0.02 * rng.standard_normal(n) * np.exp(-t / 0.08)  # breath at the onset
    return x * _envelope(n, sr, 0.04, 0.06, hold)


def _synth(f: float, n: int, hold: int, sr: int, rng: np.random.Generator) -> np.ndarray:
    t = np.arange(n) / sr
    x = np.zeros(n)
    k = 1
    while k * f < min(sr / 2.0, 6000.0):  # band-limited square: odd harmonics at 1/k
        x += np.sin(2 * np.pi * k * f * t) / k * np.exp(-t * k * 0.6)
        k += 2
    return 0.6 * x * _envelope(n, sr, 0.008, 0.05, hold)


def _string(f: float, n: int, hold: int, sr: int, rng: np.random.Generator) -> np.ndarray:
    """Karplus-Strong plucked string, tuned with a first-order all-pass fractional delay (Jaffe-Smith)."""
    from scipy.signal import lfilter

    period = sr / f
    delay = int(np.floor(period - 0.5 - 0.1))
    frac = period - 0.5 - delay
    c = (1.0 - frac) / (1.0 + frac)
    g = 0.996
    b = np.array([1.0, c])
    a = np.zeros(delay + 3)
    a[0], a[1] = 1.0, c
    a[delay] -= 0.5 * g * c
    a[delay + 1] -= 0.5 * g * (1.0 + c)
    a[delay + 2] -= 0.5 * g
    excite = np.zeros(n)
    burst = rng.uniform(-1.0, 1.0, delay + 1)
    burst = np.convolve(burst, [0.5, 0.5], mode="same")  # a softer pluck
    excite[: len(burst)] = burst - burst.mean()
    x = lfilter(b, a, excite)
    return 0.8 * x * _envelope(n, sr, 0.002, 0.03, hold)


def _bell(f: float, n: int, hold: int, sr: int, rng: np.random.Generator) -> np.ndarray:
    """FM bell: carrier f, modulator 2f, the modulation index decays faster than the tone."""
    t = np.arange(n) / sr
    index = 2.5 * np.exp(-t / 0.12)
    x = np.sin(2 * np.pi * f * t + index * np.sin(2 * np.pi * 2.0 * f * t))
    x += 0.25 * np.sin(2 * np.pi * 2.76 * f * t) * np.exp(-t / 0.08)  # a short inharmonic strike partial
    return 0.8 * x * np.exp(-t / 0.9) * _envelope(n, sr, 0.002, 0.08, hold)


def _organ(f: float, n: int, hold: int, sr: int, rng: np.random.Generator) -> np.ndarray:
    t = np.arange(n) / sr
    x = np.zeros(n)
    for k, w in ((1, 1.0), (2, 0.55), (3, 0.3), (4, 0.25), (6, 0.1), (8, 0.08)):
        if k * f < sr / 2.0:
            x += w * np.sin(2 * np.pi * k * f * t)
    return 0.45 * x * _envelope(n, sr, 0.015, 0.04, hold)


SYNTHS = {"flute": _flute, "synth": _synth, "string": _string, "bell": _bell, "organ": _organ}
RING = {"flute": 0.0, "synth": 0.0, "string": 0.25, "bell": 1.2, "organ": 0.0}  # seconds a note may ring past its end


def _accent(beat: float) -> float:
    """Metric accent in 4/4: downbeat > beat 3 > other beats > off-beats (players phrase this way)."""
    pos = beat % 4.0
    if abs(pos) < 1e-6:
        return 1.0
    if abs(pos - 2.0) < 1e-6:
        return 0.85
    if abs(pos - round(pos)) < 1e-6:
        return 0.75
    return 0.6


def note_onsets(notes: list[Note], bpm: float) -> list[tuple[int | None, float, float, float]]:
    """(pitch, start s, length s, start beat) for each note."""
    spb = 60.0 / bpm
    out, beat = [], 0.0
    for pitch, beats in notes:
        out.append((pitch, beat * spb, beats * spb, beat))
        beat += beats
    return out


def render_notes(
    notes: list[Note],
    bpm: float,
    instrument: str,
    duration: float | None = None,
    sample_rate: int = SAMPLE_RATE,
    seed: int = 0,
) -> np.ndarray:
    """Play a monophonic melody on ``instrument``: float32 mono samples, peak 0.8.

    Deterministic for given inputs (the pluck/breath noise is drawn from ``seed``). Each note
    is cut by the next onset (plus a short ring for string and bell), and ``duration``
    (seconds; default: the melody's length) trims with a 50 ms fade-out.
    """
    if instrument not in SYNTHS:
        raise ValueError(f"unknown instrument {instrument!r}; known: {sorted(SYNTHS)}")
    rng = np.random.default_rng(seed)
    events = note_onsets(notes, bpm)
    total = sum(b for _, b in notes) * 60.0 / bpm
    length = duration if duration is not None else total
    n_total = int(round(length * sample_rate))
    buf = np.zeros(n_total + sample_rate * 2, dtype=np.float64)
    synth, ring = SYNTHS[instrument], RING[instrument]
    for pitch, start, dur, beat in events:
        s = int(round(start * sample_rate))
        if s >= n_total:
            break
        if pitch is None:
            continue
        hold = int(round(dur * (0.92 if ring == 0.0 else 1.0) * sample_rate))
        n = min(len(buf) - s, hold + int((ring + 0.08) * sample_rate))
        buf[s : s + n] += _accent(beat) * synth(midi_hz(pitch), n, hold + int(ring * sample_rate), sample_rate, rng)
    out = buf[:n_total]
    fade = min(len(out), int(0.05 * sample_rate))
    if fade:
        out[-fade:] *= np.linspace(1.0, 0.0, fade)
    peak = float(np.abs(out).max()) if out.size else 0.0
    if peak > 0:
        out = out * (0.8 / peak)
    return out.astype(np.float32)


# ----------------------------------------------------------------------------- vocabulary


SCALES = {"major": (0, 2, 4, 5, 7, 9, 11), "minor": (0, 2, 3, 5, 7, 8, 11)}  # minor: harmonic (leading tone)
TONIC_OCTAVE_MIDI = 60  # deg:0 of key C is C4 (MIDI 60); of key B, B4 (71)


def degree_to_midi(degree: int, tonic: str, mode: str) -> int:
    """Scale step from the tonic of octave 4 -> MIDI pitch (``deg:7`` is the tonic an octave up)."""
    ref = TONIC_OCTAVE_MIDI + PITCH_CLASSES.index(tonic)
    octave, step = divmod(int(degree), 7)
    return ref + 12 * octave + SCALES[mode][step]


def midi_to_degree(pitch: int, tonic: str, mode: str) -> int:
    """Inverse of ``degree_to_midi`` for pitches of the scale; ValueError otherwise."""
    ref = TONIC_OCTAVE_MIDI + PITCH_CLASSES.index(tonic)
    octave, semis = divmod(int(pitch) - ref, 12)
    if semis not in SCALES[mode]:
        raise ValueError(f"MIDI {pitch} is not in {tonic} {mode}")
    return 7 * octave + SCALES[mode].index(semis)


@dataclass
class TuneVocabulary:
    """Token ids of the grammar's groups, read from a tokenizer's vocabulary."""

    ids: dict[str, int]
    keys: dict[str, int]
    modes: dict[str, int]
    tempos: dict[str, int]
    instruments: dict[str, int]
    tonics: dict[str, int]
    scales: dict[str, int]
    bpms: dict[int, int]
    degrees: dict[int, int]
    rest: int
    durations: dict[float, int]
    bos: int
    eos: int

    @classmethod
    def from_vocab(cls, vocab: dict[str, int]) -> TuneVocabulary:
        def group(prefix: str, conv: Any = str) -> dict[Any, int]:
            return {conv(t[len(prefix) :]): i for t, i in vocab.items() if t.startswith(prefix)}

        return cls(
            ids=dict(vocab),
            keys=group("key:"),
            modes=group("mode:"),
            tempos=group("tempo:"),
            instruments=group("inst:"),
            tonics=group("tonic:"),
            scales=group("scale:"),
            bpms=group("bpm:", int),
            degrees=group("deg:", int),
            rest=vocab["rest"],
            durations=group("dur:", float),
            bos=vocab[BOS],
            eos=vocab[EOS],
        )

    def missing(self) -> list[str]:
        """Grammar tokens the vocabulary lacks (empty when it is usable)."""
        conds = {"key": self.keys, "mode": self.modes, "tempo": self.tempos, "inst": self.instruments}
        out = [f"{g}:any" for g, d in conds.items() if ANY not in d]
        made = {"tonic:": self.tonics, "bpm:": self.bpms, "deg:": self.degrees, "dur:": self.durations}
        out += [f"{name} tokens" for name, group in made.items() if not group]
        if set(self.scales) - set(SCALES) or not self.scales:
            out.append(f"scale: tokens among {sorted(SCALES)}")
        if set(self.tonics) - set(PITCH_CLASSES):
            out.append("tonic: tokens that are pitch classes")
        return out


def format_notes(notes: list[Note]) -> list[list[Any]]:
    """Notes as JSON-friendly ``[pitch | None, beats]`` pairs for the metadata."""
    return [[p, float(b)] for p, b in notes]


# ----------------------------------------------------------------------------- backend


@register_backend("symbolic-audio")
class SymbolicAudioBackend(Backend):
    """A causal LM over condition + note tokens, rendered by ``render_notes``."""

    def __init__(self, spec: ModelSpec) -> None:
        super().__init__(spec)
        self.model: Any = None
        self.vocab: TuneVocabulary | None = None
        self.sample_rate = SAMPLE_RATE
        self.default_instrument = DEFAULT_INSTRUMENT
        self.max_positions = 0
        self._cache_kw = "past_key_values"
        self.load_seconds = 0.0

    def load(self) -> None:
        """Load the LM and tokenizer (local files only) and check the vocabulary follows the grammar."""
        if self.loaded:
            return
        t0 = time.perf_counter()
        tokenizer, model = load_local_transformers(self, "symbolic music checkpoints", "AutoModelForCausalLM",
                                                   "AutoTokenizer")
        root = self.local_source("symbolic music checkpoints")
        try:
            vocab = TuneVocabulary.from_vocab(tokenizer.get_vocab())
        except KeyError as exc:
            raise ModelLoadError(f"model {self.spec.name!r}: the vocabulary lacks the token {exc}") from exc
        missing = vocab.missing()
        if missing:
            raise ModelLoadError(f"model {self.spec.name!r}: the vocabulary lacks {missing} (see audio_symbolic.py)")
        synth_file = root / "synth.json"
        if synth_file.is_file():
            cfg = json.loads(synth_file.read_text())
            self.sample_rate = int(cfg.get("sample_rate", SAMPLE_RATE))
            self.default_instrument = str(cfg.get("default_instrument", DEFAULT_INSTRUMENT))
        self.model = model
        import inspect

        if "cache" in inspect.signature(model.forward).parameters:
            self._cache_kw = "cache"
        cfg = model.config
        self.max_positions = int(getattr(cfg, "n_positions", None) or getattr(cfg, "max_position_embeddings", 256))
        self.vocab = vocab
        self.load_seconds = time.perf_counter() - t0
        self.loaded = True

    def validate(self, params: dict[str, Any] | None) -> dict[str, Any]:
        out = super().validate(params)
        check_format(out)
        return out

    def condition(self, prompt: str) -> dict[str, Any]:
        """Prompt -> the condition tokens used, plus what was asked and where each value came from."""
        assert self.vocab is not None
        v = self.vocab
        asked = parse_music_prompt(prompt)
        key, transpose, source = asked["key"], 0, {}
        if key is None:
            key_tok, source["key"] = ANY, "model"
        elif key in v.keys:
            key_tok, source["key"] = key, "prompt"
        else:  # a sharp: the natural a semitone below, notes moved up
            below = PITCH_CLASSES[(PITCH_CLASSES.index(key) - 1) % 12]
            if below in v.keys:
                key_tok, transpose, source["key"] = below, 1, "prompt (transposed)"
            else:
                key_tok, source["key"] = ANY, "model"
        mode_tok = asked["mode"] if asked["mode"] in v.modes else ANY
        source["mode"] = "prompt" if mode_tok != ANY else "model"
        tempo_tok = asked["tempo"] if asked["tempo"] in v.tempos else ANY
        source["tempo"] = "prompt" if tempo_tok != ANY else "model"
        instrument = asked["instrument"]
        if instrument not in v.instruments or instrument not in SYNTHS:
            instrument, source["instrument"] = self.default_instrument, "default"
        else:
            source["instrument"] = "prompt"
        forced_bpm = None
        if asked["bpm"] is not None:
            forced_bpm = min(v.bpms, key=lambda b: abs(b - asked["bpm"]))
        return {
            **asked,
            "tokens": [f"key:{key_tok}", f"mode:{mode_tok}", f"tempo:{tempo_tok}", f"inst:{instrument}"],
            "transpose": transpose,
            "instrument_played": instrument,
            "forced_bpm": forced_bpm,
            "source": source,
        }

    _NEXT = {"tonic": "scale", "scale": "bpm", "bpm": "note"}

    def _allowed(self, state: str) -> torch.Tensor:
        """Boolean mask over the vocabulary of the tokens the grammar allows in ``state``."""
        v = self.vocab
        assert v is not None
        groups = {
            "tonic": list(v.tonics.values()),
            "scale": list(v.scales.values()),
            "bpm": list(v.bpms.values()),
            "note": [*v.degrees.values(), v.rest, v.eos],
            "dur": list(v.durations.values()),
        }
        mask = torch.zeros(self.model.config.vocab_size, dtype=torch.bool)
        mask[groups[state]] = True
        return mask

    @torch.inference_mode()
    def compose(
        self, conditions: list[dict[str, Any]], seeds: list[int], temps: list[float], durations: list[float]
    ) -> list[dict[str, Any]]:
        """Batch-decode, per condition: the key and tempo the model chose and its melody (scale steps, beats)."""
        v = self.vocab
        assert v is not None
        n = len(conditions)
        prefix = [[v.bos] + [v.ids[t] for t in c["tokens"]] for c in conditions]
        dev = self.device
        gens = [torch.Generator(device="cpu").manual_seed(int(s)) for s in seeds]
        masks = {s: self._allowed(s) for s in ("tonic", "scale", "bpm", "note", "dur")}
        inverse = {
            "tonic": {i: t for t, i in v.tonics.items()},
            "scale": {i: t for t, i in v.scales.items()},
            "bpm": {i: b for b, i in v.bpms.items()},
            "note": {i: d for d, i in v.degrees.items()},
            "dur": {i: d for d, i in v.durations.items()},
        }
        out = [{"tonic": None, "scale": None, "bpm": 0, "degrees": [], "tokens": 0, "ended": False} for _ in range(n)]
        state = ["tonic"] * n
        pending: list[int | None] = [None] * n
        beats = [0.0] * n
        done = [False] * n
        past, cur = None, torch.tensor(prefix, device=dev)
        for _step in range(self.max_positions - len(prefix[0])):
            res = self.model(input_ids=cur, use_cache=True, **{self._cache_kw: past})
            past = getattr(res, self._cache_kw)
            logits = res.logits[:, -1, :].float().cpu()
            nxt = []
            for i in range(n):
                if done[i]:
                    nxt.append(v.eos)
                    continue
                o, st = out[i], state[i]
                forced = conditions[i].get("forced_bpm")
                if st == "bpm" and forced is not None:
                    t = v.bpms[forced]
                else:
                    row = logits[i].masked_fill(~masks[st], float("-inf"))
                    if st == "note" and not o["degrees"]:
                        row[v.eos] = float("-inf")  # at least one note
                    if temps[i] <= 0:
                        t = int(row.argmax())
                    else:
                        t = int(torch.multinomial((row / temps[i]).softmax(-1), 1, generator=gens[i]))
                o["tokens"] += 1
                nxt.append(t)
                if st in self._NEXT:
                    o[st], state[i] = inverse[st][t], self._NEXT[st]
                elif st == "note":
                    if t == v.eos:
                        done[i] = o["ended"] = True
                    else:
                        pending[i], state[i] = (None if t == v.rest else inverse["note"][t]), "dur"
                else:
                    d = inverse["dur"][t]
                    o["degrees"].append((pending[i], d))
                    beats[i] += d
                    state[i] = "note"
                    if beats[i] * 60.0 / o["bpm"] >= durations[i]:
                        done[i] = True
            if all(done):
                break
            cur = torch.tensor(nxt, device=dev).unsqueeze(1)
        return out

    def generate(self, requests: list[GenerationRequest], hooks: GenerationHooks | None = None) -> list[GeneratedItem]:
        """Validate all, compose all requests as one batch, then render, watermark and encode each."""
        if not self.loaded:
            self.load()
        params = [self.validate(r.params) for r in requests]
        if not requests:
            return []
        conds = [self.condition(r.prompt) for r in requests]
        durations = [float(p.get("duration", 4.0)) for p in params]
        t0 = time.perf_counter()
        composed = self.compose(
            conds, [r.seed for r in requests], [float(p.get("temperature", 1.0)) for p in params], durations
        )
        compose_s = time.perf_counter() - t0
        items = []
        for i, req in enumerate(requests):
            c = composed[i]
            bpm, shift = c["bpm"], conds[i]["transpose"]
            played_key = PITCH_CLASSES[(PITCH_CLASSES.index(c["tonic"]) + shift) % 12]
            notes: list[Note] = [
                (None if d is None else degree_to_midi(d, c["tonic"], c["scale"]) + shift, b) for d, b in c["degrees"]
            ]
            played = list(notes)
            while sum(b for _, b in played) * 60.0 / bpm < durations[i]:  # a short melody repeats
                played += notes
            t1 = time.perf_counter()
            instrument = conds[i]["instrument_played"]
            pcm = render_notes(played, bpm, instrument, durations[i], self.sample_rate, seed=int(req.seed))
            render_s = time.perf_counter() - t1
            data, mime, audio_meta = finish_audio(pcm, self.sample_rate, params[i].get("format", "wav"), hooks)
            cond = {k: conds[i][k] for k in ("key", "mode", "tempo", "bpm", "instrument")}
            cond.update(
                tokens=conds[i]["tokens"],
                source=conds[i]["source"],
                transpose=shift,
                instrument_played=instrument,
                generated_key=played_key,
                generated_mode=c["scale"],
                generated_bpm=bpm,
                generated_tempo=_tempo_word(bpm),
            )
            items.append(
                GeneratedItem(
                    data=data,
                    mime=mime,
                    metadata={
                        "model": self.spec.name,
                        "model_version": self.spec.version,
                        "family": self.spec.family,
                        "modality": "audio",
                        "prompt": req.prompt,
                        "seed": int(req.seed),
                        "params": params[i],
                        "condition": cond,
                        **{k: audio_meta[k] for k in ("sample_rate", "channels", "duration_s", "watermarked")},
                        "audio": audio_meta,
                        "bpm": bpm,
                        "notes": format_notes(notes),
                        "melody_ended": c["ended"],
                        "tokens_generated": c["tokens"],
                        "renderer": f"render_notes({instrument})",
                        "device": self.device,
                        "dtype": self.dtype,
                        "timings": {
                            "batch_size": len(requests),
                            "compose_s": round(compose_s, 4),
                            "compose_per_item_s": round(compose_s / len(requests), 4),
                            "render_s": round(render_s, 4),
                            "encode_s": audio_meta["encode_s"],
                        },
                    },
                )
            )
        return items


def _tempo_word(bpm: float) -> str:
    """The tempo word of a generated BPM (its training range, else the nearest class)."""
    for word, (lo, hi) in TEMPO_BPM.items():
        if lo <= bpm <= hi:
            return word
    return tempo_class(bpm)
