from django.apps import AppConfig


class DiagnosticsConfig(AppConfig):
    name = "joinedup.diagnostics"
    label = "diagnostics"

    def ready(self) -> None:
        from joinedup.core.navigation import register
        from joinedup.directory.access import Permission

        from . import panels, selectors

        # A practice learns of reports (and rejections) nobody there has opened yet; a trust of
        # requests awaiting booking or report.
        register(
            "Diagnostics",
            "diagnostics:mine",
            Permission.VIEW_PRACTICE_REQUESTS,
            order=42,
            count=selectors.new_outcomes_count,
            count_label="new results",
        )
        register(
            "Diagnostic requests",
            "diagnostics:worklist",
            Permission.VIEW_PROVIDER_WORKLISTS,
            order=44,
            count=selectors.awaiting_provider_count,
            count_label="awaiting action",
        )
        panels.register()
