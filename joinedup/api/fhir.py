"""Shaping FHIR R4 resources (UK Core profiles), validated with fhir.resources' R4B models."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.organization import Organization
from fhir.resources.R4B.patient import Patient

from joinedup.core import fhir_identifiers

UKCORE = "https://fhir.hl7.org.uk/StructureDefinition/"


def organisation_ref(org: Any) -> dict[str, Any]:
    """A Reference to an organisation by its ODS code, with its name."""
    return {
        "reference": f"Organization/{org.ods_code}",
        "identifier": {"system": fhir_identifiers.ODS_ORGANISATION, "value": org.ods_code},
        "display": org.name,
    }


def patient_ref(nhs_number: str) -> dict[str, Any]:
    """A Reference to a patient by NHS number."""
    return {
        "reference": f"Patient/{nhs_number}",
        "identifier": {"system": fhir_identifiers.NHS_NUMBER, "value": nhs_number},
    }


def instant(moment: Any) -> str:
    """A moment as FHIR wants it: ISO 8601 with the local UK offset."""
    return str(timezone.localtime(moment).isoformat())


def operation_outcome(code: str, diagnostics: str) -> dict[str, Any]:
    outcome = OperationOutcome.model_validate(
        {"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": code, "diagnostics": diagnostics}]}
    )
    return outcome.model_dump(mode="json", exclude_none=True)


def patient(p: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "resourceType": "Patient",
        "id": p.nhs_number,
        "meta": {"profile": [UKCORE + "UKCore-Patient"]},
        "identifier": [{"system": fhir_identifiers.NHS_NUMBER, "value": p.nhs_number}],
        "name": [{"use": "official", "family": p.family_name, "given": [p.given_name]}],
        "birthDate": p.date_of_birth.isoformat(),
    }
    if p.registered_practice_id:
        practice = p.registered_practice
        data["generalPractitioner"] = [
            {
                "reference": f"Organization/{practice.ods_code}",
                "identifier": {"system": fhir_identifiers.ODS_ORGANISATION, "value": practice.ods_code},
            }
        ]
    return Patient.model_validate(data).model_dump(mode="json", exclude_none=True)


def organization(o: Any) -> dict[str, Any]:
    data = {
        "resourceType": "Organization",
        "id": o.ods_code,
        "meta": {"profile": [UKCORE + "UKCore-Organization"]},
        "identifier": [{"system": fhir_identifiers.ODS_ORGANISATION, "value": o.ods_code}],
        "active": True,
        "name": o.name,
    }
    return Organization.model_validate(data).model_dump(mode="json", exclude_none=True)


# What the API supports, and only that: (type, UK Core profile or None, interactions, search parameters).
SUPPORTED: list[tuple[str, str | None, tuple[str, ...], tuple[str, ...]]] = [
    ("Patient", "UKCore-Patient", ("read",), ()),
    ("Organization", "UKCore-Organization", ("read",), ()),
    (
        "HealthcareService",
        "UKCore-HealthcareService",
        ("read", "search-type"),
        ("organization", "specialty", "name", "service-type", "_id"),
    ),
    (
        "DocumentReference",
        "UKCore-DocumentReference",
        ("read", "search-type", "create"),
        ("patient", "subject", "type", "date", "author", "_id", "_lastUpdated"),
    ),
    ("Binary", None, ("read",), ()),
    (
        "DiagnosticReport",
        "UKCore-DiagnosticReport",
        ("read", "search-type"),
        ("patient", "subject", "issued", "performer", "_id", "_lastUpdated"),
    ),
]
SEARCH_TYPES = {
    "date": "date",
    "issued": "date",
    "_lastUpdated": "date",
    "name": "string",
    **{name: "reference" for name in ("patient", "subject", "focus", "author", "performer", "organization")},
}


def _capability(
    resource_type: str, profile: str | None, interactions: tuple[str, ...], params: tuple[str, ...]
) -> dict[str, Any]:
    entry: dict[str, Any] = {"type": resource_type, "interaction": [{"code": code} for code in interactions]}
    if profile:
        entry["profile"] = UKCORE + profile
    if params:
        entry["searchParam"] = [{"name": name, "type": SEARCH_TYPES.get(name, "token")} for name in params]
    if "create" in interactions:
        entry["conditionalCreate"] = False
    return entry


def capability_statement(base: str) -> dict[str, Any]:
    from fhir.resources.R4B.capabilitystatement import CapabilityStatement

    from .workflow import capability_resources

    data = {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": "2026-12-04",
        "kind": "instance",
        "fhirVersion": "4.0.1",
        "format": ["application/fhir+json"],
        "implementation": {"description": "JoinedUp FHIR API", "url": base},
        "rest": [
            {
                "mode": "server",
                "security": {
                    "description": "OAuth 2.0 client credentials with a signed JWT client assertion (RS512)",
                    "extension": [
                        {
                            "url": "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris",
                            "extension": [{"url": "token", "valueUri": base.rstrip("/") + "/../oauth2/token"}],
                        }
                    ],
                },
                "resource": [*(_capability(*entry) for entry in SUPPORTED), *capability_resources()],
            }
        ],
    }
    return CapabilityStatement.model_validate(data).model_dump(mode="json", exclude_none=True)
