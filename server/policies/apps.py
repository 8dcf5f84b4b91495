from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "server.policies"
    label = "policies"
    verbose_name = "Safety policies"
