"""Hostile input to the record endpoints never answers 500: a sent letter with any element replaced by
any JSON value, and every search parameter given hostile values. Hypothesis generates the cases."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from joinedup.directory.models import Role
from joinedup.letters.inbox.tests.helpers import make_letter, make_patient
from joinedup.letters.models import Letter
from joinedup.patients.models import Patient

from .test_auth_and_read import bearer, register
from .test_letter_upload import letter_resource

BASE = "/api/fhir/R4"
HOSTILE = [
    "\x00",
    "a\x00b",
    "٣",
    "９９９",
    "9" * 5000,
    "-1",
    "1e309",
    "<script>x</script>",
    "",
    "Patient/",
    "|",
    "ge",
    "éé",
]
HOSTILE_TEXT = st.sampled_from(HOSTILE)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | HOSTILE_TEXT | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
PATHS = [
    ("subject",),
    ("subject", "identifier", "value"),
    ("subject", "reference"),
    ("type",),
    ("type", "coding"),
    ("date",),
    ("content",),
    ("content", 0, "attachment"),
    ("content", 0, "attachment", "data"),
    ("content", 0, "attachment", "contentType"),
    ("context", "period", "start"),
    ("context", "related"),
    ("author",),
    ("description",),
    ("resourceType",),
]
SEARCHES = {
    "HealthcareService": ["organization", "specialty", "name", "service-type", "_id", "_count", "_offset"],
    "DocumentReference": ["patient", "subject", "type", "date", "author", "_id", "_count", "_offset"],
    "DiagnosticReport": ["patient", "subject", "issued", "performer", "_id"],
    "Task": ["patient", "focus", "status", "code", "authored-on", "_id"],
}
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def systems(icb: Any) -> tuple[dict[str, str], dict[str, str], str]:
    cache.clear()
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    register(icb.trusts[0], Role.TRIAGE_ADMIN, key, "fuzz-trust", rate_limit_per_minute=100_000)
    register(icb.practices[0], Role.PRACTICE_ADMIN, key, "fuzz-gp", rate_limit_per_minute=100_000)
    patient = make_patient(icb.practices[0])
    return bearer(Client(), key, "fuzz-trust"), bearer(Client(), key, "fuzz-gp"), patient.nhs_number


def _replace(resource: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(resource)
    place: Any = changed
    for step in path[:-1]:
        place = place[step]
    place[path[-1]] = value
    return changed


@FUZZ
@given(path=st.sampled_from(PATHS), value=JSON_VALUES)
def test_a_sent_letter_with_any_element_replaced_never_answers_500(systems, path, value) -> None:
    trust, _gp, nhs_number = systems
    body = _replace(letter_resource(nhs_number), path, value)
    before = Letter.objects.count()
    response = Client().post(
        f"{BASE}/DocumentReference", data=json.dumps(body), content_type="application/fhir+json", headers=trust
    )
    assert response.status_code in (201, 400, 413, 415, 422), (path, value, response.content[:300])
    assert response.json()["resourceType"] in ("DocumentReference", "OperationOutcome")
    assert Letter.objects.count() == before + (1 if response.status_code == 201 else 0)


def test_hostile_search_values_never_answer_500(systems) -> None:
    """Every parameter of every search, and every read, with every hostile value: a Bundle or an OperationOutcome."""
    trust, gp, _nhs_number = systems
    for resource, params in SEARCHES.items():
        for value in HOSTILE:
            for headers in (trust, gp):
                for param in params:
                    response = Client().get(f"{BASE}/{resource}", {param: value}, headers=headers)
                    assert response.status_code in (200, 400), (resource, param, value, response.content[:300])
                    assert response.json()["resourceType"] in ("Bundle", "OperationOutcome")
                read = Client().get(f"{BASE}/{resource}/{value or 'x'}", headers=headers)
                assert read.status_code in (200, 400, 404), (resource, value, read.content[:300])


TASK_PATHS = [("status",), ("businessStatus",), ("note",), ("id",), ("owner",), ("description",), ("meta",)]


@FUZZ
@given(path=st.sampled_from(TASK_PATHS), value=JSON_VALUES)
def test_an_answer_with_any_element_replaced_never_answers_500(systems, icb, path, value) -> None:
    _trust, gp, nhs_number = systems
    letter = Letter.objects.filter(patient__nhs_number=nhs_number).first() or make_letter(
        icb.practices[0], icb.trusts[0], patient=Patient.objects.get(nhs_number=nhs_number)
    )
    action = letter.actions.first()
    assert action is not None
    read = Client().get(f"{BASE}/Task/action-{action.id}", headers=gp)
    body = _replace(read.json(), path, value)
    response = Client().put(
        f"{BASE}/Task/action-{action.id}",
        data=json.dumps(body),
        content_type="application/fhir+json",
        headers={**gp, "If-Match": read["ETag"]},
    )
    assert response.status_code in (200, 400, 422), (path, value, response.content[:300])
    assert response.json()["resourceType"] in ("Task", "OperationOutcome")
