"""Hostile bodies at every write endpoint of the workflow API: never a 500, always FHIR JSON (hypothesis)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from joinedup.api.tests.test_auth_and_read import bearer, register
from joinedup.api.tests.test_workflow import advice_request
from joinedup.directory.models import Role
from joinedup.referrals.tests.helpers import patient_at, service_at

BASE = "/api/fhir/R4"

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from(["RQ0000001", "ServiceRequest/RQ0000001", "HealthcareService/1", "9990000018", 'W/"1"']),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)
FIELDS = [
    "resourceType",
    "subject",
    "performer",
    "category",
    "note",
    "priority",
    "basedOn",
    "payload",
    "businessStatus",
    "input",
    "identifier",
    "channel",
    "criteria",
    "status",
    "intent",
    "id",
]


def mutations(base: dict[str, Any]) -> st.SearchStrategy[bytes]:
    """The valid body with some fields replaced by anything, or raw bytes, or any JSON at all."""
    changed = st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=4).map(lambda extra: {**base, **extra})
    return st.one_of(
        changed.map(lambda body: json.dumps(body).encode()),
        json_values.map(lambda body: json.dumps(body).encode()),
        st.binary(max_size=200),
    )


@pytest.fixture
def gp(icb) -> tuple[Client, dict[str, str], Any]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    patient_at(icb.practices[0])
    register(icb.practices[0], Role.GP_CLINICIAN, key, "fuzz-gp", rate_limit_per_minute=10**6)
    client = Client()
    return client, bearer(client, key, "fuzz-gp"), service_at(icb.trusts[0])


def _checked(response: Any) -> None:
    assert response.status_code < 500, response.content[:300]
    assert response["Content-Type"].startswith("application/fhir+json")
    assert json.loads(response.content)["resourceType"]


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(data=st.data())
def test_no_body_makes_a_500(gp, data) -> None:
    client, auth, service = gp
    sent = client.post(
        f"{BASE}/ServiceRequest", advice_request(service), content_type="application/fhir+json", headers=auth
    )
    target = sent.json()["id"]
    bodies = {
        "ServiceRequest": advice_request(service),
        "Communication": {
            "resourceType": "Communication",
            "status": "completed",
            "basedOn": [{"reference": f"ServiceRequest/{target}"}],
            "payload": [{"contentString": "x"}],
        },
        "Subscription": {
            "resourceType": "Subscription",
            "status": "requested",
            "reason": "r",
            "criteria": "Task?owner=Z00001",
            "channel": {"type": "rest-hook", "endpoint": "https://example.org/hook"},
        },
    }
    for resource_type, base in bodies.items():
        body = data.draw(mutations(base))
        condition = data.draw(st.sampled_from(["", "identifier=a|b", "ownr=1", "_id=%%%"]))
        _checked(
            client.post(
                f"{BASE}/{resource_type}",
                body,
                content_type="application/fhir+json",
                headers={**auth, "If-None-Exist": condition},
            )
        )
    task = {
        "resourceType": "Task",
        "status": "requested",
        "intent": "order",
        "businessStatus": {"coding": [{"code": "closed"}]},
    }
    body = data.draw(mutations(task))
    if_match = data.draw(st.sampled_from(['W/"1"', 'W/"x"', "", '"99999999999999"']))
    _checked(
        client.put(
            f"{BASE}/Task/{target}", body, content_type="application/fhir+json", headers={**auth, "If-Match": if_match}
        )
    )
