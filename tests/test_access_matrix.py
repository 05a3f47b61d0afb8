"""Each role, each page and action: allowed, or refused with 403 or 404.

The expectations are one table, so a change in who may do what shows here as a
diff. Writes (POST) are checked as well as reads: a hidden link is never the
only guard.
"""

from __future__ import annotations

import datetime

import pytest

from joinedup.directory.models import Service
from joinedup.patients.models import Patient

ROLES = [
    "gp_clinician",
    "practice_admin",
    "consultant",
    "triage_admin",
    "trust_interface_lead",
    "icb_analyst",
    "hub_coordinator",
    "system_admin",
]
OK, DENIED, HIDDEN = 200, 403, 404

# page -> expected status per role, in the order of ROLES
READS: dict[str, list[int]] = {
    "/": [OK, OK, OK, OK, OK, OK, OK, OK],
    "/role/": [OK, OK, OK, OK, OK, OK, OK, OK],
    "/directory/": [OK, OK, OK, OK, OK, OK, OK, OK],
    "/directory/RZ1/": [OK, OK, OK, OK, OK, OK, OK, OK],
    "/directory/RZ9/": [HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, OK],  # another ICB's trust
    "/directory/icb/": [DENIED, DENIED, DENIED, DENIED, DENIED, OK, DENIED, OK],
    "/directory/new/": [DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK],
    "/directory/RZ3/interface-lead/": [DENIED, DENIED, DENIED, DENIED, DENIED, OK, DENIED, OK],
    "/directory/services/{own_service}/edit/": [DENIED, DENIED, DENIED, OK, OK, DENIED, DENIED, OK],
    "/directory/services/{other_service}/edit/": [DENIED, DENIED, DENIED, HIDDEN, HIDDEN, DENIED, DENIED, OK],
    "/patients/": [OK, OK, OK, OK, OK, DENIED, OK, OK],
    "/patients/register/": [DENIED, OK, DENIED, DENIED, DENIED, DENIED, DENIED, OK],
    "/patients/{our_patient}/": [OK, OK, OK, OK, OK, DENIED, OK, OK],
    "/patients/{far_patient}/": [HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, DENIED, HIDDEN, OK],
    "/audit/": [DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK],
    # Interface concerns: visible to the raiser's organisation, the organisation concerned and its ICB.
    "/concerns/": [OK, OK, OK, OK, OK, DENIED, DENIED, DENIED],
    "/concerns/inbox/": [OK, OK, OK, OK, OK, OK, DENIED, OK],
    "/concerns/new/": [OK, OK, OK, OK, OK, DENIED, DENIED, DENIED],
    "/concerns/{our_concern}/": [OK, OK, OK, OK, OK, OK, DENIED, OK],
    "/concerns/{far_concern}/": [HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, OK, DENIED, OK],  # practice 2 about RZ2
    "/concerns/{our_concern}/acknowledge/": [302, 302, 302, 302, OK, 302, DENIED, 302],  # not yours: back to the page
    "/concerns/{far_concern}/acknowledge/": [HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, 302, DENIED, 302],
    "/concerns/review/": [DENIED, DENIED, DENIED, DENIED, DENIED, OK, DENIED, OK],
    "/concerns/review/?format=csv": [DENIED, DENIED, DENIED, DENIED, DENIED, OK, DENIED, OK],
    "/concerns/projects/": [DENIED, DENIED, DENIED, DENIED, DENIED, OK, DENIED, OK],
    "/concerns/projects/new/": [DENIED, DENIED, DENIED, DENIED, DENIED, OK, DENIED, OK],
    # The letter inbox: the practice's own letters only; reader accuracy for the practice and the ICB.
    "/letters/": [OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
    "/letters/{our_letter}/": [OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
    "/letters/{far_letter}/": [HIDDEN, HIDDEN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],  # practice 2's
    "/letters/accuracy/": [OK, OK, DENIED, DENIED, DENIED, OK, DENIED, OK],
}

# form posts -> whether the role's write is accepted (302 redirect) or refused
WRITES: dict[str, list[int]] = {
    "register_patient": [DENIED, 302, DENIED, DENIED, DENIED, DENIED, DENIED, 302],
    "edit_own_service": [DENIED, DENIED, DENIED, 302, 302, DENIED, DENIED, 302],
    "add_organisation": [DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, 302],
    "raise_concern": [302, 302, 302, 302, 302, DENIED, DENIED, DENIED],
    "acknowledge_our_concern": [DENIED, DENIED, DENIED, DENIED, 302, DENIED, DENIED, DENIED],
    "acknowledge_far_concern": [HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, DENIED, DENIED, DENIED],
    "add_improvement_project": [DENIED, DENIED, DENIED, DENIED, DENIED, 302, DENIED, 302],
    "answer_our_letter_action": [302, 302, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
    "file_our_letter": [302, 302, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
    "file_far_letter": [HIDDEN, HIDDEN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
    "unfile_far_letter": [HIDDEN, HIDDEN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
}


@pytest.fixture
def world(icb) -> dict[str, object]:
    from joinedup.directory.models import Organisation, OrganisationKind

    other_icb = Organisation.objects.create(ods_code="QZ9", name="Far ICB", kind=OrganisationKind.ICB)
    far_practice = Organisation.objects.create(
        ods_code="Y99999", name="Far Surgery", kind=OrganisationKind.GP_PRACTICE, icb=other_icb
    )
    Organisation.objects.create(ods_code="RZ9", name="Far Trust", kind=OrganisationKind.NHS_TRUST, icb=other_icb)
    ours = Patient.objects.create(
        nhs_number="9990000018",
        given_name="Olu",
        family_name="Northcott",
        date_of_birth=datetime.date(1970, 1, 1),
        registered_practice=icb.practices[0],
    )
    far = Patient.objects.create(
        nhs_number="9990000026",
        given_name="Rosa",
        family_name="Varga",
        date_of_birth=datetime.date(1980, 1, 1),
        registered_practice=far_practice,
    )
    return {
        **_concerns(icb),
        **_letters(icb),
        "own_service": Service.objects.filter(trust=icb.trusts[0]).earliest("id").id,
        "other_service": Service.objects.filter(trust=icb.trusts[1]).earliest("id").id,
        "our_patient": ours.nhs_number,
        "far_patient": far.nhs_number,
    }


def _concerns(icb) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """One concern from the first practice about RZ1, one from the second practice about RZ2."""
    from joinedup.concerns.services import concern_raise
    from joinedup.directory.access import Actor
    from joinedup.directory.models import RoleAssignment

    gp_assignments = RoleAssignment.objects.filter(person__username="gp").select_related("person", "organisation")
    ours = concern_raise(
        actor=Actor(person=gp_assignments[0].person, assignment=gp_assignments.get(organisation=icb.practices[0])),
        about_org=icb.trusts[0],
        rule="test_results",
        severity="low",
        what_happened="Asked to chase a result",
    )
    far = concern_raise(
        actor=Actor(person=gp_assignments[0].person, assignment=gp_assignments.get(organisation=icb.practices[1])),
        about_org=icb.trusts[1],
        rule="fit_note",
        severity="low",
        what_happened="Asked to issue a fit note",
    )
    return {"our_concern": ours.id, "far_concern": far.id}


def _letters(icb) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """A read letter for the first practice and one for the second."""
    from joinedup.letters.inbox.tests.helpers import make_letter

    ours = make_letter(icb.practices[0], icb.trusts[0])
    far = make_letter(icb.practices[1], icb.trusts[0])
    return {"our_letter": ours.id, "our_action": ours.actions.earliest("start").id, "far_letter": far.id}


@pytest.mark.parametrize("page", list(READS))
@pytest.mark.parametrize("role", ROLES)
def test_who_may_see_each_page(world, signed_in, role: str, page: str) -> None:
    expected = READS[page][ROLES.index(role)]
    response = signed_in(role).get(page.format(**world))
    assert response.status_code == expected, f"{role} GET {page}: {response.status_code}, expected {expected}"


def _write(client, action: str, world: dict[str, object]):  # type: ignore[no-untyped-def]
    if action == "register_patient":
        return client.post(
            "/patients/register/",
            {
                "nhs_number": "9990000034",
                "given_name": "New",
                "family_name": "Person",
                "date_of_birth_0": "1",
                "date_of_birth_1": "2",
                "date_of_birth_2": "2000",
                "practice": "Z00001",
            },
        )
    if action == "edit_own_service":
        service = Service.objects.get(id=world["own_service"])
        return client.post(
            f"/directory/services/{service.id}/edit/",
            {
                "indicative_wait_weeks": "7",
                "capacity_status": "limited",
                "takes_referrals": "on",
                "version": service.version,
            },
        )
    if action == "raise_concern":
        return client.post(
            "/concerns/new/",
            {"about": "RZ2", "rule": "fit_note", "severity": "low", "what_happened": "Asked to issue a fit note"},
        )
    if action in ("acknowledge_our_concern", "acknowledge_far_concern"):
        concern_id = world["our_concern" if action == "acknowledge_our_concern" else "far_concern"]
        return client.post(f"/concerns/{concern_id}/acknowledge/", {"note": "", "version": "1"})
    if action == "answer_our_letter_action":
        letter_id, action_id = world["our_letter"], world["our_action"]
        return client.post(
            f"/letters/{letter_id}/actions/{action_id}/feedback/", {f"action-{action_id}-outcome": "done"}
        )
    if action in ("file_our_letter", "file_far_letter"):
        letter_id = world["our_letter" if action == "file_our_letter" else "far_letter"]
        return client.post(f"/letters/{letter_id}/file/", {"version": "1"})
    if action == "unfile_far_letter":
        return client.post(f"/letters/{world['far_letter']}/unfile/", {"version": "1"})
    if action == "add_improvement_project":
        return client.post(
            "/concerns/projects/new/",
            {
                "title": "Results stay with the requester",
                "owner": "Dr Ada Example",
                "rules": ["test_results"],
                "status": "active",
                "measure": "Concerns about test results per month",
                "start_date_0": "1",
                "start_date_1": "4",
                "start_date_2": "2026",
            },
        )
    return client.post(
        "/directory/new/",
        {"kind": "gp_practice", "ods_code": "Z55555", "name": "New Surgery", "icb": str(world["icb_id"])},
    )


@pytest.mark.parametrize("action", list(WRITES))
@pytest.mark.parametrize("role", ROLES)
def test_who_may_make_each_change(world, icb, signed_in, role: str, action: str) -> None:
    world = {**world, "icb_id": icb.icb.id}
    expected = WRITES[action][ROLES.index(role)]
    response = _write(signed_in(role), action, world)
    assert response.status_code == expected, f"{role} {action}: {response.status_code}, expected {expected}"
