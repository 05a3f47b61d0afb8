"""Every change to a referral or an A&G request: sending, the one table of allowed steps, clocks, audit, email.

A request's life is ``TRANSITIONS``: (kind, state, action) -> the step, who may take it and what
it needs. Nothing else moves a request on. Each step locks the row (``select_for_update``) and
checks the version the person was looking at, so when two people act at once one wins and the
other is told; nothing is applied twice.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from joinedup.audit import services as audit
from joinedup.core.concurrency import StaleAction as StaleAction  # pages and tests catch services.StaleAction
from joinedup.core.concurrency import lock_at_version
from joinedup.core.notify import notify
from joinedup.core.timeline import taken_by
from joinedup.core.working_days import add_working_days
from joinedup.directory.access import Actor, Permission, require
from joinedup.directory.models import Person, Role, Service
from joinedup.patients.models import Patient

from .models import Attachment, ClinicalRequest, Kind, Priority, RequestEvent, ReturnReason, State


class Party(StrEnum):
    REQUESTER = "requester"  # the practice that sent it
    PROVIDER = "provider"  # the trust whose service received it


@dataclass(frozen=True)
class Transition:
    to: State
    who: Party
    permission: Permission
    button: str
    note_label: str
    note_required: bool
    note_missing: str = ""
    needs_reason: bool = False  # a coded reason as well as the note (rule referral_return_reason)
    asks_priority: bool = False  # the step makes a referral, whose priority the actor sets
    takes_attachments: bool = False
    only_if_conversion_allowed: bool = False
    makes_referral: bool = False
    tells_requester: bool = False  # the practice must see this: email, header count, "unseen"
    tells_provider: bool = False  # the trust must act on this: email to its clinicians


R, A = Kind.REFERRAL, Kind.ADVICE
ADVICE_NOTE = "Your advice to the GP"
CONVERT_NOTE = "Your advice, and why it needs a referral"

# The one table of a request's life.
TRANSITIONS: dict[tuple[str, str, str], Transition] = {
    # Referral triage (the consultant).
    (R, State.AWAITING_TRIAGE, "accept"): Transition(
        State.ACCEPTED,
        Party.PROVIDER,
        Permission.TRIAGE_REFERRALS,
        "Accept the referral",
        "Note to the referrer (optional)",
        False,
        tells_requester=True,
    ),
    (R, State.AWAITING_TRIAGE, "return"): Transition(
        State.RETURNED,
        Party.PROVIDER,
        Permission.TRIAGE_REFERRALS,
        "Return to the referrer with advice",
        "Clinical advice to the referrer",
        True,
        "Enter your clinical advice to the referrer",
        needs_reason=True,
        takes_attachments=True,
        tells_requester=True,
    ),
    (R, State.AWAITING_TRIAGE, "reject"): Transition(
        State.REJECTED,
        Party.PROVIDER,
        Permission.TRIAGE_REFERRALS,
        "Reject the referral",
        "Clinical advice to the referrer",
        True,
        "Enter your clinical advice to the referrer",
        needs_reason=True,
        tells_requester=True,
    ),
    (R, State.AWAITING_TRIAGE, "cancel"): Transition(
        State.CANCELLED,
        Party.REQUESTER,
        Permission.SEND_REQUESTS,
        "Cancel the referral",
        "Why you are cancelling it",
        True,
        "Enter why you are cancelling the referral",
        tells_provider=True,
    ),
    # The A&G conversation.
    (A, State.AWAITING_ADVICE, "reply"): Transition(
        State.ADVICE_GIVEN,
        Party.PROVIDER,
        Permission.ANSWER_ADVICE,
        "Send advice",
        ADVICE_NOTE,
        True,
        "Enter your advice to the GP",
        takes_attachments=True,
        tells_requester=True,
    ),
    (A, State.AWAITING_ADVICE, "ask"): Transition(
        State.INFORMATION_REQUESTED,
        Party.PROVIDER,
        Permission.ANSWER_ADVICE,
        "Ask for more information",
        "What you need to know",
        True,
        "Enter what you need to know",
        tells_requester=True,
    ),
    (A, State.INFORMATION_REQUESTED, "answer"): Transition(
        State.AWAITING_ADVICE,
        Party.REQUESTER,
        Permission.SEND_REQUESTS,
        "Send the information",
        "Your answer",
        True,
        "Enter your answer",
        takes_attachments=True,
        tells_provider=True,
    ),
    (A, State.AWAITING_ADVICE, "convert"): Transition(
        State.CONVERTED,
        Party.PROVIDER,
        Permission.ANSWER_ADVICE,
        "Advise and convert to a referral",
        CONVERT_NOTE,
        True,
        "Enter your advice, and why it needs a referral",
        asks_priority=True,
        only_if_conversion_allowed=True,
        makes_referral=True,
        tells_requester=True,
    ),
    (A, State.ADVICE_GIVEN, "convert"): Transition(
        State.CONVERTED,
        Party.PROVIDER,
        Permission.ANSWER_ADVICE,
        "Convert to a referral",
        "Note to the GP (optional)",
        False,
        asks_priority=True,
        only_if_conversion_allowed=True,
        makes_referral=True,
        tells_requester=True,
    ),
    # The GP may turn their own A&G into a referral, whatever they allowed the provider.
    (A, State.ADVICE_GIVEN, "refer"): Transition(
        State.CONVERTED,
        Party.REQUESTER,
        Permission.SEND_REQUESTS,
        "Turn into a referral",
        "Why the patient needs a referral",
        True,
        "Enter why the patient needs a referral",
        asks_priority=True,
        makes_referral=True,
    ),
    (A, State.INFORMATION_REQUESTED, "refer"): Transition(
        State.CONVERTED,
        Party.REQUESTER,
        Permission.SEND_REQUESTS,
        "Turn into a referral",
        "Why the patient needs a referral",
        True,
        "Enter why the patient needs a referral",
        asks_priority=True,
        makes_referral=True,
    ),
    (A, State.ADVICE_GIVEN, "close"): Transition(
        State.CLOSED,
        Party.REQUESTER,
        Permission.SEND_REQUESTS,
        "Close: advice taken",
        "Comment on the advice (optional)",
        False,
    ),
    (A, State.AWAITING_ADVICE, "withdraw"): Transition(
        State.CLOSED,
        Party.REQUESTER,
        Permission.SEND_REQUESTS,
        "Withdraw the request",
        "Why you are withdrawing it",
        True,
        "Enter why you are withdrawing the request",
        tells_provider=True,
    ),
}
ACTIONS = sorted({action for _, _, action in TRANSITIONS})
FINISHING = {State.ACCEPTED, State.RETURNED, State.REJECTED, State.CANCELLED, State.CONVERTED, State.CLOSED}
PROVIDER_ROLES = (Role.CONSULTANT,)  # who at the trust is emailed about new work


def triage_due(on: datetime.date) -> datetime.date:
    return add_working_days(on, settings.REFERRAL_TRIAGE_WORKING_DAYS)


def advice_due(on: datetime.date) -> datetime.date:
    return add_working_days(on, settings.AG_RESPONSE_WORKING_DAYS)


def due_for(kind: str, on: datetime.date) -> datetime.date:
    return triage_due(on) if kind == Kind.REFERRAL else advice_due(on)


def parties_of(actor: Actor, request: ClinicalRequest) -> set[Party]:
    org_id = actor.organisation.id
    parties = set()
    if org_id == request.requester_org_id:
        parties.add(Party.REQUESTER)
    if org_id == request.trust_id:
        parties.add(Party.PROVIDER)
    return parties


def _may(actor: Actor, request: ClinicalRequest, step: Transition) -> bool:
    return (
        step.who in parties_of(actor, request)
        and actor.can(step.permission)
        and (not step.only_if_conversion_allowed or request.conversion_allowed)
    )


def allowed_actions(actor: Actor, request: ClinicalRequest) -> list[tuple[str, Transition]]:
    """Exactly the steps this actor may take on this request now (e-RS's "available actions")."""
    return [
        (action, step)
        for (kind, state, action), step in TRANSITIONS.items()
        if kind == request.kind and state == request.state and _may(actor, request, step)
    ]


def step_named(request: ClinicalRequest, action: str) -> Transition | None:
    """The step ``action`` would be for this request as it stands (whoever asks)."""
    return TRANSITIONS.get((request.kind, request.state, action))


# Attachments ---------------------------------------------------------------------------------

ALLOWED_TYPES = "PDF, PNG, JPEG or plain text"


def attachment_type(data: bytes) -> str | None:
    """The content type, judged by the bytes themselves (never the name), or None if not allowed."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if b"\x00" not in data:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return "text/plain"
    return None


def _size(size: int) -> str:
    """A file size as people read it: 200 bytes, 2 KB, 4.5 MB."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


def too_big(name: str, size: int) -> str:
    return f"{name} is {_size(size)}: a file must be {_size(settings.ATTACHMENT_MAX_BYTES)} or smaller"


def check_attachment(filename: str, data: bytes) -> str:
    """The content type of an acceptable file; ValidationError(field 'attachment') with a clear message otherwise."""
    name = filename or "The file"
    if not data:
        raise ValidationError({"attachment": f"{name} is empty"})
    if len(data) > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError({"attachment": too_big(name, len(data))})
    content_type = attachment_type(data)
    if content_type is None:
        raise ValidationError({"attachment": f"{name} is not a {ALLOWED_TYPES} file"})
    return content_type


def _store_attachments(
    actor: Actor, request: ClinicalRequest, event: RequestEvent | None, files: list[tuple[str, bytes]]
) -> None:
    for filename, data in files:
        Attachment.objects.create(
            request=request,
            event=event,
            filename=filename[:200] or "attachment",
            content_type=check_attachment(filename, data),
            size=len(data),
            data=data,
            uploaded_by=actor.person,
        )


# Sending -------------------------------------------------------------------------------------


def new_ubrn() -> str:
    """A 12-digit reference, like e-RS's UBRN (random, so it tells nothing about volume or order)."""
    return f"{secrets.randbelow(9 * 10**11) + 10**11}"


def shortlist_entry(service: Service) -> dict[str, object]:
    return {
        "service": service.id,
        "name": service.name,
        "trust": service.trust.name,
        "trust_ods": service.trust.ods_code,
        "wait_weeks": service.indicative_wait_weeks,
        "capacity": service.capacity_status,
    }


def request_send(
    *,
    actor: Actor,
    kind: str,
    patient: Patient,
    service: Service,
    clinical_information: str,
    priority: str = Priority.ROUTINE,
    conversion_allowed: bool = False,
    shortlist: list[Service] | None = None,
    attachments: list[tuple[str, bytes]] | None = None,
) -> ClinicalRequest:
    """Sends a referral or an A&G request from the actor's practice to a service; ValidationError if it cannot."""
    require(actor, Permission.SEND_REQUESTS)
    errors: dict[str, str] = {}
    if not actor.in_practice:
        raise ValidationError("Only a GP practice sends referrals and advice requests")
    if kind not in Kind.values:
        raise ValidationError("Choose a referral or an advice and guidance request")
    if patient.registered_practice_id != actor.organisation.id:
        errors["nhs_number"] = "This patient is not registered at your practice"
    if service.trust.icb_id != actor.icb_id:
        errors["service"] = "Select a service in your ICB"
    elif kind == Kind.ADVICE and not service.takes_advice_and_guidance:
        errors["service"] = f"{service.name} does not take advice and guidance requests: select another service"
    elif kind == Kind.REFERRAL and not service.takes_referrals:
        errors["service"] = f"{service.name} does not take referrals: select another service"
    if priority not in Priority.values:
        errors["priority"] = "Select the priority"
    if not clinical_information.strip():
        errors["clinical_information"] = (
            "Enter the clinical information" if kind == Kind.REFERRAL else "Enter your question"
        )
    chosen = list(shortlist or [])
    if kind == Kind.REFERRAL:
        if service not in chosen:
            chosen.insert(0, service)
        if len(chosen) > settings.PATIENT_CHOICE_SHORTLIST_MAX:
            errors["shortlist"] = f"Offer the patient at most {settings.PATIENT_CHOICE_SHORTLIST_MAX} services"
        elif any(s.specialty != service.specialty or not s.takes_referrals for s in chosen):
            errors["shortlist"] = "Every service on the shortlist must take referrals for the same specialty"
    files = attachments or []
    for filename, data in files:
        try:
            check_attachment(filename, data)
        except ValidationError as invalid:
            errors.setdefault("attachment", invalid.message_dict["attachment"][0])
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    for _ in range(5):
        try:
            with transaction.atomic():
                request = ClinicalRequest.objects.create(
                    ubrn=new_ubrn(),
                    kind=kind,
                    priority=priority if kind == Kind.REFERRAL else Priority.ROUTINE,
                    state=State.AWAITING_TRIAGE if kind == Kind.REFERRAL else State.AWAITING_ADVICE,
                    patient=patient,
                    requester_org=actor.organisation,
                    requester=actor.person,
                    service=service,
                    trust=service.trust,
                    specialty=service.specialty,
                    clinical_information=clinical_information.strip(),
                    conversion_allowed=conversion_allowed if kind == Kind.ADVICE else False,
                    shortlist=[shortlist_entry(s) for s in chosen] if kind == Kind.REFERRAL else [],
                    sent_at=now,
                    due_date=due_for(kind, timezone.localdate(now)),
                )
                event = _event(actor, request, "sent", "", "")
                _store_attachments(actor, request, event, files)
                audit.record(
                    actor=actor,
                    action=f"{request.kind}.sent",
                    obj=request,
                    patient_nhs_number=patient.nhs_number,
                    details={"ubrn": request.ubrn, "service": service.id, "trust": service.trust.ods_code},
                )
                _tell_provider(request, "sent")
                return request
        except IntegrityError:
            continue  # a UBRN collision (one in 10^11): draw again
    raise ValidationError("Could not give the request a reference: try again")


# Steps ---------------------------------------------------------------------------------------


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
) -> ClinicalRequest:
    """Takes one step of the table, or refuses: StaleAction if the request moved on, else ValidationError.

    A step this actor may never take raises a ValidationError without a field (the page answers 403);
    missing or bad input raises one naming the field.
    """
    note = note.strip()
    files = attachments or []
    with transaction.atomic():
        request = lock_at_version(
            ClinicalRequest.objects.select_related("patient", "service__trust", "requester_org", "requester"),
            request_id,
            expected_version,
            "this request",
        )
        step = step_named(request, action)
        if step is None or not _may(actor, request, step):
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
        request.state = step.to
        request.version += 1
        if step.who == Party.PROVIDER and request.responded_at is None:
            request.responded_at = now
        if step.to == State.AWAITING_ADVICE:
            # The GP answered: the provider's clock starts again from today.
            request.due_date = advice_due(timezone.localdate(now))
        if step.to in FINISHING:
            request.finished_at = now
        if step.needs_reason:
            request.outcome_reason = reason
            request.outcome_advice = note
        elif step.who == Party.PROVIDER and note:
            request.outcome_advice = note
        request.requester_unseen = step.tells_requester
        request.save()
        event = _event(actor, request, action, from_state, note, reason if step.needs_reason else "")
        _store_attachments(actor, request, event, files)
        audit.record(
            actor=actor,
            action=f"{request.kind}.{action}",
            obj=request,
            patient_nhs_number=request.patient.nhs_number,
            details={"from": from_state, "to": request.state, "reason": reason if step.needs_reason else ""},
        )
        if step.makes_referral:
            _make_referral(actor, request, priority, note)
        if step.tells_requester:
            _tell_requester(request, action)
        if step.tells_provider:
            _tell_provider(request, action)
    return request


