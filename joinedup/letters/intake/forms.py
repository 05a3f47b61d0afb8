from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.conf import settings

from joinedup.core import once
from joinedup.core.forms import DatePartsField
from joinedup.directory.models import Service
from joinedup.letters.models import LetterKind

TIME = re.compile(r"^\s*([01]?\d|2[0-3])[:.]([0-5]\d)\s*$")


class UploadForm(forms.Form):
    """A letter as a file (text, PDF or FHIR document) or pasted text, with what a text letter cannot say itself."""

    form_token = once.token_field()  # created once, however often it is sent

    file = forms.FileField(
        label="The letter",
        required=False,
        help_text="A PDF, a plain text file, or a FHIR document (JSON). A FHIR document carries its own details.",
    )
    pasted_text = forms.CharField(
        label="Or paste the letter's text",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    nhs_number = forms.CharField(
        label="Patient's NHS number", required=False, max_length=20, help_text="For example, 999 000 0018"
    )
    kind = forms.ChoiceField(
        label="Kind of letter", choices=LetterKind.choices, required=False, widget=forms.RadioSelect
    )
    event_date = DatePartsField(label="Date of discharge or clinic", required=False, help_text="For example, 15 3 2026")
    event_time = forms.CharField(
        label="Time of discharge",
        required=False,
        max_length=5,
        help_text="For a discharge summary or emergency department letter, 24-hour clock, for example 14:30",
    )
    service = forms.ChoiceField(label="Service", required=False)
    title = forms.CharField(label="Title (optional)", required=False, max_length=200)

    def __init__(self, *args: Any, services: list[Service], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.services = {str(s.id): s for s in services}
        several_trusts = len({s.trust_id for s in services}) > 1
        choices = [("", "Not known")] + [
            (str(s.id), f"{s.name} ({s.trust.name})" if several_trusts else s.name) for s in services
        ]
        service_field: Any = self.fields["service"]
        service_field.choices = choices

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is not None and upload.size > settings.LETTER_UPLOAD_MAX_BYTES:
            limit = settings.LETTER_UPLOAD_MAX_BYTES // (1024 * 1024)
            raise forms.ValidationError(f"The file must be smaller than {limit} MB")
        if upload is not None and upload.size == 0:
            raise forms.ValidationError("The selected file is empty")
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("file") and not (data.get("pasted_text") or "").strip() and "file" not in self.errors:
            self.add_error("file", "Select the letter's file, or paste its text")
            self._check_details(data)  # an empty form hears of everything it lacks at once
        return data

    def needs_details(self) -> None:
        """Checks the details a text or PDF letter needs (a FHIR document brings its own)."""
        self._check_details(self.cleaned_data)

    def _check_details(self, data: dict[str, Any]) -> None:
        if not data.get("nhs_number"):
            self.add_error("nhs_number", "Enter the patient's NHS number")
        if not data.get("kind"):
            self.add_error("kind", "Select the kind of letter")
        if not data.get("event_date") and "event_date" not in self.errors:
            self.add_error("event_date", "Enter the date of the discharge or clinic")
        time_text = (data.get("event_time") or "").strip()
        if time_text and not TIME.match(time_text):
            self.add_error("event_time", "Enter the time as hours and minutes, for example 14:30")
        elif not time_text and data.get("kind") in (LetterKind.DISCHARGE_SUMMARY, LetterKind.ED_LETTER):
            self.add_error("event_time", "Enter the time of discharge")

    def event_at(self) -> datetime.datetime:
        from django.utils import timezone

        day: datetime.date = self.cleaned_data["event_date"]
        match = TIME.match(self.cleaned_data.get("event_time") or "")
        # No time given (a clinic letter): the start of the clinic's day, which the clinic rule counts
        # in days and the page shows as a date; no time is invented.
        moment = datetime.time(int(match[1]), int(match[2])) if match else datetime.time(0, 0)
        return timezone.make_aware(datetime.datetime.combine(day, moment))

    def chosen_service(self) -> Service | None:
        return self.services.get(self.cleaned_data.get("service") or "")


class DismissForm(forms.Form):
    note = forms.CharField(
        label="Why is this message not a letter?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, a test message from the trust, or sent again by other means",
        error_messages={"required": "Enter why the message is dismissed"},
    )
