from typing import Any

from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "joinedup.insights"
    label = "insights"

    def ready(self) -> None:
        # Each recorded change refreshes its domain's recent figures in the background (decision 0022):
        # insights hooks the audit record, so no domain calls insights and no write path is missed.
        from django.db.models.signals import post_save

        from joinedup.core.navigation import register
        from joinedup.directory.access import Permission

        from . import services

        def audit_event_saved(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
            if created and not kwargs.get("raw"):
                services.audit_event_saved(instance.action, instance.object_type)

        post_save.connect(audit_event_saved, sender="audit.AuditEvent", weak=False, dispatch_uid="insights.refresh")
        register("Interface measures", "insights:board", Permission.VIEW_ICB_OVERVIEW, order=62)
        # A practice sees the work the interface sends it, beside its peers (unnamed).
        register("Interface demand", "insights:demand", Permission.VIEW_PRACTICE_REQUESTS, order=64)
