from django.contrib import admin

from server.generations.models import Artifact, Generation, SafetyVerdict


class ArtifactInline(admin.TabularInline):
    model = Artifact
    extra = 0
    can_delete = False
    fields = ["mime", "size", "sha256", "watermark_id", "c2pa_state", "c2pa_manifest_label"]
    readonly_fields = fields


class VerdictInline(admin.TabularInline):
    model = SafetyVerdict
    extra = 0
    can_delete = False
    fields = ["stage", "decision", "reasons", "categories", "policy_version"]
    readonly_fields = fields


@admin.register(Generation)
class GenerationAdmin(admin.ModelAdmin):
    list_display = ["id", "created_at", "owner", "model_name", "status", "policy_version"]
    list_filter = ["status", "family", "modality", "model_name"]
    search_fields = ["id", "prompt", "owner__username"]
    inlines = [VerdictInline, ArtifactInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
