"""A concern's life: routing, the one table of steps, who may take each, clocks, audit and timeline."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings

from joinedup.audit.models import AuditEvent
from joinedup.concerns import services
from joinedup.concerns.models import Concern, State
from joinedup.concerns.tests.helpers import raise_one, step
from joinedup.directory.models import Role, Service


def test_a_concern_about_a_trust_goes_to_its_designated_lead(icb, actor_for) -> None:
    concern = raise_one(actor_for("gp_clinician"), icb.trusts[0])
    assert concern.routed_to_org == icb.trusts[0]
    assert concern.routed_to_person == icb.trusts[0].designated_interface_lead
    assert concern.icb == icb.icb
    assert concern.events.get().note.startswith("Routed to")


def test_a_trust_with_no_lead_routes_to_its_icb(icb, actor_for) -> None:
    no_lead = icb.trusts[-1]
    assert no_lead.designated_interface_lead_id is None
    concern = raise_one(actor_for("gp_clinician"), no_lead)
    assert concern.routed_to_org == icb.icb and concern.routed_to_person is None
    assert "no designated interface lead" in concern.events.get().note
    # ... and the ICB analyst, who receives it, can acknowledge it.
    assert [a for a, _ in services.allowed_actions(actor_for("icb_analyst"), concern)] == ["acknowledge"]


def test_a_concern_about_a_practice_routes_to_the_icb(icb, actor_for) -> None:
    concern = raise_one(actor_for("consultant"), icb.practices[0])
    assert concern.routed_to_org == icb.icb


def test_the_whole_life_with_escalation(icb, actor_for) -> None:
    gp, lead, analyst = actor_for("gp_clinician"), actor_for("trust_interface_lead"), actor_for("icb_analyst")
    concern = raise_one(gp, icb.trusts[0])
    assert services.allowed_actions(gp, concern) == []
    step(lead, concern, "acknowledge")
    step(lead, concern, "respond", "We have reminded the team to chase their own results.")
    concern.refresh_from_db()
    assert [a for a, _ in services.allowed_actions(gp, concern)] == ["close", "escalate"]
    assert services.allowed_actions(lead, concern) == []
    step(gp, concern, "escalate", "It keeps happening.")
    step(analyst, concern, "decide", "The trust must chase its own results; reviewed at the next board.")
    concern.refresh_from_db()
    assert concern.state == State.DECIDED and concern.closed_at is not None and concern.version == 5
    assert [e.to_state for e in concern.events.all()] == ["raised", "acknowledged", "responded", "escalated", "decided"]
    actions = list(
        AuditEvent.objects.filter(object_id=str(concern.id), object_type="concerns.concern").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == sorted(
        ["concern.raised", "concern.acknowledge", "concern.respond", "concern.escalate", "concern.decide"]
    )


def test_the_raiser_can_agree_and_close(icb, actor_for) -> None:
    admin, lead = actor_for("practice_admin"), actor_for("trust_interface_lead")
    concern = raise_one(admin, icb.trusts[0])
    step(lead, concern, "acknowledge")
    step(lead, concern, "respond")
    step(admin, concern, "close", "")
    concern.refresh_from_db()
    assert concern.state == State.CLOSED


@pytest.mark.parametrize("role", ["gp_clinician", "consultant", "triage_admin", "icb_analyst", "system_admin"])
def test_only_the_recipient_may_acknowledge(icb, actor_for, role: str) -> None:
    concern = raise_one(actor_for("gp_clinician"), icb.trusts[0])
    with pytest.raises(ValidationError):
        step(actor_for(role), concern, "acknowledge")
    concern.refresh_from_db()
    assert concern.state == State.RAISED and concern.version == 1


def test_steps_out_of_order_are_refused(icb, actor_for) -> None:
    gp, lead = actor_for("gp_clinician"), actor_for("trust_interface_lead")
    concern = raise_one(gp, icb.trusts[0])
    for actor, action in [(lead, "respond"), (gp, "escalate"), (gp, "close"), (actor_for("icb_analyst"), "decide")]:
        with pytest.raises(ValidationError):
            step(actor, concern, action)
    assert Concern.objects.get(id=concern.id).state == State.RAISED


def test_a_required_note_is_required(icb, actor_for) -> None:
    lead = actor_for("trust_interface_lead")
    concern = raise_one(actor_for("gp_clinician"), icb.trusts[0])
    step(lead, concern, "acknowledge", "")
    with pytest.raises(ValidationError) as refused:
        step(lead, concern, "respond", "   ")
    assert refused.value.message_dict == {"note": ["Enter your response"]}


def test_a_second_person_working_from_an_old_version_is_refused_and_nothing_is_applied_twice(icb, actor_for) -> None:
    lead = actor_for("trust_interface_lead")
    concern = raise_one(actor_for("gp_clinician"), icb.trusts[0])
    seen_version = concern.version
    services.concern_act(
        actor=lead, concern_id=concern.id, action="acknowledge", note="", expected_version=seen_version
    )
    with pytest.raises(services.StaleAction, match="now 'Acknowledged'"):
        services.concern_act(
            actor=lead, concern_id=concern.id, action="acknowledge", note="", expected_version=seen_version
        )
    assert concern.events.filter(action="acknowledge").count() == 1
    assert AuditEvent.objects.filter(action="concern.acknowledge", object_id=str(concern.id)).count() == 1


def test_every_open_state_has_a_way_forward_and_the_table_only_moves_forward() -> None:
    order = [State.RAISED, State.ACKNOWLEDGED, State.RESPONDED, State.ESCALATED, State.CLOSED, State.DECIDED]
    for (state, _), transition in services.TRANSITIONS.items():
        if transition.assigns:  # naming a clinical team keeps the concern where it is
            assert transition.to == state
            continue
        assert order.index(State(transition.to)) > order.index(State(state))
    froms = {state for state, _ in services.TRANSITIONS}
    assert froms == {State.RAISED, State.ACKNOWLEDGED, State.RESPONDED, State.ESCALATED}


@override_settings(CONCERN_ACKNOWLEDGE_WORKING_DAYS=2, CONCERN_RESPONSE_WORKING_DAYS=10)
def test_clocks_count_working_days_over_a_bank_holiday() -> None:
    # Raised Thursday 2 April 2026: Good Friday and Easter Monday do not count.
    ack, respond = services.due_dates(datetime.date(2026, 4, 2))
    assert ack == datetime.date(2026, 4, 8)
    assert respond == datetime.date(2026, 4, 20)


@override_settings(CONCERN_ACKNOWLEDGE_WORKING_DAYS=1, CONCERN_RESPONSE_WORKING_DAYS=3)
def test_clocks_follow_the_settings(icb, actor_for) -> None:
    concern = raise_one(actor_for("gp_clinician"), icb.trusts[0])
    raised = concern.raised_at.date()
    assert concern.acknowledge_due > raised
    assert concern.response_due > concern.acknowledge_due


def test_overdue_is_by_the_clock_that_ran_out(icb, actor_for) -> None:
    concern = raise_one(actor_for("gp_clinician"), icb.trusts[0])
    assert concern.overdue_on(concern.acknowledge_due) == ""
    assert concern.overdue_on(concern.acknowledge_due + datetime.timedelta(days=1)) == "acknowledgement"
    concern.state = State.ACKNOWLEDGED
    assert concern.overdue_on(concern.acknowledge_due + datetime.timedelta(days=1)) == ""
    assert concern.overdue_on(concern.response_due + datetime.timedelta(days=1)) == "response"
    concern.state = State.RESPONDED
    assert concern.overdue_on(concern.response_due + datetime.timedelta(days=30)) == ""


def test_raising_validates_every_field(icb, actor_for) -> None:
    gp = actor_for("gp_clinician")
    with pytest.raises(ValidationError) as refused:
        services.concern_raise(
            actor=gp,
            about_org=icb.practices[0],
            rule="nonsense",
            severity="extreme",
            what_happened=" ",
            patient_nhs_number="9990000019",
        )
    errors = refused.value.message_dict
    assert set(errors) == {"about", "rule", "severity", "what_happened", "nhs_number"}
    assert errors["nhs_number"] == ["Enter a valid NHS number: the check digit does not match"]
    assert Concern.objects.count() == 0


def test_a_hub_or_an_analyst_cannot_raise(icb, actor_for) -> None:
    from django.core.exceptions import PermissionDenied

    for role in ("hub_coordinator", "icb_analyst"):
        with pytest.raises(PermissionDenied):
            raise_one(actor_for(role), icb.trusts[0])


def test_any_interface_lead_of_the_trust_may_act(icb, actor_for) -> None:
    from joinedup.directory.access import Actor
    from joinedup.directory.models import Person, RoleAssignment

    deputy = Person.objects.create_user(username="deputy", password="x" * 12)
    assignment = RoleAssignment.objects.create(
        person=deputy, organisation=icb.trusts[0], role=Role.TRUST_INTERFACE_LEAD
    )
    concern = raise_one(actor_for("gp_clinician"), icb.trusts[0])
    step(Actor(person=deputy, assignment=assignment), concern, "acknowledge")
    assert Concern.objects.get(id=concern.id).state == State.ACKNOWLEDGED


def test_the_raiser_may_escalate_an_unanswered_concern_once_its_clock_has_run_out(icb, actor_for) -> None:
    gp, analyst = actor_for("gp_clinician"), actor_for("icb_analyst")
    concern = raise_one(gp, icb.trusts[0])
    assert services.allowed_actions(gp, concern) == []  # nothing to escalate while the trust is in time
    with pytest.raises(ValidationError):
        step(gp, concern, "escalate", "No answer yet.")
    Concern.objects.filter(id=concern.id).update(
        acknowledge_due=datetime.date(2020, 1, 2), response_due=datetime.date(2020, 1, 9)
    )
    concern.refresh_from_db()
    assert [a for a, _ in services.allowed_actions(gp, concern)] == ["escalate"]
    step(gp, concern, "escalate", "No acknowledgement after the clock ran out.")
    step(analyst, concern, "decide", "The trust is asked to name a deputy lead.")
    concern.refresh_from_db()
    assert [e.to_state for e in concern.events.all()] == ["raised", "escalated", "decided"]


def test_the_lead_assigns_a_concern_to_a_clinical_team_of_the_trust(
    icb, actor_for, django_capture_on_commit_callbacks
) -> None:
    """Issue 12: the interface lead asks a clinical team to look into it; the response stays the lead's."""
    gp, lead = actor_for("gp_clinician"), actor_for("trust_interface_lead")
    concern = raise_one(gp, icb.trusts[0])
    assert "assign" in [a for a, _ in services.allowed_actions(lead, concern)]
    assert "assign" not in [a for a, _ in services.allowed_actions(gp, concern)]
    elsewhere = Service.objects.filter(trust=icb.trusts[1]).earliest("id")
    with pytest.raises(ValidationError) as wrong:
        step(lead, concern, "assign", service_id=elsewhere.id)
    assert wrong.value.message_dict == {"service": ["Select the clinical team to look into it"]}
    team = Service.objects.filter(trust=icb.trusts[0], specialty="cardiology").earliest("id")
    with django_capture_on_commit_callbacks(execute=True):
        assigned = step(lead, concern, "assign", "Please review the echo follow-up.", service_id=team.id)
    assert assigned.state == State.RAISED and assigned.assigned_service == team and assigned.version == 2
    assert (
        assigned.events.order_by("id").reverse()[0].note
        == f"Assigned to {team.name}. Please review the echo follow-up."
    )
    assert any("assigned to your team" in m.subject for m in mail.outbox)
    step(lead, assigned, "acknowledge")
    assert "assign" in [a for a, _ in services.allowed_actions(lead, Concern.objects.get(id=concern.id))]
    # A concern the ICB answers (no lead, or about a practice) has no teams to assign to.
    to_icb = raise_one(gp, icb.trusts[-1])
    assert "assign" not in [a for a, _ in services.allowed_actions(actor_for("icb_analyst"), to_icb)]
