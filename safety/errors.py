"""Typed errors. Content problems never raise: they become Scan(status="error")."""

from __future__ import annotations


class SafetyError(Exception):
    """Base class for every error raised by the safety package."""


class PolicyError(SafetyError):
    """A policy document is malformed (unknown category, bad threshold, bad stage)."""


class WeightsError(SafetyError):
    """Trained weights are missing, unreadable or do not match their recorded hash."""


class ScannerLoadError(SafetyError):
    """One or more scanners could not load their model (raised by warm_up only)."""

    def __init__(self, failures: dict[str, str]):
        self.failures = dict(failures)
        super().__init__("scanners failed to load: " + "; ".join(
            f"{name}: {msg}" for name, msg in sorted(self.failures.items())))
