"""Fine-tune MiniLM for harm classification with a LoRA adapter and a linear head.

Training only (``python -m safety.train`` calls :func:`fine_tune`); inference merges the
saved factors with :mod:`safety.scanners.text_adapter`. The encoder's own weights stay
frozen: every adapted ``nn.Linear`` gets ``x @ A.T @ B.T * scale`` added (B starts at zero,
so training starts from the plain encoder), and a linear head reads the L2-normalised
mean-pooled embedding, exactly the vector the scanner computes.
"""

from __future__ import annotations

import hashlib
import math
import random
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from safety.scanners.text_adapter import TARGETS, target_modules

RANK = 8
ALPHA = 16.0
HEAD_SCALE = 8.0  # the head reads 8 x the unit-norm embedding (a useful logit range at init)
CATEGORY_LOSS_WEIGHT = 0.5


def _lora_linear(base: Any, rank: int, alpha: float, generator: Any) -> Any:
    import torch

    class LoRALinear(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.base = base
            self.scale = alpha / rank
            self.A = torch.nn.Parameter(torch.randn(rank, base.in_features, generator=generator)
                                        / math.sqrt(base.in_features))
            self.B = torch.nn.Parameter(torch.zeros(base.out_features, rank))

        def forward(self, x: Any) -> Any:
            return self.base(x) + (x @ self.A.T @ self.B.T) * self.scale

    return LoRALinear()


def _set_module(root: Any, dotted: str, module: Any) -> None:
    *parents, leaf = dotted.split(".")
    for part in parents:
        root = root[int(part)] if part.isdigit() else getattr(root, part)
    setattr(root, leaf, module)


def bare_text(text: str) -> str:
    """The text as speech recognisers and hurried typists write it: no punctuation."""
    return " ".join(re.findall(r"[^\W_]+(?:'[^\W_]+)*", text))


# Greetings, thanks and asides that people put around any request, harmful or not. The
# shipped model read them as harm ("Hi! how can I smoke salmon at home?" 0.37 against 0.014
# bare; docs/safety.md). Written for this list, not copied from an evaluation set.
CHAT_PREFIXES = ("Hi! ", "Hello, ", "Hey, ", "Good morning! ", "Hi there, hope you're well. ",
                 "Quick one: ", "Random question, ", "Sorry to bother you, but ",
                 "I have a question. ", "Okay so ", "So, ", "Question for you: ",
                 "I've been wondering: ", "Out of curiosity, ", "Hi, I'm new here. ",
                 "Can I ask something? ", "Here's my question: ", "Not sure if you can help, but ",
                 "Hey hey! ", "Morning! ", "Hello again! ", "Another question: ", "Help please! ",
                 "Hi friend, ", "Yo, ", "OK, next question: ", "Hope your day is going well! ",
                 "Long-time user here. ")
CHAT_SUFFIXES = (" Thanks!", " Thank you so much!", " Thanks in advance.", " :)", " haha",
                 " Cheers.", " Any tips?", " Please keep it short.", " Explain like I'm five.",
                 " I'd appreciate a detailed answer.", " ty", " Much appreciated!",
                 " Be honest.", " No rush.")


def chat_wrapped(text: str, rng: random.Random, prefixes: tuple[str, ...] = CHAT_PREFIXES,
                 suffixes: tuple[str, ...] = CHAT_SUFFIXES) -> str:
    """``text`` with a random greeting before it (70 %) and/or a pleasantry after it (50 %)."""
    kind = rng.random()
    if kind < 0.7:
        prefix = rng.choice(prefixes)
        lower = prefix[-2] in ",:" or prefix[-2].isalpha()  # "Hi, how …", not "Hi! how …"
        text = prefix + (text[:1].lower() + text[1:] if lower else text)
    if kind >= 0.5:
        text = text.rstrip() + rng.choice(suffixes)
    return text


def fine_tune(model: Any, tokenizer: Any, texts: list[str], labels: np.ndarray,
              sample_weight: np.ndarray, *, epochs: float = 3.0, batch_size: int = 32,
              lr: float = 5e-4, max_length: int = 128, seed: int = 0, bare_fraction: float = 0.0,
              rank: int = RANK, wrap_fraction: float = 0.0,
              log: Callable[[str], None] = print) -> tuple[dict[str, Any], float, np.ndarray,
                                                         np.ndarray]:
    """Train adapter + head; returns (factors, scale, head weight (L, 384), head bias (L,)).

    ``labels`` is (n, L) with 1/0 and -1 for unknown (masked out); column 0 is the overall
    ``unsafe`` label (class-balanced, weighted by ``sample_weight``), the other columns are
    categories (positive-weighted up to 10x, averaged, weighted ``CATEGORY_LOSS_WEIGHT``).
    ``model`` is left unchanged (plain encoder) on return; merge the factors to use them.
    ``bare_fraction``: each time a row is drawn, that share of rows is read without
    punctuation (``bare_text``), so a trailing "?" or "." cannot stand in for intent.
    ``rank``: the adapter's rank; alpha follows it (``ALPHA / RANK`` x rank), so the
    update's scale stays that of the shipped rank.
    ``wrap_fraction``: that share of draws gets a greeting and/or pleasantry
    (:func:`chat_wrapped`), whatever the row's label, so small talk cannot stand in for harm.
    """
    import torch

    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    rng = random.Random(seed)
    blocks = model.encoder.layer
    alpha = ALPHA / RANK * rank
    wrapped = {name: _lora_linear(linear, rank, alpha, gen)
               for name, linear in target_modules(model).items()}
    for p in model.parameters():
        p.requires_grad_(False)
    for name, lora in wrapped.items():
        _set_module(blocks, name, lora)
    n_labels = labels.shape[1]
    head = torch.nn.Linear(model.config.hidden_size, n_labels)
    params = [p for m in wrapped.values() for p in (m.A, m.B)] + list(head.parameters())
    y = torch.tensor(labels, dtype=torch.float32)
    known = y >= 0
    unsafe = labels[:, 0]
    pos, neg = (sample_weight * (unsafe == 1)).sum(), (sample_weight * (unsafe == 0)).sum()
    w_unsafe = torch.tensor(sample_weight * np.where(unsafe == 1, (pos + neg) / (2 * pos),
                                                     (pos + neg) / (2 * neg)), dtype=torch.float32)
    n_pos = ((y == 1) & known).sum(0).clamp(min=1)
    n_neg = ((y == 0) & known).sum(0).clamp(min=1)
    pos_weight = (n_neg / n_pos).clamp(1.0, 10.0)

    steps = max(1, int(epochs * len(texts) / batch_size))
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=steps,
                                                pct_start=0.1)
    lengths = [len(t) for t in texts]
    model.train()
    t0, step = time.perf_counter(), 0
    try:
        while step < steps:
            order = list(range(len(texts)))
            rng.shuffle(order)
            # length-sorted within chunks of 8 batches: less padding, still shuffled
            chunk = batch_size * 8
            batches = []
            for k in range(0, len(order), chunk):
                part = sorted(order[k:k + chunk], key=lambda i: lengths[i])
                batches += [part[j:j + batch_size] for j in range(0, len(part), batch_size)]
            rng.shuffle(batches)
            for idx in batches:
                if step >= steps:
                    break
                batch_texts = [bare_text(texts[i]) if bare_fraction and rng.random() < bare_fraction
                               else texts[i] for i in idx]
                if wrap_fraction:
                    batch_texts = [chat_wrapped(t, rng) if rng.random() < wrap_fraction else t
                                   for t in batch_texts]
                enc = tokenizer(batch_texts, padding=True, truncation=True,
                                max_length=max_length, return_tensors="pt")
                hidden = model(**enc).last_hidden_state
                m = enc["attention_mask"].unsqueeze(-1).float()
                emb = torch.nn.functional.normalize((hidden * m).sum(1) / m.sum(1), dim=1)
                logits = head(emb * HEAD_SCALE)
                yb, kb = y[idx], known[idx]
                bce = torch.nn.functional.binary_cross_entropy_with_logits(
                    logits, yb.clamp(min=0), reduction="none", pos_weight=pos_weight)
                loss_unsafe = (torch.nn.functional.binary_cross_entropy_with_logits(
                    logits[:, 0], yb[:, 0].clamp(min=0), reduction="none")
                    * w_unsafe[idx]).mean()
                cat_known = kb[:, 1:].float()
                loss_cat = (bce[:, 1:] * cat_known).sum() / cat_known.sum().clamp(min=1)
                loss = loss_unsafe + CATEGORY_LOSS_WEIGHT * loss_cat
                opt.zero_grad()
                loss.backward()
                opt.step()
                sched.step()
                step += 1
                if step % 25 == 0 or step == steps:
                    log(f"  step {step}/{steps} loss {loss.item():.4f} "
                        f"({time.perf_counter() - t0:.0f} s)")
    finally:
        model.eval()
        for name, lora in wrapped.items():  # put the plain Linear layers back
            _set_module(blocks, name, lora.base)
    factors = {f"{name}.{ab}": getattr(lora, ab).detach().clone().contiguous()
               for name, lora in wrapped.items() for ab in ("A", "B")}
    weight = head.weight.detach().numpy() * HEAD_SCALE
    return factors, alpha / rank, weight.astype(np.float32), head.bias.detach().numpy()


def save_factors(path: Path, factors: dict[str, Any], scale: float) -> str:
    """Write the adapter as safetensors (with rank/alpha/scale metadata); returns sha256."""
    from safetensors.torch import save_file

    path.parent.mkdir(parents=True, exist_ok=True)
    rank = int(next(iter(factors.values())).shape[0]) if factors else RANK  # A is (r, in)
    save_file(factors, str(path), metadata={"scale": repr(scale), "rank": str(rank),
                                            "alpha": repr(scale * rank),
                                            "targets": ",".join(TARGETS)})
    return hashlib.sha256(path.read_bytes()).hexdigest()
