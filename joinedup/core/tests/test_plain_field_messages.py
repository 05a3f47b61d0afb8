"""Django's own field messages are replaced by plain ones wherever a form has not set its own."""

from __future__ import annotations

from django import forms


class Example(forms.Form):
    name = forms.CharField(max_length=5)
    colour = forms.ChoiceField(choices=[("red", "Red"), ("blue", "Blue")])


def test_a_nul_a_long_value_and_a_value_not_offered_get_plain_messages() -> None:
    form = Example({"name": "a\x00b", "colour": "٣"})
    assert not form.is_valid()
    assert form.errors["name"] == ["Remove the character that is not allowed (NUL) from what you typed"]
    assert form.errors["colour"] == ["Select one of the options"]  # never echoes what was sent
    long = Example({"name": "x" * 5000, "colour": "red"})
    assert not long.is_valid()
    assert long.errors["name"] == ["This must be 5 characters or fewer (it has 5000)"]


def test_a_whole_number_is_plain_ascii_digits_of_a_bounded_length() -> None:
    from joinedup.core.numbers import whole_number

    assert whole_number("42", 3) == 42
    assert whole_number("0042", 4) == 42
    for text in ("٣", "３", "²", "+3", " 3", "3_0", "-1", "", "1234", "9" * 5000):
        assert whole_number(text, 3) is None, text
