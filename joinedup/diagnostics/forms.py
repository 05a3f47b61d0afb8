from __future__ import annotations

from typing import Any

from django import forms

from joinedup.core import once
from joinedup.core.forms import DatePartsField, offer
from joinedup.directory.models import Service

from .models import FiledAction, PregnancyStatus, Priority, RejectReason, TestType, tests_offered_by
from .services import Transition


class RequestForm(forms.Form):
    form_token = once.token_field()  # created once, however often it is sent
    nhs_number = forms.CharField(
        label="Patient's NHS number",
        max_length=12,
        help_text="10 digits, like 999 000 0018. The patient must be registered at your practice",
        error_messages={
            "required": "Enter the patient's NHS number",
            "max_length": "Enter an NHS number with 10 digits, like 999 000 0018",
        },
    )
    test = forms.ChoiceField(
        label="Which test?",
        choices=[("", "Select a test")] + list(TestType.choices),
        error_messages={"required": "Select the test you are requesting"},
    )
    service = forms.ChoiceField(
        label="Which service?",
        help_text="Each service lists the tests it does",
        error_messages={"required": "Select the service to send the request to"},
    )
    priority = forms.ChoiceField(
        label="Priority",
        choices=[(Priority.ROUTINE, "Routine"), (Priority.URGENT, "Urgent")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select routine or urgent"},
    )
    clinical_question = forms.CharField(
        label="Clinical question",
        widget=forms.Textarea,
        max_length=5000,
        help_text="What the test should answer, with the history and findings that matter",
        error_messages={
            "required": "Enter the clinical question the test should answer",
            "max_length": "The clinical question must be 5,000 characters or fewer",
        },
    )

    # For imaging only: the service checks each against the test (services.details_problems).
    body_site = forms.CharField(
        label="Part of the body to image",
        required=False,
        max_length=200,
        help_text="For ultrasound, X-ray, CT and MRI. For example, right knee",
        error_messages={"max_length": "The part of the body must be 200 characters or fewer"},
    )
    pregnancy_status = forms.ChoiceField(
        label="Could the patient be pregnant?",
        choices=PregnancyStatus.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text="For X-ray and CT (IR(ME)R)",
    )
    justification = forms.CharField(
        label="Why is the exposure to radiation justified?",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
        help_text="For X-ray and CT: the referrer's clinical justification under IR(ME)R",
        error_messages={"max_length": "The justification must be 5,000 characters or fewer"},
    )
    egfr = forms.CharField(
        label="Most recent eGFR (mL/min/1.73 m²)",
        required=False,
        max_length=3,
        help_text="For CT and MRI, in case contrast is needed",
        error_messages={"max_length": "Enter the eGFR as a whole number from 1 to 200"},
    )

    def __init__(self, *args: Any, services: list[Service], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer(
            self,
            "service",
            [
                (
                    str(s.id),
                    f"{s.name}, {s.trust.name} ({', '.join(TestType(t).label for t in tests_offered_by(s))}), "
                    f"current wait about {s.indicative_wait_weeks} {'week' if s.indicative_wait_weeks == 1 else 'weeks'}",
                )
                for s in services
            ],
            placeholder="Select a service",
        )


class ActionForm(forms.Form):
    """One step of the table; only the inputs that step needs are kept."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    appointment_on = DatePartsField(
        label="Appointment date",
        help_text="For example, 3 12 2026",
        error_messages={"required": "Enter the appointment date"},
    )
    report = forms.CharField(
        label="Report",
        widget=forms.Textarea,
        max_length=5000,
        help_text="Findings and conclusion, as the practice should read them",
        error_messages={"required": "Enter the report", "max_length": "The report must be 5,000 characters or fewer"},
    )
    reason = forms.ChoiceField(
        label="Why is the request rejected?",
        choices=RejectReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why the request is rejected"},
    )
    advice = forms.CharField(
        label="Clinical advice to the practice",
        widget=forms.Textarea,
        max_length=5000,
        help_text="What the practice should do instead (rule referral_return_reason)",
        error_messages={
            "required": "Enter your clinical advice to the practice",
            "max_length": "The advice must be 5,000 characters or fewer",
        },
    )
    late_reason = forms.CharField(
        label="If the appointment is after the date the test should be reported by, why can it not be sooner?",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
        help_text="Needed only for an appointment after that date: the practice and the ICB see it",
        error_messages={"max_length": "The reason must be 5,000 characters or fewer"},
    )
    filed_action = forms.ChoiceField(
        label="What will the practice do about the result?",
        choices=FiledAction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the practice will do about the result"},
    )
    note = forms.CharField(
        widget=forms.Textarea,
        required=False,
        max_length=5000,
        error_messages={"max_length": "The note must be 5,000 characters or fewer"},
    )

    def __init__(self, *args: Any, step: Transition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kept = {"version", *(need.value for need in step.needs)}
        if "appointment_on" in kept:
            kept.add("late_reason")
        for name in list(self.fields):
            if name not in kept:
                del self.fields[name]
        if "note" in self.fields:  # each step words its note for itself
            self.fields["note"].label = step.note_label
            self.fields["note"].help_text = step.note_hint
