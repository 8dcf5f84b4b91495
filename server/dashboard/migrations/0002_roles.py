"""The dashboard roles (groups reviewer, auditor, operator) with their permissions."""

from django.db import migrations

from server.dashboard.roles import ensure_roles, remove_roles


def forwards(apps, schema_editor):
    ensure_roles(apps)


def backwards(apps, schema_editor):
    remove_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("dashboard", "0001_access"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
