"""Request ids: every request gets one, echoed in the response and copied into audit events."""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar

_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
_VALID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def current_request_id() -> str | None:
    return _request_id.get()


class RequestIdMiddleware:
    """Accepts a sane client X-Request-ID or makes one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


DB_RETRY_AFTER = 5  # seconds a client should wait when the database is unreachable


def database_outage_response(request):
    """503 + Retry-After, JSON on API paths (the database error itself is logged, never shown)."""
    from server.common.errors import json_error_view

    response = json_error_view("service_unavailable", "The database is unavailable; retry later.", 503)(request)
    response["Retry-After"] = str(DB_RETRY_AFTER)
    return response


def _body_limit(request) -> int:
    from django.conf import settings

    if request.content_type == "multipart/form-data":  # a file and its sidecar, plus the form's framing
        return 2 * settings.VERIFY_MAX_BYTES + 1024 * 1024
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def _has_nul(request) -> bool:
    """A NUL in the path or a query parameter: PostgreSQL cannot compare text with one, so every
    lookup it reached would fail with a 500 instead of finding nothing."""
    return "\x00" in request.path or any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists())


class ResilienceMiddleware:
    """Refuses oversized bodies up front (413) and URLs with NUL characters (400), and turns a lost
    database into a 503 with Retry-After.

    The connection that failed is closed, so the next request reconnects: the service recovers by
    itself when the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):

        from server.common.errors import API_PREFIXES, json_error_view

        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return json_error_view("bad_request", "Content-Length must be a number.", 400)(request)
        limit = _body_limit(request)
        if length > limit:
            return json_error_view("too_large", f"request bodies up to {limit} bytes are accepted", 413)(request)
        if _has_nul(request):
            return json_error_view("invalid_request", "the URL must not contain NUL (%00) characters", 400)(request)
        if "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower() and not length:
            # The WSGI server may pass a chunked body through, but Django reads CONTENT_LENGTH
            # bytes: the body would silently count as empty.
            return json_error_view("length_required", "send the body with a Content-Length header; "
                                   "chunked request bodies are not read", 411)(request)
        response = self.get_response(request)
        if response.status_code == 404 and request.path.startswith(API_PREFIXES) and \
                response.get("Content-Type", "").startswith("text/html"):
            # An unknown URL under the API (Django's HTML 404, its debug page when DEBUG is on).
            return json_error_view("not_found", "No such resource.", 404)(request)
        return response

    def process_exception(self, request, exception):
        from django.core.exceptions import RequestDataTooBig
        from django.db import InterfaceError, OperationalError, connections

        from server.common.errors import json_error_view

        if isinstance(exception, (OperationalError, InterfaceError)):
            logging.getLogger(__name__).error("database unavailable: %s", type(exception).__name__)
            for conn in connections.all(initialized_only=True):
                if not conn.in_atomic_block:
                    conn.close_if_unusable_or_obsolete()
            return database_outage_response(request)
        if isinstance(exception, RequestDataTooBig):
            return json_error_view("too_large", "the request body is too large", 413)(request)
        return None
