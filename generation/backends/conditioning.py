"""Prompt -> class id for class-conditional image models (diffusion, GAN, VAE share it).

``labels.json`` next to the weights::

    {"classes": ["red circle", ...], "null_class": 24, "synonyms": {"ball": "circle"}}

A class whose words all appear in the prompt wins; if only some words match (e.g. just
"red") a matching class is drawn with the request's seed; no match means the null
(unconditional) class when the model has one, else a class drawn with the seed.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

from generation.types import ModelLoadError

_WORD = re.compile(r"[a-z0-9_]+")


class ClassVocabulary:
    """Maps prompts to class ids using the label words of each class."""

    def __init__(self, classes: list[str], null_class: int | None, synonyms: dict[str, str] | None = None) -> None:
        self.classes = classes
        self.null_class = null_class
        self.synonyms = {k.lower(): v.lower() for k, v in (synonyms or {}).items()}
        self._words = [set(self._tokens(label)) for label in classes]

    def _tokens(self, text: str) -> list[str]:
        return [self.synonyms.get(w, w) for w in _WORD.findall(text.lower())]

    def match(self, prompt: str, seed: int) -> dict[str, Any]:
        """Return ``{"class_id", "label", "match"}`` with match in exact | partial | none."""
        words = set(self._tokens(prompt))
        scores = [len(w & words) for w in self._words]
        best = max(scores, default=0)
        if best == 0:
            if self.null_class is not None:
                return {"class_id": self.null_class, "label": None, "match": "none"}
            cid = random.Random(seed).randrange(len(self.classes))
            return {"class_id": cid, "label": self.classes[cid], "match": "none"}
        exact = [i for i, w in enumerate(self._words) if w and w <= words]
        candidates = exact or [i for i, s in enumerate(scores) if s == best]
        cid = candidates[0] if len(candidates) == 1 else random.Random(seed).choice(candidates)
        return {"class_id": cid, "label": self.classes[cid], "match": "exact" if exact else "partial"}

    def to_json(self) -> dict[str, Any]:
        return {"classes": self.classes, "null_class": self.null_class, "synonyms": self.synonyms}


def load_vocabulary(root: Path, num_embeds: int | None, model_name: str, what: str = "model") -> ClassVocabulary | None:
    """Read ``root/labels.json`` and check it against the model's number of class embeddings.

    ``num_embeds`` None means an unconditional model (no vocabulary). Without labels.json the
    classes are named ``class_<i>`` and a prompt that names none gets one drawn with the seed.
    """
    if num_embeds is None:
        return None
    path = Path(root) / "labels.json"
    if not path.is_file():
        return ClassVocabulary([f"class_{i}" for i in range(num_embeds)], None)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        classes = [str(c) for c in data["classes"]]
        null_class = data.get("null_class")
    except (ValueError, KeyError, TypeError) as exc:
        raise ModelLoadError(f"model {model_name!r}: malformed {path}: {exc}") from exc
    total = len(classes) + (1 if null_class is not None else 0)
    if null_class is not None and (not isinstance(null_class, int) or not 0 <= null_class < num_embeds):
        raise ModelLoadError(f"model {model_name!r}: null_class must be an id below {num_embeds}")
    if total != num_embeds:
        raise ModelLoadError(f"model {model_name!r}: labels.json names {total} classes but the {what} has {num_embeds}")
    return ClassVocabulary(classes, null_class, data.get("synonyms"))
