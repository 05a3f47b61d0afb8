from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "joinedup.letters"
    label = "letters"
