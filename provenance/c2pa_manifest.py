"""C2PA Content Credentials for generated items: sign and read back.

Every output gets a manifest saying it was made by a trained model
(``trainedAlgorithmicMedia``), by which model, under which safety policy, that it
carries our watermark (as a soft binding, so a stripped copy can be matched back to
its record), and that it may not be used for AI training or data mining.

Formats the SDK can embed into (PNG, JPEG, WebP, WAV, MP3, MP4, ...) carry the manifest inside
the file; text and anything else get a detached manifest store (a ``.c2pa`` sidecar) over the
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
from provenance.mime import normalize_mime

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
    training_mining: dict[str, Any] | None = None
    """``cawg.training-mining`` entries, e.g. ``{"cawg.ai_inference": "allowed"}`` or
    ``{"cawg.data_mining": {"use": "constrained", "constraint_info": "..."}}``; a bare
    string is the ``use``. None: ``TRAINING_MINING_ENTRIES`` (training and mining not
    allowed); ``{}`` leaves the assertion out."""


TRAINING_MINING_USES = frozenset({"allowed", "notAllowed", "constrained"})


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
    service = {k: v for k, v in asdict(facts).items() if k not in ("title", "extra", "training_mining")}
    if facts.extra:
        service["extra"] = facts.extra
    assertions.append({"label": SERVICE_ASSERTION, "data": service})
    entries = training_mining_entries(facts.training_mining)
    if entries:
        assertions.append({"label": "cawg.training-mining", "data": {"entries": entries}})
    return {
        "claim_generator_info": [{"name": SERVICE_NAME, "version": SERVICE_VERSION}],
        "title": facts.title,
        "format": mime,
        "assertions": assertions,
    }


def training_mining_entries(spec: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """Normalise ``ManifestFacts.training_mining`` to assertion entries (ValueError if malformed)."""
    if spec is None:
        return {k: dict(v) for k, v in TRAINING_MINING_ENTRIES.items()}
    if not isinstance(spec, dict):
        raise ValueError(f"training_mining must be a dict or None, not {type(spec).__name__}")
    entries: dict[str, dict[str, Any]] = {}
    for name, value in spec.items():
        entry = {"use": value} if isinstance(value, str) else dict(value) if isinstance(value, dict) else None
        if not isinstance(name, str) or not name or entry is None:
            raise ValueError(f"training_mining entry {name!r}: want a name and a use or a dict with 'use'")
        if entry.get("use") not in TRAINING_MINING_USES:
            raise ValueError(f"training_mining entry {name!r}: use must be one of {sorted(TRAINING_MINING_USES)}")
        entries[name] = entry
    return entries


def watermark_value(watermark_id: int) -> str:
    """Soft-binding block value: the 48-bit id as 12 lowercase hex digits."""
    return f"{watermark_id:012x}"


def sign(
    data: bytes,
    mime: str,
    facts: ManifestFacts,
    identity: SigningIdentity,
    *,
    tsa_url: str | None = None,
) -> SignedItem:
    """Sign ``data`` with ``identity`` (its key, or its ``sign_callback``).

    ``tsa_url``: an RFC 3161 timestamp authority (http/https) to countersign the
    claim, so the manifest stays valid after the certificate expires; None (default)
    for no timestamp. Signing then needs that server reachable.
    """
    mime = _normalize_mime(mime)
    embed = _embeddable(mime)
    try:
        manifest_json = json.dumps(build_manifest(facts, mime))
    except (TypeError, ValueError) as exc:
        raise SigningError(f"invalid manifest facts: {exc}") from exc
    signer = _signer(identity, tsa_url)
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
    # The active manifest's label comes straight from the store c2pa returned (reading
    # the signed item back would re-validate it: ~2 ms on a 512 px PNG).
    label = active_manifest_label(bytes(manifest_bytes))
    if label is None:
        report = read(signed, mime, sidecar=sidecar)
        if report.manifest_label is None:
            raise SigningError("signed item has no readable manifest")
        label = report.manifest_label
    return SignedItem(data=signed, mime=mime, manifest_label=label, sidecar=sidecar,
                      manifest_store=bytes(manifest_bytes))


_C2PA_STORE_UUID = bytes.fromhex("6332706100110010800000aa00389b71")  # "c2pa" + ISO suffix
_MANIFEST_TYPES = (b"c2ma", b"c2um")  # standard and update manifests


def active_manifest_label(store: bytes) -> str | None:
    """Label of the active (last) manifest in a JUMBF manifest store, or None if ``store``
    does not parse as one. Pure parsing: no validation."""

    def boxes(buf: bytes, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
        pos = start
        while pos + 8 <= end:
            size, kind = int.from_bytes(buf[pos : pos + 4], "big"), buf[pos + 4 : pos + 8]
            head = 8
            if size == 1:
                if pos + 16 > end:
                    return
                size, head = int.from_bytes(buf[pos + 8 : pos + 16], "big"), 16
            elif size == 0:
                size = end - pos
            if size < head or pos + size > end:
                return
            yield kind, pos + head, pos + size
            pos += size

    def description(buf: bytes, start: int, end: int) -> tuple[bytes, str | None] | None:
        first = next(boxes(buf, start, end), None)
        if first is None or first[0] != b"jumd" or first[2] - first[1] < 17:
            return None
        d0, d1 = first[1], first[2]
        uuid, toggles = buf[d0 : d0 + 16], buf[d0 + 16]
        label = None
        if toggles & 0x02:
            nul = buf.find(b"\x00", d0 + 17, d1)
            if nul < 0:
                return None
            label = buf[d0 + 17 : nul].decode("utf-8", "replace")
        return uuid, label

    top = next(boxes(store, 0, len(store)), None)
    if top is None or top[0] != b"jumb":
        return None
    desc = description(store, top[1], top[2])
    if desc is None or desc[0] != _C2PA_STORE_UUID:
        return None
    label = None
    for kind, start, end in boxes(store, top[1], top[2]):
        if kind == b"jumb" and (d := description(store, start, end)) and d[0][:4] in _MANIFEST_TYPES:
            label = d[1]
    return label


_ALGS = {
    "es256": c2pa.C2paSigningAlg.ES256,
    "es384": c2pa.C2paSigningAlg.ES384,
    "es512": c2pa.C2paSigningAlg.ES512,
    "ps256": c2pa.C2paSigningAlg.PS256,
    "ed25519": c2pa.C2paSigningAlg.ED25519,
}


def _signer(identity: SigningIdentity, tsa_url: str | None) -> c2pa.Signer:
    if tsa_url is not None and (not isinstance(tsa_url, str) or not tsa_url.startswith(("http://", "https://"))):
        raise SigningError(f"tsa_url must be an http(s) URL, got {tsa_url!r}")
    alg = _ALGS.get(getattr(identity, "signing_alg", "es256"))
    if alg is None:
        raise SigningError(f"unsupported signing algorithm {identity.signing_alg!r}")
    callback = getattr(identity, "sign_callback", None)
    try:
        if callback is not None:
            return c2pa.Signer.from_callback(callback, alg, identity.cert_chain_pem.decode("ascii"), tsa_url)
        return c2pa.Signer.from_info(
            c2pa.C2paSignerInfo(
                alg, identity.cert_chain_pem, identity.private_key_pem, tsa_url.encode() if tsa_url else None
            )
        )
    except (c2pa.C2paError, UnicodeError, ValueError) as exc:
        raise SigningError(f"cannot create a signer from the identity: {exc}") from exc


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


# audio/x-wav -> audio/wav, audio/mp3 -> audio/mpeg, ...: one spelling in manifests and SignedItem.mime.
_normalize_mime = normalize_mime
