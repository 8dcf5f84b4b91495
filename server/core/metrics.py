"""GET /metrics: Prometheus text exposition (format 0.0.4), written by hand.

The database is the source of truth for everything it holds (generations, verdicts, the
review backlog, stage timings), so any web replica answers the same. Queue depths are read
from the broker through kombu. Request counts are process-local (one counter per gunicorn
worker process; Prometheus sums them with `sum()` across scrapes of each process).
"""

from __future__ import annotations

import hmac
import threading
from collections import Counter
from contextlib import suppress
from datetime import timedelta

from django.conf import settings
from django.db.models import Count
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
STAGES = ("prompt_scan", "load_model", "generate", "output_scan", "watermark", "sign", "store")
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300)

_lock = threading.Lock()
_requests: Counter = Counter()  # (method, status class) -> count
_exceptions: Counter = Counter()  # exception class name -> count


class RequestMetricsMiddleware:
    """Counts requests by method and status class (2xx, 4xx, ...) in this process."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        method = request.method if request.method in {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"} \
            else "other"
        with _lock:
            _requests[(method, f"{response.status_code // 100}xx")] += 1
        return response

    def process_exception(self, request, exception):
        with _lock:
            _exceptions[type(exception).__name__] += 1
        return None


def _escape(value) -> str:
    return str(value).replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _fmt(value: float) -> str:
    if value == float("inf"):
        return "+Inf"
    return repr(float(value)) if isinstance(value, float) else str(value)


class _Writer:
    def __init__(self):
        self.lines: list[str] = []

    def family(self, name: str, kind: str, help_text: str) -> None:
        self.lines.append(f"# HELP {name} {help_text}")
        self.lines.append(f"# TYPE {name} {kind}")

    def sample(self, name: str, value, **labels) -> None:
        label_text = ",".join(f'{key}="{_escape(val)}"' for key, val in labels.items())
        self.lines.append(f"{name}{{{label_text}}} {_fmt(value)}" if label_text else f"{name} {_fmt(value)}")

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _generations(out: _Writer) -> None:
    from server.generations.models import Generation, SafetyVerdict, Status

    out.family("rgs_generations", "gauge", "Generations in the database by status, model and family.")
    rows = Generation.objects.order_by().values("status", "model_name", "family").annotate(n=Count("id"))
    for row in rows:
        out.sample("rgs_generations", row["n"], status=row["status"], model=row["model_name"], family=row["family"])

    out.family("rgs_generation_failures", "gauge", "Failed generations in the database by error code.")
    for row in (Generation.objects.filter(status=Status.FAILED).order_by().values("error_code")
                .annotate(n=Count("id"))):
        out.sample("rgs_generation_failures", row["n"], code=row["error_code"] or "unknown")

    out.family("rgs_safety_decisions", "gauge", "Safety verdicts in the database by stage and decision.")
    for row in SafetyVerdict.objects.order_by().values("stage", "decision").annotate(n=Count("id")):
        out.sample("rgs_safety_decisions", row["n"], stage=row["stage"], decision=row["decision"])

    out.family("rgs_safety_categories", "gauge",
               "Safety verdicts in the database by stage, decision and flagged category.")
    categories: Counter = Counter()
    for stage, decision, cats in (SafetyVerdict.objects.exclude(categories=[]).order_by()
                                  .values_list("stage", "decision", "categories").iterator(chunk_size=2000)):
        for category in cats or []:
            categories[(stage, decision, str(category))] += 1
    for (stage, decision, category), n in sorted(categories.items()):
        out.sample("rgs_safety_categories", n, stage=stage, decision=decision, category=category)

    held = Generation.objects.filter(status=Status.IN_REVIEW)
    out.family("rgs_review_backlog", "gauge", "Generations waiting for a reviewer.")
    out.sample("rgs_review_backlog", held.count())
    oldest = held.order_by("created_at").values_list("created_at", flat=True).first()
    out.family("rgs_review_backlog_oldest_age_seconds", "gauge", "Age of the oldest generation waiting for review.")
    out.sample("rgs_review_backlog_oldest_age_seconds",
               round((timezone.now() - oldest).total_seconds(), 3) if oldest else 0.0)

    stuck_after = timezone.now() - timedelta(seconds=settings.GENERATION_STUCK_SECONDS)
    out.family("rgs_generations_stuck", "gauge",
               "Generations running longer than GENERATION_STUCK_SECONDS (requeue_stuck picks them up).")
    out.sample("rgs_generations_stuck", Generation.objects.filter(status=Status.RUNNING,
                                                                   started_at__lt=stuck_after).count())


def _latencies(out: _Writer) -> None:
    from server.generations.models import Generation

    sample = (Generation.objects.exclude(timings={}).exclude(finished_at=None).order_by("-finished_at")
              .values_list("timings", flat=True)[: settings.METRICS_LATENCY_SAMPLE])
    per_stage: dict[str, list[float]] = {stage: [] for stage in STAGES}
    for timings in sample:
        for stage, millis in (timings or {}).items():
            if stage in per_stage and isinstance(millis, int | float):
                per_stage[stage].append(millis / 1000.0)
    out.family("rgs_stage_duration_seconds", "histogram",
               f"Pipeline stage durations over the last {settings.METRICS_LATENCY_SAMPLE} finished generations "
               "(Generation.timings).")
    for stage, values in per_stage.items():
        for bound in (*BUCKETS, float("inf")):
            out.sample("rgs_stage_duration_seconds_bucket", sum(1 for v in values if v <= bound), stage=stage,
                       le=_fmt(float(bound)))
        out.sample("rgs_stage_duration_seconds_sum", round(sum(values), 6), stage=stage)
        out.sample("rgs_stage_duration_seconds_count", len(values), stage=stage)


def queue_names() -> list[str]:
    from server.generations import runtime

    return sorted({runtime.queue_for(spec.family) for spec in runtime.model_registry().values()} | {"default"})


def _is_not_found(exc: Exception) -> bool:
    return type(exc).__name__ == "NotFound" or "NOT_FOUND" in str(exc)


def queue_depths() -> dict[str, int | None]:
    """Messages waiting per queue (None: could not be read). A queue never declared counts as empty."""
    from server.celery import app

    depths: dict[str, int | None] = dict.fromkeys(queue_names())
    try:
        with app.connection_for_read() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
            for name in depths:
                channel = conn.channel()  # one per queue: AMQP closes the channel on a NOT_FOUND
                try:
                    depths[name] = int(channel.queue_declare(queue=name, passive=True).message_count)
                except Exception as exc:
                    depths[name] = 0 if _is_not_found(exc) else None
                finally:
                    with suppress(Exception):
                        channel.close()
    except Exception:
        pass
    return depths


def _queues(out: _Writer) -> None:
    depths = queue_depths()
    out.family("rgs_queue_depth", "gauge", "Messages waiting in the broker queue.")
    for name, depth in depths.items():
        if depth is not None:
            out.sample("rgs_queue_depth", depth, queue=name)
    out.family("rgs_queue_depth_error", "gauge", "1 when the depth of the queue could not be read from the broker.")
    for name, depth in depths.items():
        out.sample("rgs_queue_depth_error", 1 if depth is None else 0, queue=name)


def _process(out: _Writer) -> None:
    with _lock:
        requests, exceptions = dict(_requests), dict(_exceptions)
    out.family("rgs_http_requests_total", "counter", "HTTP requests served by this process.")
    for (method, status_class), n in sorted(requests.items()):
        out.sample("rgs_http_requests_total", n, method=method, status_class=status_class)
    out.family("rgs_http_exceptions_total", "counter", "Unhandled exceptions in views of this process.")
    for name, n in sorted(exceptions.items()):
        out.sample("rgs_http_exceptions_total", n, exception=name)


def render() -> str:
    out = _Writer()
    errors = 0
    for section in (_generations, _latencies, _queues):
        try:
            section(out)
        except Exception:
            errors += 1
    _process(out)
    out.family("rgs_metrics_collection_errors", "gauge", "Metric sections that failed in this scrape.")
    out.sample("rgs_metrics_collection_errors", errors)
    return out.text()


@require_GET
def metrics_view(request):
    token = settings.METRICS_TOKEN
    if token:
        given = request.headers.get("Authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            response = HttpResponse("authentication required\n", status=401, content_type="text/plain")
            response["WWW-Authenticate"] = 'Bearer realm="metrics"'
            return response
    return HttpResponse(render(), content_type=CONTENT_TYPE)
