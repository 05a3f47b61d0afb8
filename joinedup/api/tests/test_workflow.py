"""The workflow resources (decision 0024): ServiceRequest, Task and Communication shapes, searches, paging,
conditional create, If-Match, scoping, and every refusal an OperationOutcome."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import Client
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.communication import Communication
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.servicerequest import ServiceRequest
from fhir.resources.R4B.task import Task

from joinedup.api import workflow
from joinedup.api.tests.test_auth_and_read import bearer, register
from joinedup.audit.models import AuditEvent
from joinedup.core import fhir_identifiers
from joinedup.demo.directory import SeededDirectory
from joinedup.diagnostics.tests.helpers import send_one
from joinedup.directory.access import Actor
from joinedup.directory.models import Role, Service
from joinedup.referrals.models import ClinicalRequest, State
from joinedup.referrals.tests.helpers import act, patient_at, service_at

BASE = "/api/fhir/R4"
FHIR = "application/fhir+json"


@pytest.fixture(scope="module")
def key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class Api:
    """A client system's calls, with its bearer token."""

    def __init__(self, client: Client, headers: dict[str, str]) -> None:
        self.client, self.headers = client, headers

    def get(self, path: str, **extra: Any) -> Any:
        return self.client.get(BASE + path, headers={**self.headers, **extra})

    def post(self, path: str, body: Any, **extra: Any) -> Any:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        return self.client.post(BASE + path, data, content_type=FHIR, headers={**self.headers, **extra})

    def put(self, path: str, body: Any, **extra: Any) -> Any:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        return self.client.put(BASE + path, data, content_type=FHIR, headers={**self.headers, **extra})


@pytest.fixture
def systems(icb: SeededDirectory, key: rsa.RSAPrivateKey) -> dict[str, Api]:
    patient_at(icb.practices[0])
    register(icb.practices[0], Role.GP_CLINICIAN, key, "gp-system")
    register(icb.trusts[0], Role.CONSULTANT, key, "trust-system")
    register(icb.practices[1], Role.GP_CLINICIAN, key, "other-gp")
    client = Client()
    return {name: Api(client, bearer(client, key, name)) for name in ("gp-system", "trust-system", "other-gp")}


def advice_request(service: Service, *, identifier: str | None = None, nhs_number: str = "9990000018") -> dict:
    data: dict[str, Any] = {
        "resourceType": "ServiceRequest",
        "status": "active",
        "intent": "order",
        "category": [{"coding": [{"system": workflow.REQUEST_TYPE_SYSTEM, "code": "ADVICE_AND_GUIDANCE_REQUEST"}]}],
        "priority": "routine",
        "subject": {"identifier": {"system": fhir_identifiers.NHS_NUMBER, "value": nhs_number}},
        "performer": [{"reference": f"HealthcareService/{service.id}"}],
        "note": [{"text": "Is an echocardiogram needed for a soft systolic murmur?"}],
    }
    if identifier:
        data["identifier"] = [{"system": "https://gp-system.example/requests", "value": identifier}]
    return data


def valid(model: Any, data: Any) -> Any:
    """The data validated as the R4B model (typed loosely: the tests read optional fields freely)."""
    return model.model_validate(data)


def outcome(response: Any, status: int) -> Any:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith(FHIR)
    return OperationOutcome.model_validate(response.json())


def test_a_gp_system_sends_an_advice_request_through_the_same_service(icb, systems) -> None:
    service = service_at(icb.trusts[0])
    response = systems["gp-system"].post("/ServiceRequest", advice_request(service))
    assert response.status_code == 201, response.content
    assert response["ETag"] == 'W/"1"'
    sent = valid(ServiceRequest, response.json())
    request = ClinicalRequest.objects.get()
    assert sent.id == workflow.request_id(request.id)
    assert response["Location"].endswith(f"/ServiceRequest/{sent.id}")
    assert sent.identifier[0].system == fhir_identifiers.UBRN and sent.identifier[0].value == request.ubrn
    assert sent.category[0].coding[0].code == "ADVICE_AND_GUIDANCE_REQUEST"
    assert sent.meta.profile == [workflow.UKCORE + "UKCore-ServiceRequest"]
    assert sent.requester.identifier.value == icb.practices[0].ods_code
    assert request.state == State.AWAITING_ADVICE  # the service's rules and clock applied
    assert AuditEvent.objects.filter(action="advice.sent", object_id=str(request.id)).exists()

    task = valid(Task, systems["gp-system"].get(f"/Task/{sent.id}").json())
    assert task.status == "requested"
    assert task.owner.identifier.value == icb.trusts[0].ods_code
    assert task.focus.reference == f"ServiceRequest/{sent.id}"
    assert str(task.restriction.period.end) == request.due_date.isoformat()
    assert task.businessStatus.coding[0].code == "awaiting_advice"


