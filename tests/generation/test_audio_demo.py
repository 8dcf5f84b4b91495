"""The committed demo audio model ``tunes-audio`` through the registry, its scorer and its trainer."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import torch

from generation import GenerationHooks, GenerationRequest, InvalidParameters, get_backend, load_registry
from generation.backends.audio_analysis import estimate_key, estimate_tempo
from generation.backends.audio_common import parse_music_prompt
from generation.codecs.audio import decode_audio
from generation.quality import generate_with_quality, score_quality
from generation.zoo import tunes

PROMPT = "a fast melody in A minor played on a plucked string"


@pytest.fixture(scope="module")
def backend():
    torch.set_num_threads(1)
    spec = replace(load_registry()["tunes-audio"], device="cpu")
    b = get_backend(spec)
    b.load()
    return b


def test_checkpoint_is_small_and_recorded():
    spec = load_registry()["tunes-audio"]
    root = Path(spec.source)
    assert (spec.family, spec.modality, spec.loader) == ("autoregressive", "audio", "symbolic-audio")
    assert (root / "model.safetensors").stat().st_size <= 3_000_000
    record = json.loads((root / "training.json").read_text())
    assert record["steps_done"] > 0 and record["adherence"]["items"] >= 42
    assert record["adherence"]["key_accuracy"] > 1 / 14 and record["adherence"]["tempo_accuracy"] > 1 / 3


def test_generates_wav_and_mp3_with_metadata(backend):
    reqs = [
        GenerationRequest(PROMPT, {}, seed=1),
        GenerationRequest("a slow melody in C major on a flute", {"duration": 2.5, "format": "mp3"}, seed=2),
    ]
    wav, mp3 = backend.generate(reqs)
    assert (wav.mime, mp3.mime) == ("audio/wav", "audio/mpeg")
    meta = wav.metadata
    assert (meta["sample_rate"], meta["channels"], meta["duration_s"], meta["watermarked"]) == (22050, 1, 4.0, False)
    cond = meta["condition"]
    assert (cond["key"], cond["mode"], cond["tempo"], cond["instrument"]) == ("A", "minor", "fast", "string")
    assert cond["tokens"] == ["key:A", "mode:minor", "tempo:fast", "inst:string"]
    assert meta["notes"] and all(isinstance(d, float) for _, d in meta["notes"])
    for item, seconds in ((wav, 4.0), (mp3, 2.5)):
        pcm, rate = decode_audio(item.data)
        assert rate == 22050 and abs(len(pcm) / rate - seconds) < 0.03 and np.abs(pcm).max() > 0.3
    assert backend.generate([reqs[0]])[0].data == wav.data  # the seed, not the batch, decides
    assert backend.generate([GenerationRequest(PROMPT, {}, seed=7)])[0].data != wav.data


def test_watermark_hook_is_applied_before_encoding(backend):
    calls = []

    def mark(pcm, rate):
        calls.append((pcm.dtype, pcm.shape, rate))
        return pcm * 0.5

    req = GenerationRequest(PROMPT, {"duration": 2.0}, seed=3)
    (marked,) = backend.generate([req], GenerationHooks(audio_watermark=mark))
    (plain,) = backend.generate([req])
    assert calls == [(np.float32, (44100,), 22050)]
    assert marked.metadata["watermarked"] and not plain.metadata["watermarked"]
    a, b = decode_audio(marked.data)[0], decode_audio(plain.data)[0]
    assert np.allclose(a, b * 0.5, atol=2e-4)


def test_params_are_validated(backend):
    with pytest.raises(InvalidParameters, match="duration must be a number between 2.0 and 10.0"):
        backend.generate([GenerationRequest(PROMPT, {"duration": 11})])
    with pytest.raises(InvalidParameters, match="temperature must be a number between 0.0 and 2.0"):
        backend.validate({"temperature": 5})
    with pytest.raises(InvalidParameters, match=r"format must be one of \['wav', 'mp3'\]"):
        backend.validate({"format": "ogg"})
    with pytest.raises(InvalidParameters, match="unknown parameter"):
        backend.validate({"steps": 3})


def test_unknown_prompts_and_other_keys_still_play(backend):
    dog, sharp, bpm = backend.generate(
        [
            GenerationRequest("a dog barking in the rain", {"duration": 2}, seed=0),
            GenerationRequest("a tune in F# minor on a bell", {"duration": 2}, seed=0),
            GenerationRequest("organ melody at 100 bpm", {"duration": 2, "temperature": 0.0}, seed=0),
        ]
    )
    c = dog.metadata["condition"]
    assert c["key"] is None and c["tokens"] == ["key:any", "mode:any", "tempo:any", "inst:string"]
    assert c["source"] == {"key": "model", "mode": "model", "tempo": "model", "instrument": "default"}
    assert c["generated_key"] in ("C", "D", "E", "F", "G", "A", "B") and c["generated_mode"] in ("major", "minor")
    s = sharp.metadata["condition"]
    assert s["tokens"][0] == "key:F" and s["transpose"] == 1 and s["source"]["key"] == "prompt (transposed)"
    assert bpm.metadata["bpm"] == 100 and bpm.metadata["condition"]["tempo"] == "medium"
    assert score_quality(backend.spec, GenerationRequest("x"), dog) is None  # nothing asked, nothing scored


def test_quality_scores_measured_adherence(backend):
    reqs = [GenerationRequest(PROMPT, {}, seed=s) for s in range(2)]
    items = generate_with_quality(backend, reqs)
    for item in items:
        assert item.metadata["quality_scorer"] == "music-key-tempo" and 0.0 <= item.metadata["quality"] <= 1.0
        assert 1 <= item.metadata["attempts"] <= backend.spec.quality["max_attempts"]


def test_estimator_reads_key_and_tempo_of_rendered_tunes():
    data = tunes.make_dataset(28, seed=11, split="heldout")
    keys = tempos = 0
    for t in data:
        x = t.render(duration=6.0)
        k, tp = estimate_key(x, tunes.SAMPLE_RATE), estimate_tempo(x, tunes.SAMPLE_RATE)
        keys += (k["key"], k["mode"]) == (t.key, t.mode)
        tempos += tp["tempo"] == t.tempo
    assert keys / len(data) >= 0.75 and tempos / len(data) >= 0.85


def test_prompt_parsing():
    assert parse_music_prompt(PROMPT) == {
        "key": "A",
        "mode": "minor",
        "tempo": "fast",
        "bpm": None,
        "instrument": "string",
    }
    assert parse_music_prompt("a calm tune in a minor key")["key"] is None  # "in a" is the article
    assert parse_music_prompt("Bb major chimes at 150 bpm")["key"] == "A#"
    for t in tunes.make_dataset(20, seed=3):
        got = parse_music_prompt(t.caption)
        assert (got["key"], got["mode"], got["tempo"], got["instrument"]) == (t.key, t.mode, t.tempo, t.instrument)


def test_quick_training_then_load(tmp_path):
    from generation import ModelSpec
    from generation.zoo.train_audio import measure_adherence, train

    record = train(
        tmp_path, steps=3, dataset_size=32, batch_size=4, n_layer=1, n_embd=16, n_head=2, eval_seeds=0, samples=False
    )
    assert record["steps_done"] == 3 and record["heldout_perplexity"] > 1
    spec = ModelSpec(
        "q",
        "autoregressive",
        "audio",
        "symbolic-audio",
        str(tmp_path),
        "0",
        device="cpu",
        defaults={"duration": 1.0, "temperature": 1.0, "format": "wav"},
    )
    (item,) = get_backend(spec).generate([GenerationRequest(PROMPT, {}, seed=0)])
    assert item.mime == "audio/wav" and item.metadata["duration_s"] == 1.0
    report = measure_adherence(tmp_path, seeds=1, seconds=1.0, prompts=tunes.heldout_prompts()[:3])
    assert report["items"] == 3 and 0.0 <= report["mean_score"] <= 1.0
