from django.apps import AppConfig


class PatientviewConfig(AppConfig):
    name = "joinedup.patientview"
    label = "patientview"

    def ready(self) -> None:
        from . import registrations

        registrations.register_all()
