"""Client systems: JWT client assertion → bearer token → FHIR reads, scoped to the client's organisation."""

from __future__ import annotations

import datetime
import time
import uuid
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.cache import cache
from django.test import Client
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.organization import Organization
from fhir.resources.R4B.patient import Patient as FhirPatient

from joinedup.api.models import ClientSystem
from joinedup.audit.models import AuditEvent
from joinedup.demo.directory import SeededDirectory
from joinedup.directory.models import Organisation, Person, Role, RoleAssignment
from joinedup.patients.models import Patient

TOKEN_URL = "http://testserver/api/oauth2/token"
BASE = "/api/fhir/R4"
NHS_NUMBER = "9990000018"


@pytest.fixture(scope="module")
def key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def register(org: Organisation, role: str, key: rsa.RSAPrivateKey, client_id: str, **extra: Any) -> ClientSystem:
    person = Person.objects.create(username=f"api-{client_id}", first_name="API", last_name=client_id)
    assignment = RoleAssignment.objects.create(person=person, organisation=org, role=role)
    pem = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return ClientSystem.objects.create(
        client_id=client_id, name=client_id, role_assignment=assignment, public_key_pem=pem.decode(), **extra
    )


def assertion(key: rsa.RSAPrivateKey, client_id: str, **overrides: Any) -> str:
    claims: dict[str, Any] = {
        "iss": client_id,
        "sub": client_id,
        "aud": TOKEN_URL,
        "jti": str(uuid.uuid4()),
        "exp": int(time.time()) + 240,
    }
    claims.update(overrides)
    return jwt.encode(claims, key, algorithm="RS512")


def ask_token(client: Client, signed: str) -> Any:
    return client.post(
        "/api/oauth2/token",
        {
            "grant_type": "client_credentials",
            "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "client_assertion": signed,
        },
    )


def bearer(client: Client, key: rsa.RSAPrivateKey, client_id: str) -> dict[str, str]:
    response = ask_token(client, assertion(key, client_id))
    assert response.status_code == 200, response.content
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


@pytest.fixture
def patient(icb: SeededDirectory) -> Patient:
    return Patient.objects.create(
        nhs_number=NHS_NUMBER,
        given_name="Ada",
        family_name="Testwell",
        date_of_birth=datetime.date(1950, 1, 2),
        registered_practice=icb.practices[0],
    )


def test_token_then_read_own_patient_is_uk_core_and_audited(icb, key, patient) -> None:
    register(icb.practices[0], Role.PRACTICE_ADMIN, key, "gp-system")
    client = Client()
    auth = bearer(client, key, "gp-system")
    response = client.get(f"{BASE}/Patient/{NHS_NUMBER}", headers=auth)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    resource = FhirPatient.model_validate(response.json())
    assert resource.meta is not None and resource.identifier is not None
    assert resource.meta.profile == ["https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient"]
    assert resource.identifier[0].value == NHS_NUMBER
    event = AuditEvent.objects.filter(action="api_read").get()
    assert event.patient_nhs_number == NHS_NUMBER
    assert event.details["client"] == "gp-system"
    assert event.organisation_ods_code == icb.practices[0].ods_code


def test_another_practices_client_gets_404_operation_outcome(icb, key, patient) -> None:
    register(icb.practices[1], Role.PRACTICE_ADMIN, key, "other-gp")
    client = Client()
    response = client.get(f"{BASE}/Patient/{NHS_NUMBER}", headers=bearer(client, key, "other-gp"))
    assert response.status_code == 404
    OperationOutcome.model_validate(response.json())


def test_trust_client_reads_icb_patient_and_organization(icb, key, patient) -> None:
    register(icb.trusts[0], Role.TRIAGE_ADMIN, key, "trust-pas")
    client = Client()
    auth = bearer(client, key, "trust-pas")
    assert client.get(f"{BASE}/Patient/{NHS_NUMBER}", headers=auth).status_code == 200
    response = client.get(f"{BASE}/Organization/{icb.practices[0].ods_code}", headers=auth)
    assert response.status_code == 200
    assert Organization.model_validate(response.json()).name == icb.practices[0].name


