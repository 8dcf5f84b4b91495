from django.urls import path

from server.generations.api.models_views import ModelListView
from server.generations.api.review_views import ReviewContentView, ReviewDecisionView, ReviewQueueView
from server.generations.api.views import (
    ArtifactContentView,
    ArtifactManifestView,
    GenerationDetailView,
    GenerationListCreateView,
)

urlpatterns = [
    path("generations", GenerationListCreateView.as_view(), name="generation-list"),
    path("generations/<uuid:generation_id>", GenerationDetailView.as_view(), name="generation-detail"),
    path("artifacts/<uuid:artifact_id>/content", ArtifactContentView.as_view(), name="artifact-content"),
    path("artifacts/<uuid:artifact_id>/manifest", ArtifactManifestView.as_view(), name="artifact-manifest"),
    path("models", ModelListView.as_view(), name="model-list"),
    path("reviews", ReviewQueueView.as_view(), name="review-queue"),
    path("reviews/<uuid:generation_id>", ReviewDecisionView.as_view(), name="review-decision"),
    path("reviews/artifacts/<uuid:artifact_id>/content", ReviewContentView.as_view(), name="review-content"),
]
