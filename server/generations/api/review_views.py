"""Reviewer API (scope review): the queue of held generations and decisions on them."""

from django.core.files.storage import default_storage
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from server.apikeys.authentication import HasScope, actor_from_request
from server.common.errors import ErrorSerializer
from server.common.pagination import StrictLimitOffsetPagination
from server.generations.api.serializers import GenerationSerializer
from server.generations.held_content import content_viewed, held_content_response
from server.generations.models import ReviewDecision
from server.generations.reviews import review_decide, review_queue
from server.generations.selectors import held_artifact_get

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Invalid decision or missing reason."),
    401: OpenApiResponse(ErrorSerializer, description="Missing or invalid API key."),
    403: OpenApiResponse(ErrorSerializer, description="The key lacks the review scope."),
}


class ReviewPagination(StrictLimitOffsetPagination):
    default_limit = 50
    max_limit = 200


class ReviewDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=ReviewDecision.choices)
    reason = serializers.CharField(max_length=2000, help_text="Why; recorded in the audit trail.")


class ReviewQueueView(GenericAPIView):  # generic only so the schema shows the paginated page
    permission_classes = [HasScope]
    pagination_class = ReviewPagination
    query_params_allowed: set[str] = set()
    serializer_class = GenerationSerializer
    required_scope = "review"

    @extend_schema(summary="List generations held for review (oldest first)",
                   responses={200: GenerationSerializer(many=True), **ERRORS})
    def get(self, request: Request) -> Response:
        paginator = ReviewPagination()
        page = paginator.paginate_queryset(review_queue(), request, view=self)
        data = GenerationSerializer(page, many=True, context={"request": request, "review": True}).data
        return paginator.get_paginated_response(data)


class ReviewContentView(APIView):
    """The bytes a reviewer must see to decide; never served to the owner until approved."""

    permission_classes = [HasScope]
    required_scope = "review"
    query_params_allowed: set[str] = set()

    @extend_schema(summary="Download a held artifact to judge it (audited as content.viewed)",
                   responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY), **ERRORS,
                              404: OpenApiResponse(ErrorSerializer, description="No such artifact waits for review.")})
    def get(self, request: Request, artifact_id) -> FileResponse:
        artifact = held_artifact_get(artifact_id)
        if artifact is None or not default_storage.exists(artifact.storage_key):
            raise NotFound("No artifact with this id waits for review.")
        content_viewed(artifact=artifact, actor=actor_from_request(request))
        return held_content_response(artifact)


class ReviewDecisionView(APIView):
    permission_classes = [HasScope]
    required_scope = "review"
    query_params_allowed: set[str] = set()

    @extend_schema(summary="Approve or reject a held generation", request=ReviewDecisionSerializer,
                   responses={200: GenerationSerializer, **ERRORS,
                              404: OpenApiResponse(ErrorSerializer, description="No such generation."),
                              409: OpenApiResponse(ErrorSerializer, description="The generation is not held.")})
    def post(self, request: Request, generation_id) -> Response:
        body = ReviewDecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        generation = review_decide(generation_id=generation_id, reviewer=request.user,
                                   actor=actor_from_request(request), **body.validated_data)
        return Response(GenerationSerializer(generation, context={"request": request}).data)
