from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from joinedup.core import once
from joinedup.core.forms import DatePartsField, offer
from joinedup.directory.models import Specialty
from joinedup.patients.nhs_numbers import nhs_number_error

from .models import Priority, ReturnReason
from .selectors import ServiceChoice
from .services import Transition

DIAGNOSTIC = {Specialty.DIAGNOSTIC_IMAGING, Specialty.DIAGNOSTIC_PHYSIOLOGY}
MAX_TEXT = 8000  # e-RS's limit on an A&G request's text


class SpecialtyForm(forms.Form):
    specialty = forms.ChoiceField(
        label="Which specialty?",
        choices=[("", "Select a specialty")] + [(v, label) for v, label in Specialty.choices if v not in DIAGNOSTIC],
        error_messages={"required": "Select a specialty", "invalid_choice": "Select a specialty from the list"},
    )


class RequestForm(forms.Form):
    form_token = once.token_field()  # created once, however often it is sent
    nhs_number = forms.CharField(
        label="Patient's NHS number",
        max_length=12,
        help_text="10 digits, like 999 000 0018",
        error_messages={
            "required": "Enter the patient's NHS number",
            "max_length": "Enter an NHS number with 10 digits",
        },
    )
    service = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the service to send it to",
            "invalid_choice": "Select a service from the list",
        },
    )
    shortlist = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select services from the list"},
    )
    priority = forms.ChoiceField(
        label="Priority",
        choices=Priority.choices,
        widget=forms.RadioSelect,
        initial=Priority.ROUTINE,
        help_text="A suspected cancer (two-week wait) clinic takes two-week wait referrals only",
        error_messages={"required": "Select the priority"},
    )
    clinical_information = forms.CharField(
        widget=forms.Textarea,
        max_length=MAX_TEXT,
        error_messages={"max_length": f"Keep it to {MAX_TEXT:,} characters or fewer"},
    )
    conversion_allowed = forms.BooleanField(
        label="The provider may turn this into a referral if the patient needs one", required=False
    )
    attachment = forms.FileField(
        label="Attach a file (optional)",
        required=False,
        help_text="",
    )
    # The key of the file chosen before the answers were checked (core/held.py): a browser sends a
    # file only once, so the check page and any change of answers carry this instead.
    held_attachment = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, kind: str, choices: list[ServiceChoice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.choices = choices
        values = [
            (
                str(c.service.id),
                c.service.name + (" (two-week wait referrals only)" if c.service.two_week_wait_only else ""),
            )
            for c in choices
        ]
        offer(self, "service", values)
        offer(self, "shortlist", values)
        limit = settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)
        self.fields["attachment"].help_text = f"A PDF, PNG, JPEG or plain text file, {limit} MB at most"
        referral = kind == "referral"
        self.fields["service"].label = "Send the referral to" if referral else "Ask which service?"
        self.fields["clinical_information"].label = "Clinical information" if referral else "Your question"
        self.fields["clinical_information"].help_text = (
            "History, examination, results and what you are asking the service to do"
            if referral
            else "What you would like advice on, with the relevant history and results"
        )
        self.fields["clinical_information"].error_messages["required"] = (
            "Enter the clinical information" if referral else "Enter your question"
        )
        self.fields[
            "shortlist"
        ].label = f"Services offered to the patient (patient choice, up to {settings.PATIENT_CHOICE_SHORTLIST_MAX})"
        if not referral:
            del self.fields["shortlist"]
            del self.fields["priority"]
        else:
            del self.fields["conversion_allowed"]

    def clean_nhs_number(self) -> str:
        value: str = self.cleaned_data.get("nhs_number", "")
        error = nhs_number_error(value)
        if error:
            raise forms.ValidationError(error)
        return value

    def clean_shortlist(self) -> list[str]:
        chosen: list[str] = list(self.cleaned_data.get("shortlist") or [])
        if len(chosen) > settings.PATIENT_CHOICE_SHORTLIST_MAX:
            raise forms.ValidationError(f"Offer the patient at most {settings.PATIENT_CHOICE_SHORTLIST_MAX} services")
        return chosen


class ActForm(forms.Form):
    reason = forms.ChoiceField(
        label="Reason",
        choices=[("", "Select a reason")] + list(ReturnReason.choices),
        required=False,
    )
    priority = forms.ChoiceField(label="Priority of the referral", choices=Priority.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        widget=forms.Textarea,
        required=False,
        max_length=MAX_TEXT,
        error_messages={"max_length": f"Keep it to {MAX_TEXT:,} characters or fewer"},
    )
    attachment = forms.FileField(label="Attach a file (optional)", required=False)
    service = forms.ChoiceField(label="Service", required=False)
    appointment_on = DatePartsField(
        label="Appointment date",
        help_text="For example, 3 12 2026",
        error_messages={"required": "Enter the appointment date"},
    )
    clinic = forms.CharField(
        label="Clinic",
        max_length=200,
        help_text="The clinic and site, as the patient's letter will say",
        error_messages={"required": "Enter the clinic", "max_length": "The clinic must be 200 characters or fewer"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        step: Transition,
        services: list[tuple[str, str]] | None = None,
        current: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].label = step.note_label
        # The form asks for what the service will insist on, so it will not submit without it.
        self.fields["note"].required = step.note_required
        self.fields["note"].error_messages["required"] = step.note_missing
        if step.needs_reason:
            self.fields["reason"].required = True
            self.fields["reason"].error_messages["required"] = "Select the reason"
        else:
            del self.fields["reason"]
        if step.asks_priority:
            self.fields["priority"].error_messages["required"] = "Select the priority of the referral"
        elif step.may_change_priority:
            self.fields["priority"].required = False
            self.fields["priority"].label = "Priority"
            self.fields["priority"].help_text = "Change it if the referral is more or less urgent than the GP said"
            self.fields["priority"].initial = current
        else:
            del self.fields["priority"]
        if step.chooses_service:
            field = self.fields["service"]
            if step.makes_referral:
                field.label = "Which service should the referral go to?"
                field.help_text = "Leave it to send the referral to the service that gave the advice"
                offer(self, "service", services or [], placeholder="The same service")
            else:
                field.label = "Redirect to"
                field.required = True
                field.error_messages["required"] = "Select the service to redirect the referral to"
                offer(self, "service", services or [], placeholder="Select a service")
        else:
            del self.fields["service"]
        if not step.asks_appointment:
            del self.fields["appointment_on"], self.fields["clinic"]
        if step.takes_attachments:
            limit = settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)
            self.fields["attachment"].help_text = f"A PDF, PNG, JPEG or plain text file, {limit} MB at most"
        else:
            del self.fields["attachment"]
