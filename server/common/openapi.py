"""OpenAPI additions every operation shares: the bearer scheme, the errors any request can
meet (429 limits, 413 oversized bodies, 503 outages) and the per-model request schema."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension

ERROR_REF = {"$ref": "#/components/schemas/Error"}
RETRY_AFTER = {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait before retrying."}}
COMMON_ERRORS = {
    "429": ("Rate limit, daily quota or concurrency limit of this API key reached.", RETRY_AFTER),
    "503": ("A dependency (database or job queue) is unavailable; retry later.", RETRY_AFTER),
}
BODY_ERRORS = {"413": ("The request body is larger than the service accepts.", None)}
NO_NUL = "^[^\\u0000]*$"  # the middleware refuses a NUL in the URL (PostgreSQL text cannot hold one)


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "server.apikeys.authentication.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "Authorization: Bearer <api key>"}


def _error(description: str, headers: dict | None) -> dict:
    response: dict[str, Any] = {"description": description, "content": {"application/json": {"schema": ERROR_REF}}}
    if headers:
        response["headers"] = headers
    return response


def _param_schema(name: str, default: Any, limit: Any) -> dict:
    """JSON schema of one model parameter, mirroring generation.backends.base._check_limit."""
    if isinstance(limit, dict) and "choices" in limit:
        return {"enum": list(limit["choices"])}
    if isinstance(limit, list) and len(limit) == 2 and all(isinstance(b, (int, float)) for b in limit) \
            and not any(isinstance(b, bool) for b in limit):
        kind = "integer" if all(isinstance(b, int) for b in limit) else "number"
        return {"type": kind, "minimum": limit[0], "maximum": limit[1]}
    if isinstance(limit, list):
        return {"enum": list(limit)}
    if name == "stop" or isinstance(default, list):  # the text backends' stop strings: one, a list or null
        one = {"type": "string", "minLength": 1, "maxLength": 64}
        return {"anyOf": [one, {"type": "array", "maxItems": 8, "items": one}, {"type": "null"}]}
    if isinstance(default, str):
        return {"type": "string", "maxLength": 2000}
    return {}


def _generation_request_schema(base: dict) -> dict:
    """One alternative per registered model: its name, its prompt length and exactly its parameters
    with their limits."""
    from server.generations import runtime
    from server.generations.services import max_prompt_chars

    variants = []
    for spec in runtime.model_registry().values():
        names = sorted(set(spec.defaults) | set(spec.limits))
        params = {"type": "object", "additionalProperties": False,
                  "properties": {n: _param_schema(n, spec.defaults.get(n), spec.limits.get(n)) for n in names},
                  "description": f"Parameters of {spec.name}; defaults: {spec.defaults}"}
        prompt = {**base.get("properties", {}).get("prompt", {}), "maxLength": max_prompt_chars(spec.modality)}
        properties = {**base.get("properties", {}), "model": {"type": "string", "enum": [spec.name]},
                      "prompt": prompt, "params": params}
        variants.append({"type": "object", "title": spec.name, "properties": properties,
                         "required": base.get("required", []), "additionalProperties": False})
    return {"oneOf": variants, "description": base.get("description", "")} if variants else base


def _forbid_nul(parameter: dict) -> None:
    """A free-text path or query string says that it cannot carry NUL, as the service enforces."""
    schema = parameter.get("schema", {})
    if parameter.get("in") in ("path", "query") and schema.get("type") == "string" and not (
            {"enum", "format", "pattern"} & set(schema)):
        schema["pattern"] = NO_NUL


def postprocess(result: dict, generator, request, public) -> dict:
    schemas = result.get("components", {}).get("schemas", {})
    if "GenerationCreateRequest" in schemas:
        schemas["GenerationCreateRequest"] = _generation_request_schema(schemas["GenerationCreateRequest"])
    for path, operations in result.get("paths", {}).items():
        if not path.startswith("/api/v1/"):
            continue
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                _forbid_nul(parameter)
            responses = operation.setdefault("responses", {})
            extra = dict(COMMON_ERRORS)
            if "requestBody" in operation:
                extra.update(BODY_ERRORS)
            if any(p.get("name") == "cursor" for p in operation.get("parameters", [])):
                extra["404"] = ("The cursor is invalid or expired: follow a page's next/previous link.", None)
            for code, (description, headers) in extra.items():
                responses.setdefault(code, _error(description, headers))
    return result
