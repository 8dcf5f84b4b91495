from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "server.moderation"
    label = "moderation"
