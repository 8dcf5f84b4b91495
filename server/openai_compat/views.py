"""The OpenAI-compatible surface under /v1: same keys, same pipeline, OpenAI's shapes."""

from __future__ import annotations

import base64
import binascii
import re
import time
import uuid
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.files.storage import default_storage
from django.http import FileResponse
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from server.apikeys.authentication import HasScope, actor_from_request
from server.common.errors import ApiError
from server.common.text import plain_text_error
from server.common.uploads import UploadRejected, inspect_upload
from server.generations import runtime
from server.generations.models import Artifact, Status
from server.generations.selectors import delivery_on_record
from server.generations.services import generation_create
from server.moderation.services import moderation_check_file, moderation_check_texts
from server.openai_compat.errors import OpenAIError, openai_exception_handler
from server.openai_compat.moderation import to_openai_result
from server.openai_compat.serializers import ImageGenerationRequest, ModerationRequest
from server.openai_compat.waiting import raise_for_outcome, wait_for_generations

URL_SALT = "openai-compat-artifact-url"
OPENAI_PARAM_NAMES = {"max_new_tokens": "max_tokens"}  # model parameter -> the request field it came from


class OpenAIView(APIView):
    """Base: OpenAI's error shape; excluded from the service's own OpenAPI schema."""

    schema = None

    def get_exception_handler(self):
        return openai_exception_handler


def model_or_error(name: str, modality: str):
    spec = runtime.model_registry().get(name)
    if spec is None:
        raise OpenAIError(f"The model '{name}' does not exist", status_code=404, code="model_not_found",
                          param="model")
    if spec.modality != modality:
        raise OpenAIError(f"The model '{name}' generates {spec.modality}, not {modality}", code="invalid_model",
                          param="model")
    return spec


def submit(request: Request, *, model: str, prompt: str, params: dict, seed: int | None = None,
           prompt_param: str = "prompt"):
    """Queue through the service; its errors in OpenAI's shape, ``param`` naming the request's own field
    (``prompt_param`` is where the prompt came from: a chat's transcript is its ``messages``)."""
    try:
        return generation_create(api_key=request.auth, actor=actor_from_request(request), model=model,
                                 prompt=prompt, params=params, seed=seed)
    except ApiError as exc:
        field = (exc.details or {}).get("field", "") if isinstance(exc.details, dict) else ""
        param = prompt_param if field == "prompt" else field.removeprefix("params.")
        message = str(exc.detail)
        if param in OPENAI_PARAM_NAMES:  # the client sent it under OpenAI's name
            message, param = message.replace(param, OPENAI_PARAM_NAMES[param]), OPENAI_PARAM_NAMES[param]
        square = re.fullmatch(r"size must be an integer between (\d+) and (\d+)", message)
        if square:  # the client sent OpenAI's "WxH"
            lo, hi = square.groups()
            message = f"size must be a square 'WxH' from {lo}x{lo} to {hi}x{hi}"
        raise OpenAIError(message, status_code=exc.status_code, code=exc.error_code, param=param or None) from exc


class ModelsView(OpenAIView):
    permission_classes = [HasScope]

    def get(self, request: Request, model_id: str | None = None) -> Response:
        specs = runtime.model_registry()
        if model_id is not None:
            if model_id not in specs:
                raise OpenAIError(f"The model '{model_id}' does not exist", status_code=404, code="model_not_found")
            return Response(self._entry(specs[model_id]))
        return Response({"object": "list", "data": [self._entry(spec) for spec in specs.values()]})

    @staticmethod
    def _entry(spec) -> dict:
        return {"id": spec.name, "object": "model", "created": 0, "owned_by": settings.SERVICE_NAME,
                "family": spec.family, "modality": spec.modality, "version": spec.version}


