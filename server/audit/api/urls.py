from django.urls import path

from server.audit.api.views import AuditEventListView, AuditExportView

urlpatterns = [
    path("audit/events", AuditEventListView.as_view(), name="audit-events"),
    path("audit/export", AuditExportView.as_view(), name="audit-export"),
]
