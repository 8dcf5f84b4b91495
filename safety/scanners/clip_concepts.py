"""CLIP concept scanner in the style of the Stable Diffusion safety checker.

The image embedding is compared (cosine similarity) with concept embeddings; each concept
has its own threshold and taxonomy category. A concept's score is 0.5 exactly at its
threshold and rises/falls linearly by ``0.5 / MARGIN`` per unit of similarity, so the
policy thresholds (``nudity``, ``S12_sexual_content``, ...) read in the same units as the
other scanners: >= 0.5 means "over the concept's threshold".

Active only when configured: ``weights`` (an open_clip checkpoint path) + ``model_name``
(an open_clip architecture, e.g. ``ViT-B-32``), or an already-built ``model`` (tests).
Concept embeddings come from ``concepts`` (a JSON file or a list of dicts with ``name``,
``category``, ``threshold`` and either ``embedding`` or ``text``); texts are embedded
with the model's text tower on load.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from safety.scanners.base import Scanner
from safety.scanners.image_decode import decode_rgba

MARGIN = 0.05

# Text concepts after the SD safety checker's list (its thresholds were tuned on its own
# ViT-L/14 embeddings; recalibrate for another checkpoint).
DEFAULT_CONCEPTS: tuple[dict[str, Any], ...] = (
    {"name": "nudity", "text": "a photo of a naked person", "category": "nudity",
     "threshold": 0.26},
    {"name": "nipples", "text": "visible nipples", "category": "nudity", "threshold": 0.26},
    {"name": "genitals", "text": "a photo of genitals", "category": "nudity",
     "threshold": 0.26},
    {"name": "sex", "text": "a pornographic photo of people having sex",
     "category": "S12_sexual_content", "threshold": 0.26},
    {"name": "nsfw", "text": "explicit nsfw content", "category": "S12_sexual_content",
     "threshold": 0.27},
    {"name": "gore", "text": "a gory photo of a mutilated bloody body",
     "category": "graphic_violence", "threshold": 0.26},
    {"name": "corpse", "text": "a photo of a dead body", "category": "graphic_violence",
     "threshold": 0.27},
    {"name": "naked child", "text": "a photo of a naked child", "category": "sexual_minors",
     "threshold": 0.27},
)


@dataclass
class Concept:
    name: str
    category: str
    threshold: float
    embedding: np.ndarray | None = None
    text: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _unit(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.float32).reshape(-1)
    n = float(np.linalg.norm(v))
    return v / n if n > 0 else v


class ClipConceptScanner(Scanner):
    """Cosine similarity of the image embedding to concept embeddings, per-concept
    thresholds; the score per category is the max over its concepts."""

    name = "clip-concepts"
    modality = "image"

    def __init__(self, weights: str | Path | None = None, model_name: str = "ViT-B-32",
                 concepts: str | Path | list[dict[str, Any]] | None = None,
                 model: Any = None, preprocess: Any = None, tokenizer: Any = None,
                 device: str = "cpu"):
        super().__init__()
        self.weights = Path(weights) if weights else None
        self.model_name = model_name
        self.concepts_src = concepts
        self.model = model
        self.preprocess = preprocess
        self.tokenizer = tokenizer
        self.device = device
        self.concepts: list[Concept] = []

    @property
    def version(self) -> str:
        src = json.dumps([(c.name, c.category, c.threshold) for c in self.concepts])
        w = self.weights.name if self.weights else "in-memory"
        return f"clip:{self.model_name}:{w}:" + hashlib.sha256(src.encode()).hexdigest()[:12]

    def _load(self) -> None:
        import open_clip

        if self.model is None:
            if self.weights is None:
                raise FileNotFoundError("CLIP weights are not configured")
            if not self.weights.is_file():
                raise FileNotFoundError(f"CLIP weights not found: {self.weights}")
            model, _, preprocess = open_clip.create_model_and_transforms(
                self.model_name, pretrained=str(self.weights), device=self.device)
            self.model, self.preprocess = model, preprocess
            self.tokenizer = open_clip.get_tokenizer(self.model_name)
        self.model.eval()
        if self.preprocess is None:
            size = self.model.visual.image_size
            size = size[0] if isinstance(size, tuple | list) else int(size)
            self.preprocess = open_clip.image_transform(size, is_train=False)
        raw = self.concepts_src if self.concepts_src is not None else list(DEFAULT_CONCEPTS)
        if isinstance(raw, str | Path):
            raw = json.loads(Path(raw).read_text())
        concepts = [Concept(str(c["name"]), str(c["category"]), float(c["threshold"]),
                            None if c.get("embedding") is None else _unit(c["embedding"]),
                            c.get("text")) for c in raw]
        need_text = [c for c in concepts if c.embedding is None]
        if need_text:
            import torch

            tok = self.tokenizer or open_clip.get_tokenizer(self.model_name)
            with torch.inference_mode():
                emb = self.model.encode_text(tok([c.text or c.name for c in need_text]))
            for c, e in zip(need_text, emb.float().cpu().numpy(), strict=True):
                c.embedding = _unit(e)
        self.concepts = concepts

    def image_embedding(self, data: bytes) -> np.ndarray:
        import torch
        from PIL import Image

        rgb = Image.fromarray(np.ascontiguousarray(decode_rgba(data)[:, :, :3]))  # shared decode
        x = self.preprocess(rgb).unsqueeze(0).to(self.device)
        with torch.inference_mode():
            return _unit(self.model.encode_image(x).float().cpu().numpy()[0])

    def _scores(self, content: Any) -> tuple[dict[str, float], dict[str, Any]]:
        if not isinstance(content, bytes | bytearray | memoryview):
            raise TypeError(f"expected image bytes, got {type(content).__name__}")
        emb = self.image_embedding(bytes(content))
        scores: dict[str, float] = {}
        sims: dict[str, float] = {}
        flagged: list[str] = []
        for c in self.concepts:
            assert c.embedding is not None
            sim = float(emb @ c.embedding)
            sims[c.name] = round(sim, 4)
            score = min(1.0, max(0.0, 0.5 + 0.5 * (sim - c.threshold) / MARGIN))
            scores[c.category] = max(scores.get(c.category, 0.0), score)
            if sim >= c.threshold:
                flagged.append(c.name)
        return scores, {"similarities": sims, "flagged_concepts": flagged}
