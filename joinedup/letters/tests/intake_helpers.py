"""Shared pieces for the intake tests: a registered patient and a transfer-of-care document."""

from __future__ import annotations

import datetime
from typing import Any

from joinedup.demo.directory import SeededDirectory
from joinedup.letters.intake.documents import document_bytes, section
from joinedup.patients.models import Patient

NHS_NUMBER = "9990000018"
OTHER_NHS_NUMBER = "9990000026"
EVENT = datetime.datetime(2026, 11, 2, 15, 0, tzinfo=datetime.UTC)
PLAN = [
    section("Diagnosis", ["Community acquired pneumonia."]),
    section(
        "Plan",
        [
            "Please could the GP repeat his U&Es in one week and adjust the ramipril if needed.",
            "Bloods pending at discharge: GP to follow up the blood cultures.",
        ],
    ),
]


def register_patient(icb: SeededDirectory, nhs_number: str = NHS_NUMBER, practice_index: int = 0) -> Patient:
    return Patient.objects.create(
        nhs_number=nhs_number,
        given_name="Alan",
        family_name="Prescott",
        date_of_birth=datetime.date(1951, 7, 4),
        registered_practice=icb.practices[practice_index],
    )


def letter_bytes(icb: SeededDirectory, **overrides: Any) -> bytes:
    values: dict[str, Any] = {
        "nhs_number": NHS_NUMBER,
        "practice_ods": icb.practices[0].ods_code,
        "trust_ods": icb.trusts[0].ods_code,
        "event_at": EVENT,
        "sent_at": EVENT + datetime.timedelta(hours=3),
        "sections": PLAN,
    }
    values.update(overrides)
    return document_bytes(**values)