def _make_referral(actor: Actor, advice: ClinicalRequest, priority: str, note: str) -> ClinicalRequest:
    """The referral an A&G request becomes: same UBRN, patient, service and practice; its own triage clock."""
    now = timezone.now()
    question = advice.clinical_information
    information = f"Made from advice and guidance request {advice.reference}.\n\nQuestion: {question}"
    if note:
        information += f"\n\n{actor.organisation.name}: {note}"
    referral = ClinicalRequest.objects.create(
        ubrn=advice.ubrn,
        kind=Kind.REFERRAL,
        priority=priority,
        state=State.AWAITING_TRIAGE,
        patient=advice.patient,
        requester_org=advice.requester_org,
        requester=advice.requester,
        service=advice.service,
        trust=advice.trust,
        specialty=advice.specialty,
        clinical_information=information,
        converted_from=advice,
        shortlist=[shortlist_entry(advice.service)],
        sent_at=now,
        due_date=triage_due(timezone.localdate(now)),
    )
    _event(actor, referral, "created", "", f"Made from advice and guidance request {advice.reference}")
    audit.record(
        actor=actor,
        action="referral.created_from_advice",
        obj=referral,
        patient_nhs_number=advice.patient.nhs_number,
        details={"ubrn": referral.ubrn, "advice": advice.id},
    )
    _tell_provider(referral, "sent")
    return referral


