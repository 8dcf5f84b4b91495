"""The closed registry of audit event types: an unknown type is refused, never invented."""

EVENT_TYPES: dict[str, str] = {
    "apikey.created": "An API key was issued.",
    "apikey.revoked": "An API key was revoked.",
    "generation.requested": "A client asked for a generation; it was queued.",
    "generation.started": "A worker picked the generation up.",
    "generation.requeued": "A generation stuck in running was put back on its queue (attempt count in the data).",
    "safety.prompt_scanned": "The prompt was scanned; the verdict is in the data.",
    "generation.generated": "The model produced its output (not yet delivered).",
    "safety.output_scanned": "The output was scanned; the verdict is in the data.",
    "provenance.watermarked": "An invisible watermark carrying the watermark id was embedded and read back.",
    "provenance.signed": "A C2PA manifest was signed and validated.",
    "artifact.stored": "The final bytes were stored; their hash is in the data.",
    "generation.succeeded": "The content became available to its owner.",
    "generation.blocked": "The safety policy blocked the generation; nothing is delivered.",
    "generation.held_for_review": "The output waits for a reviewer; nothing is delivered yet.",
    "generation.failed": "The generation failed; the reason is in the data.",
    "review.approved": "A reviewer approved held content; it became deliverable.",
    "review.rejected": "A reviewer rejected held content; it is never delivered.",
    "moderation.checked": "A client ran the safety layer on content without generating (hash of the input).",
    "policy.created": "A new safety policy version was stored.",
    "policy.assigned": "An API key was switched to another safety policy version.",
    "audit.exported": "Someone exported audit events (format, time window, where).",
    "content.viewed": "A staff member opened content in the dashboard (held content included).",
    "auth.login": "A staff user signed in to the dashboard.",
    "auth.login_failed": "A dashboard sign-in failed.",
    "auth.logout": "A staff user signed out of the dashboard.",
    "settings.changed": "An operator changed a service setting.",
    "retention.purged": "Content past its retention period was deleted; hashes are kept.",
    "system.keys_created": "The service created its signing identity or watermark key.",
}


class UnknownEventType(ValueError):
    """Raised for an event type outside the registry."""
