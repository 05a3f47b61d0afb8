from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "joinedup.core"
    label = "core"
