"""The green-list watermark in a plain-text upload, read with each text model's own tokenizer.

Text has no payload to carry a generation id: the mark says only that a model of this service
wrote the text under this service's key. It is found by re-tokenising the text with the
tokenizer of each causal-LM model in the registry (only the tokenizer and config load, never
the weights) and testing the green-list statistic; the model whose tokenizer finds it is named.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

from provenance import detect_text_watermark
from server.generations import runtime

logger = logging.getLogger(__name__)
TEXT_LOADER = "transformers-causal-lm"  # the backend that applies the green list while sampling
MAX_TEXT_CHARS = 20_000  # a longer upload is read up to here: thousands of tokens, plenty for a verdict


@functools.lru_cache(maxsize=16)
def _tokenizer(name: str, version: str) -> tuple[Any, int] | None:
    """(tokenizer, vocabulary size of the model) for one model version; None if it cannot load."""
    from transformers import AutoConfig, AutoTokenizer

    try:
        root = runtime.request_validator(name).local_source("transformers checkpoints")
        tokenizer = AutoTokenizer.from_pretrained(root, local_files_only=True)
        vocab = int(AutoConfig.from_pretrained(root, local_files_only=True).vocab_size)
    except Exception as exc:  # a model that cannot load its tokenizer cannot be checked here
        logger.warning("text watermark check: model %s has no loadable tokenizer: %s", name, exc)
        return None
    return tokenizer, vocab


def text_watermark_section(data: bytes) -> dict[str, Any]:
    """The verify report's ``watermark`` section for UTF-8 text."""
    text = data.decode("utf-8", errors="replace")[:MAX_TEXT_CHARS]
    key = runtime.watermark_key()
    best: dict[str, Any] | None = None
    for spec in sorted(runtime.model_registry().values(), key=lambda s: s.name):
        if spec.loader != TEXT_LOADER:
            continue
        loaded = _tokenizer(spec.name, spec.version)
        if loaded is None:
            continue
        tokenizer, vocab = loaded
        ids = [i for i in tokenizer(text, add_special_tokens=False)["input_ids"] if 0 <= i < vocab]
        detection = detect_text_watermark(ids, key, vocab)
        found = {"checked": True, "found": bool(detection.found), "alg": detection.alg, "payload": None,
                 "confidence": round(1.0 - float(detection.p_value), 6), "model": spec.name,
                 "z_score": round(float(detection.z_score), 3), "tokens_scored": detection.tokens_scored}
        if detection.found:
            return found
        if best is None or found["z_score"] > best["z_score"]:
            best = found
    if best is None:
        return {"checked": False, "found": False, "alg": None, "payload": None, "confidence": 0.0,
                "reason": "no text model with a loadable tokenizer is configured"}
    return best
