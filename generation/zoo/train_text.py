"""Train the demo text model (``tiny-lm``): a byte-level BPE tokenizer and a small GPT-2, offline.

Usage: ``python -m generation.zoo.train_text --out generation/zoo/weights/tiny-lm``

Corpus: the docstrings of the Python standard library installed with this interpreter
(``ast.get_docstring`` of every module, class and function under ``sysconfig``'s stdlib
path, tests, idlelib and site-packages excluded) -- English technical prose that exists on
every machine, no download. Split by file: a file whose path hashes to 0 mod 10 is held out.
Tokenizer: ``tokenizers`` ByteLevel BPE trained on the training split, wrapped as a
``PreTrainedTokenizerFast`` (``<|endoftext|>`` is bos/eos/pad). Model: ``GPT2LMHeadModel``
(4 layers, d=128, 4 heads, 256 positions) trained on random 128-token windows of the
concatenated training docs (each doc ends with ``<|endoftext|>``).
``training.json`` records the held-out perplexity of the model and of a unigram model
(add-one smoothed token frequencies of the training split) on the same held-out tokens.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import math
import sysconfig
import warnings
from pathlib import Path
from typing import Any

import torch

from generation.zoo import common

EOS = "<|endoftext|>"
_SKIP_PARTS = {"test", "tests", "idlelib", "site-packages", "lib2to3", "__pycache__", "turtledemo", "dist-packages"}


def stdlib_docstrings(max_files: int | None = None, min_chars: int = 40) -> tuple[list[str], list[str], dict[str, Any]]:
    """(train docs, held-out docs, facts) from the stdlib's docstrings, in a deterministic order."""
    root = Path(sysconfig.get_paths()["stdlib"])
    files = sorted(p for p in root.rglob("*.py") if not (_SKIP_PARTS & set(p.relative_to(root).parts)))
    if max_files is not None:
        files = files[:max_files]
    train, held = [], []
    for path in files:
        rel = path.relative_to(root).as_posix()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
        docs = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                doc = ast.get_docstring(node, clean=True)
                if doc and len(doc) >= min_chars:
                    docs.append(doc.strip())
        bucket = held if int(hashlib.sha256(rel.encode()).hexdigest(), 16) % 10 == 0 else train
        bucket.extend(docs)
    digest = hashlib.sha256("\x00".join(train + held).encode()).hexdigest()
    facts = {
        "root": str(root),
        "files": len(files),
        "train_docs": len(train),
        "heldout_docs": len(held),
        "train_chars": sum(map(len, train)),
        "heldout_chars": sum(map(len, held)),
        "sha256": digest,
    }
    return train, held, facts


def train_tokenizer(docs: list[str], vocab_size: int):
    """Byte-level BPE (``tokenizers``) wrapped as a transformers fast tokenizer."""
    from tokenizers import ByteLevelBPETokenizer
    from transformers import PreTrainedTokenizerFast

    bpe = ByteLevelBPETokenizer(add_prefix_space=False)
    bpe.train_from_iterator(docs, vocab_size=vocab_size, min_frequency=2, special_tokens=[EOS], show_progress=False)
    return PreTrainedTokenizerFast(
        tokenizer_object=bpe._tokenizer,
        bos_token=EOS,
        eos_token=EOS,
        unk_token=EOS,
        pad_token=EOS,
        model_max_length=256,
    )


def _stream(tok, docs: list[str]) -> torch.Tensor:
    ids: list[int] = []
    for enc in tok(docs, add_special_tokens=False)["input_ids"]:
        ids.extend(enc)
        ids.append(tok.eos_token_id)
    return torch.tensor(ids, dtype=torch.long)


@torch.no_grad()
def heldout_nll(model, stream: torch.Tensor, seq_len: int, max_windows: int) -> tuple[float, torch.Tensor]:
    """Mean NLL (nats/token) over non-overlapping windows; returns it and the target tokens scored."""
    model.eval()
    n_win = min(max_windows, (len(stream) - 1) // seq_len)
    total, count, targets = 0.0, 0, []
    for w in range(0, n_win, 16):
        xs = torch.stack([stream[i * seq_len : (i + 1) * seq_len] for i in range(w, min(n_win, w + 16))])
        logits = model(xs).logits[:, :-1].float()
        tgt = xs[:, 1:]
        nll = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), tgt.reshape(-1), reduction="sum")
        total += nll.item()
        count += tgt.numel()
        targets.append(tgt.reshape(-1))
    model.train()
    return total / max(1, count), torch.cat(targets) if targets else torch.empty(0, dtype=torch.long)


def unigram_nll(train_stream: torch.Tensor, targets: torch.Tensor, vocab_size: int) -> float:
    counts = torch.bincount(train_stream, minlength=vocab_size).double() + 1.0
    logp = (counts / counts.sum()).log()
    return float(-logp[targets].mean())


