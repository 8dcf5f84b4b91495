"""The scanner contract (after LLM Guard): every scanner returns the same small Scan."""

from __future__ import annotations

import threading
import time
import traceback
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any, ClassVar

from safety.results import Scan


class Scanner(ABC):
    """Base class: lazy one-time model loading and failure capture.

    Subclasses implement ``_load`` (may be slow, called once under a lock) and
    ``_scores(content) -> (scores, details)``. ``scan`` never raises: any exception,
    including a failed model load, becomes ``Scan(status="error")`` so the policy can fail
    closed instead of the caller crashing or, worse, skipping the check.
    """

    name: ClassVar[str]
    modality: ClassVar[str]  # "text" or "image": what content the scanner reads

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loaded = False

    @property
    @abstractmethod
    def version(self) -> str:
        """Identifies the model/rules that produced a score (stored with every scan)."""

    @abstractmethod
    def _load(self) -> None: ...

    @abstractmethod
    def _scores(self, content: Any) -> tuple[dict[str, float], dict[str, Any]]: ...

    def load(self) -> None:
        """Load the model now (once); raises on failure so warm_up can report it."""
        if self._loaded:
            return
        with self._lock:
            if not self._loaded:
                self._load()
                self._loaded = True

    def scan(self, content: Any, context: dict[str, Any] | None = None) -> Scan:
        """Score content; never raises for content or model problems.

        ``context`` is optional side information (``{"prompt": ..., "stage": ...,
        "modality": ...}``); scanners that use it override :meth:`_scores_in_context`.
        """
        return self._guarded(
            lambda: (self.load(), self._scores_in_context(content, context or {}))[1])

    def _scores_in_context(self, content: Any,
                           context: dict[str, Any]) -> tuple[dict[str, float], dict[str, Any]]:
        return self._scores(content)

    @property
    def loaded(self) -> bool:
        """True once the model is loaded (the engine's time budget excludes loading)."""
        return self._loaded

    def skipped(self, reason: str) -> Scan:
        """A Scan recording that this scanner did not apply (never faked as scanned)."""
        return Scan(self.name, self._safe_version(), "skipped", {}, {"reason": reason}, 0.0)

    def _safe_version(self) -> str:
        try:
            return self.version
        except Exception:
            return "unknown"

    def _guarded(self, fn: Callable[[], tuple[dict[str, float], dict[str, Any]]]) -> Scan:
        start = time.perf_counter()
        try:
            scores, details = fn()
        except Exception as exc:
            return Scan(
                self.name, self._safe_version(), "error", {},
                {"error": f"{type(exc).__name__}: {exc}",
                 "traceback": traceback.format_exc(limit=3)},
                (time.perf_counter() - start) * 1000.0,
            )
        clean = {k: float(min(1.0, max(0.0, v))) for k, v in scores.items()}
        return Scan(self.name, self._safe_version(), "scanned", clean, details,
                    (time.perf_counter() - start) * 1000.0)
