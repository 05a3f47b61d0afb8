from __future__ import annotations

from typing import Any

from django import forms

from joinedup.core.parsing import parse_id

from ..models import READER_RIGHT, FeedbackOutcome
from . import presenters
from .services import NOTE_MAX

PRACTICE_ADDED_OUTCOMES = set(READER_RIGHT)


class FeedbackForm(forms.Form):
    outcome = forms.ChoiceField(
        label="What happened with this action?",
        choices=FeedbackOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what you did with this action, or what the reader got wrong"},
    )
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea,
        max_length=NOTE_MAX,
        help_text="Required for 'Not for us': say why. Optional otherwise: what the reader got wrong.",
        error_messages={"max_length": f"The note must be {NOTE_MAX:,} characters or fewer"},
    )

    def __init__(self, *args: Any, practice_added: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if practice_added:
            # The practice found this action itself: the reader cannot have got it wrong.
            field = self.fields["outcome"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [(v, label) for v, label in FeedbackOutcome.choices if v in PRACTICE_ADDED_OUTCOMES]


def _optional_offset(value: Any) -> int | None:
    return parse_id(value)


class MissedActionForm(forms.Form):
    quote = forms.CharField(
        label="The words of the action",
        widget=forms.Textarea,
        max_length=5000,
        help_text="Select the words in the letter above, or copy and paste them here exactly as the letter has them",
        error_messages={
            "required": "Select or paste the words of the action from the letter",
            "max_length": "The words must be 5,000 characters or fewer",
        },
    )
    # Filled by letter-select.js from the selection; without JavaScript the server finds the quote.
    start = forms.CharField(required=False, widget=forms.HiddenInput)
    end = forms.CharField(required=False, widget=forms.HiddenInput)
    category = forms.ChoiceField(
        label="Kind of action",
        choices=[("", "Select the kind of action"), *presenters.CATEGORY_LABELS.items()],
        error_messages={"required": "Select what kind of action it is"},
    )
    verdict = forms.ChoiceField(
        label="Is it appropriate to ask the GP?",
        choices=[("appropriate", "Appropriate"), ("inappropriate", "Inappropriate: the hospital should do it")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether it is appropriate to ask the GP"},
    )
    rule = forms.ChoiceField(
        label="Rule it breaks (if inappropriate)",
        required=False,
        choices=[("", "Not applicable"), *presenters.rule_choices()],
    )

    def offsets(self) -> tuple[int | None, int | None]:
        return _optional_offset(self.cleaned_data.get("start")), _optional_offset(self.cleaned_data.get("end"))


class FileForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    # Ticked to file a letter whose requests are not all answered (the page says how many).
    file_unanswered = forms.BooleanField(required=False)
