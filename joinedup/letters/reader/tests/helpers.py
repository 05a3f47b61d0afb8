"""Small builders shared by the reader tests."""

from __future__ import annotations

from joinedup.letters.reader.engine import Action, read_letter

GP_HEADER = """Testbury Hospitals NHS Trust
Department of Medicine

Dr A Example
Elm Tree Surgery

Clinic date: 02/03/2026

Dear Dr Example

Re: Mr Test PATIENT, NHS No 999 000 0001

"""
SIGN_OFF = "\n\nYours sincerely\n\nDr B Author\nConsultant Physician\n"


def clinic_letter(body: str) -> str:
    """A letter to the GP with `body` as its content."""
    return GP_HEADER + body + SIGN_OFF


def discharge_summary(body: str) -> str:
    return (
        "Testbury Hospitals NHS Trust\nDISCHARGE SUMMARY\n\nPatient: Mr Test PATIENT  NHS 999 000 0002\n"
        "GP: Dr A Example, Elm Tree Surgery\nAdmitted: 01/03/2026  Discharged: 04/03/2026\n\n" + body + "\n"
    )


def ed_letter(body: str) -> str:
    """An emergency department summary to the GP, without a salutation."""
    return (
        "Testbury Hospitals NHS Trust\nEMERGENCY DEPARTMENT DISCHARGE SUMMARY\nPatient: Mr Test PATIENT  NHS 999 000 0002\n"
        "GP: Dr A Example, Elm Tree Surgery\nAttended: 01/03/2026\n\n" + body + "\n"
    )


def patient_letter(body: str) -> str:
    """A letter to the patient, copied to the GP."""
    return (
        "Testbury Hospitals NHS Trust\nOrthopaedic Outpatients\n\nMrs Jane Test\n1 Any Road\nTestbury\n\n"
        "Dear Mrs Test,\n\nRe: NHS number 999 000 0001\n\n" + body + "\n\nYours sincerely,\nMr A Surgeon\n\n"
        "cc: Dr P Hartley, Elm Tree Surgery\n"
    )


def only_action(text: str, doc_type: str | None = None) -> Action:
    actions = read_letter(text, doc_type)
    assert len(actions) == 1, [a.quote for a in actions]
    return actions[0]


def quotes(text: str, doc_type: str | None = None) -> list[str]:
    return [a.quote for a in read_letter(text, doc_type)]


def verdicts(text: str, doc_type: str = "clinic_letter") -> dict[str, tuple[str, str, str | None]]:
    """Each request's quote with its category, verdict and rule."""
    return {a.quote: (a.category, a.verdict, a.rule) for a in read_letter(text, doc_type)}


def only_verdict(text: str, doc_type: str = "clinic_letter") -> tuple[str, str, str | None]:
    """The category, verdict and rule of the letter's one request."""
    (found,) = verdicts(text, doc_type).values()
    return found


def the_one_holding(words: str, text: str, doc_type: str = "clinic_letter") -> tuple[str, str, str | None]:
    """The category, verdict and rule of the one request whose quote holds `words` (in any case)."""
    (found,) = [verdict for quote, verdict in verdicts(text, doc_type).items() if words.lower() in quote.lower()]
    return found
