"""An escalation's life: sent with its matches, accepted, handed over, declined, outcome recorded; audit and email."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from joinedup.audit.models import AuditEvent
from joinedup.coordination import selectors, services
from joinedup.coordination.models import Escalation, EscalationEvent, State, UrgentService
from joinedup.coordination.tests.helpers import (
    care_home_resident,
    escalate_one,
    escalation_input,
    load_directory,
    neighbourhood_actor,
    step,
)
from joinedup.directory.models import Organisation, OrganisationKind


@pytest.fixture
def hub_world(icb, actor_for):  # type: ignore[no-untyped-def]
    load_directory(icb, actor_for("hub_coordinator"))
    care_home_resident(icb.practices[0])
    return icb


def test_a_gp_escalates_a_care_home_resident_after_a_fall_with_the_services_matched(
    hub_world, actor_for, django_capture_on_commit_callbacks
) -> None:
    gp = actor_for("gp_clinician")
    with django_capture_on_commit_callbacks(execute=True):
        escalation = escalate_one(gp)
    assert escalation.state == State.NEW
    assert escalation.hub == hub_world.hub
    assert escalation.response_due == escalation.escalated_at + datetime.timedelta(hours=2)
    fits = [m["name"] for m in escalation.matches if m["fits"]]
    assert fits == ["Pellbridge Falls Response", "Pellbridge Urgent Community Response"]
    ward = next(m for m in escalation.matches if m["kind"] == "virtual_ward")
    assert not ward["open_now"] and not ward["fits"]
    ari = next(m for m in escalation.matches if m["kind"] == "ari_hub")
    assert "does not take care home residents" in next(r["text"] for r in ari["reasons"] if r["what"] == "eligible")
    assert AuditEvent.objects.filter(action="escalation.escalated", patient_nhs_number="9990000018").count() == 1
    assert [m.to for m in mail.outbox] == [["hub@joinedup.example"]]
    assert "Edna" not in mail.outbox[0].body and escalation.reference in mail.outbox[0].subject


def test_the_hub_accepts_for_ucr_and_the_ucr_team_records_admission_avoided(
    hub_world, actor_for, django_capture_on_commit_callbacks
) -> None:
    gp, hub = actor_for("gp_clinician"), actor_for("hub_coordinator")
    team = neighbourhood_actor(hub_world)
    escalation = escalate_one(gp)
    ucr = UrgentService.objects.get(oruk_id="ucr")
    assert [a for a, _ in services.WORKFLOW.allowed(hub, escalation)] == ["accept", "decline"]
    assert services.WORKFLOW.allowed(team, escalation) == []
    with django_capture_on_commit_callbacks(execute=True):
        step(hub, escalation, "accept", service_id=ucr.id)
    escalation.refresh_from_db()
    assert (escalation.state, escalation.service, escalation.service_kind) == (State.ACCEPTED, ucr, "ucr")
    assert {tuple(m.to) for m in mail.outbox} == {("gp@joinedup.example",), ("ucr.team@joinedup.example",)}
    assert [a for a, _ in services.WORKFLOW.allowed(team, escalation)] == ["record_outcome"]
    seen_at = timezone.now()
    step(team, escalation, "record_outcome", outcome="admission_avoided", outcome_at=seen_at)
    escalation.refresh_from_db()
    assert (escalation.state, escalation.outcome, escalation.outcome_at) == (
        State.OUTCOME_RECORDED,
        "admission_avoided",
        seen_at,
    )
    assert [e.action for e in selectors.timeline(escalation)] == ["escalated", "accept", "record_outcome"]
    assert list(
        AuditEvent.objects.filter(object_id=str(escalation.id)).order_by("id").values_list("action", flat=True)
    ) == [
        "escalation.escalated",
        "escalation.accept",
        "escalation.record_outcome",
    ]


def test_hand_over_moves_it_to_another_service_and_its_team(hub_world, actor_for) -> None:
    hub = actor_for("hub_coordinator")
    escalation = escalate_one(actor_for("gp_clinician"))
    step(hub, escalation, "accept", service_id=UrgentService.objects.get(oruk_id="ucr").id)
    sdec = UrgentService.objects.get(oruk_id="sdec")
    with pytest.raises(ValidationError) as missing:
        step(hub, escalation, "hand_over", service_id=sdec.id, note="")
    assert missing.value.message_dict == {"note": ["Say why it is handed over"]}
    step(hub, escalation, "hand_over", service_id=sdec.id, note="UCR cannot reach her in time")
    escalation.refresh_from_db()
    assert (escalation.state, escalation.service_organisation) == (State.HANDED_OVER, hub_world.trusts[0])
    consultant = actor_for("consultant")  # the SDEC's trust responds now, not the community provider
    assert [a for a, _ in services.WORKFLOW.allowed(consultant, escalation)] == ["record_outcome"]
    assert services.WORKFLOW.allowed(neighbourhood_actor(hub_world), escalation) == []


def test_decline_needs_a_reason_and_advice(hub_world, actor_for) -> None:
    hub = actor_for("hub_coordinator")
    escalation = escalate_one(actor_for("gp_clinician"))
    with pytest.raises(ValidationError) as missing:
        step(hub, escalation, "decline", reason="", advice="")
    assert missing.value.message_dict == {
        "reason": ["Select why the escalation is declined"],
        "advice": ["Enter your advice to the person who escalated"],
    }
    step(hub, escalation, "decline")
    escalation.refresh_from_db()
    assert (escalation.state, escalation.decline_reason) == (State.DECLINED, "not_urgent")
    assert not escalation.is_open


def test_a_stale_page_is_told_and_nothing_applies_twice(hub_world, actor_for) -> None:
    hub = actor_for("hub_coordinator")
    escalation = escalate_one(actor_for("gp_clinician"))
    ucr = UrgentService.objects.get(oruk_id="ucr")
    services.take(actor=hub, escalation_id=escalation.id, action="accept", expected_version=1, service_id=ucr.id)
    with pytest.raises(services.StaleAction, match="it is now 'Accepted'"):
        services.take(actor=hub, escalation_id=escalation.id, action="accept", expected_version=1, service_id=ucr.id)
    assert EscalationEvent.objects.filter(escalation=escalation, action="accept").count() == 1


def test_the_gp_cannot_take_the_hubs_steps_and_an_outcome_cannot_be_in_the_future(hub_world, actor_for) -> None:
    gp, hub = actor_for("gp_clinician"), actor_for("hub_coordinator")
    escalation = escalate_one(gp)
    with pytest.raises(ValidationError, match="You cannot do that"):
        step(gp, escalation, "accept", service_id=UrgentService.objects.get(oruk_id="ucr").id)
    step(hub, escalation, "accept", service_id=UrgentService.objects.get(oruk_id="ucr").id)
    with pytest.raises(ValidationError) as future:
        step(
            neighbourhood_actor(hub_world),
            escalation,
            "record_outcome",
            outcome_at=timezone.now() + datetime.timedelta(days=365),
        )
    assert future.value.message_dict == {"outcome_at": ["It cannot be in the future"]}


def test_bad_input_is_named_field_by_field(hub_world, actor_for) -> None:
    gp = actor_for("gp_clinician")
    data = escalation_input(
        "9990000026", place="garden", problem="", details="  ", news2=21, urgency="", consent=False, postcode="١٢٣"
    )
    errors, _ = services.escalation_problems(gp, data)
    assert errors == {
        "nhs_number": "No patient with this NHS number is registered at your practice",
        "place": "Select where the patient is",
        "postcode": "Enter a postcode like PB1 4XY, or leave it blank",
        "problem": "Select the presenting problem",
        "details": "Describe the problem: what has changed and what you found",
        "news2": "NEWS2 is a score from 0 to 20",
        "urgency": "Select how soon the patient needs to be seen",
        "consent": "Confirm the patient (or their representative) agrees to the referral",
    }


def test_who_sees_an_escalation(hub_world, actor_for) -> None:
    escalation = escalate_one(actor_for("gp_clinician"))
    for role in ("gp_clinician", "practice_admin", "hub_coordinator"):
        assert selectors.escalation_for(actor_for(role), escalation.id) == escalation
    # The service's team sees it only once it is theirs; the trust and the ICB never see it unless it is theirs.
    with pytest.raises(Http404):
        selectors.escalation_for(neighbourhood_actor(hub_world), escalation.id)
    with pytest.raises(Http404):
        selectors.escalation_for(actor_for("consultant"), escalation.id)


def test_another_icbs_hub_cannot_see_it(hub_world, actor_for) -> None:
    from joinedup.directory.access import Actor
    from joinedup.directory.models import Person, Role, RoleAssignment

    escalation = escalate_one(actor_for("gp_clinician"))
    far_icb = Organisation.objects.create(ods_code="QZ9", name="Far ICB", kind=OrganisationKind.ICB)
    far_hub = Organisation.objects.create(ods_code="ZH9", name="Far Hub", kind=OrganisationKind.HUB, icb=far_icb)
    person = Person.objects.create(username="far.hub")
    far = Actor(person, RoleAssignment.objects.create(person=person, organisation=far_hub, role=Role.HUB_COORDINATOR))
    with pytest.raises(Http404):
        selectors.escalation_for(far, escalation.id)
    assert not selectors.hub_queue(far).exists()


def test_a_neighbourhood_team_escalates_a_patient_of_its_icb(hub_world, actor_for) -> None:
    escalation = escalate_one(neighbourhood_actor(hub_world), urgency="same_day", place="home")
    assert escalation.from_organisation.ods_code == "NL1"
    assert escalation.practice == hub_world.practices[0]
    # The patient's practice sees it too.
    assert selectors.escalation_for(actor_for("gp_clinician"), escalation.id) == escalation


def test_the_hub_queue_puts_new_two_hour_escalations_first_and_counts_overdue(hub_world, actor_for) -> None:
    gp, hub = actor_for("gp_clinician"), actor_for("hub_coordinator")
    same_day = escalate_one(gp, urgency="same_day")
    late = escalate_one(gp)
    Escalation.objects.filter(id=late.id).update(
        escalated_at=timezone.now() - datetime.timedelta(hours=3),
        response_due=timezone.now() - datetime.timedelta(hours=1),
    )
    soon = escalate_one(gp)
    accepted = escalate_one(gp)
    step(hub, accepted, "accept", service_id=UrgentService.objects.get(oruk_id="ucr").id)
    assert list(selectors.hub_queue(hub)) == [late, soon, same_day, accepted]
    assert selectors.hub_waiting_count(hub) == 3  # three new (one of them overdue)
    assert selectors.summary(selectors.hub_queue(hub, which="all"))["overdue"] == 1


def test_capacity_is_updated_by_the_service_itself(hub_world, actor_for) -> None:
    team = neighbourhood_actor(hub_world)
    ucr = UrgentService.objects.get(oruk_id="ucr")
    services.capacity_update(
        actor=team, service_id=ucr.id, capacity="full", note="Two staff off sick", expected_version=ucr.version
    )
    ucr.refresh_from_db()
    assert (ucr.capacity, ucr.capacity_note) == ("full", "Two staff off sick")
    sdec = UrgentService.objects.get(oruk_id="sdec")  # the trust's, not the community provider's
    with pytest.raises(UrgentService.DoesNotExist):
        services.capacity_update(
            actor=team, service_id=sdec.id, capacity="full", note="", expected_version=sdec.version
        )
    # A full service no longer fits.
    later = escalate_one(actor_for("gp_clinician"))
    assert [m["name"] for m in later.matches if m["fits"]] == ["Pellbridge Falls Response"]
