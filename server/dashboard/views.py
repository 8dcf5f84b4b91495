"""Dashboard pages. Thin: parse input, call a selector or a service, render a template."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from server.apikeys.models import ApiKey
from server.apikeys.services import apikey_revoke
from server.audit.exports import CONTENT_TYPES, RENDERERS, export_record, export_rows, seq_range
from server.common.errors import ApiError, json_error_view
from server.dashboard import charts, selectors, services
from server.dashboard.access import can, page, permission_required
from server.dashboard.forms import (
    ApiKeyCreateForm,
    AuditFilterForm,
    ExportForm,
    GenerationFilterForm,
    PolicyAssignForm,
    PolicyEditForm,
    ReviewForm,
    VerifyForm,
)
from server.generations.held_content import content_viewed, held_content_response
from server.generations.models import Status
from server.generations.reviews import review_queue
from server.policies.models import SafetyPolicy
from server.policies.services import policy_create
from server.verification.services import UnverifiableContent, content_verify

PAGE_SIZE = 25


def _page_of(request, items, size: int = PAGE_SIZE):
    return Paginator(items, size).get_page(request.GET.get("page"))


def _query_without_page(request) -> str:
    return urlencode([(k, v) for k, values in request.GET.lists() if k != "page" for v in values if v])


def _back(request, default: str):
    """Redirect to the form's ``next`` when it is a path on this site, else to ``default``."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return redirect(target)
    return redirect(default)


def _rows(generations, user) -> list[dict]:
    """What a list row shows: the record plus derived badges, scores and previews."""
    show_content = can(user, "view_content")
    rows = []
    for generation in generations:
        artifacts = list(generation.artifacts.all())
        artifact = artifacts[0] if artifacts else None
        reviews = list(generation.reviews.all())
        rows.append({
            "g": generation, "artifact": artifact,
            "decision": selectors.worst_decision(generation),
            "categories": selectors.generation_categories(generation),
            "scores": selectors.generation_top_scores(generation),
            "review": reviews[0] if reviews else None,
            "text": (selectors.artifact_text_preview(artifact, 240)
                     if show_content and artifact and generation.modality == "text" else ""),
        })
    return rows


# --- overview --------------------------------------------------------------------------

@require_GET
@permission_required("view_dashboard")
def home(request):
    context = {"overview": selectors.overview()}
    if can(request.user, "view_statistics"):
        stats = selectors.statistics(days=14)
        context["volume_chart"] = charts.stacked_columns(stats.days, stats.by_family, "Generations per day by family")
    if can(request.user, "view_audit"):
        context["chain"] = services.chain_status()
        context["recent_events"] = selectors.audit_recent(8)
    if can(request.user, "decide_reviews"):
        context["held"] = _rows(review_queue()[:5], request.user)
    return page(request, "dashboard/home.html", title="Overview", **context)


# --- generations -----------------------------------------------------------------------

@require_GET
@permission_required("view_generations")
def generation_list(request):
    form = GenerationFilterForm(request.GET or None, choices=selectors.generation_filter_choices())
    filters = selectors.GenerationFilters()
    if form.is_bound and form.is_valid():
        filters = selectors.GenerationFilters(**form.cleaned_data)
    page_obj = _page_of(request, selectors.generation_search(filters))
    return page(request, "dashboard/generations.html", title="Generations", form=form, page_obj=page_obj,
                rows=_rows(page_obj.object_list, request.user), query=_query_without_page(request))


