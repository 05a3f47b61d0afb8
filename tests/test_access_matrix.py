"""Each role, each page and action: allowed, or refused with 403 or 404.

The expectations are one table, so a change in who may do what shows here as a
diff. Writes (POST) are checked as well as reads: a hidden link is never the
only guard.

The ICB and the world the table is checked against are built once per module on
each test worker (`_seeded_world`), not once per test: every test runs in a
savepoint on top of them and is rolled back to it, so each starts from the same
untouched world and no write (POST) reaches the next test.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator

import pytest
from pytest_django import DjangoDbBlocker

from joinedup.demo.directory import SeededDirectory, seed_directory
from joinedup.directory.models import Service
from joinedup.letters.models import QuarantinedMessage
from joinedup.patients.models import Patient
from tests.module_seed import rolled_back_after_the_module

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
    "/connected-systems/": [DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK],
    "/connected-systems/new/": [DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK],
    # Interface concerns: visible to the raiser's organisation, the organisation concerned and its ICB.
    "/concerns/": [OK, OK, OK, OK, OK, DENIED, DENIED, DENIED],
    "/concerns/inbox/": [OK, OK, OK, OK, OK, OK, DENIED, OK],
    "/concerns/new/": [OK, OK, OK, OK, OK, DENIED, DENIED, DENIED],
    "/concerns/{our_concern}/": [OK, OK, OK, OK, OK, OK, DENIED, OK],
    "/concerns/{far_concern}/": [HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, OK, DENIED, OK],  # practice 2 about RZ2
    "/concerns/{our_concern}/acknowledge/": [302, 302, 302, 302, OK, 302, DENIED, 302],  # not yours: back to the page
    "/concerns/{far_concern}/acknowledge/": [HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, 302, DENIED, 302],
    "/concerns/review/": [DENIED, DENIED, DENIED, DENIED, DENIED, OK, DENIED, OK],
    "/concerns/review/?format=csv&table=themes": [DENIED, DENIED, DENIED, DENIED, DENIED, OK, DENIED, OK],
    "/concerns/projects/": [DENIED, DENIED, DENIED, DENIED, DENIED, OK, DENIED, OK],
    "/concerns/projects/new/": [DENIED, DENIED, DENIED, DENIED, DENIED, OK, DENIED, OK],
    # Referrals and A&G: the sending practice and the receiving trust only.
    "/referrals/": [OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
    "/referrals/worklists/": [DENIED, DENIED, OK, OK, OK, DENIED, DENIED, DENIED],
    "/referrals/worklists/?list=advice": [DENIED, DENIED, OK, OK, OK, DENIED, DENIED, DENIED],
    "/referrals/new/referral/": [OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
    "/referrals/new/advice/?specialty=cardiology": [OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
    "/referrals/{our_referral}/": [OK, OK, OK, OK, OK, DENIED, DENIED, DENIED],
    "/referrals/{far_referral}/": [HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, DENIED, DENIED, DENIED],  # practice 2 to RZ2
    "/referrals/{our_referral}/accept/": [302, 302, OK, 302, 302, DENIED, DENIED, DENIED],  # not yours: back to it
    "/referrals/{far_referral}/accept/": [HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, DENIED, DENIED, DENIED],
    # Direct-access diagnostics: the requesting practice and the receiving trust only.
    "/diagnostics/": [OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
    "/diagnostics/worklist/": [DENIED, DENIED, OK, OK, OK, DENIED, DENIED, DENIED],
    "/diagnostics/new/": [OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
    "/diagnostics/{our_request}/": [OK, OK, OK, OK, OK, DENIED, DENIED, DENIED],
    "/diagnostics/{far_request}/": [
        HIDDEN,
        HIDDEN,
        HIDDEN,
        HIDDEN,
        HIDDEN,
        DENIED,
        DENIED,
        DENIED,
    ],  # practice 2 to RZ2
    "/diagnostics/{our_request}/book/": [302, 302, OK, OK, 302, DENIED, DENIED, DENIED],  # not yours: back to the page
    "/diagnostics/{far_request}/book/": [HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, DENIED, DENIED, DENIED],
    # Letter intake: trusts (and administrators) upload; administrators mend the quarantine.
    "/letters/upload/": [DENIED, DENIED, OK, OK, OK, DENIED, DENIED, OK],
    "/letters/quarantine/": [DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK],
    "/letters/quarantine/{held}/": [DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK],
    "/letters/quarantine/{held}/content/": [DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK],
    "/letters/timeliness/": [DENIED, DENIED, DENIED, DENIED, OK, OK, DENIED, OK],
    "/letters/timeliness/?trust=RZ2": [DENIED, DENIED, DENIED, DENIED, OK, OK, DENIED, OK],
    # Insights (issue 13): the ICB sees its own trusts' charts; a trust's interface lead only its own.
    "/insights/": [DENIED, DENIED, DENIED, DENIED, OK, OK, DENIED, OK],
    "/insights/demand/": [OK, OK, DENIED, DENIED, DENIED, OK, DENIED, OK],
    "/insights/RZ1/letters.clinic_letter_7_days/": [DENIED, DENIED, DENIED, DENIED, OK, OK, DENIED, OK],
    "/insights/RZ2/letters.clinic_letter_7_days/": [DENIED, DENIED, DENIED, DENIED, HIDDEN, OK, DENIED, OK],
    "/insights/RZ9/letters.clinic_letter_7_days/": [DENIED, DENIED, DENIED, DENIED, HIDDEN, HIDDEN, DENIED, HIDDEN],
    "/insights/RZ2/letters.clinic_letter_7_days/chart.svg": [DENIED, DENIED, DENIED, DENIED, HIDDEN, OK, DENIED, OK],
    "/insights/RZ9/pack.pdf": [DENIED, DENIED, DENIED, DENIED, HIDDEN, HIDDEN, DENIED, HIDDEN],
    "/insights/RZ2/letters.clinic_letter_7_days/2026-11/": [DENIED, DENIED, DENIED, DENIED, HIDDEN, OK, DENIED, OK],
    "/insights/RZ2/referrals.triaged_in_clock/2026-11/": [DENIED, DENIED, DENIED, DENIED, HIDDEN, OK, DENIED, OK],
    "/insights/RZ2/concerns.referee_upheld/2026-11/": [DENIED, DENIED, DENIED, DENIED, HIDDEN, OK, DENIED, OK],
    # The CSV: a practice (its own and unnamed peers), a trust's lead (its own), the ICB; the ICB's pack: the ICB.
    "/insights/export.csv": [OK, OK, DENIED, DENIED, OK, OK, DENIED, OK],
    "/insights/pack.pdf": [DENIED, DENIED, DENIED, DENIED, DENIED, OK, DENIED, OK],
    # The letter inbox: the practice's own letters only; reader accuracy for the practice and the ICB.
    "/letters/": [OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
    "/letters/{our_letter}/": [OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
    "/letters/{far_letter}/": [HIDDEN, HIDDEN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],  # practice 2's
    "/letters/accuracy/": [OK, OK, DENIED, DENIED, DENIED, OK, DENIED, OK],
    # Care coordination: the escalating practice, the hub of its ICB, and the team of the service it is with.
    "/coordination/": [OK, OK, OK, OK, DENIED, DENIED, 302, DENIED],  # the hub goes to its queue
    "/coordination/hub/": [DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK, DENIED],
    "/coordination/new/": [OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
    "/coordination/services/": [OK, OK, OK, OK, OK, OK, OK, OK],
    "/coordination/services/import/": [DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK, OK],
    "/coordination/services/export.json": [DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK, OK],
    "/coordination/services/{sdec}/capacity/": [DENIED, DENIED, OK, OK, DENIED, DENIED, DENIED, DENIED],
    "/coordination/services/{ucr}/capacity/": [DENIED, DENIED, HIDDEN, HIDDEN, DENIED, DENIED, DENIED, DENIED],
    "/coordination/{our_escalation}/": [OK, OK, HIDDEN, HIDDEN, DENIED, DENIED, OK, DENIED],
    "/coordination/{our_escalation}/status/": [OK, OK, HIDDEN, HIDDEN, DENIED, DENIED, OK, DENIED],
    "/coordination/{far_escalation}/": [HIDDEN, HIDDEN, HIDDEN, HIDDEN, DENIED, DENIED, OK, DENIED],  # practice 2's
    "/coordination/{our_escalation}/accept/": [302, 302, HIDDEN, HIDDEN, DENIED, DENIED, OK, DENIED],
    "/coordination/{far_escalation}/accept/": [HIDDEN, HIDDEN, HIDDEN, HIDDEN, DENIED, DENIED, OK, DENIED],
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
    "send_referral": [302, 302, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
    "accept_our_referral": [DENIED, DENIED, 302, DENIED, DENIED, DENIED, DENIED, DENIED],
    "accept_far_referral": [HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, DENIED, DENIED, DENIED],
    "send_diagnostic_request": [302, 302, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
    "book_our_request": [DENIED, DENIED, 302, 302, DENIED, DENIED, DENIED, DENIED],
    "book_far_request": [HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, DENIED, DENIED, DENIED],
    "cancel_our_request": [302, 302, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
    "upload_letter": [DENIED, DENIED, 302, 302, 302, DENIED, DENIED, 302],
    "retry_quarantined": [DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, 302],
    "answer_our_letter_action": [302, 302, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
    "file_our_letter": [302, 302, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
    "file_far_letter": [HIDDEN, HIDDEN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
    "unfile_far_letter": [HIDDEN, HIDDEN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
    "escalate_to_the_hub": [302, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED],
    "accept_our_escalation": [DENIED, DENIED, HIDDEN, HIDDEN, DENIED, DENIED, 302, DENIED],
    "import_urgent_services": [DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, 302, 302],
    "update_sdec_capacity": [DENIED, DENIED, 302, 302, DENIED, DENIED, DENIED, DENIED],
}


@pytest.fixture(scope="module")
def _seeded_world(
    django_db_setup: None, django_db_blocker: DjangoDbBlocker
) -> Iterator[tuple[SeededDirectory, dict[str, object]]]:
    """conftest's ICB and this module's world, built once per module on each worker (tests/module_seed.py). Every test
    asks for `db` through `icb` and `world` below, which also makes pytest-django create the test database."""
    with rolled_back_after_the_module(django_db_blocker):
        # As conftest's `icb` fixture, which the rest of the suite uses.
        icb = seed_directory(practices=3, trusts=3, sites_per_specialty=1, rng=random.Random(7))
        yield icb, _world(icb)


@pytest.fixture
def icb(_seeded_world: tuple[SeededDirectory, dict[str, object]], db: None) -> SeededDirectory:
    """The module's ICB (overrides conftest's `icb`, so `signed_in` uses it too), under this test's savepoint."""
    return _seeded_world[0]


