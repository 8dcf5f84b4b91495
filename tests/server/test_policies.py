"""Policy versions are immutable, per API key, and audited."""

import copy

import pytest

from safety import Policy
from server.audit.models import AuditEvent
from server.audit.services import Actor
from server.common.errors import ApiError
from server.policies.services import policy_assign, policy_create

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
ADMIN = Actor(type="user", id="1", name="operator")


def _strict_content() -> dict:
    content = copy.deepcopy(Policy.default().to_dict())
    content["name"] = "strict-profanity"
    strict = {"review": 0.0001, "block": 0.0002}
    content["thresholds"]["profanity"] = strict
    for per_modality in content.get("context_thresholds", {}).values():  # per-context overrides win
        for table in per_modality.values():
            table["profanity"] = strict
    return content


def test_policy_version_is_content_hash_and_reused():
    first = policy_create(content=_strict_content(), actor=ADMIN)
    again = policy_create(content=_strict_content(), actor=ADMIN)
    assert first.pk == again.pk
    assert first.version == Policy.from_dict(_strict_content()).version != Policy.default().version
    assert AuditEvent.objects.filter(event_type="policy.created").count() == 1


def test_invalid_policy_is_refused():
    bad = _strict_content()
    bad["thresholds"]["not_a_category"] = {"block": 0.5}
    with pytest.raises(ApiError, match="not_a_category"):
        policy_create(content=bad, actor=ADMIN)


def test_key_policy_applies_to_moderation(make_key, make_client):
    strict_key = make_key("strict", scopes="moderate")
    default_key = make_key("default", scopes="moderate")
    policy_assign(api_key=strict_key.api_key, policy=policy_create(content=_strict_content(), actor=ADMIN),
                  actor=ADMIN)
    body = {"input": "what a lovely sunny day in the park"}
    strict = make_client(strict_key.secret).post("/api/v1/moderations", body, format="json").json()["results"][0]
    default = make_client(default_key.secret).post("/api/v1/moderations", body, format="json").json()["results"][0]
    assert strict["decision"] == "block" and strict["policy_version"] != default["policy_version"]
    assert default["decision"] == "allow"
    event = AuditEvent.objects.get(event_type="policy.assigned")
    assert event.data["before"] == {"policy": None} and event.data["after"]["policy"] == strict["policy_version"]