def test_a_retried_create_makes_one_record(icb, systems) -> None:
    body = advice_request(service_at(icb.trusts[0]), identifier="local-42")
    first = systems["gp-system"].post(
        "/ServiceRequest", body, **{"If-None-Exist": "identifier=https://gp-system.example/requests|local-42"}
    )
    again = systems["gp-system"].post(
        "/ServiceRequest", body, **{"If-None-Exist": "identifier=https://gp-system.example/requests|local-42"}
    )
    plain_retry = systems["gp-system"].post("/ServiceRequest", body)
    assert (first.status_code, again.status_code, plain_retry.status_code) == (201, 200, 200)
    assert first.json()["id"] == again.json()["id"] == plain_retry.json()["id"]
    assert ClinicalRequest.objects.count() == 1
    assert {"system": "https://gp-system.example/requests", "value": "local-42"} in again.json()["identifier"]


def test_the_trust_answers_by_communication_and_the_task_moves_to_the_gp(icb, systems) -> None:
    sent = systems["gp-system"].post("/ServiceRequest", advice_request(service_at(icb.trusts[0]))).json()
    advice = {
        "resourceType": "Communication",
        "status": "completed",
        "basedOn": [{"reference": f"ServiceRequest/{sent['id']}"}],
        "payload": [{"contentString": "No echo needed: innocent flow murmur. Reassure."}],
    }
    answered = systems["trust-system"].post("/Communication", advice)
    assert answered.status_code == 201, answered.content
    message = valid(Communication, answered.json())
    assert message.sender.identifier.value == icb.trusts[0].ods_code
    assert ClinicalRequest.objects.get().state == State.ADVICE_GIVEN

    found = systems["gp-system"].get(f"/Communication?recipient=Organization/{icb.practices[0].ods_code}")
    bundle = valid(Bundle, found.json())
    assert bundle.total == 1 and bundle.entry[0].resource.payload[0].contentString.startswith("No echo needed")
    conversation = systems["gp-system"].get(f"/Communication?based-on=ServiceRequest/{sent['id']}").json()
    assert [e["resource"]["category"][0]["coding"][0]["code"] for e in conversation["entry"]] == [
        "question",
        "advice",
    ]
    task = systems["gp-system"].get(f"/Task/{sent['id']}").json()
    assert (task["status"], task["owner"]["identifier"]["value"]) == ("in-progress", icb.practices[0].ods_code)
    assert "restriction" not in task  # the provider's clock stopped


def test_a_task_step_needs_the_current_version(icb, systems) -> None:
    sent = systems["gp-system"].post("/ServiceRequest", advice_request(service_at(icb.trusts[0]))).json()
    task = systems["trust-system"].get(f"/Task/{sent['id']}")
    etag = task["ETag"]
    moved = {
        **task.json(),
        "businessStatus": {"coding": [{"system": workflow.REQUEST_STATE_SYSTEM, "code": "information_requested"}]},
        "input": [{"type": {"text": "note"}, "valueString": "Is there a family history of cardiomyopathy?"}],
    }
    assert outcome(systems["trust-system"].put(f"/Task/{sent['id']}", moved), 428)
    stale = systems["trust-system"].put(f"/Task/{sent['id']}", moved, **{"If-Match": 'W/"7"'})
    assert outcome(stale, 412)
    done = systems["trust-system"].put(f"/Task/{sent['id']}", moved, **{"If-Match": etag})
    assert done.status_code == 200, done.content
    assert done["ETag"] == 'W/"2"'
    assert valid(Task, done.json()).status == "on-hold"
    assert ClinicalRequest.objects.get().state == State.INFORMATION_REQUESTED
    again = systems["trust-system"].put(f"/Task/{sent['id']}", moved, **{"If-Match": etag})
    assert outcome(again, 412)
    # The GP may not take the provider's step.
    assert outcome(systems["gp-system"].put(f"/Task/{sent['id']}", moved, **{"If-Match": 'W/"2"'}), 422)