@pytest.fixture
def world(_seeded_world: tuple[SeededDirectory, dict[str, object]], db: None) -> dict[str, object]:
    """The module's world (ids of the objects each page and action is tried on), under this test's savepoint."""
    return dict(_seeded_world[1])


def _world(icb: SeededDirectory) -> dict[str, object]:
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
        **_referrals(icb, ours),
        **_diagnostic_requests(icb),
        **_letters(icb),
        **_escalations(icb),
        "own_service": Service.objects.filter(trust=icb.trusts[0]).earliest("id").id,
        "other_service": Service.objects.filter(trust=icb.trusts[1]).earliest("id").id,
        "our_patient": ours.nhs_number,
        "far_patient": far.nhs_number,
        "held": QuarantinedMessage.objects.create(source="mesh", content=b"{", reason="Bad JSON").id,
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


def _referrals(icb, ours: Patient) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """One referral from the first practice to RZ1, one from the second practice to RZ2."""
    from joinedup.directory.access import Actor
    from joinedup.directory.models import RoleAssignment
    from joinedup.referrals.services import request_send

    theirs = Patient.objects.create(
        nhs_number="9990000042",
        given_name="Iris",
        family_name="Quarrie",
        date_of_birth=datetime.date(1990, 1, 1),
        registered_practice=icb.practices[1],
    )
    gp_assignments = RoleAssignment.objects.filter(person__username="gp").select_related("person", "organisation")
    sent: dict[str, object] = {}
    for key, patient, practice, trust in (
        ("our_referral", ours, icb.practices[0], icb.trusts[0]),
        ("far_referral", theirs, icb.practices[1], icb.trusts[1]),
    ):
        actor = Actor(person=gp_assignments[0].person, assignment=gp_assignments.get(organisation=practice))
        service = Service.objects.filter(trust=trust, specialty="cardiology").earliest("id")
        sent[key] = request_send(
            actor=actor, kind="referral", patient=patient, service=service, clinical_information="Chest pain"
        ).id
    return sent


