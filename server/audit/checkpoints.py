"""Signed checkpoints of the audit chain's head, kept outside the database.

A hash chain shows any change to an event and any gap between events, but not the loss of the
newest ones: delete the tail and what is left is still a perfect chain. Nor does it stop
someone with database rights from rewriting every hash from some event onwards. A checkpoint
closes both: the head (seq and hash), signed with the service's key and written to artifact
storage (local disk or an S3 bucket, which can be versioned or object-locked), where a
database administrator cannot reach it. Verification then requires the database's chain to
still hold that exact event. A checkpoint only ever moves forward, and only over a chain that
extends it, so a truncated or rewritten chain can never overwrite the evidence against it.

Written by the Celery beat every ``AUDIT_CHECKPOINT_INTERVAL`` seconds, after every signed
bundle, and by ``manage.py audit_checkpoint``. What the last interval appended can still be cut
unseen; the interval is that window.
"""

from __future__ import annotations

import base64
import json
import logging
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from server.audit.models import AuditEvent
from server.audit.services import GENESIS_HASH, HASHED_FIELDS, ChainStatus, hash_fields, iter_chain, verify_chain

logger = logging.getLogger(__name__)
CHECKPOINT_NAME = "audit/checkpoint.json"


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str
    written_at: str


class CheckpointError(Exception):
    """The stored checkpoint is unreadable, unsigned by this service, or contradicted."""


def read_checkpoint() -> Checkpoint | None:
    """The stored checkpoint after checking its signature (None if none was written yet)."""
    from provenance.detached import verify_detached
    from server.generations import runtime

    if not default_storage.exists(CHECKPOINT_NAME):
        return None
    try:
        with default_storage.open(CHECKPOINT_NAME, "rb") as handle:
            stored = json.loads(handle.read())
        payload = base64.b64decode(stored["checkpoint"])
        signature = base64.b64decode(stored["signature"])
        certificate = stored["certificate"].encode()
        fields = json.loads(payload)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CheckpointError(f"the audit checkpoint is unreadable: {exc}") from exc
    anchors = runtime.deployment_trust_anchors()
    check = verify_detached(payload, signature, certificate, anchors[0] if anchors else None)
    if not check.ok:
        raise CheckpointError(f"the audit checkpoint's signature does not verify: {check.problem}")
    return Checkpoint(int(fields["seq"]), str(fields["hash"]), str(fields["written_at"]))


def checkpoint_problem(checkpoint: Checkpoint | None) -> str:
    """Why the database's chain contradicts the checkpoint ("" when it holds the checkpointed
    event with the same hash). Only the checkpointed event is read: the chain check proves the
    rest links to it."""
    if checkpoint is None or checkpoint.seq == 0:
        return ""
    event = AuditEvent.objects.filter(seq=checkpoint.seq).values("hash").first()
    if event is None:
        head = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
        return (f"events are missing from the end: the checkpoint of {checkpoint.written_at} recorded "
                f"event {checkpoint.seq}, the database ends at {head}")
    if event["hash"] != checkpoint.hash:
        return (f"event {checkpoint.seq} differs from the checkpoint of {checkpoint.written_at}: the chain "
                "was rewritten")
    return ""


def write_checkpoint() -> dict[str, Any]:
    """Checkpoint the current head if the chain from the last checkpoint to it is intact.

    Returns ``{"written": bool, "seq", "hash", "problem"}``; never moves a checkpoint backwards
    or over a chain that does not extend it (that would erase the evidence)."""
    from provenance.detached import sign_detached
    from server.generations import runtime

    try:
        last = read_checkpoint()
    except CheckpointError as exc:
        return {"written": False, "problem": str(exc)}
    problem = checkpoint_problem(last)
    if problem:
        logger.error("audit checkpoint not written: %s", problem)
        return {"written": False, "problem": problem}
    start_seq, prev = (last.seq, last.hash) if last else (0, GENESIS_HASH)
    seq = start_seq
    for row in iter_chain(first=start_seq + 1):
        if row["seq"] != seq + 1 or row["prev_hash"] != prev or \
                hash_fields({name: row[name] for name in HASHED_FIELDS}) != row["hash"]:
            problem = f"the chain breaks at event {row['seq']} after the last checkpoint (event {start_seq})"
            logger.error("audit checkpoint not written: %s", problem)
            return {"written": False, "problem": problem}
        seq, prev = row["seq"], row["hash"]
    if last is not None and seq == last.seq:
        return {"written": False, "seq": seq, "hash": prev, "problem": ""}  # nothing new
    identity = runtime.signing_identity()
    payload = json.dumps({"seq": seq, "hash": prev, "written_at": timezone.now().isoformat()},
                         sort_keys=True).encode()
    stored = {"checkpoint": base64.b64encode(payload).decode(),
              "signature": base64.b64encode(sign_detached(payload, identity)).decode(),
              "certificate": identity.cert_chain_pem.decode()}
    if default_storage.exists(CHECKPOINT_NAME):
        default_storage.delete(CHECKPOINT_NAME)
    default_storage.save(CHECKPOINT_NAME, ContentFile(json.dumps(stored, indent=1).encode()))
    return {"written": True, "seq": seq, "hash": prev, "problem": ""}


def verify_chain_anchored() -> ChainStatus:
    """:func:`verify_chain`, then the stored checkpoint: a chain that is intact but shorter than,
    or different from, what was checkpointed is broken."""
    status = verify_chain()
    if not status.ok:
        return status
    try:
        problem = checkpoint_problem(read_checkpoint())
    except CheckpointError as exc:
        problem = str(exc)
    return ChainStatus(False, status.verified_up_to, status.head_hash, problem) if problem else status
