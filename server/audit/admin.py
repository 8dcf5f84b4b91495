from django.contrib import admin

from server.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the chain is append-only in the database too."""

    list_display = ["seq", "created_at", "event_type", "actor_name", "api_key_prefix", "object_type", "object_id"]
    list_filter = ["event_type", "actor_type"]
    search_fields = ["object_id", "actor_name", "request_id", "hash"]
    ordering = ["-seq"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
