"""POST /api/v1/verify and the C2PA soft-binding resolution endpoints."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from server.apikeys.authentication import HasScope
from server.common.errors import ApiError, ErrorSerializer
from server.common.uploads import UploadRejected, inspect_upload
from server.generations.api.serializers import StrictCharField
from server.verification.services import UnverifiableContent, content_verify, manifest_get, manifests_by_binding

VERIFIABLE_MIMES = frozenset({"image/png", "image/jpeg", "image/webp", "text/plain", "audio/wav", "video/mp4",
                              "audio/mpeg"})
ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Missing file, or a file that cannot be decoded."),
    401: OpenApiResponse(ErrorSerializer, description="Missing or invalid API key."),
    403: OpenApiResponse(ErrorSerializer, description="The key lacks the verify scope."),
}


class VerifyUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="The content to check (PNG, JPEG, WebP, WAV, MP3, MP4 or UTF-8 text).")
    sidecar = serializers.FileField(required=False, help_text="Its detached .c2pa manifest, if it has one.")


class VerifyReportSerializer(serializers.Serializer):
    mime = serializers.CharField()
    verdict = serializers.CharField(help_text="One line a person can read.")
    c2pa = serializers.DictField(help_text="present, state (Trusted/Valid/Invalid/absent), failures, generator, "
                                           "digital_source_type, issuer, manifest_label, soft_binding")
    watermark = serializers.DictField(help_text="checked, found, alg, payload (the watermark id), confidence")
    record = serializers.DictField(allow_null=True, help_text="The matching generation, or null.")


class VerifyAnonThrottle(AnonRateThrottle):
    scope = "verify_anon"

    def get_rate(self) -> str:
        return settings.VERIFY_ANONYMOUS_RATE


class VerifyView(APIView):
    parser_classes = [MultiPartParser, FormParser]
    required_scope = "verify"
    query_params_allowed: set[str] = set()

    def get_permissions(self):
        return [AllowAny()] if settings.VERIFY_ALLOW_ANONYMOUS else [HasScope()]

    def get_throttles(self):
        if settings.VERIFY_ALLOW_ANONYMOUS and self.request.auth is None:
            return [VerifyAnonThrottle()]
        return super().get_throttles()  # the per-key rate limit

    @extend_schema(
        summary="Verify content: C2PA manifest, watermark and matching record",
        request={"multipart/form-data": VerifyUploadSerializer},
        responses={200: VerifyReportSerializer, **ERRORS,
                   413: OpenApiResponse(ErrorSerializer, description="File too large."),
                   415: OpenApiResponse(ErrorSerializer, description="Not a supported file type.")},
    )
    def post(self, request: Request) -> Response:
        upload = request.FILES.get("file")
        if upload is None:
            raise ApiError("send the content as a multipart form field named 'file'", code="invalid_request")
        sidecar = request.FILES.get("sidecar")
        for part in (upload, sidecar):
            if part is not None and part.size > settings.VERIFY_MAX_BYTES:
                raise ApiError(f"files up to {settings.VERIFY_MAX_BYTES} bytes are accepted", code="too_large",
                               status_code=413)
        data = upload.read()
        try:
            inspect_upload(data, allowed=VERIFIABLE_MIMES)
        except UploadRejected as exc:
            raise ApiError(exc.message, code=exc.code, status_code=exc.status_code) from exc
        try:
            report = content_verify(data, sidecar.read() if sidecar else None)
        except UnverifiableContent as exc:
            raise ApiError(str(exc), code=exc.code, status_code=exc.status_code) from exc
        return Response(report.to_dict())


class BindingQuerySerializer(serializers.Serializer):
    alg = StrictCharField(max_length=200, trim_whitespace=False,
                          help_text="Soft-binding algorithm id, e.g. the watermark alg.")
    value = StrictCharField(max_length=200, trim_whitespace=False,
                            help_text="The soft-binding value (the watermark id in hex).")


class MatchSerializer(serializers.Serializer):
    manifestId = serializers.CharField()  # noqa: N815 - the C2PA soft-binding API's field name


class MatchesSerializer(serializers.Serializer):
    matches = MatchSerializer(many=True)


class MatchesByBindingView(APIView):
    permission_classes = [HasScope]
    required_scope = "verify"
    query_params_allowed: set[str] = set()

    @extend_schema(summary="Find manifests by soft binding (C2PA soft-binding resolution API)",
                   request=BindingQuerySerializer, responses={200: MatchesSerializer, **ERRORS})
    def post(self, request: Request) -> Response:
        query = BindingQuerySerializer(data=request.data)
        query.is_valid(raise_exception=True)
        artifacts = manifests_by_binding(query.validated_data["alg"], query.validated_data["value"])
        return Response({"matches": [{"manifestId": a.c2pa_manifest_label} for a in artifacts]})


class ManifestView(APIView):
    permission_classes = [HasScope]
    required_scope = "verify"
    query_params_allowed: set[str] = set()

    @extend_schema(summary="Get a stored C2PA manifest store by manifest id",
                   responses={(200, "application/c2pa"): OpenApiResponse(OpenApiTypes.BINARY), **ERRORS,
                              404: OpenApiResponse(ErrorSerializer, description="Unknown manifest id.")})
    def get(self, request: Request, manifest_id: str) -> HttpResponse:
        artifact = manifest_get(manifest_id)
        if artifact is None:
            raise NotFound("No manifest with this id.")
        with default_storage.open(artifact.c2pa_manifest_key, "rb") as handle:
            return HttpResponse(handle.read(), content_type="application/c2pa")
