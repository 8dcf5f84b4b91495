"""Who may open which dashboard page: one permission per view, checked on every request."""

from __future__ import annotations

from functools import wraps

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.urls import reverse

from server.dashboard.roles import user_roles
from server.generations.models import Generation, Status

NAV = [
    ("Overview", "dashboard:home", "view_dashboard"),
    ("Generations", "dashboard:generations", "view_generations"),
    ("Review queue", "dashboard:reviews", "decide_reviews"),
    ("API keys", "dashboard:keys", "manage_api_keys"),
    ("Policies", "dashboard:policies", "view_policies"),
    ("Audit log", "dashboard:audit", "view_audit"),
    ("Statistics", "dashboard:statistics", "view_statistics"),
    ("Verify", "dashboard:verify", "verify_content"),
]


def can(user, codename: str) -> bool:
    return user.is_authenticated and user.has_perm(f"dashboard.{codename}")


def page_context(request, **extra) -> dict:
    """Django admin's page context (header, user tools, theme) plus the dashboard's navigation."""
    user = request.user
    context = admin.site.each_context(request)
    context["is_nav_sidebar_enabled"] = False
    current = request.resolver_match.view_name if request.resolver_match else ""
    nav = []
    for label, name, codename in NAV:
        if can(user, codename):
            url = reverse(name)
            nav.append({"label": label, "url": url, "active": current == name or (
                name != "dashboard:home" and request.path.startswith(url))})
    context.update(
        nav=nav,
        roles=user_roles(user),
        perms_dashboard={codename: can(user, codename) for _, _, codename in NAV}
        | {c: can(user, c) for c in ("view_content", "manage_policies", "export_audit")},
        backlog=(Generation.objects.filter(status=Status.IN_REVIEW).count() if can(user, "decide_reviews") else None),
    )
    context.update(extra)
    return context


def page(request, template: str, status: int = 200, **extra):
    response = render(request, template, page_context(request, **extra), status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def permission_required(codename: str):
    """Anonymous: to the admin login (then back). Signed in without the permission: 403 page."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not can(request.user, codename):
                return page(request, "dashboard/403.html", status=403, title="Not allowed",
                            needed=codename)
            return view(request, *args, **kwargs)

        wrapped.dashboard_permission = codename
        return wrapped

    return decorator
