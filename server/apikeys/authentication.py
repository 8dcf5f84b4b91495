"""DRF authentication by ``Authorization: Bearer <key>`` and scope permissions."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from rest_framework import authentication, exceptions, permissions

from server.apikeys.auth_cache import cached_key_put
from server.apikeys.models import ApiKey
from server.apikeys.services import apikey_authenticate
from server.audit.services import Actor
from server.common import openapi  # noqa: F401  (registers the bearer scheme in the OpenAPI schema)

LAST_USED_RESOLUTION = timedelta(minutes=1)


class ApiKeyAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise exceptions.AuthenticationFailed("Use the header 'Authorization: Bearer <api key>'.")
        key = apikey_authenticate(token.strip())
        if key is None:
            raise exceptions.AuthenticationFailed("Invalid, expired or revoked API key.")
        now = timezone.now()
        if key.last_used_at is None or now - key.last_used_at > LAST_USED_RESOLUTION:
            # At most one write a minute per key: not a database write on every request.
            ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
            key.last_used_at = now
            cached_key_put(key)  # the cached record learns the new time, or every request would write
        return key.owner, key

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


def actor_from_request(request) -> Actor:
    key = request.auth if isinstance(request.auth, ApiKey) else None
    user = request.user
    return Actor(
        type="api_key" if key else "user",
        id=str(user.pk) if user else "",
        name=user.get_username() if user else "",
        api_key_prefix=key.prefix if key else "",
    )


class HasScope(permissions.BasePermission):
    """Grants access when the request's API key carries ``view.required_scope``."""

    message = "This API key lacks the required scope."

    def has_permission(self, request, view) -> bool:
        scope = getattr(view, "required_scope", None)
        key = request.auth
        if not isinstance(key, ApiKey):
            return False
        if scope and not key.has_scope(scope):
            self.message = f"This API key lacks the '{scope}' scope."
            return False
        from server.common.pagination import check_query_params  # lazy: DRF settings import this module

        check_query_params(request, view)  # after authentication: strangers learn nothing about the API
        return True
