"""The one rule for text the service accepts: what PostgreSQL can store and UTF-8 can encode."""

from __future__ import annotations


def plain_text_error(text: str) -> str | None:
    """Why ``text`` cannot be accepted, or None. JSON can carry a NUL (PostgreSQL text refuses it)
    and a lone surrogate such as "\\ud800" (not encodable as UTF-8, so it can be neither hashed
    nor stored); both would otherwise surface as a 500 deep in the request."""
    if "\x00" in text:
        return "NUL (0x00) characters are not allowed"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"surrogate characters are not allowed: U+{ord(text[exc.start]):04X} at position {exc.start}"
    return None