def _diagnostic_requests(icb) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """One ultrasound request from the first practice to RZ1, one from the second practice to RZ2."""
    from joinedup.diagnostics.services import ClinicalDetails, request_send
    from joinedup.directory.access import Actor
    from joinedup.directory.models import RoleAssignment

    # The second practice's patient is made by _referrals when both run; made here if not.
    Patient.objects.get_or_create(
        nhs_number="9990000042",
        defaults={
            "given_name": "Carys",
            "family_name": "Pemberton",
            "date_of_birth": datetime.date(1997, 2, 28),
            "registered_practice": icb.practices[1],
        },
    )
    sent: dict[str, object] = {}
    for key, practice, trust, nhs_number in (
        ("our_request", icb.practices[0], icb.trusts[0], "9990000018"),
        ("far_request", icb.practices[1], icb.trusts[1], "9990000042"),
    ):
        assignment = RoleAssignment.objects.select_related("person", "organisation").get(
            person__username="gp", organisation=practice
        )
        sent[key] = request_send(
            actor=Actor(person=assignment.person, assignment=assignment),
            nhs_number=nhs_number,
            test="ultrasound",
            service=Service.objects.get(trust=trust, name="Direct access ultrasound"),
            priority="routine",
            clinical_question="Gallstones?",
            details=ClinicalDetails(body_site="Upper abdomen"),
        ).id
    return sent


