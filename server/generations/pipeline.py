"""The worker side of a generation: scan, generate, scan, watermark, sign, store.

Every step is persisted with its audit event in one transaction. Fail closed: content is
stored for delivery only after both verdicts allow it, the watermark reads back and the
signed manifest validates as Trusted.
"""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from contextlib import contextmanager

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

from generation import GeneratedItem, GenerationError, GenerationHooks, GenerationRequest
from generation.quality import derived_seed
from provenance import (
    ManifestFacts,
    ProvenanceError,
    detect_text_watermark,
    detect_watermark,
    embed_watermark,
    make_audio_watermark_hook,
    make_frame_watermark_hook,
    make_text_watermark_processor,
    read,
    sign,
)
from safety import Verdict
from server.audit.services import Actor, audit_record
from server.generations import runtime
from server.generations.models import (
    TERMINAL_STATUSES,
    Artifact,
    Generation,
    SafetyScan,
    SafetyVerdict,
    Stage,
    Status,
)

logger = logging.getLogger(__name__)
WORKER = Actor.system("worker")


class PipelineStop(Exception):
    """Ends the run with a recorded status (blocked or failed) without delivering content."""

    def __init__(self, status: str, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _audit(generation: Generation, event_type: str, data: dict) -> None:
    audit_record(event_type, actor=WORKER, object_type="generation", object_id=str(generation.id), data=data)


@contextmanager
def _timed(generation: Generation, stage: str):
    start = time.perf_counter()
    yield
    generation.timings[stage] = round((time.perf_counter() - start) * 1000, 2)


@contextmanager
def _exclusive(generation_id: str):
    """One run of a generation at a time across all workers: a PostgreSQL session advisory lock.

    A duplicate delivery (Redis visibility timeout passed while the first run is still going, or a
    requeue racing a slow worker) finds the lock taken and does nothing. A worker that dies drops its
    connection, and with it the lock, so a redelivery after a crash runs. SQLite: one worker, no lock.
    """
    if connection.vendor != "postgresql":
        yield True
        return
    key = uuid.UUID(str(generation_id)).int & ((1 << 63) - 1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def generation_execute(generation_id: str, prompt: str) -> Generation | None:
    """Run (or, after a redelivery, re-run) one generation. Returns None if nothing to do."""
    with _exclusive(generation_id) as acquired:
        if not acquired:
            logger.info("generation %s is already running in another worker; duplicate delivery skipped",
                        generation_id)
            return None
        return _execute(generation_id, prompt)


def _execute(generation_id: str, prompt: str) -> Generation | None:
    with transaction.atomic():
        generation = (Generation.objects.select_for_update(of=("self",)).select_related("api_key__policy")
                      .filter(pk=generation_id).first())
        if generation is None or generation.status in TERMINAL_STATUSES or generation.status == Status.IN_REVIEW:
            return generation
        generation.status = Status.RUNNING
        generation.started_at = timezone.now()
        generation.attempts += 1
        generation.timings = {}
        generation.save(update_fields=["status", "started_at", "attempts", "timings"])
        _audit(generation, "generation.started", {"attempt": generation.attempts})
    try:
        _run(generation, prompt)
    except PipelineStop as stop:
        _finish(generation, stop.status, stop.code, stop.message)
    except (GenerationError, ProvenanceError) as exc:
        logger.warning("generation %s failed: %s", generation.id, exc)
        _finish(generation, Status.FAILED, type(exc).__name__, str(exc))
    except Exception as exc:
        logger.exception("generation %s failed unexpectedly", generation.id)
        _finish(generation, Status.FAILED, "internal_error", f"{type(exc).__name__}: {exc}")
    return generation


def _run(generation: Generation, prompt: str) -> None:
    engine = runtime.safety_engine()
    policy = runtime.policy_for_key(generation.api_key)
    batcher = runtime.model_batcher(generation.model_name)
    with batcher.running():  # from here until generate, the batcher may wait for this request
        with _timed(generation, "prompt_scan"):
            prompt_verdict = engine.scan_prompt(prompt, generation.modality, policy=policy)
        _save_verdict(generation, Stage.PROMPT, prompt_verdict)

        with _timed(generation, "load_model"):
            backend = runtime.loaded_backend(generation.model_name)
        hooks = _watermark_hooks(generation, backend)
        with _timed(generation, "generate"):
            request = GenerationRequest(prompt=prompt, params=generation.params, seed=generation.seed)
            result = batcher.submit(request, hooks)
            if generation.modality == "text":
                result = _regenerate_until_text_mark_verifies(generation, batcher, request, result, backend)
    item = result.item
    with transaction.atomic():
        _audit(generation, "generation.generated", {"mime": item.mime, "bytes": len(item.data),
                                                    "sha256": hashlib.sha256(item.data).hexdigest(),
                                                    "batch_size": result.batch_size,
                                                    "metadata": recorded_metadata(item)})

    with _timed(generation, "output_scan"):
        output_verdict = engine.scan_output(item.data, item.mime, context={"prompt": prompt}, policy=policy)
    _save_verdict(generation, Stage.OUTPUT, output_verdict)

    if not item.data.strip():
        raise PipelineStop(Status.FAILED, "empty_output",
                           "the model produced no content (e.g. a stop sequence matched at once); nothing to deliver")
    if generation.modality == "text":
        data, wm_alg = _verify_text_watermark(generation, item, backend)
    elif generation.modality in MARKED_WHILE_GENERATED:
        data, wm_alg = _verify_media_watermark(generation, item)
    else:
        data, wm_alg = _watermark(generation, item)
    signed, report = _sign(generation, item.mime, data, wm_alg)
    held = Stage.PROMPT if prompt_verdict.decision == "review" else None
    held = held or (Stage.OUTPUT if output_verdict.decision == "review" else None)
    _store(generation, item, signed, report, wm_alg, held_by=held)


PRIVATE_METADATA = ("prompt",)


def recorded_metadata(item: GeneratedItem) -> dict:
    """Model metadata as stored and audited: never the prompt (its retention is the key's choice)."""
    return {key: value for key, value in item.metadata.items() if key not in PRIVATE_METADATA}


def audited_verdict(verdict: Verdict) -> dict:
    """The verdict as the append-only trail records it. A speech transcript is content: it lives
    on the scan row and goes with the artifact's bytes at retention, so the trail keeps only its
    sha256 and length (like the prompt, which is never audited)."""
    data = verdict.to_dict()
    for scan in data["scans"]:
        transcript = scan["details"].pop("transcript", None)
        if transcript is not None:
            scan["details"]["transcript_sha256"] = hashlib.sha256(transcript.encode()).hexdigest()
            scan["details"]["transcript_chars"] = len(transcript)
    return data


def _save_verdict(generation: Generation, stage: str, verdict: Verdict) -> None:
    """Persist a verdict (replacing one from an interrupted earlier attempt) and stop on block."""
    with transaction.atomic():
        SafetyScan.objects.filter(verdict__generation=generation, verdict__stage=stage).delete()
        SafetyVerdict.objects.filter(generation=generation, stage=stage).delete()
        row = SafetyVerdict.objects.create(
            generation=generation, stage=stage, decision=verdict.decision, reasons=list(verdict.reasons),
            categories=list(verdict.categories), policy_version=verdict.policy_version,
        )
        SafetyScan.objects.bulk_create(
            SafetyScan(verdict=row, scanner=s.scanner, version=s.version, status=s.status, scores=s.scores,
                       details=s.details, duration_ms=getattr(s, "duration_ms", 0.0))
            for s in verdict.scans
        )
        generation.policy_version = verdict.policy_version
        generation.save(update_fields=["policy_version", "timings"])
        _audit(generation, f"safety.{stage}_scanned", audited_verdict(verdict))
    if verdict.decision == "block":
        raise PipelineStop(Status.BLOCKED, f"{stage}_blocked", "; ".join(verdict.reasons) or "blocked by policy")


def _vocab_size(backend) -> int:
    return int(backend.model.config.vocab_size)


# Audio and video are marked by the backend before it encodes (WAV/MP3/MP4): marking once, on
# clean samples, survives the lossy encode; re-decoding and re-encoding afterwards would not.
MARKED_WHILE_GENERATED = ("audio", "video")


def _watermark_hooks(generation: Generation, backend) -> GenerationHooks | None:
    """Text is watermarked while it is decoded (keyed green-list logits processor); audio and video
    before they are encoded. Images are marked afterwards, on the PNG (see ``_watermark``)."""
    key = runtime.watermark_key()
    if generation.modality == "text":
        return GenerationHooks(logits_processors=[make_text_watermark_processor(key, _vocab_size(backend))])
    if generation.modality == "audio":
        return GenerationHooks(audio_watermark=make_audio_watermark_hook(generation.watermark_id, key))
    if generation.modality == "video":
        return GenerationHooks(frame_watermark=make_frame_watermark_hook(generation.watermark_id, key))
    return None


def _verify_media_watermark(generation: Generation, item: GeneratedItem) -> tuple[bytes, str]:
    """Fail closed unless the backend applied the hook and the mark reads back from the encoded file."""
    if item.metadata.get("watermarked") is not True:
        raise PipelineStop(Status.FAILED, "watermark_not_applied",
                           f"model {generation.model_name!r} did not apply the {generation.modality} watermark hook; "
                           "content withheld")
    with _timed(generation, "watermark"):
        detection = detect_watermark(item.data, item.mime, runtime.watermark_key())
    if not detection.found or detection.watermark_id != generation.watermark_id:
        raise PipelineStop(Status.FAILED, "watermark_unreadable",
                           "the embedded watermark did not read back from the encoded file; content withheld")
    with transaction.atomic():
        _audit(generation, "provenance.watermarked", {"watermark_id": generation.watermark_id, "alg": detection.alg,
                                                      "confidence": detection.confidence,
                                                      "applied": "during generation, before encoding"})
    return item.data, detection.alg


# Below this many scored tokens a green-list watermark is applied but cannot be proven statistically.
MIN_TEXT_TOKENS_TO_VERIFY = 32


# A green-list mark is statistical: now and then a sample does not reach the detection threshold.
# Such a sample is regenerated (derived seeds, deterministic) rather than withheld outright.
TEXT_WATERMARK_ATTEMPTS = 3


def _regenerate_until_text_mark_verifies(generation: Generation, batcher, request: GenerationRequest, result,
                                         backend):
    for attempt in range(1, TEXT_WATERMARK_ATTEMPTS):
        token_ids = result.item.metadata.get("token_ids") or []
        detection = detect_text_watermark(token_ids, runtime.watermark_key(), _vocab_size(backend))
        if detection.found or detection.tokens_scored < MIN_TEXT_TOKENS_TO_VERIFY:
            break
        retry = GenerationRequest(prompt=request.prompt, params=request.params,
                                  seed=derived_seed(request.seed, 100 + attempt))
        logger.info("generation %s: text watermark z=%.2f below threshold; regenerating (attempt %d)",
                    generation.id, detection.z_score, attempt + 1)
        result = batcher.submit(retry, _watermark_hooks(generation, backend))
        result.item.metadata["watermark_attempts"] = attempt + 1
    return result


def _verify_text_watermark(generation: Generation, item: GeneratedItem, backend) -> tuple[bytes, str]:
    token_ids = item.metadata.get("token_ids") or []
    detection = detect_text_watermark(token_ids, runtime.watermark_key(), _vocab_size(backend))
    if detection.tokens_scored >= MIN_TEXT_TOKENS_TO_VERIFY and not detection.found:
        raise PipelineStop(Status.FAILED, "watermark_unreadable",
                           f"the text watermark did not verify (z={detection.z_score:.2f}); content withheld")
    with transaction.atomic():
        _audit(generation, "provenance.watermarked", {
            "alg": detection.alg, "z_score": round(detection.z_score, 3), "p_value": detection.p_value,
            "tokens_scored": detection.tokens_scored, "verified": detection.found,
            "note": None if detection.tokens_scored >= MIN_TEXT_TOKENS_TO_VERIFY
            else "applied during decoding; too short to verify statistically"})
    return item.data, detection.alg


def _watermark(generation: Generation, item: GeneratedItem) -> tuple[bytes, str]:
    key = runtime.watermark_key()
    with _timed(generation, "watermark"):
        marked = embed_watermark(item.data, item.mime, generation.watermark_id, key)
        detection = detect_watermark(marked, item.mime, key)
    if not detection.found or detection.watermark_id != generation.watermark_id:
        raise PipelineStop(Status.FAILED, "watermark_unreadable",
                           "the embedded watermark did not read back; content withheld")
    with transaction.atomic():
        _audit(generation, "provenance.watermarked", {"watermark_id": generation.watermark_id, "alg": detection.alg,
                                                      "confidence": detection.confidence})
    return marked, detection.alg


def _sign(generation: Generation, mime: str, data: bytes, wm_alg: str):
    identity = runtime.signing_identity()
    facts = ManifestFacts(
        generation_id=str(generation.id), model_name=generation.model_name, model_version=generation.model_version,
        family=generation.family, modality=generation.modality, policy_version=generation.policy_version,
        watermark_id=generation.watermark_id if generation.modality != "text" else None,
        watermark_alg=wm_alg if generation.modality != "text" else None, title=f"{generation.id}",
        created_at=timezone.now().isoformat(),
    )
    with _timed(generation, "sign"):
        signed = sign(data, mime, facts, identity, tsa_url=settings.C2PA_TSA_URL)
        report = read(signed.data, mime, sidecar=signed.sidecar, trust_anchors_pem=identity.trust_anchors_pem)
    if report.state != "Trusted":
        raise PipelineStop(Status.FAILED, "manifest_invalid",
                           f"the signed manifest reads {report.state} ({', '.join(report.failures)}); content withheld")
    with transaction.atomic():
        _audit(generation, "provenance.signed", {"manifest_label": signed.manifest_label, "state": report.state,
                                                 "signer": identity.signer_name,
                                                 "certificate_sha256": identity.certificate_fingerprint})
    return signed, report


EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "text/plain": "txt", "audio/wav": "wav", "audio/mpeg": "mp3",
              "video/mp4": "mp4"}


def _save_replacing(name: str, content: ContentFile) -> str:
    """Same key on a re-run: a file from an interrupted earlier attempt is replaced, not left beside a copy."""
    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, content)


