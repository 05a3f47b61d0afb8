"""Every change to a concern: routing, the one table of allowed steps, clocks, audit.

A concern's life is ``TRANSITIONS``: (state, action) -> (new state, who may do it). Nothing
else moves a concern on. Each step locks the row (``select_for_update``) and checks the
version the person was looking at, so when two people act at once one wins and the other is
told; nothing is applied twice.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from joinedup.audit import services as audit
from joinedup.core.concurrency import StaleAction as StaleAction  # pages and tests catch services.StaleAction
from joinedup.core.concurrency import lock_at_version
from joinedup.core.notify import notify
from joinedup.core.timeline import taken_by
from joinedup.core.workflow import Step, Workflow, organisation_parties
from joinedup.core.working_days import add_working_days
from joinedup.directory import selectors as directory
from joinedup.directory.access import Actor, Permission, require
from joinedup.directory.models import Organisation, OrganisationKind, Person, Service, Specialty
from joinedup.letters.inbox import services as letter_services
from joinedup.letters.models import Letter
from joinedup.patients.nhs_numbers import nhs_number_error, normalise_nhs_number

from .models import (
    Concern,
    ConcernEvent,
    DecisionOutcome,
    EvidenceKind,
    ImprovementProject,
    ProjectStatus,
    Rule,
    Severity,
    State,
)


class Party(StrEnum):
    RAISER = "raiser"  # anyone at the organisation that raised it
    RECIPIENT = "recipient"  # the designated lead's role at the organisation it was routed to (or the ICB)
    ICB = "icb"  # the ICB of the organisation concerned


@dataclass(frozen=True, kw_only=True)
class Transition(Step):
    """A row of the concern table (``core.workflow.Step``), and what the step asks for."""

    note_label: str
    note_required: bool
    note_missing: str = ""
    only_when_overdue: bool = False  # a step the raiser may take only once a clock has run out
    decides: bool = False  # the ICB's decision: a coded outcome, and optionally a project it feeds
    assigns: bool = False  # the lead names the clinical team (a service of the trust) that looks into it


def _assign(state: State) -> Transition:
    """Assigning keeps the concern where it is: the clocks and the next step stay the lead's."""
    return Transition(
        state,
        Party.RECIPIENT,
        "Assign to a clinical team",
        note_label="What you are asking the team to look into (optional)",
        note_required=False,
        assigns=True,
    )


# The one table of a concern's life.
TRANSITIONS: dict[tuple[str, str], Transition] = {
    (State.RAISED, "acknowledge"): Transition(
        State.ACKNOWLEDGED,
        Party.RECIPIENT,
        "Acknowledge",
        note_label="Note to the person who raised it (optional)",
        note_required=False,
    ),
    # The interface lead asks a clinical team of the trust to look into it (issue 12); the concern stays put.
    (State.RAISED, "assign"): _assign(State.RAISED),
    (State.ACKNOWLEDGED, "assign"): _assign(State.ACKNOWLEDGED),
    (State.ACKNOWLEDGED, "respond"): Transition(
        State.RESPONDED,
        Party.RECIPIENT,
        "Send the response",
        note_label="Your response: what was found and what will change",
        note_required=True,
        note_missing="Enter your response",
    ),
    (State.RESPONDED, "close"): Transition(
        State.CLOSED,
        Party.RAISER,
        "Agree and close",
        note_label="Comment on the response (optional)",
        note_required=False,
    ),
    (State.RESPONDED, "escalate"): Transition(
        State.ESCALATED,
        Party.RAISER,
        "Escalate to the ICB",
        note_label="Why the response does not settle the concern",
        note_required=True,
        note_missing="Enter why you are escalating the concern",
    ),
    # An unanswered concern whose clock has run out may go to the ICB without waiting for a response.
    (State.RAISED, "escalate"): Transition(
        State.ESCALATED,
        Party.RAISER,
        "Escalate to the ICB",
        note_label="Why you are escalating the overdue concern",
        note_required=True,
        note_missing="Enter why you are escalating the concern",
        only_when_overdue=True,
    ),
    (State.ACKNOWLEDGED, "escalate"): Transition(
        State.ESCALATED,
        Party.RAISER,
        "Escalate to the ICB",
        note_label="Why you are escalating the overdue concern",
        note_required=True,
        note_missing="Enter why you are escalating the concern",
        only_when_overdue=True,
    ),
    (State.ESCALATED, "decide"): Transition(
        State.DECIDED,
        Party.ICB,
        "Record the ICB decision",
        note_label="The ICB's decision",
        note_required=True,
        note_missing="Enter the reasons for the ICB's decision",
        decides=True,
    ),
}
ACTIONS = sorted({action for _, action in TRANSITIONS})
# Which timestamp each new state sets.
STAMPS: dict[str, str] = {
    State.ACKNOWLEDGED: "acknowledged_at",
    State.RESPONDED: "responded_at",
    State.ESCALATED: "escalated_at",
    State.CLOSED: "closed_at",
    State.DECIDED: "closed_at",
}
PARTY_PERMISSIONS = {
    Party.RAISER: Permission.RAISE_CONCERN,
    Party.RECIPIENT: Permission.RESPOND_TO_CONCERNS,
    Party.ICB: Permission.DECIDE_CONCERNS,
}


