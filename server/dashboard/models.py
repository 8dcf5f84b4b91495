"""No tables: one unmanaged model carries the dashboard's permissions (see roles.py)."""

from django.db import models

from server.dashboard.roles import PERMISSIONS


class DashboardAccess(models.Model):
    class Meta:
        managed = False
        default_permissions = ()
        permissions = list(PERMISSIONS.items())
        verbose_name = "dashboard access"
