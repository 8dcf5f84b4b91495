from django.apps import AppConfig


class ApiKeysConfig(AppConfig):
    name = "server.apikeys"
    label = "apikeys"
    verbose_name = "API keys"

    def ready(self) -> None:
        from server.apikeys import signals

        signals.connect_owner_signals()
