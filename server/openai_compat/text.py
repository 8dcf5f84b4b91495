"""POST /v1/chat/completions and /v1/completions over the normal (audited, moderated) pipeline.

Streaming is "checked, then streamed": the whole output is scanned and watermarked before
the first chunk is sent, so a failed output check never leaves a half-delivered answer;
the client gets a normal 400 (content_policy_violation) instead of a stream.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from typing import Any

from django.core.files.storage import default_storage
from django.http import StreamingHttpResponse
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from server.apikeys.authentication import HasScope
from server.common.text import plain_text_error
from server.generations.models import Generation
from server.openai_compat.errors import OpenAIError
from server.openai_compat.views import OpenAIView, model_or_error, submit
from server.openai_compat.waiting import raise_for_outcome, wait_for_generations

STREAM_CHUNK_CHARS = 16


def _require_plain(text: str) -> None:
    """The check DRF's CharField makes, for the JSON-typed fields that carry text."""
    error = plain_text_error(text)
    if error:
        raise serializers.ValidationError(error)


class StopField(serializers.JSONField):
    def to_internal_value(self, data):
        value = [data] if isinstance(data, str) else data
        if value is None:
            return []
        if not isinstance(value, list) or len(value) > 4 or not all(isinstance(s, str) and s for s in value):
            raise serializers.ValidationError("stop must be a string or a list of up to 4 non-empty strings")
        for stop in value:
            _require_plain(stop)
        return value


# OpenAI features whose requests change what the client expects back (tool calls, JSON,
# log-probabilities, an echoed prompt): refused, never silently ignored. Each test says whether
# the value asks for the feature; unset and default values pass, as clients often send them.
UNSUPPORTED: dict[str, Callable[[Any], bool]] = {
    "tools": bool,
    "functions": bool,
    "tool_choice": lambda v: v not in (None, "none", "auto"),
    "function_call": lambda v: v not in (None, "none", "auto"),
    "response_format": lambda v: v is not None and not (isinstance(v, dict) and v.get("type") in (None, "text")),
    "logprobs": lambda v: v not in (None, False, 0),
    "top_logprobs": lambda v: v not in (None, 0),
    "echo": bool,
    "best_of": lambda v: v not in (None, 1),
    "suffix": bool,
    "logit_bias": bool,
}


class SamplingFields(serializers.Serializer):
    model = serializers.CharField(max_length=100)
    max_tokens = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    max_completion_tokens = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    temperature = serializers.FloatField(required=False, allow_null=True)
    top_p = serializers.FloatField(required=False, allow_null=True)
    stop = StopField(required=False, allow_null=True)
    n = serializers.IntegerField(required=False, default=1, min_value=1, max_value=1)
    stream = serializers.BooleanField(required=False, default=False)
    stream_options = serializers.DictField(required=False, allow_null=True)
    seed = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=2**32 - 1)
    user = serializers.CharField(required=False, allow_blank=True, max_length=256)

    def validate(self, attrs: dict) -> dict:
        raw = self.initial_data if isinstance(self.initial_data, dict) else {}
        for name, asks in UNSUPPORTED.items():
            if name in raw and asks(raw[name]):
                raise serializers.ValidationError({name: "not supported by this service; leave it unset"})
        return attrs

    def params(self) -> dict:
        data = self.validated_data
        params = {}
        max_tokens = data.get("max_completion_tokens") or data.get("max_tokens")
        if max_tokens is not None:
            params["max_new_tokens"] = max_tokens
        for name in ("temperature", "top_p"):
            if data.get(name) is not None:
                params[name] = data[name]
        if data.get("stop"):
            params["stop"] = data["stop"]
        return params


class Message(serializers.Serializer):
    role = serializers.ChoiceField(choices=["system", "developer", "user", "assistant", "tool"])
    content = serializers.JSONField()

    def validate_content(self, value):
        if isinstance(value, list) and all(isinstance(p, dict) and p.get("type") == "text" for p in value):
            value = "".join(str(p.get("text", "")) for p in value)
        if not isinstance(value, str):
            raise serializers.ValidationError("content must be a string or a list of text parts")
        _require_plain(value)
        return value


class ChatRequest(SamplingFields):
    messages = Message(many=True, allow_empty=False)