def train(
    out: Path,
    *,
    steps: int = 3000,
    max_minutes: float = 6.0,
    batch_size: int = 16,
    seq_len: int = 128,
    vocab_size: int = 3000,
    n_layer: int = 4,
    n_embd: int = 128,
    n_head: int = 4,
    lr: float = 3e-3,
    max_files: int | None = None,
    eval_windows: int = 400,
    seed: int = 0,
    threads: int = 0,
    progress: bool = False,
    init_from: Path | None = None,
) -> dict[str, Any]:
    """Train (or with ``init_from``, continue training a saved model with its own tokenizer)."""
    from transformers import AutoTokenizer, GPT2Config, GPT2LMHeadModel

    common.set_threads(threads)
    torch.manual_seed(seed)
    train_docs, held_docs, corpus = stdlib_docstrings(max_files)
    if not held_docs:  # tiny corpora (quick mode): hold out every tenth doc instead
        held_docs, train_docs = train_docs[::10], [d for i, d in enumerate(train_docs) if i % 10]
    if init_from is not None:
        tok = AutoTokenizer.from_pretrained(init_from, local_files_only=True)
    else:
        tok = train_tokenizer(train_docs, vocab_size)
    tok.model_max_length = 1_000_000  # the streams are long; windows are cut below
    train_stream, held_stream = _stream(tok, train_docs), _stream(tok, held_docs)
    tok.model_max_length = 256
    config = GPT2Config(
        vocab_size=len(tok),
        n_positions=256,
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
    model = GPT2LMHeadModel.from_pretrained(init_from) if init_from is not None else GPT2LMHeadModel(config)
    model.train()
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    opt = torch.optim.AdamW(
        [{"params": decay, "weight_decay": 0.05}, {"params": no_decay, "weight_decay": 0.0}], lr=lr, betas=(0.9, 0.95)
    )
    gen = torch.Generator().manual_seed(seed)
    budget = common.Budget(steps, max_minutes, progress, "tiny-lm")
    run, step = None, 0
    hi = len(train_stream) - seq_len - 1
    for step in range(1, steps + 1):
        for group in opt.param_groups:
            group["lr"] = lr * common.cosine_lr(budget.fraction(step), warmup_fraction=0.05)
        starts = torch.randint(0, max(1, hi), (batch_size,), generator=gen)
        xs = torch.stack([train_stream[s : s + seq_len] for s in starts.tolist()])
        loss = model(xs, labels=xs).loss
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        run = loss.item() if run is None else 0.98 * run + 0.02 * loss.item()
        budget.tick(loss=run)
        if not progress and step % 50 == 0:
            print(f"step {step} loss {run:.3f} {budget.elapsed:.0f}s", flush=True)
        if budget.out_of_time():
            break
    budget.close()
    train_seconds = budget.elapsed
    nll, targets = heldout_nll(model, held_stream, seq_len, eval_windows)
    uni = unigram_nll(train_stream, targets, len(tok))
    out.mkdir(parents=True, exist_ok=True)
    model.eval().save_pretrained(out)
    tok.save_pretrained(out)
    sample_ids = tok("Return the", return_tensors="pt")["input_ids"]
    sample_ids = torch.cat([torch.tensor([[tok.bos_token_id]]), sample_ids], dim=1)
    with torch.no_grad():
        sample = model.generate(sample_ids, max_new_tokens=30, do_sample=False, pad_token_id=tok.pad_token_id)
    record = {
        "command": "python -m generation.zoo.train_text",
        "args": {
            "steps": steps,
            "max_minutes": max_minutes,
            "batch_size": batch_size,
            "seq_len": seq_len,
            "vocab_size": vocab_size,
            "n_layer": n_layer,
            "n_embd": n_embd,
            "n_head": n_head,
            "lr": lr,
            "max_files": max_files,
            "seed": seed,
            "threads": threads,
            "init_from": str(init_from) if init_from else None,
        },
        "corpus": {
            **corpus,
            "description": "docstrings of the Python standard library; held out by file hash",
            "train_tokens": len(train_stream),
            "heldout_tokens": len(held_stream),
        },
        "steps_done": step,
        "tokens_seen": step * batch_size * seq_len,
        "final_train_loss_ema": round(run or float("nan"), 4),
        "heldout_tokens_scored": int(targets.numel()),
        "heldout_nll": round(nll, 4),
        "heldout_perplexity": round(math.exp(nll), 2),
        "unigram_heldout_perplexity": round(math.exp(uni), 2),
        "train_seconds": round(train_seconds, 1),
        "parameters": sum(p.numel() for p in model.parameters()),
        "greedy_sample": tok.decode(sample[0, 1:]),
    }
    common.write_record(out, record)
    return record


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=Path("generation/zoo/weights/tiny-lm"))
    p.add_argument("--steps", type=int, default=3000)
    p.add_argument("--max-minutes", type=float, default=6.0)
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--vocab-size", type=int, default=3000)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--progress", action="store_true")
    p.add_argument("--seq-len", type=int, default=128)
    p.add_argument("--init-from", type=Path, default=None, help="continue training a saved model (keeps its tokenizer)")
    a = p.parse_args(argv)
    common.run_cli(train, a)


if __name__ == "__main__":
    main()
