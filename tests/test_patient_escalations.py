"""Issue 15 / decision 0023: urgent escalations on the patient's own page.

Care coordination and the patient's view are sibling apps kept apart (neither imports the other),
so coordination registers its items with core.patient_items; this test lives outside both apps
because it drives both.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from joinedup.audit.models import AuditEvent
from joinedup.coordination import presenters as coordination_presenters
from joinedup.coordination.models import UrgentService
from joinedup.coordination.tests.helpers import (
    care_home_resident,
    escalate_one,
    load_directory,
    neighbourhood_actor,
    step,
)
from joinedup.core import patient_items
from joinedup.patientview import selectors as patientview_selectors
from joinedup.patientview.models import PatientQuestion
from joinedup.patientview.tests.oidc import nhs_login_user, provider, settings_for, sign_in

EDNA = "9990000018"
OTHER = "9990000026"


@pytest.fixture
def nhs_login(settings):  # type: ignore[no-untyped-def]
    with provider(nhs_login_user("edna", EDNA), nhs_login_user("other", OTHER)) as base:
        for name, value in settings_for(base).items():
            setattr(settings, name, value)
        yield base


@pytest.fixture
def hub_world(icb, actor_for):  # type: ignore[no-untyped-def]
    load_directory(icb, actor_for("hub_coordinator"))
    care_home_resident(icb.practices[0])
    care_home_resident(icb.practices[0], OTHER)
    return icb


def _card(page: str, key: str) -> str:
    start = page.index(f'id="{key}"')
    return page[start : page.find('class="nhsuk-card"', start + 1)]


def test_a_new_escalation_shows_the_hub_with_its_contact_point_and_a_question_goes_to_the_hub(
    nhs_login, hub_world, actor_for, signed_in
) -> None:
    escalation = escalate_one(actor_for("gp_clinician"))
    hub = hub_world.hub
    patient = Client()
    sign_in(patient, "edna")
    page = patient.get("/my/").content.decode()
    card = _card(page, f"escalation-{escalation.id}")
    assert "Urgent care after a fall" in card
    assert "The hub is finding a team to help you. They aim to do this within 2 hours." in card
    assert patient_items.OWNER_LABELS[patient_items.HUB] in card
    assert f'href="tel:{hub.phone.replace(" ", "")}"' in card and f'href="mailto:{hub.email}"' in card
    assert hub.hours in card
    event = AuditEvent.objects.filter(action="patientview.viewed", patient_nhs_number=EDNA).latest("id")
    assert event.details["others"] == [f"escalation-{escalation.id}"]

    response = patient.post(f"/my/escalation-{escalation.id}/question/", {"question": "When will they come?"})
    assert response.status_code == 302
    asked = PatientQuestion.objects.get()
    assert asked.owner_id == hub.id and asked.item_key == f"escalation-{escalation.id}"

    coordinator = signed_in("hub_coordinator")
    assert "Patient questions" in coordinator.get("/").content.decode()
    assert f"/patient-questions/{asked.id}/" in coordinator.get("/patient-questions/hub/").content.decode()
    answered = coordinator.post(f"/patient-questions/{asked.id}/", {"answer": "Within the hour.", "version": 1})
    assert answered.status_code == 302
    assert "Within the hour." in patient.get("/my/").content.decode()


def test_accepted_the_urgent_service_has_the_next_step_with_its_own_phone(nhs_login, hub_world, actor_for) -> None:
    escalation = escalate_one(actor_for("gp_clinician"))
    ucr = UrgentService.objects.get(oruk_id="ucr")
    step(actor_for("hub_coordinator"), escalation, "accept", service_id=ucr.id)
    patient = Client()
    sign_in(patient, "edna")
    card = _card(patient.get("/my/").content.decode(), f"escalation-{escalation.id}")
    assert f"The {ucr.name} team has said they will help you." in card
    assert patient_items.OWNER_LABELS[patient_items.URGENT_SERVICE] in card
    assert 'href="tel:01632960001"' in card and 'href="mailto:ucr@joinedup.example"' in card
    patient.post(f"/my/escalation-{escalation.id}/question/", {"question": "Who is coming?"})
    escalation.refresh_from_db()
    assert PatientQuestion.objects.get().owner_id == escalation.service_organisation_id
    team = neighbourhood_actor(hub_world)
    worklist = Client()
    worklist.force_login(team.person)
    assert "Who is coming?" in worklist.get(f"/patient-questions/{PatientQuestion.objects.get().id}/").content.decode()


def test_declined_the_advice_shows_in_plain_words_and_the_practice_has_the_next_step(
    nhs_login, hub_world, actor_for
) -> None:
    escalation = escalate_one(actor_for("gp_clinician"))
    step(actor_for("hub_coordinator"), escalation, "decline", reason="not_urgent", advice="See the GP tomorrow.")
    patient = Client()
    sign_in(patient, "edna")
    card = _card(patient.get("/my/").content.decode(), f"escalation-{escalation.id}")
    assert coordination_presenters.PLAIN_DECLINE_REASONS["not_urgent"] in card
    assert "See the GP tomorrow." in card and "Your GP practice will contact you" in card
    practice = hub_world.practices[0]
    assert practice.name in card and f'href="tel:{practice.phone.replace(" ", "")}"' in card


def test_another_patients_escalation_is_never_shown_nor_askable(nhs_login, hub_world, actor_for) -> None:
    mine = escalate_one(actor_for("gp_clinician"))
    theirs = escalate_one(actor_for("gp_clinician"), OTHER)
    patient = Client()
    sign_in(patient, "edna")
    page = patient.get("/my/").content.decode()
    assert f"escalation-{mine.id}" in page and f"escalation-{theirs.id}" not in page
    assert patient.get(f"/my/escalation-{theirs.id}/question/").status_code == 404
    assert patient.post(f"/my/escalation-{theirs.id}/question/", {"question": "x"}).status_code == 404
    assert not PatientQuestion.objects.exists()


def test_the_page_loads_escalations_in_a_bounded_number_of_queries(nhs_login, hub_world, actor_for) -> None:
    gp, hub = actor_for("gp_clinician"), actor_for("hub_coordinator")
    ucr = UrgentService.objects.get(oruk_id="ucr")
    first = escalate_one(gp)
    step(hub, first, "accept", service_id=ucr.id)
    patient = Client()
    sign_in(patient, "edna")
    with CaptureQueriesContext(connection) as one:
        assert patient.get("/my/").status_code == 200
    for _ in range(4):
        step(hub, escalate_one(gp), "accept", service_id=ucr.id)
    with CaptureQueriesContext(connection) as five:
        page = patient.get("/my/").content.decode()
    assert page.count('id="escalation-') == 5
    assert len(five.captured_queries) == len(one.captured_queries)


def test_the_demo_signs_in_an_escalated_patient(hub_world, actor_for) -> None:
    escalation = escalate_one(actor_for("gp_clinician"), OTHER)
    assert ("patient-escalations-1", escalation.patient_nhs_number) in patientview_selectors.demo_patients()
