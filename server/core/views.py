"""Liveness and readiness probes (no authentication: they reveal no data)."""

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from server.core.readiness import readiness


@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})


@require_GET
def readyz(request):
    checks = readiness()
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ready" if ready else "not_ready", "checks": checks}, status=200 if ready else 503)