def _store(generation: Generation, item: GeneratedItem, signed, report, wm_alg: str, held_by: str | None) -> None:
    base_mime = item.mime.split(";", 1)[0].strip()
    extension = EXTENSIONS.get(base_mime, "bin")
    with _timed(generation, "store"):
        key = _save_replacing(f"generations/{generation.id}/0.{extension}", ContentFile(signed.data))
        manifest_key = _save_replacing(f"generations/{generation.id}/0.c2pa",
                                            ContentFile(signed.sidecar or signed.manifest_store))
    digest = hashlib.sha256(signed.data).hexdigest()
    with transaction.atomic():
        Artifact.objects.filter(generation=generation, index=0).delete()
        artifact = Artifact.objects.create(
            generation=generation, index=0, storage_key=key, mime=item.mime, size=len(signed.data), sha256=digest,
            watermark_id=generation.watermark_id, watermark_alg=wm_alg,
            c2pa_manifest_label=signed.manifest_label or "", c2pa_state=report.state,
            c2pa_signer=runtime.signing_identity().signer_name, c2pa_manifest_key=manifest_key,
            c2pa_embedded=signed.sidecar is None,
            metadata=recorded_metadata(item),
        )
        _audit(generation, "artifact.stored", {"artifact_id": str(artifact.id), "sha256": digest,
                                               "size": artifact.size, "mime": artifact.mime})
        status = Status.IN_REVIEW if held_by else Status.SUCCEEDED
        event = "generation.held_for_review" if held_by else "generation.succeeded"
        _set_status(generation, status, "", "")
        _audit(generation, event, {"status": status, "held_by": held_by, "timings": generation.timings})


def _set_status(generation: Generation, status: str, code: str, message: str) -> None:
    generation.status = status
    generation.error_code = code
    generation.error_message = message[:2000]
    generation.finished_at = timezone.now()
    generation.save(update_fields=["status", "error_code", "error_message", "finished_at", "timings"])


def _finish(generation: Generation, status: str, code: str, message: str) -> None:
    with transaction.atomic():
        _set_status(generation, status, code, message)
        event = "generation.blocked" if status == Status.BLOCKED else "generation.failed"
        _audit(generation, event, {"status": status, "code": code, "reason": message, "timings": generation.timings})
