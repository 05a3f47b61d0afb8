"""The life of a referral and an A&G request: the one table of steps, reasons, conversion, clocks, attachments."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from joinedup.audit.models import AuditEvent
from joinedup.directory.models import CapacityStatus, Person, Service
from joinedup.referrals import selectors, services
from joinedup.referrals.models import ClinicalRequest, Kind, RequestEvent, State
from joinedup.referrals.tests.helpers import PDF, PNG, act, patient_at, send, service_at

PROVIDER_ROLE = {Kind.REFERRAL: "consultant", Kind.ADVICE: "consultant"}
EXTRA = {"reason": "MANAGE_IN_PRIMARY_CARE", "priority": "routine"}


def _in_state(actor_for, icb, kind: str, state: str, conversion_allowed: bool = True) -> ClinicalRequest:
    request = send(actor_for("gp_clinician"), icb.trusts[0], kind=kind, conversion_allowed=conversion_allowed)
    ClinicalRequest.objects.filter(id=request.id).update(state=state)
    request.refresh_from_db()
    return request


@pytest.mark.parametrize(("kind", "state", "action"), list(services.TRANSITIONS))
def test_each_step_in_the_table_is_open_to_its_party_only(icb, actor_for, kind, state, action) -> None:
    step = services.TRANSITIONS[(kind, state, action)]
    right = "gp_clinician" if step.party == services.Party.REQUESTER else PROVIDER_ROLE[kind]
    wrong = (
        ["consultant", "triage_admin"] if step.party == services.Party.REQUESTER else ["gp_clinician", "triage_admin"]
    )
    if step.asks_appointment:  # the booking side: the trust's administrators (and clinicians) book
        right, wrong = "triage_admin", ["gp_clinician", "trust_interface_lead"]
    request = _in_state(actor_for, icb, kind, state)
    extra: dict[str, Any] = dict(EXTRA)
    if step.asks_appointment:
        extra.update(appointment_on=timezone.localdate() + datetime.timedelta(days=20), clinic="Clinic 4, Saltmere")
    if step.chooses_service and not step.makes_referral:  # a redirect names where to: another trust's service
        extra["service_id"] = service_at(icb.trusts[1], advice=False).id
    for role in wrong:
        assert action not in dict(services.allowed_actions(actor_for(role), request))
        with pytest.raises(ValidationError) as refused:
            act(actor_for(role), request, action, **extra)
        assert not hasattr(refused.value, "error_dict")  # refused outright, not for a missing field
    assert action in dict(services.allowed_actions(actor_for(right), request))
    done = act(actor_for(right), request, action, **extra)
    assert done.state == step.to and done.version == 2
    assert RequestEvent.objects.filter(request=request, action=action, to_state=step.to).count() == 1
    assert AuditEvent.objects.filter(action=f"{kind}.{action}", object_id=str(request.id)).count() == 1


def test_every_step_not_in_the_table_is_refused(icb, actor_for) -> None:
    for kind in Kind.values:
        for state in State.values:
            request = None
            for action in services.ACTIONS:
                if (kind, state, action) in services.TRANSITIONS:
                    continue
                request = request or _in_state(actor_for, icb, kind, state)
                for role in ("gp_clinician", "consultant"):
                    with pytest.raises(ValidationError):
                        act(actor_for(role), request, action, **EXTRA)
    assert ClinicalRequest.objects.filter(version__gt=1).count() == 0


@pytest.mark.parametrize("action", ["return", "reject"])
def test_return_or_reject_needs_a_coded_reason_and_clinical_advice(icb, actor_for, action) -> None:
    consultant = actor_for("consultant")
    referral = send(actor_for("gp_clinician"), icb.trusts[0])
    with pytest.raises(ValidationError) as missing:
        act(consultant, referral, action, note="   ", reason="")
    assert set(missing.value.message_dict) == {"reason", "note"}
    with pytest.raises(ValidationError) as made_up:
        act(consultant, referral, action, note="Try a statin first", reason="BECAUSE")
    assert set(made_up.value.message_dict) == {"reason"}
    referral.refresh_from_db()
    assert referral.state == State.AWAITING_TRIAGE and referral.version == 1
    done = act(
        consultant, referral, action, note="Start a statin; re-refer if pain persists.", reason="INVESTIGATIONS_FIRST"
    )
    assert done.outcome_reason == "INVESTIGATIONS_FIRST"
    assert done.outcome_advice == "Start a statin; re-refer if pain persists."
    assert done.requester_unseen is True


def test_the_a_and_g_conversation_and_conversion_when_allowed(icb, actor_for) -> None:
    gp, consultant = actor_for("gp_clinician"), actor_for("consultant")
    advice = send(gp, icb.trusts[0], kind=Kind.ADVICE, conversion_allowed=True)
    assert advice.state == State.AWAITING_ADVICE and len(advice.ubrn) == 12
    act(consultant, advice, "ask", "Is there a family history?")
    answered = act(gp, advice, "answer", "Father had an MI at 50.", attachments=[("ecg.pdf", PDF)])
    assert answered.state == State.AWAITING_ADVICE
    converted = act(consultant, advice, "convert", "Needs an exercise test: converting.", priority="urgent")
    assert converted.state == State.CONVERTED
    referral = ClinicalRequest.objects.get(kind=Kind.REFERRAL, converted_from=advice)
    assert referral.ubrn == advice.ubrn and referral.state == State.AWAITING_TRIAGE and referral.priority == "urgent"
    assert advice.reference in referral.clinical_information
    assert [e.action for e in selectors.timeline(advice)] == ["sent", "ask", "answer", "convert"]
    # Issue 12, bug 1: the referral carries the whole conversation, the GP's answer included, in order.
    information = referral.clinical_information
    said = ["Exertional chest pain", "Is there a family history?", "Father had an MI at 50.", "Needs an exercise test"]
    assert all(words in information for words in said)
    assert [information.index(words) for words in said] == sorted(information.index(words) for words in said)
    assert [(a.filename, bytes(a.data)) for a in referral.attachments.all()] == [("ecg.pdf", PDF)]


def test_conversion_is_refused_when_the_gp_did_not_allow_it(icb, actor_for) -> None:
    gp, consultant = actor_for("gp_clinician"), actor_for("consultant")
    advice = send(gp, icb.trusts[0], kind=Kind.ADVICE, conversion_allowed=False)
    assert "convert" not in dict(services.allowed_actions(consultant, advice))
    with pytest.raises(ValidationError, match="did not allow"):
        act(consultant, advice, "convert", "Needs seeing", priority="routine")
    assert ClinicalRequest.objects.filter(kind=Kind.REFERRAL).count() == 0
    # The GP may still turn it into a referral themself, once answered.
    act(consultant, advice, "reply", "Try bisoprolol; refer if no better.")
    act(gp, advice, "refer", "No better on bisoprolol.", priority="routine")
    assert ClinicalRequest.objects.get(kind=Kind.REFERRAL).converted_from_id == advice.id


def test_a_second_person_working_from_an_old_version_is_refused_and_nothing_is_applied_twice(icb, actor_for) -> None:
    consultant = actor_for("consultant")
    referral = send(actor_for("gp_clinician"), icb.trusts[0])
    services.request_act(actor=consultant, request_id=referral.id, action="accept", expected_version=1)
    with pytest.raises(services.StaleAction, match="Accepted"):
        services.request_act(
            actor=consultant, request_id=referral.id, action="return", expected_version=1, note="x", reason="DUPLICATE"
        )
    assert RequestEvent.objects.filter(request=referral).exclude(action="sent").count() == 1


def test_clocks_count_working_days_over_a_bank_holiday() -> None:
    # Friday 22 May 2026, then the spring bank holiday on Monday 25 May.
    friday = datetime.date(2026, 5, 22)
    assert services.triage_due(friday) == datetime.date(2026, 5, 28)  # 3 working days: Tue, Wed, Thu
    assert services.advice_due(friday) == datetime.date(2026, 6, 1)  # 5 working days
    with override_settings(AG_RESPONSE_WORKING_DAYS=2):
        assert services.advice_due(friday) == datetime.date(2026, 5, 27)


def test_the_gps_answer_restarts_the_providers_clock(icb, actor_for) -> None:
    advice = send(actor_for("gp_clinician"), icb.trusts[0], kind=Kind.ADVICE)
    ClinicalRequest.objects.filter(id=advice.id).update(due_date=datetime.date(2020, 1, 1))
    act(actor_for("consultant"), advice, "ask", "Any weight loss?")
    answered = act(actor_for("gp_clinician"), advice, "answer", "None.")
    assert answered.due_date == services.advice_due(timezone.localdate())


def test_attachments_too_big_or_of_the_wrong_type_are_refused_clearly(icb, actor_for) -> None:
    gp = actor_for("gp_clinician")
    with override_settings(ATTACHMENT_MAX_BYTES=1024):
        with pytest.raises(ValidationError) as too_big:
            send(gp, icb.trusts[0], attachments=[("scan.pdf", PDF + b"x" * 2000)])
        assert too_big.value.message_dict["attachment"] == ["scan.pdf is 2 KB: a file must be 1 KB or smaller"]
    with pytest.raises(ValidationError) as wrong:
        send(gp, icb.trusts[0], attachments=[("notes.pdf", b"MZ\x90\x00\x03 a windows program")])
    assert "notes.pdf is not a PDF, PNG, JPEG or plain text file" in wrong.value.message_dict["attachment"]
    assert ClinicalRequest.objects.count() == 0
    sent = send(gp, icb.trusts[0], attachments=[("photo.dat", PNG), ("letter.txt", "Dear Dr — thank you".encode())])
    assert sorted(a.content_type for a in sent.attachments.all()) == ["image/png", "text/plain"]
    # Kept under a name that says what the bytes are: saved and opened, neither runs as anything else.
    assert sorted(a.filename for a in sent.attachments.all()) == ["letter.txt", "photo.dat.png"]
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
    markup = send(gp, icb.trusts[0], attachments=[("advice.svg", svg)], clinical_information="Palpitations.")
    assert [(a.filename, a.content_type) for a in markup.attachments.all()] == [("advice.svg.txt", "text/plain")]


def test_the_shortlist_lists_services_with_capacity_first_then_the_shortest_wait(icb, actor_for) -> None:
    gp = actor_for("gp_clinician")
    cardiology = list(Service.objects.filter(specialty="cardiology", takes_referrals=True))
    for index, service in enumerate(cardiology):
        service.capacity_status = CapacityStatus.LIMITED if index % 3 == 0 else CapacityStatus.NORMAL
        service.indicative_wait_weeks = 40 - index
        service.save()
    choices = selectors.services_for(gp, "cardiology", advice=False)
    assert {c.service.id for c in choices} == {s.id for s in cardiology}
    limited = [c.limited for c in choices]
    assert limited == sorted(limited)  # every service with capacity before any with limited capacity
    open_waits = [c.service.indicative_wait_weeks for c in choices if not c.limited]
    assert open_waits == sorted(open_waits)


def test_the_shortlist_holds_at_most_the_setting_and_one_specialty(icb, actor_for) -> None:
    gp = actor_for("gp_clinician")
    cardiology = list(Service.objects.filter(specialty="cardiology", takes_referrals=True))
    with override_settings(PATIENT_CHOICE_SHORTLIST_MAX=2):
        with pytest.raises(ValidationError) as too_many:
            send(gp, icb.trusts[0], service=cardiology[0], shortlist=cardiology[:3])
        assert "at most 2" in too_many.value.message_dict["shortlist"][0]
    dermatology = Service.objects.filter(specialty="dermatology").first()
    with pytest.raises(ValidationError):
        send(gp, icb.trusts[0], service=cardiology[0], shortlist=[dermatology])
    sent = send(gp, icb.trusts[0], service=cardiology[1], shortlist=[cardiology[0]])
    assert [e["service"] for e in sent.shortlist] == [cardiology[1].id, cardiology[0].id]
    assert {"wait_weeks", "capacity", "trust_ods"} <= set(sent.shortlist[0])


def test_a_and_g_only_to_a_service_that_takes_it_and_only_for_your_own_patient(icb, actor_for) -> None:
    gp = actor_for("gp_clinician")
    no_advice = Service.objects.filter(trust=icb.trusts[0], takes_advice_and_guidance=False).first()
    with pytest.raises(ValidationError) as refused:
        send(gp, icb.trusts[0], kind=Kind.ADVICE, service=no_advice)
    assert "does not take advice and guidance" in refused.value.message_dict["service"][0]
    with pytest.raises(ValidationError) as not_ours:
        send(gp, icb.trusts[0], patient=patient_at(icb.practices[1], "9990000026"))
    assert "not registered at your practice" in not_ours.value.message_dict["nhs_number"][0]


def test_an_email_per_event_with_the_reference_not_the_name(icb, actor_for, django_capture_on_commit_callbacks) -> None:
    gp, consultant = actor_for("gp_clinician"), actor_for("consultant")
    Person.objects.filter(id__in=[gp.person.id, consultant.person.id]).update(email="someone@example.invalid")
    gp.person.refresh_from_db()
    consultant.person.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        referral = send(actor_for("gp_clinician"), icb.trusts[0])
        act(consultant, referral, "return", "Start a statin.", reason="MANAGE_IN_PRIMARY_CARE")
    subjects = [m.subject for m in mail.outbox]
    assert any("new referral" in s and referral.reference in s for s in subjects)
    assert any("returned with advice" in s and referral.reference in s for s in subjects)
    assert not any("Fenwick" in str(m.subject) + str(m.body) for m in mail.outbox)


def test_header_counts_follow_the_work(icb, actor_for) -> None:
    gp, consultant = actor_for("gp_clinician"), actor_for("consultant")
    referral = send(gp, icb.trusts[0])
    send(gp, icb.trusts[0], kind=Kind.ADVICE)
    assert selectors.provider_waiting_count(consultant) == 2
    assert selectors.practice_attention_count(gp) == 0
    act(consultant, referral, "return", "Start a statin.", reason="MANAGE_IN_PRIMARY_CARE")
    assert selectors.provider_waiting_count(consultant) == 1
    assert selectors.practice_attention_count(gp) == 1
    services.mark_seen(consultant, referral)  # the trust opening it changes nothing for the practice
    assert selectors.practice_attention_count(gp) == 1
    services.mark_seen(gp, referral)
    assert selectors.practice_attention_count(gp) == 0


def test_another_trust_or_practice_cannot_see_a_request(icb, actor_for) -> None:
    from django.http import Http404

    referral = send(actor_for("gp_clinician"), icb.trusts[1])
    with pytest.raises(Http404):
        selectors.request_for(actor_for("consultant"), referral.id)  # the consultant is at the first trust
    assert selectors.request_for(actor_for("gp_clinician"), referral.id) == referral


def test_triage_redirects_a_referral_to_another_trusts_service_whose_clinicians_then_own_it(icb, actor_for) -> None:
    from joinedup.directory.models import Service

    gp, consultant = actor_for("gp_clinician"), actor_for("consultant")
    referral = send(gp, icb.trusts[0])
    elsewhere = Service.objects.filter(trust=icb.trusts[1], takes_referrals=True, two_week_wait_only=False).first()
    assert elsewhere is not None
    with pytest.raises(ValidationError) as missing:
        act(consultant, referral, "redirect", "Wrong clinic")
    assert "service" in missing.value.message_dict
    moved = act(consultant, referral, "redirect", "Arrhythmia clinic is at the other trust.", service_id=elsewhere.id)
    assert (moved.state, moved.service, moved.trust) == (State.AWAITING_TRIAGE, elsewhere, icb.trusts[1])
    # The first trust can no longer triage it; the GP is told (it counts as new for them).
    assert "accept" not in dict(services.allowed_actions(consultant, moved))
    assert moved.requester_unseen is True
    assert "Redirected to" in selectors.timeline(moved)[-1].note


def test_triage_can_change_the_priority_when_accepting_and_the_timeline_says_so(icb, actor_for) -> None:
    gp, consultant = actor_for("gp_clinician"), actor_for("consultant")
    referral = send(gp, icb.trusts[0], priority="routine")
    accepted = act(consultant, referral, "accept", "", priority="urgent")
    assert accepted.priority == "urgent" and accepted.state == State.ACCEPTED
    assert "Priority changed from Routine to Urgent" in selectors.timeline(accepted)[-1].note
    unchanged = act(
        consultant, send(gp, icb.trusts[0], patient=patient_at(icb.practices[0], "9990000026")), "accept", ""
    )
    assert unchanged.priority == "urgent"  # the helper sends urgent; no priority given keeps it


def test_converting_a_and_g_can_send_the_referral_to_another_service(icb, actor_for) -> None:
    from joinedup.directory.models import Service

    gp, consultant = actor_for("gp_clinician"), actor_for("consultant")
    advice = send(gp, icb.trusts[0], kind=Kind.ADVICE, conversion_allowed=True)
    clinic = (
        Service.objects.filter(trust=icb.trusts[0], takes_referrals=True, two_week_wait_only=False)
        .exclude(id=advice.service_id)
        .first()
    )
    assert clinic is not None
    act(consultant, advice, "convert", "Needs the specialist clinic.", priority="urgent", service_id=clinic.id)
    referral = ClinicalRequest.objects.get(kind=Kind.REFERRAL, converted_from=advice)
    assert referral.service == clinic and referral.specialty == clinic.specialty


def test_the_trust_books_an_accepted_referral_and_the_gp_sees_the_appointment(
    icb, actor_for, django_capture_on_commit_callbacks
) -> None:
    """Issue 12: the booking side. Accepted referrals wait on the trust's "to book" list until booked."""
    triage, gp = actor_for("triage_admin"), actor_for("gp_clinician")
    referral = send(gp, icb.trusts[0])
    act(actor_for("consultant"), referral, "accept")
    today = timezone.localdate()
    assert list(selectors.provider_worklist(triage, "to_book", today=today)) == [referral]
    with pytest.raises(ValidationError) as missing:
        act(triage, referral, "book", appointment_on=None, clinic="  ")
    assert missing.value.message_dict == {
        "appointment_on": ["Enter the appointment date"],
        "clinic": ["Enter the clinic"],
    }
    with pytest.raises(ValidationError) as past:
        act(triage, referral, "book", appointment_on=today - datetime.timedelta(days=1), clinic="Clinic 4")
    assert "today or in the future" in past.value.message_dict["appointment_on"][0]
    with django_capture_on_commit_callbacks(execute=True):
        booked = act(triage, referral, "book", appointment_on=today + datetime.timedelta(days=21), clinic="Clinic 4")
    assert mail.outbox[-1].subject.endswith(f"appointment booked for referral {referral.reference}")
    assert mail.outbox[-1].to == [gp.person.email]
    assert booked.state == State.BOOKED and booked.appointment_clinic == "Clinic 4" and booked.requester_unseen
    assert booked.appointment_on == today + datetime.timedelta(days=21)
    assert not selectors.provider_worklist(triage, "to_book", today=today).exists()
    assert selectors.timeline(booked)[-1].note.startswith("Appointment on ")
    moved = act(triage, booked, "rebook", appointment_on=today + datetime.timedelta(days=30), clinic="Clinic 2")
    assert moved.state == State.BOOKED and moved.appointment_clinic == "Clinic 2" and moved.version == 4


