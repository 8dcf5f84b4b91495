import pytest

from safety import (
    ALWAYS_BLOCK,
    CATEGORIES,
    EXTERNAL_LABEL_MAP,
    Policy,
    PolicyError,
    Scan,
    map_external,
)

BASE = {
    "name": "t",
    "thresholds": {"unsafe": {"review": 0.5, "block": 0.8},
                   "S1_violent_crimes": {"review": 0.5, "block": 0.8}},
    "required": {"prompt": {"*": ["a"]}, "output": {"image": ["img"], "*": []}},
}


def scan(name="a", status="scanned", **scores):
    return Scan(name, "1", status, dict(scores), {})


def test_taxonomy_covers_llama_guard_and_media():
    for i in range(1, 15):
        assert any(c.startswith(f"S{i}_") for c in CATEGORIES)
    for c in ("sexual_minors", "ncii", "deepfake_impersonation", "election_misinformation",
              "profanity", "nudity"):
        assert c in CATEGORIES
    assert {"sexual_minors"} == ALWAYS_BLOCK


def test_external_maps_point_into_taxonomy():
    for table in EXTERNAL_LABEL_MAP.values():
        for cats in table.values():
            assert cats and all(c in CATEGORIES for c in cats)
    assert "sexual_minors" in map_external("openai", "sexual/minors")
    assert map_external("azure", "SelfHarm") == ("S11_suicide_self_harm",)
    assert map_external("bedrock", "nope") == ()
    for label in ("HATE", "INSULTS", "SEXUAL", "VIOLENCE", "MISCONDUCT", "PROMPT_ATTACK"):
        assert map_external("bedrock", label)


def test_thresholds_and_severity():
    p = Policy.from_dict(BASE)
    assert p.decide([scan(unsafe=0.1)], "prompt", "image").decision == "allow"
    v = p.decide([scan(unsafe=0.6)], "prompt", "image")
    assert v.decision == "review" and v.categories == ["unsafe"]
    v = p.decide([scan(unsafe=0.6, S1_violent_crimes=0.93)], "prompt", "image")
    assert v.decision == "block"
    assert v.reasons[0] == "S1_violent_crimes 0.93 >= block 0.80 (a)"
    assert v.policy_version == p.version


@pytest.mark.parametrize("status", ["error", "skipped"])
def test_required_scanner_not_scanned_blocks(status):
    p = Policy.from_dict(BASE)
    v = p.decide([scan(status=status)], "prompt", "image")
    assert v.decision == "block"
    assert "required scanner a did not run" in v.reasons[0]


def test_missing_required_scanner_blocks():
    p = Policy.from_dict(BASE)
    v = p.decide([scan("other", unsafe=0.0)], "prompt", "text")
    assert v.decision == "block" and "a did not run (missing)" in v.reasons[0]


def test_sexual_minors_always_blocks_even_if_policy_allows():
    permissive = dict(BASE, thresholds={"sexual_minors": {}})
    p = Policy.from_dict(permissive)
    assert p.decide([scan(sexual_minors=1.0)], "prompt", "image").decision == "block"
    p2 = Policy.from_dict(dict(BASE, thresholds={}))
    assert p2.decide([scan(sexual_minors=1.0)], "prompt", "image").decision == "block"


def test_unscanned_modality_uses_policy_fallback():
    p = Policy.from_dict(BASE)
    v = p.decide([scan("img", status="skipped")], "output", "audio")
    assert v.decision == "review" and "no scanner applies" in v.reasons[0]
    p2 = Policy.from_dict(dict(BASE, unscanned_decision="allow"))
    assert p2.decide([], "output", "audio").decision == "allow"


def test_unscanned_decision_per_modality():
    p = Policy.from_dict(dict(BASE, unscanned_decision={"*": "block", "audio": "allow"}))
    assert p.decide([], "output", "audio").decision == "allow"
    assert p.decide([], "output", "video").decision == "block"
    assert Policy.from_dict(p.to_dict()).version == p.version
    plain = Policy.from_dict(BASE)  # the string form (and its version hash) is unchanged
    assert plain.to_dict()["unscanned_decision"] == "review"
    with pytest.raises(PolicyError, match="unscanned_decision.audio"):
        Policy.from_dict(dict(BASE, unscanned_decision={"audio": "sometimes"}))


def test_version_changes_with_threshold_and_round_trips():
    p = Policy.from_dict(BASE)
    changed = dict(BASE, thresholds={**BASE["thresholds"], "unsafe": {"review": 0.5,
                                                                      "block": 0.81}})
    assert Policy.from_dict(changed).version != p.version
    assert Policy.from_dict(p.to_dict()).version == p.version
    assert len(p.version) == 16


@pytest.mark.parametrize("bad", [
    {"thresholds": {"nope": {"block": 0.5}}},
    {"thresholds": {"unsafe": {"block": 1.5}}},
    {"thresholds": {"unsafe": {"review": 0.9, "block": 0.5}}},
    {"required": {"later": {}}},
    {"unscanned_decision": "maybe"},
    {"extra": 1},
])
def test_bad_policies_raise(bad):
    with pytest.raises(PolicyError):
        Policy.from_dict(bad)


def test_default_policy_loads(policy):
    assert policy.required_scanners("prompt", "image")
    assert policy.required_scanners("output", "image") == ("nudity-image",)


def test_verdict_to_dict_is_json(policy):
    import json

    v = policy.decide([scan("text-classifier", unsafe=0.0)], "prompt", "image")
    json.dumps(v.to_dict())
    assert v.to_dict()["scans"][0]["scanner"] == "text-classifier"


@pytest.mark.parametrize("modality", ["text", "image", "video", "audio"])
def test_every_rule_hit_is_held_under_the_shipped_policy(modality):
    """Retraining moves the classifier's calibrated thresholds; a rule hit must still be
    held or blocked in every prompt context (the self-harm rule once scored 0.98 under a
    freshly calibrated S11 threshold of 0.99 and silently stopped firing)."""
    from safety.scanners.rules import RULES

    policy = Policy.default()
    for rule in RULES:
        scan = Scan("rules", "v", "scanned", {rule.category: rule.score}, {}, 0.0)
        verdict = policy.decide([scan], "prompt", modality)  # other required: missing
        assert rule.category in verdict.categories, (rule.name, verdict.reasons)
