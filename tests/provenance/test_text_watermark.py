"""Green-list text watermark on a tiny random GPT-2 built in the test."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from provenance import detect_text_watermark, make_text_watermark_processor  # noqa: E402

VOCAB = 200
KEY = b"text-watermark-key-0123456789abcdef"


@pytest.fixture(scope="module")
def model():
    torch.manual_seed(0)
    cfg = transformers.GPT2Config(vocab_size=VOCAB, n_positions=256, n_embd=64, n_layer=2, n_head=2)
    return transformers.GPT2LMHeadModel(cfg).eval()


def _generate(model, processor, seed: int, n: int = 120) -> list[int]:
    torch.manual_seed(seed)
    prompt = torch.tensor([[seed % VOCAB, (seed * 7) % VOCAB]])
    kwargs = {"logits_processor": transformers.LogitsProcessorList([processor])} if processor else {}
    out = model.generate(prompt, do_sample=True, max_new_tokens=n, min_new_tokens=n, top_k=0, pad_token_id=0, **kwargs)
    return out[0, prompt.shape[1] - 1 :].tolist()


def test_watermarked_text_is_found_and_plain_is_not(model) -> None:
    proc = make_text_watermark_processor(KEY, VOCAB)
    for seed in range(3):
        marked = _generate(model, proc, seed)
        det = detect_text_watermark(marked, KEY, VOCAB)
        assert det.found and det.z_score > 4 and det.tokens_scored >= 100 and det.p_value < 1e-4
        assert not detect_text_watermark(marked, b"another-key-of-sufficient-length", VOCAB).found
        plain = detect_text_watermark(_generate(model, None, seed + 10), KEY, VOCAB)
        assert not plain.found and abs(plain.z_score) < 3


def test_short_or_bad_input() -> None:
    assert not detect_text_watermark([1, 2, 3], KEY, VOCAB).found
    assert detect_text_watermark([], KEY, VOCAB).tokens_scored == 0
    with pytest.raises(ValueError):
        detect_text_watermark([1, 2], b"short", VOCAB)
