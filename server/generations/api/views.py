"""Thin views: parse, call a service or selector, serialise."""

from __future__ import annotations

import base64
import re

from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponseNotModified
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from server.apikeys.authentication import HasScope, actor_from_request
from server.common.errors import ApiError, ErrorSerializer
from server.common.pagination import StrictCursorPagination
from server.generations import selectors
from server.generations.api.serializers import (
    GenerationAcceptedSerializer,
    GenerationCreateSerializer,
    GenerationSerializer,
)
from server.generations.models import Status
from server.generations.services import generation_create

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Invalid request: the message says what to fix."),
    401: OpenApiResponse(ErrorSerializer, description="Missing, invalid, expired or revoked API key."),
    403: OpenApiResponse(ErrorSerializer, description="The API key lacks the required scope."),
}
IDEMPOTENCY_KEY = re.compile(r"[\x21-\x7e]{1,255}")
NOT_FOUND = {404: OpenApiResponse(ErrorSerializer, description="No such object visible to this key.")}


class GenerationPagination(StrictCursorPagination):
    ordering = ("-created_at", "-id")
    page_size = 20
    page_size_query_param = "limit"
    max_page_size = 100


class GenerationListCreateView(generics.GenericAPIView):
    permission_classes = [HasScope]
    required_scope = "generate"
    query_params_allowed = {"status", "model"}
    serializer_class = GenerationSerializer
    pagination_class = GenerationPagination

    def get_queryset(self):
        status_filter = self.request.query_params.get("status")
        if status_filter is not None and status_filter not in Status.values:
            raise ApiError(f"status must be one of {', '.join(Status.values)}", code="invalid_request")
        return selectors.generation_list(owner=self.request.user, status=status_filter,
                                         model=self.request.query_params.get("model") or None)

    @extend_schema(
        summary="List your generations",
        parameters=[OpenApiParameter("status", str, enum=Status.values), OpenApiParameter("model", str)],
        responses={200: GenerationSerializer(many=True), **ERRORS},
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(GenerationSerializer(page, many=True, context={"request": request}).data)

    @extend_schema(
        summary="Request a generation",
        description="Queues the work and returns at once (202). Poll the returned URL until the status is final.",
        request=GenerationCreateSerializer,
        parameters=[OpenApiParameter(
            "Idempotency-Key", str, OpenApiParameter.HEADER, pattern=IDEMPOTENCY_KEY.pattern,
            description="Any unique string (a UUID): a retry with the same key and body returns the first "
                        "generation (200) instead of creating another; a different body under it is refused (409).")],
        responses={202: GenerationAcceptedSerializer,
                   200: OpenApiResponse(GenerationAcceptedSerializer,
                                        description="A retry under an Idempotency-Key: the generation created first."),
                   **ERRORS,
                   409: OpenApiResponse(ErrorSerializer, description="Idempotency-Key reused with another body."),
                   503: OpenApiResponse(ErrorSerializer, description="The job queue is unavailable.")},
    )
    def post(self, request: Request) -> Response:
        idempotency_key = request.headers.get("Idempotency-Key")
        if idempotency_key is not None and not IDEMPOTENCY_KEY.fullmatch(idempotency_key):
            raise ApiError("Idempotency-Key must be 1 to 255 printable ASCII characters", code="invalid_request",
                           details={"header": "Idempotency-Key"})
        serializer = GenerationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        generation = generation_create(
            api_key=request.auth, actor=actor_from_request(request), model=data["model"], prompt=data["prompt"],
            params=data["params"], seed=data.get("seed"), idempotency_key=idempotency_key,
        )
        url = request.build_absolute_uri(f"/api/v1/generations/{generation.id}")
        body = {"id": str(generation.id), "status": generation.status, "url": url}
        if getattr(generation, "idempotent_replay", False):
            return Response(body, status=status.HTTP_200_OK, headers={"Location": url, "Idempotent-Replayed": "true"})
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": url})


class GenerationDetailView(APIView):
    permission_classes = [HasScope]
    required_scope = "generate"
    query_params_allowed: set[str] = set()

    @extend_schema(summary="Get one generation", responses={200: GenerationSerializer, **ERRORS, **NOT_FOUND})
    def get(self, request: Request, generation_id) -> Response:
        generation = selectors.generation_get(owner=request.user, generation_id=generation_id)
        if generation is None:
            raise NotFound("No generation with this id for this API key's owner.")
        return Response(GenerationSerializer(generation, context={"request": request}).data)


class ArtifactContentView(APIView):
    permission_classes = [HasScope]
    required_scope = "generate"
    query_params_allowed: set[str] = set()

    @extend_schema(
        summary="Download an artifact's bytes",
        description="Only content of succeeded generations is served; blocked or held content never is.",
        responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY), **ERRORS, **NOT_FOUND},
    )
    def get(self, request: Request, artifact_id) -> FileResponse:
        artifact = selectors.deliverable_artifact_get(owner=request.user, artifact_id=artifact_id)
        if artifact is None:
            raise NotFound("No deliverable artifact with this id.")
        if artifact.purged_at is not None:
            raise ApiError("this content was deleted by the retention policy; its hashes remain in the record",
                           code="gone", status_code=410)
        etag = f'"{artifact.sha256}"'
        if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
            response = HttpResponseNotModified()  # the client's copy is these bytes
            response["ETag"] = etag
            return response
        response = FileResponse(default_storage.open(artifact.storage_key, "rb"), content_type=artifact.mime)
        response["ETag"] = etag
        digest = base64.b64encode(bytes.fromhex(artifact.sha256)).decode()
        response["Digest"] = f"SHA-256={digest}"  # RFC 3230
        response["Repr-Digest"] = f"sha-256=:{digest}:"  # RFC 9530
        response["Content-Disposition"] = f'inline; filename="{artifact.id}.{artifact.storage_key.rsplit(".", 1)[-1]}"'
        return response


class ArtifactManifestView(APIView):
    permission_classes = [HasScope]
    required_scope = "generate"

    @extend_schema(
        summary="Download an artifact's C2PA manifest store (.c2pa)",
        description="For text this is the sidecar that carries its Content Credentials.",
        responses={(200, "application/c2pa"): OpenApiResponse(OpenApiTypes.BINARY), **ERRORS, **NOT_FOUND},
    )
    def get(self, request: Request, artifact_id) -> FileResponse:
        artifact = selectors.deliverable_artifact_get(owner=request.user, artifact_id=artifact_id)
        if artifact is None or not artifact.c2pa_manifest_key or artifact.purged_at is not None:
            raise NotFound("No manifest for a deliverable artifact with this id.")
        response = FileResponse(default_storage.open(artifact.c2pa_manifest_key, "rb"),
                                content_type="application/c2pa")
        response["Content-Disposition"] = f'attachment; filename="{artifact.id}.c2pa"'
        return response
