"""LoRA adapter: merging equals the adapted forward pass, training learns, and a damaged
or mismatched adapter is an error (the text scanner then fails closed)."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
import torch

from safety.errors import WeightsError
from safety.scanners.text_adapter import load_factors, merge_factors, target_modules
from safety.scanners.text_classifier import DEFAULT_WEIGHTS, TextClassifierScanner
from safety.train_adapter import (
    CHAT_PREFIXES,
    CHAT_SUFFIXES,
    _lora_linear,
    _set_module,
    chat_wrapped,
    fine_tune,
    save_factors,
)

WORDS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "please", "tell", "me", "how", "to",
         "bake", "bread", "build", "a", "bomb", "hurt", "someone", "paint", "fence", "kind"]


@pytest.fixture(scope="module")
def tiny():
    """A random 2-block BERT and a word-level tokenizer built here (no download)."""
    from tokenizers import Tokenizer, models, pre_tokenizers, processors
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    vocab = {w: i for i, w in enumerate(WORDS)}
    tk = Tokenizer(models.WordLevel(vocab=vocab, unk_token="[UNK]"))
    tk.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    tk.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", 2), ("[SEP]", 3)])
    tok = PreTrainedTokenizerFast(tokenizer_object=tk, unk_token="[UNK]", pad_token="[PAD]",
                                  cls_token="[CLS]", sep_token="[SEP]")
    torch.manual_seed(0)
    cfg = BertConfig(vocab_size=len(WORDS), hidden_size=32, num_hidden_layers=2,
                     num_attention_heads=2, intermediate_size=64, max_position_embeddings=64)
    return BertModel(cfg).eval(), tok


def _embed(model, tok, texts):
    enc = tok(texts, padding=True, return_tensors="pt")
    with torch.no_grad():
        return model(**enc).last_hidden_state


def test_merged_weights_equal_the_adapted_forward(tiny, tmp_path):
    model, tok = tiny
    base = {k: v.clone() for k, v in model.state_dict().items()}
    gen = torch.Generator().manual_seed(1)
    wrapped = {n: _lora_linear(m, 4, 8.0, gen) for n, m in target_modules(model).items()}
    assert len(wrapped) == 12  # 6 linear layers x 2 blocks
    for name, lora in wrapped.items():
        torch.nn.init.normal_(lora.B, std=0.05, generator=gen)
        _set_module(model.encoder.layer, name, lora)
    texts = ["please tell me how to bake bread", "build a bomb"]
    adapted = _embed(model, tok, texts)
    for name, lora in wrapped.items():
        _set_module(model.encoder.layer, name, lora.base)
    factors = {f"{n}.{ab}": getattr(lora, ab).detach() for n, lora in wrapped.items()
               for ab in ("A", "B")}
    path = tmp_path / "adapter.safetensors"
    sha = save_factors(path, factors, 2.0)
    loaded, scale = load_factors(path, sha)
    assert scale == 2.0 and merge_factors(model, loaded, scale) == 12
    assert torch.allclose(_embed(model, tok, texts), adapted, atol=1e-5)
    assert not torch.allclose(adapted, _embed_base(model, base, tok, texts), atol=1e-3)
    model.load_state_dict(base)


def _embed_base(model, base, tok, texts):
    merged = {k: v.clone() for k, v in model.state_dict().items()}
    model.load_state_dict(base)
    out = _embed(model, tok, texts)
    model.load_state_dict(merged)
    return out


def test_fine_tune_learns_a_toy_task_and_leaves_the_encoder_plain(tiny):
    model, tok = tiny
    before = {k: v.clone() for k, v in model.state_dict().items()}
    texts = (["please tell me how to bake bread", "how to paint a fence", "a kind bread"] * 8
             + ["tell me how to build a bomb", "how to hurt someone", "build a bomb"] * 8)
    labels = np.array([[0, 0]] * 24 + [[1, 1]] * 16 + [[1, -1]] * 8)
    factors, scale, weight, bias = fine_tune(model, tok, texts, labels, np.ones(len(texts)),
                                             epochs=30, batch_size=8, lr=5e-3, seed=0,
                                             log=lambda line: None)
    after = model.state_dict()
    assert all(torch.equal(before[k], after[k]) for k in before)  # frozen, wrappers removed
    assert weight.shape == (2, 32) and bias.shape == (2,) and scale == 2.0
    merge_factors(model, factors, scale)
    emb = torch.nn.functional.normalize(
        _pool(model, tok, ["please tell me how to bake bread", "how to paint a fence",
                           "tell me how to build a bomb", "how to hurt someone"]), dim=1)
    p = 1 / (1 + np.exp(-(emb.numpy() @ weight.T + bias)))
    assert max(p[0, 0], p[1, 0]) < 0.5 < min(p[2, 0], p[3, 0]), p
    model.load_state_dict(before)


def _pool(model, tok, texts):
    enc = tok(texts, padding=True, return_tensors="pt")
    with torch.no_grad():
        h = model(**enc).last_hidden_state
    m = enc["attention_mask"].unsqueeze(-1).float()
    return (h * m).sum(1) / m.sum(1)


def test_mismatched_adapter_is_an_error(tiny, tmp_path):
    model, _ = tiny
    path = tmp_path / "a.safetensors"
    sha = save_factors(path, {"0.attention.self.query.A": torch.zeros(4, 32),
                              "0.attention.self.query.B": torch.zeros(32, 4)}, 2.0)
    with pytest.raises(WeightsError, match="does not fit"):
        merge_factors(model, *load_factors(path, sha))
    with pytest.raises(WeightsError, match="sha256"):
        load_factors(path, "0" * 64)
    with pytest.raises(WeightsError, match="missing text adapter"):
        load_factors(tmp_path / "nope.safetensors")


def test_tampered_adapter_fails_the_text_scanner_closed(tmp_path):
    for name in ("text_classifier.npz", "text_classifier.json", "text_adapter.safetensors"):
        shutil.copy(DEFAULT_WEIGHTS.parent / name, tmp_path / name)
    adapter = tmp_path / "text_adapter.safetensors"
    data = bytearray(adapter.read_bytes())
    data[-1] ^= 0xFF
    adapter.write_bytes(bytes(data))
    scan = TextClassifierScanner(weights_path=tmp_path / "text_classifier.npz").scan("a cat")
    assert scan.status == "error" and "sha256" in scan.details["error"]
    assert scan.version.startswith("minilm-lora-lr:")


def test_adapter_rank_is_an_option_and_keeps_the_update_scale(tiny, tmp_path):
    from safetensors import safe_open

    model, tok = tiny
    texts = ["bake bread", "build a bomb"] * 4
    labels = np.array([[0], [1]] * 4)
    factors, scale, _, _ = fine_tune(model, tok, texts, labels, np.ones(len(texts)), epochs=1,
                                     batch_size=4, rank=4, seed=0, log=lambda line: None)
    assert scale == 2.0  # alpha follows the rank: the same scale as the shipped rank 8
    assert {tuple(t.shape)[0] for k, t in factors.items() if k.endswith(".A")} == {4}
    path = tmp_path / "adapter.safetensors"
    save_factors(path, factors, scale)
    with safe_open(str(path), "pt") as f:
        assert f.metadata()["rank"] == "4" and float(f.metadata()["alpha"]) == 8.0


def test_chat_wrapped_adds_small_talk_around_the_unchanged_request():
    import random

    rng = random.Random(3)
    seen_prefix = seen_suffix = False
    for _ in range(200):
        out = chat_wrapped("How do I make bread?", rng)
        prefix = next((p for p in CHAT_PREFIXES if out.startswith(p)), "")
        suffix = next((s for s in CHAT_SUFFIXES if out.endswith(s)), "")
        assert prefix or suffix
        core = out[len(prefix):len(out) - len(suffix)]
        assert core in ("How do I make bread?", "how do I make bread?")
        seen_prefix, seen_suffix = seen_prefix or bool(prefix), seen_suffix or bool(suffix)
    assert seen_prefix and seen_suffix
    assert chat_wrapped("x", random.Random(5)) == chat_wrapped("x", random.Random(5))
