"""Dashboard roles: Django groups holding this app's permissions.

Views check permissions (``user.has_perm("dashboard.<codename>")``), never group names, so an
operator can also grant a single capability to one user in the admin. Superusers have every
permission, so they are operators.
"""

from __future__ import annotations

REVIEWER, AUDITOR, OPERATOR = "reviewer", "auditor", "operator"

PERMISSIONS: dict[str, str] = {
    "view_dashboard": "Can open the staff dashboard",
    "view_generations": "Can list generations and read their records",
    "view_content": "Can see generated content, held content included",
    "decide_reviews": "Can approve or reject held content",
    "view_statistics": "Can see service statistics",
    "verify_content": "Can verify uploaded content",
    "view_policies": "Can read safety policy versions",
    "manage_policies": "Can create policy versions and assign them to API keys",
    "manage_api_keys": "Can create, list and revoke API keys",
    "view_audit": "Can read the audit log and its chain status",
    "export_audit": "Can export the audit log and download signed bundles",
}

ROLES: dict[str, list[str]] = {
    REVIEWER: ["view_dashboard", "view_generations", "view_content", "decide_reviews", "view_statistics",
               "verify_content", "view_policies"],
    AUDITOR: ["view_dashboard", "view_generations", "view_statistics", "verify_content", "view_policies",
              "view_audit", "export_audit"],
    OPERATOR: list(PERMISSIONS),
}

PERMISSION_MODEL = "dashboardaccess"  # the unmanaged model the permissions hang on (no table)


def ensure_roles(apps) -> None:
    """Create the permissions and the role groups (idempotent; adds, never removes)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="dashboard", model=PERMISSION_MODEL)
    perms = {}
    for codename, name in PERMISSIONS.items():
        perms[codename], _ = Permission.objects.get_or_create(content_type=content_type, codename=codename,
                                                              defaults={"name": name})
    for role, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(*(perms[c] for c in codenames))


def remove_roles(apps) -> None:
    apps.get_model("auth", "Group").objects.filter(name__in=list(ROLES)).delete()


def user_roles(user) -> list[str]:
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        return [OPERATOR]
    return sorted(user.groups.filter(name__in=list(ROLES)).values_list("name", flat=True))