def _letters(icb) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """A read letter for the first practice and one for the second."""
    from joinedup.letters.inbox.tests.helpers import make_letter

    ours = make_letter(icb.practices[0], icb.trusts[0])
    far = make_letter(icb.practices[1], icb.trusts[0])
    return {"our_letter": ours.id, "our_action": ours.actions.earliest("start").id, "far_letter": far.id}


def _escalations(icb) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The urgent services directory, and one escalation from each of the first two practices."""
    import json

    from joinedup.coordination.models import UrgentService
    from joinedup.coordination.tests.helpers import directory_file, escalate_one, load_directory
    from joinedup.directory.access import Actor
    from joinedup.directory.models import RoleAssignment

    hub = RoleAssignment.objects.select_related("person", "organisation").get(person__username="hub")
    load_directory(icb, Actor(person=hub.person, assignment=hub))
    sent: dict[str, object] = {}
    for key, practice, nhs_number in (
        ("our_escalation", icb.practices[0], "9990000018"),
        ("far_escalation", icb.practices[1], "9990000042"),
    ):
        gp = RoleAssignment.objects.select_related("person", "organisation").get(
            person__username="gp", organisation=practice
        )
        sent[key] = escalate_one(Actor(person=gp.person, assignment=gp), nhs_number).id
    ids = dict(UrgentService.objects.values_list("oruk_id", "id"))
    return {**sent, "ucr": ids["ucr"], "sdec": ids["sdec"], "oruk_file": json.dumps(directory_file(icb))}


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
        service = Service.objects.get(id=str(world["own_service"]))
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
    if action == "send_referral":
        service = Service.objects.filter(trust__ods_code="RZ1", specialty="cardiology").earliest("id")
        return client.post(
            "/referrals/new/referral/?specialty=cardiology",
            {
                "confirm": "1",  # sent from the check-your-answers page
                "nhs_number": "9990000018",
                "service": str(service.id),
                "priority": "routine",
                "clinical_information": "Palpitations",
            },
        )
    if action in ("accept_our_referral", "accept_far_referral"):
        referral_id = world["our_referral" if action == "accept_our_referral" else "far_referral"]
        return client.post(f"/referrals/{referral_id}/accept/", {"note": "", "version": "1"})
    if action == "answer_our_letter_action":
        letter_id, action_id = world["our_letter"], world["our_action"]
        return client.post(
            f"/letters/{letter_id}/actions/{action_id}/feedback/", {f"action-{action_id}-outcome": "done"}
        )
    if action in ("file_our_letter", "file_far_letter"):
        letter_id = world["our_letter" if action == "file_our_letter" else "far_letter"]
        return client.post(f"/letters/{letter_id}/file/", {"version": "1", "file_unanswered": "on"})
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
    if action == "send_diagnostic_request":
        return client.post(
            "/diagnostics/new/",
            {
                "confirm": "1",  # sent from the check-your-answers page
                "nhs_number": "9990000018",
                "test": "xray",
                "service": str(Service.objects.get(trust__ods_code="RZ1", name="Direct access X-ray").id),
                "priority": "routine",
                "clinical_question": "Knee pain: osteoarthritis?",
                "body_site": "Left knee",
                "pregnancy_status": "not_applicable",
                "justification": "Weight-bearing view to grade osteoarthritis before referral.",
            },
        )
    if action in ("book_our_request", "book_far_request"):
        request_id = world["our_request" if action == "book_our_request" else "far_request"]
        from django.utils import timezone

        today = timezone.localdate()
        return client.post(
            f"/diagnostics/{request_id}/book/",
            {
                "version": "1",
                "appointment_on_0": today.day,
                "appointment_on_1": today.month,
                "appointment_on_2": today.year,
            },
        )
    if action == "cancel_our_request":
        return client.post(f"/diagnostics/{world['our_request']}/cancel/", {"version": "1", "note": ""})
    if action == "upload_letter":
        return client.post(
            "/letters/upload/",
            {
                "pasted_text": "Plan: GP to repeat the U&Es in one week.",
                "nhs_number": "9990000018",
                "kind": "clinic_letter",
                "event_date_0": "2",
                "event_date_1": "11",
                "event_date_2": "2026",
            },
        )
    if action == "escalate_to_the_hub":
        return client.post(
            "/coordination/new/",
            {
                "nhs_number": "9990000018",
                "place": "home",
                "problem": "breathlessness",
                "details": "More breathless since yesterday",
                "urgency": "same_day",
                "consent": "on",
                "stage": "send",
            },
        )
    if action == "accept_our_escalation":
        return client.post(
            f"/coordination/{world['our_escalation']}/accept/", {"version": "1", "service": str(world["ucr"])}
        )
    if action == "import_urgent_services":
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile("dos.json", str(world["oruk_file"]).encode(), content_type="application/json")
        return client.post("/coordination/services/import/", {"file": upload})
    if action == "update_sdec_capacity":
        return client.post(
            f"/coordination/services/{world['sdec']}/capacity/",
            {"version": "1", "capacity": "full", "note": "Closed bay"},
        )
    if action == "retry_quarantined":
        return client.post(f"/letters/quarantine/{world['held']}/retry/")
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
