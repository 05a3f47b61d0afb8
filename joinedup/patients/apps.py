from django.apps import AppConfig


class PatientsConfig(AppConfig):
    name = "joinedup.patients"
    label = "patients"

    def ready(self) -> None:
        from joinedup.core.navigation import register
        from joinedup.directory.access import Permission

        from . import panels

        register("Patients", "patients:search", Permission.FIND_PATIENT_BY_NHS_NUMBER, order=10)
        panels.register()
