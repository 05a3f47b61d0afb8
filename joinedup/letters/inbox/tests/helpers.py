"""Letters with real reader actions, for the inbox's tests."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from joinedup.directory.models import Organisation, Service
from joinedup.letters.models import Letter, LetterKind, LetterSource
from joinedup.letters.reading import store_reading
from joinedup.patients.models import Patient

# Synthetic: a fictional trust, clinician and patient; the NHS number is in the 999 test range.
CLINIC_LETTER = """Northgate Hospitals NHS Trust
Department of Respiratory Medicine

Clinic date: 02/03/2026

Dear Dr Hale

Re: Mrs Ada FENWICK   DOB: 12/04/1961   NHS No: 999 000 0018

I saw Mrs Fenwick in the chest clinic today with a persistent cough. Her spirometry was normal.
We requested a CT chest which was done on the day.

Actions for GP:
1. Please chase the CT chest result and let her know the outcome.
2. Please check her U&Es in two weeks.
3. Please start amlodipine 5 mg OD.

Her blood pressure was 156/94 mmHg. Home BP readings over the next month would help.
I will see her again in clinic in three months.

Yours sincerely

Dr Imran Qureshi
Consultant Respiratory Physician
"""
CHASE = "Please chase the CT chest result and let her know the outcome."
CHECK = "Please check her U&Es in two weeks."
START = "Please start amlodipine 5 mg OD."
MISSED = "Home BP readings over the next month would help."  # the reader does not find this one

_nhs_numbers = itertools.count(0)


def _valid_test_nhs_number() -> str:
    """The next unused NHS number in the 999 test range with a valid check digit."""
    while True:
        body = f"999{next(_nhs_numbers) + 500000:06d}"
        total = sum(int(digit) * weight for digit, weight in zip(body, range(10, 1, -1), strict=True))
        check = 11 - total % 11
        if check == 11:
            check = 0
        if check != 10 and not Patient.objects.filter(nhs_number=f"{body}{check}").exists():
            return f"{body}{check}"


def make_patient(practice: Organisation, given: str = "Ada", family: str = "Fenwick") -> Patient:
    return Patient.objects.create(
        nhs_number=_valid_test_nhs_number(),
        given_name=given,
        family_name=family,
        date_of_birth=datetime.date(1961, 4, 12),
        registered_practice=practice,
    )


def make_letter(
    practice: Organisation,
    trust: Organisation,
    *,
    text: str = CLINIC_LETTER,
    patient: Patient | None = None,
    received_at: datetime.datetime | None = None,
    read: bool = True,
    kind: str = LetterKind.CLINIC_LETTER,
    **fields: object,
) -> Letter:
    """A clinic letter for a patient of ``practice``, read by the real reader unless ``read`` is False."""
    received_at = received_at or timezone.now()
    letter = Letter.objects.create(
        patient=patient or make_patient(practice),
        practice=practice,
        trust=trust,
        service=Service.objects.filter(trust=trust).first(),
        kind=kind,
        source=LetterSource.UPLOAD,
        event_at=received_at - datetime.timedelta(days=3),
        sent_at=received_at - datetime.timedelta(days=2),
        received_at=received_at,
        timeliness_rule="clinic_letter_7_days",
        on_time=True,
        text=text,
        **fields,  # type: ignore[misc]
    )
    return store_reading(letter.id) if read else letter
