from django.urls import path

from server.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("", views.home, name="home"),
    path("generations/", views.generation_list, name="generations"),
    path("generations/<uuid:generation_id>/", views.generation_detail, name="generation"),
    path("artifacts/<uuid:artifact_id>/content", views.artifact_content, name="artifact-content"),
    path("reviews/", views.review_list, name="reviews"),
    path("reviews/decide", views.review_decide, name="review-decide"),
    path("keys/", views.key_list, name="keys"),
    path("keys/new", views.key_create, name="key-create"),
    path("keys/<int:key_id>/revoke", views.key_revoke, name="key-revoke"),
    path("keys/<int:key_id>/policy", views.key_policy, name="key-policy"),
    path("policies/", views.policy_list, name="policies"),
    path("policies/compare", views.policy_compare, name="policy-compare"),
    path("policies/<str:version>/", views.policy_detail, name="policy"),
    path("policies/<str:version>/edit", views.policy_edit, name="policy-edit"),
    path("audit/", views.audit_list, name="audit"),
    path("audit/export", views.audit_export, name="audit-export"),
    path("audit/bundle", views.audit_bundle, name="audit-bundle"),
    path("statistics/", views.statistics, name="statistics"),
    path("verify/", views.verify, name="verify"),
]