def route(about_org: Organisation) -> tuple[Organisation, Person | None]:
    """Where a concern about ``about_org`` goes: the trust's designated lead, else the ICB."""
    if about_org.kind == OrganisationKind.NHS_TRUST and about_org.designated_interface_lead_id:
        return about_org, about_org.designated_interface_lead
    if about_org.icb is None:
        raise ValidationError({"about": "This organisation belongs to no ICB, so a concern would reach nobody"})
    return about_org.icb, None


def _parties(actor: Actor, concern: Concern) -> set[str]:
    """The parts this actor plays in this concern (none for a system administrator: they only see)."""
    parties = organisation_parties(
        actor, raiser=concern.raised_by_org_id, recipient=concern.routed_to_org_id, icb=concern.icb_id
    )
    return {party for party in parties if actor.can(PARTY_PERMISSIONS[Party(party)])}


def _step_applies(step: Transition, concern: Concern) -> bool:
    """Escalating early waits for an overdue clock; assigning needs a trust (with teams) to assign within."""
    if step.assigns and concern.routed_to_org.kind != OrganisationKind.NHS_TRUST:
        return False
    return not step.only_when_overdue or bool(concern.overdue_on(timezone.localdate()))


WORKFLOW: Workflow[Concern, Transition] = Workflow(
    TRANSITIONS, position=lambda concern: concern.state, parties=_parties, guard=_step_applies
)
# Exactly the steps this actor may take on this concern now.
allowed_actions = WORKFLOW.allowed
parties_of = WORKFLOW.parties_of


def due_dates(raised_on: datetime.date) -> tuple[datetime.date, datetime.date]:
    return (
        add_working_days(raised_on, settings.CONCERN_ACKNOWLEDGE_WORKING_DAYS),
        add_working_days(raised_on, settings.CONCERN_RESPONSE_WORKING_DAYS),
    )


def _event(actor: Actor, concern: Concern, action: str, from_state: str, note: str) -> ConcernEvent:
    return ConcernEvent.objects.create(
        concern=concern,
        **taken_by(actor),
        action=action,
        from_state=from_state,
        to_state=concern.state,
        note=note,
    )


def concern_raise(
    *,
    actor: Actor,
    about_org: Organisation,
    rule: str,
    severity: str,
    what_happened: str,
    evidence_quote: str = "",
    evidence_kind: str = "",
    evidence_reference: str = "",
    patient_nhs_number: str = "",
    specialty: str = "",
    service: Service | None = None,
) -> Concern:
    require(actor, Permission.RAISE_CONCERN)
    errors: dict[str, str] = {}
    if about_org.id == actor.organisation.id:
        errors["about"] = "Select another organisation: a concern is about someone else's part of the interface"
    elif about_org.kind not in (OrganisationKind.NHS_TRUST, OrganisationKind.GP_PRACTICE):
        errors["about"] = "Select an NHS trust or a GP practice"
    elif about_org.icb_id != actor.icb_id:
        errors["about"] = "Select an organisation in your ICB"
    if rule not in Rule.values:
        errors["rule"] = "Select the rule the concern is about, or 'Something else'"
    if severity not in Severity.values:
        errors["severity"] = "Select how serious the concern is"
    if not what_happened.strip():
        errors["what_happened"] = "Enter what happened"
    if evidence_kind and evidence_kind not in EvidenceKind.values:
        errors["evidence_kind"] = "Select the kind of evidence"
    if specialty and specialty not in Specialty.values:
        errors["specialty"] = "Select a specialty from the list"
    nhs_number = ""
    if patient_nhs_number.strip():
        message = nhs_number_error(patient_nhs_number)
        if message:
            errors["nhs_number"] = message
        nhs_number = normalise_nhs_number(patient_nhs_number)
    if service is not None and service.trust_id != about_org.id:
        errors["specialty"] = "The service must belong to the organisation the concern is about"
    if errors:
        raise ValidationError(errors)
    routed_org, routed_person = route(about_org)
    assert about_org.icb_id is not None  # route() refused an organisation with no ICB
    raised_at = timezone.now()
    acknowledge_due, response_due = due_dates(timezone.localdate(raised_at))
    with transaction.atomic():
        concern = Concern.objects.create(
            raised_at=raised_at,
            raised_by=actor.person,
            raised_by_org=actor.organisation,
            about_org=about_org,
            icb_id=about_org.icb_id,
            routed_to_org=routed_org,
            routed_to_person=routed_person,
            rule=rule,
            service=service,
            specialty=service.specialty if service is not None else specialty,
            severity=severity,
            what_happened=what_happened.strip(),
            evidence_quote=evidence_quote.strip(),
            evidence_kind=evidence_kind,
            evidence_reference=evidence_reference.strip(),
            patient_nhs_number=nhs_number,
            acknowledge_due=acknowledge_due,
            response_due=response_due,
        )
        routed_text = (
            f"Routed to {routed_person}, {routed_org.name}" if routed_person else f"Routed to {routed_org.name}"
        )
        if routed_org.kind == OrganisationKind.ICB and about_org.is_trust:
            routed_text += " because the trust has no designated interface lead"
        _event(actor, concern, "raised", "", routed_text)
        audit.record(
            actor=actor,
            action="concern.raised",
            obj=concern,
            patient_nhs_number=nhs_number,
            details={"about": about_org.ods_code, "rule": rule, "routed_to": routed_org.ods_code},
        )
        _tell(concern, "raised")
    return concern


