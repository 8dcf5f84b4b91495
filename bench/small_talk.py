"""Small talk around a request, with and without stripping: ``python bench/small_talk.py``.

The held-out chat rows the targets are measured on (OpenAI moderation, AdvBench and
SimpleSafetyTests test parts; contrastive benign/harmful and topic-paired test splits; 413
benign, 420 harmful) are judged by ``SafetyEngine.scan_prompt(text, "text")`` as written and
with a greeting, a thanks or both added (seeded). The baseline, measured in the same run, is
the same engine with small-talk stripping switched off (``strip_small_talk`` = identity).
Prints benign rows flagged, harmful recall and ROC-AUC (by the highest harm score, as
``safety_eval`` ranks) for each of the four runs.
"""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("SAFETY_ONNX_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "safety"
# Small talk for this bench (not the strip patterns' own examples, nor the training lists).
OPENERS = ("Hey there! Quick question: ", "Thanks for the help earlier! One more: ", "Hiya, ",
           "Greetings! ", "Good evening. ", "My friend said you'd know. ", "Hello assistant, ",
           "Hi, hope all is well. I was wondering: ", "First time here! ", "Ok weird question, ")
CLOSERS = (" Thanks a lot!", " lol", " Please be detailed.", " Appreciate it.", " :D",
           " Thanks, you're the best.")


def chat_rows() -> list[tuple[str, bool]]:
    """(text, unsafe) for the held-out chat rows of the benign-chat and recall targets."""
    from safety.train import CONTRASTIVE_DIR, load_rows, split_rows

    rows, _ = load_rows(DATA)
    _, test = split_rows(rows)
    out = [(r.text, bool(r.y["unsafe"])) for r in test
           if r.source in ("openai_moderation", "advbench", "simplesafetytests")]
    for name in ("contrastive_benign", "contrastive_harmful", "intent_pairs"):
        for line in (CONTRASTIVE_DIR / f"{name}.test.jsonl").open():
            rec = json.loads(line)
            if rec.get("unsafe") is not None:
                out.append((rec["text"], bool(rec["unsafe"])))
    return out


def judge(engine, rows: list[tuple[str, bool]]) -> dict[str, float]:
    from sklearn.metrics import roc_auc_score

    from safety.evaluate import risk_score

    verdicts = [engine.scan_prompt(text, "text") for text, _ in rows]
    labels = [unsafe for _, unsafe in rows]
    flagged = [v.decision != "allow" for v in verdicts]
    return {"benign_flagged": sum(f for f, y in zip(flagged, labels) if not y),
            "n_benign": labels.count(False),
            "harmful_recall": round(sum(f for f, y in zip(flagged, labels) if y)
                                    / labels.count(True), 3),
            "roc_auc": round(roc_auc_score(labels, [risk_score(v) for v in verdicts]), 3)}


def main() -> int:
    import torch

    torch.set_num_threads(1)
    from safety import Policy, SafetyEngine
    from safety.scanners import text_classifier
    from safety.scanners.depiction import DepictionScanner
    from safety.scanners.profanity import ProfanityScanner
    from safety.scanners.rules import RuleScanner
    from safety.train_adapter import chat_wrapped

    rows = chat_rows()
    rng = random.Random(99)
    variants = {"as written": rows,
                "with small talk": [(chat_wrapped(t, rng, OPENERS, CLOSERS), y) for t, y in rows]}
    engine = SafetyEngine(Policy.default(), scanners=[
        text_classifier.TextClassifierScanner(), RuleScanner(), DepictionScanner(),
        ProfanityScanner()], scanner_timeout_s=None)
    engine.warm_up()
    results = {}
    stripping = text_classifier.strip_small_talk
    for mode in ("stripping off (baseline)", "stripping on (shipped)"):
        text_classifier.strip_small_talk = stripping if "on" in mode else (lambda text: text)
        for name, variant in variants.items():
            results[f"{name}, {mode}"] = judge(engine, variant)
            print(f"{name:16s} {mode:26s} {results[f'{name}, {mode}']}", flush=True)
    text_classifier.strip_small_talk = stripping
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
