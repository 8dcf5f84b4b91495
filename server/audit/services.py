"""Writing the audit chain. Call ``audit_record`` inside the transaction of the change."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from server.audit.event_types import EVENT_TYPES, UnknownEventType
from server.audit.models import AuditEvent
from server.common.middleware import current_request_id

GENESIS_HASH = "0" * 64
_CHAIN_LOCK_ID = 0x617564697400  # "audit" — serialises appends across processes


@dataclass(frozen=True)
class Actor:
    """Who did it; names are copied into each event so records outlive users."""

    type: str  # user | api_key | system
    id: str = ""
    name: str = ""
    api_key_prefix: str = ""

    @classmethod
    def system(cls, name: str = "system") -> Actor:
        return cls(type="system", name=name)


def canonical_payload(event: dict[str, Any]) -> bytes:
    """The bytes that are hashed: sorted-key compact JSON, UTC timestamps with microseconds."""
    return json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode()


HASHED_FIELDS = ("seq", "created_at", "event_type", "actor_type", "actor_id", "actor_name", "api_key_prefix",
                 "request_id", "object_type", "object_id", "data", "prev_hash")


def canonical_fields(row: dict[str, Any]) -> dict[str, Any]:
    """The hashed fields of an event (a model's fields or a ``values()`` row), timestamps as UTC ISO text."""
    fields = {name: row[name] for name in HASHED_FIELDS}
    created = fields["created_at"]
    if not isinstance(created, str):
        fields["created_at"] = created.astimezone(UTC).isoformat(timespec="microseconds")
    return fields


def event_fields(event: AuditEvent) -> dict[str, Any]:
    return canonical_fields({name: getattr(event, name) for name in HASHED_FIELDS})


def hash_fields(fields: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_payload(fields)).hexdigest()


def compute_hash(event: AuditEvent) -> str:
    return hash_fields(event_fields(event))


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_ID])
    # SQLite: the IMMEDIATE transaction mode already holds the database write lock.


def audit_record(
    event_type: str,
    *,
    actor: Actor,
    object_type: str = "",
    object_id: str = "",
    data: dict[str, Any] | None = None,
    request_id: str | None = None,
) -> AuditEvent:
    """Append one event to the chain, atomically with the caller's transaction."""
    if event_type not in EVENT_TYPES:
        raise UnknownEventType(f"unknown audit event type {event_type!r}")
    # Round-trip through JSON so the stored data hashes exactly as it reads back.
    clean_data = json.loads(json.dumps(data or {}, default=str))
    # No savepoint: if the append fails the caller's transaction fails with it, as it must.
    with transaction.atomic(savepoint=False):
        _lock_chain()
        last = AuditEvent.objects.order_by("-seq").only("seq", "hash").first()
        event = AuditEvent(
            seq=(last.seq + 1) if last else 1,
            created_at=timezone.now(),
            event_type=event_type,
            actor_type=actor.type,
            actor_id=actor.id,
            actor_name=actor.name[:150],
            api_key_prefix=actor.api_key_prefix,
            request_id=(request_id or current_request_id() or "")[:64],
            object_type=object_type,
            object_id=str(object_id),
            data=clean_data,
            prev_hash=last.hash if last else GENESIS_HASH,
        )
        event.hash = compute_hash(event)
        event.save(force_insert=True)
    return event


@dataclass(frozen=True)
class ChainStatus:
    ok: bool
    verified_up_to: int
    head_hash: str
    problem: str = ""


_PG_SELECT = (
    "SELECT seq, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US') || '+00:00', event_type, "
    "actor_type, actor_id, actor_name, api_key_prefix, request_id, object_type, object_id, data, prev_hash, hash "
    "FROM audit_auditevent WHERE seq >= %s AND seq <= %s ORDER BY seq"
)
_ROW_KEYS = (*HASHED_FIELDS, "hash")


def iter_chain(first: int = 1, last: int = 2**62, batch_size: int = 5000) -> Iterator[dict[str, Any]]:
    """Events ``first..last`` in chain order as canonical dicts (hashed fields + ``hash``), in flat memory.

    On PostgreSQL a server-side cursor with the timestamp formatted by the database: this is the
    hot loop of exports and verification (1M events), so it skips the ORM.
    """
    if connection.vendor != "postgresql":
        rows = (AuditEvent.objects.filter(seq__gte=first, seq__lte=last).order_by("seq")
                .values(*_ROW_KEYS).iterator(chunk_size=batch_size))
        for row in rows:
            yield {**canonical_fields(row), "hash": row["hash"]}
        return
    connection.ensure_connection()
    with transaction.atomic(), connection.connection.cursor(name=f"audit_chain_{uuid.uuid4().hex}") as cursor:
        cursor.itersize = batch_size
        cursor.execute(_PG_SELECT, (first, last))
        for row in cursor:
            event = dict(zip(_ROW_KEYS, row, strict=True))
            if isinstance(event["data"], str):  # Django's psycopg setup hands jsonb over as text
                event["data"] = json.loads(event["data"])
            yield event


def verify_chain(batch_size: int = 5000) -> ChainStatus:
    """Recompute every hash in order; report the first broken, missing or reordered link."""
    prev_hash, expected_seq = GENESIS_HASH, 1
    for row in iter_chain(batch_size=batch_size):
        seq = row["seq"]
        if seq != expected_seq:
            problem = f"missing event: expected seq {expected_seq}, found {seq}"
            return ChainStatus(False, expected_seq - 1, prev_hash, problem)
        if row["prev_hash"] != prev_hash:
            return ChainStatus(False, seq - 1, prev_hash, f"seq {seq}: prev_hash does not link to event {seq - 1}")
        if hash_fields({name: row[name] for name in HASHED_FIELDS}) != row["hash"]:
            return ChainStatus(False, seq - 1, prev_hash, f"seq {seq}: hash does not match its content")
        prev_hash = row["hash"]
        expected_seq += 1
    return ChainStatus(True, expected_seq - 1, prev_hash)
