"""Keyed green-list text watermark (Kirchenbauer et al., 2023), small and self-contained.

At each step the previous token seeds (via HMAC-SHA256 under the service key) a
pseudo-random split of the vocabulary; a fraction ``gamma`` is "green" and gets
``delta`` added to its logits. Detection counts green tokens and reports the one-sided
z-score against the ``gamma`` expected of unwatermarked text.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

ALG = "org.responsible-gen.wm.text-greenlist.v1"
Z_THRESHOLD = 4.0
MIN_TOKENS = 16
_LABEL = b"org.responsible-gen.wm.text.v1/greenlist"


@dataclass(frozen=True)
class TextDetection:
    found: bool
    z_score: float
    p_value: float
    tokens_scored: int
    alg: str = ALG


def _check(key: bytes, vocab_size: int, gamma: float) -> None:
    if not isinstance(key, (bytes, bytearray)) or len(key) < 16:
        raise ValueError("watermark key must be at least 16 bytes")
    if vocab_size < 2 or not 0.0 < gamma < 1.0:
        raise ValueError("need vocab_size >= 2 and 0 < gamma < 1")


@lru_cache(maxsize=8192)
def green_mask(key: bytes, prev_token: int, vocab_size: int, gamma: float) -> np.ndarray:
    """Boolean mask of the green tokens that may follow ``prev_token``."""
    seed = hmac.new(key, _LABEL + int(prev_token).to_bytes(8, "big", signed=True), hashlib.sha256).digest()
    rng = np.random.default_rng(int.from_bytes(seed[:16], "big"))
    mask = np.zeros(vocab_size, dtype=bool)
    mask[rng.permutation(vocab_size)[: int(gamma * vocab_size)]] = True
    mask.flags.writeable = False
    return mask


def make_text_watermark_processor(key: bytes, vocab_size: int, gamma: float = 0.25, delta: float = 2.0):
    """A ``transformers.LogitsProcessor`` that adds ``delta`` to the keyed green list."""
    import torch
    from transformers import LogitsProcessor

    _check(key, vocab_size, gamma)
    key = bytes(key)

    class GreenListLogitsProcessor(LogitsProcessor):
        def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
            if input_ids.shape[-1] == 0:
                return scores
            bias = torch.zeros_like(scores)
            for row, prev in enumerate(input_ids[:, -1].tolist()):
                mask = torch.from_numpy(green_mask(key, prev, vocab_size, gamma).copy())
                bias[row, : vocab_size][mask[: scores.shape[-1]]] = delta
            return scores + bias

    return GreenListLogitsProcessor()


def detect_text_watermark(token_ids: list[int], key: bytes, vocab_size: int, gamma: float = 0.25) -> TextDetection:
    """Score every token after the first against the green list its predecessor selects."""
    _check(key, vocab_size, gamma)
    key = bytes(key)
    ids = [int(t) for t in token_ids]
    n = max(len(ids) - 1, 0)
    if n == 0:
        return TextDetection(False, 0.0, 1.0, 0)
    green = sum(
        1
        for prev, tok in zip(ids, ids[1:], strict=False)
        if 0 <= tok < vocab_size and green_mask(key, prev, vocab_size, gamma)[tok]
    )
    z = (green - gamma * n) / math.sqrt(n * gamma * (1 - gamma))
    p = 0.5 * math.erfc(z / math.sqrt(2))
    return TextDetection(found=bool(z >= Z_THRESHOLD and n >= MIN_TOKENS), z_score=z, p_value=p, tokens_scored=n)
