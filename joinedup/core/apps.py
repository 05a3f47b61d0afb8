from django.apps import AppConfig

# Django's built-in field messages, in the plain words of the NHS design system: they reach people
# (patients too) wherever a form has not set its own, e.g. a NUL pasted into any text box.
NULL_CHARACTER = "Remove the character that is not allowed (NUL) from what you typed"
TOO_LONG = "This must be %(limit_value)d characters or fewer (it has %(show_value)d)"
NOT_A_CHOICE = "Select one of the options"


class CoreConfig(AppConfig):
    name = "joinedup.core"
    label = "core"

    def ready(self) -> None:
        from django import forms
        from django.core import validators

        validators.ProhibitNullCharactersValidator.message = NULL_CHARACTER
        validators.MaxLengthValidator.message = TOO_LONG
        forms.ChoiceField.default_error_messages["invalid_choice"] = NOT_A_CHOICE