def test_invalid_nhs_number_is_400_operation_outcome(icb, key) -> None:
    register(icb.practices[0], Role.PRACTICE_ADMIN, key, "gp-system")
    client = Client()
    response = client.get(f"{BASE}/Patient/1234567890", headers=bearer(client, key, "gp-system"))
    assert response.status_code == 400
    assert OperationOutcome.model_validate(response.json()).issue[0].code == "value"


def test_jti_is_single_use(icb, key) -> None:
    register(icb.practices[0], Role.PRACTICE_ADMIN, key, "gp-system")
    client = Client()
    signed = assertion(key, "gp-system")
    assert ask_token(client, signed).status_code == 200
    again = ask_token(client, signed)
    assert again.status_code == 400
    assert again.json()["error"] == "invalid_client"


@pytest.mark.parametrize(
    "overrides",
    [
        {"aud": "http://elsewhere/token"},
        {"sub": "someone-else"},
        {"exp": int(time.time()) + 3600},
        {"exp": int(time.time()) - 10},
        {"iss": "unknown-client", "sub": "unknown-client"},
    ],
)
def test_bad_assertions_are_refused(icb, key, overrides) -> None:
    register(icb.practices[0], Role.PRACTICE_ADMIN, key, "gp-system")
    response = ask_token(Client(), assertion(key, "gp-system", **overrides))
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_client"


def test_assertion_signed_by_another_key_or_weaker_alg_is_refused(icb, key) -> None:
    register(icb.practices[0], Role.PRACTICE_ADMIN, key, "gp-system")
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    claims = {"iss": "gp-system", "sub": "gp-system", "aud": TOKEN_URL, "jti": "x1", "exp": int(time.time()) + 60}
    assert ask_token(Client(), jwt.encode(claims, stranger, algorithm="RS512")).status_code == 400
    assert ask_token(Client(), jwt.encode(claims, key, algorithm="RS256")).status_code == 400
    assert ask_token(Client(), "not-a-jwt").status_code == 400


def test_no_or_bad_token_is_401_operation_outcome(icb, patient) -> None:
    client = Client()
    for headers in ({}, {"Authorization": "Bearer nonsense"}):
        response = client.get(f"{BASE}/Patient/{NHS_NUMBER}", headers=headers)
        assert response.status_code == 401
        OperationOutcome.model_validate(response.json())


def test_rate_limit_gives_429_operation_outcome(icb, key, patient) -> None:
    cache.clear()  # the window's count lives in the cache, shared by the tests in this process
    register(icb.practices[0], Role.PRACTICE_ADMIN, key, "gp-system", rate_limit_per_minute=2)
    client = Client()
    auth = bearer(client, key, "gp-system")
    statuses = [client.get(f"{BASE}/Patient/{NHS_NUMBER}", headers=auth).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_metadata_lists_only_what_works_and_unknown_paths_are_operation_outcomes(db) -> None:
    client = Client()
    statement = CapabilityStatement.model_validate(client.get(f"{BASE}/metadata").json())
    assert statement.rest is not None and statement.rest[0].resource is not None
    listed = {r.type for r in statement.rest[0].resource}
    assert {"Patient", "Organization", "HealthcareService", "DocumentReference", "ServiceRequest", "Task"} <= listed
    for resource_type in listed:  # each listed type answers (401 without a token), not "not supported"
        answer = client.get(f"{BASE}/{resource_type}/x")
        assert answer.status_code == 401, resource_type
    assert "Flag" not in listed
    response = client.get(f"{BASE}/Flag")
    assert response.status_code == 404
    OperationOutcome.model_validate(response.json())


def test_wrong_method_is_405_operation_outcome(icb, key, patient) -> None:
    client = Client()
    for response in (client.get("/api/oauth2/token"), client.delete(f"{BASE}/Patient/{NHS_NUMBER}")):
        assert response.status_code == 405
        OperationOutcome.model_validate(response.json())