class ImagesGenerationsView(OpenAIView):
    permission_classes = [HasScope]
    required_scope = "generate"

    def post(self, request: Request) -> Response:
        body = ImageGenerationRequest(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        spec = model_or_error(data["model"], "image")
        params = {"size": data["size"]} if data["size"] else {}
        generations = [submit(request, model=spec.name, prompt=data["prompt"], params=params)
                       for _ in range(data["n"])]
        generations = wait_for_generations([g.id for g in generations])
        raise_for_outcome(generations)
        items = []
        for generation in generations:
            artifact = generation.artifacts.all()[0]
            if data["response_format"] == "b64_json":
                with default_storage.open(artifact.storage_key, "rb") as handle:
                    items.append({"b64_json": base64.b64encode(handle.read()).decode(), "revised_prompt": None})
            else:
                token = signing.TimestampSigner(salt=URL_SALT).sign(str(artifact.id))
                items.append({"url": request.build_absolute_uri(f"/v1/files/{token}"), "revised_prompt": None})
        return Response({"created": int(time.time()), "data": items})


class SignedFileView(OpenAIView):
    """Pre-signed, expiring artifact URLs (what OpenAI's image `url` responses are)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    def get(self, request: Request, token: str) -> FileResponse:
        try:
            artifact_id = signing.TimestampSigner(salt=URL_SALT).unsign(token, max_age=settings.OPENAI_URL_TTL)
        except signing.BadSignature as exc:
            raise NotFound("This link is invalid or has expired.") from exc
        artifact = Artifact.objects.filter(pk=artifact_id, generation__status=Status.SUCCEEDED,
                                           purged_at__isnull=True).first()
        if artifact is None or not delivery_on_record(artifact.generation_id):
            raise NotFound("This content is not available.")
        response = FileResponse(default_storage.open(artifact.storage_key, "rb"), content_type=artifact.mime)
        response["ETag"] = f'"{artifact.sha256}"'
        return response


class ModerationsView(OpenAIView):
    permission_classes = [HasScope]
    required_scope = "moderate"

    def post(self, request: Request) -> Response:
        body = ModerationRequest(data=request.data)
        body.is_valid(raise_exception=True)
        parts, multimodal = self._parts(body.validated_data["input"])
        actor = actor_from_request(request)
        texts = [content for kind, content in parts if kind == "text"]
        text_results = iter(moderation_check_texts(texts=texts, context="text", actor=actor, api_key=request.auth)
                            if texts else [])
        judged = [(kind, next(text_results) if kind == "text" else
                   moderation_check_file(data=content[0], mime=content[1], actor=actor, api_key=request.auth))
                  for kind, content in parts]
        # OpenAI answers a list of parts as one input (one result); a list of strings, one result each.
        out = [to_openai_result(judged)] if multimodal else [to_openai_result([one]) for one in judged]
        return Response({"id": f"modr-{uuid.uuid4().hex}", "model": body.validated_data.get("model") or "default",
                         "results": out})

    @staticmethod
    def _parts(value) -> tuple[list[tuple[str, Any]], bool]:
        """A string, a list of strings, or a list of {"type": "text"|"image_url"} parts, as ("text", str) and
        ("image", (bytes, mime)) in input order; and whether it is a list of parts (one multimodal input)."""
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value or len(value) > 32:
            raise OpenAIError("input must be a string or a list of 1 to 32 strings or parts", param="input")
        parts: list[tuple[str, Any]] = []
        for part in value:
            if isinstance(part, str):
                parts.append(("text", part))
            elif isinstance(part, dict) and part.get("type") == "text" and isinstance(part.get("text"), str):
                parts.append(("text", part["text"]))
            elif isinstance(part, dict) and part.get("type") == "image_url":
                parts.append(("image", _data_url_image(part.get("image_url"))))
            else:
                raise OpenAIError("each input part must be a string, {'type': 'text', 'text': ...} or "
                                  "{'type': 'image_url', 'image_url': {'url': 'data:image/png;base64,...'}}",
                                  param="input")
        texts = [content for kind, content in parts if kind == "text"]
        if any(len(t) > settings.MAX_MODERATION_CHARS for t in texts):
            raise OpenAIError(f"each text may have at most {settings.MAX_MODERATION_CHARS} characters", param="input")
        for text in texts:
            error = plain_text_error(text)
            if error:
                raise OpenAIError(f"input: {error}", param="input")
        return parts, any(isinstance(part, dict) for part in value)


def _data_url_image(image_url) -> tuple[bytes, str]:
    url = image_url.get("url") if isinstance(image_url, dict) else image_url
    if not isinstance(url, str) or not url.startswith("data:") or ";base64," not in url:
        raise OpenAIError("image_url must be a base64 data URL (data:image/png;base64,...); remote URLs are not "
                          "fetched", param="input")
    try:
        data = base64.b64decode(url.split(";base64,", 1)[1], validate=True)
    except (binascii.Error, ValueError) as exc:
        raise OpenAIError("image_url holds invalid base64", param="input") from exc
    if len(data) > settings.VERIFY_MAX_BYTES:
        raise OpenAIError(f"images up to {settings.VERIFY_MAX_BYTES} bytes are accepted", status_code=413,
                          param="input")
    try:
        mime = inspect_upload(data, allowed={"image/png", "image/jpeg", "image/webp"}, what="image")
    except UploadRejected as exc:
        raise OpenAIError(f"image_url: {exc.message}", status_code=exc.status_code, param="input") from exc
    return data, mime
