"""Standalone moderation: the service's own safety layer on content the client brings."""

from __future__ import annotations

import hashlib

from django.db import transaction

from safety import Verdict
from server.audit.services import Actor, audit_record
from server.generations import runtime

CONTEXTS = ("text", "image", "audio", "video")


def verdict_summary(verdict: Verdict) -> dict:
    """Flagged, decision and the highest score per category over all scans."""
    scores: dict[str, float] = {}
    for scan in verdict.scans:
        for category, score in scan.scores.items():
            scores[category] = max(scores.get(category, 0.0), float(score))
    return {
        "flagged": verdict.decision != "allow",
        "decision": verdict.decision,
        "categories": list(verdict.categories),
        "category_scores": dict(sorted(scores.items())),
        "reasons": list(verdict.reasons),
        "policy_version": verdict.policy_version,
        "scans": [scan.to_dict() for scan in verdict.scans],
    }


def moderation_check_texts(*, texts: list[str], context: str, actor: Actor, api_key=None) -> list[dict]:
    """Judge each text as a prompt for ``context`` (image prompts and chat text are judged differently)."""
    engine, policy = runtime.safety_engine(), runtime.policy_for_key(api_key)
    results = [verdict_summary(engine.scan_prompt(text, context, policy=policy)) for text in texts]
    _audit(actor, "text", [t.encode() for t in texts], results, context)
    return results


def moderation_check_file(*, data: bytes, mime: str, actor: Actor, api_key=None) -> dict:
    """Judge an uploaded file as the service judges its own outputs of that type: image scanners
    on an image, on a video's sampled frames, and speech transcribed and read in audio."""
    result = verdict_summary(runtime.safety_engine().scan_output(data, mime, policy=runtime.policy_for_key(api_key)))
    _audit(actor, mime, [data], [result], mime.split("/", 1)[0])
    return result


def _audit(actor: Actor, kind: str, inputs: list[bytes], results: list[dict], context: str) -> None:
    with transaction.atomic():
        audit_record("moderation.checked", actor=actor, object_type="moderation",
                     data={"kind": kind, "context": context,
                           "inputs_sha256": [hashlib.sha256(item).hexdigest() for item in inputs],
                           "decisions": [r["decision"] for r in results],
                           "policy_version": results[0]["policy_version"] if results else None})
