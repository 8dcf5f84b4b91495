"""Profanity scanner over alt-profanity-check's linear model (~10 µs a string)."""

from __future__ import annotations

from importlib import metadata
from typing import Any

from safety.normalize import normalize_text
from safety.scanners.base import Scanner


class ProfanityScanner(Scanner):
    """Scores swearing as ``profanity`` (max over raw and normalised text).

    Profanity is not harm by itself, so it reports only its own category; the policy
    decides what a high score means (review by default).
    """

    name = "profanity"
    modality = "text"

    def __init__(self) -> None:
        super().__init__()
        self._predict: Any = None

    @property
    def version(self) -> str:
        try:
            return "alt-profanity-check:" + metadata.version("alt-profanity-check")
        except metadata.PackageNotFoundError:
            return "alt-profanity-check:unknown"

    def _load(self) -> None:
        from profanity_check import predict_prob

        self._predict = predict_prob

    def _scores(self, content: Any) -> tuple[dict[str, float], dict[str, Any]]:
        text = str(content or "")
        if not text.strip():
            return {"profanity": 0.0}, {"empty": True}
        candidates = [text]
        norm = normalize_text(text)
        if norm != text:
            candidates.append(norm)
        probs = self._predict(candidates)
        return {"profanity": float(max(probs))}, {}