def mark_seen(actor: Actor, request: ClinicalRequest) -> None:
    """Someone at the practice opened the request: it no longer counts as new in the header."""
    if actor.organisation.id == request.requester_org_id:
        ClinicalRequest.objects.filter(id=request.id, requester_unseen=True).update(requester_unseen=False)
        request.requester_unseen = False


def _event(
    actor: Actor, request: ClinicalRequest, action: str, from_state: str, note: str, reason: str = ""
) -> RequestEvent:
    return RequestEvent.objects.create(
        request=request,
        **taken_by(actor),
        action=action,
        from_state=from_state,
        to_state=request.state,
        reason=reason,
        note=note,
    )


# Email: the reference, never the patient's name ------------------------------------------------

EVENT_WORDS = {
    "sent": "new {kind} for {service}",
    "answer": "the GP answered your question on {kind}",
    "cancel": "{kind} cancelled by the practice",
    "withdraw": "{kind} withdrawn by the practice",
    "accept": "{kind} accepted",
    "return": "{kind} returned with advice",
    "reject": "{kind} rejected",
    "reply": "advice given on {kind}",
    "ask": "more information requested on {kind}",
    "convert": "{kind} converted to a referral",
}


def _subject(request: ClinicalRequest, event: str) -> str:
    kind = f"{'referral' if request.is_referral else 'A&G request'} {request.reference}"
    return EVENT_WORDS.get(event, "{kind} updated").format(kind=kind, service=request.service.name)


def _tell_provider(request: ClinicalRequest, event: str) -> None:
    people = Person.objects.filter(
        role_assignments__organisation_id=request.trust_id, role_assignments__role__in=PROVIDER_ROLES
    ).distinct()
    subject = _subject(request, event)
    notify(people, subject, f"{subject[:1].upper()}{subject[1:]}.", link=f"/referrals/{request.id}/")


def _tell_requester(request: ClinicalRequest, event: str) -> None:
    subject = _subject(request, event)
    notify([request.requester], subject, f"{subject[:1].upper()}{subject[1:]}.", link=f"/referrals/{request.id}/")
