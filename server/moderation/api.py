"""POST /api/v1/moderations (scope moderate): text as JSON, or an image, audio or video file as multipart."""

from django.conf import settings
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from server.apikeys.authentication import HasScope, actor_from_request
from server.common.errors import ApiError, ErrorSerializer
from server.common.text import plain_text_error
from server.common.uploads import UploadRejected, inspect_upload
from server.moderation.services import CONTEXTS, moderation_check_file, moderation_check_texts

# Images; audio (speech is transcribed and the transcript read); video (sampled frames).
MEDIA_MIMES = {"image/png", "image/jpeg", "image/webp", "audio/wav", "audio/mpeg", "video/mp4"}
MAX_TEXTS = 32


class ModerationTextSerializer(serializers.Serializer):
    input = serializers.JSONField(help_text="A string, or a list of up to 32 strings.")
    context = serializers.ChoiceField(choices=CONTEXTS, default="text",
                                      help_text="What the text is for: `text` (chat) or a prompt for `image`, ...")

    def validate_input(self, value):
        texts = [value] if isinstance(value, str) else value
        if not isinstance(texts, list) or not texts or not all(isinstance(t, str) for t in texts):
            raise serializers.ValidationError("input must be a string or a non-empty list of strings")
        if len(texts) > MAX_TEXTS:
            raise serializers.ValidationError(f"at most {MAX_TEXTS} texts per request")
        too_long = [i for i, t in enumerate(texts) if len(t) > settings.MAX_MODERATION_CHARS]
        if too_long:
            raise serializers.ValidationError(f"texts longer than {settings.MAX_MODERATION_CHARS} characters: "
                                              f"{too_long}")
        for i, text in enumerate(texts):
            error = plain_text_error(text)
            if error:
                raise serializers.ValidationError(f"text {i}: {error}")
        return texts


class ModerationFileSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="A PNG, JPEG or WebP image, a WAV or MP3 audio file (speech in it is "
                                            "transcribed and read), or an MP4 video (sampled frames).")


class ModerationResultSerializer(serializers.Serializer):
    flagged = serializers.BooleanField()
    decision = serializers.ChoiceField(choices=["allow", "review", "block"])
    categories = serializers.ListField(child=serializers.CharField())
    category_scores = serializers.DictField(child=serializers.FloatField())
    reasons = serializers.ListField(child=serializers.CharField())
    policy_version = serializers.CharField()
    scans = serializers.ListField(child=serializers.DictField())


class ModerationResponseSerializer(serializers.Serializer):
    results = ModerationResultSerializer(many=True)


class ModerationView(APIView):
    permission_classes = [HasScope]
    required_scope = "moderate"
    query_params_allowed: set[str] = set()
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(
        summary="Moderate text, an image, audio or video without generating",
        request={"application/json": ModerationTextSerializer, "multipart/form-data": ModerationFileSerializer},
        responses={200: ModerationResponseSerializer,
                   **{code: OpenApiResponse(ErrorSerializer) for code in (400, 401, 403, 413, 415)}},
    )
    def post(self, request: Request) -> Response:
        actor = actor_from_request(request)
        upload = request.FILES.get("file") if hasattr(request, "FILES") else None
        if upload is not None:
            if upload.size > settings.VERIFY_MAX_BYTES:
                raise ApiError(f"files up to {settings.VERIFY_MAX_BYTES} bytes are accepted", code="too_large",
                               status_code=413)
            data = upload.read()
            try:
                mime = inspect_upload(data, allowed=MEDIA_MIMES, what="file")
            except UploadRejected as exc:
                raise ApiError(exc.message, code=exc.code, status_code=exc.status_code) from exc
            return Response({"results": [moderation_check_file(data=data, mime=mime, actor=actor,
                                                                api_key=request.auth)]})
        if (request.content_type or "").startswith("multipart/form-data") and "input" not in request.data:
            # Django drops an empty file part: say what is missing, not "input: required".
            raise ApiError("send a non-empty file in the multipart field 'file' (or JSON with 'input')",
                           code="invalid_request", details={"field": "file"})
        body = ModerationTextSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        results = moderation_check_texts(texts=body.validated_data["input"], context=body.validated_data["context"],
                                         actor=actor, api_key=request.auth)
        return Response({"results": results})
