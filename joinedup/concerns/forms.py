from __future__ import annotations

from typing import Any

from django import forms

from joinedup.core import once
from joinedup.core.forms import DatePartsField, offer
from joinedup.directory.models import Organisation, Specialty
from joinedup.patients.nhs_numbers import nhs_number_error

from .models import DecisionOutcome, EvidenceKind, ProjectStatus, Rule, Severity


class ConcernForm(forms.Form):
    form_token = once.token_field()  # created once, however often it is sent
    about = forms.ChoiceField(
        label="Which organisation is the concern about?",
        error_messages={"required": "Select the organisation the concern is about"},
    )
    rule = forms.ChoiceField(
        label="Which rule does it break?",
        help_text="The interface rules of the NHS Standard Contract and national guidance",
        error_messages={"required": "Select the rule the concern is about, or 'Something else'"},
    )
    specialty = forms.ChoiceField(label="Service or specialty (optional)", required=False)
    severity = forms.ChoiceField(
        label="How serious is it?",
        choices=Severity.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how serious the concern is"},
    )
    what_happened = forms.CharField(
        label="What happened?",
        widget=forms.Textarea,
        max_length=5000,
        help_text="What the organisation did or asked, and what it meant for the patient or the practice",
        error_messages={
            "required": "Enter what happened",
            "max_length": "What happened must be 5,000 characters or fewer",
        },
    )
    evidence_kind = forms.ChoiceField(label="Kind of evidence (optional)", required=False)
    evidence_reference = forms.CharField(
        label="Evidence reference (optional)",
        required=False,
        max_length=100,
        help_text="For example the letter, referral or advice request number",
        error_messages={"max_length": "The reference must be 100 characters or fewer"},
    )
    evidence_quote = forms.CharField(
        label="What the evidence says (optional)",
        required=False,
        widget=forms.Textarea,
        max_length=5000,
        help_text="Quote the request or passage, for example from the letter",
        error_messages={"max_length": "The quote must be 5,000 characters or fewer"},
    )
    nhs_number = forms.CharField(
        label="Patient's NHS number (only if needed)",
        required=False,
        max_length=12,
        help_text="Leave this empty unless the organisation needs it to look into one patient's care",
        error_messages={"max_length": "Enter an NHS number with 10 digits, like 999 000 0018"},
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer(
            self,
            "about",
            [(o.ods_code, f"{o.name} ({o.ods_code})") for o in organisations],
            placeholder="Select an organisation",
        )
        offer(
            self,
            "rule",
            [(value, f"{label} ({value})" if value != Rule.OTHER else label) for value, label in Rule.choices],
            placeholder="Select a rule",
        )
        offer(self, "specialty", list(Specialty.choices), placeholder="Not about one service")
        offer(self, "evidence_kind", list(EvidenceKind.choices), placeholder="No evidence attached")

    def clean_nhs_number(self) -> str:
        value: str = self.cleaned_data.get("nhs_number", "")
        if value.strip():
            error = nhs_number_error(value)
            if error:
                raise forms.ValidationError(error)
        return value


class ActionForm(forms.Form):
    note = forms.CharField(
        widget=forms.Textarea,
        required=False,
        max_length=5000,
        error_messages={"max_length": "The note must be 5,000 characters or fewer"},
    )
    outcome = forms.ChoiceField(
        label="The ICB's decision",
        choices=DecisionOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the ICB's decision"},
    )
    project = forms.ChoiceField(
        label="Improvement project this decision feeds (optional)",
        required=False,
        help_text="So the project's before-and-after counts this concern",
    )
    service = forms.ChoiceField(
        label="Which clinical team?",
        help_text="They are emailed and can open the concern; the response stays yours",
        error_messages={"required": "Select the clinical team to look into it"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        note_label: str,
        projects: list[tuple[str, str]] | None = None,
        teams: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].label = note_label
        if teams is None:  # only assigning asks for a team
            del self.fields["service"]
        else:
            offer(self, "service", teams, placeholder="Select a team")
        if projects is None:  # only the ICB's decision asks for an outcome and a project
            del self.fields["outcome"]
            del self.fields["project"]
        else:
            offer(self, "project", projects, placeholder="No project")


class MessageForm(forms.Form):
    note = forms.CharField(
        label="Your message",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={
            "required": "Enter your message",
            "max_length": "The message must be 5,000 characters or fewer",
        },
    )


class ProjectForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Enter the project's title"})
    owner = forms.CharField(
        label="Owner",
        max_length=200,
        help_text="The person who leads it",
        error_messages={"required": "Enter the owner"},
    )
    rules = forms.MultipleChoiceField(
        label="Which rules (themes) does it target?",
        choices=Rule.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one rule the project targets"},
    )
    trust = forms.ChoiceField(label="Trust (optional)", required=False)
    specialty = forms.ChoiceField(label="Specialty (optional)", required=False)
    status = forms.ChoiceField(
        label="Status",
        choices=ProjectStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the project's status"},
    )
    measure = forms.CharField(
        label="The measure it should move",
        max_length=300,
        help_text="For example: concerns about test results at Eastwold, per month",
        error_messages={"required": "Enter the measure it should move"},
    )
    start_date = DatePartsField(
        label="Start date", help_text="For example, 1 4 2026", error_messages={"required": "Enter the start date"}
    )

    def __init__(self, *args: Any, trusts: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer(self, "trust", [(t.ods_code, t.name) for t in trusts], placeholder="All trusts")
        offer(self, "specialty", list(Specialty.choices), placeholder="All specialties")