class CompletionRequest(SamplingFields):
    prompt = serializers.CharField(trim_whitespace=False)  # its length: generation_create, per modality


def chat_prompt(messages: list[dict]) -> str:
    """A plain transcript prompt: models without a chat template continue after 'assistant:'."""
    lines = [f"{m['role']}: {m['content']}" for m in messages]
    return "\n".join(lines) + "\nassistant:"


def _run(request: Request, body: SamplingFields, prompt: str, seed: int | None,
         prompt_param: str = "prompt") -> tuple[Generation, str, dict]:
    spec = model_or_error(body.validated_data["model"], "text")
    generation = submit(request, model=spec.name, prompt=prompt, params=body.params(), seed=seed,
                        prompt_param=prompt_param)
    (generation,) = wait_for_generations([generation.id])
    raise_for_outcome([generation])
    artifact = generation.artifacts.all()[0]
    with default_storage.open(artifact.storage_key, "rb") as handle:
        text = handle.read().decode("utf-8")
    meta = artifact.metadata
    usage = {"prompt_tokens": meta.get("prompt_tokens", 0), "completion_tokens": meta.get("generated_tokens", 0)}
    usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
    return generation, text, {"usage": usage, "finish_reason": meta.get("finish_reason") or "stop"}


def _sse(events: Iterator[dict]) -> Iterator[bytes]:
    for event in events:
        yield f"data: {json.dumps(event)}\n\n".encode()
    yield b"data: [DONE]\n\n"


def _pieces(text: str) -> Iterator[str]:
    for start in range(0, len(text), STREAM_CHUNK_CHARS):
        yield text[start:start + STREAM_CHUNK_CHARS]


def _stream_response(events: Iterator[dict]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_sse(events), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response


class ChatCompletionsView(OpenAIView):
    permission_classes = [HasScope]
    required_scope = "generate"

    def post(self, request: Request):
        body = ChatRequest(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        if data["messages"][-1]["role"] == "assistant":
            raise OpenAIError("the last message must not be from the assistant", param="messages")
        generation, text, info = _run(request, body, chat_prompt(data["messages"]), data.get("seed"), "messages")
        base = {"id": f"chatcmpl-{generation.id.hex}", "created": int(time.time()), "model": generation.model_name,
                "system_fingerprint": generation.model_version}
        if not data["stream"]:
            return Response({**base, "object": "chat.completion", "usage": info["usage"], "choices": [{
                "index": 0, "message": {"role": "assistant", "content": text},
                "finish_reason": info["finish_reason"], "logprobs": None}]})
        include_usage = bool((data.get("stream_options") or {}).get("include_usage"))

        def events() -> Iterator[dict]:
            chunk = {**base, "object": "chat.completion.chunk"}
            yield {**chunk, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""},
                                         "finish_reason": None}]}
            for piece in _pieces(text):
                yield {**chunk, "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
            yield {**chunk, "choices": [{"index": 0, "delta": {}, "finish_reason": info["finish_reason"]}]}
            if include_usage:
                yield {**chunk, "choices": [], "usage": info["usage"]}

        return _stream_response(events())


class CompletionsView(OpenAIView):
    permission_classes = [HasScope]
    required_scope = "generate"

    def post(self, request: Request):
        body = CompletionRequest(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        generation, text, info = _run(request, body, data["prompt"], data.get("seed"))
        base = {"id": f"cmpl-{generation.id.hex}", "created": int(time.time()), "model": generation.model_name,
                "object": "text_completion", "system_fingerprint": generation.model_version}
        if not data["stream"]:
            return Response({**base, "usage": info["usage"], "choices": [{
                "index": 0, "text": text, "finish_reason": info["finish_reason"], "logprobs": None}]})
        include_usage = bool((data.get("stream_options") or {}).get("include_usage"))

        def events() -> Iterator[dict]:
            for piece in _pieces(text):
                yield {**base, "choices": [{"index": 0, "text": piece, "finish_reason": None, "logprobs": None}]}
            yield {**base, "choices": [{"index": 0, "text": "", "finish_reason": info["finish_reason"],
                                        "logprobs": None}]}
            if include_usage:
                yield {**base, "choices": [], "usage": info["usage"]}

        return _stream_response(events())

