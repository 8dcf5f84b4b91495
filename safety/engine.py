"""SafetyEngine: the one object a worker holds to judge prompts and outputs."""

from __future__ import annotations

import time
import traceback
from collections.abc import Sequence
from typing import Any

from safety.errors import ScannerLoadError
from safety.policy import Policy
from safety.results import Scan, Verdict
from safety.scanners import (
    NudityImageScanner,
    ProfanityScanner,
    RuleScanner,
    Scanner,
    TextClassifierScanner,
)


def default_scanners(device: str | None = None) -> list[Scanner]:
    """The built-in scanners: text classifier, rules, profanity, image nudity."""
    return [TextClassifierScanner(device=device), RuleScanner(), ProfanityScanner(),
            NudityImageScanner()]


def modality_of(mime: str) -> str:
    """"image/png" -> "image"; "text/plain; charset=utf-8" -> "text"; junk -> "unknown"."""
    major = (mime or "").split(";", 1)[0].strip().lower().split("/", 1)[0]
    return major or "unknown"


class SafetyEngine:
    """Holds scanners (models loaded once, lazily or via :meth:`warm_up`) and a policy.

    Thread-safe for concurrent scans once loaded. Scanners never raise; a scanner that
    does anyway is recorded as ``status="error"`` and the policy fails closed.
    """

    def __init__(self, policy: Policy, device: str | None = None,
                 scanners: Sequence[Scanner] | None = None):
        self.policy = policy
        self.device = device
        items = list(scanners) if scanners is not None else default_scanners(device)
        self.scanners: dict[str, Scanner] = {s.name: s for s in items}

    def warm_up(self) -> None:
        """Load every model now; raises ScannerLoadError naming the ones that failed."""
        failures: dict[str, str] = {}
        for name, scanner in self.scanners.items():
            try:
                scanner.load()
            except Exception as exc:
                failures[name] = f"{type(exc).__name__}: {exc}"
        if failures:
            raise ScannerLoadError(failures)

    def _run(self, modality: str, content: Any) -> list[Scan]:
        scans: list[Scan] = []
        for scanner in self.scanners.values():
            if scanner.modality != modality:
                scans.append(scanner.skipped(f"does not apply to {modality} content"))
                continue
            start = time.perf_counter()
            try:
                scans.append(scanner.scan(content))
            except Exception as exc:
                scans.append(Scan(scanner.name, getattr(scanner, "version", "unknown"),
                                  "error", {},
                                  {"error": f"{type(exc).__name__}: {exc}",
                                   "traceback": traceback.format_exc(limit=3)},
                                  (time.perf_counter() - start) * 1000.0))
        return scans

    def scan_prompt(self, text: str, modality: str = "image") -> Verdict:
        """Judge a prompt for a generation of ``modality`` (image, text, audio, video)."""
        scans = [s for s in self._run("text", text or "") if s.status != "skipped"]
        return self.policy.decide(scans, "prompt", modality)

    def scan_output(self, data: bytes | str, mime: str) -> Verdict:
        """Judge generated content: text/* -> text scanners, image/* -> image scanners;
        other modalities record every scanner as skipped and the policy decides."""
        modality = modality_of(mime)
        content: Any = data
        if modality == "text" and isinstance(data, bytes | bytearray):
            content = bytes(data).decode("utf-8", errors="replace")
        return self.policy.decide(self._run(modality, content), "output", modality)
