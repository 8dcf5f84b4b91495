"""Request shapes of the OpenAI-compatible endpoints (validation only)."""

import re

from rest_framework import serializers

SIZE = re.compile(r"^(\d{2,4})x(\d{2,4})$")


class ImageGenerationRequest(serializers.Serializer):
    model = serializers.CharField(max_length=100)
    prompt = serializers.CharField(max_length=4000)
    n = serializers.IntegerField(min_value=1, max_value=4, default=1)
    size = serializers.CharField(required=False, allow_null=True, default=None)
    response_format = serializers.ChoiceField(choices=["url", "b64_json"], required=False, allow_null=True,
                                              default="url")
    user = serializers.CharField(required=False, allow_blank=True, max_length=256)
    quality = serializers.CharField(required=False)  # accepted for compatibility, not used
    style = serializers.CharField(required=False)

    def validate_size(self, value):
        if value is None:
            return None
        match = SIZE.match(value)
        if not match or match.group(1) != match.group(2):
            raise serializers.ValidationError("size must be a square 'WIDTHxHEIGHT', e.g. '256x256' or '512x512'")
        return int(match.group(1))


class ModerationRequest(serializers.Serializer):
    input = serializers.JSONField()
    model = serializers.CharField(required=False, allow_blank=True)
