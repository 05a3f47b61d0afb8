from django.apps import AppConfig


class CoordinationConfig(AppConfig):
    name = "joinedup.coordination"
    label = "coordination"

    def ready(self) -> None:
        from . import registrations

        registrations.register_all()
