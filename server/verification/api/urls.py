from django.urls import path

from server.verification.api.views import ManifestView, MatchesByBindingView, VerifyView

urlpatterns = [
    path("verify", VerifyView.as_view(), name="verify"),
    path("matches/byBinding", MatchesByBindingView.as_view(), name="matches-by-binding"),
    path("manifests/<path:manifest_id>", ManifestView.as_view(), name="manifest"),
]
