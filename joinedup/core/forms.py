"""Form fields shaped for the NHS.UK design system."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django import forms

from joinedup.core.parsing import parse_id, parse_year


class DatePartsWidget(forms.MultiWidget):
    """Day, month and year boxes, as the NHS.UK date input pattern asks."""

    input_type = "date_parts"

    def __init__(self) -> None:
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()])

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return ["", "", ""]


class DatePartsField(forms.MultiValueField):
    widget = DatePartsWidget

    def __init__(self, **kwargs: Any) -> None:
        # The parts are optional one by one so that compress() can say which is missing,
        # instead of Django's generic "Enter a complete value."
        fields = (forms.CharField(required=False), forms.CharField(required=False), forms.CharField(required=False))
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[str]) -> datetime.date | None:
        if not data_list or not any(data_list):
            return None
        day, month, year = (part.strip() if part else "" for part in (list(data_list) + ["", "", ""])[:3])
        if not (day and month and year):
            raise forms.ValidationError(f"{self.label} must include a day, month and year")
        if not (parse_year(year) and parse_id(month) and parse_id(day)):
            raise forms.ValidationError(f"{self.label} must be a real date, with a 4-digit year")
        try:
            return datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError) as bad:
            raise forms.ValidationError(f"{self.label} must be a real date") from bad


def widget_kind(widget: forms.Widget) -> str:
    """Which NHS.UK component the shared ``field`` macro renders a widget as.

    Django's Textarea has no ``input_type``, so it is named here rather than by each form.
    """
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return str(getattr(widget, "input_type", "text"))


def add_validation_errors(form: forms.Form, invalid: forms.ValidationError) -> None:
    """Shows a service's ValidationError on the form: by field where it names one, else at the top."""
    if hasattr(invalid, "error_dict"):
        for name, errors in invalid.error_dict.items():
            for error in errors:
                form.add_error(name if name in form.fields else None, error)
    else:
        for message in invalid.messages:
            form.add_error(None, message)


def offer(form: forms.Form, name: str, choices: Iterable[tuple[str, str]], *, placeholder: str | None = None) -> None:
    """Set the choices of a choice field built at run time, with the NHS.UK pattern's first option
    ("Select a service") when ``placeholder`` is given. One place for it, typed, instead of each form
    reaching into ``form.fields[name].choices`` with a type-checker exception."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{name} is not a choice field")
    options = [(str(value), str(label)) for value, label in choices]
    field.choices = [("", placeholder), *options] if placeholder is not None else options