def test_another_organisation_sees_nothing(icb, systems) -> None:
    sent = systems["gp-system"].post("/ServiceRequest", advice_request(service_at(icb.trusts[0]))).json()
    for path in (f"/ServiceRequest/{sent['id']}", f"/Task/{sent['id']}", "/Task/RQ99999", "/Communication/AG0000001"):
        outcome(systems["other-gp"].get(path), 404)
    assert systems["other-gp"].get("/Task").json()["total"] == 0
    assert systems["other-gp"].get("/ServiceRequest").json()["total"] == 0


def test_worklist_search_pages_filters_and_includes(icb, systems, actor_for) -> None:
    gp: Actor = actor_for("gp_clinician")
    service = service_at(icb.trusts[0])
    for _ in range(3):
        systems["gp-system"].post("/ServiceRequest", advice_request(service))
    trust_ods = icb.trusts[0].ods_code
    first = systems["trust-system"].get(f"/Task?owner=Organization/{trust_ods}&status=requested&_count=2")
    page = valid(Bundle, first.json())
    assert page.total == 3 and len(page.entry) == 2
    next_url = next(link.url for link in page.link if link.relation == "next")
    second = systems["trust-system"].client.get(next_url, headers=systems["trust-system"].headers).json()
    assert len(second["entry"]) == 1 and not any(link["relation"] == "next" for link in second["link"])
    ids = [e["resource"]["id"] for e in first.json()["entry"] + second["entry"]]
    assert len(set(ids)) == 3

    included = systems["trust-system"].get(f"/Task?owner={trust_ods}&_include=Task:focus").json()
    modes = [e["search"]["mode"] for e in included["entry"]]
    assert modes.count("match") == 3 and modes.count("include") == 3

    today = timezone.localdate()
    assert systems["trust-system"].get(f"/Task?_lastUpdated=ge{today}").json()["total"] == 3
    assert systems["trust-system"].get(f"/Task?_lastUpdated=lt{today}").json()["total"] == 0
    due = ClinicalRequest.objects.first().due_date  # type: ignore[union-attr]
    assert systems["trust-system"].get(f"/Task?due=le{due}").json()["total"] == 3
    assert systems["trust-system"].get(f"/Task?due=lt{due}").json()["total"] == 0
    assert systems["trust-system"].get(f"/Task?owner={icb.practices[0].ods_code}").json()["total"] == 0
    assert (
        systems["gp-system"].get("/Task?patient=9990000018&requester=" + gp.organisation.ods_code).json()["total"] == 3
    )
    assert systems["gp-system"].get(f"/ServiceRequest?performer={trust_ods}&status=active").json()["total"] == 3
    assert systems["gp-system"].get("/ServiceRequest?category=TRIAGE_REQUEST").json()["total"] == 0

    for bad in (
        "/Task?ownr=x",
        "/Task?_lastUpdated=yesterday",
        "/Task?status=nonsense",
        "/Task?_count=-1",
        "/Task?_include=Task:patient",
        "/Communication?owner=x",
    ):
        outcome(systems["trust-system"].get(bad), 400)


def test_searches_cost_a_fixed_number_of_queries(icb, systems, django_assert_max_num_queries) -> None:
    service = service_at(icb.trusts[0])
    for _ in range(5):
        systems["gp-system"].post("/ServiceRequest", advice_request(service))
    with django_assert_max_num_queries(12):
        response = systems["trust-system"].get("/Task?status=requested&_include=Task:focus&_count=50")
    assert response.json()["total"] == 5


