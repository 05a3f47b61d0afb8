"""The demo's client systems: each practice and trust has one, and its written key gets a token."""

from __future__ import annotations

import time
import uuid

import jwt
from django.test import Client

from joinedup.api.models import ClientSystem
from joinedup.demo.api import seed_api_clients


def test_each_practice_and_trust_gets_a_client_whose_key_works(icb, tmp_path) -> None:
    made = seed_api_clients(directory=icb, key_dir=tmp_path)
    assert made == len(icb.practices) + len(icb.trusts) == ClientSystem.objects.count()
    client_id = f"{icb.trusts[0].ods_code.lower()}-system"
    key = (tmp_path / f"{client_id}.pem").read_bytes()
    assert (tmp_path / f"{client_id}.pem").stat().st_mode & 0o077 == 0  # a private key: its owner's alone
    claims = {
        "iss": client_id,
        "sub": client_id,
        "aud": "http://testserver/api/oauth2/token",
        "jti": str(uuid.uuid4()),
        "exp": int(time.time()) + 60,
    }
    response = Client().post(
        "/api/oauth2/token",
        {
            "grant_type": "client_credentials",
            "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "client_assertion": jwt.encode(claims, key, algorithm="RS512"),
        },
    )
    assert response.status_code == 200, response.content


def test_demo_clients_hold_the_roles_whose_work_the_api_does(icb, tmp_path) -> None:
    from joinedup.directory.access import Permission
    from joinedup.directory.models import Role

    seed_api_clients(directory=icb, key_dir=tmp_path)
    trust = ClientSystem.objects.get(client_id=f"{icb.trusts[0].ods_code.lower()}-system")
    practice = ClientSystem.objects.get(client_id=f"{icb.practices[0].ods_code.lower()}-system")
    assert trust.role_assignment.role == Role.CONSULTANT
    assert practice.role_assignment.role == Role.GP_CLINICIAN
    from joinedup.api.services import actor_for

    assert actor_for(trust).can(Permission.ANSWER_ADVICE) and actor_for(practice).can(Permission.SEND_REQUESTS)


def test_the_api_bench_runs_on_a_small_icb(icb, tmp_path) -> None:
    """The bench's calls work (its figures are for people; nothing here is timed)."""
    from joinedup.demo.api import bench_api
    from joinedup.directory.access import Actor
    from joinedup.directory.models import RoleAssignment
    from joinedup.referrals.models import ClinicalRequest
    from joinedup.referrals.tests.helpers import patient_at, send

    seed_api_clients(directory=icb, key_dir=tmp_path)
    gp = (
        RoleAssignment.objects.select_related("person", "organisation")
        .filter(person__username="gp", role="gp_clinician")
        .earliest("id")
    )
    patient_at(gp.organisation)
    send(Actor(person=gp.person, assignment=gp), icb.trusts[0])
    lines = bench_api(runs=3, creates=3, key_dir=tmp_path)
    assert len(lines) == 4 and "3 of 3" in lines[-1], lines
    assert ClinicalRequest.objects.count() == 4
