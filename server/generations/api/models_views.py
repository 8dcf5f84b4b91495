"""GET /api/v1/models: the registry, with each model's parameters and limits."""

from dataclasses import asdict

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from server.apikeys.authentication import HasScope
from server.common.errors import ErrorSerializer
from server.generations import runtime


class ModelSerializer(serializers.Serializer):
    name = serializers.CharField()
    family = serializers.CharField()
    modality = serializers.CharField()
    version = serializers.CharField()
    description = serializers.CharField()
    defaults = serializers.DictField(help_text="Parameter values used when a request leaves them out.")
    limits = serializers.DictField(help_text="[min, max] for numbers, a list of allowed values otherwise.")


class ModelListSerializer(serializers.Serializer):
    data = ModelSerializer(many=True)


def model_summary(spec) -> dict:
    data = asdict(spec)
    return {key: data[key] for key in ("name", "family", "modality", "version", "description", "defaults", "limits")}


class ModelListView(APIView):
    permission_classes = [HasScope]
    query_params_allowed: set[str] = set()

    @extend_schema(summary="List models", responses={200: ModelListSerializer, 401: OpenApiResponse(ErrorSerializer)})
    def get(self, request: Request) -> Response:
        return Response({"data": [model_summary(spec) for spec in runtime.model_registry().values()]})
