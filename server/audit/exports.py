"""Streaming exports of the audit chain and signed, offline-verifiable bundles.

Bundle layout (one folder):
  events.jsonl | events.csv   every hashed field of each event, plus its hash
  manifest.json               range, counts, sha256 of the data file, first prev_hash, last hash, chain head
  manifest.sig                ECDSA P-256/SHA-256 signature over manifest.json (DER)
  certificate.pem, root-ca.pem  the signer's certificate and the service's root CA
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.utils import timezone

from server.audit.models import AuditEvent
from server.audit.services import GENESIS_HASH, HASHED_FIELDS, canonical_payload, hash_fields, iter_chain

FORMATS = ("jsonl", "csv")
EXPORT_COLUMNS = (*HASHED_FIELDS, "hash")
CHUNK = 5000


@dataclass(frozen=True)
class SeqRange:
    first: int | None
    last: int | None

    @property
    def empty(self) -> bool:
        return self.first is None or self.last is None or self.first > self.last


def seq_range(since: datetime | None, until: datetime | None) -> SeqRange:
    """Translate a time window into a contiguous range of sequence numbers."""
    events = AuditEvent.objects.all()
    if since:
        events = events.filter(created_at__gte=since)
    if until:
        events = events.filter(created_at__lt=until)
    first = events.order_by("seq").values_list("seq", flat=True).first()
    last = events.order_by("-seq").values_list("seq", flat=True).first()
    return SeqRange(first, last)


def export_rows(rng: SeqRange) -> Iterator[dict[str, Any]]:
    """Events of the range in chain order, as canonical dicts (server-side cursor: flat memory)."""
    if rng.empty:
        return iter(())
    return iter_chain(rng.first, rng.last, batch_size=CHUNK)


def render_jsonl(rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    buffer: list[bytes] = []
    for row in rows:
        buffer.append(canonical_payload(row) + b"\n")
        if len(buffer) >= 1000:
            yield b"".join(buffer)
            buffer.clear()
    if buffer:
        yield b"".join(buffer)


def render_csv(rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for count, row in enumerate(rows, 1):
        writer.writerow([canonical_payload(row["data"]).decode() if name == "data" else row[name]
                         for name in EXPORT_COLUMNS])
        if count % 1000 == 0:
            yield out.getvalue().encode()
            out.seek(0)
            out.truncate()
    yield out.getvalue().encode()


RENDERERS = {"jsonl": render_jsonl, "csv": render_csv}
CONTENT_TYPES = {"jsonl": "application/x-ndjson", "csv": "text/csv; charset=utf-8"}


def write_bundle(out_dir: Path, *, since: datetime | None, until: datetime | None, fmt: str,
                 identity) -> dict[str, Any]:
    """Write a signed bundle into ``out_dir`` (new or empty); returns the manifest.

    Refused (409 ``chain_broken``) while the chain is broken: a signature would vouch for a record
    that is known to be altered. A checkpoint of the head is written afterwards."""
    from provenance.detached import sign_detached
    from server.audit.checkpoints import verify_chain_anchored, write_checkpoint
    from server.common.errors import ApiError

    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise ApiError(f"{out_dir} exists and is not an empty folder; a bundle is never written over "
                       "another", code="invalid_request")
    status = verify_chain_anchored()
    if not status.ok:
        raise ApiError(f"the audit chain is broken after event {status.verified_up_to} ({status.problem}); "
                       "no bundle is signed over it (see manage.py audit_verify)", code="chain_broken",
                       status_code=409)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = seq_range(since, until)
    data_name = f"events.{fmt}"
    digest = hashlib.sha256()
    count, first_prev, last_hash, counts = 0, None, None, {}
    rows = export_rows(rng)

    def tracked() -> Iterator[dict[str, Any]]:
        nonlocal count, first_prev, last_hash
        for row in rows:
            if first_prev is None:
                first_prev = row["prev_hash"]
            last_hash = row["hash"]
            count += 1
            counts[row["event_type"]] = counts.get(row["event_type"], 0) + 1
            yield row

    with open(out_dir / data_name, "wb") as handle:
        for chunk in RENDERERS[fmt](tracked()):
            digest.update(chunk)
            handle.write(chunk)
    head = AuditEvent.objects.order_by("-seq").values("seq", "hash").first()
    manifest = {
        "format": fmt,
        "data_file": data_name,
        "data_sha256": digest.hexdigest(),
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "first_seq": rng.first if count else None,
        "last_seq": rng.last if count else None,
        "event_count": count,
        "event_type_counts": dict(sorted(counts.items())),
        "first_prev_hash": first_prev,
        "last_hash": last_hash,
        "chain_head": {"seq": head["seq"], "hash": head["hash"]} if head else {"seq": 0, "hash": GENESIS_HASH},
        "hash_algorithm": "sha256 over compact sorted-key JSON of the hashed fields (all columns but hash)",
        "hashed_fields": list(HASHED_FIELDS),
        "signer": identity.signer_name,
        "signer_certificate_sha256": identity.certificate_fingerprint,
        "exported_at": timezone.now().isoformat(),
    }
    manifest_bytes = json.dumps(manifest, indent=2, sort_keys=True).encode()
    (out_dir / "manifest.json").write_bytes(manifest_bytes)
    (out_dir / "manifest.sig").write_bytes(sign_detached(manifest_bytes, identity))
    (out_dir / "certificate.pem").write_bytes(identity.cert_chain_pem)
    (out_dir / "root-ca.pem").write_bytes(identity.trust_anchors_pem)
    write_checkpoint()
    return manifest


def _read_rows(path: Path, fmt: str) -> Iterator[dict[str, Any]]:
    with open(path, newline="", encoding="utf-8") as handle:
        if fmt == "jsonl":
            for line in handle:
                yield json.loads(line)
        else:
            for row in csv.DictReader(handle):
                row = dict(row)
                row["seq"] = int(row["seq"])
                row["data"] = json.loads(row["data"])
                yield row


def verify_bundle(bundle: Path, trust_anchor_pem: bytes | None = None) -> list[str]:
    """Every problem found in a bundle (an empty list means it verifies). Needs no database."""
    from provenance.detached import verify_detached

    problems: list[str] = []
    try:
        manifest_bytes = (bundle / "manifest.json").read_bytes()
        manifest = json.loads(manifest_bytes)
        signature = (bundle / "manifest.sig").read_bytes()
        certificate = (bundle / "certificate.pem").read_bytes()
    except (OSError, ValueError) as exc:
        return [f"bundle incomplete or unreadable: {exc}"]
    anchor = trust_anchor_pem if trust_anchor_pem is not None else _optional(bundle / "root-ca.pem")
    check = verify_detached(manifest_bytes, signature, certificate, anchor)
    if not check.ok:
        problems.append(f"manifest signature: {check.problem}")
    data_path = bundle / manifest.get("data_file", "")
    try:
        actual = hashlib.sha256(data_path.read_bytes()).hexdigest()
    except OSError as exc:
        return [*problems, f"data file unreadable: {exc}"]
    if actual != manifest.get("data_sha256"):
        problems.append("data file sha256 differs from the manifest")
    prev, expected_seq, count = manifest.get("first_prev_hash"), manifest.get("first_seq"), 0
    for count, row in enumerate(_read_rows(data_path, manifest.get("format", "jsonl")), 1):  # noqa: B007
        if row["seq"] != expected_seq:
            problems.append(f"expected seq {expected_seq}, found {row['seq']}")
            break
        if row["prev_hash"] != prev:
            problems.append(f"seq {row['seq']}: prev_hash does not link to the previous event")
            break
        if hash_fields({name: row[name] for name in HASHED_FIELDS}) != row["hash"]:
            problems.append(f"seq {row['seq']}: hash does not match its content")
            break
        prev, expected_seq = row["hash"], expected_seq + 1
    else:
        if count != manifest.get("event_count"):
            problems.append(f"{count} events in the data file, manifest says {manifest.get('event_count')}")
        if count and prev != manifest.get("last_hash"):
            problems.append("the last event's hash differs from the manifest")
    return problems


def _optional(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


def export_record(*, actor, fmt: str, since: datetime | None, until: datetime | None, channel: str) -> None:
    """Exports are themselves audited: who took which part of the record, and how."""
    from django.db import transaction

    from server.audit.services import audit_record

    with transaction.atomic():
        audit_record("audit.exported", actor=actor, object_type="audit", data={
            "format": fmt, "channel": channel, "since": since.isoformat() if since else None,
            "until": until.isoformat() if until else None})