@require_GET
@permission_required("view_generations")
def generation_detail(request, generation_id):
    generation = selectors.generation_detail(generation_id)
    if generation is None:
        raise Http404
    artifacts = list(generation.artifacts.all())
    show_content = can(request.user, "view_content")
    items = [{"a": a, "quality": (a.metadata or {}).get("quality"),
              "text": selectors.artifact_text_preview(a, 20000) if show_content else "",
              "watermark_hex": f"{a.watermark_id:012x}"} for a in artifacts]
    return page(request, "dashboard/generation_detail.html", title=f"Generation {generation.id}",
                g=generation, items=items, decision=selectors.worst_decision(generation),
                heard=selectors.speech_heard(generation) if show_content else None,
                watermark_hex=f"{generation.watermark_id:012x}",
                policy_known=bool(services.policy_content(generation.policy_version)) if generation.policy_version
                else False,
                trail=selectors.generation_audit_trail(generation), reviews=list(generation.reviews.all()),
                can_decide=can(request.user, "decide_reviews") and generation.status == Status.IN_REVIEW)


@require_GET
@permission_required("view_content")
def artifact_content(request, artifact_id):
    """The bytes of any artifact, held content included: staff only, never cached, never sniffed."""
    artifact = selectors.staff_artifact_get(artifact_id)
    if artifact is None or artifact.purged_at or not default_storage.exists(artifact.storage_key):
        raise Http404
    content_viewed(artifact=artifact, actor=services.actor_for(request.user))
    return held_content_response(artifact)


# --- reviews ---------------------------------------------------------------------------

@require_GET
@permission_required("decide_reviews")
def review_list(request):
    page_obj = _page_of(request, review_queue(), size=20)
    return page(request, "dashboard/reviews.html", title="Review queue", page_obj=page_obj,
                rows=_rows(page_obj.object_list, request.user))


@require_POST
@permission_required("decide_reviews")
def review_decide(request):
    form = ReviewForm(request.POST)
    ids = request.POST.getlist("ids")
    if not form.is_valid() or not ids:
        messages.error(request, "Choose at least one item, a decision and give a reason.")
        return _back(request, "dashboard:reviews")
    outcomes = services.reviews_decide(generation_ids=ids, decision=form.cleaned_data["decision"],
                                       reason=form.cleaned_data["reason"], user=request.user)
    done = [o for o in outcomes if o.ok]
    if done:
        verb = "Approved" if form.cleaned_data["decision"] == "approve" else "Rejected"
        messages.success(request, f"{verb} {len(done)} item{'s' if len(done) != 1 else ''}.")
    for failed in (o for o in outcomes if not o.ok):
        messages.error(request, f"{failed.generation_id}: {failed.message}")
    return _back(request, "dashboard:reviews")


# --- API keys --------------------------------------------------------------------------

def _key_page(request, form, status=200):
    keys = selectors.apikey_list_with_usage()
    policies = list(SafetyPolicy.objects.order_by("-created_at"))
    return page(request, "dashboard/keys.html", status=status, title="API keys", keys=keys, form=form,
                policies=policies, limit_fields=selectors.apikey_limit_fields(), now=timezone.now())


@require_GET
@permission_required("manage_api_keys")
def key_list(request):
    return _key_page(request, ApiKeyCreateForm())


@require_POST
@permission_required("manage_api_keys")
def key_create(request):
    form = ApiKeyCreateForm(request.POST)
    if not form.is_valid():
        return _key_page(request, form, status=400)
    data = form.cleaned_data
    issued = services.apikey_issue(owner_username=data["owner"], scopes=data["scopes"], name=data["name"],
                                   prompt_retention=data["prompt_retention"], expires_at=data["expires_at"],
                                   policy=data["policy"], user=request.user)
    # Rendered, not redirected: the secret exists only in this one response.
    return page(request, "dashboard/key_created.html", title="API key created", issued=issued)


@require_POST
@permission_required("manage_api_keys")
def key_revoke(request, key_id):
    key = apikey_revoke(api_key=get_object_or_404(ApiKey, pk=key_id), actor=services.actor_for(request.user))
    messages.success(request, f"Revoked key {key.prefix}….")
    return redirect("dashboard:keys")