def concern_act(
    *,
    actor: Actor,
    concern_id: int,
    action: str,
    note: str,
    expected_version: int,
    outcome: str = "",
    project_id: int | None = None,
    service_id: int | None = None,
) -> Concern:
    """Takes one step of the table, or refuses: StaleAction if the concern moved on, else ValidationError."""
    note = note.strip()
    with transaction.atomic():
        concern = lock_at_version(
            Concern.objects.select_related("about_org", "routed_to_org"), concern_id, expected_version, "this concern"
        )
        step = WORKFLOW.step(concern, action)
        if step is None or not WORKFLOW.may(actor, concern, step):
            raise ValidationError(f"You cannot do that to a concern that is '{concern.get_state_display()}'")
        errors: dict[str, str] = {}
        if step.note_required and not note:
            errors["note"] = step.note_missing
        project = None
        if step.decides:
            if outcome not in DecisionOutcome.values:
                errors["outcome"] = "Select the ICB's decision"
            if project_id is not None:
                project = ImprovementProject.objects.filter(id=project_id, icb_id=concern.icb_id).first()
                if project is None:
                    errors["project"] = "Select one of this ICB's improvement projects"
        team = None
        if step.assigns:
            team = (
                Service.objects.filter(id=service_id, trust_id=concern.routed_to_org_id).first() if service_id else None
            )
            if team is None:
                errors["service"] = "Select the clinical team to look into it"
        if errors:
            raise ValidationError(errors)
        from_state = concern.state
        now = timezone.now()
        concern.state = step.to
        changed = ["state", "version"]
        if step.to in STAMPS and step.to != from_state:
            setattr(concern, STAMPS[step.to], now)
            changed.append(STAMPS[step.to])
        if step.decides:
            concern.decision_outcome, concern.decision_project = outcome, project
            changed += ["decision_outcome", "decision_project"]
            note = f"{DecisionOutcome(outcome).label}. {note}"
        if team is not None:
            concern.assigned_service = team
            changed.append("assigned_service")
            note = f"Assigned to {team.name}. {note}".strip()
        concern.version += 1
        concern.save(update_fields=changed)
        _event(actor, concern, action, from_state, note)
        audit.record(
            actor=actor,
            action=f"concern.{action}",
            obj=concern,
            patient_nhs_number=concern.patient_nhs_number,
            details={"from": from_state, "to": concern.state, "outcome": concern.decision_outcome},
        )
        _tell(concern, action, actor)
    return concern


def project_create(
    *,
    actor: Actor,
    icb: Organisation,
    title: str,
    owner: str,
    rules: list[str],
    measure: str,
    start_date: datetime.date,
    status: str = ProjectStatus.PLANNED,
    trust: Organisation | None = None,
    specialty: str = "",
) -> ImprovementProject:
    require(actor, Permission.MANAGE_IMPROVEMENT_PROJECTS)
    errors: dict[str, str] = {}
    if not actor.is_system_admin and icb.id != actor.icb_id:
        errors["title"] = "You can only add projects for your own ICB"
    if not rules or any(r not in Rule.values for r in rules):
        errors["rules"] = "Select at least one rule the project targets"
    if status not in ProjectStatus.values:
        errors["status"] = "Select the project's status"
    if trust is not None and (trust.icb_id != icb.id or not trust.is_trust):
        errors["trust"] = "Select a trust in this ICB"
    if specialty and specialty not in Specialty.values:
        errors["specialty"] = "Select a specialty from the list"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        project = ImprovementProject.objects.create(
            icb=icb,
            title=title.strip(),
            owner=owner.strip(),
            rules=sorted(set(rules)),
            measure=measure.strip(),
            start_date=start_date,
            status=status,
            trust=trust,
            specialty=specialty,
        )
        audit.record(actor=actor, action="improvement_project.created", obj=project, details={"rules": project.rules})
    return project


