"""Connected systems: the system administrator registers a GP or trust system from a page, the system
then gets tokens with its own key, and switching it off ends its access at once."""

from __future__ import annotations

from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from django.test import Client

from joinedup.api.models import ClientSystem
from joinedup.audit.models import AuditEvent

from .test_auth_and_read import ask_token, assertion

BASE = "/api/fhir/R4"


def pem(key: Any) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def form(**overrides: Any) -> dict[str, Any]:
    data = {
        "name": "Riverside Surgery clinical system",
        "ods_code": "",
        "role": "practice_admin",
        "rate_limit_per_minute": "600",
    }
    data.update(overrides)
    return data


def test_an_administrator_registers_a_system_which_then_reads_and_is_switched_off(icb, signed_in, key) -> None:
    admin = signed_in("system_admin")
    practice = icb.practices[0]
    response = admin.post("/connected-systems/new/", form(ods_code=practice.ods_code.lower(), public_key_pem=pem(key)))
    assert response.status_code == 302, response.content.decode()[:2000]
    client = ClientSystem.objects.get(name="Riverside Surgery clinical system")
    assert client.role_assignment.organisation == practice and client.client_id.startswith(practice.ods_code.lower())
    page = admin.get(response["Location"]).content.decode()
    assert client.client_id in page and "http://testserver/api/oauth2/token" in page
    assert client.client_id in admin.get("/connected-systems/").content.decode()
    assert AuditEvent.objects.filter(action="api_client_registered").exists()

    api = Client()
    token = ask_token(api, assertion(key, client.client_id))
    assert token.status_code == 200
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    assert api.get(f"{BASE}/Organization/{practice.ods_code}", headers=headers).status_code == 200

    assert admin.post(f"/connected-systems/{client.client_id}/switch/", {"active": "off"}).status_code == 302
    assert api.get(f"{BASE}/Organization/{practice.ods_code}", headers=headers).status_code == 401
    assert ask_token(api, assertion(key, client.client_id)).json()["error"] == "invalid_client"
    assert "Switch the system on" in admin.get(f"/connected-systems/{client.client_id}/").content.decode()
    admin.post(f"/connected-systems/{client.client_id}/switch/", {"active": "on"})
    assert ask_token(api, assertion(key, client.client_id)).status_code == 200


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"public_key_pem": "not a key"}, "RSA public key in PEM form"),
        ({"public_key_pem": pem(rsa.generate_private_key(public_exponent=65537, key_size=1024))}, "at least 2048 bits"),
        ({"public_key_pem": pem(ec.generate_private_key(ec.SECP256R1()))}, "must be an RSA key"),
        ({"ods_code": "ZZZ99"}, "No GP practice or NHS trust has this ODS code"),
        ({"role": "consultant"}, "Select a role that this kind of organisation has"),
        ({"rate_limit_per_minute": "0"}, "Allow at least 1 request a minute"),
        ({"name": ""}, "Enter the name of the system"),
    ],
)
def test_a_registration_that_cannot_work_is_refused_beside_its_field(icb, signed_in, key, overrides, message) -> None:
    data = form(ods_code=icb.practices[0].ods_code, public_key_pem=pem(key))
    data.update(overrides)
    response = signed_in("system_admin").post("/connected-systems/new/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ClientSystem.objects.exists()


def test_a_system_can_belong_only_to_a_practice_or_a_trust(icb, signed_in, key) -> None:
    response = signed_in("system_admin").post(
        "/connected-systems/new/", form(ods_code=icb.icb.ods_code, public_key_pem=pem(key))
    )
    assert "belongs to a GP practice or an NHS trust" in response.content.decode()


def test_markup_in_a_system_name_is_shown_as_text(icb, signed_in, key) -> None:
    admin = signed_in("system_admin")
    admin.post(
        "/connected-systems/new/",
        form(
            name="<script>alert(1)</script>",
            ods_code=icb.trusts[0].ods_code,
            role="triage_admin",
            public_key_pem=pem(key),
        ),
    )
    page = admin.get("/connected-systems/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page


@pytest.mark.parametrize(
    "role",
    [
        "gp_clinician",
        "practice_admin",
        "consultant",
        "triage_admin",
        "trust_interface_lead",
        "icb_analyst",
        "hub_coordinator",
    ],
)
def test_only_the_system_administrator_manages_systems(icb, signed_in, role) -> None:
    person = signed_in(role)
    assert person.get("/connected-systems/").status_code == 403
    assert person.post("/connected-systems/new/", form()).status_code == 403
