"""The "check your answers" step of a form that sends something (the NHS service manual's pattern).

A person sending a referral, an advice request or a test request sees everything that will be
sent, and to whom, on one page before it goes, with a way back to change any answer. Nothing is
stored in between: the check page carries the answers as hidden fields (the one-time token with
them, so Back and send again still sends once) and a file as the key of a held file
(core/held.py). The form page's own checks, and the service's, run again when it is sent.

A page's POST is one of three steps:
- ``check``: the form was filled in; if it is valid, show the answers to check;
- ``change``: the check page's "Change" was pressed; show the form with the answers in it;
- ``send``: the check page's send button was pressed; send it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from django import forms
from django.http import HttpRequest

CONFIRM = "confirm"  # the send button's name on the check page
CHANGE = "change"  # each Change button's name; its value is the field to change

Step = Literal["form", "check", "change", "send"]


def step(request: HttpRequest) -> Step:
    if request.method != "POST":
        return "form"
    if CHANGE in request.POST:
        return "change"
    if request.POST.get(CONFIRM) == "1":
        return "send"
    return "check"


@dataclass(frozen=True)
class Row:
    label: str
    value: str
    field: str = ""  # the field the Change button goes back to ("" for none)


def carried(form: forms.Form, **replace: str) -> list[tuple[str, str]]:
    """The form's answers as (name, value) pairs for hidden fields, files left out (they are held)."""
    pairs: list[tuple[str, str]] = []
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField):
            continue
        if name in replace:
            pairs.append((name, replace[name]))
            continue
        values = form.data.getlist(name) if hasattr(form.data, "getlist") else [form.data.get(name)]
        pairs.extend((name, str(value)) for value in values if value is not None)
    pairs.extend((name, value) for name, value in replace.items() if name not in form.fields)
    return pairs


def rows(form: forms.Form, names: list[str], labels: dict[str, str] | None = None) -> list[Row]:
    """One row per named field that has an answer: its label (or the one given, where the form's own
    is a question that reads badly as a heading), and the answer as the form offered it."""
    result = []
    for name in names:
        field = form.fields.get(name)
        if field is None:
            continue
        value = _shown(field, form.cleaned_data.get(name))
        if value:
            result.append(Row((labels or {}).get(name) or str(field.label or name), value, name))
    return result


def _shown(field: forms.Field, value: object) -> str:
    if isinstance(field, forms.BooleanField):
        return "Yes" if value else "No"
    if isinstance(field, forms.ChoiceField):
        offered: Any = field.choices
        labels = {str(key): str(label) for key, label in offered}
        chosen = value if isinstance(value, list) else [value]
        return "; ".join(labels.get(str(v), str(v)) for v in chosen if v not in (None, ""))
    return "" if value is None else str(value).strip()


def patient_row(patient: Any, field: str = "nhs_number") -> Row:
    """Who it is about, by name and date of birth as well as number, so a mistyped number is caught here."""
    number = str(patient.nhs_number)
    born = patient.date_of_birth
    return Row(
        "Patient",
        f"{patient.full_name}, born {born.day} {born:%B %Y} (NHS number {number[:3]} {number[3:6]} {number[6:]})",
        field,
    )
