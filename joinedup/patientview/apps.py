from django.apps import AppConfig


class PatientviewConfig(AppConfig):
    name = "joinedup.patientview"
    label = "patientview"
