"""The policy: per-category thresholds and required scanners -> one Verdict.

A policy is plain data (a dict, or a TOML file) so admins can version and diff it; its
``version`` is a hash of its canonical JSON, stored with every verdict so a decision can
always be traced to the exact rules that made it.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from safety.errors import PolicyError
from safety.results import DECISION_RANK, Decision, Scan, Verdict
from safety.taxonomy import ALWAYS_BLOCK, CATEGORIES, is_category

STAGES = ("prompt", "output")
ANY_MODALITY = "*"
DEFAULT_POLICY_PATH = Path(__file__).resolve().parent / "policies" / "default.toml"
_ORDER = {cid: i for i, cid in enumerate(CATEGORIES)}


@dataclass(frozen=True)
class Threshold:
    """Scores >= ``block`` block, scores >= ``review`` are held for review; None = never."""

    review: float | None = None
    block: float | None = None

    def to_dict(self) -> dict[str, float]:
        out: dict[str, float] = {}
        if self.review is not None:
            out["review"] = self.review
        if self.block is not None:
            out["block"] = self.block
        return out


def _threshold(category: str, raw: Any) -> Threshold:
    if not isinstance(raw, Mapping) or set(raw) - {"review", "block"}:
        raise PolicyError(f"threshold for {category!r} must be a table with review/block")
    vals: dict[str, float | None] = {}
    for key in ("review", "block"):
        v = raw.get(key)
        if v is not None:
            if isinstance(v, bool) or not isinstance(v, int | float) or not 0.0 <= v <= 1.0:
                raise PolicyError(f"{category}.{key} must be a number in 0..1, got {v!r}")
            v = float(v)
        vals[key] = v
    if vals["review"] is not None and vals["block"] is not None and vals["review"] > vals["block"]:
        raise PolicyError(f"{category}: review {vals['review']} > block {vals['block']}")
    return Threshold(vals["review"], vals["block"])


@dataclass(frozen=True)
class SecondOpinion:
    """A scanner run only on what the first pass holds for review, which may clear it.

    A slow, stronger classifier (an LLM judge such as Llama Guard 3) is too costly for every
    prompt, and the cheap first pass must hold a band of uncertain content to reach its
    recall. The second opinion reads just that band: when every hit of the first pass is a
    review-level hit from a scanner in ``clears`` and every score of the second opinion is
    below ``clear_below`` (its own scale: Llama Guard's ``unsafe`` is a probability, 0.5
    where it would answer "unsafe"), the content is allowed. Otherwise the content stays
    held, or is blocked when the second opinion's scores cross the policy's thresholds; when
    it fails the content stays held (fail closed).
    """

    scanner: str
    clears: tuple[str, ...]
    clear_below: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        return {"scanner": self.scanner, "clears": list(self.clears),
                "clear_below": self.clear_below}


def _second_opinion(raw: Any, required: Mapping[str, Mapping[str, tuple[str, ...]]]) -> SecondOpinion:
    if not isinstance(raw, Mapping) or not {"scanner", "clears"} <= set(raw) <= {
            "scanner", "clears", "clear_below"}:
        raise PolicyError("second_opinion must be a table with 'scanner', 'clears' and "
                          "optionally 'clear_below'")
    scanner, clears = raw["scanner"], raw["clears"]
    below = raw.get("clear_below", 0.5)
    if isinstance(below, bool) or not isinstance(below, int | float) or not 0.0 < below <= 1.0:
        raise PolicyError(f"second_opinion.clear_below must be a number in (0, 1], got {below!r}")
    if not isinstance(scanner, str) or not scanner:
        raise PolicyError("second_opinion.scanner must be a scanner name")
    if (not isinstance(clears, list | tuple) or not clears
            or not all(isinstance(n, str) and n for n in clears)):
        raise PolicyError("second_opinion.clears must be a non-empty list of scanner names")
    if scanner in clears:
        raise PolicyError(f"second_opinion: {scanner!r} cannot clear its own hits")
    for stage, per_mod in required.items():
        for modality, names in per_mod.items():
            if scanner in names:
                raise PolicyError(f"second_opinion.scanner {scanner!r} is also required in "
                                  f"required.{stage}.{modality}; a second opinion runs only "
                                  f"on demand")
    return SecondOpinion(scanner, tuple(clears), float(below))


@dataclass(frozen=True)
class Policy:
    """Thresholds per taxonomy category and required scanners per stage and modality.

    ``required[stage][modality]`` lists scanner names that must have *scanned*; the
    ``"*"`` modality is the fallback. ``unscanned_decision`` applies when no scanner is
    required and none scanned (e.g. audio output with no audio scanner installed);
    ``unscanned_by_modality`` overrides it per modality (a music-only deployment may allow
    unscanned audio without allowing anything else unscanned).
    ``sexual_minors`` blocks at any rule hit (score 1.0) whatever the thresholds say.

    ``context_thresholds[stage][modality]`` overrides ``thresholds`` per category for one
    context (e.g. chat prompts vs image prompts need different ``unsafe`` cut-offs); an
    empty table there (``nudity = {}``) means "never" for that context. ``"*"`` is the
    modality fallback within a stage.

    ``second_opinion`` (optional, :class:`SecondOpinion`) names a scanner the engine runs
    only on content the first pass holds for review, and which may clear it.
    """

    name: str
    thresholds: Mapping[str, Threshold]
    required: Mapping[str, Mapping[str, tuple[str, ...]]]
    unscanned_decision: Decision = "review"
    description: str = ""
    unscanned_by_modality: Mapping[str, Decision] = field(default_factory=dict)
    context_thresholds: Mapping[str, Mapping[str, Mapping[str, Threshold]]] = field(
        default_factory=dict)
    second_opinion: SecondOpinion | None = None
    _version: str = field(default="", init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_version", hashlib.sha256(
            self.canonical_json().encode()).hexdigest()[:16])

    # construction -------------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Policy:
        """Validate and build; raises PolicyError with the offending key."""
        if not isinstance(data, Mapping):
            raise PolicyError("policy must be a mapping")
        unknown = set(data) - {"name", "description", "thresholds", "required",
                               "unscanned_decision", "context_thresholds",
                               "second_opinion"}
        if unknown:
            raise PolicyError(f"unknown policy keys: {sorted(unknown)}")
        thresholds: dict[str, Threshold] = {}
        for cat, raw in dict(data.get("thresholds", {})).items():
            if not is_category(cat):
                raise PolicyError(f"unknown category {cat!r} (see safety.taxonomy)")
            thresholds[cat] = _threshold(cat, raw)
        required: dict[str, dict[str, tuple[str, ...]]] = {}
        for stage, per_mod in dict(data.get("required", {})).items():
            if stage not in STAGES:
                raise PolicyError(f"unknown stage {stage!r}; expected one of {STAGES}")
            if not isinstance(per_mod, Mapping):
                raise PolicyError(f"required.{stage} must map modality -> scanner list")
            required[stage] = {}
            for modality, names in per_mod.items():
                if not isinstance(names, list | tuple) or not all(
                        isinstance(n, str) and n for n in names):
                    raise PolicyError(f"required.{stage}.{modality} must be a list of names")
                required[stage][str(modality)] = tuple(names)
        ctx: dict[str, dict[str, dict[str, Threshold]]] = {}
        for stage, per_mod in dict(data.get("context_thresholds", {})).items():
            if stage not in STAGES:
                raise PolicyError(f"context_thresholds: unknown stage {stage!r}")
            if not isinstance(per_mod, Mapping):
                raise PolicyError(f"context_thresholds.{stage} must map modality -> table")
            ctx[stage] = {}
            for modality, table in per_mod.items():
                if not isinstance(table, Mapping):
                    raise PolicyError(f"context_thresholds.{stage}.{modality} must be a table")
                ctx[stage][str(modality)] = {}
                for cat, raw in table.items():
                    if not is_category(cat):
                        raise PolicyError(f"unknown category {cat!r} in context_thresholds."
                                          f"{stage}.{modality}")
                    ctx[stage][str(modality)][cat] = _threshold(cat, raw)
        unscanned = data.get("unscanned_decision", "review")
        table = dict(unscanned) if isinstance(unscanned, Mapping) else {ANY_MODALITY: unscanned}
        for modality, decision in table.items():
            if decision not in get_args(Decision):
                where = "" if not isinstance(unscanned, Mapping) else f".{modality}"
                raise PolicyError(f"unscanned_decision{where} must be allow|review|block, not {decision!r}")
        default = table.pop(ANY_MODALITY, "review")
        second = (_second_opinion(data["second_opinion"], required)
                  if "second_opinion" in data else None)
        return cls(name=str(data.get("name", "unnamed")), thresholds=thresholds,
                   required=required, unscanned_decision=default,
                   description=str(data.get("description", "")), context_thresholds=ctx,
                   unscanned_by_modality={str(m): d for m, d in sorted(table.items())},
                   second_opinion=second)

    @classmethod
    def from_toml(cls, path: str | Path) -> Policy:
        """Load a policy file (see ``safety/policies/default.toml``)."""
        try:
            with Path(path).open("rb") as fh:
                data = tomllib.load(fh)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise PolicyError(f"cannot read policy {path}: {exc}") from exc
        return cls.from_dict(data)

    @classmethod
    def default(cls) -> Policy:
        """The shipped default policy."""
        return cls.from_toml(DEFAULT_POLICY_PATH)

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form (round-trips through from_dict)."""
        out = {
            "name": self.name,
            "description": self.description,
            # A plain string unless overridden per modality: older policy versions keep their hash.
            "unscanned_decision": ({ANY_MODALITY: self.unscanned_decision, **self.unscanned_by_modality}
                                   if self.unscanned_by_modality else self.unscanned_decision),
            "thresholds": {c: t.to_dict() for c, t in sorted(self.thresholds.items())},
            "required": {s: {m: list(n) for m, n in sorted(per.items())}
                         for s, per in sorted(self.required.items())},
        }
        if self.context_thresholds:  # omitted when unused: older policy versions unchanged
            out["context_thresholds"] = {
                st: {m: {c: t.to_dict() for c, t in sorted(tab.items())}
                     for m, tab in sorted(per.items())}
                for st, per in sorted(self.context_thresholds.items())}
        if self.second_opinion is not None:  # omitted when unset, like context_thresholds
            out["second_opinion"] = self.second_opinion.to_dict()
        return out

    def canonical_json(self) -> str:
        """Sorted, compact JSON: the input of the version hash."""
        return json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"))

    @property
    def version(self) -> str:
        """First 16 hex chars of sha256(canonical JSON); changes with any threshold."""
        return self._version

    # decisions ----------------------------------------------------------------------
    def required_scanners(self, stage: str, modality: str) -> tuple[str, ...]:
        """Scanner names that must have scanned for this stage and modality."""
        if stage not in STAGES:
            raise PolicyError(f"unknown stage {stage!r}")
        per = self.required.get(stage, {})
        return per.get(modality, per.get(ANY_MODALITY, ()))

    def thresholds_for(self, stage: str, modality: str) -> dict[str, Threshold]:
        """Effective thresholds for one context: global ones, overridden per context."""
        per = self.context_thresholds.get(stage, {})
        over = per.get(modality, per.get(ANY_MODALITY, {}))
        return {**self.thresholds, **over}

    def decide(self, scans: Iterable[Scan], stage: str, modality: str) -> Verdict:
        """Turn scans into a Verdict. Fail closed: a required scanner that is missing,
        skipped or errored blocks; otherwise the most severe threshold crossing wins. With
        a ``second_opinion``, its scan (when present) may clear a review, see
        :class:`SecondOpinion`."""
        scans = list(scans)
        second = self._second_opinion_scan(scans)
        if second is None:
            return self._evaluate(scans, stage, modality)[0]
        first, clearable = self._evaluate([s for s in scans if s is not second], stage, modality)
        if not clearable:
            return self._evaluate(scans, stage, modality)[0]
        name = second.scanner
        if second.status != "scanned":
            why = second.details.get("error") or second.details.get("reason") or "no detail"
            first.reasons.append(f"second opinion {name} did not run ({second.status}: {why}); "
                                 "held for review")
            first.scans = scans
            return first
        cat, top = max(second.scores.items(), key=lambda kv: kv[1], default=("unsafe", 0.0))
        below = self.second_opinion.clear_below
        if top >= below:
            verdict = self._evaluate(scans, stage, modality)[0]
            verdict.reasons.append(f"second opinion {name} did not clear it ({cat} {top:.2f} "
                                   f">= clear_below {below:.2f})")
            return verdict
        return Verdict(decision="allow",
                       reasons=[f"cleared by second opinion {name} (every score below "
                                f"{below:.2f}; highest {cat} {top:.2f}): " + "; ".join(first.reasons)],
                       categories=[], policy_version=self.version, scans=scans)

    def wants_second_opinion(self, scans: Iterable[Scan], stage: str, modality: str) -> bool:
        """True when a second opinion is configured, has not run yet, and could clear
        the verdict these scans give (a review made only of clearable review hits)."""
        scans = list(scans)
        if self.second_opinion is None or self._second_opinion_scan(scans) is not None:
            return False
        return self._evaluate(scans, stage, modality)[1]

    def _second_opinion_scan(self, scans: list[Scan]) -> Scan | None:
        if self.second_opinion is None:
            return None
        return next((s for s in scans if s.scanner == self.second_opinion.scanner), None)

    def _evaluate(self, scans: list[Scan], stage: str, modality: str) -> tuple[Verdict, bool]:
        """The verdict, and whether a second opinion may clear it (a review whose every
        reason is a review-level hit of a scanner the second opinion clears)."""
        decision: Decision = "allow"
        reasons: list[str] = []
        cats: set[str] = set()
        clearable = self.second_opinion is not None

        def bump(d: Decision) -> None:
            nonlocal decision
            if DECISION_RANK[d] > DECISION_RANK[decision]:
                decision = d

        by_name: dict[str, Scan] = {}
        for s in scans:
            # If a scanner appears twice, a failed run must not be hidden by a good one.
            if s.scanner not in by_name or s.status != "scanned":
                by_name[s.scanner] = s
        required = self.required_scanners(stage, modality)
        for name in required:
            s = by_name.get(name)
            if s is None:
                reasons.append(f"required scanner {name} did not run (missing)")
                bump("block")
            elif s.status != "scanned":
                why = s.details.get("error") or s.details.get("reason") or "no detail"
                reasons.append(f"required scanner {name} did not run ({s.status}: {why})")
                bump("block")

        hits: list[tuple[int, str, str]] = []
        effective = self.thresholds_for(stage, modality)
        clears = self.second_opinion.clears if self.second_opinion is not None else ()
        for s in scans:
            if s.status != "scanned":
                continue
            # A scan may cap what it can cause (e.g. text scanners reading words a recogniser
            # heard in music): its hits are grounds for a human look, not for a block.
            cap = s.details.get("at_most")
            for cat, score in s.scores.items():
                d, why = self._judge(cat, score, s.scanner, effective)
                if cap in DECISION_RANK and DECISION_RANK[d] > DECISION_RANK[cap]:
                    d, why = cap, f"{why}; at most {cap}: {s.details.get('at_most_why', 'capped scan')}"
                if d != "allow":
                    bump(d)
                    cats.add(cat)
                    hits.append((-DECISION_RANK[d], cat, why))
                    clearable = clearable and d == "review" and s.scanner in clears
        clearable = clearable and bool(hits) and not reasons
        reasons += [why for _, _, why in sorted(hits, key=lambda h: (h[0], _ORDER.get(h[1], 99)))]

        if not required and not any(s.status == "scanned" for s in scans):
            fallback = self.unscanned_by_modality.get(modality, self.unscanned_decision)
            reasons.append(f"no scanner applies to {stage} modality {modality!r}; policy says {fallback}")
            bump(fallback)
            clearable = False
        return Verdict(decision=decision, reasons=reasons,
                       categories=sorted(cats, key=lambda c: _ORDER.get(c, 99)),
                       policy_version=self.version, scans=scans), clearable and decision == "review"

    def _judge(self, cat: str, score: float, scanner: str,
               thresholds: Mapping[str, Threshold] | None = None) -> tuple[Decision, str]:
        if cat in ALWAYS_BLOCK and score >= 1.0:
            return "block", f"{cat} {score:.2f}: always blocked ({scanner})"
        t = (self.thresholds if thresholds is None else thresholds).get(cat)
        if t is None:
            return "allow", ""
        if t.block is not None and score >= t.block:
            return "block", f"{cat} {score:.2f} >= block {t.block:.2f} ({scanner})"
        if t.review is not None and score >= t.review:
            if cat in ALWAYS_BLOCK:  # no review tier for content that can never be allowed
                return "block", f"{cat} {score:.2f} >= review {t.review:.2f}, always-block " \
                                f"category ({scanner})"
            return "review", f"{cat} {score:.2f} >= review {t.review:.2f} ({scanner})"
        return "allow", ""