def test_a_returned_referral_is_amended_and_sent_again_with_a_new_clock(
    icb, actor_for, django_capture_on_commit_callbacks
) -> None:
    """Issue 12: the GP answers the advice by amending the referral, not by typing a new one."""
    gp, consultant = actor_for("gp_clinician"), actor_for("consultant")
    referral = send(gp, icb.trusts[0])
    act(consultant, referral, "return", note="Please add a recent HbA1c.", reason="INVESTIGATIONS_FIRST")
    with pytest.raises(ValidationError) as empty:
        act(gp, referral, "resend", note="  ")
    assert empty.value.message_dict == {"note": ["Enter what you have changed or added"]}
    with django_capture_on_commit_callbacks(execute=True):
        again = act(gp, referral, "resend", note="HbA1c 61 mmol/mol on 1 December.", attachments=[("hba1c.pdf", PDF)])
    assert again.state == State.AWAITING_TRIAGE and again.finished_at is None
    assert again.due_date == services.triage_due(timezone.localdate())
    assert again.clinical_information.endswith("HbA1c 61 mmol/mol on 1 December.")
    assert again.clinical_information.startswith(referral.clinical_information)
    assert again.outcome_reason == "" and again.outcome_advice == ""
    assert [e.action for e in selectors.timeline(again)][-2:] == ["return", "resend"]
    assert selectors.timeline(again)[-2].note == "Please add a recent HbA1c."  # the advice stays on record
    assert again.attachments.filter(filename="hba1c.pdf").exists()
    assert "amended and sent again" in mail.outbox[-1].subject
    assert list(selectors.provider_worklist(consultant, "referrals", today=timezone.localdate())) == [again]
    act(consultant, again, "reject", note="Not for this clinic.", reason="INVESTIGATIONS_FIRST")
    with pytest.raises(ValidationError):  # a rejected referral is not sent again: the GP writes a new one
        act(gp, again, "resend", note="Please reconsider.")
