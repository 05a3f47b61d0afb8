"""Letters over real HTTP with fhirpy, as a trust's EPR and a GP system would use the API: the trust
sends letters, the GP system pages through them (fhirpy follows the next links), reads one's text
and finds the requests the reader found in it; another practice's system finds nothing."""

from __future__ import annotations

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from fhir.resources.R4B.documentreference import DocumentReference
from fhir.resources.R4B.task import Task
from fhirpy import SyncFHIRClient
from fhirpy.base.exceptions import OperationOutcome

from joinedup.directory.models import Role
from joinedup.letters.inbox.tests.helpers import make_patient
from joinedup.letters.models import Letter
from joinedup.letters.reading import store_reading

from .test_auth_and_read import register
from .test_letter_upload import LETTER, letter_resource
from .test_live_fhirpy import live_token

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_trust_epr_sends_letters_and_a_gp_system_pages_through_them(live_server, icb) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    patient = make_patient(icb.practices[0])
    register(icb.trusts[0], Role.TRIAGE_ADMIN, key, "epr-live")
    register(icb.practices[0], Role.PRACTICE_ADMIN, key, "gp-live")
    register(icb.practices[1], Role.PRACTICE_ADMIN, key, "other-live")
    base = f"{live_server.url}/api/fhir/R4"

    def client(client_id: str) -> SyncFHIRClient:
        return SyncFHIRClient(base, authorization=f"Bearer {live_token(live_server.url, key, client_id)}")

    epr = client("epr-live")
    sent = []
    for _ in range(3):
        document = epr.resource("DocumentReference", **letter_resource(patient.nhs_number))
        document.save()
        assert document.id and document.id.startswith("letter-")
        sent.append(document.id)
    with pytest.raises(OperationOutcome):
        epr.resource("DocumentReference", **letter_resource("9990000019")).save()  # check digit wrong
    for letter in Letter.objects.filter(patient=patient):
        store_reading(letter.id)  # the background reader's work

    gp = client("gp-live")
    found = gp.resources("DocumentReference").search(patient=patient.nhs_number).limit(2).fetch_all()
    assert sorted(d.id for d in found) == sorted(sent)  # three letters over two pages
    one = found[0]
    DocumentReference.model_validate(one.serialize())
    text = requests.get(
        one["content"][0]["attachment"]["url"], headers={"Authorization": str(gp.authorization)}, timeout=10
    )
    assert text.status_code == 200 and text.text == LETTER
    tasks = gp.resources("Task").search(focus=f"DocumentReference/{one.id}").fetch_all()
    assert tasks and all(Task.model_validate(t.serialize()).owner for t in tasks)
    assert any(t["extension"][0]["valueCode"] == "inappropriate" for t in tasks)

    other = client("other-live")
    assert other.resources("DocumentReference").search(patient=patient.nhs_number).fetch_all() == []
