from django.apps import AppConfig


class PatientsConfig(AppConfig):
    name = "joinedup.patients"
    label = "patients"
