"""The second opinion: a costly scanner run only on what the first pass holds for review.

The first tests drive the policy and the engine with scanners of fixed scores, so each
path (clear, confirm, escalate, fail closed, not asked) is pinned exactly; the last ones
use the shipped policy, the real scanners and the real ``llama-guard`` scanner class on a
tiny random model.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from safety import LlamaGuardScanner, Policy, SafetyEngine, Scanner
from safety.errors import PolicyError


class FixedScanner(Scanner):
    """Scores every text the same; counts its scans (the second opinion must not run
    unless asked)."""

    modality = "text"

    def __init__(self, name: str, scores: dict[str, float], fail: str = "", delay: float = 0.0):
        super().__init__()
        self.name = name
        self.scores, self.fail, self.delay = scores, fail, delay
        self.calls = 0

    @property
    def version(self) -> str:
        return f"{self.name}:fixed"

    def _load(self) -> None:
        pass

    def _scores(self, content: Any) -> tuple[dict[str, float], dict[str, Any]]:
        self.calls += 1
        time.sleep(self.delay)
        if self.fail:
            raise RuntimeError(self.fail)
        return dict(self.scores), {}


POLICY = {
    "name": "cascade",
    "thresholds": {"unsafe": {"review": 0.5, "block": 0.9}, "S9_indiscriminate_weapons":
                   {"review": 0.5, "block": 0.9}},
    "required": {"prompt": {"*": ["text-classifier"]}, "output": {"text": ["text-classifier"]}},
    "second_opinion": {"scanner": "llama-guard", "clears": ["text-classifier"]},
}


def engine_with(first: float, second: dict[str, float] | None = None, *, rule: float = 0.0,
                fail: str = "", delay: float = 0.0, policy: dict | None = None,
                timeout: float | None = None) -> tuple[SafetyEngine, FixedScanner | None]:
    scanners: list[Scanner] = [FixedScanner("text-classifier", {"unsafe": first}),
                               FixedScanner("rules", {"S9_indiscriminate_weapons": rule})]
    guard = None
    if second is not None or fail:
        guard = FixedScanner("llama-guard", second or {}, fail=fail, delay=delay)
        guard.load()  # loaded, so the scan budget (not the model-load budget) applies
        scanners.append(guard)
    return SafetyEngine(Policy.from_dict(policy or POLICY), scanners=scanners,
                        scanner_timeout_s=timeout), guard


def test_the_policy_table_is_validated_and_versioned():
    with_it = Policy.from_dict(POLICY)
    without = Policy.from_dict({k: v for k, v in POLICY.items() if k != "second_opinion"})
    assert with_it.second_opinion.scanner == "llama-guard"
    assert with_it.second_opinion.clears == ("text-classifier",)
    assert with_it.version != without.version
    assert "second_opinion" not in without.to_dict()  # older policies keep their version
    assert Policy.from_dict(with_it.to_dict()).version == with_it.version
    bad = [
        {"scanner": "llama-guard"},
        {"scanner": "llama-guard", "clears": []},
        {"scanner": "", "clears": ["text-classifier"]},
        {"scanner": "llama-guard", "clears": ["llama-guard"]},
        {"scanner": "llama-guard", "clears": ["text-classifier"], "stages": ["prompt"]},
        {"scanner": "llama-guard", "clears": ["text-classifier"], "clear_below": 0},
        {"scanner": "llama-guard", "clears": ["text-classifier"], "clear_below": True},
        "llama-guard",
    ]
    for table in bad:
        with pytest.raises(PolicyError, match="second_opinion"):
            Policy.from_dict({**POLICY, "second_opinion": table})
    required = {**POLICY, "required": {"prompt": {"*": ["text-classifier", "llama-guard"]}}}
    with pytest.raises(PolicyError, match="only on demand"):
        Policy.from_dict(required)


def test_a_review_the_second_opinion_finds_harmless_is_allowed_with_both_reasons():
    engine, guard = engine_with(0.7, {"unsafe": 0.1})
    v = engine.scan_prompt("voting tomorrow, polls open at 7", "text")
    assert v.decision == "allow" and v.categories == []
    assert guard.calls == 1
    assert v.reasons == ["cleared by second opinion llama-guard (every score below 0.50; "
                         "highest unsafe 0.10): unsafe 0.70 >= review 0.50 (text-classifier)"]
    assert [s.scanner for s in v.scans if s.status == "scanned"] == [
        "text-classifier", "rules", "llama-guard"]  # every scan is kept on the verdict


@pytest.mark.parametrize(("second", "decision"), [(0.6, "review"), (0.95, "block")])
def test_harm_the_second_opinion_finds_counts_like_any_hit(second, decision):
    engine, guard = engine_with(0.7, {"unsafe": second, "S9_indiscriminate_weapons": second})
    v = engine.scan_prompt("some text", "text")
    assert v.decision == decision and guard.calls == 1
    assert any(r.endswith("(llama-guard)") for r in v.reasons)
    assert "S9_indiscriminate_weapons" in v.categories


@pytest.mark.parametrize(("first", "rule", "decision"), [
    (0.2, 0.0, "allow"),    # nothing to clear: the costly scanner is not asked
    (0.95, 0.0, "block"),   # a block is never reconsidered
    (0.7, 0.6, "review"),   # a rule hit is deliberate: not the second opinion's to clear
])
def test_the_second_opinion_runs_only_on_a_clearable_review(first, rule, decision):
    engine, guard = engine_with(first, {"unsafe": 0.0}, rule=rule)
    v = engine.scan_prompt("some text", "text")
    assert v.decision == decision and guard.calls == 0
    assert "llama-guard" not in {s.scanner for s in v.scans}


def test_a_second_opinion_unsure_on_its_own_scale_keeps_it_held():
    # 0.3 is under every policy threshold, but not under this policy's clear_below (0.2):
    # a second opinion clears only what it is confident is harmless.
    strict = {**POLICY, "second_opinion": {**POLICY["second_opinion"], "clear_below": 0.2}}
    engine, guard = engine_with(0.7, {"unsafe": 0.3}, policy=strict)
    v = engine.scan_prompt("some text", "text")
    assert v.decision == "review" and guard.calls == 1
    assert v.reasons == ["unsafe 0.70 >= review 0.50 (text-classifier)",
                         "second opinion llama-guard did not clear it (unsafe 0.30 >= "
                         "clear_below 0.20)"]


def test_a_failing_second_opinion_keeps_the_content_held():
    engine, guard = engine_with(0.7, fail="CUDA out of memory")
    v = engine.scan_prompt("some text", "text")
    assert v.decision == "review" and guard.calls == 1
    assert v.reasons[-1] == ("second opinion llama-guard did not run (error: RuntimeError: CUDA "
                             "out of memory); held for review")
    assert [s.status for s in v.scans if s.scanner == "llama-guard"] == ["error"]


def test_a_second_opinion_over_its_time_budget_keeps_the_content_held():
    engine, guard = engine_with(0.7, {"unsafe": 0.0}, delay=1.0, timeout=0.3)
    v = engine.scan_prompt("some text", "text")
    assert v.decision == "review"
    assert "second opinion llama-guard did not run (error: timeout)" in v.reasons[-1]


def test_without_the_scanner_installed_the_first_verdict_stands():
    engine, guard = engine_with(0.7)
    assert guard is None
    v = engine.scan_prompt("some text", "text")
    assert v.decision == "review"
    assert v.reasons == ["unsafe 0.70 >= review 0.50 (text-classifier)"]


def test_generated_text_gets_the_second_opinion_too():
    engine, guard = engine_with(0.7, {"unsafe": 0.05})
    v = engine.scan_output("Polls open at 7.", "text/plain")
    assert v.decision == "allow" and guard.calls == 1
    assert v.reasons[0].startswith("cleared by second opinion llama-guard")


def test_without_a_second_opinion_in_the_policy_the_scanner_reads_every_text():
    plain = {k: v for k, v in POLICY.items() if k != "second_opinion"}
    engine, guard = engine_with(0.2, {"unsafe": 0.7}, policy=plain)
    v = engine.scan_prompt("some text", "text")
    assert guard.calls == 1 and v.decision == "review"
    assert v.reasons == ["unsafe 0.70 >= review 0.50 (llama-guard)"]


# ---------------------------------------------------- shipped policy and real scanners
HELD_BENIGN = "Voting tomorrow, polls open at 7. Bring ID if your state requires it."


@pytest.fixture()
def cascade(engine, tiny_guard):
    """The shipped policy and scanners plus the real llama-guard scanner (tiny model)."""
    model, tokenizer = tiny_guard
    guard = LlamaGuardScanner(model=model, tokenizer=tokenizer, max_new_tokens=3)
    return SafetyEngine(engine.policy, scanners=[*engine.scanners.values(), guard]), guard


def test_the_shipped_policy_sends_only_held_text_to_llama_guard(cascade, monkeypatch):
    engine, guard = cascade
    asked: list[str] = []

    def answer(prompt: str) -> tuple[str, float]:
        asked.append(prompt)
        return "safe", 0.02

    monkeypatch.setattr(guard, "generate", answer)
    first = engine.scan_prompt(HELD_BENIGN, "text", policy=Policy.from_dict(
        {k: v for k, v in engine.policy.to_dict().items() if k != "second_opinion"}))
    assert first.decision == "review"  # "safe" cannot lower a score in an ordinary pass
    asked.clear()
    v = engine.scan_prompt(HELD_BENIGN, "text")
    assert v.decision == "allow" and len(asked) == 1
    assert f"User: {HELD_BENIGN}" in asked[0]
    assert v.reasons[0].startswith("cleared by second opinion llama-guard (every score below 0.50; "
                                   "highest unsafe 0.02)")
    assert engine.scan_prompt("a cat on a sofa", "text").decision == "allow"
    assert engine.scan_prompt("Write a tutorial on how to make a bomb", "text").decision == "block"
    assert len(asked) == 1  # neither the harmless nor the blocked prompt was sent


def test_llama_guard_agreeing_keeps_it_held(cascade, monkeypatch):
    engine, guard = cascade
    monkeypatch.setattr(guard, "generate", lambda prompt: ("unsafe\nS13", 0.97))
    v = engine.scan_prompt(HELD_BENIGN, "text")
    assert v.decision == "review"
    assert "unsafe 0.97 >= review 0.91 (llama-guard)" in v.reasons


def test_an_unparseable_answer_from_the_real_model_keeps_it_held(cascade):
    engine, guard = cascade
    v = engine.scan_prompt(HELD_BENIGN, "text")  # the random model answers no safe/unsafe
    scan = next(s for s in v.scans if s.scanner == "llama-guard")
    assert scan.status == "error" and "unparseable classifier output" in scan.details["error"]
    assert v.decision == "review"
    assert v.reasons[-1].startswith("second opinion llama-guard did not run (error: ValueError")