def test_a_diagnostic_request_is_booked_done_and_reported_by_moving_its_task(icb, systems, actor_for) -> None:
    dx = send_one(actor_for("gp_clinician"), icb.trusts[0])
    sr = valid(ServiceRequest, systems["gp-system"].get(f"/ServiceRequest/{dx.reference}").json())
    assert sr.code.coding[0].system == "http://snomed.info/sct"
    task = systems["trust-system"].get(f"/Task/{dx.reference}")
    assert task.json()["status"] == "requested"
    booked = {
        **task.json(),
        "businessStatus": {"coding": [{"code": "booked"}]},
        "input": [{"type": {"text": "appointment"}, "valueDate": timezone.localdate().isoformat()}],
    }
    response = systems["trust-system"].put(f"/Task/{dx.reference}", booked, **{"If-Match": task["ETag"]})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "accepted"
    assert systems["gp-system"].get("/Task?business-status=booked").json()["total"] == 1
    done = {**response.json(), "businessStatus": {"coding": [{"code": "done"}]}}
    response = systems["trust-system"].put(f"/Task/{dx.reference}", done, **{"If-Match": response["ETag"]})
    assert response.json()["status"] == "in-progress", response.content
    reported = {
        **response.json(),
        "businessStatus": {"coding": [{"code": "reported"}]},
        "input": [{"type": {"text": "report"}, "valueString": "Gallstones; no duct dilatation."}],
    }
    response = systems["trust-system"].put(f"/Task/{dx.reference}", reported, **{"If-Match": response["ETag"]})
    assert response.status_code == 200, response.content
    # The report is the practice's to file now.
    assert response.json()["owner"]["identifier"]["value"] == icb.practices[0].ods_code
    dx.refresh_from_db()
    assert (dx.state, dx.report_text) == ("reported", "Gallstones; no duct dilatation.")


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"{not json", 400),
        (b"[]", 400),
        (json.dumps({"resourceType": "Patient"}).encode(), 400),
        (b"[" * 5000 + b"]" * 5000, 400),
        (b'{"resourceType": "ServiceRequest", "x": "' + b"a" * 300_000 + b'"}', 413),
    ],
)
def test_bad_bodies_get_an_operation_outcome(systems, body, status) -> None:
    outcome(systems["gp-system"].post("/ServiceRequest", body), status)
    outcome(systems["trust-system"].post("/Communication", body), status)


def test_unknown_fields_and_invalid_nhs_numbers_are_refused(icb, systems) -> None:
    service = service_at(icb.trusts[0])
    unknown = {**advice_request(service), "colour": "blue"}
    assert "colour" in outcome(systems["gp-system"].post("/ServiceRequest", unknown), 400).issue[0].diagnostics
    invalid = advice_request(service, nhs_number="9990000019")
    assert "NHS number" in outcome(systems["gp-system"].post("/ServiceRequest", invalid), 422).issue[0].diagnostics
    not_ours = advice_request(service, nhs_number="9990000026")
    outcome(systems["gp-system"].post("/ServiceRequest", not_ours), 422)
    empty = {**advice_request(service), "note": []}
    outcome(systems["gp-system"].post("/ServiceRequest", empty), 422)
    assert ClinicalRequest.objects.count() == 0
    outcome(systems["gp-system"].client.delete(BASE + "/Task/RQ0000001", headers=systems["gp-system"].headers), 405)


def test_the_capability_statement_lists_the_workflow_resources(client) -> None:
    statement = valid(CapabilityStatement, client.get(f"{BASE}/metadata").json())
    resources = {r.type: r for r in statement.rest[0].resource}
    assert {"ServiceRequest", "Task", "Communication", "Subscription"} <= set(resources)
    assert {p.name for p in resources["Task"].searchParam} >= {"owner", "status", "due", "_lastUpdated"}
    assert resources["ServiceRequest"].conditionalCreate is True


def test_the_page_service_and_the_api_see_the_same_conversation(icb, systems, actor_for) -> None:
    sent = systems["gp-system"].post("/ServiceRequest", advice_request(service_at(icb.trusts[0]))).json()
    request = ClinicalRequest.objects.get()
    act(actor_for("consultant"), request, "ask", note="Any syncope?")
    found = systems["gp-system"].get(f"/Communication?based-on={sent['id']}&sender={icb.trusts[0].ods_code}")
    assert [e["resource"]["payload"][0]["contentString"] for e in found.json()["entry"]] == ["Any syncope?"]
    answer = {
        "resourceType": "Communication",
        "status": "completed",
        "basedOn": [{"reference": f"ServiceRequest/{sent['id']}"}],
        "payload": [{"contentString": "No syncope."}],
    }
    assert systems["gp-system"].post("/Communication", answer).status_code == 201
    request.refresh_from_db()
    assert request.state == State.AWAITING_ADVICE and request.due_date >= datetime.date.today()


