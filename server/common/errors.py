"""One JSON error shape everywhere: {"error": {"code", "message", "details"}}."""

from __future__ import annotations

import logging
from typing import Any

from django.http import Http404, HttpResponse, JsonResponse
from django.utils.html import escape
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

logger = logging.getLogger(__name__)


class ApiError(exceptions.APIException):
    """An error a service raises on purpose, with a stable machine-readable code."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "bad_request"

    def __init__(self, message: str, *, code: str | None = None, status_code: int | None = None,
                 details: Any = None):
        super().__init__(detail=message, code=code or self.default_code)
        if status_code is not None:
            self.status_code = status_code
        self.error_code = code or self.default_code
        self.details = details


class ServiceUnavailable(ApiError):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "service_unavailable"


_CODES = {
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.AuthenticationFailed: "authentication_failed",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.NotAcceptable: "not_acceptable",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.ParseError: "parse_error",
    exceptions.Throttled: "rate_limited",
    exceptions.ValidationError: "invalid_request",
}


def error_body(code: str, message: str, details: Any = None) -> dict:
    return {"error": {"code": code, "message": message, "details": details if details is not None else {}}}


def _first_message(detail: Any) -> str:
    if isinstance(detail, dict):
        for field, value in detail.items():
            inner = _first_message(value)
            return inner if field == "non_field_errors" else f"{field}: {inner}"
    if isinstance(detail, list) and detail:
        return _first_message(detail[0])
    return str(detail)


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = exception_handler(exc, context)
    if response is None:
        return None  # a genuine bug: Django's 500 handler answers (JSON, see handler500)
    if isinstance(exc, ApiError):
        body = error_body(exc.error_code, str(exc.detail), exc.details)
    elif isinstance(exc, exceptions.ValidationError):
        body = error_body("invalid_request", _first_message(exc.detail), exc.detail)
    else:
        code = next((c for cls, c in _CODES.items() if isinstance(exc, cls)), "error")
        body = error_body(code, _first_message(exc.detail))
    response.data = body
    return response


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable machine-readable error code.")
    message = serializers.CharField(help_text="What went wrong and how to fix it.")
    details = serializers.JSONField(help_text="Field errors or other structured context.")


class ErrorSerializer(serializers.Serializer):
    """The body of every error response."""

    error = ErrorDetailSerializer()


API_PREFIXES = ("/api/", "/v1/", "/healthz", "/readyz")


OPENAI_PREFIX = "/v1/"


def openai_error_body(message: str, type: str, code: str | None, param: str | None = None) -> dict:
    """OpenAI's error shape, which its client libraries turn into the exceptions users catch."""
    return {"error": {"message": message, "type": type, "param": param, "code": code}}


def json_error_view(code: str, message: str, http_status: int):
    """JSON for API paths (OpenAI's shape under ``/v1/``); a plain HTML page for people on the
    dashboard and admin."""

    def view(request, *args, **kwargs):
        if request.path.startswith(OPENAI_PREFIX):
            kind = "api_error" if http_status >= 500 else "invalid_request_error"
            return JsonResponse(openai_error_body(message, kind, code), status=http_status)
        if request.path.startswith(API_PREFIXES):
            return JsonResponse(error_body(code, message), status=http_status)
        html = f"<!doctype html><title>{http_status}</title><h1>{http_status}</h1><p>{escape(message)}</p>"
        return HttpResponse(html, status=http_status)

    return view


handler400 = json_error_view("bad_request", "Bad request.", 400)
handler403 = json_error_view("permission_denied", "Permission denied.", 403)
handler404 = json_error_view("not_found", "No such resource.", 404)
_handler500 = json_error_view("server_error", "Internal error; it has been logged.", 500)


def handler500(request):
    """A database outage met outside a view (session, auth middleware) is a 503 too, not a 500."""
    import sys

    from django.db import InterfaceError, OperationalError

    from server.common.middleware import database_outage_response

    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        return database_outage_response(request)
    return _handler500(request)
