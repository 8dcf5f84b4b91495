from django.apps import AppConfig


class GenerationsConfig(AppConfig):
    name = "server.generations"
    label = "generations"
