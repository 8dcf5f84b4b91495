"""Shared fixtures: models load once per test session (MiniLM ~7 s, NudeNet ~1 s)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from safety import Policy, SafetyEngine


@pytest.fixture(autouse=True)
def _plain_http():
    """Shadow the root conftest's Django-settings fixture: safety tests need no Django
    (and must also run with ``-p no:django``)."""


@pytest.fixture(scope="session")
def policy() -> Policy:
    return Policy.default()


@pytest.fixture(scope="session")
def engine(policy: Policy) -> SafetyEngine:
    eng = SafetyEngine(policy, device="cpu")
    eng.warm_up()
    return eng


@pytest.fixture(scope="session")
def benign_png() -> bytes:
    """A 256x256 synthetic landscape: sky gradient, green hill, a yellow sun."""
    img = Image.new("RGB", (256, 256))
    px = img.load()
    for y in range(256):
        for x in range(256):
            if (x - 200) ** 2 + (y - 50) ** 2 < 400:
                px[x, y] = (250, 220, 40)
            elif y > 170 + 20 * ((x / 256) - 0.5) ** 2 * 4:
                px[x, y] = (40, 140 + y % 30, 50)
            else:
                px[x, y] = (90, 150, 200 + y // 8)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture(scope="session")
def tiny_guard():
    """A tiny random GPT-2 with a word-level tokenizer over the Llama Guard prompt's words:
    real transformers loading and generation for the ``llama-guard`` scanner, no weights."""
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import GPT2Config, GPT2LMHeadModel, PreTrainedTokenizerFast

    from safety.scanners.llama_guard import build_prompt

    words = sorted(set(build_prompt("how do I bake bread").split()) | {
        "safe", "unsafe", "S1", "S10", ",", "[UNK]", "[PAD]", "[EOS]"})
    vocab = {w: i for i, w in enumerate(words)}
    tk = Tokenizer(models.WordLevel(vocab=vocab, unk_token="[UNK]"))
    tk.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=tk, unk_token="[UNK]",
                                        pad_token="[PAD]", eos_token="[EOS]")
    torch.manual_seed(0)
    model = GPT2LMHeadModel(GPT2Config(vocab_size=len(vocab), n_positions=512, n_embd=32,
                                       n_layer=1, n_head=2))
    return model, tokenizer
