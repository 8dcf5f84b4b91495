from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from server.core import views as core_views
from server.core.metrics import metrics_view
from server.moderation.api import ModerationView

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("metrics", metrics_view, name="metrics"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("api/v1/", include("server.generations.api.urls")),
    path("api/v1/", include("server.audit.api.urls")),
    path("api/v1/", include("server.verification.api.urls")),
    path("api/v1/moderations", ModerationView.as_view(), name="moderations"),
    path("v1/", include("server.openai_compat.urls")),
    path("dashboard/", include("server.dashboard.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "server.common.errors.handler400"
handler403 = "server.common.errors.handler403"
handler404 = "server.common.errors.handler404"
handler500 = "server.common.errors.handler500"
