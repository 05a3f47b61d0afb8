"""Values found by a tester walking the demo, each of which once answered 500 or was silently taken:
a JSON integer of thousands of digits, non-ASCII digits in ids and counts, a 10 MB token request."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from joinedup.core import bounded_json
from joinedup.directory.models import Role
from joinedup.letters.inbox.tests.helpers import make_patient
from joinedup.patients.models import Patient

from .test_auth_and_read import bearer, register
from .test_letter_upload import letter_resource

BASE = "/api/fhir/R4"


def post(headers: dict[str, str], resource_type: str, body: str) -> Any:
    return Client().post(f"{BASE}/{resource_type}", body, content_type="application/fhir+json", headers=headers)


def test_an_integer_of_thousands_of_digits_is_unreadable_json_not_an_error() -> None:
    with pytest.raises(bounded_json.UnreadableJSON):
        bounded_json.loads(b'{"n": ' + b"1" * 4400 + b"}")


@pytest.mark.parametrize("resource_type", ["ServiceRequest", "Communication", "DocumentReference", "Subscription"])
def test_a_huge_integer_in_any_body_is_a_400(trust_system, resource_type) -> None:
    body = json.dumps({"resourceType": resource_type})[:-1] + ', "n": ' + "1" * 4400 + "}"
    response = post(trust_system, resource_type, body)
    assert response.status_code == 400, response.content
    assert response.json()["resourceType"] == "OperationOutcome"


@pytest.mark.parametrize("service", ["٣", "１", "²", "9" * 5000])
def test_a_service_id_that_is_not_plain_digits_names_no_service(icb, gp_system, service) -> None:
    patient = Patient.objects.create(
        nhs_number="9990000018",
        given_name="Ada",
        family_name="Testwell",
        date_of_birth="1950-01-02",
        registered_practice=icb.practices[0],
    )
    body = {
        "resourceType": "ServiceRequest",
        "status": "active",
        "intent": "order",
        "category": [
            {
                "coding": [
                    {"system": "https://joinedup.invalid/fhir/CodeSystem/ers-request-type", "code": "TRIAGE_REQUEST"}
                ]
            }
        ],
        "subject": {"identifier": {"system": "https://fhir.nhs.uk/Id/nhs-number", "value": patient.nhs_number}},
        "performer": [{"reference": f"HealthcareService/{service}"}],
        "note": [{"text": "Chest pain on exertion."}],
    }
    response = post(gp_system, "ServiceRequest", json.dumps(body))
    assert response.status_code == 422, response.content
    assert "performer" in response.json()["issue"][0]["diagnostics"]


@pytest.mark.parametrize("count", ["٣", "９", "+3", "3_0", "9" * 5000])
def test_a_count_that_is_not_plain_digits_is_a_400(gp_system, count) -> None:
    response = Client().get(f"{BASE}/Task", {"_count": count}, headers=gp_system)
    assert response.status_code == 400, response.content
    twice = Client().get(f"{BASE}/Task?_count=1&_count=2", headers=gp_system)
    assert twice.status_code == 400


def test_a_huge_token_request_is_an_oauth_error_not_a_page(db) -> None:
    response = Client().post(
        "/api/oauth2/token", "grant_type=" + "x" * (10 * 1024 * 1024), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


def test_past_the_rate_limit_the_client_is_told_when_to_retry(icb, key) -> None:

    register(icb.practices[0], Role.PRACTICE_ADMIN, key, "slow-system", rate_limit_per_minute=1)
    headers = bearer(Client(), key, "slow-system")
    Client().get(f"{BASE}/metadata", headers=headers)
    answers = [Client().get(f"{BASE}/Task", headers=headers) for _ in range(2)]
    assert answers[-1].status_code == 429 and answers[-1]["Retry-After"] == "60"


def test_a_letter_whose_care_is_in_year_one_is_refused(icb, trust_system) -> None:
    body = letter_resource(make_patient(icb.practices[0]).nhs_number)
    body["context"]["period"]["start"] = "0001-01-01T00:00:00+00:00"
    response = post(trust_system, "DocumentReference", json.dumps(body))
    assert response.status_code == 422
