"""C2PA Content Credentials for generated items: sign and read back.

Every output gets a manifest saying it was made by a trained model
(``trainedAlgorithmicMedia``), by which model, under which safety policy, that it
carries our watermark (as a soft binding, so a stripped copy can be matched back to
its record), and that it may not be used for AI training or data mining.

Formats the SDK can embed into (PNG, JPEG, WebP, ...) carry the manifest inside the file; text
and anything else get a detached manifest store (a ``.c2pa`` sidecar) over the
unchanged bytes.

Settings (trust anchors, no thumbnail) go through a per-call ``c2pa.Context``: no
process-global c2pa state is touched, so concurrent calls with different trust
anchors cannot interfere.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import c2pa

from provenance.errors import SigningError, UnsupportedMedia
from provenance.keys import SigningIdentity

SERVICE_NAME = "Responsible Generation Service"
SERVICE_VERSION = "0.1.0"
SERVICE_ASSERTION = "org.responsible-gen.generation"
TRAINED_ALGORITHMIC_MEDIA = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
# Generated content may not feed other models or mining pipelines. Inference (e.g. a
# user editing the output with another tool) is deliberately left unrestricted.
TRAINING_MINING_ENTRIES: dict[str, dict[str, str]] = {
    "cawg.ai_training": {"use": "notAllowed"},
    "cawg.ai_generative_training": {"use": "notAllowed"},
    "cawg.data_mining": {"use": "notAllowed"},
}
UNREADABLE = "manifest.unreadable"

State = Literal["Trusted", "Valid", "Invalid", "absent"]


@dataclass(frozen=True)
class ManifestFacts:
    """What the manifest states about one generated item."""

    generation_id: str
    model_name: str
    model_version: str
    family: str
    modality: str
    policy_version: str
    watermark_id: int | None
    watermark_alg: str | None
    title: str
    created_at: str
    """ISO 8601 timestamp of the generation."""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SignedItem:
    """A signed item: ``data`` (with the manifest embedded) or unchanged ``data`` + ``sidecar``."""

    data: bytes
    mime: str
    manifest_label: str
    sidecar: bytes | None
    manifest_store: bytes = b""
    """The signed manifest store (JUMBF) on its own, embedded or not: what a soft-binding
    resolver serves for ``GET /manifests/{id}``."""


@dataclass(frozen=True)
class ManifestReport:
    """Outcome of reading Content Credentials.

    ``state`` is the C2PA validation state, or ``absent`` when there is no manifest;
    ``failures`` holds the C2PA validation status codes of the active manifest.
    """

    state: State
    failures: list[str]
    manifest_label: str | None
    summary: dict[str, Any]


def build_manifest(facts: ManifestFacts, mime: str) -> dict[str, Any]:
    """The manifest definition handed to ``c2pa.Builder`` (exposed for inspection and tests)."""
    agent = {"name": f"{SERVICE_NAME} ({facts.model_name})", "version": facts.model_version}
    actions: list[dict[str, Any]] = [
        {
            "action": "c2pa.created",
            "when": facts.created_at,
            "digitalSourceType": TRAINED_ALGORITHMIC_MEDIA,
            "softwareAgent": agent,
        }
    ]
    assertions: list[dict[str, Any]] = [{"label": "c2pa.actions.v2", "data": {"actions": actions}}]
    if facts.watermark_id is not None:
        actions.append(
            {
                "action": "c2pa.watermarked",
                "softwareAgent": {"name": SERVICE_NAME, "version": SERVICE_VERSION},
                "parameters": {"description": f"invisible watermark {facts.watermark_alg or ''}".strip()},
            }
        )
        if facts.watermark_alg:
            assertions.append(
                {
                    "label": "c2pa.soft-binding",
                    "data": {
                        "alg": facts.watermark_alg,
                        "blocks": [{"scope": {}, "value": watermark_value(facts.watermark_id)}],
                    },
                }
            )
    service = {k: v for k, v in asdict(facts).items() if k not in ("title", "extra")}
    if facts.extra:
        service["extra"] = facts.extra
    assertions.append({"label": SERVICE_ASSERTION, "data": service})
    assertions.append({"label": "cawg.training-mining", "data": {"entries": TRAINING_MINING_ENTRIES}})
    return {
        "claim_generator_info": [{"name": SERVICE_NAME, "version": SERVICE_VERSION}],
        "title": facts.title,
        "format": mime,
        "assertions": assertions,
    }


def watermark_value(watermark_id: int) -> str:
    """Soft-binding block value: the 48-bit id as 12 lowercase hex digits."""
    return f"{watermark_id:012x}"


def sign(data: bytes, mime: str, facts: ManifestFacts, identity: SigningIdentity) -> SignedItem:
    """Sign ``data`` with the service identity (ES256, no timestamp authority)."""
    mime = _normalize_mime(mime)
    embed = _embeddable(mime)
    try:
        manifest_json = json.dumps(build_manifest(facts, mime))
    except (TypeError, ValueError) as exc:
        raise SigningError(f"manifest facts are not JSON-serialisable: {exc}") from exc
    try:
        signer = c2pa.Signer.from_info(
            c2pa.C2paSignerInfo(c2pa.C2paSigningAlg.ES256, identity.cert_chain_pem, identity.private_key_pem, None)
        )
    except c2pa.C2paError as exc:
        raise SigningError(f"cannot create a signer from the identity: {exc}") from exc
    try:
        with _context(None) as context, c2pa.Builder(manifest_json, context=context) as builder:
            if not embed:
                builder.set_no_embed()
            out = io.BytesIO()
            manifest_bytes = builder.sign(signer, mime, io.BytesIO(data), out)
    except c2pa.C2paError as exc:
        if isinstance(exc, (c2pa.C2paError.NotSupported, c2pa.C2paError.Io)) or "could not be parsed" in str(exc):
            raise UnsupportedMedia(f"cannot sign {mime!r} data: {exc}") from exc
        raise SigningError(f"C2PA signing failed: {exc}") from exc
    finally:
        signer.close()
    if embed:
        signed, sidecar = out.getvalue(), None
    else:
        signed, sidecar = bytes(data), manifest_bytes
    report = read(signed, mime, sidecar=sidecar)
    if report.manifest_label is None:
        raise SigningError("signed item has no readable manifest")
    return SignedItem(data=signed, mime=mime, manifest_label=report.manifest_label, sidecar=sidecar,
                      manifest_store=bytes(manifest_bytes))


def read(
    data: bytes,
    mime: str,
    *,
    sidecar: bytes | None = None,
    trust_anchors_pem: bytes | None = None,
) -> ManifestReport:
    """Validate the Content Credentials of ``data`` (embedded, or in ``sidecar``).

    Without trust anchors a good manifest reads ``Valid`` with
    ``signingCredential.untrusted``; with the service root it reads ``Trusted``.
    """
    mime = _normalize_mime(mime)
    if sidecar is None and not _embeddable(mime):
        return ManifestReport(state="absent", failures=[], manifest_label=None, summary={})
    try:
        with _context(trust_anchors_pem) as context:
            reader = c2pa.Reader.try_create(mime, io.BytesIO(data), sidecar, context)
            if reader is None:
                return ManifestReport(state="absent", failures=[], manifest_label=None, summary={})
            with reader:
                store = json.loads(reader.json())
                state = reader.get_validation_state()
                results = reader.get_validation_results() or {}
    except c2pa.C2paError as exc:
        if sidecar is not None and isinstance(
            exc, (c2pa.C2paError.Verify, c2pa.C2paError.Decoding, c2pa.C2paError.Json, c2pa.C2paError.Manifest)
        ):
            # The asset is fine but the detached manifest is not a manifest store.
            return ManifestReport(state="Invalid", failures=[UNREADABLE], manifest_label=None, summary={})
        raise UnsupportedMedia(f"cannot read C2PA data from {mime!r} input: {exc}") from exc
    label = store.get("active_manifest")
    manifest = store.get("manifests", {}).get(label, {}) if label else {}
    failures = [f["code"] for f in results.get("activeManifest", {}).get("failure", []) if "code" in f]
    if state not in ("Trusted", "Valid", "Invalid"):
        state = "Invalid"
    return ManifestReport(state=state, failures=failures, manifest_label=label, summary=_summarize(manifest))


def _summarize(manifest: dict[str, Any]) -> dict[str, Any]:
    """Flatten the facts a verifier cares about out of one manifest's JSON."""
    summary: dict[str, Any] = {
        "title": manifest.get("title"),
        "claim_generator": next(iter(manifest.get("claim_generator_info") or []), {}).get("name"),
    }
    for assertion in manifest.get("assertions", []):
        label, data = assertion.get("label", ""), assertion.get("data") or {}
        if label.startswith("c2pa.actions"):
            actions = data.get("actions", [])
            summary["actions"] = [a.get("action") for a in actions]
            created = next((a for a in actions if a.get("action") == "c2pa.created"), {})
            summary["digital_source_type"] = created.get("digitalSourceType")
            agent = created.get("softwareAgent")
            summary["software_agent"] = agent.get("name") if isinstance(agent, dict) else agent
        elif label == "c2pa.soft-binding":
            block = next(iter(data.get("blocks") or []), {})
            summary["soft_binding_alg"] = data.get("alg")
            summary["soft_binding_value"] = block.get("value")
        elif label == SERVICE_ASSERTION:
            for key in (
                "generation_id",
                "model_name",
                "model_version",
                "family",
                "modality",
                "policy_version",
                "watermark_id",
                "watermark_alg",
                "created_at",
                "extra",
            ):
                if key in data:
                    summary[key] = data[key]
        elif label in ("cawg.training-mining", "c2pa.training-mining"):
            summary["training_mining"] = {k: v.get("use") for k, v in (data.get("entries") or {}).items()}
    signature = manifest.get("signature_info") or {}
    summary["signer_issuer"] = signature.get("issuer")
    summary["signer_common_name"] = signature.get("common_name")
    summary["signature_alg"] = signature.get("alg")
    return summary


@contextlib.contextmanager
def _context(trust_anchors_pem: bytes | None) -> Iterator[c2pa.Context]:
    """Per-call c2pa Context: verify trust, optionally with anchors, and no thumbnail."""
    settings: dict[str, Any] = {
        "verify": {"verify_trust": True},
        "builder": {"thumbnail": {"enabled": False}},
    }
    if trust_anchors_pem:
        settings["trust"] = {"trust_anchors": trust_anchors_pem.decode("ascii")}
    context = c2pa.Context.from_dict(settings)
    try:
        yield context
    finally:
        context.close()


def _embeddable(mime: str) -> bool:
    """Whether c2pa can carry a manifest inside this format (else: sidecar)."""
    try:
        return mime in c2pa.Builder.get_supported_mime_types()
    except c2pa.C2paError:
        return False


def _normalize_mime(mime: str) -> str:
    mime = (mime or "").split(";", 1)[0].strip().lower()
    return {"image/jpg": "image/jpeg", "image/pjpeg": "image/jpeg", "image/x-png": "image/png"}.get(mime, mime)
