"""Train the demo audio model (``tunes-audio``): a small GPT-2 that writes melodies for a caption.

Usage: ``python -m generation.zoo.train_audio --out generation/zoo/weights/tunes-audio [--device auto]``

Data: ``zoo/tunes.py`` composes captioned melodies for (key, mode, tempo, instrument);
the model learns the token sequence ``<bos> key mode tempo inst tonic scale bpm (deg dur)*
<eos>`` (grammar in ``backends/audio_symbolic.py``) with the loss on what follows the
condition, the key/tempo header (tonic, scale, bpm) weighted ``header_weight`` x.
Each condition token is replaced by ``...:any`` with probability ``cond_dropout`` so that
prompts naming only some facts still work (the model picks the rest). One instrument per
(key, mode) is held out of training at every tempo (``tunes.is_heldout``).

Output (loaded by the ``symbolic-audio`` loader): ``config.json`` + ``model.safetensors``
(``GPT2LMHeadModel``), ``tokenizer.json`` (a word-level ``PreTrainedTokenizerFast``),
``synth.json`` (sample rate, default instrument) and ``training.json``, which records
held-out token perplexity and the *measured* adherence on held-out captions: the model
generates ``eval_seconds`` of audio for every (key, mode, tempo) with its held-out
instrument x ``eval_seeds`` seeds, and ``backends/audio_analysis`` estimates key and tempo
from the waveform. The same estimator run on the composer's own renders (the data) is
recorded as the ceiling.
"""

from __future__ import annotations

import argparse
import json
import math
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch

from generation.zoo import common, tunes

SCHEMA = "tunes-audio/1"


def build_tokenizer() -> Any:
    """Word-level tokenizer over ``tunes.token_list()`` (whitespace-separated tokens)."""
    from tokenizers import Tokenizer
    from tokenizers.models import WordLevel
    from tokenizers.pre_tokenizers import WhitespaceSplit
    from transformers import PreTrainedTokenizerFast

    from generation.backends.audio_symbolic import BOS, EOS, PAD, UNK

    vocab = {t: i for i, t in enumerate(tunes.token_list())}
    tk = Tokenizer(WordLevel(vocab, unk_token=UNK))
    tk.pre_tokenizer = WhitespaceSplit()
    return PreTrainedTokenizerFast(
        tokenizer_object=tk, bos_token=BOS, eos_token=EOS, pad_token=PAD, unk_token=UNK, model_max_length=1024
    )


def encode(tunes_: list[tunes.Tune], vocab: dict[str, int], seq_len: int) -> torch.Tensor:
    """Token ids, right-padded with the pad id (0) to ``seq_len``; over-long tunes are cut."""
    out = torch.zeros((len(tunes_), seq_len), dtype=torch.long)
    for i, t in enumerate(tunes_):
        ids = [vocab[x] for x in t.tokens()][:seq_len]
        out[i, : len(ids)] = torch.tensor(ids)
    return out


