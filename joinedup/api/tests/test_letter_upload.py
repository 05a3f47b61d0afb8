"""A trust system sends a letter as a DocumentReference through the page's own intake; the practice's
system then finds it and the requests the reader found in it. Every refusal is an OperationOutcome
with a 4xx; UK Core's published DocumentReference example is valid FHIR here (422 for what a letter
lacks, never a 400), and the same example carrying a letter is taken in."""

from __future__ import annotations

import base64
import copy
import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from fhir.resources.R4B.documentreference import DocumentReference

from joinedup.audit.models import AuditEvent
from joinedup.demo.directory import SeededDirectory
from joinedup.directory.models import Service
from joinedup.letters.inbox.tests.helpers import CHASE, make_patient
from joinedup.letters.models import Letter, LetterKind
from joinedup.letters.reading import store_reading
from joinedup.letters.tests.pdf_helpers import simple
from joinedup.patients.models import Patient

BASE = "/api/fhir/R4"
DATA = Path(__file__).parent / "data"
UKCORE_EXAMPLE = json.loads((DATA / "UKCore-DocumentReference-CarePlanReportPDF-Example.json").read_text())
LETTER = f"Discharge summary\nDiagnosis: community-acquired pneumonia.\n{CHASE}\nKind regards, Dr Okafor\n"


@pytest.fixture
def patient(icb: SeededDirectory) -> Patient:
    return make_patient(icb.practices[0])


def letter_resource(
    nhs_number: str, content: bytes = LETTER.encode(), content_type: str = "text/plain"
) -> dict[str, Any]:
    return {
        "resourceType": "DocumentReference",
        "status": "current",
        "type": {"coding": [{"system": "http://snomed.info/sct", "code": "373942005", "display": "Discharge summary"}]},
        "subject": {"identifier": {"system": "https://fhir.nhs.uk/Id/nhs-number", "value": nhs_number}},
        "date": (timezone.now() - datetime.timedelta(days=1)).isoformat(),
        "description": "Discharge summary: pneumonia",
        "author": [{"display": "Dr A Okafor, Respiratory medicine"}],
        "content": [{"attachment": {"contentType": content_type, "data": base64.b64encode(content).decode()}}],
        "context": {"period": {"start": (timezone.now() - datetime.timedelta(days=2)).isoformat()}},
    }


def post(headers: dict[str, str], body: Any, content_type: str = "application/fhir+json") -> Any:
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    return Client().post(f"{BASE}/DocumentReference", data=data, content_type=content_type, headers=headers)


def refused(response: Any, status: int) -> str:
    assert response.status_code == status, response.content
    assert response.json()["resourceType"] == "OperationOutcome"
    return str(response.json()["issue"][0]["diagnostics"])


def test_a_trust_system_sends_a_letter_and_the_practice_system_finds_its_requests(
    patient, trust_system, gp_system
) -> None:
    response = post(trust_system, letter_resource(patient.nhs_number))
    assert response.status_code == 201, response.content
    created = response.json()
    DocumentReference.model_validate(created)
    letter = Letter.objects.get(id=int(created["id"].removeprefix("letter-")))
    assert (letter.patient, letter.kind, letter.source) == (patient, LetterKind.DISCHARGE_SUMMARY, "upload")
    assert response["Location"].endswith(f"/DocumentReference/{created['id']}")
    assert AuditEvent.objects.filter(action="letter.upload", patient_nhs_number=patient.nhs_number).exists()
    store_reading(letter.id)  # background work reads it (not run inline by the test settings)
    found = Client().get(f"{BASE}/DocumentReference", {"patient": patient.nhs_number}, headers=gp_system).json()
    assert [e["resource"]["id"] for e in found["entry"]] == [created["id"]]
    tasks = Client().get(f"{BASE}/Task", {"focus": f"DocumentReference/{created['id']}"}, headers=gp_system).json()
    assert any("chase" in e["resource"]["description"].lower() for e in tasks["entry"])


def test_a_pdf_letter_is_read_to_text_as_the_upload_page_does(patient, trust_system) -> None:
    response = post(trust_system, letter_resource(patient.nhs_number, simple(LETTER), "application/pdf"))
    assert response.status_code == 201, response.content
    letter = Letter.objects.get(id=int(response.json()["id"].removeprefix("letter-")))
    assert "pneumonia" in letter.text