@require_POST
@permission_required("manage_policies")
def key_policy(request, key_id):
    key = get_object_or_404(ApiKey, pk=key_id)
    form = PolicyAssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Unknown policy version.")
    else:
        services.apikey_policy_set(api_key=key, policy=form.cleaned_data["policy"], user=request.user)
        policy = form.cleaned_data["policy"]
        messages.success(request, f"Key {key.prefix}… now uses {policy.version if policy else 'the service default'}.")
    return _back(request, "dashboard:keys")


# --- policies --------------------------------------------------------------------------

@require_GET
@permission_required("view_policies")
def policy_list(request):
    default = services.default_policy()
    keys_on_default = ApiKey.objects.filter(Q(policy__isnull=True) | Q(policy__version=default.version))
    return page(request, "dashboard/policies.html", title="Safety policies",
                policies=selectors.policy_list().exclude(version=default.version),
                default=default, default_keys=keys_on_default.count())


def _policy_or_404(version: str) -> dict:
    content = services.policy_content(version)
    if content is None:
        raise Http404
    return content


@require_GET
@permission_required("view_policies")
def policy_detail(request, version):
    content = _policy_or_404(version)
    row = SafetyPolicy.objects.select_related("based_on").filter(version=version).first()
    return page(request, "dashboard/policy_detail.html", title=f"Policy {content.get('name')} · {version}",
                version=version, row=row, content=content, toml=services.policy_to_toml(content),
                is_default=version == services.default_policy().version,
                keys=ApiKey.objects.filter(policy__version=version) if row else None,
                versions=[("", "")] + [(p.version, p.name) for p in SafetyPolicy.objects.all()])


@require_http_methods(["GET", "POST"])
@permission_required("manage_policies")
def policy_edit(request, version):
    content = _policy_or_404(version)
    form = PolicyEditForm(request.POST or None, initial={"content": services.policy_to_toml(content)})
    if request.method == "POST" and form.is_valid():
        try:
            data = services.policy_parse(form.cleaned_data["content"])
            if services.policy_validate(data).version == version:
                messages.info(request, "No change: the content is identical to this version.")
                return redirect("dashboard:policy", version=version)
            base = SafetyPolicy.objects.filter(version=version).first()
            if base is None:  # the service default: store it first so the new version can point at it
                base = policy_create(content=content, actor=services.actor_for(request.user))
            created = policy_create(content=data, actor=services.actor_for(request.user), based_on=base)
        except ApiError as exc:
            form.add_error("content", str(exc.detail))
        else:
            messages.success(request, f"Stored policy version {created.version}.")
            return redirect("dashboard:policy", version=created.version)
    return page(request, "dashboard/policy_edit.html", status=400 if form.errors else 200,
                title=f"New version of {content.get('name')}", version=version, form=form)


@require_GET
@permission_required("view_policies")
def policy_compare(request):
    versions = [(services.default_policy().version, f"{services.default_policy().name} (service default)")]
    versions += [(p.version, p.name) for p in SafetyPolicy.objects.exclude(version=versions[0][0])]
    left = request.GET.get("a") or (versions[1][0] if len(versions) > 1 else versions[0][0])
    right = request.GET.get("b") or versions[0][0]
    rows = services.policy_diff(_policy_or_404(left), _policy_or_404(right))
    show_all = request.GET.get("all") == "1"
    return page(request, "dashboard/policy_compare.html", title="Compare policy versions", versions=versions,
                left=left, right=right, rows=rows if show_all else [r for r in rows if r.changed],
                show_all=show_all, changed=sum(r.changed for r in rows))


# --- audit -----------------------------------------------------------------------------

def _audit_filters(form) -> selectors.AuditFilters:
    if not form.is_valid():
        return selectors.AuditFilters()
    since, until = form.window()
    data = form.cleaned_data
    return selectors.AuditFilters(event_type=data["event_type"], actor_name=data["actor_name"],
                                  object_type=data["object_type"], object_id=data["object_id"],
                                  since=since, until=until)


