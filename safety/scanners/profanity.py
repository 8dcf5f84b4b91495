"""Profanity scanner over alt-profanity-check's model, evaluated as the linear model it is.

alt-profanity-check is a TF-IDF vectorizer and a ``CalibratedClassifierCV`` of five sigmoid-
calibrated ``LinearSVC``s. Its ``predict_proba`` spends ~9 ms a call in scikit-learn's per-estimator
checks; the same arithmetic as one sparse product and five sigmoids takes ~0.3 ms. The scanner
uses that form when it reproduces the library's probabilities on probe strings, else the library.
"""

from __future__ import annotations

from importlib import metadata
from typing import Any

import numpy as np

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

        self._predict = linear_predictor() or predict_prob

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


_PROBES = ("a red circle on a blue field", "what the hell is this", "you stupid piece of shit", "", "Fuck off!")


def linear_predictor() -> Any:
    """``predict_prob`` as a sparse product + sigmoid calibration, or None when the model is not that shape."""
    try:
        import profanity_check.profanity_check as library

        model, vectorizer = library.model, library.vectorizer
        calibrated = model.calibrated_classifiers_
        if model.method != "sigmoid" or list(model.classes_) != [0, 1]:
            return None
        weights = np.vstack([c.estimator.coef_.ravel() for c in calibrated]).T
        bias = np.array([c.estimator.intercept_[0] for c in calibrated])
        slope = np.array([c.calibrators[0].a_ for c in calibrated])
        offset = np.array([c.calibrators[0].b_ for c in calibrated])
    except (AttributeError, ImportError, IndexError, ValueError):
        return None

    def predict(texts: list[str]) -> np.ndarray:
        decision = vectorizer.transform(texts) @ weights + bias
        return (1.0 / (1.0 + np.exp(slope * decision + offset))).mean(axis=1)

    if not np.allclose(predict(list(_PROBES)), library.predict_prob(list(_PROBES)), atol=1e-9):
        return None
    return predict
