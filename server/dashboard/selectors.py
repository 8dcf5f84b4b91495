"""Reads for the dashboard (staff see every owner's records). No writes here."""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.core.files.storage import default_storage
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from server.apikeys.models import ApiKey
from server.audit.models import AuditEvent
from server.generations.models import Artifact, Generation, Review, SafetyVerdict, Status
from server.policies.models import SafetyPolicy

DECISIONS = ("allow", "review", "block")
TEXT_PREVIEW_BYTES = 600


# --- generations ----------------------------------------------------------------------

@dataclass(frozen=True)
class GenerationFilters:
    status: str = ""
    family: str = ""
    model: str = ""
    decision: str = ""
    category: str = ""
    key: str = ""  # API key prefix
    since: date | None = None
    until: date | None = None
    q: str = ""


def _with_records(qs: QuerySet[Generation]) -> QuerySet[Generation]:
    return qs.select_related("owner", "api_key").prefetch_related(
        "artifacts", "reviews", Prefetch("verdicts", queryset=SafetyVerdict.objects.prefetch_related("scans")))


def generation_search(filters: GenerationFilters) -> QuerySet[Generation]:
    qs = Generation.objects.all()
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.family:
        qs = qs.filter(family=filters.family)
    if filters.model:
        qs = qs.filter(model_name=filters.model)
    if filters.key:
        qs = qs.filter(api_key__prefix=filters.key)
    if filters.since:
        qs = qs.filter(created_at__date__gte=filters.since)
    if filters.until:
        qs = qs.filter(created_at__date__lte=filters.until)
    if filters.decision in DECISIONS:
        verdicts = SafetyVerdict.objects.filter(generation=OuterRef("pk"))
        blocked = Exists(verdicts.filter(decision="block"))
        reviewed = Exists(verdicts.filter(decision="review"))
        if filters.decision == "block":
            qs = qs.filter(blocked)
        elif filters.decision == "review":
            qs = qs.filter(reviewed).exclude(blocked)
        else:
            qs = qs.filter(Exists(verdicts)).exclude(blocked).exclude(reviewed)
    if filters.category:
        qs = qs.filter(Exists(SafetyVerdict.objects.filter(
            generation=OuterRef("pk"), categories__icontains=f'"{filters.category}"')))
    if filters.q:
        term = filters.q.strip()
        match = Q(prompt__icontains=term) | Q(owner__username__iexact=term) | Q(prompt_sha256=term.lower())
        with suppress(ValueError):
            match |= Q(pk=uuid.UUID(term))
        # A watermark id as the API shows it (12 hex digits) or as audit events store it (decimal).
        for base in (16, 10):
            with suppress(ValueError):
                value = int(term, base)
                if 0 <= value < 2**63:  # a bigint column: a longer number matches nothing
                    match |= Q(watermark_id=value)
        qs = qs.filter(match)
    return _with_records(qs).order_by("-created_at", "-id")


def generation_detail(generation_id) -> Generation | None:
    return _with_records(Generation.objects.filter(pk=generation_id)).first()


def generation_filter_choices() -> dict[str, list[str]]:
    """Values for the filter drop-downs (distinct families and models, key prefixes, categories)."""
    families = sorted(Generation.objects.order_by().values_list("family", flat=True).distinct())
    models = sorted(Generation.objects.order_by().values_list("model_name", flat=True).distinct())
    keys = list(ApiKey.objects.order_by("prefix").values_list("prefix", "name"))
    categories: set[str] = set()
    for cats in SafetyVerdict.objects.exclude(categories=[]).values_list("categories", flat=True)[:5000]:
        categories.update(cats)
    return {"statuses": list(Status.values), "families": families, "models": models, "keys": keys,
            "decisions": list(DECISIONS), "categories": sorted(categories)}


def worst_decision(generation: Generation) -> str:
    decisions = [v.decision for v in generation.verdicts.all()]
    for decision in ("block", "review", "allow"):
        if decision in decisions:
            return decision
    return ""


def generation_categories(generation: Generation) -> list[str]:
    return sorted({c for v in generation.verdicts.all() for c in v.categories})


