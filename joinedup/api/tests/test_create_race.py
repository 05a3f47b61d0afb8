"""Two retries of one create racing on two real database connections: one record, both told its id."""

from __future__ import annotations

import json
import threading

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.db import connection, connections

from joinedup.api import writes
from joinedup.api.services import actor_for
from joinedup.api.tests.test_auth_and_read import register
from joinedup.api.tests.test_workflow import advice_request
from joinedup.directory.models import Role
from joinedup.referrals.models import ClinicalRequest
from joinedup.referrals.tests.helpers import patient_at, service_at


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a real unique-index wait needs PostgreSQL")
def test_two_racing_retries_make_one_request(icb) -> None:
    patient_at(icb.practices[0])
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    actor = actor_for(register(icb.practices[0], Role.GP_CLINICIAN, key, "race-gp"))
    body = json.dumps(advice_request(service_at(icb.trusts[0]), identifier="retry-1")).encode()
    barrier = threading.Barrier(2)
    answers: list[tuple[str, bool]] = []

    def create() -> None:
        try:
            barrier.wait()
            written = writes.create_service_request(actor, body)
            answers.append((written.resource["id"], written.created))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=create) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert ClinicalRequest.objects.count() == 1
    assert len(answers) == 2 and answers[0][0] == answers[1][0]
    assert sorted(created for _, created in answers) == [False, True]
