"""HealthcareService, DocumentReference, Binary, DiagnosticReport and the GP-action Tasks over the API:
each validates with fhir.resources R4B, each search pages and refuses what it does not support, and a
client sees exactly what its organisation's pages show (404 for the rest)."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from django.test import Client
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.diagnosticreport import DiagnosticReport
from fhir.resources.R4B.documentreference import DocumentReference
from fhir.resources.R4B.healthcareservice import HealthcareService
from fhir.resources.R4B.task import Task

from joinedup.audit.models import AuditEvent
from joinedup.demo.directory import SeededDirectory
from joinedup.diagnostics.tests.helpers import patient_at, send_one, step
from joinedup.directory.models import Service
from joinedup.letters.inbox import services as inbox
from joinedup.letters.inbox.tests.helpers import CHASE, CHECK, make_letter, make_patient
from joinedup.letters.models import Letter
from joinedup.referrals.tests.helpers import PDF, send

BASE = "/api/fhir/R4"


def get(headers: dict[str, str], path: str, **params: Any) -> Any:
    return Client().get(BASE + path, params, headers=headers)


def searchset(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/fhir+json")
    Bundle.model_validate(response.json())
    return [entry["resource"] for entry in response.json()["entry"]]


def refused(response: Any, status: int = 400) -> str:
    assert response.status_code == status, response.content
    body = response.json()
    assert body["resourceType"] == "OperationOutcome"
    return str(body["issue"][0]["diagnostics"])


@pytest.fixture
def letters(icb: SeededDirectory) -> list[Letter]:
    patient = make_patient(icb.practices[0])
    first = make_letter(icb.practices[0], icb.trusts[0], patient=patient, text=f"Dear Dr Lee,\n{CHASE}\n{CHECK}\n")
    second = make_letter(icb.practices[0], icb.trusts[1], patient=patient)
    elsewhere = make_letter(icb.practices[1], icb.trusts[0])
    return [first, second, elsewhere]


# ---- HealthcareService ----------------------------------------------------------------------------


def test_services_of_the_icb_are_healthcare_services_with_wait_and_what_they_take(icb, gp_system) -> None:
    found = searchset(get(gp_system, "/HealthcareService", organization=icb.trusts[0].ods_code, specialty="cardiology"))
    expected = Service.objects.filter(trust=icb.trusts[0], specialty="cardiology")
    assert {r["id"] for r in found} == {str(s.id) for s in expected}
    one = found[0]
    HealthcareService.model_validate(one)
    assert one["meta"]["profile"] == ["https://fhir.hl7.org.uk/StructureDefinition/UKCore-HealthcareService"]
    assert one["providedBy"]["identifier"]["value"] == icb.trusts[0].ods_code
    service = expected.get(id=int(one["id"]))
    wait = next(e for e in one["extension"] if e["url"].endswith("indicative-wait"))
    assert wait["valueDuration"]["value"] == service.indicative_wait_weeks
    codes = {c["coding"][0]["code"] for c in one.get("characteristic", [])}
    assert ("takes-advice-and-guidance" in codes) == service.takes_advice_and_guidance
    Service.objects.filter(id=service.id).update(phone="01632 960 123", email="cardiology@example.org", hours="9 to 5")
    again = get(gp_system, f"/HealthcareService/{service.id}").json()
    assert {"system": "phone", "value": "01632 960 123", "use": "work"} in again["telecom"]
    assert {"system": "email", "value": "cardiology@example.org", "use": "work"} in again["telecom"]
    assert "9 to 5" in again["availabilityExceptions"]


def test_a_service_is_read_by_id_and_an_unknown_one_is_a_404(icb, gp_system) -> None:
    service = Service.objects.filter(trust=icb.trusts[1]).first()
    assert service is not None
    read = get(gp_system, f"/HealthcareService/{service.id}")
    assert read.status_code == 200
    assert read.json()["name"] == service.name
    refused(get(gp_system, "/HealthcareService/999999999"), 404)
    refused(get(gp_system, "/HealthcareService/١٢"), 404)  # non-ASCII digits are not an id


def test_service_search_pages_with_next_links_through_every_service(icb, gp_system) -> None:
    seen: list[str] = []
    response = get(gp_system, "/HealthcareService", _count="7")
    total = response.json()["total"]
    while True:
        page = searchset(response)
        assert len(page) <= 7
        seen += [r["id"] for r in page]
        following = [link["url"] for link in response.json()["link"] if link["relation"] == "next"]
        if not following:
            break
        response = Client().get(following[0].replace("http://testserver", ""), headers=gp_system)
    assert len(seen) == len(set(seen)) == total
    assert total >= Service.objects.filter(trust__icb=icb.icb).count()


def test_search_refuses_unknown_parameters_and_bad_counts(gp_system) -> None:
    assert "Unknown search parameter 'colour'" in refused(get(gp_system, "/HealthcareService", colour="blue"))
    refused(get(gp_system, "/HealthcareService", _count="-1"))
    refused(get(gp_system, "/HealthcareService", _count="lots"))
    refused(get(gp_system, "/DocumentReference", date="yesterday"))
    refused(get(gp_system, "/DocumentReference", patient="1234567890"))  # not a valid NHS number


# ---- DocumentReference and Binary -----------------------------------------------------------------


def test_a_practice_lists_its_letters_by_patient_and_reads_the_text(letters, gp_system) -> None:
    first, second, elsewhere = letters
    found = searchset(get(gp_system, "/DocumentReference", patient=f"Patient/{first.patient.nhs_number}"))
    assert [r["id"] for r in found] == [f"letter-{second.id}", f"letter-{first.id}"]  # newest first
    document = get(gp_system, f"/DocumentReference/letter-{first.id}").json()
    DocumentReference.model_validate(document)
    assert document["subject"]["identifier"]["value"] == first.patient.nhs_number
    assert document["author"][0]["identifier"]["value"] == first.trust.ods_code
    url = document["content"][0]["attachment"]["url"]
    raw = Client().get(url.replace("http://testserver", ""), headers=gp_system)
    assert raw.status_code == 200 and raw["Content-Type"].startswith("text/plain")
    assert CHASE in raw.content.decode()
    as_fhir = Client().get(
        url.replace("http://testserver", ""), headers={**gp_system, "Accept": "application/fhir+json"}
    )
    assert CHASE in base64.b64decode(as_fhir.json()["data"]).decode()
    assert AuditEvent.objects.filter(action="api_read", patient_nhs_number=first.patient.nhs_number).count() >= 3


def test_another_practices_letter_is_not_found_in_any_form(letters, gp_system, other_gp_system) -> None:
    first = letters[0]
    refused(get(other_gp_system, f"/DocumentReference/letter-{first.id}"), 404)
    refused(get(other_gp_system, f"/Binary/letter-{first.id}"), 404)
    assert searchset(get(other_gp_system, "/DocumentReference", patient=first.patient.nhs_number)) == []


def test_a_trust_reads_the_letters_it_sent_and_no_others(letters, trust_system) -> None:
    first, second, elsewhere = letters
    found = {r["id"] for r in searchset(get(trust_system, "/DocumentReference"))}
    assert found == {f"letter-{first.id}", f"letter-{elsewhere.id}"}
    refused(get(trust_system, f"/DocumentReference/letter-{second.id}"), 404)


def test_referral_attachments_are_documents_whose_binary_is_the_file(
    icb, actor_for, gp_system, other_gp_system
) -> None:
    request = send(actor_for("gp_clinician"), icb.trusts[0], attachments=[("ecg.pdf", PDF)])
    attachment = request.attachments.get()
    document = get(gp_system, f"/DocumentReference/attachment-{attachment.id}").json()
    DocumentReference.model_validate(document)
    assert document["context"]["related"][0]["identifier"]["value"] == request.ubrn
    raw = Client().get(f"{BASE}/Binary/attachment-{attachment.id}", headers=gp_system)
    assert raw.content == PDF and raw["Content-Type"] == "application/pdf"
    refused(get(other_gp_system, f"/Binary/attachment-{attachment.id}"), 404)


# ---- DiagnosticReport -----------------------------------------------------------------------------


def test_a_reported_test_is_a_diagnostic_report_for_both_ends(
    icb, actor_for, gp_system, trust_system, other_gp_system
) -> None:
    patient_at(icb.practices[0], "9990000026")
    request = send_one(actor_for("gp_clinician"), icb.trusts[0], nhs_number="9990000026")
    assert searchset(get(gp_system, "/DiagnosticReport")) == []  # nothing until it is reported
    step(actor_for("triage_admin"), request, "book")
    step(actor_for("triage_admin"), request, "done")
    step(actor_for("consultant"), request, "report", report="Gallstones; no duct dilatation.")
    for system in (gp_system, trust_system):
        found = searchset(get(system, "/DiagnosticReport", patient=request.patient_nhs_number))
        assert [r["id"] for r in found] == [f"{request.reference}-report"]
        DiagnosticReport.model_validate(found[0])
        assert found[0]["conclusion"] == "Gallstones; no duct dilatation."
    assert get(gp_system, f"/DiagnosticReport/{request.reference}-report").status_code == 200
    refused(get(other_gp_system, f"/DiagnosticReport/{request.reference}-report"), 404)
    refused(get(gp_system, "/DiagnosticReport/DX٠٠٠٠٠٠١-report"), 404)


# ---- Task: the GP actions in letters --------------------------------------------------------------


def test_the_requests_in_a_letter_are_tasks_the_practice_owns(letters, gp_system, trust_system, actor_for) -> None:
    first = letters[0]
    tasks = searchset(get(gp_system, "/Task", focus=f"DocumentReference/letter-{first.id}"))
    assert len(tasks) == first.actions.count() >= 2
    for task in tasks:
        Task.model_validate(task)
        assert task["owner"]["identifier"]["value"] == first.practice.ods_code
        assert task["status"] == "requested"
    chase = next(t for t in tasks if "chase" in t["description"].lower())
    assert chase["extension"][0]["valueCode"] == "inappropriate"
    assert chase["reasonCode"]["coding"][0]["code"]  # the RULES.md id the reader gave
    action = first.actions.get(id=int(chase["id"].removeprefix("action-")))
    inbox.give_feedback(actor=actor_for("gp_clinician"), letter_id=first.id, action_id=action.id, outcome="done")
    after = get(gp_system, f"/Task/{chase['id']}").json()
    assert after["status"] == "completed" and after["businessStatus"]["coding"][0]["code"] == "done"
    done = searchset(get(gp_system, "/Task", status="completed"))
    assert [t["id"] for t in done] == [chase["id"]]
    assert searchset(get(trust_system, "/Task", focus=f"DocumentReference/letter-{first.id}")) == []
    refused(get(trust_system, f"/Task/{chase['id']}"), 404)
    refused(get(gp_system, "/Task", status="sideways"))


def test_the_capability_statement_tells_the_truth_about_every_search_parameter(gp_system) -> None:
    statement = Client().get(f"{BASE}/metadata").json()
    for resource in statement["rest"][0]["resource"]:
        interactions = {i["code"] for i in resource["interaction"]}
        if "search-type" not in interactions:
            assert not resource.get("searchParam"), resource["type"]
            continue
        for param in resource.get("searchParam", []):
            answer = get(gp_system, f"/{resource['type']}", **{param["name"]: "x"})
            if answer.status_code == 400:
                assert "Unknown search parameter" not in answer.json()["issue"][0]["diagnostics"], param
        assert "Unknown search parameter" in refused(get(gp_system, f"/{resource['type']}", notaparam="1"))


def put_task(headers: dict[str, str], task: dict[str, Any], if_match: str | None = None) -> Any:
    extra = {"If-Match": if_match} if if_match else {}
    return Client().put(
        f"{BASE}/Task/{task['id']}",
        data=json.dumps(task),
        content_type="application/fhir+json",
        headers={**headers, **extra},
    )


def test_a_practice_system_answers_a_request_as_the_inbox_does_and_a_stale_answer_gets_412(
    letters, gp_system, other_gp_system, trust_system
) -> None:
    first = letters[0]
    read = get(gp_system, "/Task", focus=f"DocumentReference/letter-{first.id}")
    task = searchset(read)[0]
    etag = get(gp_system, f"/Task/{task['id']}")["ETag"]
    assert etag == 'W/"0"'
    rejected = {**task, "status": "rejected", "note": [{"text": "The hospital ordered this test; it should chase it"}]}
    answered = put_task(gp_system, rejected, if_match=etag)
    assert answered.status_code == 200, answered.content
    assert answered.json()["status"] == "rejected"
    action = first.actions.get(id=int(task["id"].removeprefix("action-")))
    assert action.feedback.outcome == "not_for_us" and "should chase" in action.feedback.note
    assert AuditEvent.objects.filter(action="letter.action_feedback").exists()
    assert put_task(gp_system, {**task, "status": "completed"}, if_match=etag).status_code == 412  # read before
    assert put_task(gp_system, {**task, "status": "completed"}, if_match=answered["ETag"]).status_code == 200
    now = get(gp_system, f"/Task/{task['id']}")["ETag"]
    assert "If-Match is required" in refused(put_task(gp_system, {**task, "status": "completed"}), 428)
    assert "Enter why" in refused(put_task(gp_system, {**task, "status": "rejected"}, now), 422)  # the page's rule
    changed = {**task, "status": "completed", "description": "x"}
    assert "Only status" in refused(put_task(gp_system, changed, now), 422)
    assert "Set status" in refused(put_task(gp_system, {**task, "status": "in-progress"}, now), 422)
    refused(put_task(other_gp_system, {**task, "status": "completed"}, now), 404)
    refused(put_task(trust_system, {**task, "status": "completed"}, now), 404)
    assert refused(put_task(gp_system, {**task, "status": "completed", "colour": 1}, now), 400)
