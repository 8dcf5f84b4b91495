"""Request and response shapes (no logic: services decide)."""

from django.conf import settings
from rest_framework import serializers

from server.generations.models import Artifact, Generation, SafetyScan, SafetyVerdict, Status
from server.generations.services import MAX_SEED


class StrictCharField(serializers.CharField):
    """A CharField that refuses numbers and booleans instead of silently turning them into text."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    """An IntegerField that refuses strings and booleans ("7", true), as model parameters do."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class GenerationCreateSerializer(serializers.Serializer):
    model = StrictCharField(max_length=100, help_text="A model name from GET /api/v1/models.")
    prompt = StrictCharField(max_length=max(settings.MAX_PROMPT_CHARS, settings.MAX_TEXT_PROMPT_CHARS),
                             trim_whitespace=False,
                             help_text="What to generate, kept exactly as sent (leading and trailing "
                                       "whitespace matter to a text model): up to MAX_TEXT_PROMPT_CHARS "
                                       "characters for text models, MAX_PROMPT_CHARS for the others (each "
                                       "model's maxLength).")
    params = serializers.DictField(required=False, default=dict,
                                   help_text="Model parameters; see the model's `parameters` for names and limits.")
    seed = StrictIntegerField(required=False, allow_null=True, min_value=0, max_value=MAX_SEED,
                                    help_text="Same seed, model and parameters: the same output.")

    def validate_prompt(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError("This field may not be blank.")
        return value

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                message = f"unknown field(s): {', '.join(unknown)}; allowed: {', '.join(self.fields)}"
                raise serializers.ValidationError({"non_field_errors": [message]})
        return super().to_internal_value(data)


class ScanSerializer(serializers.ModelSerializer):
    details = serializers.SerializerMethodField()

    class Meta:
        model = SafetyScan
        fields = ["scanner", "version", "status", "scores", "details", "duration_ms"]

    def get_details(self, obj: SafetyScan) -> dict:
        """The scan's details; a speech transcript only once the content itself is delivered, or
        to a reviewer (the words of held or blocked audio would otherwise deliver it as text)."""
        details = dict(obj.details or {})
        if "transcript" in details and obj.verdict.generation.status != Status.SUCCEEDED:
            request = self.context.get("request")
            key = getattr(request, "auth", None)
            if not (key is not None and hasattr(key, "has_scope") and key.has_scope("review")):
                details["transcript"] = None
                details["transcript_withheld"] = "the content is not delivered"
        return details


class VerdictSerializer(serializers.ModelSerializer):
    scans = ScanSerializer(many=True)

    class Meta:
        model = SafetyVerdict
        fields = ["stage", "decision", "reasons", "categories", "policy_version", "scans", "created_at"]


class ArtifactSerializer(serializers.ModelSerializer):
    content_url = serializers.SerializerMethodField()
    manifest_url = serializers.SerializerMethodField()
    quality = serializers.SerializerMethodField()
    provenance = serializers.SerializerMethodField()

    class Meta:
        model = Artifact
        fields = ["id", "mime", "size", "sha256", "content_url", "manifest_url", "quality", "provenance", "created_at"]

    def get_content_url(self, obj: Artifact) -> str | None:
        """Delivered content; in the review queue, the reviewers' link to held content."""
        if self.context.get("review") and obj.generation.status == Status.IN_REVIEW:
            path = f"/api/v1/reviews/artifacts/{obj.id}/content"
        elif obj.generation.status != Status.SUCCEEDED:
            return None
        else:
            path = f"/api/v1/artifacts/{obj.id}/content"
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_manifest_url(self, obj: Artifact) -> str | None:
        """The C2PA manifest store on its own: the sidecar for text, a copy for embedded formats."""
        if obj.generation.status != Status.SUCCEEDED or not obj.c2pa_manifest_key:
            return None
        request = self.context.get("request")
        path = f"/api/v1/artifacts/{obj.id}/manifest"
        return request.build_absolute_uri(path) if request else path

    def get_quality(self, obj: Artifact) -> dict | None:
        """The model family's quality score (e.g. prompt adherence) and how many attempts it took."""
        if obj.metadata.get("quality") is None:
            return None
        return {"score": obj.metadata["quality"], "attempts": obj.metadata.get("attempts", 1)}

    def get_provenance(self, obj: Artifact) -> dict:
        return {
            "watermark": {"id": f"{obj.watermark_id:012x}", "alg": obj.watermark_alg},
            "c2pa": {"manifest_label": obj.c2pa_manifest_label, "state": obj.c2pa_state, "signer": obj.c2pa_signer,
                     "embedded": obj.c2pa_embedded},
        }


class GenerationSerializer(serializers.ModelSerializer):
    model = serializers.CharField(source="model_name")
    error = serializers.SerializerMethodField()
    verdicts = VerdictSerializer(many=True)
    artifacts = serializers.SerializerMethodField()

    class Meta:
        model = Generation
        fields = ["id", "status", "model", "model_version", "family", "modality", "prompt", "prompt_sha256",
                  "params", "seed", "policy_version", "error", "verdicts", "artifacts", "timings", "created_at",
                  "started_at", "finished_at"]

    def get_error(self, obj: Generation) -> dict | None:
        return {"code": obj.error_code, "message": obj.error_message} if obj.error_code else None

    def get_artifacts(self, obj: Generation) -> list[dict]:
        # Blocked or held content is never described as deliverable.
        if obj.status not in (Status.SUCCEEDED, Status.IN_REVIEW):
            return []
        return ArtifactSerializer(obj.artifacts.all(), many=True, context=self.context).data

    get_artifacts.__annotations__["return"] = list[dict]


class GenerationAcceptedSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    status = serializers.ChoiceField(choices=Status.choices)
    url = serializers.URLField(help_text="Poll this URL for the result.")
