"""Train the text classifier: ``python -m safety.train [--data DIR] [--out DIR] [--epochs N]``.

What it does, and why it is honest:

* Rows: OpenAI moderation (labelled rows only; ``unsafe=null`` rows are dropped because
  by construction they carry no positive flag), AdvBench, SimpleSafetyTests (harmful),
  PartiPrompts and a seeded COCO subsample (benign), so classes are balanced-ish.
* One seeded split, stratified by (source, label): 80 % train, 20 % test. The test part
  is touched once, after the model and thresholds are fixed.
* Labels: ``unsafe`` for every row, and per-category labels where the data says so
  (OpenAI flags, SimpleSafetyTests harm areas, benign rows are 0 everywhere); unknown
  category labels are masked, never guessed.
* Contrastive rows (``safety/data/contrastive_{benign,harmful}.jsonl`` and the
  topic-paired ``intent_pairs.jsonl``, built by ``python -m safety.data.build_contrastive``):
  benign chat-style requests and statements with sensitive words, harmful ones phrased
  politely, plainly or as role-play, so the head cannot separate "request" from "caption"
  nor learn vocabulary, and benign tasks in AdvBench's instruction forms (``task_forms``),
  so it cannot learn the form. They keep their own fixed split (by template, topic or form)
  and weigh ``CONTRASTIVE_FILES[name]`` times a shared row. Within each request form (the
  first two words), the minority class is up-weighted toward the majority's weight
  (:func:`form_balanced_weights`), so the form alone does not predict the label. Harmful rows with a hazard code
  get category labels from it (:data:`HAZARD_POSITIVES`, :data:`HAZARD_UNKNOWN`).
* The model: a rank-8 LoRA adapter on every linear layer of MiniLM plus a linear head on
  the normalised mean-pooled embedding (:mod:`safety.train_adapter`), fine-tuned on 75 %
  of the train part (the *fit* rows). A head on frozen embeddings learned "chat versus
  caption"; fine-tuning the encoder lets it learn harm. The shipped head keeps the jointly
  trained ``unsafe`` row; its category rows are refit on the adapted embeddings of the fit
  rows as per-label logistic regressions (C by 5-fold cross-validation), which rank the
  categories better than the jointly trained head.
* The review/block thresholds are chosen on the other 25 % of the train part (the
  *calibration* rows), which neither the adapter nor the head saw, scored exactly as the
  scanner scores them.
* Writes ``weights/text_adapter.safetensors`` (1.3 MB), ``weights/text_classifier.npz`` +
  ``.json`` (version = sha256 of the npz; the json records the adapter's sha256) and
  ``weights/text_classifier_metrics.json`` (test-split metrics, FPR on held-out benign
  image prompts, including unused COCO captions).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from safety.policy import DEFAULT_POLICY_PATH
from safety.policy_thresholds import write_policy_thresholds
from safety.scanners.text_adapter import load_factors, merge_factors
from safety.scanners.text_classifier import (
    DEFAULT_WEIGHTS,
    LinearHead,
    MiniLMEmbedder,
    adapter_of,
    embed,
    load_embedder,
    minilm_path,
    resolve_device,
    score_texts,
)
from safety.taxonomy import map_external
from safety.train_adapter import RANK, fine_tune, save_factors

# The shared data sets sit beside the repository (../shared/data/safety); SAFETY_DATA_DIR overrides.
DEFAULT_DATA = Path(os.environ.get("SAFETY_DATA_DIR",
                                   Path(__file__).resolve().parents[2] / "shared" / "data" / "safety"))
SEED = 20240601
TEST_SIZE = 0.2
COCO_SAMPLE = 1500
EXTRA_COCO_FPR = 5000  # unused COCO captions scored for a tighter benign FPR estimate
CATEGORY_LABELS = ("S1_violent_crimes", "S2_non_violent_crimes", "S4_child_sexual_exploitation",
                   "S10_hate", "S11_suicide_self_harm", "S12_sexual_content", "harassment",
                   "sexual_minors")
LABELS = ("unsafe", *CATEGORY_LABELS)
C_GRID = (0.5, 2.0, 8.0)
CALIB_SIZE = 0.25      # share of the train part kept for choosing thresholds
MIN_CALIB_POSITIVES = 5  # fewer category positives in calibration: conservative thresholds
EPOCHS = 7.0
LEARNING_RATE = 5e-4
WRAP_FRACTION = 0.0  # share of training draws wrapped in small talk (see fine_tune)
BARE_FRACTION = 0.0  # share of training draws read without punctuation (see fine_tune)
ADAPTER_NAME = "text_adapter.safetensors"
BLOCK_FPR = 0.01   # unsafe: block threshold keeps calibration false positives <= 1 %
REVIEW_FPR = 0.03  # unsafe: review threshold <= 3 %
# Per-context ``unsafe`` thresholds (policy [context_thresholds.prompt.<modality>]):
# text/chat prompts are judged against chat-style benign rows, image prompts against
# benign image prompts (captions), each at its own calibration false-positive budget.
CONTEXT_FPR = {"text": {"review": 0.04, "block": 0.01},
               "image": {"review": 0.004, "block": 0.002}}
# Text review threshold may go lower (up to this calibration FPR) to reach REQUEST_RECALL on the
# harmful *request* rows (AdvBench, SimpleSafetyTests, contrastive harmful).
TEXT_REVIEW_MAX_FPR = 0.07
REQUEST_RECALL = 0.95
HARMFUL_REQUEST_SOURCES = ("advbench", "simplesafetytests", "contrastive")
CHAT_BENIGN_SOURCES = ("openai_moderation", "contrastive")
# Per-category review floor: eight categories share one false-positive budget, so each
# gets an eighth of it (text: ~2 % in all, i.e. no chat-benign calibration row at all).
CATEGORY_MAX_FPR = {"text": 0.0025, "image": 0.002}
# Sexual content involving minors is the one harm no policy may allow, so a miss costs far more
# than a held prompt: its two labels share a larger review budget (1 % of benign chat rows,
# 0.5 % each; they are near-duplicates, so 1 % each let child-safety tags reach drug requests
# that name a minor) and block stays at the best-F1 threshold. Romance between a young child
# and an adult, which has no sexual word for the classifier to see, is a rule
# (safety/scanners/rules.py "child+adult-romance").
CHILD_SAFETY_LABELS = ("S4_child_sexual_exploitation", "sexual_minors")
CHILD_SAFETY_MAX_FPR = {"text": 0.005, "image": 0.002}
# Within a chat-style form, the minority class weighs up to this many times more (see
# :func:`form_balanced_weights`).
FORM_BALANCE_CAP = 3.0
CONTRASTIVE_DIR = Path(__file__).resolve().parent / "data"
# Project-made rows and their loss weight relative to a shared row. The small template sets
# weigh 3x so they are heard next to ~3,000 shared rows; the topic-paired set is large
# enough to weigh 1x (at 3x it outweighed the shared sets; see docs/safety.md); the task-form
# set (166 rows, benign only) weighs 2x, set once and not tuned. ``web_text.jsonl``,
# ``form_pairs.jsonl`` and ``fresh_topics.jsonl`` are for evaluation only: training on any of
# them made the other held-out results worse (docs/safety.md).
CONTRASTIVE_FILES = {"contrastive_benign.jsonl": 3.0, "contrastive_harmful.jsonl": 3.0,
                     "intent_pairs.jsonl": 1.0, "task_forms.jsonl": 2.0}
# Hazard codes on project-made harmful rows (``category``, e.g. "S2") -> head labels that are
# 1, and labels left unknown because the code overlaps them (a hate request may also be
# harassment; a sex crime may be sexual content). Every other category label is 0, so the
# head learns that a drug request is not S4 or sexual_minors.
HAZARD_POSITIVES = {"S1": ("S1_violent_crimes",), "S2": ("S2_non_violent_crimes",),
                    "S4": ("S4_child_sexual_exploitation", "sexual_minors"),
                    "S10": ("S10_hate",), "S11": ("S11_suicide_self_harm",),
                    "S12": ("S12_sexual_content",)}
HAZARD_UNKNOWN = {"S1": ("harassment",), "S3": ("S1_violent_crimes", "S12_sexual_content",
                                                 "harassment"),
                  "S5": ("harassment",), "S7": ("harassment", "S2_non_violent_crimes"),
                  "S9": ("S1_violent_crimes",), "S10": ("harassment",),
                  "S12": ("harassment",), "S13": ("S2_non_violent_crimes",),
                  "S14": ("S2_non_violent_crimes",), "S8": ("S2_non_violent_crimes",)}
BENIGN_IMAGE_SOURCES = ("coco30k", "partiprompts")
TEST_SCORES_NAME = "text_classifier_test_scores.json"


@dataclass
class Row:
    """One training example; ``y`` holds 1/0 per label and -1 where unknown."""

    id: str
    text: str
    source: str
    y: dict[str, int] = field(default_factory=dict)
    split: str = ""  # fixed split (contrastive rows); "" = decided by split_rows
    weight: float = 1.0  # loss weight while fine-tuning


def _read(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _labels_for(rec: dict[str, Any]) -> dict[str, int]:
    unsafe = rec["unsafe"]
    y = {label: -1 for label in LABELS}
    y["unsafe"] = int(bool(unsafe))
    if not unsafe:
        return {label: 0 for label in LABELS}  # benign rows are negative for everything
    if rec["source"] == "openai_moderation":
        flags = rec["meta"]["labels"]
        unknown = set(rec["meta"].get("unknown_labels", []))
        for cat in CATEGORY_LABELS:
            srcs = [f for f in ("S", "S3", "H", "H2", "HR", "SH", "V", "V2")
                    if cat in map_external("openai_eval_flags", f)]
            if not srcs:
                continue
            if any(flags.get(f) == 1 for f in srcs):
                y[cat] = 1
            elif all(f not in unknown and flags.get(f) == 0 for f in srcs):
                y[cat] = 0
    elif rec["source"] == "simplesafetytests":
        for area in rec["categories"]:
            for cat in map_external("simplesafetytests", area):
                if cat in y:
                    y[cat] = 1
    return y


def _contrastive_labels(rec: dict[str, Any]) -> dict[str, int]:
    """Labels of a project-made row: benign rows are 0 everywhere; a harmful row with a
    hazard code gets its categories from HAZARD_POSITIVES/HAZARD_UNKNOWN, one without
    keeps its categories unknown."""
    if not rec["unsafe"]:
        return dict.fromkeys(LABELS, 0)
    y = {label: -1 for label in LABELS}
    y["unsafe"] = 1
    code = rec.get("category") or ""
    if code:
        y.update(dict.fromkeys(CATEGORY_LABELS, 0))
        y.update(dict.fromkeys(HAZARD_UNKNOWN.get(code, ()), -1))
        y.update(dict.fromkeys(HAZARD_POSITIVES.get(code, ()), 1))
    return y


def load_rows(data_dir: Path = DEFAULT_DATA, seed: int = SEED) -> tuple[list[Row], list[Row]]:
    """(rows used for train/test, unused COCO rows for the extra FPR estimate)."""
    rows: list[Row] = []
    for name in ("openai_moderation", "advbench", "simplesafetytests", "partiprompts"):
        for rec in _read(data_dir / f"{name}.jsonl"):
            if rec["unsafe"] is None:
                continue
            rows.append(Row(rec["id"], rec["text"], rec["source"], _labels_for(rec)))
    coco = sorted(_read(data_dir / "coco30k.jsonl"), key=lambda r: r["id"])
    random.Random(seed).shuffle(coco)
    used = [Row(r["id"], r["text"], r["source"], _labels_for(r)) for r in coco[:COCO_SAMPLE]]
    extra = [Row(r["id"], r["text"], r["source"], _labels_for(r))
             for r in coco[COCO_SAMPLE:COCO_SAMPLE + EXTRA_COCO_FPR]]
    contrastive = []
    for name, weight in CONTRASTIVE_FILES.items():
        path = CONTRASTIVE_DIR / name
        if path.is_file():
            for rec in _read(path):
                y = _contrastive_labels(rec)
                contrastive.append(Row(rec["id"], rec["text"], "contrastive", y, rec["split"],
                                       weight))
    return rows + used + contrastive, extra


def split_rows(rows: list[Row], seed: int = SEED, test_size: float = TEST_SIZE,
               keep_fixed: bool = True) -> tuple[list[Row], list[Row]]:
    """Seeded split stratified by (source, unsafe); with ``keep_fixed``, rows with a fixed
    split (contrastive templates) keep it, else every row is split like the others."""
    from sklearn.model_selection import train_test_split

    free = [r for r in rows if not (keep_fixed and r.split)]
    strata = [f"{r.source}:{r.y['unsafe']}" for r in free]
    first, second = train_test_split(free, test_size=test_size, random_state=seed,
                                     stratify=strata)
    if not keep_fixed:
        return list(first), list(second)
    return (list(first) + [r for r in rows if r.split == "train"],
            list(second) + [r for r in rows if r.split == "test"])


def form_key(text: str) -> str:
    """A request's form: its first two words ("how do", "write a", "tell me")."""
    return " ".join(re.findall(r"[a-z']+", text.lower())[:2])


