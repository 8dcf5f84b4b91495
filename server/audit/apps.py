from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "server.audit"
    label = "audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        from server.audit import signals  # noqa: F401 - connects the sign-in receivers