@require_GET
@permission_required("view_audit")
def audit_list(request):
    form = AuditFilterForm(request.GET or None)
    page_obj = _page_of(request, selectors.audit_search(_audit_filters(form)), size=50)
    window = _query_without_page(request)
    return page(request, "dashboard/audit.html", title="Audit log", form=form, page_obj=page_obj, query=window,
                chain=services.chain_status(refresh=request.GET.get("refresh") == "1"),
                export_query=urlencode([(k, request.GET[k]) for k in ("since", "until") if request.GET.get(k)]))


def _export_form(request) -> ExportForm:
    return ExportForm(request.GET or {"format": "jsonl"})


def _bad_window(form: ExportForm):
    """A hand-edited export link: say which field is wrong (400), rather than that nothing is there."""
    problems = "; ".join(f"{field}: {' '.join(errors)}" for field, errors in form.errors.items())
    return json_error_view("invalid_request", f"Cannot export: {problems}", 400)


@require_GET
@permission_required("export_audit")
def audit_export(request):
    """Stream the chain (or a date window of it) through the audit app's renderers."""
    form = _export_form(request)
    if not form.is_valid():
        return _bad_window(form)(request)
    fmt, (since, until) = form.cleaned_data["format"], form.window()
    export_record(actor=services.actor_for(request.user), fmt=fmt, since=since, until=until, channel="dashboard")
    response = StreamingHttpResponse(RENDERERS[fmt](export_rows(seq_range(since, until))),
                                     content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="audit-events.{fmt}"'
    return response


@require_GET
@permission_required("export_audit")
def audit_bundle(request):
    """A signed, offline-verifiable bundle (write_bundle), zipped."""
    form = _export_form(request)
    if not form.is_valid():
        return _bad_window(form)(request)
    fmt, (since, until) = form.cleaned_data["format"], form.window()
    try:
        archive, manifest = services.audit_bundle_zip(since=since, until=until, fmt=fmt)
    except ApiError as exc:  # a broken chain: no signature over it
        return json_error_view(exc.error_code, str(exc.detail), exc.status_code)(request)
    export_record(actor=services.actor_for(request.user), fmt=fmt, since=since, until=until,
                  channel="dashboard-bundle")
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    return FileResponse(archive, as_attachment=True, filename=f"audit-bundle-{stamp}.zip",
                        content_type="application/zip")


# --- statistics ------------------------------------------------------------------------

@require_GET
@permission_required("view_statistics")
def statistics(request):
    try:
        days = min(max(int(request.GET.get("days", 14)), 1), 90)
    except ValueError:
        days = 14
    stats = selectors.statistics(days=days)
    overall = {"all categories": stats.decision_counts} if stats.decision_counts else {}
    return page(
        request, "dashboard/statistics.html", title="Statistics", stats=stats, days=days,
        family_chart=charts.stacked_columns(stats.days, stats.by_family, "Generations per day by family"),
        modality_chart=charts.stacked_columns(stats.days, stats.by_modality, "Generations per day by modality"),
        decision_chart=charts.share_bars({**overall, **stats.category_decisions}, "Decisions by harm category"),
        review_chart=charts.stacked_columns(stats.days, {"approved": stats.decisions_by_day["approve"],
                                                         "rejected": stats.decisions_by_day["reject"]},
                                            "Review decisions per day", height=180),
        latency_chart=charts.latency_bars(stats.stage_latency, "Latency per pipeline stage"),
    )


# --- verify ----------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
@permission_required("verify_content")
def verify(request):
    form = VerifyForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        sidecar = form.cleaned_data.get("sidecar")
        try:
            report = content_verify(form.cleaned_data["file"].read(), sidecar.read() if sidecar else None)
        except UnverifiableContent as exc:
            form.add_error("file", str(exc))
    return page(request, "dashboard/verify.html", status=400 if form.errors else 200, title="Verify content",
                form=form, report=report)
