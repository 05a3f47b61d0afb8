"""Reads for the patient's own view: always scoped to the one NHS number the identity provider vouched for.

Other apps' tables only through their selectors (decision 0010).
"""

from __future__ import annotations

from joinedup.patients import selectors as patients
from joinedup.patients.models import Patient
from joinedup.referrals import selectors as referrals
from joinedup.referrals.models import ClinicalRequest


def patient_signed_in(nhs_number: str) -> Patient | None:
    """The JoinedUp record for the signed-in patient's NHS number, or None if JoinedUp has none."""
    return patients.patient_with_nhs_number(nhs_number)


def requests_about(patient: Patient) -> list[ClinicalRequest]:
    return referrals.requests_about_patient_for_the_patient(patient.id)
