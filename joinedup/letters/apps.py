from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "joinedup.letters"
    label = "letters"

    def ready(self) -> None:
        from joinedup.core.navigation import register
        from joinedup.directory.access import Permission

        from . import panels
        from .inbox.navigation import register_entries as register_inbox_entries
        from .intake.selectors import quarantine_waiting_count

        # Intake's header entries (30-38); the inbox registers its own.
        register("Upload a letter", "letters:upload", Permission.UPLOAD_LETTERS, order=32)
        register(
            "Quarantine",
            "letters:quarantine",
            Permission.MANAGE_QUARANTINE,
            order=34,
            count=quarantine_waiting_count,
            count_label="waiting",
        )
        register("Letter timeliness", "letters:timeliness", Permission.VIEW_LETTER_TIMELINESS, order=36)
        register_inbox_entries()
        panels.register()
