"""Every change in care coordination: escalating, the hub's steps, outcomes, capacity, directory import.

An escalation's life is ``WORKFLOW``, one table of ``EscalationStep`` rows over ``core.workflow``:
new → accepted (the hub, for a service) → outcome recorded (the service's team); an accepted
escalation may be handed over to another service; a new one may be declined with a reason and
advice. Each step locks the row at the version the person saw (``lock_at_version``: two
coordinators accepting at once, one wins, the other is told), writes its timeline row and audit
event in the same transaction, and emails whoever should know once it commits.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from joinedup.audit import services as audit
from joinedup.core.concurrency import StaleAction as StaleAction  # pages and tests catch services.StaleAction
from joinedup.core.concurrency import lock_at_version
from joinedup.core.notify import notify
from joinedup.core.timeline import taken_by
from joinedup.core.workflow import Step, Workflow, organisation_parties
from joinedup.directory import selectors as directory
from joinedup.directory.access import Actor, Permission, require
from joinedup.patients.models import Patient
from joinedup.patients.nhs_numbers import nhs_number_error, normalise_nhs_number

from . import oruk
from .matching import Match, postcode_district
from .models import (
    URGENCY_MINUTES,
    Capacity,
    DeclineReason,
    Escalation,
    EscalationEvent,
    Outcome,
    Place,
    Problem,
    ServiceArea,
    ServiceContact,
    ServiceLocation,
    ServiceSchedule,
    State,
    Urgency,
    UrgentService,
)

TEXT_LIMIT = 5000
NEWS2_MAX = 20


@dataclass(frozen=True)
class EscalationStep(Step):
    """A row of the escalation table, and what the step asks for."""

    needs: tuple[str, ...] = ()


_HAND_OVER = EscalationStep(
    State.HANDED_OVER,
    "hub",
    "Hand over to another service",
    Permission.COORDINATE_ESCALATIONS,
    needs=("service", "note"),
)
_RECORD = EscalationStep(
    State.OUTCOME_RECORDED,
    "service",
    "Record what happened",
    Permission.RESPOND_TO_ESCALATIONS,
    needs=("outcome", "outcome_at"),
)

TABLE: dict[tuple[Hashable, str], EscalationStep] = {
    (State.NEW, "accept"): EscalationStep(
        State.ACCEPTED, "hub", "Accept for a service", Permission.COORDINATE_ESCALATIONS, needs=("service",)
    ),
    (State.NEW, "decline"): EscalationStep(
        State.DECLINED, "hub", "Decline with advice", Permission.COORDINATE_ESCALATIONS, needs=("reason", "advice")
    ),
    (State.ACCEPTED, "hand_over"): _HAND_OVER,
    (State.HANDED_OVER, "hand_over"): _HAND_OVER,
    (State.ACCEPTED, "record_outcome"): _RECORD,
    (State.HANDED_OVER, "record_outcome"): _RECORD,
}


def _parties(actor: Actor, escalation: Escalation) -> set[str]:
    return organisation_parties(
        actor,
        hub=escalation.hub_id,
        service=escalation.service_organisation_id,
        escalator=escalation.from_organisation_id,
    )


WORKFLOW: Workflow[Escalation, EscalationStep] = Workflow(
    TABLE, position=lambda escalation: escalation.state, parties=_parties
)
STAMPS = {
    State.ACCEPTED: "accepted_at",
    State.HANDED_OVER: "handed_over_at",
    State.DECLINED: "declined_at",
    State.OUTCOME_RECORDED: "outcome_recorded_at",
}


def response_due(escalated_at: datetime.datetime, urgency: str) -> datetime.datetime:
    """Within 2 hours of the escalation; same day: by midnight where the patient is (local time)."""
    minutes = URGENCY_MINUTES.get(urgency)
    if minutes is not None:
        return escalated_at + datetime.timedelta(minutes=minutes)
    local = timezone.localtime(escalated_at)
    end_of_day = datetime.datetime.combine(local.date() + datetime.timedelta(days=1), datetime.time(0))
    return timezone.make_aware(end_of_day, timezone.get_current_timezone())


# Escalating --------------------------------------------------------------------------------


@dataclass(frozen=True)
class EscalationInput:
    nhs_number: str
    place: str
    postcode: str
    problem: str
    details: str
    news2: int | None
    urgency: str
    tried: str
    consent: bool
    preferred_service: int | None = None  # None: leave it to the hub


def _check_escalator(actor: Actor) -> None:
    require(actor, Permission.ESCALATE_URGENT)
    if not (actor.in_practice or actor.in_community_provider):
        raise ValidationError("Only a GP practice or a neighbourhood team escalates to the hub")


def find_patient(actor: Actor, nhs_number: str) -> tuple[Patient | None, str]:
    """The patient an escalator may escalate (a practice: its own list; a neighbourhood team: its ICB's)."""
    message = nhs_number_error(nhs_number)
    if message:
        return None, message
    from joinedup.patients import selectors as patients

    found = patients.visible_patients(actor).filter(nhs_number=normalise_nhs_number(nhs_number)).first()
    if found is None:
        where = "registered at your practice" if actor.in_practice else "registered in your ICB"
        return None, f"No patient with this NHS number is {where}"
    return found, ""


def escalation_problems(actor: Actor, data: EscalationInput) -> tuple[dict[str, str], Patient | None]:
    """What is wrong with an escalation as entered (field → message), and the patient if found."""
    errors: dict[str, str] = {}
    patient, message = find_patient(actor, data.nhs_number)
    if message:
        errors["nhs_number"] = message
    if data.place not in Place.values:
        errors["place"] = "Select where the patient is"
    postcode = data.postcode.strip().upper()
    if postcode and (not postcode.replace(" ", "").isascii() or not postcode_district(postcode)):
        errors["postcode"] = "Enter a postcode like PB1 4XY, or leave it blank"
    if data.problem not in Problem.values:
        errors["problem"] = "Select the presenting problem"
    details = data.details.strip()
    if not details:
        errors["details"] = "Describe the problem: what has changed and what you found"
    for name, text in (("details", details), ("tried", data.tried.strip())):
        if len(text) > TEXT_LIMIT:
            errors[name] = "This must be 5,000 characters or fewer"
    if data.news2 is not None and not 0 <= data.news2 <= NEWS2_MAX:
        errors["news2"] = "NEWS2 is a score from 0 to 20"
    if data.urgency not in Urgency.values:
        errors["urgency"] = "Select how soon the patient needs to be seen"
    if not data.consent:
        errors["consent"] = "Confirm the patient (or their representative) agrees to the referral"
    return errors, patient


def escalate(*, actor: Actor, data: EscalationInput, matches: list[Match]) -> Escalation:
    """Sends an escalation to the hub of the escalator's ICB, with the proposal the person saw."""
    _check_escalator(actor)
    errors, patient = escalation_problems(actor, data)
    offered = {m.service.id for m in matches}
    if data.preferred_service is not None and data.preferred_service not in offered:
        errors["preferred_service"] = "Select one of the services proposed, or leave it to the hub"
    hub = directory.hub_of(actor.icb_id)
    if hub is None:
        raise ValidationError("Your ICB has no care coordination hub in JoinedUp yet")
    if errors:
        raise ValidationError(errors)
    assert patient is not None
    now = timezone.now()
    with transaction.atomic():
        escalation = Escalation.objects.create(
            escalated_at=now,
            escalated_by=actor.person,
            from_organisation=actor.organisation,
            hub=hub,
            patient=patient,
            patient_nhs_number=patient.nhs_number,
            practice_id=patient.registered_practice_id,
            place=data.place,
            postcode=data.postcode.strip().upper(),
            problem=data.problem,
            details=data.details.strip(),
            news2=data.news2,
            urgency=data.urgency,
            tried=data.tried.strip(),
            consent=True,
            matches=[m.as_json() for m in matches],
            preferred_service_id=data.preferred_service,
            response_due=response_due(now, data.urgency),
        )
        picked = next((m.service.name for m in matches if m.service.id == data.preferred_service), "")
        _event(actor, escalation, "escalated", "", f"Asked for {picked}" if picked else "Left to the hub to choose")
        audit.record(
            actor=actor,
            action="escalation.escalated",
            obj=escalation,
            patient_nhs_number=patient.nhs_number,
            details={"hub": hub.ods_code, "urgency": data.urgency, "problem": data.problem},
        )
        notify(
            directory.people_who_may(hub.id, Permission.COORDINATE_ESCALATIONS),
            f"new escalation {escalation.reference} ({escalation.get_urgency_display().lower()})",
            f"{actor.organisation.name} has escalated {escalation.reference}: {escalation.get_problem_display()}, "
            f"{escalation.get_place_display().lower()}. Respond by {timezone.localtime(escalation.response_due):%H:%M on %d %B}.",
            link=reverse("coordination:detail", args=[escalation.id]),
        )
    return escalation


# The hub's and the service's steps -----------------------------------------------------------


def step_for(action: str) -> EscalationStep:
    return WORKFLOW.any_step(action)


def take(
    *,
    actor: Actor,
    escalation_id: int,
    action: str,
    expected_version: int,
    service_id: int | None = None,
    note: str = "",
    reason: str = "",
    advice: str = "",
    outcome: str = "",
    outcome_at: datetime.datetime | None = None,
) -> Escalation:
    """Takes one step of the table, or refuses: StaleAction if the escalation moved on, else ValidationError."""
    note, advice = note.strip(), advice.strip()
    with transaction.atomic():
        escalation = lock_at_version(
            # No joins: a row lock on a joined (nullable) service cannot be taken, and would lock more than this row.
            Escalation.objects.all(),
            escalation_id,
            expected_version,
            f"escalation {Escalation(pk=escalation_id).reference}",
        )
        step = WORKFLOW.step(escalation, action)
        if step is None or not WORKFLOW.may(actor, escalation, step):
            raise ValidationError(f"You cannot do that to an escalation that is '{escalation.get_state_display()}'")
        service = _check_inputs(
            step,
            escalation,
            service_id=service_id,
            note=note,
            reason=reason,
            advice=advice,
            outcome=outcome,
            outcome_at=outcome_at,
        )
        from_state = escalation.state
        escalation.state = step.to
        setattr(escalation, STAMPS[State(step.to)], timezone.now())
        changed = ["state", STAMPS[State(step.to)], "version"]
        if service is not None:
            escalation.service = service
            escalation.service_organisation_id = service.organisation_id
            escalation.service_kind = service.kind
            changed += ["service", "service_organisation", "service_kind"]
        if step.to == State.DECLINED:
            escalation.decline_reason, escalation.advice = reason, advice
            changed += ["decline_reason", "advice"]
        if step.to == State.OUTCOME_RECORDED:
            escalation.outcome, escalation.outcome_at = outcome, outcome_at
            changed += ["outcome", "outcome_at"]
        escalation.version += 1
        escalation.save(update_fields=changed)
        _event(actor, escalation, action, from_state, _timeline_note(escalation, action, note))
        audit.record(
            actor=actor,
            action=f"escalation.{action}",
            obj=escalation,
            patient_nhs_number=escalation.patient_nhs_number,
            details={
                "from": from_state,
                "to": escalation.state,
                **({"service": service.id} if service else {}),
                **({"reason": reason} if reason else {}),
                **({"outcome": outcome} if outcome else {}),
            },
        )
        _tell(escalation, action)
    return escalation


def _check_inputs(
    step: EscalationStep,
    escalation: Escalation,
    *,
    service_id: int | None,
    note: str,
    reason: str,
    advice: str,
    outcome: str,
    outcome_at: datetime.datetime | None,
) -> UrgentService | None:
    errors: dict[str, str] = {}
    service = None
    if "service" in step.needs:
        service = UrgentService.objects.filter(id=service_id or 0, icb_id=escalation.hub.icb_id).first()
        if service is None:
            errors["service"] = "Select the service"
        elif service.id == escalation.service_id:
            errors["service"] = "Select a different service from the one it is with now"
    if "note" in step.needs and not note:
        errors["note"] = "Say why it is handed over"
    if "reason" in step.needs and reason not in DeclineReason.values:
        errors["reason"] = "Select why the escalation is declined"
    if "advice" in step.needs and not advice:
        errors["advice"] = "Enter your advice to the person who escalated"
    if "outcome" in step.needs and outcome not in Outcome.values:
        errors["outcome"] = "Select what happened"
    if "outcome_at" in step.needs:
        if outcome_at is None:
            errors["outcome_at"] = "Enter when it happened"
        elif outcome_at < escalation.escalated_at - datetime.timedelta(minutes=1):
            errors["outcome_at"] = "It cannot have happened before the escalation"
        elif outcome_at > timezone.now() + datetime.timedelta(minutes=5):
            errors["outcome_at"] = "It cannot be in the future"
    for name, text in (("note", note), ("advice", advice)):
        if len(text) > TEXT_LIMIT:
            errors[name] = "This must be 5,000 characters or fewer"
    if errors:
        raise ValidationError(errors)
    return service


def _timeline_note(escalation: Escalation, action: str, note: str) -> str:
    if action == "accept":
        return f"Accepted for {escalation.service}"
    if action == "hand_over":
        return f"Handed over to {escalation.service}. {note}"
    if action == "decline":
        return f"{escalation.get_decline_reason_display()}. Advice: {escalation.advice}"
    if action == "record_outcome" and escalation.outcome_at:
        return f"{escalation.get_outcome_display()}, {timezone.localtime(escalation.outcome_at):%H:%M on %d %B %Y}"
    return note


def _tell(escalation: Escalation, action: str) -> None:
    """One email per step, to the person who escalated and whoever acts next; the reference, never a name."""
    link = reverse("coordination:detail", args=[escalation.id])
    escalator = [escalation.escalated_by]
    ref = escalation.reference
    if action in ("accept", "hand_over"):
        verb = "accepted for" if action == "accept" else "handed over to"
        assert escalation.service is not None
        notify(
            escalator,
            f"escalation {ref} {verb} {escalation.service.name}",
            f"{ref} is {verb} {escalation.service.name}.",
            link,
        )
        notify(
            directory.people_who_may(escalation.service.organisation_id, Permission.RESPOND_TO_ESCALATIONS),
            f"escalation {ref} for {escalation.service.name}",
            f"The hub has passed {ref} ({escalation.get_urgency_display().lower()}) to {escalation.service.name}. "
            "Record what happened when you have seen the patient.",
            link,
        )
    elif action == "decline":
        notify(
            escalator,
            f"escalation {ref} declined with advice",
            f"The hub has declined {ref} with advice. Please read it.",
            link,
        )
    elif action == "record_outcome":
        notify(escalator, f"outcome of escalation {ref}", f"{ref}: {escalation.get_outcome_display()}.", link)
        notify(
            directory.people_who_may(escalation.hub_id, Permission.COORDINATE_ESCALATIONS),
            f"outcome of escalation {ref}",
            f"{ref}: {escalation.get_outcome_display()}.",
            link,
        )


def _event(actor: Actor, escalation: Escalation, action: str, from_state: str, note: str) -> EscalationEvent:
    return EscalationEvent.objects.create(
        escalation=escalation,
        **taken_by(actor),
        action=action,
        from_state=from_state,
        to_state=escalation.state,
        note=note,
    )


def escalation_viewed(*, actor: Actor, escalation: Escalation) -> None:
    """The escalation's page (the patient's name and NHS number) was shown: audited."""
    audit.record(
        actor=actor, action="escalation.viewed", obj=escalation, patient_nhs_number=escalation.patient_nhs_number
    )


# The services' own capacity today ----------------------------------------------------------


def capacity_update(*, actor: Actor, service_id: int, capacity: str, note: str, expected_version: int) -> UrgentService:
    """The service's team says how it is today: open, limited or full, with a note."""
    require(actor, Permission.RESPOND_TO_ESCALATIONS)
    note = note.strip()
    errors = {}
    if capacity not in Capacity.values:
        errors["capacity"] = "Select open, limited or full"
    if len(note) > 300 or "\x00" in note:
        errors["note"] = "The note must be 300 characters or fewer"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        service = lock_at_version(
            UrgentService.objects.filter(organisation_id=actor.organisation.id),
            service_id,
            expected_version,
            "this service's capacity",
        )
        service.capacity, service.capacity_note, service.capacity_updated_at = capacity, note, timezone.now()
        service.version += 1
        service.save(update_fields=["capacity", "capacity_note", "capacity_updated_at", "version"])
        audit.record(actor=actor, action="urgent_service.capacity", obj=service, details={"capacity": capacity})
    return service


# The directory as ORUK JSON ----------------------------------------------------------------


def directory_import(*, actor: Actor, data: Any) -> list[UrgentService]:
    """Loads an ORUK file into the actor's ICB: all of it in one transaction, or nothing, every error named.

    A service whose id is already in the ICB is updated (its hours, areas, locations and contacts
    replaced); a new id adds a service. Services not in the file are left as they are.
    """
    require(actor, Permission.MANAGE_URGENT_DIRECTORY)
    icb_id = actor.icb_id
    if icb_id is None:
        raise oruk.DirectoryErrors(["Your role is not in an ICB, so there is no directory to import into"])
    organisations, parsed, errors = oruk.parse(data)
    known = directory.organisations_by_ods(icb_id, set(organisations.values()))
    for org_id, code in organisations.items():
        if code and code not in known:
            errors.append(f"organization {org_id!r}: ODS code {code} is not an organisation in your ICB")
    existing = {s.oruk_id: s for s in UrgentService.objects.filter(oruk_id__in=[p.oruk_id for p in parsed])}
    for item in parsed:
        found = existing.get(item.oruk_id)
        if found is not None and found.icb_id != icb_id:
            errors.append(f'service "{item.fields["name"]}": id {item.oruk_id!r} belongs to another ICB\'s directory')
    if errors:
        raise oruk.DirectoryErrors(errors)
    saved = []
    with transaction.atomic():
        for item in parsed:
            organisation = known[item.organisation_ods]
            service = existing.get(item.oruk_id) or UrgentService(oruk_id=item.oruk_id, icb_id=icb_id)
            for name, value in item.fields.items():
                setattr(service, name, value)
            service.organisation = organisation
            service.capacity_updated_at = timezone.now()  # the file's capacity is as of its loading
            service.version = (service.version or 0) + 1 if service.pk else 1
            service.save()
            for model in (ServiceSchedule, ServiceArea, ServiceLocation, ServiceContact):
                model.objects.filter(service=service).delete()
            ServiceSchedule.objects.bulk_create([ServiceSchedule(service=service, **vars(s)) for s in item.schedules])
            ServiceArea.objects.bulk_create([ServiceArea(service=service, **a) for a in item.areas])
            ServiceLocation.objects.bulk_create([ServiceLocation(service=service, **loc) for loc in item.locations])
            ServiceContact.objects.bulk_create([ServiceContact(service=service, **c) for c in item.contacts])
            saved.append(service)
        audit.record(
            actor=actor,
            action="urgent_service.directory_imported",
            details={"services": len(saved), "new": len([p for p in parsed if p.oruk_id not in existing])},
        )
    return saved


def directory_exported(*, actor: Actor, count: int) -> None:
    with transaction.atomic():
        audit.record(actor=actor, action="urgent_service.directory_exported", details={"services": count})
