"""Building requests for tests: patients of the first practice, a service at the first trust."""

from __future__ import annotations

import datetime

from joinedup.directory.access import Actor
from joinedup.directory.models import Organisation, Service
from joinedup.patients.models import Patient
from joinedup.referrals import services
from joinedup.referrals.models import ClinicalRequest, Kind

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def patient_at(practice: Organisation, nhs_number: str = "9990000018") -> Patient:
    patient, _ = Patient.objects.get_or_create(
        nhs_number=nhs_number,
        defaults={
            "given_name": "Ada",
            "family_name": "Fenwick",
            "date_of_birth": datetime.date(1961, 4, 12),
            "registered_practice": practice,
        },
    )
    return patient


def service_at(trust: Organisation, *, advice: bool = True, specialty: str = "cardiology") -> Service:
    services_ = Service.objects.filter(trust=trust, specialty=specialty, takes_referrals=True)
    if advice:
        services_ = services_.filter(takes_advice_and_guidance=True)
    return services_.earliest("id")


def send(actor: Actor, trust: Organisation, kind: str = Kind.REFERRAL, **extra: object) -> ClinicalRequest:
    fields: dict[str, object] = {
        "patient": patient_at(actor.organisation),
        "service": service_at(trust),
        "clinical_information": "Exertional chest pain for 3 weeks; ECG normal.",
        "priority": "urgent",
    }
    fields.update(extra)
    return services.request_send(actor=actor, kind=kind, **fields)  # type: ignore[arg-type]


def act(actor: Actor, request: ClinicalRequest, action: str, note: str = "noted", **extra: object) -> ClinicalRequest:
    request.refresh_from_db()
    return services.request_act(
        actor=actor,
        request_id=request.id,
        action=action,
        expected_version=request.version,
        note=note,
        **extra,  # type: ignore[arg-type]
    )
