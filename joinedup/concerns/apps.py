from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "joinedup.concerns"
    label = "concerns"

    def ready(self) -> None:
        from joinedup.core.navigation import register
        from joinedup.directory.access import Permission

        register("Concerns", "concerns:mine", Permission.RAISE_CONCERN, order=50)
        register("Concern review", "concerns:review", Permission.REVIEW_CONCERNS, order=55)
