from django.apps import AppConfig
from django.http import HttpRequest, HttpResponse


def _bad_request(request: HttpRequest, message: str) -> HttpResponse:
    from .views import _problem

    return _problem(400, "invalid", message)


class ApiConfig(AppConfig):
    name = "joinedup.api"
    label = "api"

    def ready(self) -> None:
        from joinedup.core import navigation
        from joinedup.core.middleware import answer_bad_requests_under
        from joinedup.directory.access import Permission

        navigation.register(
            "Connected systems",
            "systems:list",
            Permission.MANAGE_CLIENT_SYSTEMS,
            order=92,
            section="/connected-systems/",
        )

        # The API answers every refusal as an OperationOutcome, even those made before any view runs.
        answer_bad_requests_under("/api/", _bad_request)

        from . import subscriptions

        subscriptions.connect()  # FHIR Subscriptions hear of each change through its audit record
