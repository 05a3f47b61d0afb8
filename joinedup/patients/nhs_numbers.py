"""NHS numbers as people type them: normalising, and a message when one is wrong.

Only the ASCII digits 0-9 make an NHS number. Text is first folded to its compatibility form
(NFKC), so full-width digits typed on some keyboards ("９９９…") become the same ASCII number and
find the same patient, never a second record beside it; any other digit-like character
(Arabic-Indic, Devanagari …) is not a digit here, so the number is refused.
"""

from __future__ import annotations

import unicodedata

import nhs_number

ASCII_DIGITS = frozenset("0123456789")
# The example every hint and message shows: synthetic (999 range) and with a valid check digit, so a
# user who types it as shown is not told it is wrong.
EXAMPLE = "999 000 0018"


def _folded(value: str) -> str:
    return unicodedata.normalize("NFKC", value)


def normalise_nhs_number(value: str) -> str:
    """The ASCII digits of ``value`` after folding: what is stored and looked up."""
    return "".join(ch for ch in _folded(value) if ch in ASCII_DIGITS)


def nhs_number_error(value: str) -> str | None:
    """A message a person can act on, or None when the NHS number is valid."""
    folded = _folded(value)
    digits = normalise_nhs_number(folded)
    if not folded.strip():
        return "Enter the patient's NHS number"
    if len(digits) != 10 or len(folded.replace(" ", "").replace("-", "")) != 10:
        return f"Enter an NHS number with 10 digits, like {EXAMPLE}"
    if not nhs_number.is_valid(digits):
        return "Enter a valid NHS number: the check digit does not match"
    return None
