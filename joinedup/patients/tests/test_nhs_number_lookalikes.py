"""A look-alike NHS number never makes a second patient (issue 11, item 6).

Full-width digits fold to the same ASCII number (and so to the same patient); digits of other
scripts, NUL bytes and other characters are refused.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from joinedup.patients import selectors, services
from joinedup.patients.models import Patient
from joinedup.patients.nhs_numbers import nhs_number_error, normalise_nhs_number

VALID = "9994021184"
FULL_WIDTH = "".join(chr(ord(ch) - ord("0") + ord("０")) for ch in VALID)  # "９９９４０２１１８４"
ARABIC_INDIC = "".join(chr(ord(ch) - ord("0") + 0x0660) for ch in VALID)
DEVANAGARI = "".join(chr(ord(ch) - ord("0") + 0x0966) for ch in VALID)


def test_full_width_digits_fold_to_the_ascii_number() -> None:
    assert normalise_nhs_number(FULL_WIDTH) == VALID
    assert normalise_nhs_number("９９９　４０２　１１８４") == VALID  # with ideographic spaces
    assert nhs_number_error(FULL_WIDTH) is None


@pytest.mark.parametrize("value", [ARABIC_INDIC, DEVANAGARI, VALID[:9] + "\x00", "999402118\u00b2" + "4", "9" * 5000])
def test_other_digits_and_characters_are_refused(value: str) -> None:
    error = nhs_number_error(value)
    assert error is not None and "10 digits" in error


def _register(actor, value: str) -> Patient:
    return services.patient_register(
        actor=actor, nhs_number_value=value, given_name="A", family_name="B", date_of_birth=datetime.date(1990, 1, 1)
    )


def test_a_full_width_number_is_the_same_patient_not_a_second_one(icb, actor_for) -> None:
    admin = actor_for("practice_admin")
    first = _register(admin, VALID)
    with pytest.raises(ValidationError, match="already registered"):
        _register(admin, FULL_WIDTH)
    assert Patient.objects.count() == 1
    assert first.nhs_number.isascii()
    found, error = selectors.patient_search(admin, FULL_WIDTH)
    assert error is None and list(found) == [first]


def test_a_number_in_another_script_saves_nothing(icb, actor_for) -> None:
    with pytest.raises(ValidationError):
        _register(actor_for("practice_admin"), ARABIC_INDIC)
    assert not Patient.objects.exists()


def test_the_example_every_hint_shows_is_a_valid_test_range_number() -> None:
    """Issue 12, bug 9: typing the hint's example as shown must not be refused."""
    from pathlib import Path

    from joinedup.patients.nhs_numbers import EXAMPLE, nhs_number_error

    assert EXAMPLE.replace(" ", "").startswith("999") and nhs_number_error(EXAMPLE) is None
    root = Path(__file__).resolve().parents[2]
    shown = {m for path in root.rglob("*.py") if "tests" not in path.parts for m in _examples(path.read_text())}
    shown |= {m for path in root.rglob("*.jinja") for m in _examples(path.read_text())}
    assert shown and all(nhs_number_error(example) is None for example in shown), shown


def _examples(text: str) -> list[str]:
    import re

    return re.findall(r"(?:like|example,?) (999 \d{3} \d{4})", text)