def generation_top_scores(generation: Generation, limit: int = 4) -> list[tuple[str, float]]:
    """The highest score per category over every scan, highest first."""
    best: dict[str, float] = {}
    for verdict in generation.verdicts.all():
        for scan in verdict.scans.all():
            for category, score in (scan.scores or {}).items():
                if isinstance(score, int | float):
                    best[category] = max(best.get(category, 0.0), float(score))
    return sorted(best.items(), key=lambda item: -item[1])[:limit]


def speech_heard(generation: Generation) -> dict | None:
    """What the speech scanner heard in the output ({"transcript", "speech_detected"}), if it ran."""
    for verdict in generation.verdicts.all():
        if verdict.stage != "output":
            continue
        for scan in verdict.scans.all():
            if scan.scanner == "speech" and scan.status == "scanned" and "transcript" in (scan.details or {}):
                return {"transcript": scan.details["transcript"],
                        "speech_detected": bool(scan.details.get("speech_detected"))}
    return None


def artifact_text_preview(artifact: Artifact, limit: int = TEXT_PREVIEW_BYTES) -> str:
    """The beginning of a text artifact ('' for other types, purged or missing bytes)."""
    if not artifact.mime.startswith("text/") or artifact.purged_at or not default_storage.exists(artifact.storage_key):
        return ""
    with default_storage.open(artifact.storage_key, "rb") as handle:
        return handle.read(limit).decode("utf-8", errors="replace")


def staff_artifact_get(artifact_id) -> Artifact | None:
    """Any artifact, held or rejected content included: for staff who may see content."""
    return Artifact.objects.select_related("generation").filter(pk=artifact_id).first()


def generation_audit_trail(generation: Generation) -> QuerySet[AuditEvent]:
    artifact_ids = [str(a.pk) for a in generation.artifacts.all()]
    return AuditEvent.objects.filter(
        Q(object_id=str(generation.pk)) | Q(object_type="artifact", object_id__in=artifact_ids)).order_by("seq")


# --- API keys --------------------------------------------------------------------------

LIMIT_WORDS = ("quota", "rate", "limit")


def apikey_limit_fields() -> list[str]:
    """Quota / rate-limit fields of ApiKey, if the model has any (shown as they are)."""
    return [f.name for f in ApiKey._meta.concrete_fields if any(w in f.name for w in LIMIT_WORDS)]


def apikey_list_with_usage() -> QuerySet[ApiKey]:
    return (ApiKey.objects.select_related("owner", "policy")
            .annotate(generation_count=Count("generations"), last_generation_at=Max("generations__created_at"))
            .order_by("revoked_at", "-created_at"))


# --- policies --------------------------------------------------------------------------

def policy_list() -> QuerySet[SafetyPolicy]:
    return SafetyPolicy.objects.select_related("based_on").annotate(key_count=Count("api_keys")).order_by(
        "-created_at")


# --- audit -----------------------------------------------------------------------------

@dataclass(frozen=True)
class AuditFilters:
    event_type: str = ""
    actor_name: str = ""
    object_type: str = ""
    object_id: str = ""
    since: datetime | None = None
    until: datetime | None = None


def audit_search(filters: AuditFilters) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.all()
    for name in ("event_type", "actor_name", "object_type", "object_id"):
        value = getattr(filters, name)
        if value:
            events = events.filter(**{name: value})
    if filters.since:
        events = events.filter(created_at__gte=filters.since)
    if filters.until:
        events = events.filter(created_at__lt=filters.until)
    return events.order_by("-seq")


def audit_recent(limit: int = 8) -> list[AuditEvent]:
    return list(AuditEvent.objects.order_by("-seq")[:limit])


# --- statistics ------------------------------------------------------------------------

def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank-interpolated percentile (q in 0..100); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class Statistics:
    days: list[date]
    by_family: dict[str, list[int]]
    by_modality: dict[str, list[int]]
    status_counts: dict[str, int]
    decision_counts: dict[str, int]
    category_decisions: dict[str, dict[str, int]]
    backlog: int
    oldest_held: datetime | None
    decisions_by_day: dict[str, list[int]]
    time_to_decision: dict[str, float | None]
    stage_latency: dict[str, dict[str, float | None]] = field(default_factory=dict)
    total: int = 0


