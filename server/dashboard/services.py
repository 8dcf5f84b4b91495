"""Dashboard actions. Each one delegates to the owning app's service, which writes the audit event."""

from __future__ import annotations

import json
import tempfile
import tomllib
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from safety import Policy, PolicyError
from server.apikeys.models import ApiKey
from server.apikeys.services import IssuedKey, apikey_create, user_get_or_create
from server.audit.checkpoints import verify_chain_anchored
from server.audit.exports import write_bundle
from server.audit.services import Actor, ChainStatus
from server.common.errors import ApiError
from server.generations import runtime
from server.generations.reviews import review_decide
from server.policies.models import SafetyPolicy
from server.policies.services import policy_assign


def actor_for(user) -> Actor:
    return Actor(type="user", id=str(user.pk), name=user.get_username())


# --- reviews ---------------------------------------------------------------------------

@dataclass(frozen=True)
class ReviewOutcome:
    generation_id: str
    ok: bool
    message: str


def reviews_decide(*, generation_ids: list[str], decision: str, reason: str, user) -> list[ReviewOutcome]:
    """Decide each item with review_decide (one transaction and one audit event per item)."""
    outcomes = []
    for generation_id in dict.fromkeys(generation_ids):  # unique, in the order given
        try:
            generation = review_decide(generation_id=generation_id, reviewer=user, actor=actor_for(user),
                                       decision=decision, reason=reason)
            outcomes.append(ReviewOutcome(str(generation_id), True, generation.status))
        except ApiError as exc:
            outcomes.append(ReviewOutcome(str(generation_id), False, str(exc.detail)))
    return outcomes


# --- API keys --------------------------------------------------------------------------

def apikey_issue(*, owner_username: str, scopes: list[str], name: str, prompt_retention: str,
                 expires_at: datetime | None, policy: SafetyPolicy | None, user) -> IssuedKey:
    """Issue a key (and bind it to a policy version when one is chosen); both steps audited."""
    owner = user_get_or_create(owner_username)
    actor = actor_for(user)
    issued = apikey_create(owner=owner, scopes=scopes, name=name, expires_at=expires_at,
                           prompt_retention=prompt_retention, actor=actor)
    if policy is not None:
        issued = IssuedKey(api_key=policy_assign(api_key=issued.api_key, policy=policy, actor=actor),
                           secret=issued.secret)
    return issued


def apikey_policy_set(*, api_key: ApiKey, policy: SafetyPolicy | None, user) -> ApiKey:
    return policy_assign(api_key=api_key, policy=policy, actor=actor_for(user))


# --- policies --------------------------------------------------------------------------

DEFAULT_VERSION_LABEL = "service default"


def default_policy() -> Policy:
    return runtime.safety_policy()


def policy_content(version: str) -> dict[str, Any] | None:
    """The content of a stored version, or of the service default file by its version."""
    row = SafetyPolicy.objects.filter(version=version).first()
    if row is not None:
        return row.content
    default = default_policy()
    return default.to_dict() if default.version == version else None


def policy_parse(text: str) -> dict[str, Any]:
    """Policy text from the editor, TOML or JSON, as a dict (ApiError when neither parses)."""
    text = text.strip()
    if not text:
        raise ApiError("the policy is empty", code="invalid_policy")
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ApiError(f"invalid JSON: {exc}", code="invalid_policy") from exc
    else:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ApiError(f"invalid TOML: {exc}", code="invalid_policy") from exc
    if not isinstance(data, dict):
        raise ApiError("the policy must be a table / object", code="invalid_policy")
    return data


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _toml_key(key: str) -> str:
    return key if key.replace("_", "").replace("-", "").isalnum() else json.dumps(key)


def policy_to_toml(content: dict[str, Any]) -> str:
    """Write policy content (Policy.to_dict() shape) as TOML like safety/policies/default.toml.

    A table whose values are all scalars is written inline; other tables get a [header].
    """
    lines: list[str] = []

    def inline(value: Any) -> bool:
        return not isinstance(value, dict) or all(not isinstance(v, dict | list) for v in value.values())

    def emit(path: list[str], table: dict) -> None:
        leaves = {k: v for k, v in table.items() if inline(v)}
        if path and (leaves or not table):
            lines.extend(["", "[" + ".".join(_toml_key(p) for p in path) + "]"])
        lines.extend(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in leaves.items())
        for key, value in table.items():
            if not inline(value):
                emit([*path, key], value)

    emit([], content)
    return "\n".join(lines).strip() + "\n"


def policy_validate(content: dict[str, Any]) -> Policy:
    try:
        return Policy.from_dict(content)
    except PolicyError as exc:
        raise ApiError(f"invalid policy: {exc}", code="invalid_policy") from exc


