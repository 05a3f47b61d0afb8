from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "joinedup.directory"
    label = "directory"

    def ready(self) -> None:
        from joinedup.core.navigation import register

        from . import panels
        from .access import Permission

        register("Organisations", "directory:organisations", Permission.VIEW_DIRECTORY, order=60)
        register("ICB overview", "directory:icb", Permission.VIEW_ICB_OVERVIEW, order=65)
        panels.register()
