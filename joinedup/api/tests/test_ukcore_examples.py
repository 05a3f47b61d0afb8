"""UK Core's published examples of the resources the API takes are valid FHIR to it: each is refused, if
at all, for what JoinedUp needs of it (422 naming it), never as malformed (400) and never with a 500.
The examples are in ``data/`` (see its README)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from joinedup.letters.inbox.tests.helpers import make_letter

DATA = Path(__file__).parent / "data"
BASE = "/api/fhir/R4"


def _examples(kind: str) -> list[Path]:
    return sorted(DATA.glob(f"UKCore-{kind}-*.json"))


def _post(headers: dict[str, str], resource_type: str, body: dict[str, Any]) -> Any:
    return Client().post(
        f"{BASE}/{resource_type}", json.dumps(body), content_type="application/fhir+json", headers=headers
    )


@pytest.mark.parametrize("example", _examples("ServiceRequest"), ids=lambda p: p.stem)
def test_published_service_requests_are_valid_fhir_here(gp_system, example) -> None:
    response = _post(gp_system, "ServiceRequest", json.loads(example.read_text()))
    assert response.status_code == 422, response.content
    assert response.json()["resourceType"] == "OperationOutcome"


@pytest.mark.parametrize("example", _examples("Communication"), ids=lambda p: p.stem)
def test_published_communications_are_valid_fhir_here(trust_system, example) -> None:
    response = _post(trust_system, "Communication", json.loads(example.read_text()))
    assert response.status_code == 422, response.content


@pytest.mark.parametrize("example", _examples("Task"), ids=lambda p: p.stem)
def test_published_tasks_are_valid_fhir_here(icb, gp_system, example) -> None:
    letter = make_letter(icb.practices[0], icb.trusts[0])
    action = letter.actions.first()
    assert action is not None
    task_id = f"action-{action.id}"
    read = Client().get(f"{BASE}/Task/{task_id}", headers=gp_system)
    body = {**json.loads(example.read_text()), "id": task_id}
    response = Client().put(
        f"{BASE}/Task/{task_id}",
        json.dumps(body),
        content_type="application/fhir+json",
        headers={**gp_system, "If-Match": read["ETag"]},
    )
    assert response.status_code == 422, response.content