@dataclass(frozen=True)
class DiffRow:
    section: str
    key: str
    left: Any
    right: Any

    @property
    def changed(self) -> bool:
        return self.left != self.right


def policy_diff(left: dict[str, Any], right: dict[str, Any]) -> list[DiffRow]:
    """Row per threshold (and per other setting) of two policy versions; unchanged rows included."""
    rows: list[DiffRow] = []
    for key in ("name", "description", "unscanned_decision"):
        rows.append(DiffRow("settings", key, left.get(key), right.get(key)))
    lt, rt = left.get("thresholds", {}), right.get("thresholds", {})
    for category in sorted(set(lt) | set(rt)):
        for bound in ("review", "block"):
            rows.append(DiffRow("thresholds", f"{category}.{bound}", lt.get(category, {}).get(bound),
                                rt.get(category, {}).get(bound)))
    lc, rc = left.get("context_thresholds", {}), right.get("context_thresholds", {})
    for stage in sorted(set(lc) | set(rc)):
        for modality in sorted(set(lc.get(stage, {})) | set(rc.get(stage, {}))):
            lm, rm = lc.get(stage, {}).get(modality, {}), rc.get(stage, {}).get(modality, {})
            for category in sorted(set(lm) | set(rm)):
                for bound in ("review", "block"):
                    rows.append(DiffRow(f"context {stage}/{modality}", f"{category}.{bound}",
                                        lm.get(category, {}).get(bound), rm.get(category, {}).get(bound)))
    ls, rs = left.get("second_opinion") or {}, right.get("second_opinion") or {}
    if ls or rs:
        for key in ("scanner", "clears", "clear_below"):
            rows.append(DiffRow("second opinion", key, ls.get(key), rs.get(key)))
    lr, rr = left.get("required", {}), right.get("required", {})
    for stage in sorted(set(lr) | set(rr)):
        for modality in sorted(set(lr.get(stage, {})) | set(rr.get(stage, {}))):
            rows.append(DiffRow("required scanners", f"{stage}/{modality}", lr.get(stage, {}).get(modality),
                                rr.get(stage, {}).get(modality)))
    return rows


# --- audit -----------------------------------------------------------------------------

CHAIN_CACHE_KEY = "dashboard:audit-chain-status"
CHAIN_CACHE_SECONDS = 60


@dataclass(frozen=True)
class CachedChainStatus:
    status: ChainStatus
    checked_at: datetime


# A broken chain found by any process is written here, in storage every process shares, so a
# process still holding a cached "intact" re-checks instead of showing it (the cache is
# per process unless CACHE_URL is set).
BROKEN_MARKER = "audit/chain-broken.json"


def chain_status(*, refresh: bool = False) -> CachedChainStatus:
    """verify_chain_anchored's result, cached briefly: verifying a long chain reads every event."""
    cached = None if refresh else cache.get(CHAIN_CACHE_KEY)
    if cached is not None and cached.status.ok and _broken_since(cached.checked_at):
        cached = None
    if cached is None:
        cached = CachedChainStatus(verify_chain_anchored(), timezone.now())
        cache.set(CHAIN_CACHE_KEY, cached, CHAIN_CACHE_SECONDS)
        _mark_broken(cached)
    return cached


def _broken_since(when: datetime) -> bool:
    if not default_storage.exists(BROKEN_MARKER):
        return False
    with default_storage.open(BROKEN_MARKER, "rb") as handle:
        found = datetime.fromisoformat(json.loads(handle.read())["checked_at"])
    return found >= when


def _mark_broken(checked: CachedChainStatus) -> None:
    if default_storage.exists(BROKEN_MARKER):
        default_storage.delete(BROKEN_MARKER)
    if not checked.status.ok:
        default_storage.save(BROKEN_MARKER, ContentFile(json.dumps({
            "checked_at": checked.checked_at.isoformat(), "problem": checked.status.problem}).encode()))


def audit_bundle_zip(*, since: datetime | None, until: datetime | None, fmt: str) -> tuple[IO[bytes], dict]:
    """A signed bundle (write_bundle) zipped into an anonymous temp file, rewound; the caller closes it."""
    archive = tempfile.TemporaryFile(suffix=".zip")  # noqa: SIM115 - handed to FileResponse, which closes it
    with tempfile.TemporaryDirectory(prefix="audit-bundle-") as tmp:
        out_dir = Path(tmp) / "audit-bundle"
        manifest = write_bundle(out_dir, since=since, until=until, fmt=fmt, identity=runtime.signing_identity())
        with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(out_dir.iterdir()):
                zf.write(path, arcname=f"audit-bundle/{path.name}")
    archive.seek(0)
    return archive, manifest
