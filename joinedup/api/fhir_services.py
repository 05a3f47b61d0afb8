"""Services as UK Core HealthcareService: the trusts' referral and A&G services, and the hub's urgent services.

Each is validated with fhir.resources' R4B model before it leaves. What FHIR has no element for
(an indicative wait, today's capacity, whether A&G is offered) travels as ``characteristic``
codes and JoinedUp extensions, named in decision 0025.
"""

from __future__ import annotations

from typing import Any

from fhir.resources.R4B.healthcareservice import HealthcareService

from .fhir import organisation_ref

UKCORE_HEALTHCARE_SERVICE = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-HealthcareService"
JOINEDUP = "https://joinedup.invalid/fhir"
SERVICE_ID = f"{JOINEDUP}/Id/service"
URGENT_SERVICE_ID = f"{JOINEDUP}/Id/urgent-service"  # the Open Referral UK service id
SPECIALTY = f"{JOINEDUP}/CodeSystem/specialty"
CHARACTERISTIC = f"{JOINEDUP}/CodeSystem/service-characteristic"
URGENT_KIND = f"{JOINEDUP}/CodeSystem/urgent-service-kind"
INDICATIVE_WAIT = f"{JOINEDUP}/StructureDefinition/indicative-wait"
CAPACITY = f"{JOINEDUP}/StructureDefinition/capacity"
CAPACITY_CODES = f"{JOINEDUP}/CodeSystem/capacity"
URGENT_PREFIX = "urgent-"


def _characteristic(code: str, display: str) -> dict[str, Any]:
    return {"coding": [{"system": CHARACTERISTIC, "code": code, "display": display}]}


def _capacity(code: str, display: str) -> dict[str, Any]:
    return {"url": CAPACITY, "valueCoding": {"system": CAPACITY_CODES, "code": code, "display": display}}


def _telecom(service: Any) -> list[dict[str, str]]:
    """The contact point patients are given (decision 0023), as FHIR ContactPoints."""
    points = [{"system": "phone", "value": service.phone, "use": "work"}] if service.phone else []
    return points + ([{"system": "email", "value": service.email, "use": "work"}] if service.email else [])


def _validated(data: dict[str, Any]) -> dict[str, Any]:
    return HealthcareService.model_validate(data).model_dump(mode="json", exclude_none=True)


def referral_service(service: Any) -> dict[str, Any]:
    """A trust's service in the directory: what it takes, its specialty, its wait and its capacity."""
    characteristics = [
        _characteristic(code, display)
        for on, code, display in (
            (service.takes_referrals, "takes-referrals", "Takes referrals"),
            (service.takes_advice_and_guidance, "takes-advice-and-guidance", "Takes advice and guidance requests"),
            (service.two_week_wait_only, "two-week-wait-only", "Takes suspected cancer referrals only"),
        )
        if on
    ]
    return _validated(
        {
            "resourceType": "HealthcareService",
            "id": str(service.id),
            "meta": {"profile": [UKCORE_HEALTHCARE_SERVICE], "versionId": str(service.version)},
            "identifier": [{"system": SERVICE_ID, "value": str(service.id)}],
            "active": True,
            "providedBy": organisation_ref(service.trust),
            "specialty": [
                {
                    "coding": [
                        {"system": SPECIALTY, "code": service.specialty, "display": service.get_specialty_display()}
                    ]
                }
            ],
            "name": service.name,
            "telecom": _telecom(service) or None,
            "availabilityExceptions": f"Phone answered: {service.hours}" if service.hours else None,
            "characteristic": characteristics or None,
            "extension": [
                {
                    "url": INDICATIVE_WAIT,
                    "valueDuration": {
                        "value": service.indicative_wait_weeks,
                        "unit": "weeks",
                        "system": "http://unitsofmeasure.org",
                        "code": "wk",
                    },
                },
                _capacity(service.capacity_status, service.get_capacity_status_display()),
            ],
        }
    )


def urgent_service(service: Any) -> dict[str, Any]:
    """One of the hub's urgent services (Open Referral UK in the hub; HealthcareService here)."""
    telecom = [{"system": "email", "value": service.email}] if service.email else []
    if service.url:
        telecom.append({"system": "url", "value": service.url})
    for contact in service.contacts.all():
        if contact.phone:
            telecom.append({"system": "phone", "value": contact.phone})
    return _validated(
        {
            "resourceType": "HealthcareService",
            "id": f"{URGENT_PREFIX}{service.id}",
            "meta": {"profile": [UKCORE_HEALTHCARE_SERVICE], "versionId": str(service.version)},
            "identifier": [{"system": URGENT_SERVICE_ID, "value": service.oruk_id}],
            "active": service.status == "active",
            "providedBy": organisation_ref(service.organisation),
            "type": [
                {"coding": [{"system": URGENT_KIND, "code": service.kind, "display": service.get_kind_display()}]}
            ],
            "name": service.name,
            "comment": service.description or None,
            "telecom": telecom or None,
            "eligibility": (
                [{"comment": service.eligibility_description}] if service.eligibility_description else None
            ),
            "extension": [_capacity(service.capacity, service.get_capacity_display())],
        }
    )