LATENCY_SAMPLE = 5000
STAGE_ORDER = ("prompt_scan", "load_model", "generate", "output_scan", "watermark", "sign", "store")


def statistics(days: int = 14, now: datetime | None = None) -> Statistics:
    now = now or timezone.now()
    start_day = (now - timedelta(days=days - 1)).date()
    day_list = [start_day + timedelta(days=i) for i in range(days)]
    index = {d: i for i, d in enumerate(day_list)}
    window = Generation.objects.filter(created_at__date__gte=start_day)

    def per_day(column: str) -> dict[str, list[int]]:
        series: dict[str, list[int]] = defaultdict(lambda: [0] * days)
        rows = (window.annotate(day=TruncDate("created_at")).values("day", column).annotate(n=Count("id"))
                .order_by())
        for row in rows:
            if row["day"] in index:
                series[row[column]][index[row["day"]]] += row["n"]
        return dict(sorted(series.items()))

    status_counts = dict(window.order_by().values_list("status").annotate(n=Count("id")))
    decision_counts: Counter[str] = Counter()
    category_decisions: dict[str, Counter[str]] = defaultdict(Counter)
    verdicts = SafetyVerdict.objects.filter(generation__created_at__date__gte=start_day)
    for decision, categories in verdicts.values_list("decision", "categories").iterator(chunk_size=2000):
        decision_counts[decision] += 1
        for category in categories or []:
            category_decisions[category][decision] += 1

    held = Generation.objects.filter(status=Status.IN_REVIEW)
    reviews = Review.objects.filter(created_at__date__gte=start_day).select_related("generation")
    decisions_by_day: dict[str, list[int]] = {"approve": [0] * days, "reject": [0] * days}
    waits: list[float] = []
    for review in reviews.iterator(chunk_size=2000):
        day = timezone.localdate(review.created_at)
        if day in index and review.decision in decisions_by_day:
            decisions_by_day[review.decision][index[day]] += 1
        waits.append((review.created_at - review.generation.created_at).total_seconds())

    stage_values: dict[str, list[float]] = defaultdict(list)
    timings = window.exclude(timings={}).order_by("-created_at").values_list("timings", flat=True)[:LATENCY_SAMPLE]
    for timing in timings:
        total = 0.0
        for stage, ms in (timing or {}).items():
            if isinstance(ms, int | float):
                stage_values[stage].append(float(ms))
                total += float(ms)
        stage_values["total"].append(total)
    ordered = [s for s in STAGE_ORDER if s in stage_values]
    ordered += sorted(s for s in stage_values if s not in STAGE_ORDER and s != "total")
    if "total" in stage_values:
        ordered.append("total")
    stage_latency = {s: {"p50": percentile(stage_values[s], 50), "p95": percentile(stage_values[s], 95),
                         "p99": percentile(stage_values[s], 99), "n": len(stage_values[s])} for s in ordered}

    return Statistics(
        days=day_list, by_family=per_day("family"), by_modality=per_day("modality"),
        status_counts=status_counts, decision_counts=dict(decision_counts),
        category_decisions={c: dict(v) for c, v in sorted(category_decisions.items())},
        backlog=held.count(), oldest_held=held.order_by("created_at").values_list("created_at", flat=True).first(),
        decisions_by_day=decisions_by_day,
        time_to_decision={"p50": percentile(waits, 50), "p90": percentile(waits, 90), "n": len(waits)},
        stage_latency=stage_latency, total=sum(status_counts.values()),
    )


def overview(now: datetime | None = None) -> dict[str, Any]:
    """What is happening now: the last 24 hours by status and the review backlog."""
    now = now or timezone.now()
    recent = Generation.objects.filter(created_at__gte=now - timedelta(hours=24))
    held = Generation.objects.filter(status=Status.IN_REVIEW)
    return {
        "last_24h": dict(recent.order_by().values_list("status").annotate(n=Count("id"))),
        "last_24h_total": recent.count(),
        "backlog": held.count(),
        "oldest_held": held.order_by("created_at").values_list("created_at", flat=True).first(),
        "active_keys": ApiKey.objects.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)).count(),
    }