def project_status_set(*, actor: Actor, project: ImprovementProject, status: str) -> ImprovementProject:
    """Moves a project on (planned, active, complete, ...): the register stays current."""
    require(actor, Permission.MANAGE_IMPROVEMENT_PROJECTS)
    if not actor.is_system_admin and project.icb_id != actor.icb_id:
        raise ValidationError("You can only change your own ICB's projects")
    if status not in ProjectStatus.values:
        raise ValidationError({"status": "Select the project's status"})
    with transaction.atomic():
        before = project.status
        project.status = status
        project.save(update_fields=["status"])
        audit.record(
            actor=actor,
            action="improvement_project.status_set",
            obj=project,
            details={"from": before, "to": status},
        )
    return project


def concern_letter_viewed(*, actor: Actor, concern: Concern, letter: Letter) -> None:
    """The letter a concern is about was shown from the concern: the letters' own view, audited."""
    letter_services.letter_viewed(actor=actor, letter=letter, via=f"concern {concern.reference}")


def concern_viewed(*, actor: Actor, concern: Concern) -> None:
    """Opening a concern that names a patient is audited as a view of the patient."""
    audit.record(actor=actor, action="concern.viewed", obj=concern, patient_nhs_number=concern.patient_nhs_number)


def may_message(actor: Actor, concern: Concern) -> bool:
    """Whether this actor is on one side of this open concern, and so may write to the other."""
    open_ = concern.state in (State.RAISED, State.ACKNOWLEDGED, State.RESPONDED)
    return open_ and bool(_parties(actor, concern) & {Party.RAISER, Party.RECIPIENT})


def concern_message(*, actor: Actor, concern_id: int, text: str) -> ConcernEvent:
    """A message between the two sides of an open concern: it moves nothing on, is kept in the
    timeline, audited, and emailed to the other side (as many as they need, not one response)."""
    text = text.strip()
    if not text:
        raise ValidationError({"note": "Enter your message"})
    if len(text) > 5000:
        raise ValidationError({"note": "The message must be 5,000 characters or fewer"})
    with transaction.atomic():
        concern = Concern.objects.select_for_update().select_related("about_org").get(id=concern_id)
        if not may_message(actor, concern):
            raise ValidationError("Only the two sides of an open concern can write to each other")
        event = _event(actor, concern, "message", concern.state, text)
        audit.record(
            actor=actor,
            action="concern.message",
            obj=concern,
            patient_nhs_number=concern.patient_nhs_number,
            details={"state": concern.state},
        )
        _tell(concern, "message", actor)
    return event


# Email: the reference, never the patient's name ------------------------------------------------

TOLD = {
    "raised": "new interface concern {ref} about {about}",
    "acknowledge": "interface concern {ref} acknowledged",
    "respond": "response to interface concern {ref}",
    "close": "interface concern {ref} closed by the organisation that raised it",
    "escalate": "interface concern {ref} escalated to the ICB",
    "decide": "the ICB's decision on interface concern {ref}",
    "message": "new message on interface concern {ref}",
    "assign": "interface concern {ref} assigned to your team",
}


def _recipients(concern: Concern) -> list[Person]:
    """Whoever answers the concern: the trust's designated lead, else everyone at the ICB who may respond."""
    if concern.routed_to_person is not None:
        return [concern.routed_to_person]
    return list(directory.people_who_may(concern.routed_to_org_id, Permission.RESPOND_TO_CONCERNS))


def _tell(concern: Concern, action: str, actor: Actor | None = None) -> None:
    """One email per step, to whoever must act next or learn of it (sent once the step commits)."""
    subject = TOLD[action].format(ref=concern.reference, about=concern.about_org.name)
    link = f"/concerns/{concern.id}/"
    body = f"{subject[:1].upper()}{subject[1:]}."
    people: list[Person] = []
    if action == "raised":
        people = _recipients(concern)
    elif action in ("acknowledge", "respond"):
        people = [concern.raised_by]
    elif action == "close":
        people = _recipients(concern)
    elif action == "escalate":
        people = [*directory.people_who_may(concern.icb_id, Permission.DECIDE_CONCERNS), *_recipients(concern)]
    elif action == "decide":
        people = [concern.raised_by, *_recipients(concern)]
    elif action == "message":
        people = [concern.raised_by, *_recipients(concern)]
    elif action == "assign" and concern.assigned_service is not None:
        # The trust's clinicians: the directory knows people by trust and role, not yet by team.
        people = list(directory.people_who_may(concern.routed_to_org_id, Permission.TRIAGE_REFERRALS))
    if actor is not None:  # nobody is emailed about their own step
        people = [person for person in people if person.id != actor.person.id]
    notify(people, subject, body, link=link)
