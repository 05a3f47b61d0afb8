from __future__ import annotations

import datetime

from django.utils import timezone

from joinedup.diagnostics import services
from joinedup.diagnostics.models import DiagnosticRequest
from joinedup.directory.access import Actor
from joinedup.directory.models import Organisation, Service
from joinedup.patients.models import Patient


def patient_at(practice: Organisation, nhs_number: str = "9990000018") -> Patient:
    return Patient.objects.create(
        nhs_number=nhs_number,
        given_name="Ada",
        family_name="Fenwick",
        date_of_birth=datetime.date(1961, 4, 12),
        registered_practice=practice,
    )


def ultrasound_at(trust: Organisation) -> Service:
    return Service.objects.get(trust=trust, name="Direct access ultrasound")


def send_one(actor: Actor, trust: Organisation, nhs_number: str = "9990000018", **extra: str) -> DiagnosticRequest:
    fields = {
        "test": "ultrasound",
        "priority": "routine",
        "clinical_question": "Right upper quadrant pain: gallstones?",
    }
    fields.update(extra)
    return services.request_send(
        actor=actor,
        nhs_number=nhs_number,
        service=ultrasound_at(trust),
        details=services.ClinicalDetails(body_site="Upper abdomen"),
        **fields,  # type: ignore[arg-type]
    )


def step(actor: Actor, request: DiagnosticRequest, action: str, **inputs: object) -> DiagnosticRequest:
    request.refresh_from_db()
    if action in ("book", "rebook"):
        inputs.setdefault("appointment_on", timezone.localdate())
    if action == "report":
        inputs.setdefault("report", "Multiple gallstones; no duct dilatation.")
    if action == "reject":
        inputs.setdefault("reason", "better_test")
        inputs.setdefault("advice", "Liver function tests first; refer if deranged.")
    if action == "file":
        inputs.setdefault("filed_action", "contact_patient")
    return services.request_act(
        actor=actor,
        request_id=request.id,
        action=action,
        expected_version=request.version,
        **inputs,  # type: ignore[arg-type]
    )
