"""A request's FHIR shapes validate against the FHIR models and carry the identifiers kept for them."""

from __future__ import annotations

from typing import Any

from fhir.resources.R4B.diagnosticreport import DiagnosticReport
from fhir.resources.R4B.servicerequest import ServiceRequest

from joinedup.diagnostics import fhir
from joinedup.diagnostics.tests.helpers import patient_at, send_one, step


def _valid_service_request(data: dict[str, Any]) -> dict[str, Any]:
    """The resource, once the FHIR model accepts it (round-tripped, so what it dropped would show)."""
    return ServiceRequest.model_validate(data).model_dump(mode="json", exclude_none=True)


def test_a_request_and_its_report_as_fhir(icb, actor_for) -> None:
    patient_at(icb.practices[0])
    request = send_one(actor_for("gp_clinician"), icb.trusts[0], priority="urgent")
    assert fhir.diagnostic_report(request) is None
    sent = _valid_service_request(fhir.service_request(request))
    assert (sent["status"], sent["priority"], sent["intent"]) == ("active", "urgent", "order")
    assert sent["subject"]["identifier"] == {"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9990000018"}
    assert sent["code"]["coding"][0] == {
        "system": "http://snomed.info/sct",
        "code": "16310003",
        "display": "Ultrasonography",
    }
    assert sent["requester"]["identifier"]["value"] == icb.practices[0].ods_code
    assert sent["performer"][0]["identifier"]["value"] == icb.trusts[0].ods_code
    assert sent["identifier"][0]["value"] == request.reference

    triage = actor_for("triage_admin")
    step(triage, request, "book")
    step(triage, request, "done")
    reported = step(actor_for("consultant"), request, "report", report="Gallstones.")
    assert _valid_service_request(fhir.service_request(reported))["status"] == "completed"
    data = fhir.diagnostic_report(reported)
    assert data is not None
    report = DiagnosticReport.model_validate(data).model_dump(mode="json", exclude_none=True)
    assert (report["status"], report["conclusion"]) == ("final", "Gallstones.")
    assert report["basedOn"][0]["identifier"]["value"] == request.reference


def test_a_rejected_request_is_revoked_with_the_advice(icb, actor_for) -> None:
    patient_at(icb.practices[0])
    request = send_one(actor_for("gp_clinician"), icb.trusts[0])
    rejected = step(actor_for("consultant"), request, "reject", advice="Try liver tests first.")
    resource = _valid_service_request(fhir.service_request(rejected))
    assert resource["status"] == "revoked" and "Try liver tests first." in resource["note"][-1]["text"]
