"""The API over real HTTP (pytest-django's live server on a free port), called with fhirpy as a GP
system would: token request, then reads; every resource validates with fhir.resources R4B."""

from __future__ import annotations

import datetime
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.management import call_command
from fhir.resources.R4B.communication import Communication
from fhir.resources.R4B.organization import Organization
from fhir.resources.R4B.patient import Patient as FhirPatient
from fhir.resources.R4B.servicerequest import ServiceRequest
from fhir.resources.R4B.task import Task
from fhirpy import SyncFHIRClient
from fhirpy.base.exceptions import ResourceNotFound

from joinedup.api.tests.test_auth_and_read import NHS_NUMBER, register
from joinedup.api.workflow import REQUEST_TYPE_SYSTEM
from joinedup.directory.models import Role
from joinedup.patients.models import Patient
from joinedup.referrals import services
from joinedup.referrals.models import ClinicalRequest
from joinedup.referrals.tests.helpers import patient_at, service_at

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


class Subscriber:
    """A tiny HTTP server on a free port that keeps every notification POSTed to it."""

    def __init__(self) -> None:
        received: list[bytes] = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (the http.server name)
                received.append(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.received = received
        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_advice_and_guidance_between_a_gp_system_and_a_trust_system(live_server, icb, actor_for, settings) -> None:
    settings.API_SUBSCRIPTION_ALLOW_HTTP = True  # the subscriber is plain http on localhost
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    patient_at(icb.practices[0], NHS_NUMBER)
    service = service_at(icb.trusts[0])
    register(icb.practices[0], Role.GP_CLINICIAN, key, "gp-e2e")
    register(icb.trusts[0], Role.CONSULTANT, key, "trust-e2e")
    register(icb.practices[1], Role.GP_CLINICIAN, key, "other-e2e")
    fhir_base = f"{live_server.url}/api/fhir/R4"
    tokens = {name: live_token(live_server.url, key, name) for name in ("gp-e2e", "trust-e2e", "other-e2e")}
    gp = SyncFHIRClient(fhir_base, authorization=f"Bearer {tokens['gp-e2e']}")
    trust = SyncFHIRClient(fhir_base, authorization=f"Bearer {tokens['trust-e2e']}")
    other = SyncFHIRClient(fhir_base, authorization=f"Bearer {tokens['other-e2e']}")
    gp_ods, trust_ods = icb.practices[0].ods_code, icb.trusts[0].ods_code
    subscriber = Subscriber()
    try:
        # The GP system subscribes to messages for its practice.
        gp.resource(
            "Subscription",
            status="requested",
            reason="Advice for our practice",
            criteria=f"Communication?recipient=Organization/{gp_ods}",
            channel={"type": "rest-hook", "endpoint": subscriber.url, "payload": "application/fhir+json"},
        ).save()

        # The GP system sends an A&G request; its retry (same identifier) makes no second one.
        body = {
            "status": "active",
            "intent": "order",
            "category": [{"coding": [{"system": REQUEST_TYPE_SYSTEM, "code": "ADVICE_AND_GUIDANCE_REQUEST"}]}],
            "subject": {"identifier": {"system": "https://fhir.nhs.uk/Id/nhs-number", "value": NHS_NUMBER}},
            "performer": [{"reference": f"HealthcareService/{service.id}"}],
            "identifier": [{"system": "https://gp-e2e.example/request", "value": "A-1"}],
            "note": [{"text": "Murmur on routine check: echo needed?"}],
        }
        sent = gp.resource("ServiceRequest", **body).create(identifier="https://gp-e2e.example/request|A-1")
        retried = gp.resource("ServiceRequest", **body).create(identifier="https://gp-e2e.example/request|A-1")
        assert sent.id == retried.id
        assert ClinicalRequest.objects.count() == 1
        ServiceRequest.model_validate(sent.serialize())

        # The trust's worklist shows it; the trust asks through the page's service; the GP answers via the API.
        worklist = trust.resources("Task").search(owner=f"Organization/{trust_ods}", status="requested").fetch_all()
        assert [task.id for task in worklist] == [sent.id]
        request = ClinicalRequest.objects.get()
        services.request_act(
            actor=actor_for("consultant"),
            request_id=request.id,
            action="ask",
            expected_version=request.version,
            note="Any breathlessness?",
        )
        assert gp.reference("Task", sent.id).to_resource()["owner"]["identifier"]["value"] == gp_ods
        gp.resource(
            "Communication",
            status="completed",
            basedOn=[{"reference": f"ServiceRequest/{sent.id}"}],
            payload=[{"contentString": "None."}],
        ).save()

        # The trust system answers through the API.
        trust.resource(
            "Communication",
            status="completed",
            basedOn=[{"reference": f"ServiceRequest/{sent.id}"}],
            payload=[{"contentString": "Innocent flow murmur: no echo needed."}],
        ).save()
        call_command("db_worker", "--batch", "--no-startup-delay")  # the background worker's turn

        # The GP system reads the advice and sees the Task move to it.
        messages = gp.resources("Communication").search(recipient=f"Organization/{gp_ods}").fetch_all()
        assert [m["payload"][0]["contentString"] for m in messages] == [
            "Any breathlessness?",
            "Innocent flow murmur: no echo needed.",
        ]
        for message in messages:
            Communication.model_validate(message.serialize())
        task = gp.reference("Task", sent.id).to_resource()
        Task.model_validate(task.serialize())
        assert (task["status"], task["businessStatus"]["coding"][0]["code"]) == ("in-progress", "advice_given")

        # A stale If-Match gets 412, and nothing changes.
        stale = requests.put(
            f"{fhir_base}/Task/{sent.id}",
            json={**task.serialize(), "businessStatus": {"coding": [{"code": "closed"}]}},
            headers={"Authorization": f"Bearer {tokens['gp-e2e']}", "If-Match": 'W/"1"'},
            timeout=10,
        )
        assert stale.status_code == 412 and stale.json()["resourceType"] == "OperationOutcome"

        # Another practice's system gets 404.
        for kind in ("ServiceRequest", "Task"):
            with pytest.raises(ResourceNotFound):
                other.reference(kind, sent.id).to_resource()

        # The subscriber heard of each message for the practice (the consultant's question and advice).
        notified = [json.loads(body) for body in subscriber.received]
        assert [n["payload"][0]["contentString"] for n in notified] == [
            "Any breathlessness?",
            "Innocent flow murmur: no echo needed.",
        ]
        assert all(n["resourceType"] == "Communication" for n in notified)
    finally:
        subscriber.close()
