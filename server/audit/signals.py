"""Dashboard sign-ins and sign-outs go into the audit chain (Django only reports them by signal)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.dispatch import receiver

from server.audit.services import Actor, audit_record


def _client(request) -> dict:
    if request is None:
        return {}
    return {"ip": request.META.get("REMOTE_ADDR", ""), "user_agent": request.META.get("HTTP_USER_AGENT", "")[:200]}


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    with transaction.atomic():
        audit_record("auth.login", actor=Actor(type="user", id=str(user.pk), name=user.get_username()),
                     object_type="user", object_id=str(user.pk), data=_client(request))


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is None:
        return
    with transaction.atomic():
        audit_record("auth.logout", actor=Actor(type="user", id=str(user.pk), name=user.get_username()),
                     object_type="user", object_id=str(user.pk), data=_client(request))


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]  # never the password: Django masks it anyway
    with transaction.atomic():
        audit_record("auth.login_failed", actor=Actor(type="user", name=username), object_type="user",
                     data={"username": username, **_client(request)})
