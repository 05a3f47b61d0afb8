"""A request as FHIR (R4 / UK Core shapes): ServiceRequest, and DiagnosticReport once reported.

Plain dictionaries, built from what the request keeps for this purpose (its reference, the NHS
number, both ODS codes, the test's SNOMED CT code). No endpoint serves them yet: they pin down
that the data is enough, and a later FHIR interface starts here.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from joinedup.core import fhir_identifiers

from .models import (
    REQUEST_REFERENCE_SYSTEM,
    SNOMED_SYSTEM,
    TESTS,
    DiagnosticRequest,
    State,
)

# ServiceRequest.status for each state: the order is active until its report; revoked when withdrawn.
SERVICE_REQUEST_STATUS = {
    State.REQUESTED: "active",
    State.BOOKED: "active",
    State.DONE: "active",
    State.REPORTED: "completed",
    State.FILED: "completed",
    State.REJECTED: "revoked",
    State.CANCELLED: "revoked",
}


def _identifier(request: DiagnosticRequest) -> dict[str, str]:
    return {"system": REQUEST_REFERENCE_SYSTEM, "value": request.reference}


def _code(request: DiagnosticRequest) -> dict[str, Any]:
    test = TESTS[request.test]
    return {
        "coding": [{"system": SNOMED_SYSTEM, "code": test.snomed_code, "display": test.snomed_display}],
        "text": request.get_test_display(),
    }


def _subject(request: DiagnosticRequest) -> dict[str, Any]:
    return {"identifier": {"system": fhir_identifiers.NHS_NUMBER, "value": request.patient_nhs_number}}


def _organisation(org: Any) -> dict[str, Any]:
    return {
        "type": "Organization",
        "identifier": {"system": fhir_identifiers.ODS_ORGANISATION, "value": org.ods_code},
        "display": org.name,
    }


def service_request(request: DiagnosticRequest) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "ServiceRequest",
        "id": request.reference,
        "identifier": [_identifier(request)],
        "status": SERVICE_REQUEST_STATUS[State(request.state)],
        "intent": "order",
        "priority": request.priority,
        "code": _code(request),
        "subject": _subject(request),
        "authoredOn": timezone.localtime(request.requested_at).isoformat(),
        "requester": _organisation(request.practice),
        "performer": [_organisation(request.trust)],
        "note": [{"text": request.clinical_question}],
    }
    if request.appointment_on and request.state in (State.BOOKED, State.DONE, State.REPORTED, State.FILED):
        resource["occurrenceDateTime"] = request.appointment_on.isoformat()
    if request.state == State.REJECTED:
        resource["note"].append({"text": f"{request.get_reject_reason_display()}. {request.clinical_advice}"})
    return resource


def diagnostic_report(request: DiagnosticRequest) -> dict[str, Any] | None:
    """The report as a DiagnosticReport, based on the ServiceRequest; None until there is one."""
    if request.state not in (State.REPORTED, State.FILED) or request.reported_at is None:
        return None
    return {
        "resourceType": "DiagnosticReport",
        "id": f"{request.reference}-report",
        "identifier": [{"system": REQUEST_REFERENCE_SYSTEM + "-report", "value": request.reference}],
        "basedOn": [{"type": "ServiceRequest", "identifier": _identifier(request)}],
        "status": "final",
        "code": _code(request),
        "subject": _subject(request),
        "issued": timezone.localtime(request.reported_at).isoformat(),
        "performer": [_organisation(request.trust)],
        "resultsInterpreter": [{"type": "Practitioner", "display": str(request.reported_by)}],
        "conclusion": request.report_text,
    }
