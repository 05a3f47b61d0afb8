"""Reads for the patient's own view: always scoped to the one NHS number the identity provider vouched for.

Other apps' tables only through their selectors (decision 0010).
"""

from __future__ import annotations

from joinedup.diagnostics import selectors as diagnostics
from joinedup.diagnostics.models import DiagnosticRequest
from joinedup.patients import selectors as patients
from joinedup.patients.models import Patient
from joinedup.referrals import selectors as referrals
from joinedup.referrals.models import ClinicalRequest, State


def patient_signed_in(nhs_number: str) -> Patient | None:
    """The JoinedUp record for the signed-in patient's NHS number, or None if JoinedUp has none."""
    return patients.patient_with_nhs_number(nhs_number)


def requests_about(patient: Patient) -> list[ClinicalRequest]:
    return referrals.requests_about_patient_for_the_patient(patient.id)


def tests_about(patient: Patient) -> list[DiagnosticRequest]:
    return diagnostics.requests_about_patient_for_the_patient(patient.id)


def demo_patients(per_state: int = 2) -> list[tuple[str, str]]:
    """(name, NHS number) for the demo's NHS login users: patients with a returned referral first."""
    found: list[tuple[str, str]] = []
    for state, name in ((State.RETURNED, "returned"), (State.ACCEPTED, "accepted"), (State.AWAITING_ADVICE, "advice")):
        for n, nhs_number in enumerate(referrals.nhs_numbers_with_requests_in(state, per_state), start=1):
            if all(nhs_number != seen for _, seen in found):
                found.append((f"patient-{name}-{n}", nhs_number))
    return found