def test_a_retried_message_is_said_once(icb, systems) -> None:
    sent = systems["gp-system"].post("/ServiceRequest", advice_request(service_at(icb.trusts[0]))).json()
    advice = {
        "resourceType": "Communication",
        "status": "completed",
        "identifier": [{"system": "https://trust-system.example/messages", "value": "m-1"}],
        "basedOn": [{"reference": f"ServiceRequest/{sent['id']}"}],
        "payload": [{"contentString": "Reassure."}],
    }
    condition = {"If-None-Exist": "identifier=https://trust-system.example/messages|m-1"}
    first = systems["trust-system"].post("/Communication", advice, **condition)
    again = systems["trust-system"].post("/Communication", advice, **condition)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert ClinicalRequest.objects.get().version == 2  # one step taken, not two


def test_every_resource_a_search_returns_validates(icb, systems, actor_for) -> None:
    """Searches return the plain shapes (validating 50 costs the worklist's budget): each must validate."""
    sent = systems["gp-system"].post("/ServiceRequest", advice_request(service_at(icb.trusts[0]))).json()
    act(actor_for("consultant"), ClinicalRequest.objects.get(), "ask", note="Any syncope?")
    send_one(actor_for("gp_clinician"), icb.trusts[0])
    models = {"ServiceRequest": ServiceRequest, "Task": Task, "Communication": Communication}
    seen = set()
    for path in (
        "/Task?_include=Task:focus",
        "/ServiceRequest",
        f"/Communication?based-on={sent['id']}&_include=Communication:based-on",
    ):
        bundle = systems["gp-system"].get(path).json()
        valid(Bundle, bundle)
        for entry in bundle["entry"]:
            resource = entry["resource"]
            assert valid(models[resource["resourceType"]], resource).id == resource["id"]
            seen.add((resource["resourceType"], resource["id"][:2]))
    assert seen >= {
        ("Task", "RQ"),
        ("Task", "DX"),
        ("ServiceRequest", "RQ"),
        ("ServiceRequest", "DX"),
        ("Communication", "AG"),
    }


def referral(service: Service, priority: str = "urgent") -> dict:
    body = advice_request(service)
    body["category"] = [{"coding": [{"system": workflow.REQUEST_TYPE_SYSTEM, "code": "TRIAGE_REQUEST"}]}]
    body["priority"] = priority
    return body


def test_a_referral_is_triaged_by_moving_its_task(icb, systems) -> None:
    trust = systems["trust-system"]
    sent = systems["gp-system"].post("/ServiceRequest", referral(service_at(icb.trusts[0]))).json()
    assert (sent["category"][0]["coding"][0]["code"], sent["priority"]) == ("TRIAGE_REQUEST", "urgent")
    assert sent["code"]["coding"][0]["code"] == "3457005"
    task = trust.get(f"/Task/{sent['id']}")
    assert task.json()["businessStatus"]["coding"][0]["code"] == "awaiting_triage"
    returned = {
        **task.json(),
        "businessStatus": {"coding": [{"code": "returned"}]},
        "input": [{"type": {"text": "note"}, "valueString": "Try a statin first."}],
    }
    missing_reason = trust.put(f"/Task/{sent['id']}", returned, **{"If-Match": task["ETag"]})
    assert "reason" in outcome(missing_reason, 422).issue[0].diagnostics  # the same rule as the page
    returned["input"].append({"type": {"text": "reason"}, "valueString": "MANAGE_IN_PRIMARY_CARE"})
    done = trust.put(f"/Task/{sent['id']}", returned, **{"If-Match": task["ETag"]})
    assert done.status_code == 200, done.content
    assert (done.json()["status"], done.json()["owner"]["identifier"]["value"]) == (
        "on-hold",
        icb.practices[0].ods_code,
    )
    request = ClinicalRequest.objects.get()
    assert (request.state, request.outcome_reason) == (State.RETURNED, "MANAGE_IN_PRIMARY_CARE")
    assert AuditEvent.objects.filter(action="referral.return", object_id=str(request.id)).exists()


def test_two_week_wait_is_asap_as_e_rs_has_it(icb, systems) -> None:
    service = Service.objects.filter(trust=icb.trusts[0], takes_referrals=True).order_by("id").first()
    assert service is not None
    sent = systems["gp-system"].post("/ServiceRequest", referral(service, priority="asap"))
    assert sent.status_code == 201, sent.content
    assert ClinicalRequest.objects.get().priority == "two_week_wait"
    assert sent.json()["priority"] == "asap"
    assert sent.json()["extension"][0]["valueCode"] == "TWO_WEEK_WAIT"
