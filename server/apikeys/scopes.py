"""What an API key may do. Each endpoint names the one scope it needs."""

SCOPES: dict[str, str] = {
    "generate": "Create generations, read your own generations and download their content.",
    "moderate": "Run the safety layer on text or images without generating.",
    "verify": "Check content for this service's watermark and C2PA manifest.",
    "audit:read": "Read audit events and exports.",
    "review": "See the review queue and approve or reject held content.",
}

DEFAULT_SCOPES = ["generate", "verify"]


class UnknownScope(ValueError):
    pass


def parse_scopes(raw: str | list[str]) -> list[str]:
    items = raw.split(",") if isinstance(raw, str) else list(raw)
    scopes = sorted({item.strip() for item in items if item.strip()})
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown:
        raise UnknownScope(f"unknown scope(s) {', '.join(unknown)}; allowed: {', '.join(SCOPES)}")
    if not scopes:
        raise UnknownScope(f"at least one scope is needed; allowed: {', '.join(SCOPES)}")
    return scopes
