"""Synthetic interface concerns: a year of them for an ICB, or a handful in every state for the demo.

Bulk inserts only. Themes follow what practices report most (test results, follow-up and onward
referrals left to the GP, short discharge medication); response times are mostly within the
clocks, with a realistic tail of late and unanswered concerns.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from joinedup.concerns.models import (
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
from joinedup.concerns.services import due_dates
from joinedup.core.working_days import add_working_days
from joinedup.demo.directory import SeededDirectory
from joinedup.directory.models import Organisation, Person, Role, RoleAssignment, Service

RULE_WEIGHTS = {
    Rule.TEST_RESULTS: 22,
    Rule.PROVIDER_FOLLOW_UP: 18,
    Rule.ONWARD_REFERRAL: 12,
    Rule.DISCHARGE_MEDICATION: 10,
    Rule.CONTACT_POINT: 8,
    Rule.DNA_DISCHARGE: 7,
    Rule.FIT_NOTE: 6,
    Rule.SHARED_CARE: 5,
    Rule.CLINIC_LETTER_7_DAYS: 4,
    Rule.DISCHARGE_SUMMARY_24H: 3,
    Rule.REFERRAL_RETURN_REASON: 2,
    Rule.AG_RESPONSE: 1,
    Rule.OTHER: 2,
}
WHAT_HAPPENED = {
    Rule.TEST_RESULTS: "The discharge letter asked the practice to chase a result the hospital ordered.",
    Rule.PROVIDER_FOLLOW_UP: "The clinic letter asked the practice to repeat a scan and re-refer.",
    Rule.ONWARD_REFERRAL: "The letter asked the practice to refer on for a related problem.",
    Rule.DISCHARGE_MEDICATION: "The patient was discharged with 3 days of medicines and asked to see the GP.",
    Rule.CONTACT_POINT: "The patient was told to ask the GP about their hospital appointment.",
    Rule.DNA_DISCHARGE: "The patient missed one appointment and was discharged for re-referral.",
    Rule.FIT_NOTE: "The patient was sent to the GP for a fit note after surgery.",
    Rule.SHARED_CARE: "The letter asked the practice to take over a specialist drug with no shared care agreement.",
    Rule.CLINIC_LETTER_7_DAYS: "The clinic letter arrived three weeks after the appointment.",
    Rule.DISCHARGE_SUMMARY_24H: "The discharge summary arrived five days after discharge.",
    Rule.REFERRAL_RETURN_REASON: "The referral was returned with no clinical reason or advice.",
    Rule.AG_RESPONSE: "The advice and guidance request had no answer after two weeks.",
    Rule.OTHER: "Something went wrong between the practice and the hospital.",
}
# How the ICB's decisions went: most upheld, as the contract's rules are clear about whose job it is.
OUTCOMES = [DecisionOutcome.UPHELD] * 6 + [DecisionOutcome.PARTLY_UPHELD] * 3 + [DecisionOutcome.NOT_UPHELD]
DEMO_STATES = [State.RAISED, State.ACKNOWLEDGED, State.RESPONDED, State.ESCALATED, State.CLOSED, State.DECIDED]


def seed_concerns(*, directory: SeededDirectory, count: int, days: int, rng: random.Random, demo: bool) -> int:
    now = timezone.now()
    today = timezone.localdate(now)
    trusts = directory.trusts
    people = _people(directory)
    specialties = {
        t.id: sorted(set(Service.objects.filter(trust=t).values_list("specialty", flat=True))) for t in trusts
    }
    trust_weights = [max(1, 6 - i) for i in range(len(trusts))]  # the first trust is the largest
    rules, rule_weights = list(RULE_WEIGHTS), list(RULE_WEIGHTS.values())
    due_cache: dict[datetime.date, tuple[datetime.date, datetime.date]] = {}
    concerns: list[Concern] = []
    plans: list[list[tuple[str, str, datetime.datetime, Person, str]]] = []
    for index in range(count):
        if demo:
            raiser = directory.practices[index % 2]
            about = trusts[0] if index % 3 else trusts[-1]
            raised_at = now - datetime.timedelta(days=rng.randint(0, days), hours=rng.randint(0, 8))
            state = DEMO_STATES[index % len(DEMO_STATES)]
        else:
            raiser = rng.choice(directory.practices) if rng.random() < 0.9 else rng.choice(trusts)
            about = rng.choices(trusts, weights=trust_weights)[0]
            if about == raiser:
                about = trusts[(trusts.index(about) + 1) % len(trusts)]
            raised_at = now - datetime.timedelta(days=rng.random() * days)
            state = None
        raised_on = timezone.localdate(raised_at)
        if raised_on not in due_cache:
            due_cache[raised_on] = due_dates(raised_on)
        ack_due, response_due = due_cache[raised_on]
        routed_org, routed_person = (
            (about, about.designated_interface_lead) if about.designated_interface_lead_id else (directory.icb, None)
        )
        recipient = routed_person or people["icb"]
        rule = rng.choices(rules, weights=rule_weights)[0]
        concern = Concern(
            raised_at=raised_at,
            raised_by=people["gp"] if raiser.kind == "gp_practice" else people["consultant"],
            raised_by_org=raiser,
            about_org=about,
            icb=directory.icb,
            routed_to_org=routed_org,
            routed_to_person=routed_person,
            rule=rule,
            specialty=rng.choice(specialties[about.id]) if specialties[about.id] and rng.random() < 0.8 else "",
            severity=rng.choices(list(Severity.values), weights=[5, 4, 1])[0],
            what_happened=WHAT_HAPPENED[rule],
            evidence_kind=EvidenceKind.LETTER if rng.random() < 0.6 else "",
            evidence_reference=f"L-{rng.randint(100000, 999999)}" if rng.random() < 0.6 else "",
            acknowledge_due=ack_due,
            response_due=response_due,
        )
        raiser_person = concern.raised_by
        steps: list[tuple[str, str, datetime.datetime, Person, str]] = []
        ack_at = _after(raised_on, rng.choices([0, 1, 2, 3, 5], weights=[2, 5, 3, 1, 1])[0], rng)
        respond_at = _after(raised_on, rng.choices([3, 6, 9, 12, 18], weights=[2, 4, 4, 2, 1])[0], rng)
        close_at = respond_at + datetime.timedelta(days=rng.randint(1, 10))
        decide_at = close_at + datetime.timedelta(days=rng.randint(5, 30))
        target = state or _natural_state(rng, now, ack_at, respond_at, close_at, decide_at)
        if demo and target != State.RAISED:
            # Demo concerns are recent: squeeze the steps into the time since raising.
            span = (now - raised_at) / 5
            ack_at, respond_at, close_at, decide_at = (raised_at + span * k for k in (1, 2, 3, 4))
        order = [State.ACKNOWLEDGED, State.RESPONDED]
        if target in (State.CLOSED,):
            order.append(State.CLOSED)
        if target in (State.ESCALATED, State.DECIDED):
            order.append(State.ESCALATED)
        if target == State.DECIDED:
            order.append(State.DECIDED)
        if target == State.RAISED:
            order = []
        elif target == State.ACKNOWLEDGED:
            order = [State.ACKNOWLEDGED]
        for to in order:
            if to == State.ACKNOWLEDGED:
                concern.acknowledged_at = ack_at
                steps.append(("acknowledge", to, ack_at, recipient, ""))
            elif to == State.RESPONDED:
                concern.responded_at = respond_at
                steps.append(("respond", to, respond_at, recipient, "We have reviewed this with the team concerned."))
            elif to == State.CLOSED:
                concern.closed_at = close_at
                steps.append(("close", to, close_at, raiser_person, ""))
            elif to == State.ESCALATED:
                concern.escalated_at = close_at
                steps.append(("escalate", to, close_at, raiser_person, "This keeps happening."))
            else:
                concern.closed_at = decide_at
                concern.decision_outcome = rng.choice(OUTCOMES)
                steps.append(("decide", to, decide_at, people["icb"], "Raised with the trust at the contract meeting."))
        concern.state = target
        concern.version = 1 + len(steps)
        concerns.append(concern)
        plans.append(steps)
    names = {p.id: str(p) for p in people.values()}
    names.update(
        {
            t.designated_interface_lead_id: str(t.designated_interface_lead)
            for t in trusts
            if t.designated_interface_lead_id
        }
    )
    orgs = {
        o.id: o.name
        for o in Organisation.objects.filter(
            id__in={c.raised_by_org_id for c in concerns} | {directory.icb.id} | {t.id for t in trusts}
        )
    }
    with transaction.atomic():
        created = Concern.objects.bulk_create(concerns, batch_size=2000)
        events = []
        for concern, steps in zip(created, plans, strict=True):
            events.append(
                ConcernEvent(
                    concern=concern,
                    at=concern.raised_at,
                    person=concern.raised_by,
                    person_name=names.get(concern.raised_by_id, ""),
                    organisation_name=orgs.get(concern.raised_by_org_id, ""),
                    action="raised",
                    from_state="",
                    to_state=State.RAISED,
                    note=f"Routed to {orgs.get(concern.routed_to_org_id, '')}",
                )
            )
            previous: str = State.RAISED
            for action, new_state, at, person, note in steps:
                at_org = (
                    concern.raised_by_org_id
                    if action in ("close", "escalate")
                    else (directory.icb.id if action == "decide" else concern.routed_to_org_id)
                )
                events.append(
                    ConcernEvent(
                        concern=concern,
                        at=at,
                        person=person,
                        person_name=names.get(person.id, str(person)),
                        organisation_name=orgs.get(at_org, ""),
                        action=action,
                        from_state=previous,
                        to_state=new_state,
                        note=note,
                    )
                )
                previous = new_state
        ConcernEvent.objects.bulk_create(events, batch_size=5000)
        _projects(directory, today)
    return len(created)


def _people(directory: SeededDirectory) -> dict[str, Person]:
    def person(role: str, org: Organisation) -> Person:
        return RoleAssignment.objects.filter(role=role, organisation=org).select_related("person").earliest("id").person

    return {
        "gp": person(Role.GP_CLINICIAN, directory.practices[0]),
        "consultant": person(Role.CONSULTANT, directory.trusts[0]),
        "icb": person(Role.ICB_ANALYST, directory.icb),
    }


def _after(day: datetime.date, working_days: int, rng: random.Random) -> datetime.datetime:
    moment = datetime.datetime.combine(add_working_days(day, working_days), datetime.time(9 + rng.randint(0, 7)))
    return timezone.make_aware(moment)


def _natural_state(
    rng: random.Random,
    now: datetime.datetime,
    ack_at: datetime.datetime,
    respond_at: datetime.datetime,
    close_at: datetime.datetime,
    decide_at: datetime.datetime,
) -> State:
    """How far a concern has got by now; about 1 in 25 is never answered (so overdue)."""
    if ack_at > now or rng.random() < 0.02:
        return State.RAISED
    if respond_at > now or rng.random() < 0.02:
        return State.ACKNOWLEDGED
    if close_at > now:
        return State.RESPONDED
    if rng.random() < 0.9:
        return State.CLOSED
    return State.DECIDED if decide_at <= now else State.ESCALATED


def _projects(directory: SeededDirectory, today: datetime.date) -> None:
    start = (today.replace(day=1) - datetime.timedelta(days=90)).replace(day=1)
    ImprovementProject.objects.bulk_create(
        [
            ImprovementProject(
                icb=directory.icb,
                title="Hospital teams chase their own test results",
                owner="Interface board clinical lead",
                rules=[Rule.TEST_RESULTS],
                trust=directory.trusts[0],
                status=ProjectStatus.ACTIVE,
                measure="Concerns about test results at the trust, per month",
                start_date=start,
            ),
            ImprovementProject(
                icb=directory.icb,
                title="Seven days of medicines on discharge",
                owner="ICB medicines optimisation lead",
                rules=[Rule.DISCHARGE_MEDICATION, Rule.OUTPATIENT_MEDICATION],
                status=ProjectStatus.PLANNED,
                measure="Concerns about discharge medication across the ICB, per month",
                start_date=today.replace(day=1),
            ),
        ]
    )
