"""Creating generations: validate, persist, audit and enqueue in one transaction."""

from __future__ import annotations

import hashlib
import json
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction

from generation import InvalidParameters, UnknownModel
from server.apikeys.limits import check_generation_limits
from server.apikeys.models import ApiKey, RetentionLevel
from server.audit.services import Actor, audit_record
from server.common.errors import ApiError, ServiceUnavailable
from server.common.text import plain_text_error
from server.generations import runtime
from server.generations.models import Generation

MAX_SEED = 2**32 - 1
WATERMARK_ID_BITS = 48


def _new_watermark_id() -> int:
    return secrets.randbits(WATERMARK_ID_BITS) or 1


def _retained_prompt(prompt: str, retention: str) -> str:
    return prompt if retention == RetentionLevel.FULL else ""


def _retained_hash(prompt: str, retention: str) -> str:
    return "" if retention == RetentionLevel.NONE else hashlib.sha256(prompt.encode()).hexdigest()


def request_fingerprint(*, model: str, prompt: str, params: dict, seed: int | None) -> str:
    """sha256 of a generation request as submitted, to tell a retry from a different request."""
    body = json.dumps({"model": model, "prompt": prompt, "params": params, "seed": seed}, sort_keys=True,
                      separators=(",", ":"), default=str)
    return hashlib.sha256(body.encode()).hexdigest()


def max_prompt_chars(modality: str) -> int:
    """Text models read chat histories; every other model a description (and each prompt is scanned)."""
    return settings.MAX_TEXT_PROMPT_CHARS if modality == "text" else settings.MAX_PROMPT_CHARS


def _check_prompt_length(prompt: str, modality: str) -> None:
    limit = max_prompt_chars(modality)
    if len(prompt) > limit:
        raise ApiError(f"prompt: at most {limit} characters for {modality} models; this one has {len(prompt)}",
                       code="invalid_request", details={"field": "prompt"})


def generation_create(
    *, api_key: ApiKey, actor: Actor, model: str, prompt: str, params: dict, seed: int | None,
    idempotency_key: str | None = None,
) -> Generation:
    """Queue a generation. Raises ApiError (400) for bad input, 429 over a limit, 503 if the queue is down.

    With ``idempotency_key``, a retry of the same request returns the generation created first (its
    ``idempotent_replay`` attribute is True); a different request under the same key is a 409.
    """
    unstorable = plain_text_error(prompt)
    if unstorable:
        raise ApiError(f"prompt: {unstorable}", code="invalid_request", details={"field": "prompt"})
    fingerprint = request_fingerprint(model=model, prompt=prompt, params=params, seed=seed) \
        if idempotency_key else ""
    try:
        spec = runtime.model_spec(model)
        _check_prompt_length(prompt, spec.modality)
        clean_params = runtime.request_validator(model).validate(params)
    except UnknownModel as exc:
        raise ApiError(str(exc), code="unknown_model", details={"field": "model"}) from exc
    except InvalidParameters as exc:
        raise ApiError(str(exc), code="invalid_parameters",
                       details={"field": f"params.{getattr(exc, 'field', '') or ''}".rstrip(".")}) from exc
    seed = secrets.randbelow(MAX_SEED + 1) if seed is None else seed
    retention = api_key.prompt_retention
    for _ in range(5):  # a 48-bit id collides about never, but the column is unique anyway
        try:
            with transaction.atomic():
                # One creation at a time per key: limits and idempotency keys cannot be raced past.
                ApiKey.objects.select_for_update().filter(pk=api_key.pk).first()
                if idempotency_key:
                    earlier = Generation.objects.filter(api_key=api_key, idempotency_key=idempotency_key).first()
                    if earlier is not None:
                        if earlier.request_sha256 != fingerprint:
                            raise ApiError("this Idempotency-Key was already used with a different request body; "
                                           "use a new key for a new request", code="idempotency_key_reused",
                                           status_code=409, details={"header": "Idempotency-Key"})
                        earlier.idempotent_replay = True
                        return earlier
                check_generation_limits(api_key)
                generation = Generation.objects.create(
                    owner=api_key.owner, api_key=api_key, model_name=spec.name, model_version=spec.version,
                    family=spec.family, modality=spec.modality, prompt=_retained_prompt(prompt, retention),
                    prompt_sha256=_retained_hash(prompt, retention), prompt_retention=retention,
                    params=clean_params, seed=seed, watermark_id=_new_watermark_id(),
                    idempotency_key=idempotency_key or None, request_sha256=fingerprint,
                )
                audit_record(
                    "generation.requested", actor=actor, object_type="generation", object_id=str(generation.id),
                    data={"model": spec.name, "model_version": spec.version, "family": spec.family,
                          "modality": spec.modality, "params": clean_params, "seed": seed,
                          "prompt_sha256": generation.prompt_sha256 or None,
                          "prompt_retention": retention, "watermark_id": generation.watermark_id},
                )
                _enqueue(generation, prompt)
            return generation
        except IntegrityError:
            continue
    raise ServiceUnavailable("could not allocate a watermark id; retry the request")


def _enqueue(generation: Generation, prompt: str) -> None:
    """Publish inside the transaction: if the broker is down, nothing is written."""
    from server.generations.tasks import run_generation

    try:
        run_generation.apply_async(args=[str(generation.id), prompt], queue=runtime.queue_for(generation.family),
                                   retry=False)
    except Exception as exc:  # kombu raises many kinds; all mean "not queued"
        raise ServiceUnavailable("the job queue is unavailable; nothing was created, retry later") from exc
