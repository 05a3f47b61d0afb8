"""Writes about patients, each with its audit event."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from joinedup.audit import services as audit
from joinedup.directory.access import Actor, Permission, require
from joinedup.directory.models import Organisation, OrganisationKind

from .models import Patient
from .nhs_numbers import nhs_number_error, normalise_nhs_number

# No one living was born longer ago than this: a year before it is a slip (1850 for 1950).
OLDEST_AGE = 120


def _already_registered(nhs_number: str, practice: Organisation) -> str:
    """Why the NHS number is taken, without naming another practice (that would tell a stranger
    where the patient is registered)."""
    existing = Patient.objects.filter(nhs_number=nhs_number).values_list("registered_practice_id", flat=True).first()
    if existing == practice.id:
        return "This patient is already registered at your practice: find them by their NHS number"
    return (
        "A patient with this NHS number is registered at another practice. If they are joining yours, "
        "their registration moves through the NHS's usual transfer, not here"
    )


def patient_register(
    *,
    actor: Actor,
    nhs_number_value: str,
    given_name: str,
    family_name: str,
    date_of_birth: datetime.date,
    practice: Organisation | None = None,
) -> Patient:
    require(actor, Permission.REGISTER_PATIENT)
    error = nhs_number_error(nhs_number_value)
    if error:
        raise ValidationError({"nhs_number": error})
    practice = practice if actor.is_system_admin else actor.organisation
    if practice is None or practice.kind != OrganisationKind.GP_PRACTICE:
        raise ValidationError({"practice": "Enter the ODS code of the GP practice the patient is registered at"})
    today = timezone.localdate()
    if date_of_birth > today:
        raise ValidationError({"date_of_birth": "Date of birth must be today or in the past"})
    if date_of_birth.year < today.year - OLDEST_AGE:
        raise ValidationError(
            {"date_of_birth": f"Date of birth must be after {today.year - OLDEST_AGE}: check the year"}
        )
    patient = Patient(
        nhs_number=normalise_nhs_number(nhs_number_value),
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        date_of_birth=date_of_birth,
        registered_practice=practice,
    )
    try:
        with transaction.atomic():
            patient.save()
            audit.record(actor=actor, action="patient.registered", obj=patient, patient_nhs_number=patient.nhs_number)
    except IntegrityError as duplicate:
        raise ValidationError({"nhs_number": _already_registered(patient.nhs_number, practice)}) from duplicate
    return patient


def patient_view_record(*, actor: Actor, patient: Patient) -> None:
    """Every view of a patient's page is audited."""
    audit.record(actor=actor, action="patient.viewed", obj=patient, patient_nhs_number=patient.nhs_number)


def patient_search_viewed(*, actor: Actor, query_kind: str, patients: list[Patient]) -> None:
    """A list of search results shows patients' names and NHS numbers: audited like a page about them.

    One event per search, naming every patient shown (a name search can list many people), so a
    privacy officer can answer "who saw this patient's details" from the audit alone.
    """
    if not patients:
        return
    audit.record(
        actor=actor,
        action="patient.search_results_viewed",
        patient_nhs_number=patients[0].nhs_number if len(patients) == 1 else "",
        details={"search": query_kind, "nhs_numbers": [patient.nhs_number for patient in patients]},
    )
