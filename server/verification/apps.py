from django.apps import AppConfig


class VerificationConfig(AppConfig):
    name = "server.verification"
    label = "verification"
