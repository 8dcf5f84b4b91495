"""Service keys: the watermark key and the C2PA signing identity, created once and audited."""

from __future__ import annotations

from django.db import transaction

from server.audit.services import Actor, audit_record
from server.generations import runtime


def service_keys_ensure() -> dict[str, str]:
    """Create missing keys (idempotent) and record their creation in the audit trail."""
    created = []
    if not runtime.signing_identity_dir().exists():
        created.append("c2pa_signing_identity")
    if not runtime.watermark_key_path().exists() and not _watermark_key_from_env():
        created.append("watermark_key")
    identity = runtime.signing_identity()
    runtime.watermark_key()
    if created:
        with transaction.atomic():
            audit_record("system.keys_created", actor=Actor.system("bootstrap"), object_type="service",
                         data={"created": created, "signer": identity.signer_name,
                               "certificate_sha256": identity.certificate_fingerprint})
    return {"signer": identity.signer_name, "certificate_sha256": identity.certificate_fingerprint}


def _watermark_key_from_env() -> bool:
    from django.conf import settings

    return bool(settings.WATERMARK_KEY)
