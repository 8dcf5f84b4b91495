"""The shipped policy applies the thresholds the shipped classifier was calibrated for, and
the trainer's rewrite of the policy file changes exactly those lines."""

import json
import shutil
from pathlib import Path

import pytest

from safety.policy import DEFAULT_POLICY_PATH, Policy
from safety.policy_thresholds import write_policy_thresholds

WEIGHTS = Path(__file__).resolve().parents[2] / "safety" / "weights" / "text_classifier.json"


def _trained() -> dict:
    return json.loads(WEIGHTS.read_text())


def test_shipped_policy_matches_the_trained_thresholds():
    trained, policy = _trained(), Policy.default()
    for label, t in trained["thresholds"].items():
        assert policy.thresholds[label].review == t["review"], label
        assert policy.thresholds[label].block == t["block"], label
    text = policy.context_thresholds["prompt"]["text"]["unsafe"]
    want = trained["context_thresholds"]["text"]["unsafe"]
    assert (text.review, text.block) == (want["review"], want["block"])


def test_rewrite_changes_only_the_trained_lines(tmp_path):
    path = tmp_path / "policy.toml"
    shutil.copy(DEFAULT_POLICY_PATH, path)
    trained = _trained()
    write_policy_thresholds(path, trained["thresholds"], trained["context_thresholds"]["text"]["unsafe"])
    assert path.read_text() == DEFAULT_POLICY_PATH.read_text()  # same numbers: same file

    new = {label: {"block": 0.9, "review": 0.8} for label in trained["thresholds"]}
    write_policy_thresholds(path, new, {"review": 0.7, "block": 0.95})
    before, after = Policy.default(), Policy.from_toml(path)
    assert all((after.thresholds[k].review, after.thresholds[k].block) == (0.8, 0.9) for k in new)
    untouched = set(before.thresholds) - set(new)
    assert untouched and all(after.thresholds[k] == before.thresholds[k] for k in untouched)
    text = after.context_thresholds["prompt"]["text"]["unsafe"]
    assert (text.review, text.block) == (0.7, 0.95)
    assert after.context_thresholds["prompt"]["image"] == before.context_thresholds["prompt"]["image"]


def test_rewrite_refuses_a_policy_without_the_line(tmp_path):
    path = tmp_path / "policy.toml"
    shutil.copy(DEFAULT_POLICY_PATH, path)
    with pytest.raises(ValueError, match="not_a_label"):
        write_policy_thresholds(path, {"not_a_label": {"block": 0.9, "review": 0.8}},
                                {"review": 0.7, "block": 0.95})
