"""Audit API for compliance tooling: list/filter events and stream exports (scope audit:read)."""

from __future__ import annotations

from datetime import UTC, datetime

from django.http import StreamingHttpResponse
from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.views import APIView

from server.apikeys.authentication import HasScope, actor_from_request
from server.audit.event_types import EVENT_TYPES
from server.audit.exports import CONTENT_TYPES, FORMATS, RENDERERS, export_record, export_rows, seq_range
from server.audit.models import AuditEvent
from server.audit.services import event_fields
from server.common.errors import ApiError, ErrorSerializer
from server.common.pagination import StrictCursorPagination

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Invalid filter."),
    401: OpenApiResponse(ErrorSerializer, description="Missing or invalid API key."),
    403: OpenApiResponse(ErrorSerializer, description="The key lacks the audit:read scope."),
}
TIME_PARAMS = [
    OpenApiParameter("since", OpenApiTypes.DATETIME, description="Events at or after this ISO 8601 time."),
    OpenApiParameter("until", OpenApiTypes.DATETIME, description="Events before this ISO 8601 time."),
]


def parse_time(request: Request, name: str) -> datetime | None:
    raw = request.query_params.get(name)
    if raw is None:
        return None
    try:
        value = parse_datetime(raw.replace(" ", "+"))
    except ValueError:  # well formed but impossible, e.g. month 13
        value = None
    if value is None:
        raise ApiError(f"{name} must be an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z", code="invalid_request")
    if value.tzinfo is None:
        raise ApiError(f"{name} needs a time zone, e.g. 2026-01-31T12:00:00Z", code="invalid_request")
    try:  # in UTC: the database refuses offsets past ±15:59, which ISO 8601 allows
        return value.astimezone(UTC)
    except OverflowError:  # beyond the calendar once in UTC: the nearest representable instant
        return datetime.max.replace(tzinfo=UTC) if value.year > 1 else \
            datetime.min.replace(tzinfo=UTC)


class AuditEventSerializer(serializers.ModelSerializer):
    created_at = serializers.SerializerMethodField(
        help_text="UTC, ISO 8601 with microseconds and +00:00: exactly the text the hash covers.")

    def get_created_at(self, event: AuditEvent) -> str:
        # The hashed form, so a listed event re-hashes as it is (DRF would write "...Z").
        return event_fields(event)["created_at"]

    class Meta:
        model = AuditEvent
        fields = ["seq", "created_at", "event_type", "actor_type", "actor_id", "actor_name", "api_key_prefix",
                  "request_id", "object_type", "object_id", "data", "prev_hash", "hash"]


class AuditPagination(StrictCursorPagination):
    ordering = "-seq"
    page_size = 50
    page_size_query_param = "limit"
    max_page_size = 500


class AuditEventListView(GenericAPIView):  # generic only so the schema shows the paginated page
    permission_classes = [HasScope]
    pagination_class = AuditPagination
    query_params_allowed = {"since", "until", "event_type", "object_type", "object_id", "actor_name", "request_id"}
    serializer_class = AuditEventSerializer
    required_scope = "audit:read"

    @extend_schema(
        summary="List audit events (newest first)",
        parameters=[*TIME_PARAMS, OpenApiParameter("event_type", str, enum=sorted(EVENT_TYPES)),
                    OpenApiParameter("object_type", str), OpenApiParameter("object_id", str),
                    OpenApiParameter("actor_name", str), OpenApiParameter("request_id", str)],
        responses={200: AuditEventSerializer(many=True), **ERRORS},
    )
    def get(self, request: Request):
        events = AuditEvent.objects.all()
        types = [t for t in request.query_params.getlist("event_type") if t]  # repeat it for several
        unknown = [t for t in types if t not in EVENT_TYPES]
        if unknown:
            raise ApiError(f"unknown event_type {unknown[0]!r}; see the list in the API schema",
                           code="invalid_request")
        if types:
            events = events.filter(event_type__in=types)
        for name in ("object_type", "object_id", "actor_name", "request_id"):
            if request.query_params.get(name):
                events = events.filter(**{name: request.query_params[name]})
        since, until = parse_time(request, "since"), parse_time(request, "until")
        if since:
            events = events.filter(created_at__gte=since)
        if until:
            events = events.filter(created_at__lt=until)
        paginator = AuditPagination()
        page = paginator.paginate_queryset(events, request, view=self)
        return paginator.get_paginated_response(AuditEventSerializer(page, many=True).data)


class AuditExportView(APIView):
    permission_classes = [HasScope]
    required_scope = "audit:read"
    query_params_allowed = {"since", "until", "format"}

    @extend_schema(
        summary="Stream an export of the audit chain",
        description="Every hashed field of each event plus its hash, in chain order, so the chain can be "
                    "recomputed offline. Streamed: memory stays flat however many events.",
        parameters=[*TIME_PARAMS, OpenApiParameter("format", str, enum=list(FORMATS), default="jsonl")],
        responses={(200, "application/x-ndjson"): OpenApiResponse(OpenApiTypes.STR),
                   (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR), **ERRORS},
    )
    def get(self, request: Request):
        fmt = request.query_params.get("format", "jsonl")
        if fmt not in FORMATS:
            raise ApiError(f"format must be one of {', '.join(FORMATS)}", code="invalid_request")
        since, until = parse_time(request, "since"), parse_time(request, "until")
        export_record(actor=actor_from_request(request), fmt=fmt, since=since, until=until, channel="api")
        rng = seq_range(since, until)
        response = StreamingHttpResponse(RENDERERS[fmt](export_rows(rng)), content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="audit-events.{fmt}"'
        return response
