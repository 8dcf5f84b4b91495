"""OpenAI's error shape and status codes, so client libraries raise the exceptions their users catch.

{"error": {"message", "type", "param", "code"}}: 400 invalid_request_error, 401 invalid_api_key,
403 permission denied, 404 model_not_found, 429 rate limits.
"""

from __future__ import annotations

from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

from server.common.errors import ApiError, _first_message
from server.common.errors import openai_error_body as body


class OpenAIError(ApiError):
    """An error with OpenAI's ``type``/``param`` fields."""

    def __init__(self, message: str, *, status_code: int = 400, code: str | None = None,
                 type: str = "invalid_request_error", param: str | None = None, headers: dict | None = None):
        super().__init__(message, code=code or type, status_code=status_code)
        self.openai_type, self.param, self.headers = type, param, headers or {}


def openai_exception_handler(exc: Exception, context: dict) -> Response | None:
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, OpenAIError):
        response.data = body(str(exc.detail), exc.openai_type, exc.error_code, exc.param)
        for name, value in exc.headers.items():
            response[name] = value
    elif isinstance(exc, exceptions.AuthenticationFailed | exceptions.NotAuthenticated):
        response.status_code = 401
        response.data = body("Incorrect API key provided." if isinstance(exc, exceptions.AuthenticationFailed)
                             else "You didn't provide an API key (Authorization: Bearer <key>).",
                             "invalid_request_error", "invalid_api_key")
    elif isinstance(exc, exceptions.PermissionDenied):
        response.data = body(str(exc.detail), "permission_error", "insufficient_scope")
    elif isinstance(exc, exceptions.ValidationError):
        field = next(iter(exc.detail), None) if isinstance(exc.detail, dict) else None
        response.data = body(_first_message(exc.detail), "invalid_request_error", "invalid_value",
                             None if field == "non_field_errors" else field)
    elif isinstance(exc, ApiError):
        response.data = body(str(exc.detail), "invalid_request_error", exc.error_code)
    else:
        response.data = body(_first_message(exc.detail), "invalid_request_error", None)
    return response
