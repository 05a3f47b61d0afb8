from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "joinedup.insights"
    label = "insights"

    def ready(self) -> None:
        from joinedup.core.navigation import register
        from joinedup.directory.access import Permission

        register("Interface measures", "insights:board", Permission.VIEW_ICB_OVERVIEW, order=62)
        # A practice sees the work the interface sends it, beside its peers (unnamed).
        register("Interface demand", "insights:demand", Permission.VIEW_PRACTICE_REQUESTS, order=64)
