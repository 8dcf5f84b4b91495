"""Dynamic batching in the worker: concurrent generations of one model share one backend call,
and batching changes speed, never content."""

from __future__ import annotations

import threading
import time

import pytest

from generation import GeneratedItem, GenerationHooks, GenerationRequest
from server.generations.batching import ModelBatcher


class Recorder:
    def __init__(self, delay: float = 0.0):
        self.calls: list[tuple[list[int], bool]] = []
        self.delay = delay

    def __call__(self, requests, hooks):
        self.calls.append(([r.seed for r in requests], hooks is not None))
        time.sleep(self.delay)
        return [GeneratedItem(data=str(r.seed).encode(), mime="text/plain") for r in requests]


def _concurrently(batcher, n, hooks=None):
    results = [None] * n
    started = threading.Barrier(n)

    def one(i):
        with batcher.running():
            started.wait(5)  # all are running (e.g. scanning prompts) before the first one submits
            time.sleep(0.01 * i)  # arrive spread out, like prompt scans finishing at different times
            results[i] = batcher.submit(GenerationRequest("p", {}, seed=i), hooks)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    return results


def test_concurrent_requests_share_one_call_and_keep_their_own_items():
    run = Recorder()
    batcher = ModelBatcher("m", run, max_size=8, max_wait_s=0.5)
    results = _concurrently(batcher, 4)
    assert [r.item.data for r in results] == [b"0", b"1", b"2", b"3"]
    assert len(run.calls) == 1 and sorted(run.calls[0][0]) == [0, 1, 2, 3]
    assert {r.batch_size for r in results} == {4}


def test_batch_size_is_bounded():
    run = Recorder(delay=0.05)
    batcher = ModelBatcher("m", run, max_size=3, max_wait_s=0.5)
    results = _concurrently(batcher, 7)
    assert all(len(seeds) <= 3 for seeds, _ in run.calls)
    assert sorted(s for seeds, _ in run.calls for s in seeds) == list(range(7))
    assert [r.item.data for r in results] == [str(i).encode() for i in range(7)]


def test_a_lone_request_does_not_wait():
    batcher = ModelBatcher("m", Recorder(), max_size=8, max_wait_s=5.0)
    start = time.perf_counter()
    with batcher.running():
        result = batcher.submit(GenerationRequest("p", {}, seed=1))
    assert result.batch_size == 1 and time.perf_counter() - start < 1.0


def test_requests_with_hooks_run_alone():
    run = Recorder()
    batcher = ModelBatcher("m", run, max_size=8, max_wait_s=0.3)
    results = _concurrently(batcher, 3, hooks=GenerationHooks())
    assert [r.batch_size for r in results] == [1, 1, 1] and all(h for _, h in run.calls)


def test_an_error_reaches_every_waiting_generation():
    def broken(requests, hooks):
        raise RuntimeError("out of memory")

    batcher = ModelBatcher("m", broken, max_size=8, max_wait_s=0.2)
    errors = []

    started = threading.Barrier(3)

    def one(i):
        with batcher.running():
            started.wait(5)
            try:
                batcher.submit(GenerationRequest("p", {}, seed=i))
            except RuntimeError as exc:
                errors.append(str(exc))

    threads = [threading.Thread(target=one, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert errors == ["out of memory"] * 3


@pytest.mark.slow
def test_concurrent_pipeline_runs_are_batched_with_identical_pixels(make_key, transactional_db, monkeypatch, settings):
    """Four generations of the demo GAN run at once in worker threads: one batched call, same bytes as alone."""
    from django.db import connection

    from server.audit.models import AuditEvent
    from server.audit.services import Actor
    from server.generations import runtime
    from server.generations.pipeline import generation_execute
    from server.generations.services import generation_create

    settings.GENERATION_BATCH_WAIT_MS = 2000
    monkeypatch.setattr(runtime, "_batchers", {})
    monkeypatch.setattr("server.generations.services._enqueue", lambda generation, prompt: None)
    issued = make_key(scopes="generate")
    prompts = ["a red circle", "a blue square", "a green triangle", "a yellow star"]
    made = [generation_create(api_key=issued.api_key, actor=Actor.system("test"), model="shapes-gan", prompt=p,
                              params={}, seed=i) for i, p in enumerate(prompts)]

    def run(generation):
        try:
            generation_execute(str(generation.id), generation.prompt)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(g,)) for g in made]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    events = {e.object_id: e.data for e in AuditEvent.objects.filter(event_type="generation.generated")}
    assert len(events) == 4 and max(d["batch_size"] for d in events.values()) >= 2, events

    alone = runtime.loaded_backend("shapes-gan").generate(
        [GenerationRequest(p, made[i].params, seed=i) for i, p in enumerate(prompts)][:1])
    import hashlib

    assert events[str(made[0].id)]["sha256"] == hashlib.sha256(alone[0].data).hexdigest()
