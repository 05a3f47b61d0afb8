from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "joinedup.audit"
    label = "audit"

    def ready(self) -> None:
        from joinedup.core import recording

        from . import services

        # The ground (directory) records its changes through core; this is the writer behind it.
        recording.plug_in(services.record)
