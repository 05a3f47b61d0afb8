"""Taking a step of the table: one wins when two act at once; a conversion makes the referral."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from joinedup.audit import services as audit
from joinedup.core.clocks import appointment_date_problem
from joinedup.core.concurrency import lock_at_version
from joinedup.directory import selectors as directory
from joinedup.directory.access import Actor
from joinedup.directory.models import Service

from ..models import Attachment, ClinicalRequest, Kind, Priority, ReturnReason, State
from .attachments import check_attachment, store_attachments
from .email import tell_provider, tell_requester
from .events import record_event
from .sending import shortlist_entry
from .table import FINISHING, WORKFLOW, Party, Transition, advice_due, step_named, triage_due

CLINIC_LIMIT = 200  # the model's column


def request_act(
    *,
    actor: Actor,
    request_id: int,
    action: str,
    expected_version: int,
    note: str = "",
    reason: str = "",
    priority: str = "",
    attachments: list[tuple[str, bytes]] | None = None,
    service_id: int | None = None,
    appointment_on: datetime.date | None = None,
    clinic: str = "",
) -> ClinicalRequest:
    """Takes one step of the table, or refuses: StaleAction if the request moved on, else ValidationError.

    A step this actor may never take raises a ValidationError without a field (the page answers 403);
    missing or bad input raises one naming the field.
    """
    note, clinic = note.strip(), clinic.strip()
    files = attachments or []
    with transaction.atomic():
        request = lock_at_version(
            ClinicalRequest.objects.select_related("patient", "service__trust", "requester_org", "requester"),
            request_id,
            expected_version,
            "this request",
        )
        step = step_named(request, action)
        if step is None or not WORKFLOW.may(actor, request, step):
            if step is not None and step.only_if_conversion_allowed and not request.conversion_allowed:
                raise ValidationError("The GP did not allow this request to be converted to a referral")
            raise ValidationError(f"You cannot do that to a request that is '{request.get_state_display()}'")
        errors: dict[str, str] = {}
        if step.needs_reason and reason not in ReturnReason.values:
            errors["reason"] = "Select the reason"
        if step.note_required and not note:
            errors["note"] = step.note_missing
        if step.asks_priority and priority not in Priority.values:
            errors["priority"] = "Select the priority of the referral"
        if step.may_change_priority and priority and priority not in Priority.values:
            errors["priority"] = "Select the priority of the referral"
        if step.asks_appointment:
            _check_appointment(appointment_on, clinic, errors)
        target = _chosen_service(actor, request, step, service_id, priority, errors)
        if files and not step.takes_attachments:
            errors["attachment"] = "This step takes no attachments"
        for filename, data in files:
            try:
                check_attachment(filename, data)
            except ValidationError as invalid:
                errors.setdefault("attachment", invalid.message_dict["attachment"][0])
        if errors:
            raise ValidationError(errors)
        from_state = request.state
        now = timezone.now()
        if action == "redirect" and target is not None:
            request.service, request.trust, request.specialty = target, target.trust, target.specialty
            note = f"Redirected to {target.name}, {target.trust.name}. {note}"
        if step.may_change_priority and priority and priority != request.priority:
            note = (
                f"Priority changed from {request.get_priority_display()} to {Priority(priority).label}. {note}".strip()
            )
            request.priority = priority
        if step.asks_appointment and appointment_on is not None:
            request.appointment_on, request.appointment_clinic = appointment_on, clinic
            note = f"Appointment on {appointment_on:%d %B %Y} at {clinic}. {note}".strip()
        request.state = step.to
        request.version += 1
        if step.party == Party.PROVIDER and request.responded_at is None:
            request.responded_at = now
        if step.to == State.AWAITING_ADVICE:
            # The GP answered: the provider's clock starts again from today.
            request.due_date = advice_due(timezone.localdate(now))
        if step.amends:
            _amend(actor, request, note, now)
        if step.to in FINISHING:
            request.finished_at = now
        if step.needs_reason:
            request.outcome_reason = reason
            request.outcome_advice = note
        elif step.party == Party.PROVIDER and note and not step.asks_appointment:
            request.outcome_advice = note
        request.requester_unseen = step.tells_requester
        request.save()
        event = record_event(actor, request, action, from_state, note, reason if step.needs_reason else "")
        store_attachments(actor, request, event, files)
        audit.record(
            actor=actor,
            action=f"{request.kind}.{action}",
            obj=request,
            patient_nhs_number=request.patient.nhs_number,
            details={"from": from_state, "to": request.state, "reason": reason if step.needs_reason else ""},
        )
        if step.makes_referral:
            _make_referral(actor, request, priority, note, service=target)
        if action == "redirect":
            tell_provider(request, "sent")  # the clinicians of the service it now sits with
        if step.tells_requester:
            tell_requester(request, action)
        if step.tells_provider:
            tell_provider(request, action)
    return request


def _amend(actor: Actor, request: ClinicalRequest, change: str, now: datetime.datetime) -> None:
    """A returned referral sent again: the change is added to what the trust reads, a new triage clock starts,
    and the last outcome (kept in the timeline) no longer stands over the referral."""
    when = timezone.localtime(now).strftime("%d %B %Y")
    request.clinical_information += f"\n\nAmended by {actor.person.get_full_name()} on {when}:\n{change}"
    request.due_date = triage_due(timezone.localdate(now))
    request.finished_at = None
    request.outcome_reason = request.outcome_advice = ""


def _check_appointment(appointment_on: datetime.date | None, clinic: str, errors: dict[str, str]) -> None:
    if problem := appointment_date_problem(appointment_on, timezone.localdate()):
        errors["appointment_on"] = problem
    if not clinic:
        errors["clinic"] = "Enter the clinic"
    elif len(clinic) > CLINIC_LIMIT:
        errors["clinic"] = f"The clinic must be {CLINIC_LIMIT} characters or fewer"


# How each step of the A&G conversation reads in the referral it became.
CONVERSATION_WORDS = {
    "ask": "asked",
    "answer": "answered",
    "reply": "advised",
    "convert": "converted it to a referral",
    "refer": "turned it into a referral",
}


def conversation_text(advice: ClinicalRequest) -> str:
    """The whole A&G conversation, as the referral made from it carries it: the question, every message
    in order (the GP's answers as well as the consultant's questions and advice) and the files sent."""
    parts = [
        f"Made from advice and guidance request {advice.reference}.",
        f"Question from {advice.requester.get_full_name()}, {advice.requester_org.name}:\n{advice.clinical_information}",
    ]
    for event in advice.events.exclude(note="").order_by("at", "id"):
        said = CONVERSATION_WORDS.get(event.action, event.action)
        when = timezone.localtime(event.at).strftime("%d %B %Y")
        parts.append(f"{event.person_name}, {event.organisation_name}, {said} on {when}:\n{event.note}")
    files = [attachment.filename for attachment in advice.attachments.all()]
    if files:
        parts.append("Files sent during the conversation (attached to this referral too): " + ", ".join(files))
    return "\n\n".join(parts)


def _chosen_service(
    actor: Actor, request: ClinicalRequest, step: Transition, service_id: int | None, priority: str, errors: dict
) -> Service | None:
    """The service a step names, checked (errors go into ``errors``); None where the step names none."""
    if not step.chooses_service or service_id is None:
        if step.chooses_service and not step.makes_referral:
            errors["service"] = "Select the service to redirect the referral to"
        return None
    target = directory.referral_service_in_icb(service_id, request.trust.icb_id)
    if target is None:
        errors["service"] = "Select a service in this ICB that takes referrals"
        return None
    if not step.makes_referral and target.id == request.service_id:
        errors["service"] = "Select a different service from the one the referral is with"
    wanted = priority or request.priority
    if target.two_week_wait_only and wanted != Priority.TWO_WEEK_WAIT:
        errors["service"] = f"{target.name} takes only two-week wait (suspected cancer) referrals"
    return target


def _make_referral(
    actor: Actor, advice: ClinicalRequest, priority: str, note: str, *, service: Service | None = None
) -> ClinicalRequest:
    """The referral an A&G request becomes: same UBRN, patient, service and practice; its own triage clock.

    It carries the whole conversation and every file sent in it, so the clinician triaging it reads
    what the GP and the consultant already said (``note``, the step's own words, is the last message).
    """
    now = timezone.now()
    information = conversation_text(advice)
    referral = ClinicalRequest.objects.create(
        ubrn=advice.ubrn,
        kind=Kind.REFERRAL,
        priority=priority,
        state=State.AWAITING_TRIAGE,
        patient=advice.patient,
        requester_org=advice.requester_org,
        requester=advice.requester,
        service=service or advice.service,
        trust=(service or advice.service).trust,
        specialty=(service or advice.service).specialty,
        clinical_information=information,
        converted_from=advice,
        shortlist=[shortlist_entry(service or advice.service)],
        sent_at=now,
        due_date=triage_due(timezone.localdate(now)),
    )
    record_event(actor, referral, "created", "", f"Made from advice and guidance request {advice.reference}")
    for attachment in advice.attachments.all():
        Attachment.objects.create(
            request=referral,
            filename=attachment.filename,
            content_type=attachment.content_type,
            size=attachment.size,
            data=attachment.data,
            uploaded_at=attachment.uploaded_at,
            uploaded_by=attachment.uploaded_by,
        )
    audit.record(
        actor=actor,
        action="referral.created_from_advice",
        obj=referral,
        patient_nhs_number=advice.patient.nhs_number,
        details={"ubrn": referral.ubrn, "advice": advice.id},
    )
    tell_provider(referral, "sent")
    return referral


def request_viewed(actor: Actor, request: ClinicalRequest) -> None:
    """Someone opened the request: audited as a view of the patient, and no longer new for the practice."""
    mark_seen(actor, request)
    audit.record(
        actor=actor, action=f"{request.kind}.viewed", obj=request, patient_nhs_number=request.patient.nhs_number
    )


def attachment_downloaded(actor: Actor, file: Attachment) -> None:
    audit.record(
        actor=actor,
        action="attachment.downloaded",
        obj=file,
        patient_nhs_number=file.request.patient.nhs_number,
        details={"request": file.request_id},
    )


def mark_seen(actor: Actor, request: ClinicalRequest) -> None:
    """Someone at the practice opened the request: it no longer counts as new in the header."""
    if actor.organisation.id == request.requester_org_id:
        ClinicalRequest.objects.filter(id=request.id, requester_unseen=True).update(requester_unseen=False)
        request.requester_unseen = False
