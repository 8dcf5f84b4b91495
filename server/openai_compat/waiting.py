"""Synchronous OpenAI calls over the asynchronous pipeline: submit, then wait for a final status."""

from __future__ import annotations

import time

from django.conf import settings

from server.generations.models import TERMINAL_STATUSES, Generation, Status
from server.generations.selectors import delivery_on_record
from server.openai_compat.errors import OpenAIError

POLL_SECONDS = 0.1


def wait_for_generations(ids: list, timeout: float | None = None) -> list[Generation]:
    """Block until every generation is final or held; raise an error naming the ids to poll on timeout."""
    timeout = settings.OPENAI_WAIT_SECONDS if timeout is None else timeout
    deadline = time.monotonic() + timeout
    while True:
        rows = {g.id: g for g in Generation.objects.filter(pk__in=ids).prefetch_related("artifacts", "verdicts")}
        if all(rows[i].status in TERMINAL_STATUSES or rows[i].status == Status.IN_REVIEW for i in ids):
            return [rows[i] for i in ids]
        if time.monotonic() > deadline:
            pending = ", ".join(str(i) for i in ids if rows[i].status not in TERMINAL_STATUSES)
            raise OpenAIError(f"generation is still running after {timeout:.0f}s; poll "
                              f"GET /api/v1/generations/<id> for: {pending}", status_code=504,
                              type="timeout_error", code="generation_pending", headers={"x-should-retry": "false"})
        time.sleep(POLL_SECONDS)


def raise_for_outcome(generations: list[Generation]) -> None:
    """Blocked → 400 content_policy_violation (OpenAI's code); held → 400 naming the generation; failed → 500."""
    for generation in generations:
        if generation.status == Status.BLOCKED:
            stage = "prompt" if generation.error_code == "prompt_blocked" else "output"
            raise OpenAIError(f"Your request was rejected by the safety system ({stage}): {generation.error_message}",
                              code="content_policy_violation", param="prompt")
        if generation.status == Status.IN_REVIEW:
            # Name every held generation (n > 1): the client can only find them by these ids.
            held = [str(g.id) for g in generations if g.status == Status.IN_REVIEW]
            where = (f"generation {held[0]} (poll GET /api/v1/generations/{held[0]})" if len(held) == 1 else
                     f"generations {', '.join(held)} (poll GET /api/v1/generations/<id>)")
            raise OpenAIError(f"The output is held for human review and is not delivered yet; {where}",
                              code="output_held_for_review")
        if generation.status == Status.REJECTED:
            raise OpenAIError(f"The output was rejected by a reviewer; generation {generation.id}",
                              code="content_policy_violation")
        if generation.status == Status.SUCCEEDED and not delivery_on_record(generation.id):
            raise OpenAIError(f"Generation {generation.id}: its record and its audit trail disagree; nothing "
                              "is delivered", status_code=500, type="server_error", code="record_mismatch",
                              headers={"x-should-retry": "false"})
        if generation.status == Status.FAILED:
            raise OpenAIError(f"Generation {generation.id} failed: {generation.error_code}", status_code=500,
                              type="server_error", code=generation.error_code or "generation_failed",
                              headers={"x-should-retry": "false"})
