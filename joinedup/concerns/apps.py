from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "joinedup.concerns"
    label = "concerns"
