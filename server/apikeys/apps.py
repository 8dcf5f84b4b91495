from django.apps import AppConfig


class ApiKeysConfig(AppConfig):
    name = "server.apikeys"
    label = "apikeys"
    verbose_name = "API keys"