def _batch(
    data: torch.Tensor, idx: torch.Tensor, drop_p: float, any_ids: torch.Tensor, gen: torch.Generator
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """(input ids with condition dropout, attention mask, labels: -100 on the prefix and padding)."""
    x = data[idx].clone()
    if drop_p > 0:
        drop = torch.rand((len(idx), 4), generator=gen) < drop_p
        cond = x[:, 1:5]
        x[:, 1:5] = torch.where(drop, any_ids.expand_as(cond), cond)
    mask = (x != 0).long()
    labels = x.masked_fill(mask == 0, -100)
    labels[:, :5] = -100  # <bos> + condition are given, not predicted
    return x, mask, labels


HEADER = slice(5, 8)  # token positions of tonic, scale, bpm: the condition -> key/tempo decisions


def weighted_loss(logits: torch.Tensor, labels: torch.Tensor, header_weight: float) -> torch.Tensor:
    """Next-token cross-entropy with the key/tempo header tokens weighted ``header_weight`` x.

    The header is 3 of ~65 tokens but carries all of the prompt's key and tempo; weighting it
    makes the model learn to follow the condition within a few hundred steps.
    """
    logits, tgt = logits[:, :-1].float(), labels[:, 1:]
    ce = torch.nn.functional.cross_entropy(
        logits.reshape(-1, logits.shape[-1]), tgt.reshape(-1), ignore_index=-100, reduction="none"
    ).view_as(tgt)
    w = (tgt != -100).float()
    w[:, HEADER.start - 1 : HEADER.stop - 1] *= header_weight
    return (ce * w).sum() / w.sum().clamp(min=1.0)


@torch.no_grad()
def heldout_nll(model: Any, data: torch.Tensor, device: str, batch_size: int = 64) -> float:
    model.eval()
    total, count = 0.0, 0
    for s in range(0, len(data), batch_size):
        x = data[s : s + batch_size].to(device)
        mask = (x != 0).long()
        logits = model(input_ids=x, attention_mask=mask).logits[:, :-1].float()
        tgt = x[:, 1:].masked_fill(mask[:, 1:] == 0, -100)
        tgt[:, :4] = -100
        nll = torch.nn.functional.cross_entropy(
            logits.reshape(-1, logits.shape[-1]), tgt.reshape(-1), ignore_index=-100, reduction="sum"
        )
        total += float(nll)
        count += int((tgt != -100).sum())
    model.train()
    return total / max(1, count)


def measure_adherence(
    source: Path, seeds: int, seconds: float, device: str = "cpu", prompts: list[dict[str, str]] | None = None
) -> dict[str, Any]:
    """Generate held-out captions x seeds through the real backend; estimate key/tempo from the audio."""
    from generation.backends.audio_analysis import adherence, analyze
    from generation.backends.audio_symbolic import SymbolicAudioBackend
    from generation.codecs.audio import decode_audio
    from generation.types import GenerationRequest, ModelSpec

    spec = ModelSpec(
        "tunes-audio-eval",
        "autoregressive",
        "audio",
        "symbolic-audio",
        str(source),
        "eval",
        device=device,
        defaults={"duration": seconds, "temperature": 0.9, "format": "wav"},
    )
    backend = SymbolicAudioBackend(spec)
    backend.load()
    prompts = prompts if prompts is not None else tunes.heldout_prompts()
    reqs = [GenerationRequest(p["prompt"], {}, seed=s) for s in range(seeds) for p in prompts]
    asked = [p for _ in range(seeds) for p in prompts]
    t0 = time.perf_counter()
    items = backend.generate(reqs)
    gen_s = time.perf_counter() - t0
    rows = []
    for item, want in zip(items, asked, strict=True):
        pcm, sr = decode_audio(item.data)
        got = analyze(pcm, sr)
        score = adherence(got, want)
        notes_bpm = item.metadata["bpm"]
        cond = item.metadata["condition"]
        rows.append(
            {
                "key_ok": got["key"] == want["key"] and got["mode"] == want["mode"],
                "tonic_ok": got["key"] == want["key"],
                "mode_ok": got["mode"] == want["mode"],
                "tempo_ok": got["tempo"] == want["tempo"],
                "score": score["score"] if score else 0.0,
                "bpm_token_ok": cond["generated_tempo"] == want["tempo"],
                "header_key_ok": (cond["generated_key"], cond["generated_mode"]) == (want["key"], want["mode"]),
                "symbolic_key_ok": _symbolic_key(item.metadata["notes"]) == (want["key"], want["mode"]),
                "bpm": notes_bpm,
            }
        )
    n = len(rows)

    def rate(k: str) -> float:
        return round(sum(bool(r[k]) for r in rows) / n, 4)

    return {
        "items": n,
        "prompts": len(prompts),
        "seeds": seeds,
        "seconds": seconds,
        "key_accuracy": rate("key_ok"),
        "tonic_accuracy": rate("tonic_ok"),
        "mode_accuracy": rate("mode_ok"),
        "tempo_accuracy": rate("tempo_ok"),
        "key_and_tempo_accuracy": round(sum(r["key_ok"] and r["tempo_ok"] for r in rows) / n, 4),
        "mean_score": round(float(np.mean([r["score"] for r in rows])), 4),
        "generated_bpm_in_asked_range": rate("bpm_token_ok"),
        "generated_key_token_accuracy": rate("header_key_ok"),
        "notes_key_accuracy": rate("symbolic_key_ok"),
        "generate_s_per_audio_second": round(gen_s / (n * seconds), 5),
        "batch_generate_s": round(gen_s, 2),
    }


def _symbolic_key(notes: list[list[Any]]) -> tuple[str, str]:
    """Key of the generated notes themselves (duration-weighted profile): the model's intent, no audio."""
    from generation.backends.audio_analysis import key_correlations
    from generation.backends.audio_common import PITCH_CLASSES

    pcp = np.zeros(12)
    for p, d in notes:
        if p is not None:
            pcp[int(p) % 12] += float(d)
    best = int(np.argmax(key_correlations(pcp)))
    return PITCH_CLASSES[best % 12], "major" if best < 12 else "minor"


def data_ceiling(n: int, seconds: float, seed: int) -> dict[str, float]:
    """The estimator on the composer's own held-out renders: roughly what a model copying the data would score."""
    from generation.backends.audio_analysis import estimate_key, estimate_tempo

    ok_key = ok_tempo = 0
    data = tunes.make_dataset(n, seed, split="heldout")
    for t in data:
        x = t.render(duration=seconds)
        k, tp = estimate_key(x, tunes.SAMPLE_RATE), estimate_tempo(x, tunes.SAMPLE_RATE)
        ok_key += k["key"] == t.key and k["mode"] == t.mode
        ok_tempo += tp["tempo"] == t.tempo
    return {"items": n, "key_accuracy": round(ok_key / n, 4), "tempo_accuracy": round(ok_tempo / n, 4)}


def train(
    out: Path,
    *,
    steps: int = 3000,
    max_minutes: float = 3.5,
    batch_size: int = 32,
    dataset_size: int = 8000,
    seq_len: int = 160,
    n_layer: int = 4,
    n_embd: int = 64,
    n_head: int = 4,
    lr: float = 3e-3,
    cond_dropout: float = 0.15,
    header_weight: float = 4.0,
    eval_seeds: int = 3,
    eval_seconds: float = 4.0,
    samples: bool = True,
    seed: int = 0,
    threads: int = 0,
    device: str = "auto",
    progress: bool = False,
) -> dict[str, Any]:
    """Train, save in the ``symbolic-audio`` layout, measure; returns the training record."""
    from transformers import GPT2Config, GPT2LMHeadModel

    from generation.backends.audio_symbolic import ANY, DEFAULT_INSTRUMENT, SAMPLE_RATE

    common.set_threads(threads)
    dev = str(common.training_device(device))
    torch.manual_seed(seed)
    t_data = time.time()
    tok = build_tokenizer()
    vocab = tok.get_vocab()
    train_tunes = tunes.make_dataset(dataset_size, seed, split="train")
    held_tunes = tunes.make_dataset(max(16, dataset_size // 20), seed + 1, split="heldout")
    data, held = encode(train_tunes, vocab, seq_len), encode(held_tunes, vocab, seq_len)
    data_s = time.time() - t_data
    any_ids = torch.tensor([vocab[f"{n}:{ANY}"] for n in ("key", "mode", "tempo", "inst")])
    config = GPT2Config(
        vocab_size=len(vocab),
        n_positions=seq_len,
        n_embd=n_embd,
        n_layer=n_layer,
        n_head=n_head,
        bos_token_id=tok.bos_token_id,
        eos_token_id=tok.eos_token_id,
        pad_token_id=tok.pad_token_id,
        resid_pdrop=0.0,
        embd_pdrop=0.0,
        attn_pdrop=0.0,
        tie_word_embeddings=True,
    )
    model = GPT2LMHeadModel(config).to(dev)
    model.train()
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW(
        [{"params": decay, "weight_decay": 0.05}, {"params": no_decay, "weight_decay": 0.0}], lr=lr, betas=(0.9, 0.95)
    )
    gen = torch.Generator().manual_seed(seed)
    budget = common.Budget(steps, max_minutes, progress, "tunes-audio")
    run, step = None, 0
    for step in range(1, steps + 1):
        for group in opt.param_groups:
            group["lr"] = lr * common.cosine_lr(budget.fraction(step), warmup_fraction=0.05)
        idx = torch.randint(0, len(data), (batch_size,), generator=gen)
        x, mask, labels = _batch(data, idx, cond_dropout, any_ids, gen)
        width = int(mask.sum(1).max())  # no compute on all-padding columns
        x, mask, labels = x[:, :width].to(dev), mask[:, :width].to(dev), labels[:, :width].to(dev)
        loss = weighted_loss(model(input_ids=x, attention_mask=mask).logits, labels, header_weight)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        run = loss.item() if run is None else 0.98 * run + 0.02 * loss.item()
        budget.tick(loss=run)
        if not progress and step % 100 == 0:
            print(f"step {step} loss {run:.3f} {budget.elapsed:.0f}s", flush=True)
        if budget.out_of_time():
            break
    budget.close()
    train_seconds = budget.elapsed
    nll = heldout_nll(model, held, dev)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    model.eval().to("cpu").save_pretrained(out)
    tok.save_pretrained(out)
    synth = {
        "schema": SCHEMA,
        "sample_rate": SAMPLE_RATE,
        "default_instrument": DEFAULT_INSTRUMENT,
        "instruments": list(tunes.INSTRUMENTS),
        "tempo_bpm": {k: list(v) for k, v in tunes.TEMPO_BPM.items()},
        "keys": list(tunes.KEYS),
        "modes": list(tunes.MODES),
    }
    (out / "synth.json").write_text(json.dumps(synth, indent=2) + "\n")
    t_eval = time.time()
    adherence = measure_adherence(out, eval_seeds, eval_seconds) if eval_seeds > 0 else None
    ceiling = data_ceiling(42 * max(1, eval_seeds), eval_seconds, seed + 2) if eval_seeds > 0 else None
    if samples:
        _write_samples(out)
    record = {
        "command": "python -m generation.zoo.train_audio",
        "args": {
            "steps": steps,
            "max_minutes": max_minutes,
            "batch_size": batch_size,
            "dataset_size": dataset_size,
            "seq_len": seq_len,
            "n_layer": n_layer,
            "n_embd": n_embd,
            "n_head": n_head,
            "lr": lr,
            "cond_dropout": cond_dropout,
            "header_weight": header_weight,
            "eval_seeds": eval_seeds,
            "eval_seconds": eval_seconds,
            "seed": seed,
            "threads": threads,
            "device": dev,
        },
        "data": {
            "description": "procedural captioned melodies (zoo/tunes.py); one instrument per key/mode held out",
            "train_tunes": len(train_tunes),
            "heldout_tunes": len(held_tunes),
            "mean_tokens": round(float((data != 0).sum(1).float().mean()), 1),
            "build_seconds": round(data_s, 1),
        },
        "steps_done": step,
        "final_train_loss_ema": round(run or float("nan"), 4),
        "heldout_nll": round(nll, 4),
        "heldout_perplexity": round(math.exp(nll), 3),
        "train_seconds": round(train_seconds, 1),
        "eval_seconds_wall": round(time.time() - t_eval, 1),
        "parameters": sum(p.numel() for p in model.parameters()),
        "adherence": adherence,
        "estimator_on_data": ceiling,
    }
    common.write_record(out, record)
    return record


SAMPLE_PROMPTS = (
    ("a fast melody in A minor played on a plucked string", "fast-a-minor-string"),
    ("a slow melody in C major played on a flute", "slow-c-major-flute"),
    ("a medium melody in E minor on a bell", "medium-e-minor-bell"),
)


def _write_samples(out: Path) -> None:
    """A few 4 s MP3s of the trained model (seed 0), to listen to."""
    from generation.backends.audio_symbolic import SymbolicAudioBackend
    from generation.types import GenerationRequest, ModelSpec

    spec = ModelSpec(
        "tunes-audio-samples",
        "autoregressive",
        "audio",
        "symbolic-audio",
        str(out),
        "samples",
        device="cpu",
        defaults={"duration": 4.0, "temperature": 0.9, "format": "mp3"},
    )
    items = SymbolicAudioBackend(spec).generate([GenerationRequest(p, {}, seed=0) for p, _ in SAMPLE_PROMPTS])
    folder = out / "samples"
    folder.mkdir(exist_ok=True)
    for item, (_, name) in zip(items, SAMPLE_PROMPTS, strict=True):
        (folder / f"{name}.mp3").write_bytes(item.data)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=Path("generation/zoo/weights/tunes-audio"))
    p.add_argument("--steps", type=int, default=3000)
    p.add_argument("--max-minutes", type=float, default=3.5)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--dataset-size", type=int, default=8000)
    p.add_argument("--n-layer", type=int, default=4)
    p.add_argument("--n-embd", type=int, default=64)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--header-weight", type=float, default=4.0)
    p.add_argument("--eval-seeds", type=int, default=3)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto")
    p.add_argument("--progress", action="store_true")
    a = p.parse_args(argv)
    common.run_cli(train, a)


if __name__ == "__main__":
    main()
