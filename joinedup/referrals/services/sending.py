"""Sending a referral or an A&G request: its reference (UBRN), the shortlist, the first clock."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from joinedup.audit import services as audit
from joinedup.directory.access import Actor, Permission, require
from joinedup.directory.models import Service
from joinedup.patients.models import Patient

from ..models import ClinicalRequest, Kind, Priority, State
from .attachments import check_attachment, store_attachments
from .email import tell_provider
from .events import record_event
from .table import due_for


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


def shortlist_with(service: Service, shortlist: list[Service] | None) -> list[Service]:
    """The patient-choice shortlist: the service sent to is always on it, first unless chosen already."""
    chosen = list(shortlist or [])
    if service not in chosen:
        chosen.insert(0, service)
    return chosen


def send_problems(
    *,
    actor: Actor,
    kind: str,
    patient: Patient,
    service: Service,
    clinical_information: str,
    priority: str = Priority.ROUTINE,
    shortlist: list[Service] | None = None,
    attachments: list[tuple[str, bytes]] | None = None,
) -> dict[str, str]:
    """What stops this request being sent (field -> message); empty when it can go.

    The "check your answers" page is shown only for a request with none, so what the person
    checks is what will be sent.
    """
    errors: dict[str, str] = {}
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
    elif kind == Kind.REFERRAL and service.two_week_wait_only and priority != Priority.TWO_WEEK_WAIT:
        errors["priority"] = (
            f"{service.name} takes only two-week wait (suspected cancer) referrals: choose two-week wait, "
            "or send the referral to another service"
        )
    if not clinical_information.strip():
        errors["clinical_information"] = (
            "Enter the clinical information" if kind == Kind.REFERRAL else "Enter your question"
        )
    if kind == Kind.REFERRAL:
        chosen = shortlist_with(service, shortlist)
        if len(chosen) > settings.PATIENT_CHOICE_SHORTLIST_MAX:
            errors["shortlist"] = f"Offer the patient at most {settings.PATIENT_CHOICE_SHORTLIST_MAX} services"
        elif any(s.specialty != service.specialty or not s.takes_referrals for s in chosen):
            errors["shortlist"] = "Every service on the shortlist must take referrals for the same specialty"
    for filename, data in attachments or []:
        try:
            check_attachment(filename, data)
        except ValidationError as invalid:
            errors.setdefault("attachment", invalid.message_dict["attachment"][0])
    return errors


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
    if not actor.in_practice:
        raise ValidationError("Only a GP practice sends referrals and advice requests")
    if kind not in Kind.values:
        raise ValidationError("Choose a referral or an advice and guidance request")
    files = attachments or []
    errors = send_problems(
        actor=actor,
        kind=kind,
        patient=patient,
        service=service,
        clinical_information=clinical_information,
        priority=priority,
        shortlist=shortlist,
        attachments=files,
    )
    if errors:
        raise ValidationError(errors)
    chosen = shortlist_with(service, shortlist) if kind == Kind.REFERRAL else []
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
                event = record_event(actor, request, "sent", "", "")
                store_attachments(actor, request, event, files)
                audit.record(
                    actor=actor,
                    action=f"{request.kind}.sent",
                    obj=request,
                    patient_nhs_number=patient.nhs_number,
                    details={"ubrn": request.ubrn, "service": service.id, "trust": service.trust.ods_code},
                )
                tell_provider(request, "sent")
                return request
        except IntegrityError:
            continue  # a UBRN collision (one in 10^11): draw again
    raise ValidationError("Could not give the request a reference: try again")
