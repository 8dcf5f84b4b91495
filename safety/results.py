"""Result shapes shared by scanners, the policy and callers (stored as JSON)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

ScanStatus = Literal["scanned", "skipped", "error"]
Decision = Literal["allow", "review", "block"]
Stage = Literal["prompt", "output"]

DECISION_RANK: dict[str, int] = {"allow": 0, "review": 1, "block": 2}


@dataclass
class Scan:
    """What one scanner said about one piece of content.

    ``scores`` maps taxonomy category ids to 0..1. ``status`` is honest: "skipped" and
    "error" scans carry no scores, and the policy treats them as "not scanned".
    """

    scanner: str
    version: str
    status: ScanStatus
    scores: dict[str, float] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    duration_ms: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (for the verdict tables and the audit log)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Scan:
        """Inverse of :meth:`to_dict` (re-deciding stored scans under a new policy)."""
        return cls(**data)


@dataclass
class Verdict:
    """The policy's decision over a set of scans, with the reasons a reviewer reads."""

    decision: Decision
    reasons: list[str]
    categories: list[str]
    policy_version: str
    scans: list[Scan] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict including every scan."""
        return {
            "decision": self.decision,
            "reasons": list(self.reasons),
            "categories": list(self.categories),
            "policy_version": self.policy_version,
            "scans": [s.to_dict() for s in self.scans],
        }

    @property
    def allowed(self) -> bool:
        """True only for "allow"; "review" content must be held."""
        return self.decision == "allow"
