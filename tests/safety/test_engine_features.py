"""Engine features without models: per-scanner time budget, output context, per-call
policy override, context thresholds, old-signature scanners, evaluate_files."""

from __future__ import annotations

import json
import time

import pytest

from safety import Policy, PolicyError, SafetyEngine, Scan, Scanner, evaluate_files
from safety.evaluate import KEYS, main


class Fixed(Scanner):
    """Scores text by keyword; optional sleep and context capture."""

    modality = "text"

    def __init__(self, name="text-classifier", sleep=0.0):
        super().__init__()
        self.name = name
        self.sleep = sleep
        self.seen_context = None

    @property
    def version(self) -> str:
        return "fixed"

    def _load(self) -> None:
        return None

    def _scores(self, content):
        time.sleep(self.sleep)
        text = str(content)
        return {"unsafe": 0.9 if "bad" in text else (0.55 if "meh" in text else 0.0)}, {}

    def _scores_in_context(self, content, context):
        self.seen_context = dict(context)
        return self._scores(content)


class OldStyle:
    """A third-party scanner with the pre-context signature ``scan(content)``."""

    name = "rules"
    modality = "text"
    version = "old"

    def scan(self, content):
        return Scan("rules", "old", "scanned", {"unsafe": 0.0}, {})

    def skipped(self, reason):
        return Scan("rules", "old", "skipped", {}, {"reason": reason})


POLICY = Policy.from_dict({
    "name": "t",
    "thresholds": {"unsafe": {"review": 0.5, "block": 0.8}},
    "required": {"prompt": {"*": ["text-classifier"]}, "output": {"*": []}},
    "context_thresholds": {"prompt": {"image": {"unsafe": {"review": 0.3, "block": 0.5}},
                                      "text": {"unsafe": {"review": 0.6}}}},
})


def test_timeout_is_error_and_fails_closed():
    eng = SafetyEngine(POLICY, scanners=[Fixed(sleep=1.0)], scanner_timeout_s=0.05)
    eng.warm_up()  # loaded scanners get the scan budget; a first load gets load_timeout_s
    t0 = time.perf_counter()
    v = eng.scan_prompt("hello", "image")
    assert time.perf_counter() - t0 < 0.8
    scan = v.scans[0]
    assert scan.status == "error" and scan.details["error"] == "timeout"
    assert v.decision == "block" and "timeout" in v.reasons[0]
    fast = SafetyEngine(POLICY, scanners=[Fixed()], scanner_timeout_s=0.5)
    assert fast.scan_prompt("hello", "image").decision == "allow"
    inline = SafetyEngine(POLICY, scanners=[Fixed()], scanner_timeout_s=None)
    assert inline.scan_prompt("bad", "image").decision == "block"


def test_context_thresholds_per_modality():
    eng = SafetyEngine(POLICY, scanners=[Fixed()])
    assert eng.scan_prompt("meh", "image").decision == "block"   # image: block 0.5
    assert eng.scan_prompt("meh", "text").decision == "allow"    # text: review 0.6
    assert eng.scan_prompt("meh", "audio").decision == "review"  # global: review 0.5
    assert POLICY.thresholds_for("prompt", "text")["unsafe"].block is None
    again = Policy.from_dict(POLICY.to_dict())
    assert again.version == POLICY.version and again.context_thresholds == \
        POLICY.context_thresholds


def test_context_thresholds_do_not_change_old_policy_versions():
    base = {"name": "x", "thresholds": {"unsafe": {"review": 0.5}}}
    assert "context_thresholds" not in Policy.from_dict(base).to_dict()
    with pytest.raises(PolicyError):
        Policy.from_dict({**base, "context_thresholds": {"later": {}}})
    with pytest.raises(PolicyError):
        Policy.from_dict({**base, "context_thresholds": {"prompt": {"image": {"nope": {}}}}})


def test_per_call_policy_override():
    eng = SafetyEngine(POLICY, scanners=[Fixed()])
    strict = Policy.from_dict({"name": "strict",
                               "thresholds": {"unsafe": {"review": 0.01, "block": 0.02}}})
    v = eng.scan_prompt("meh", "text", policy=strict)
    assert v.decision == "block" and v.policy_version == strict.version
    assert eng.scan_prompt("meh", "text").policy_version == POLICY.version
    out = eng.scan_output(b"meh", "text/plain", policy=strict)
    assert out.decision == "block" and out.policy_version == strict.version


def test_scan_output_context_reaches_scanners_and_old_call_works():
    fixed = Fixed()
    eng = SafetyEngine(POLICY, scanners=[fixed, OldStyle()])
    eng.scan_output(b"fine", "text/plain", context={"prompt": "a cat"})
    assert fixed.seen_context["prompt"] == "a cat" and fixed.seen_context["stage"] == "output"
    v = eng.scan_output(b"fine", "text/plain")  # the old two-argument call
    assert v.decision == "allow" and {s.scanner for s in v.scans} == {"text-classifier",
                                                                        "rules"}
    eng.scan_prompt("x", "video")
    assert fixed.seen_context == {"stage": "prompt", "modality": "video"}


def _jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_evaluate_files_counts_and_keys(tmp_path):
    eng = SafetyEngine(POLICY, scanners=[Fixed()])
    mixed = _jsonl(tmp_path / "mixed.jsonl", [
        {"text": "bad one", "unsafe": True}, {"text": "meh", "unsafe": True},
        {"text": "fine", "unsafe": True}, {"text": "bad but labelled safe", "unsafe": False},
        {"text": "fine", "unsafe": False}, {"text": "skip me", "unsafe": None}])
    only_benign = _jsonl(tmp_path / "benign.jsonl", [{"text": "fine", "unsafe": False}] * 3)
    res = evaluate_files([mixed, only_benign], eng, "text")
    m = res["mixed.jsonl"]
    assert tuple(m) == KEYS
    assert (m["n"], m["tp"], m["fp"], m["tn"], m["fn"]) == (5, 1, 1, 1, 2)  # text: review .6
    assert m["precision"] == 0.5 and m["recall"] == pytest.approx(1 / 3, abs=1e-4)
    assert m["fpr"] == 0.5 and m["f1"] == pytest.approx(0.4)
    assert m["auprc"] is not None and 0 < m["auprc"] <= 1
    b = res["benign.jsonl"]
    assert b["auprc"] is None and b["recall"] is None and b["fpr"] == 0.0 and b["n"] == 3
    img = evaluate_files([mixed], eng, "image")["mixed.jsonl"]
    assert img["tp"] == 2  # image context: "meh" (0.55) is flagged too


def test_evaluate_cli_json(tmp_path, capsys, monkeypatch):
    import safety.evaluate as ev

    f = _jsonl(tmp_path / "x.jsonl", [{"text": "bad", "unsafe": True},
                                      {"text": "ok", "unsafe": False}])
    monkeypatch.setattr(ev, "SafetyEngine",
                        lambda policy, scanner_timeout_s=None: SafetyEngine(
                            POLICY, scanners=[Fixed()]))
    assert main([str(f), "--context", "image", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["x.jsonl"]["tp"] == 1 and out["x.jsonl"]["auprc"] == 1.0
    assert main([str(f)]) == 0
    assert "| x.jsonl |" in capsys.readouterr().out
