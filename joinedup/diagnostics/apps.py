from django.apps import AppConfig


class DiagnosticsConfig(AppConfig):
    name = "joinedup.diagnostics"
    label = "diagnostics"
