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


def only_action(text: str, doc_type: str | None = None) -> Action:
    actions = read_letter(text, doc_type)
    assert len(actions) == 1, [a.quote for a in actions]
    return actions[0]


def quotes(text: str, doc_type: str | None = None) -> list[str]:
    return [a.quote for a in read_letter(text, doc_type)]
