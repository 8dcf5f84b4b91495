from django.contrib import admin

from server.apikeys.models import ApiKey


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["prefix", "name", "owner", "scopes", "prompt_retention", "created_at", "revoked_at", "last_used_at"]
    list_filter = ["prompt_retention"]
    search_fields = ["prefix", "name", "owner__username"]
    readonly_fields = ["prefix", "digest", "created_at", "last_used_at", "revoked_at"]

    def has_add_permission(self, request):
        return False  # keys are issued by the service so that the secret is shown once

    def has_delete_permission(self, request, obj=None):
        return False
