from __future__ import annotations

from typing import Any

from django import forms

from joinedup.core import once
from joinedup.core.forms import DatePartsField, offer
from joinedup.core.numbers import whole_number

from .models import Capacity, DeclineReason, Outcome, Place, Problem, Urgency
from .services import EscalationStep


class EscalationForm(forms.Form):
    form_token = once.token_field()  # created once, however often it is sent
    nhs_number = forms.CharField(
        label="Patient's NHS number",
        max_length=12,
        help_text="10 digits, like 999 000 0018",
        error_messages={
            "required": "Enter the patient's NHS number",
            "max_length": "Enter an NHS number with 10 digits, like 999 000 0018",
        },
    )
    place = forms.ChoiceField(
        label="Where is the patient?",
        choices=Place.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select where the patient is", "invalid_choice": "Select where the patient is"},
    )
    postcode = forms.CharField(
        label="Postcode where the patient is (optional)",
        required=False,
        max_length=10,
        help_text="For example, PB1 4XY. Services that cover the area are matched as well as those that cover your practice",
        error_messages={"max_length": "Enter a postcode like PB1 4XY"},
    )
    problem = forms.ChoiceField(
        label="Presenting problem",
        choices=[("", "Select a problem")] + list(Problem.choices),
        error_messages={"required": "Select the presenting problem", "invalid_choice": "Select the presenting problem"},
    )
    details = forms.CharField(
        label="What has happened",
        widget=forms.Textarea,
        max_length=5000,
        help_text="What has changed, what you found, and anything the team should know before they arrive",
        error_messages={
            "required": "Describe the problem: what has changed and what you found",
            "max_length": "This must be 5,000 characters or fewer",
        },
    )
    news2 = forms.CharField(
        label="NEWS2 score (optional)",
        required=False,
        max_length=4,
        help_text="0 to 20, if you have measured it",
        error_messages={"max_length": "NEWS2 is a score from 0 to 20"},
    )
    urgency = forms.ChoiceField(
        label="How soon does the patient need to be seen?",
        choices=Urgency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how soon the patient needs to be seen"},
    )
    tried = forms.CharField(
        label="What has been tried (optional)",
        widget=forms.Textarea,
        required=False,
        max_length=5000,
        error_messages={"max_length": "This must be 5,000 characters or fewer"},
    )
    consent = forms.BooleanField(
        label="The patient (or their representative) agrees to being referred to an urgent service",
        error_messages={"required": "Confirm the patient (or their representative) agrees to the referral"},
    )

    def clean_news2(self) -> int | None:
        value = self.cleaned_data["news2"].strip()
        if not value:
            return None
        score = whole_number(value, 9)
        if score is None or score > 20:
            raise forms.ValidationError("NEWS2 is a score from 0 to 20")
        return score


class ActionForm(forms.Form):
    """One step of the table; only the inputs that step needs are kept."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2_000_000_000)
    service = forms.ChoiceField(label="Which service?", error_messages={"required": "Select the service"})
    note = forms.CharField(
        label="Why is it handed over?",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={
            "required": "Say why it is handed over",
            "max_length": "This must be 5,000 characters or fewer",
        },
    )
    reason = forms.ChoiceField(
        label="Why is the escalation declined?",
        choices=DeclineReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why the escalation is declined"},
    )
    advice = forms.CharField(
        label="Advice to the person who escalated",
        widget=forms.Textarea,
        max_length=5000,
        help_text="What they should do for the patient instead",
        error_messages={
            "required": "Enter your advice to the person who escalated",
            "max_length": "This must be 5,000 characters or fewer",
        },
    )
    outcome = forms.ChoiceField(
        label="What happened?",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what happened"},
    )
    outcome_on = DatePartsField(
        label="Date it happened",
        help_text="For example, 3 12 2026",
        error_messages={"required": "Enter when it happened"},
    )
    outcome_time = forms.CharField(
        label="Time it happened",
        max_length=5,
        help_text="24-hour clock, for example 14:30",
        error_messages={"required": "Enter the time it happened", "max_length": "Enter a time like 14:30"},
    )

    def __init__(self, *args: Any, step: EscalationStep, services: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kept = {"version", *step.needs}
        if "outcome_at" in kept:
            kept |= {"outcome_on", "outcome_time"}
        for name in list(self.fields):
            if name not in kept:
                del self.fields[name]
        if "service" in self.fields:
            offer(self, "service", services, placeholder="Select a service")

    def clean_outcome_time(self) -> str:
        value = self.cleaned_data["outcome_time"].strip()
        parts = value.split(":")
        if len(parts) != 2 or not all(p.isascii() and p.isdigit() for p in parts):
            raise forms.ValidationError("Enter a time like 14:30")
        hours, minutes = int(parts[0]), int(parts[1])
        if not (0 <= hours <= 23 and 0 <= minutes <= 59):
            raise forms.ValidationError("Enter a real time, like 14:30")
        return f"{hours:02d}:{minutes:02d}"


class CapacityForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2_000_000_000)
    capacity = forms.ChoiceField(
        label="Capacity today",
        choices=Capacity.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select open, limited or full"},
    )
    note = forms.CharField(
        label="Note for the hub (optional)",
        required=False,
        max_length=300,
        help_text="For example, one team short until 14:00",
        error_messages={"max_length": "The note must be 300 characters or fewer"},
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Directory file (Open Referral UK JSON)",
        error_messages={"required": "Choose the directory file to import"},
    )
