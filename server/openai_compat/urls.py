from django.urls import path

from server.openai_compat import text, views

urlpatterns = [
    path("models", views.ModelsView.as_view()),
    path("models/<str:model_id>", views.ModelsView.as_view()),
    path("images/generations", views.ImagesGenerationsView.as_view()),
    path("files/<str:token>", views.SignedFileView.as_view()),
    path("moderations", views.ModerationsView.as_view()),
    path("chat/completions", text.ChatCompletionsView.as_view()),
    path("completions", text.CompletionsView.as_view()),
]
