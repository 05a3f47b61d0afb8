"""The API over real HTTP (pytest-django's live server on a free port), called with fhirpy as a GP
system would: token request, then reads; every resource validates with fhir.resources R4B."""

from __future__ import annotations

import datetime
import time
import uuid

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from fhir.resources.R4B.organization import Organization
from fhir.resources.R4B.patient import Patient as FhirPatient
from fhirpy import SyncFHIRClient
from fhirpy.base.exceptions import ResourceNotFound

from joinedup.api.tests.test_auth_and_read import NHS_NUMBER, register
from joinedup.directory.models import Role
from joinedup.patients.models import Patient

pytestmark = pytest.mark.django_db(transaction=True)


def live_token(base: str, key: rsa.RSAPrivateKey, client_id: str) -> str:
    token_url = f"{base}/api/oauth2/token"
    claims = {
        "iss": client_id,
        "sub": client_id,
        "aud": token_url,
        "jti": str(uuid.uuid4()),
        "exp": int(time.time()) + 60,
    }
    response = requests.post(
        token_url,
        data={
            "grant_type": "client_credentials",
            "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "client_assertion": jwt.encode(claims, key, algorithm="RS512"),
        },
        timeout=10,
    )
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


def test_gp_system_reads_its_patient_and_not_another_practices(live_server, icb) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    Patient.objects.create(
        nhs_number=NHS_NUMBER,
        given_name="Ada",
        family_name="Testwell",
        date_of_birth=datetime.date(1950, 1, 2),
        registered_practice=icb.practices[0],
    )
    register(icb.practices[0], Role.PRACTICE_ADMIN, key, "gp-live")
    register(icb.practices[1], Role.PRACTICE_ADMIN, key, "other-live")
    fhir_base = f"{live_server.url}/api/fhir/R4"

    gp = SyncFHIRClient(fhir_base, authorization=f"Bearer {live_token(live_server.url, key, 'gp-live')}")
    patient = gp.reference("Patient", NHS_NUMBER).to_resource()
    FhirPatient.model_validate(patient.serialize())
    practice = gp.reference("Organization", icb.practices[0].ods_code).to_resource()
    assert Organization.model_validate(practice.serialize()).name == icb.practices[0].name

    other = SyncFHIRClient(fhir_base, authorization=f"Bearer {live_token(live_server.url, key, 'other-live')}")
    with pytest.raises(ResourceNotFound):
        other.reference("Patient", NHS_NUMBER).to_resource()
