from __future__ import annotations

from django import forms

from joinedup.core import once
from joinedup.core.forms import DatePartsField

from .nhs_numbers import nhs_number_error


class PatientForm(forms.Form):
    form_token = once.token_field()  # created once, however often it is sent
    nhs_number = forms.CharField(
        label="NHS number",
        max_length=14,
        help_text="10 digits, for example 999 000 0018",
        error_messages={"required": "Enter the patient's NHS number"},
    )
    given_name = forms.CharField(label="Given name", max_length=100, error_messages={"required": "Enter a given name"})
    family_name = forms.CharField(
        label="Family name", max_length=100, error_messages={"required": "Enter a family name"}
    )
    date_of_birth = DatePartsField(
        label="Date of birth", help_text="For example, 15 3 1984", error_messages={"required": "Enter a date of birth"}
    )

    practice = forms.CharField(
        label="Registered practice ODS code",
        max_length=6,
        required=False,
        help_text="Only for system administrators: the practice the patient is registered at",
    )

    def clean_nhs_number(self) -> str:
        value: str = self.cleaned_data["nhs_number"]
        error = nhs_number_error(value)
        if error:
            raise forms.ValidationError(error)
        return value
