from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "joinedup.concerns"
    label = "concerns"

    def ready(self) -> None:
        from joinedup.core.navigation import register
        from joinedup.directory.access import Permission

        from . import panels, selectors

        # "Concerns" opens the list this person works from (about us for a trust's lead, else the
        # ones we raised) and counts the concerns waiting for a step by us.
        register(
            "Concerns",
            "concerns:start",
            Permission.RAISE_CONCERN,
            order=50,
            count=selectors.waiting_count,
            count_label="waiting for you",
            section="/concerns/",
        )
        register(
            "Concern review",
            "concerns:review",
            Permission.REVIEW_CONCERNS,
            order=55,
            count=selectors.waiting_count,
            count_label="waiting for you",
        )
        panels.register()
