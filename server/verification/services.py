"""Verification: does this content come from this service, and is its record intact?

Two independent marks are checked: the C2PA manifest (stripped by any re-save) and the
invisible watermark (survives re-encoding); either one leads back to the record. Text is
checked for the green-list mark with each text model's tokenizer (:mod:`.text_marks`), and
an upload whose bytes are exactly an artifact's (sha256) leads to its record too.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from provenance import UnsupportedMedia, detect_watermark, read
from server.generations import runtime
from server.generations.models import Artifact, Generation, Status
from server.verification.sniff import sniff_mime
from server.verification.text_marks import text_watermark_section

WATERMARKED_MIMES = {"image/png", "image/jpeg", "image/webp", "audio/wav", "audio/mpeg", "video/mp4"}


class UnverifiableContent(Exception):
    """The upload is not a format this service can check, or cannot be decoded."""

    def __init__(self, message: str, *, status_code: int = 400, code: str = "unreadable_content"):
        super().__init__(message)
        self.status_code, self.code = status_code, code


@dataclass(frozen=True)
class VerificationReport:
    mime: str
    c2pa: dict[str, Any]
    watermark: dict[str, Any]
    record: dict[str, Any] | None
    verdict: str

    def to_dict(self) -> dict[str, Any]:
        return {"mime": self.mime, "verdict": self.verdict, "c2pa": self.c2pa, "watermark": self.watermark,
                "record": self.record}


def content_verify(data: bytes, sidecar: bytes | None = None) -> VerificationReport:
    mime = sniff_mime(data)
    if mime is None:
        raise UnverifiableContent("unsupported file type: send a PNG, JPEG, WebP or UTF-8 text file",
                                  status_code=415, code="unsupported_media_type")
    c2pa = _c2pa_section(data, mime, sidecar)
    watermark = _watermark_section(data, mime)
    copy_of = Artifact.objects.filter(sha256=hashlib.sha256(data).hexdigest()).select_related("generation").first()
    generation = _matching_generation(c2pa, watermark) or (copy_of.generation if copy_of else None)
    record = _record(generation) if generation else None
    exact = copy_of is not None and copy_of.generation_id == getattr(generation, "id", None)
    return VerificationReport(mime, c2pa, watermark, record, _verdict(c2pa, watermark, generation, exact, mime))


def _c2pa_section(data: bytes, mime: str, sidecar: bytes | None) -> dict[str, Any]:
    try:
        report = read(data, mime, sidecar=sidecar, trust_anchors_pem=runtime.signing_identity().trust_anchors_pem)
    except UnsupportedMedia as exc:
        raise UnverifiableContent(f"the {mime} file cannot be decoded: {exc}") from exc
    summary = report.summary
    return {
        "present": report.state != "absent",
        "state": report.state,
        "failures": report.failures,
        "manifest_label": report.manifest_label,
        "generator": summary.get("software_agent") or summary.get("claim_generator"),
        "digital_source_type": summary.get("digital_source_type"),
        "issuer": summary.get("signer_issuer"),
        "signer": summary.get("signer_common_name"),
        "generation_id": summary.get("generation_id"),
        "soft_binding": ({"alg": summary["soft_binding_alg"], "value": summary.get("soft_binding_value")}
                         if summary.get("soft_binding_alg") else None),
    }


def _watermark_section(data: bytes, mime: str) -> dict[str, Any]:
    if mime == "text/plain":
        return text_watermark_section(data)
    if mime not in WATERMARKED_MIMES:
        return {"checked": False, "found": False, "alg": None, "payload": None, "confidence": 0.0,
                "reason": f"no watermark detector for {mime}"}
    try:
        detection = detect_watermark(data, mime, runtime.watermark_key())
    except UnsupportedMedia as exc:
        raise UnverifiableContent(f"the {mime} file cannot be decoded: {exc}") from exc
    return {
        "checked": True,
        "found": detection.found,
        "alg": detection.alg,
        "payload": f"{detection.watermark_id:012x}" if detection.found and detection.watermark_id is not None else None,
        "confidence": round(float(detection.confidence), 6),
    }


def _matching_generation(c2pa: dict[str, Any], watermark: dict[str, Any]) -> Generation | None:
    if watermark.get("found") and watermark.get("payload"):
        match = Generation.objects.filter(watermark_id=int(watermark["payload"], 16)).first()
        if match:
            return match
    # A manifest only counts when it chains to this service's own root.
    if c2pa["state"] == "Trusted" and c2pa.get("generation_id"):
        return Generation.objects.filter(pk=c2pa["generation_id"]).first()
    return None


def _record(generation: Generation) -> dict[str, Any]:
    return {
        "generation_id": str(generation.id),
        "model": generation.model_name,
        "model_version": generation.model_version,
        "family": generation.family,
        "modality": generation.modality,
        "created_at": generation.created_at.isoformat(),
        "status": generation.status,
        "artifacts": [{"sha256": a.sha256, "manifest_label": a.c2pa_manifest_label}
                      for a in generation.artifacts.all()],
    }


def _verdict(c2pa: dict[str, Any], watermark: dict[str, Any], generation: Generation | None,
             exact: bool = False, mime: str = "") -> str:
    if c2pa["state"] == "Invalid":
        return "Content Credentials are INVALID: the content was altered after signing" + (
            f" (its watermark still points to generation {generation.id})" if generation else "")
    if generation is None:
        if c2pa["present"]:
            return f"Content Credentials read {c2pa['state']}, but no record of this service matches"
        return "No mark of this service was found"
    marks = ["byte-for-byte copy of its artifact"] if exact else []
    if watermark.get("found"):
        marks.append("watermark")
    if c2pa["present"]:
        marks.append(f"{c2pa['state']} Content Credentials")
    stripped = "" if c2pa["present"] else (
        "; its Content Credentials are in a sidecar (send it as 'sidecar')" if mime == "text/plain"
        else "; its Content Credentials were stripped")
    # Content the service held back (rejected, blocked, still in review) was never handed out.
    withheld = "" if generation.status == Status.SUCCEEDED else (
        f"; its record says {generation.status}: the service never delivered it")
    return f"Generated by this service: generation {generation.id} ({' and '.join(marks)}){stripped}{withheld}"


def manifests_by_binding(alg: str, value: str) -> list[Artifact]:
    """Artifacts whose soft binding (watermark algorithm and id) matches."""
    try:
        watermark_id = int(value, 16)
    except ValueError:
        return []
    return list(Artifact.objects.filter(watermark_alg=alg, watermark_id=watermark_id).exclude(c2pa_manifest_key=""))


def manifest_get(label: str) -> Artifact | None:
    return Artifact.objects.filter(c2pa_manifest_label=label).exclude(c2pa_manifest_key="").first()
