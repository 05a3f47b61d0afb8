from __future__ import annotations

from typing import Any

from django import forms

from joinedup.core.forms import offer

from . import selectors
from .models import (
    CapacityStatus,
    Organisation,
    OrganisationKind,
    normalise_ods_code,
    ods_code_error,
    validate_uk_phone,
)


class OrganisationForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of organisation",
        choices=OrganisationKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of organisation"},
    )
    ods_code = forms.CharField(
        label="ODS code",
        max_length=10,
        help_text="The Organisation Data Service code",
        error_messages={"required": "Enter the ODS code", "max_length": "ODS codes are 6 characters or fewer"},
    )
    name = forms.CharField(label="Name", max_length=200, error_messages={"required": "Enter the organisation's name"})
    icb = forms.ChoiceField(label="ICB it belongs to", required=False, help_text="Not needed for an ICB")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer(self, "icb", selectors.icb_choices(), placeholder="Select an ICB")

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        kind = data.get("kind")
        code = normalise_ods_code(str(data.get("ods_code", "")))
        if kind and code:
            error = ods_code_error(code, str(kind))
            if error:
                self.add_error("ods_code", error)
            elif selectors.ods_code_taken(code):
                self.add_error("ods_code", "An organisation with this ODS code already exists")
        if kind and kind != OrganisationKind.ICB and not data.get("icb"):
            self.add_error("icb", "Select the ICB this organisation belongs to")
        data["ods_code"] = code
        return data

    def selected_icb(self) -> Organisation | None:
        icb_id = self.cleaned_data.get("icb")
        if not icb_id:
            return None
        return selectors.icb_by_id(int(icb_id))


class ContactPointForm(forms.Form):
    """The contact point patients see on their page (decision 0023): a service's or an organisation's."""

    phone = forms.CharField(
        label="Phone number for patients",
        required=False,
        max_length=30,
        help_text="Shown to patients on their page, like 01632 960 123",
        validators=[validate_uk_phone],
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"max_length": "Phone numbers are 30 characters or fewer"},
    )
    hours = forms.CharField(
        label="When the phone is answered",
        required=False,
        max_length=200,
        help_text="Like Monday to Friday, 8am to 6pm",
        error_messages={"max_length": "Phone hours must be 200 characters or fewer"},
    )
    email = forms.EmailField(
        label="Email address for patients",
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email addresses are 254 characters or fewer",
        },
    )

    def clean_phone(self) -> str:
        return " ".join(str(self.cleaned_data.get("phone") or "").split())

    def clean_hours(self) -> str:
        return " ".join(str(self.cleaned_data.get("hours") or "").replace("\x00", "").split())


class ServiceForm(ContactPointForm):
    indicative_wait_weeks = forms.IntegerField(
        label="Indicative wait in weeks",
        min_value=0,
        max_value=104,
        error_messages={
            "required": "Enter the indicative wait in weeks",
            "invalid": "Indicative wait must be a whole number of weeks",
            "min_value": "Indicative wait must be 0 weeks or more",
            "max_value": "Indicative wait must be 104 weeks or fewer",
        },
    )
    capacity_status = forms.ChoiceField(label="Capacity", choices=CapacityStatus.choices, widget=forms.RadioSelect)
    takes_referrals = forms.BooleanField(label="Takes referrals", required=False)
    takes_advice_and_guidance = forms.BooleanField(label="Takes advice and guidance requests", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    # As the page shows them (the error summary follows this order).
    field_order = [
        "indicative_wait_weeks",
        "capacity_status",
        "takes_referrals",
        "takes_advice_and_guidance",
        "phone",
        "hours",
        "email",
    ]


class InterfaceLeadForm(forms.Form):
    lead = forms.ChoiceField(label="Designated interface lead", required=False)

    def __init__(self, *args: Any, candidates: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer(self, "lead", candidates, placeholder="No lead named")
