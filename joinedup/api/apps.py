from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "joinedup.api"
    label = "api"

    def ready(self) -> None:
        from . import subscriptions

        subscriptions.connect()  # FHIR Subscriptions hear of each change through its audit record
