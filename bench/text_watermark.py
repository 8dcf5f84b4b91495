"""Text watermark: detection rate at a 0.1% false-positive rate, and its cost in perplexity.

Usage: .venv/bin/python bench/text_watermark.py [--n 30] [--tokens 200]

Generates n continuations of --tokens tokens with the demo model tiny-lm, with and without
the green-list processor (same prompts and seeds), scores each with the detector, and
reports: detection rate at z >= 3.09 (one-sided p = 0.001, i.e. FPR 0.1% under the null),
the measured false-positive rate on the unwatermarked texts, mean z, and the perplexity
of each set under the model itself (the watermark's quality cost).
"""

from __future__ import annotations

import argparse
import math
import statistics

import torch

from generation import GenerationHooks, GenerationRequest, get_backend, load_registry
from provenance import detect_text_watermark, make_text_watermark_processor

Z_AT_FPR_0_1_PERCENT = 3.09
PROMPTS = ["The module provides", "This function returns", "Raise an exception if", "The default value of",
           "Use this class to", "A list of", "If the file", "Return a new"]


def perplexity(model, prompt_ids: list[int], ids: list[int]) -> float:
    with torch.inference_mode():
        full = torch.tensor([prompt_ids + ids])
        logits = model(full).logits[0, len(prompt_ids) - 1:-1]
        logp = torch.log_softmax(logits.float(), dim=-1).gather(1, torch.tensor(ids)[:, None])
    return math.exp(-float(logp.mean()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--tokens", type=int, default=200)
    args = parser.parse_args()
    backend = get_backend(load_registry()["tiny-lm"])
    backend.load()
    vocab = int(backend.model.config.vocab_size)
    key = b"bench-text-watermark-key-0123456789"
    rows = {"watermarked": [], "plain": []}
    for i in range(args.n):
        prompt = PROMPTS[i % len(PROMPTS)]
        request = GenerationRequest(prompt, {"max_new_tokens": args.tokens, "temperature": 1.0, "top_p": 1.0}, seed=i)
        for label, hooks in (("watermarked", GenerationHooks([make_text_watermark_processor(key, vocab)])),
                             ("plain", None)):
            (item,) = backend.generate([request], hooks)
            ids = item.metadata["token_ids"]
            detection = detect_text_watermark(ids, key, vocab)
            prompt_ids = backend.tokenizer(prompt)["input_ids"]
            rows[label].append((detection.z_score, len(ids), perplexity(backend.model, prompt_ids, ids)))
    print(f"tiny-lm, {args.n} continuations per set, up to {args.tokens} tokens, temperature 1.0\n")
    print("| set | mean tokens | mean z | detected at z >= 3.09 (FPR 0.1%) | median perplexity |")
    print("|---|---:|---:|---:|---:|")
    for label, values in rows.items():
        zs, lengths, ppl = zip(*values, strict=True)
        rate = sum(z >= Z_AT_FPR_0_1_PERCENT for z in zs) / len(zs)
        print(f"| {label} | {statistics.mean(lengths):.0f} | {statistics.mean(zs):.2f} | {rate:.1%} | "
              f"{statistics.median(ppl):.1f} |")


if __name__ == "__main__":
    main()
