"""Run-time choices for a choice field, with the NHS.UK placeholder option."""

from __future__ import annotations

import pytest
from django import forms

from joinedup.core.forms import offer


class _Form(forms.Form):
    service = forms.ChoiceField()
    note = forms.CharField()


def test_offer_sets_choices_after_a_placeholder_and_refuses_a_field_that_has_none() -> None:
    form = _Form()
    offer(form, "service", [("7", "Cardiology"), ("8", "Dermatology")], placeholder="Select a service")
    assert form.fields["service"].choices == [("", "Select a service"), ("7", "Cardiology"), ("8", "Dermatology")]  # type: ignore[attr-defined]
    assert not _Form({"service": "9", "note": "x"}, initial={}).is_valid()
    bound = _Form({"service": "7", "note": "x"})
    offer(bound, "service", [("7", "Cardiology")])
    assert bound.is_valid() and bound.cleaned_data["service"] == "7"
    with pytest.raises(TypeError):
        offer(form, "note", [("a", "b")])
