"""Writing the audit record. Call inside the same transaction as the change it records."""

from __future__ import annotations

from typing import Any

from django.db import models

from joinedup.directory.access import Actor

from .models import AuditEvent


def record(
    *,
    actor: Actor,
    action: str,
    obj: models.Model | None = None,
    patient_nhs_number: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        person=actor.person,
        person_name=actor.person.get_full_name() or actor.person.get_username(),
        role=actor.role,
        organisation_ods_code=actor.organisation.ods_code,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        patient_nhs_number=patient_nhs_number,
        details=details or {},
    )


def record_system(
    *,
    process: str,
    action: str,
    obj: models.Model | None = None,
    patient_nhs_number: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """An event written by JoinedUp itself, not a person (the letter reader, MESH intake): ``process``
    names it, as people read it in the audit ("JoinedUp letter reader")."""
    return AuditEvent.objects.create(
        person=None,
        person_name=process,
        role="system",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        patient_nhs_number=patient_nhs_number,
        details=details or {},
    )


def record_patient(
    *, nhs_number: str, action: str, obj: models.Model | None = None, details: dict[str, Any] | None = None
) -> AuditEvent:
    """An event by a patient signed in with NHS login (not a person in the directory): the NHS
    number the identity provider vouched for is who, in both the person and the patient columns."""
    return AuditEvent.objects.create(
        person=None,
        person_name=f"Patient {nhs_number} (NHS login)",
        role="patient",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        patient_nhs_number=nhs_number,
        details=details or {},
    )
