from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "joinedup.audit"
    label = "audit"

    def ready(self) -> None:
        from joinedup.core import navigation, recording
        from joinedup.directory.access import Permission

        from . import panels, services

        # The ground (directory) records its changes through core; this is the writer behind it.
        recording.plug_in(services.record)
        navigation.register("Audit", "audit:events", Permission.VIEW_AUDIT, order=90)
        panels.register()
