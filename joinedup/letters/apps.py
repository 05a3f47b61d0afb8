from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "joinedup.letters"
    label = "letters"

    def ready(self) -> None:
        from .inbox.navigation import register_entries as register_inbox_entries

        register_inbox_entries()