def test_the_ukcore_example_is_valid_fhir_refused_only_for_what_a_letter_needs(patient, trust_system) -> None:
    message = refused(post(trust_system, UKCORE_EXAMPLE), 422)
    assert "inline" in message  # it points to its PDF by url
    adapted = copy.deepcopy(UKCORE_EXAMPLE)
    adapted["content"][0]["attachment"]["data"] = base64.b64encode(simple(LETTER)).decode()
    assert "NHS number" in refused(post(trust_system, adapted), 422)
    adapted["subject"] = {"reference": f"Patient/{patient.nhs_number}"}
    assert "SNOMED" in refused(post(trust_system, adapted), 422)  # a care plan is not a letter
    adapted["type"]["coding"][0].update(code="371531000", display="Report of clinical encounter")
    assert "more than 10 years ago" in refused(post(trust_system, adapted), 422)  # the example is from 2016
    adapted["date"] = (timezone.now() - datetime.timedelta(days=3)).isoformat()
    response = post(trust_system, adapted)
    assert response.status_code == 201, response.content
    assert Letter.objects.get(patient=patient).kind == LetterKind.CLINIC_LETTER


@pytest.mark.parametrize("example", sorted(DATA.glob("UKCore-DocumentReference-*.json")), ids=lambda p: p.stem)
def test_every_published_ukcore_document_reference_is_valid_fhir_here(patient, trust_system, example) -> None:
    """Refused only for what a letter needs (422 naming it), never as malformed (400) or with a 500."""
    response = post(trust_system, json.loads(example.read_text()))
    assert response.status_code == 422, response.content
    assert response.json()["issue"][0]["code"] == "processing"


def test_the_letter_names_one_of_the_trusts_own_services_or_none(icb, patient, trust_system) -> None:
    own = Service.objects.filter(trust=icb.trusts[0]).first()
    other = Service.objects.filter(trust=icb.trusts[1]).first()
    assert own is not None and other is not None
    body = letter_resource(patient.nhs_number)
    body["context"]["related"] = [{"reference": f"HealthcareService/{other.id}"}]
    assert "not one of the services" in refused(post(trust_system, body), 422)
    body["context"]["related"] = [{"reference": f"HealthcareService/{own.id}"}]
    assert post(trust_system, body).status_code == 201
    assert Letter.objects.get(patient=patient).service == own


def test_bad_letters_are_refused_with_a_reason_and_nothing_is_stored(icb, patient, trust_system, gp_system) -> None:
    good = letter_resource(patient.nhs_number)
    assert "Not valid JSON" in refused(post(trust_system, b'{"resourceType": "DocumentReference",'), 400)
    assert "resourceType must be DocumentReference" in refused(
        post(trust_system, {**good, "resourceType": "Patient"}), 400
    )
    assert "Not a valid" in refused(post(trust_system, {**good, "colour": "blue"}), 400)
    assert "nested" in refused(post(trust_system, b'{"a":' * 5000 + b"1" + b"}" * 5000), 400)
    assert refused(post(trust_system, b"x" * (8 * 1024 * 1024)), 413)
    refused(post(trust_system, "plain words", content_type="text/plain"), 415)
    bad_number = letter_resource("9990000019")
    assert "NHS number" in refused(post(trust_system, bad_number), 422)
    unknown = letter_resource("9990000018")  # valid, but nobody in the ICB has it
    assert "No patient" in refused(post(trust_system, unknown), 422)
    not_base64 = letter_resource(patient.nhs_number)
    not_base64["content"][0]["attachment"]["data"] = "@@@"
    assert "base64" in refused(post(trust_system, not_base64), 422)
    lying = letter_resource(patient.nhs_number, LETTER.encode(), "application/pdf")
    assert "is not application/pdf" in refused(post(trust_system, lying), 422)
    for year in ("0001", "2099"):  # a typing or system error, not a letter
        when = letter_resource(patient.nhs_number)
        when["context"]["period"]["start"] = f"{year}-01-01T00:00:00+00:00"
        assert "discharge or clinic" in refused(post(trust_system, when), 422)
    nul = letter_resource(patient.nhs_number, b"\x00\x01\x02binary\x00" * 10)
    refused(post(trust_system, nul), 422)
    refused(post(gp_system, good), 403)  # a practice does not send hospital letters
    assert not Letter.objects.filter(patient=patient).exists()


def test_a_nul_anywhere_in_the_resource_is_refused_before_anything_is_stored(patient, trust_system) -> None:
    body = letter_resource(patient.nhs_number)
    body["description"] = "Discharge\x00summary"
    assert "NUL" in refused(post(trust_system, body), 400)
    assert "NUL" in refused(post(trust_system, {**letter_resource(patient.nhs_number), "a\x00": 1}), 400)
    search = Client().get(f"{BASE}/DocumentReference", {"patient": "999\x00"}, headers=trust_system)
    assert "NUL" in refused(search, 400)  # refused before any view, still as an OperationOutcome
    assert not Letter.objects.filter(patient=patient).exists()