def form_balanced_weights(rows: list[Row], cap: float = FORM_BALANCE_CAP) -> np.ndarray:
    """Row weights with each chat-style form's minority class up-weighted (at most ``cap``x)
    toward the weight of its majority class, so that the form alone does not predict the
    label. By loss weight the fit rows had "how do ..." 164 : 28 benign : harmful and
    "tell me ..." 1 : 19; the model learned the forms ("How do I cook meth in a trailer?"
    scored 0.17). A form with no row on one side cannot be balanced by weights and is left
    as it is."""
    weights = np.array([r.weight for r in rows], dtype=float)
    totals: dict[str, list[float]] = {}
    keys = [form_key(r.text) if r.source not in BENIGN_IMAGE_SOURCES else "" for r in rows]
    for r, k, w in zip(rows, keys, weights, strict=True):
        if k:
            totals.setdefault(k, [0.0, 0.0])[r.y["unsafe"]] += w
    for i, (r, k) in enumerate(zip(rows, keys, strict=True)):
        if not k:
            continue
        own, other = totals[k][r.y["unsafe"]], totals[k][1 - r.y["unsafe"]]
        if 0 < own < other:
            weights[i] *= min(cap, other / own)
    return weights


def _fit_label(x: np.ndarray, y: np.ndarray, c: float,
               w: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
    clf.fit(x, y, sample_weight=w)
    return clf.coef_[0].astype(np.float32), float(clf.intercept_[0])


def fit_linear_head(x: np.ndarray, ys: np.ndarray, sw: np.ndarray, strata: list[str],
                    seed: int, labels: tuple[str, ...] = LABELS,
                    ) -> tuple[LinearHead, dict[str, float]]:
    """Per-label logistic regression for ``labels`` (rows with unknown labels masked; other
    rows of the head stay zero); C per label from C_GRID by 5-fold cross-validated ROC-AUC
    on these rows only."""
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import StratifiedKFold

    folds = list(StratifiedKFold(n_splits=5, shuffle=True, random_state=seed).split(x, strata))
    weight = np.zeros((len(LABELS), x.shape[1]), dtype=np.float32)
    bias = np.zeros(len(LABELS), dtype=np.float32)
    cs: dict[str, float] = {}
    for j, label in enumerate(LABELS):
        if label not in labels:
            continue
        known = ys[:, j] >= 0
        aucs = {}
        for c in C_GRID:
            oof = np.full(len(x), np.nan)
            for tr, va in folds:
                tr, va = tr[known[tr]], va[known[va]]
                w, b = _fit_label(x[tr], ys[tr, j], c, sw[tr])
                oof[va] = x[va] @ w + b
            aucs[c] = roc_auc_score(ys[known, j], oof[known])
        cs[label] = max(aucs, key=lambda c: aucs[c])
        weight[j], bias[j] = _fit_label(x[known], ys[known, j], cs[label], sw[known])
    return LinearHead(list(LABELS), weight, bias), cs


def _benign_mask(rows: list[Row], context: str) -> np.ndarray:
    srcs = BENIGN_IMAGE_SOURCES if context == "image" else CHAT_BENIGN_SOURCES
    return np.array([r.source in srcs and r.y["unsafe"] == 0 for r in rows])


def _threshold_at_fpr(scores: np.ndarray, y: np.ndarray, fpr: float) -> float:
    neg = np.sort(scores[y == 0])
    if len(neg) == 0:
        return 0.5
    k = int(np.floor(len(neg) * (1 - fpr)))
    return float(min(0.99, neg[min(k, len(neg) - 1)] + 1e-4))


def _category_thresholds(scores: np.ndarray, y: np.ndarray,
                         floor: float = 0.0) -> dict[str, float]:
    """Block at the best out-of-fold F1 threshold (at least 0.5); review where recall
    reaches 0.85 (never above block, at least 0.3 and at least ``floor``, the score that
    keeps benign chat/image prompts within their false-positive budget)."""
    from sklearn.metrics import precision_recall_curve

    prec, rec, thr = precision_recall_curve(y, scores)
    prec, rec = prec[:-1], rec[:-1]
    f1 = 2 * prec * rec / np.maximum(prec + rec, 1e-9)
    idx = int(np.argmax(f1))
    block = float(max(0.5, thr[idx]))
    hit = np.where(rec >= 0.85)[0]
    review = float(thr[hit[-1]]) if len(hit) else block
    review = max(review, floor)
    block = max(block, review)
    return {"review": round(min(max(review, 0.3), block), 4), "block": round(block, 4)}


def _binary_metrics(y: np.ndarray, flagged: np.ndarray) -> dict[str, float]:
    tp = int(((flagged == 1) & (y == 1)).sum())
    fp = int(((flagged == 1) & (y == 0)).sum())
    fn = int(((flagged == 0) & (y == 1)).sum())
    tn = int(((flagged == 0) & (y == 0)).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "fpr": round(fp / (fp + tn), 4) if fp + tn else 0.0,
            "tp": tp, "fp": fp, "fn": fn, "tn": tn}


def evaluate(best: np.ndarray, rows: list[Row], thresholds: dict[str, dict[str, float]],
             extra_benign: np.ndarray | None = None) -> dict[str, Any]:
    """Test-split metrics for the ``unsafe`` label at the block and review thresholds,
    per source, per category (ROC-AUC on rows with known labels) and benign-image FPR."""
    from sklearn.metrics import roc_auc_score

    y = np.array([r.y["unsafe"] for r in rows])
    s = best[:, 0]
    t_block, t_review = thresholds["unsafe"]["block"], thresholds["unsafe"]["review"]
    out: dict[str, Any] = {
        "n": len(rows), "n_unsafe": int(y.sum()),
        "roc_auc": round(float(roc_auc_score(y, s)), 4),
        "at_block": _binary_metrics(y, (s >= t_block).astype(int)),
        "at_review": _binary_metrics(y, (s >= t_review).astype(int)),
        "per_source": {}, "per_category": {},
    }
    sources = np.array([r.source for r in rows])
    for src in sorted(set(sources)):
        m = sources == src
        entry: dict[str, Any] = {"n": int(m.sum()),
                                 "at_block": _binary_metrics(y[m], (s[m] >= t_block).astype(int)),
                                 "at_review": _binary_metrics(y[m],
                                                              (s[m] >= t_review).astype(int))}
        if len(set(y[m])) == 2:
            entry["roc_auc"] = round(float(roc_auc_score(y[m], s[m])), 4)
        out["per_source"][src] = entry
    for j, label in enumerate(LABELS[1:], start=1):
        yc = np.array([r.y[label] for r in rows])
        known = yc >= 0
        if len(set(yc[known])) == 2:
            out["per_category"][label] = {
                "n_known": int(known.sum()), "n_pos": int((yc == 1).sum()),
                "roc_auc": round(float(roc_auc_score(yc[known], best[known, j])), 4),
                "at_block": _binary_metrics(
                    yc[known], (best[known, j] >= thresholds[label]["block"]).astype(int)),
            }
    benign = np.isin(sources, BENIGN_IMAGE_SOURCES)
    out["benign_image_prompts"] = {
        "n": int(benign.sum()),
        "fpr_block": round(float((s[benign] >= t_block).mean()), 4),
        "fpr_review": round(float((s[benign] >= t_review).mean()), 4),
    }
    if extra_benign is not None and len(extra_benign):
        out["benign_image_prompts"]["unused_coco"] = {
            "n": len(extra_benign),
            "fpr_block": round(float((extra_benign[:, 0] >= t_block).mean()), 4),
            "fpr_review": round(float((extra_benign[:, 0] >= t_review).mean()), 4),
        }
    return out


def write_test_scores(path: Path, version: str, rows: list[Row], best: np.ndarray) -> None:
    """Per-row test scores, so tests can check the committed weights cheaply on a sample."""
    scores = {r.id: [round(float(v), 5) for v in best[i]] for i, r in enumerate(rows)}
    path.write_text(json.dumps({"weights_version": version, "labels": list(LABELS),
                                "scores": scores}, sort_keys=True) + "\n")


def export_heldout(out_dir: Path, data_dir: Path = DEFAULT_DATA, seed: int = SEED) -> dict:
    """Write the held-out rows (never trained on, never used for thresholds) as normalized
    JSONL, one file per source, for ``python -m safety.evaluate``. COCO gets its test-split
    rows plus the unused captions. Returns {file name: row count}."""
    rows, extra = load_rows(data_dir, seed)
    _, test = split_rows(rows, seed)
    by_src: dict[str, list[Row]] = {}
    for r in test + extra:
        by_src.setdefault(r.source, []).append(r)
    out_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    for src, part in sorted(by_src.items()):
        name = f"heldout_{src}.jsonl"
        (out_dir / name).write_text("".join(json.dumps(
            {"id": r.id, "text": r.text, "unsafe": bool(r.y["unsafe"]), "source": r.source},
            ensure_ascii=False) + "\n" for r in sorted(part, key=lambda r: r.id)))
        counts[name] = len(part)
    return counts


def rescore(args: argparse.Namespace) -> int:
    """Recompute the metrics file and per-row test scores for the committed head."""
    rows, extra = load_rows(args.data, args.seed)
    _, test = split_rows(rows, args.seed)
    head, meta = LinearHead.load(args.out / DEFAULT_WEIGHTS.name)
    model = load_embedder(args.device, adapter_of(args.out / DEFAULT_WEIGHTS.name, meta))
    test_best, _, _ = score_texts(model, head, [r.text for r in test])
    extra_best, _, _ = score_texts(model, head, [r.text for r in extra])
    path = args.out / "text_classifier_metrics.json"
    report = json.loads(path.read_text())
    report["test"] = evaluate(test_best, test, meta["thresholds"], extra_best)
    report["rescored_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    path.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n")
    write_test_scores(args.out / TEST_SCORES_NAME, meta["version"], test, test_best)
    print(json.dumps(report["test"]["per_source"].get("openai_moderation", {}), indent=1))
    return 0


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_WEIGHTS.parent)
    parser.add_argument("--device", default=None)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--epochs", type=float, default=EPOCHS)
    parser.add_argument("--train-seed", type=int, default=None,
                        help="seed of the adapter's initialisation and batch order only (default "
                             "--seed); the splits stay those of --seed, so runs can be compared "
                             "to measure seed noise")
    parser.add_argument("--bare-fraction", type=float, default=BARE_FRACTION,
                        help="share of training draws read without punctuation (default "
                             f"{BARE_FRACTION})")
    parser.add_argument("--rank", type=int, default=RANK,
                        help=f"the LoRA adapter's rank (default {RANK}; alpha scales with it)")
    parser.add_argument("--lr", type=float, default=LEARNING_RATE,
                        help=f"peak one-cycle learning rate (default {LEARNING_RATE})")
    parser.add_argument("--wrap-fraction", type=float, default=WRAP_FRACTION,
                        help="share of training draws given a random greeting or pleasantry "
                             f"(default {WRAP_FRACTION})")
    parser.add_argument("--no-form-balance", dest="form_balance", action="store_false",
                        help="train with the rows' own weights (no per-form class balance)")
    parser.add_argument("--reuse-adapter", action="store_true",
                        help="keep the committed adapter and the head's unsafe row (trained "
                             "on the same fit rows, same seed); refit the category rows and "
                             "all thresholds")
    parser.add_argument("--export-heldout", type=Path, default=None, metavar="DIR",
                        help="only write the held-out rows as JSONL files to DIR and exit")
    parser.add_argument("--rescore", action="store_true",
                        help="keep the committed head; recompute test metrics and per-row "
                             "test scores with the current scoring code (windowing)")
    args = parser.parse_args(argv)
    if args.train_seed is None:
        args.train_seed = args.seed
    if args.rescore:
        return rescore(args)
    if args.export_heldout:
        print(json.dumps(export_heldout(args.export_heldout, args.data, args.seed), indent=1))
        return 0
    t0 = time.perf_counter()
    np.random.seed(args.seed)

    rows, extra = load_rows(args.data, args.seed)
    train, test = split_rows(rows, args.seed)
    print(f"rows: {len(rows)} (train {len(train)}, test {len(test)}), "
          f"extra coco {len(extra)}", flush=True)
    fit, calib = split_rows(train, args.seed, CALIB_SIZE, keep_fixed=False)
    print(f"train: fit {len(fit)}, calibration {len(calib)}", flush=True)
    model = MiniLMEmbedder(minilm_path(), resolve_device(args.device), runtime="torch")
    sw = (form_balanced_weights(fit) if args.form_balance
          else np.array([r.weight for r in fit]))
    ys = np.array([[r.y[label] for label in LABELS] for r in fit])
    adapter_path = args.out / ADAPTER_NAME
    if args.reuse_adapter:  # same fit rows (same seed); the committed unsafe row is kept
        factors, scale = load_factors(adapter_path)
        adapter_sha = _sha256(adapter_path)
        committed, _ = LinearHead.load(args.out / DEFAULT_WEIGHTS.name)
        unsafe_row = (committed.weight[0], committed.bias[0])
    else:
        factors, scale, weight, bias = fine_tune(
            model.model, model.tokenizer, [r.text for r in fit], ys, sw, epochs=args.epochs,
            seed=args.train_seed, bare_fraction=args.bare_fraction, rank=args.rank,
            lr=args.lr, wrap_fraction=args.wrap_fraction, log=lambda line: print(line, flush=True))
        adapter_sha = save_factors(adapter_path, factors, scale)
        unsafe_row = (weight[0], bias[0])
    adapter_rank = int(next(iter(factors.values())).shape[0])  # A is (rank, in); also when reused
    merge_factors(model.model, factors, scale)  # the scanner's encoder from here on
    print(f"fine-tuned in {time.perf_counter() - t0:.0f} s", flush=True)
    # The head trained with the adapter keeps its ``unsafe`` row (the decision the adapter
    # was trained for), but it ranks the categories worse than per-label logistic
    # regressions on the adapted embeddings and tags harmful requests with unrelated
    # categories, so the category rows are refit: C per label by 5-fold CV on the fit rows.
    x_fit = embed(model, [r.text for r in fit])
    head, cs = fit_linear_head(x_fit, ys, sw, [f"{r.source}:{r.y['unsafe']}" for r in fit],
                               args.seed, labels=CATEGORY_LABELS)
    head.weight[0], head.bias[0] = unsafe_row

    # Thresholds from the calibration rows: never seen by the adapter or the head, scored
    # exactly as the scanner scores (windows, normalised view).
    cal, _, _ = score_texts(model, head, [r.text for r in calib])
    yc = np.array([[r.y[label] for label in LABELS] for r in calib])
    thresholds: dict[str, dict[str, float]] = {
        "unsafe": {"review": round(_threshold_at_fpr(cal[:, 0], yc[:, 0], REVIEW_FPR), 4),
                   "block": round(_threshold_at_fpr(cal[:, 0], yc[:, 0], BLOCK_FPR), 4)},
    }
    context_thresholds: dict[str, dict[str, dict[str, float]]] = {}
    for ctx, budget in CONTEXT_FPR.items():
        neg = _benign_mask(calib, ctx)
        y_ctx = np.where(neg, 0, np.where(yc[:, 0] == 1, 1, -1))
        review = _threshold_at_fpr(cal[:, 0], y_ctx, budget["review"])
        if ctx == "text":
            req = np.array([r.source in HARMFUL_REQUEST_SOURCES and r.y["unsafe"] == 1
                            for r in calib])
            at_recall = float(np.quantile(cal[req, 0], 1 - REQUEST_RECALL))
            review = max(min(review, at_recall),
                         _threshold_at_fpr(cal[:, 0], y_ctx, TEXT_REVIEW_MAX_FPR))
        context_thresholds[ctx] = {"unsafe": {
            "review": round(review, 4),
            "block": round(max(review, _threshold_at_fpr(cal[:, 0], y_ctx, budget["block"])),
                           4)}}
    for j, label in enumerate(LABELS[1:], start=1):
        known = yc[:, j] >= 0
        budget = CHILD_SAFETY_MAX_FPR if label in CHILD_SAFETY_LABELS else CATEGORY_MAX_FPR
        floor = max(_threshold_at_fpr(cal[:, j], np.where(_benign_mask(calib, ctx), 0, -1),
                                      budget[ctx]) for ctx in budget)
        if len(set(yc[known, j])) < 2 or (yc[known, j] == 1).sum() < MIN_CALIB_POSITIVES:
            thresholds[label] = {"review": max(0.9, round(floor, 4)), "block": 0.99}
        else:
            thresholds[label] = _category_thresholds(cal[known, j], yc[known, j], floor)
    calib_metrics = evaluate(cal, calib, thresholds)
    (args.out / "text_classifier_calib_scores.json").write_text(json.dumps(
        {r.id: [r.source, r.y["unsafe"], round(float(cal[i, 0]), 5)]
         for i, r in enumerate(calib)}, sort_keys=True) + "\n")
    test_best, _, _ = score_texts(model, head, [r.text for r in test])
    extra_best, _, _ = score_texts(model, head, [r.text for r in extra])
    metrics = evaluate(test_best, test, thresholds, extra_best)

    counts: dict[str, dict[str, int]] = {}
    for part, part_rows in (("train", train), ("test", test)):
        for r in part_rows:
            c = counts.setdefault(r.source, {"train": 0, "test": 0, "unsafe": 0})
            c[part] += 1
            c["unsafe"] += r.y["unsafe"]
    meta = head.save(args.out / DEFAULT_WEIGHTS.name, {
        "trained_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "seed": args.seed, "test_size": TEST_SIZE, "coco_sample": COCO_SAMPLE,
        "C": cs, "thresholds": thresholds, "context_thresholds": context_thresholds,
        "adapter": {"file": ADAPTER_NAME, "sha256": adapter_sha, "rank": adapter_rank,
                    "alpha": scale * adapter_rank,
                    "epochs": args.epochs, "lr": args.lr, "fit_rows": len(fit), "calibration_rows": len(calib),
                    "train_seed": args.train_seed, "bare_fraction": args.bare_fraction,
                    "wrap_fraction": args.wrap_fraction},
        "data_counts": counts, "contrastive_weights": CONTRASTIVE_FILES,
        "form_balance_cap": FORM_BALANCE_CAP if args.form_balance else None,
        "label_positives_fit": {label: int((ys[:, j] == 1).sum())
                                  for j, label in enumerate(LABELS)},
        "data_files": {p.name: _sha256(p)[:16] for p in sorted(args.data.glob("*.jsonl"))},
        "threshold_rule": {"unsafe": f"calibration-split FPR on negatives: block {BLOCK_FPR}, "
                                     f"review {REVIEW_FPR}",
                           "categories": "block = best calibration F1 (>=0.5), "
                                         "review = recall>=0.85"},
    })
    report = {"weights_version": meta["version"], "trained_at": meta["trained_at"],
              "thresholds": thresholds, "context_thresholds": context_thresholds,
              "test": metrics, "calibration": calib_metrics,
              "seconds": round(time.perf_counter() - t0, 1)}
    (args.out / "text_classifier_metrics.json").write_text(
        json.dumps(report, indent=2, sort_keys=True) + "\n")
    write_test_scores(args.out / TEST_SCORES_NAME, meta["version"], test, test_best)
    m = metrics
    print(f"test: AUC {m['roc_auc']}  block P/R/F1 {m['at_block']['precision']}/"
          f"{m['at_block']['recall']}/{m['at_block']['f1']}  review P/R/F1 "
          f"{m['at_review']['precision']}/{m['at_review']['recall']}/{m['at_review']['f1']}  "
          f"benign-image FPR block/review {m['benign_image_prompts']}")
    print(f"thresholds: {json.dumps(thresholds)}")
    print(f"context thresholds: {json.dumps(context_thresholds)}")
    print(f"wrote {args.out} (version {meta['version'][:16]}) in {report['seconds']}s")
    if args.out.resolve() == DEFAULT_WEIGHTS.parent.resolve():  # the shipped weights: ship
        write_policy_thresholds(DEFAULT_POLICY_PATH, thresholds,  # their thresholds too
                                context_thresholds["text"]["unsafe"])
        print(f"updated the thresholds in {DEFAULT_POLICY_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
