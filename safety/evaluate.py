"""Evaluate the engine on normalized JSONL prompt sets, exactly as the service scans.

    python -m safety.evaluate FILE... [--context text|image] [--json] [--policy TOML]

Each row needs ``text`` and ``unsafe`` (true/false; null rows are skipped). A row counts as
flagged when ``engine.scan_prompt(text, context)`` decides review or block. AUPRC ranks
rows by their highest harm-category score (every scanned score except ``profanity``,
which the policy never blocks on). The server wraps :func:`evaluate_files` in
``manage.py safety_eval``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from safety.engine import SafetyEngine
from safety.policy import Policy
from safety.results import Verdict

KEYS = ("n", "tp", "fp", "tn", "fn", "precision", "recall", "fpr", "f1", "auprc")
NOT_HARM = frozenset({"profanity"})


def risk_score(verdict: Verdict) -> float:
    """Highest harm-category score over the scanned scans (0 when nothing scored)."""
    best = 0.0
    for s in verdict.scans:
        if s.status == "scanned":
            for cat, v in s.scores.items():
                if cat not in NOT_HARM:
                    best = max(best, float(v))
    if verdict.decision == "block" and not any(s.status == "scanned" for s in verdict.scans):
        best = 1.0
    return best


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with Path(path).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def metrics(labels: list[bool], flagged: list[bool], scores: list[float]) -> dict[str, Any]:
    """The fixed key set for one file (precision/recall/fpr/f1 None when undefined)."""
    tp = sum(1 for y, f in zip(labels, flagged, strict=True) if y and f)
    fp = sum(1 for y, f in zip(labels, flagged, strict=True) if not y and f)
    fn = sum(1 for y, f in zip(labels, flagged, strict=True) if y and not f)
    tn = sum(1 for y, f in zip(labels, flagged, strict=True) if not y and not f)
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    fpr = fp / (fp + tn) if fp + tn else None
    f1 = (2 * precision * recall / (precision + recall)
          if precision is not None and recall is not None and precision + recall else
          (0.0 if precision is not None and recall is not None else None))
    auprc = None
    if 0 < sum(labels) < len(labels):
        from sklearn.metrics import average_precision_score

        auprc = float(average_precision_score([int(y) for y in labels], scores))

    def rnd(v: float | None) -> float | None:
        return None if v is None else round(v, 4)

    return {"n": len(labels), "tp": tp, "fp": fp, "tn": tn, "fn": fn,
            "precision": rnd(precision), "recall": rnd(recall), "fpr": rnd(fpr),
            "f1": rnd(f1), "auprc": rnd(auprc)}


def evaluate_files(paths: list[Path], engine: SafetyEngine,
                   context: str) -> dict[str, dict[str, Any]]:
    """Per file (keyed by file name): n, tp, fp, tn, fn, precision, recall, fpr, f1, auprc.

    ``context`` is the generation modality passed to ``scan_prompt`` ("text", "image").
    """
    out: dict[str, dict[str, Any]] = {}
    for path in paths:
        labels: list[bool] = []
        flagged: list[bool] = []
        scores: list[float] = []
        for row in read_jsonl(Path(path)):
            if row.get("unsafe") is None:
                continue
            v = engine.scan_prompt(str(row.get("text") or ""), context)
            labels.append(bool(row["unsafe"]))
            flagged.append(v.decision in ("review", "block"))
            scores.append(risk_score(v))
        out[Path(path).name] = metrics(labels, flagged, scores)
    return out


def _table(results: dict[str, dict[str, Any]]) -> str:
    head = "| file | " + " | ".join(KEYS) + " |"
    lines = [head, "|---|" + "---:|" * len(KEYS)]
    for name, m in results.items():
        lines.append(f"| {name} | " + " | ".join("-" if m[k] is None else str(m[k])
                                                  for k in KEYS) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m safety.evaluate",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--context", default="text", choices=("text", "image"))
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--policy", type=Path, default=None, help="policy TOML (default: shipped)")
    parser.add_argument("--threads", type=int, default=None, help="torch CPU threads")
    args = parser.parse_args(argv)
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    policy = Policy.from_toml(args.policy) if args.policy else Policy.default()
    engine = SafetyEngine(policy, scanner_timeout_s=None)
    engine.warm_up()
    results = evaluate_files(args.files, engine, args.context)
    print(json.dumps(results, indent=2) if args.json else _table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
