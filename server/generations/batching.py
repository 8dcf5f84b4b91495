"""Dynamic batching in the worker: concurrent generations of one model share one backend call.

A worker that runs several generations at once (Celery ``--pool threads --concurrency N``)
hands each ``generate`` to the model's ``ModelBatcher``. One dispatcher thread per model
collects requests for up to ``max_wait_s`` (never longer than needed: it stops waiting as soon
as every generation that is running for this model has handed its request in) or until
``max_size`` are waiting, and makes one batched call. The seed, not the batch, decides each
output, so batching changes speed, never content.

Requests that carry generation hooks (per-generation watermark hooks of text, audio and
video) run alone, in the same dispatcher thread: one model is only ever called from one
thread, so backends with mutable state (diffusers schedulers) are safe under a thread pool.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass

from generation import GeneratedItem, GenerationHooks, GenerationRequest

logger = logging.getLogger(__name__)

RunBatch = Callable[[list[GenerationRequest], GenerationHooks | None], list[GeneratedItem]]


@dataclass
class _Job:
    request: GenerationRequest
    hooks: GenerationHooks | None
    future: Future


@dataclass(frozen=True)
class BatchResult:
    item: GeneratedItem
    batch_size: int
    waited_ms: float


class ModelBatcher:
    """Groups concurrent ``submit`` calls for one model into batched ``run_batch`` calls."""

    def __init__(self, name: str, run_batch: RunBatch, max_size: int = 8, max_wait_s: float = 0.02) -> None:
        self.name, self.run_batch = name, run_batch
        self.max_size, self.max_wait_s = max(1, max_size), max(0.0, max_wait_s)
        self._queue: queue.Queue[_Job] = queue.Queue()
        self._active = 0  # generations of this model between start and their generate call
        self._active_lock = threading.Lock()
        self._thread = threading.Thread(target=self._loop, name=f"batcher-{name}", daemon=True)
        self._thread.start()

    @contextmanager
    def running(self):
        """Wrap one generation's run: the dispatcher waits for the requests of running generations only."""
        with self._active_lock:
            self._active += 1
        try:
            yield
        finally:
            with self._active_lock:
                self._active -= 1

    def submit(self, request: GenerationRequest, hooks: GenerationHooks | None = None) -> BatchResult:
        """Block until this request's item is made (possibly in a batch with others)."""
        job = _Job(request, hooks, Future())
        start = time.perf_counter()
        self._queue.put(job)
        item, size = job.future.result()
        return BatchResult(item, size, (time.perf_counter() - start) * 1000)

    def _expected(self) -> int:
        with self._active_lock:
            return self._active

    def _collect(self, first: _Job) -> tuple[list[_Job], list[_Job]]:
        """The batch to run now, plus hook-carrying jobs that arrived meanwhile (each runs alone)."""
        batch, alone = [first], []
        deadline = time.monotonic() + self.max_wait_s
        while len(batch) < self.max_size:
            waiting_for_more = self._expected() > len(batch) + len(alone)
            left = deadline - time.monotonic()
            try:
                job = self._queue.get(timeout=left) if waiting_for_more and left > 0 else self._queue.get_nowait()
            except queue.Empty:
                break
            (alone if job.hooks is not None else batch).append(job)
        return batch, alone

    def _run(self, jobs: list[_Job], hooks: GenerationHooks | None) -> None:
        try:
            items = self.run_batch([j.request for j in jobs], hooks)
            if len(items) != len(jobs):
                raise RuntimeError(f"model {self.name!r} returned {len(items)} items for {len(jobs)} requests")
        except BaseException as exc:  # every waiting generation gets the error, none hangs
            for job in jobs:
                job.future.set_exception(exc)
            return
        for job, item in zip(jobs, items, strict=True):
            job.future.set_result((item, len(jobs)))

    def _loop(self) -> None:
        while True:
            first = self._queue.get()
            if first.hooks is not None:
                self._run([first], first.hooks)
                continue
            batch, alone = self._collect(first)
            self._run(batch, None)
            for job in alone:
                self._run([job], job.hooks)
