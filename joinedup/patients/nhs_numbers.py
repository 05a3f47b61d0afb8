"""NHS numbers as people type them: normalising, and a message when one is wrong."""

from __future__ import annotations

import nhs_number


def normalise_nhs_number(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def nhs_number_error(value: str) -> str | None:
    """A message a person can act on, or None when the NHS number is valid."""
    digits = normalise_nhs_number(value)
    if not value.strip():
        return "Enter the patient's NHS number"
    if len(digits) != 10 or len(value.replace(" ", "").replace("-", "")) != 10:
        return "Enter an NHS number with 10 digits, like 999 123 4560"
    if not nhs_number.is_valid(digits):
        return "Enter a valid NHS number: the check digit does not match"
    return None
