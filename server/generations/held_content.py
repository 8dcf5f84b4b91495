"""Serving content the service has not delivered (held for review) to the people who judge it.

Every look is audited (``content.viewed``), and the response is never cached and sandboxed
(SecurityMiddleware adds nosniff), whether a reviewer opens it on the dashboard or through the
review API.
"""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse

from server.audit.services import Actor, audit_record
from server.generations.models import Artifact


def content_viewed(*, artifact: Artifact, actor: Actor) -> None:
    with transaction.atomic():
        audit_record("content.viewed", actor=actor, object_type="generation",
                     object_id=str(artifact.generation_id),
                     data={"artifact_id": str(artifact.id), "status": artifact.generation.status})


def held_content_response(artifact: Artifact) -> FileResponse:
    mime = "text/plain; charset=utf-8" if artifact.mime.startswith("text/") else artifact.mime
    response = FileResponse(default_storage.open(artifact.storage_key, "rb"), content_type=mime)
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["Content-Disposition"] = f'inline; filename="{artifact.generation_id}-{artifact.index}"'
    return response
