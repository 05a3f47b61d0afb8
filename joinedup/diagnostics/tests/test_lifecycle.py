"""A diagnostic request's life: the one table of steps and who may take each, the clock, scoping, counts, email."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.test import override_settings
from django.utils import timezone

from joinedup.audit.models import AuditEvent
from joinedup.diagnostics import selectors, services
from joinedup.diagnostics.models import DiagnosticRequest, State
from joinedup.diagnostics.tests.helpers import patient_at, send_one, step
from joinedup.directory.access import Actor
from joinedup.directory.models import Person, Role, RoleAssignment

ROLES = ["gp_clinician", "practice_admin", "consultant", "triage_admin", "trust_interface_lead", "icb_analyst"]
# Written out here, apart from services.TRANSITIONS, so that a change to the table shows as a failing test.
EXPECTED: dict[tuple[str, str], set[str]] = {
    ("requested", "book"): {"consultant", "triage_admin"},
    ("requested", "reject"): {"consultant"},
    ("requested", "cancel"): {"gp_clinician", "practice_admin"},
    ("booked", "rebook"): {"consultant", "triage_admin"},
    ("booked", "done"): {"consultant", "triage_admin"},
    ("booked", "reject"): {"consultant"},
    ("booked", "cancel"): {"gp_clinician", "practice_admin"},
    ("done", "report"): {"consultant"},
    ("reported", "file"): {"gp_clinician"},
}
# How to bring a new request to each state.
PATHS = {
    "requested": [],
    "booked": [("triage_admin", "book")],
    "done": [("triage_admin", "book"), ("triage_admin", "done")],
    "reported": [("triage_admin", "book"), ("triage_admin", "done"), ("consultant", "report")],
    "filed": [("triage_admin", "book"), ("triage_admin", "done"), ("consultant", "report"), ("gp_clinician", "file")],
    "rejected": [("consultant", "reject")],
    "cancelled": [("gp_clinician", "cancel")],
}


class Rollback(Exception):
    pass


@pytest.fixture
def sent(icb, actor_for) -> DiagnosticRequest:
    patient_at(icb.practices[0])
    return send_one(actor_for("gp_clinician"), icb.trusts[0])


def test_the_table_here_covers_every_state() -> None:
    assert set(PATHS) == set(State.values)
    assert set(EXPECTED) == set(services.TRANSITIONS)


@pytest.mark.parametrize("state", list(PATHS))
def test_each_step_is_allowed_or_refused_per_the_table(sent, actor_for, state: str) -> None:
    for role, action in PATHS[state]:
        step(actor_for(role), sent, action)
    sent.refresh_from_db()
    assert sent.state == state
    for role in ROLES:
        actor = actor_for(role)
        offered = {action for action, _ in services.allowed_actions(actor, sent)}
        expected = {action for (s, action), roles in EXPECTED.items() if s == state and role in roles}
        assert offered == expected, f"{role} in {state}"
        for action in services.ACTIONS:
            if action in expected:
                with pytest.raises(Rollback), transaction.atomic():
                    moved = step(actor, sent, action)
                    assert moved.state == services.TRANSITIONS[(state, action)].to
                    raise Rollback
            else:
                with pytest.raises(ValidationError):
                    step(actor, sent, action)
        sent.refresh_from_db()
        assert sent.state == state and sent.version == 1 + len(PATHS[state])


def test_the_whole_journey_is_audited_and_on_the_timeline(sent, actor_for) -> None:
    triage, consultant = actor_for("triage_admin"), actor_for("consultant")
    step(triage, sent, "book")
    step(triage, sent, "done")
    reported = step(consultant, sent, "report", report="Normal gallbladder.")
    assert reported.state == State.REPORTED and reported.reported_by == consultant.person
    assert reported.report_text == "Normal gallbladder." and reported.version == 4
    assert [e.to_state for e in selectors.timeline(reported)] == ["requested", "booked", "done", "reported"]
    assert selectors.timeline(reported)[-1].note == "Normal gallbladder."
    actions = set(
        AuditEvent.objects.filter(object_type="diagnostics.diagnosticrequest", object_id=str(sent.id)).values_list(
            "action", "patient_nhs_number"
        )
    )
    assert actions == {(f"diagnostic_request.{a}", "9990000018") for a in ("requested", "book", "done", "report")}


@pytest.mark.parametrize("missing", ["reason", "advice"])
def test_a_rejection_needs_a_coded_reason_and_clinical_advice(sent, actor_for, missing: str) -> None:
    with pytest.raises(ValidationError) as refused:
        step(actor_for("consultant"), sent, "reject", **{missing: ""})
    assert missing in refused.value.error_dict
    sent.refresh_from_db()
    assert sent.state == State.REQUESTED and sent.version == 1
    with pytest.raises(ValidationError):
        step(actor_for("consultant"), sent, "reject", reason="not_a_code")


def test_a_report_needs_text_and_a_booking_a_date_not_in_the_past(sent, actor_for) -> None:
    triage = actor_for("triage_admin")
    with pytest.raises(ValidationError) as refused:
        step(triage, sent, "book", appointment_on=timezone.localdate() - datetime.timedelta(days=1))
    assert "appointment_on" in refused.value.error_dict
    step(triage, sent, "book")
    step(triage, sent, "done")
    with pytest.raises(ValidationError):
        step(actor_for("consultant"), sent, "report", report="   ")


def test_a_test_is_recorded_as_done_only_from_its_appointment_day(sent, actor_for) -> None:
    triage = actor_for("triage_admin")
    step(triage, sent, "book", appointment_on=timezone.localdate() + datetime.timedelta(days=3))
    sent.refresh_from_db()
    assert [a for a, _ in services.allowed_actions(triage, sent)] == ["rebook"]
    with pytest.raises(ValidationError):
        step(triage, sent, "done")


def test_an_acting_person_with_a_stale_version_is_told_and_nothing_changes(sent, actor_for) -> None:
    step(actor_for("triage_admin"), sent, "book")
    with pytest.raises(services.StaleAction, match="Someone else changed this request"):
        services.request_act(
            actor=actor_for("gp_clinician"), request_id=sent.id, action="cancel", expected_version=1, note="no"
        )
    sent.refresh_from_db()
    assert sent.state == State.BOOKED


# Sending ---------------------------------------------------------------------------------------


def test_sending_checks_the_patient_the_test_and_the_service(icb, actor_for) -> None:
    gp = actor_for("gp_clinician")
    patient_at(icb.practices[1], "9990000026")  # registered elsewhere
    with pytest.raises(ValidationError) as refused:
        send_one(gp, icb.trusts[0], nhs_number="9990000026")
    assert "No patient with this NHS number is registered at your practice" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        send_one(gp, icb.trusts[0], nhs_number="9990000019")
    assert "check digit" in str(refused.value)
    patient_at(icb.practices[0])
    with pytest.raises(ValidationError) as refused:
        send_one(gp, icb.trusts[0], test="mri")
    assert "does not do mri scan" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        send_one(gp, icb.trusts[0], priority="whenever", clinical_question=" ")
    assert {"priority", "clinical_question"} <= set(refused.value.error_dict)
    with pytest.raises(PermissionDenied):
        send_one(actor_for("consultant"), icb.trusts[0])
    assert DiagnosticRequest.objects.count() == 0


def test_every_test_type_has_a_code_and_a_service_at_each_trust(icb) -> None:
    from joinedup.diagnostics.models import TESTS, TestType, service_offers
    from joinedup.directory.models import Service

    for trust in icb.trusts:
        offered = list(Service.objects.filter(trust=trust))
        for test in TestType.values:
            assert TESTS[test].snomed_code.isdigit()
            assert any(service_offers(s, test) for s in offered), f"{test} at {trust.ods_code}"


# The clock -------------------------------------------------------------------------------------


def test_the_report_is_due_28_calendar_days_after_the_request(sent) -> None:
    assert sent.report_due == timezone.localdate(sent.requested_at) + datetime.timedelta(days=28)
    with override_settings(DIAGNOSTIC_REPORT_DAYS=14):
        assert services.report_due(datetime.date(2026, 12, 20)) == datetime.date(2027, 1, 3)


def test_clock_labels_count_calendar_days_and_stop_at_the_report(sent, actor_for) -> None:
    due = sent.report_due
    assert selectors.clock_of(sent, due - datetime.timedelta(days=5)).label == "5 days left"  # type: ignore[union-attr]
    late = selectors.clock_of(sent, due + datetime.timedelta(days=2))
    assert late is not None and late.overdue and late.label == "Overdue by 2 days"
    triage = actor_for("triage_admin")
    step(triage, sent, "book")
    step(triage, sent, "done")
    reported = step(actor_for("consultant"), sent, "report")
    assert selectors.clock_of(reported, due + datetime.timedelta(days=2)) is None
    assert not reported.is_overdue(due + datetime.timedelta(days=2))


def test_the_worklist_puts_overdue_first_then_urgent_then_soonest_due(icb, actor_for) -> None:
    gp = actor_for("gp_clinician")
    patient_at(icb.practices[0])
    routine = send_one(gp, icb.trusts[0])
    urgent = send_one(gp, icb.trusts[0], priority="urgent")
    overdue = send_one(gp, icb.trusts[0])
    reported_late = send_one(gp, icb.trusts[0])
    today = timezone.localdate()
    DiagnosticRequest.objects.filter(id=overdue.id).update(report_due=today - datetime.timedelta(days=1))
    DiagnosticRequest.objects.filter(id=reported_late.id).update(
        report_due=today - datetime.timedelta(days=3), state=State.REPORTED
    )
    triage = actor_for("triage_admin")
    default = selectors.WorklistFilters()
    assert [r.id for r in selectors.provider_worklist(triage, default)] == [overdue.id, urgent.id, routine.id]
    everything = selectors.WorklistFilters(state="all")
    assert [r.id for r in selectors.provider_worklist(triage, everything)][0] == overdue.id
    only_overdue = selectors.WorklistFilters(clock="overdue", state="all")
    assert [r.id for r in selectors.provider_worklist(triage, only_overdue)] == [overdue.id]
    urgent_only = selectors.WorklistFilters(priority="urgent")
    assert [r.id for r in selectors.provider_worklist(triage, urgent_only)] == [urgent.id]
    assert [r.id for r in selectors.practice_list(gp, "overdue")] == [overdue.id]
    assert [r.id for r in selectors.practice_list(gp, "reported")] == [reported_late.id]


# Who sees what ---------------------------------------------------------------------------------


def _someone(role: str, org) -> Actor:  # type: ignore[no-untyped-def]
    person = Person.objects.create_user(username=f"{role}.{org.ods_code}", password="x")
    return Actor(person=person, assignment=RoleAssignment.objects.create(person=person, organisation=org, role=role))


def test_other_trusts_and_practices_get_404_and_others_403(icb, sent, actor_for) -> None:
    for stranger in (_someone(Role.TRIAGE_ADMIN, icb.trusts[1]), _someone(Role.GP_CLINICIAN, icb.practices[1])):
        with pytest.raises(Http404):
            selectors.request_for(stranger, sent.id)
        with pytest.raises(ValidationError):
            step(stranger, sent, "book" if stranger.in_trust else "cancel")
    for role in ("icb_analyst", "system_admin", "hub_coordinator"):
        with pytest.raises(PermissionDenied):
            selectors.request_for(actor_for(role), sent.id)
    for role in ("gp_clinician", "practice_admin", "consultant", "triage_admin", "trust_interface_lead"):
        assert selectors.request_for(actor_for(role), sent.id) == sent


# People learn of new work ----------------------------------------------------------------------


def test_header_counts_follow_the_work(sent, actor_for) -> None:
    gp, triage, consultant = actor_for("gp_clinician"), actor_for("triage_admin"), actor_for("consultant")
    assert selectors.awaiting_provider_count(triage) == 1 and selectors.awaiting_provider_count(consultant) == 1
    step(triage, sent, "book")
    assert selectors.awaiting_provider_count(triage) == 0
    step(triage, sent, "done")
    assert selectors.awaiting_provider_count(triage) == 0 and selectors.awaiting_provider_count(consultant) == 1
    reported = step(consultant, sent, "report")
    assert selectors.new_outcomes_count(gp) == 1 and selectors.awaiting_provider_count(consultant) == 0
    assert not services.outcome_opened(actor=consultant, request=reported)  # the trust opening it changes nothing
    assert services.outcome_opened(actor=actor_for("practice_admin"), request=reported)
    reported.refresh_from_db()
    assert selectors.new_outcomes_count(gp) == 0
    assert not services.outcome_opened(actor=gp, request=reported)
    assert AuditEvent.objects.filter(action="diagnostic_request.outcome_opened").count() == 1


def test_one_email_per_event_with_the_reference_and_not_the_name(icb, actor_for, django_capture_on_commit_callbacks):
    for person in Person.objects.all():
        person.email = f"{person.username}@example.nhs.uk"
        person.save(update_fields=["email"])
    patient_at(icb.practices[0])
    with django_capture_on_commit_callbacks(execute=True):
        request = send_one(actor_for("gp_clinician"), icb.trusts[0])
    to_trust = {m.to[0] for m in mail.outbox}
    assert to_trust == {"consultant@example.nhs.uk", "triage@example.nhs.uk"}
    assert "Fenwick" not in mail.outbox[0].body and request.reference in mail.outbox[0].subject
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        step(actor_for("consultant"), request, "reject")
    assert [m.to for m in mail.outbox] == [["gp@example.nhs.uk"]]
    for message in mail.outbox:
        assert request.reference in str(message.subject) and "Fenwick" not in f"{message.subject} {message.body}"


def test_a_gp_files_the_report_with_what_the_practice_will_do(sent, actor_for) -> None:
    """Issue 12: a report is filed with an action, not just opened; the decision is kept, timed and audited."""
    gp = actor_for("gp_clinician")
    for role, action in PATHS["reported"]:
        step(actor_for(role), sent, action)
    with pytest.raises(ValidationError) as missing:
        step(gp, sent, "file", filed_action="")
    assert "Select what the practice will do about the result" in str(missing.value)
    with pytest.raises(ValidationError):
        step(gp, sent, "file", filed_action="<b>delete</b>")
    filed = step(gp, sent, "file", filed_action="refer", note="Refer to surgeons for cholecystectomy.")
    assert filed.state == State.FILED and filed.filed_action == "refer" and filed.filed_by == gp.person
    assert filed.filed_at is not None
    assert selectors.timeline(filed)[-1].note == "Refer the patient. Refer to surgeons for cholecystectomy."
    assert AuditEvent.objects.filter(
        action="diagnostic_request.file", object_id=str(sent.id), details__filed_action="refer"
    ).exists()
    assert list(selectors.practice_list(gp, "filed")) == [filed]
    assert not selectors.practice_list(gp, "reported").exists()
