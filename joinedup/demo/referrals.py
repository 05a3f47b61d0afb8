"""Synthetic referrals and A&G requests: a year of them for an ICB, or a few dozen in every state for the demo.

Rows are built as tuples with explicit ids and written with COPY on PostgreSQL (bulk_create
elsewhere), so half a million referrals take well under a minute. Clock outcomes are realistic:
most triage within 3 working days and most A&G within 5, with a tail of late ones, and the
busiest trust (the first) carries a backlog, so thousands of its items are still open and many
overdue.
"""

from __future__ import annotations

import datetime
import json
import random
import zoneinfo
from bisect import bisect
from dataclasses import dataclass, field
from itertools import accumulate
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from joinedup.demo import bulk
from joinedup.demo.directory import DIAGNOSTIC_SPECIALTIES, SeededDirectory
from joinedup.directory.models import Organisation, Person, Role, RoleAssignment, Service
from joinedup.patients.models import Patient
from joinedup.referrals.models import ClinicalRequest, RequestEvent, ReturnReason
from joinedup.referrals.models import Kind as KindChoices
from joinedup.referrals.models import Priority as PriorityChoices
from joinedup.referrals.models import State as StateChoices
from joinedup.referrals.services import advice_due, shortlist_entry, triage_due

REQUEST_COLUMNS = (
    "id",
    "ubrn",
    "kind",
    "priority",
    "state",
    "patient_id",
    "requester_org_id",
    "requester_id",
    "service_id",
    "trust_id",
    "specialty",
    "clinical_information",
    "conversion_allowed",
    "converted_from_id",
    "shortlist",
    "sent_at",
    "due_date",
    "responded_at",
    "finished_at",
    "outcome_reason",
    "outcome_advice",
    "appointment_on",
    "appointment_clinic",
    "requester_unseen",
    "version",
)
EVENT_COLUMNS = (
    "id",
    "request_id",
    "at",
    "person_id",
    "person_name",
    "organisation_name",
    "action",
    "from_state",
    "to_state",
    "reason",
    "note",
)
QUESTIONS = [
    "Palpitations for two months; Holter shows frequent ectopics. Would a beta-blocker be reasonable?",
    "Persistent raised ALT at twice the upper limit; hepatitis screen negative. Further tests before referral?",
    "Rash on the shins for six weeks, not responding to emollients and a moderate steroid. Photo attached.",
    "eGFR fallen from 58 to 44 over a year on ramipril. Stop it, or refer?",
    "Raised PSA 4.8 at 62 with a benign-feeling prostate. Repeat, or refer?",
]
REFERRAL_TEXTS = [
    "Exertional chest pain for three weeks; resting ECG normal. Please assess.",
    "Change in bowel habit and iron-deficiency anaemia at 68. FIT positive.",
    "Progressive knee pain, X-ray shows severe osteoarthritis, conservative treatment failed.",
    "Recurrent headaches with new visual aura; examination normal.",
    "Breathlessness and a raised NT-proBNP; echo requested.",
]
ADVICE_TEXTS = {
    "return": "Please arrange the investigations below first and re-refer if they are abnormal.",
    "reject": "This clinic does not see this condition; the community service is the right place.",
    "reply": "This can be managed in primary care: start the treatment below and review in six weeks.",
    "ask": "Could you send the most recent blood results and any family history?",
    "answer": "Bloods attached; no family history.",
    "convert": "This needs to be seen in clinic: converting to a referral.",
}
RETURN_REASONS = list(ReturnReason.values)

# Plain strings for the choices: an enum member lookup costs about a microsecond, and the ICB seed
# makes millions of them.
State = SimpleNamespace(**{member.name: member.value for member in StateChoices})
Kind = SimpleNamespace(**{member.name: member.value for member in KindChoices})
Priority = SimpleNamespace(**{member.name: member.value for member in PriorityChoices})
PRIORITIES, PRIORITY_WEIGHTS = list(PriorityChoices.values), list(accumulate([70, 18, 12]))
DELAYS, DELAY_WEIGHTS = [0.3, 1, 2, 3, 4, 6, 9, 14], list(accumulate([10, 25, 25, 15, 10, 7, 5, 3]))
OUTCOMES = [State.ACCEPTED, State.RETURNED, State.REJECTED, State.CANCELLED]
OUTCOME_WEIGHTS = list(accumulate([82, 12, 3, 3]))


def _pick(rng: random.Random, items: list, cumulative: list[int]) -> Any:
    """A weighted choice, without random.choices' per-call set-up."""
    return items[bisect(cumulative, rng.random() * cumulative[-1])]


@dataclass
class Plan:
    """The rows being built, with the next ids to use."""

    requests: list[tuple] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)
    next_request: int = 1
    next_event: int = 1
    ubrns: set[str] = field(default_factory=set)


@dataclass
class Context:
    now: datetime.datetime
    today: datetime.date
    gp: Person
    consultant: Person
    consultant_trust: int
    org_names: dict[int, str]
    shortlists: dict[int, str]  # service id -> the one-entry shortlist as JSON
    due_cache: dict[tuple[str, datetime.date], datetime.date] = field(default_factory=dict)
    # Bookings draw from their own stream, so adding them left every other seeded figure as it was.
    booking_rng: random.Random = field(default_factory=lambda: random.Random(2026))
    zone: zoneinfo.ZoneInfo = field(default_factory=lambda: zoneinfo.ZoneInfo(settings.TIME_ZONE))

    def local_date(self, moment: datetime.datetime) -> datetime.date:
        return moment.astimezone(self.zone).date()

    def due(self, kind: str, on: datetime.date) -> datetime.date:
        key = (kind, on)
        if key not in self.due_cache:
            self.due_cache[key] = triage_due(on) if kind == Kind.REFERRAL else advice_due(on)
        return self.due_cache[key]


def seed_referrals(
    *, directory: SeededDirectory, referrals: int, advice: int, days: int, rng: random.Random, demo: bool
) -> tuple[int, int]:
    """Seeds about ``referrals`` referrals and ``advice`` A&G requests; returns (referrals, A&G) written."""
    services = list(
        Service.objects.select_related("trust")
        .filter(trust__in=directory.trusts, takes_referrals=True)
        .exclude(specialty__in=DIAGNOSTIC_SPECIALTIES)
    )
    now = timezone.now()
    context = Context(
        now=now,
        today=timezone.localdate(now),
        gp=_person(Role.GP_CLINICIAN, directory.practices[0]),
        consultant=_person(Role.CONSULTANT, directory.trusts[0]),
        consultant_trust=directory.trusts[0].id,
        org_names=dict(Organisation.objects.filter(icb=directory.icb).values_list("id", "name")),
        shortlists={s.id: json.dumps([shortlist_entry(s)]) for s in services},
    )
    plan = Plan(
        next_request=(ClinicalRequest.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1,
        next_event=(RequestEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1,
        ubrns=set(ClinicalRequest.objects.values_list("ubrn", flat=True)),
    )
    if demo:
        _demo(plan, context, directory, services, rng, per_state=6)
    else:
        _year(plan, context, directory, services, rng, referrals=referrals, advice=advice, days=days)
    _write(plan)
    kinds = [row[2] for row in plan.requests]
    return kinds.count(Kind.REFERRAL), kinds.count(Kind.ADVICE)


def _person(role: str, org: Organisation) -> Person:
    return RoleAssignment.objects.filter(role=role, organisation=org).select_related("person").earliest("id").person


def _year(
    plan: Plan,
    context: Context,
    directory: SeededDirectory,
    services: list[Service],
    rng: random.Random,
    *,
    referrals: int,
    advice: int,
    days: int,
) -> None:
    patients = list(Patient.objects.values_list("id", "registered_practice_id"))
    trust_weight = {t.id: max(1, 6 - i) for i, t in enumerate(directory.trusts)}  # the first trust is the largest
    busiest = directory.trusts[0].id
    advice_services = [s for s in services if s.takes_advice_and_guidance]
    made_from_advice = 0
    for patient, service in zip(
        rng.choices(patients, k=advice),
        _weighted(rng, advice_services, [trust_weight[s.trust_id] for s in advice_services], advice),
        strict=True,
    ):
        sent_at = context.now - datetime.timedelta(seconds=rng.random() * days * 86400)
        made_from_advice += _add(
            plan, context, rng, Kind.ADVICE, patient, service, sent_at, None, service.trust_id == busiest
        )
    count = max(0, referrals - made_from_advice)
    for patient, service in zip(
        rng.choices(patients, k=count),
        _weighted(rng, services, [trust_weight[s.trust_id] for s in services], count),
        strict=True,
    ):
        sent_at = context.now - datetime.timedelta(seconds=rng.random() * days * 86400)
        _add(plan, context, rng, Kind.REFERRAL, patient, service, sent_at, None, service.trust_id == busiest)


def _weighted(rng: random.Random, items: list[Service], weights: list[int], k: int) -> list[Service]:
    return rng.choices(items, weights=weights, k=k)


def _demo(
    plan: Plan,
    context: Context,
    directory: SeededDirectory,
    services: list[Service],
    rng: random.Random,
    *,
    per_state: int,
) -> None:
    """A few in every state, from the demo GP's practice to RZ1 (and a few elsewhere, to show scoping)."""
    practice, trust = directory.practices[0], directory.trusts[0]
    ours = list(Patient.objects.filter(registered_practice=practice).values_list("id", "registered_practice_id")[:200])
    theirs = list(
        Patient.objects.filter(registered_practice=directory.practices[1]).values_list("id", "registered_practice_id")[
            :50
        ]
    )
    at_trust = [s for s in services if s.trust_id == trust.id]
    elsewhere = [s for s in services if s.trust_id != trust.id]
    targets = {
        Kind.REFERRAL: [
            State.AWAITING_TRIAGE,
            State.ACCEPTED,
            State.BOOKED,
            State.RETURNED,
            State.REJECTED,
            State.CANCELLED,
        ],
        Kind.ADVICE: [
            State.AWAITING_ADVICE,
            State.INFORMATION_REQUESTED,
            State.ADVICE_GIVEN,
            State.CONVERTED,
            State.CLOSED,
        ],
    }
    for kind, states in targets.items():
        for state in states:
            for index in range(per_state * 2 if state in (State.AWAITING_TRIAGE, State.AWAITING_ADVICE) else per_state):
                pool = [s for s in at_trust if kind == Kind.REFERRAL or s.takes_advice_and_guidance]
                service = rng.choice(pool)
                patient = rng.choice(ours)
                if index == per_state - 1:  # one in each state elsewhere: not the demo users' business
                    service = rng.choice([s for s in elsewhere if kind == Kind.REFERRAL or s.takes_advice_and_guidance])
                    patient = rng.choice(theirs)
                # Open items: some overdue, some due soon; finished ones: within the last three weeks.
                back = (
                    rng.randint(0, 12)
                    if state in (State.AWAITING_TRIAGE, State.AWAITING_ADVICE)
                    else rng.randint(3, 21)
                )
                sent_at = context.now - datetime.timedelta(days=back, hours=rng.randint(0, 6))
                _add(plan, context, rng, kind, patient, service, sent_at, state, False)


def _new_ubrn(plan: Plan, rng: random.Random) -> str:
    while True:
        ubrn = str(rng.randrange(10**11, 10**12))
        if ubrn not in plan.ubrns:
            plan.ubrns.add(ubrn)
            return ubrn


def _add(
    plan: Plan,
    context: Context,
    rng: random.Random,
    kind: str,
    patient: tuple[int, int],
    service: Service,
    sent_at: datetime.datetime,
    target: str | None,
    backlog: bool,
    *,
    ubrn: str = "",
    converted_from: int | None = None,
    priority: str = "",
) -> int:
    """Adds one request and its events; returns how many referrals it made from A&G (0 or 1)."""
    request_id = plan.next_request
    plan.next_request += 1
    patient_id, practice_id = patient
    sent_on = context.local_date(sent_at)
    due = context.due(kind, sent_on)
    if kind == Kind.REFERRAL and service.two_week_wait_only:
        priority = Priority.TWO_WEEK_WAIT  # such a clinic takes nothing else (as request_send enforces)
    elif kind == Kind.REFERRAL and not priority:
        priority = _pick(rng, PRIORITIES, PRIORITY_WEIGHTS)
    practice_name = context.org_names.get(practice_id, "")
    trust_name = context.org_names.get(service.trust_id, "")
    gp = (context.gp.id, str(context.gp), practice_name)
    provider: tuple[int | None, str, str] = (
        (context.consultant.id, str(context.consultant), trust_name)
        if service.trust_id == context.consultant_trust
        else (None, "Triage consultant", trust_name)
    )

    # When the provider responds, in calendar days after sending: most within the clock, a late tail,
    # and a long tail at the busiest trust, whose backlog keeps thousands open.
    if backlog and rng.random() < 0.25:
        delay = rng.uniform(8, 70)
    else:
        delay = _pick(rng, DELAYS, DELAY_WEIGHTS) * rng.uniform(0.6, 1.2)
    respond_at = sent_at + datetime.timedelta(days=delay)
    events: list[tuple[str, datetime.datetime, tuple[int | None, str, str], str, str, str]] = [
        (
            "created" if converted_from else "sent",
            sent_at,
            gp,
            State.AWAITING_TRIAGE if kind == Kind.REFERRAL else State.AWAITING_ADVICE,
            "",
            "",
        )
    ]
    if target is not None and target not in (State.AWAITING_TRIAGE, State.AWAITING_ADVICE):
        respond_at = min(respond_at, context.now - datetime.timedelta(hours=2))
    open_now = target in (State.AWAITING_TRIAGE, State.AWAITING_ADVICE) or (target is None and respond_at > context.now)
    state: str = State.AWAITING_TRIAGE if kind == Kind.REFERRAL else State.AWAITING_ADVICE
    reason = advice_text = clinic = ""
    responded_at = finished_at = appointment_on = None
    conversion_allowed = kind == Kind.ADVICE and (target == State.CONVERTED or rng.random() < 0.7)
    made = 0
    if not open_now:
        responded_at = respond_at
        if kind == Kind.REFERRAL:
            outcome: str = State.ACCEPTED if target == State.BOOKED else target or _pick(rng, OUTCOMES, OUTCOME_WEIGHTS)
            action = {
                State.ACCEPTED: "accept",
                State.RETURNED: "return",
                State.REJECTED: "reject",
                State.CANCELLED: "cancel",
            }[outcome]
            if outcome in (State.RETURNED, State.REJECTED):
                reason, advice_text = rng.choice(RETURN_REASONS), ADVICE_TEXTS[action]
            who = gp if outcome == State.CANCELLED else provider
            events.append(
                (
                    action,
                    respond_at,
                    who,
                    outcome,
                    reason,
                    advice_text or ("No longer needed" if action == "cancel" else ""),
                )
            )
            state, finished_at = outcome, respond_at
            if outcome == State.CANCELLED:
                responded_at = None
            if outcome == State.ACCEPTED:
                state, appointment_on, clinic = _booking(
                    context, context.booking_rng, events, target, respond_at, provider, service
                )
        else:
            state, finished_at, made = _advice_outcome(
                plan, context, rng, events, target, respond_at, gp, provider, conversion_allowed
            )
            advice_text = ADVICE_TEXTS["reply"] if state != State.INFORMATION_REQUESTED else ""
            if state == State.AWAITING_ADVICE:
                due = context.due(kind, context.local_date(events[-1][1]))
                responded_at = respond_at
    unseen = state in (State.RETURNED, State.REJECTED, State.ADVICE_GIVEN, State.INFORMATION_REQUESTED) and (
        target is not None or (responded_at is not None and (context.now - responded_at).days < 7)
    )
    plan.requests.append(
        (
            request_id,
            ubrn or _new_ubrn(plan, rng),
            kind,
            priority or Priority.ROUTINE,
            state,
            patient_id,
            practice_id,
            context.gp.id,
            service.id,
            service.trust_id,
            service.specialty,
            rng.choice(REFERRAL_TEXTS if kind == Kind.REFERRAL else QUESTIONS),
            conversion_allowed,
            converted_from,
            context.shortlists[service.id] if kind == Kind.REFERRAL else "[]",
            sent_at,
            due,
            responded_at,
            finished_at,
            reason,
            advice_text,
            appointment_on,
            clinic,
            unseen,
            len(events),
        )
    )
    previous = ""
    for action, at, (person_id, person_name, org_name), to_state, event_reason, note in events:
        plan.events.append(
            (
                plan.next_event,
                request_id,
                at,
                person_id,
                person_name,
                org_name,
                action,
                previous,
                to_state,
                event_reason,
                note,
            )
        )
        plan.next_event += 1
        previous = to_state
    if made:
        convert_at = events[-1][1]
        _add(
            plan,
            context,
            rng,
            Kind.REFERRAL,
            patient,
            service,
            convert_at,
            None if target is None else State.AWAITING_TRIAGE,
            backlog,
            ubrn=plan.requests[-1][1] if plan.requests[-1][0] == request_id else "",
            converted_from=request_id,
            priority=Priority.ROUTINE,
        )
    return made


def _booking(
    context: Context,
    rng: random.Random,
    events: list,
    target: str | None,
    accepted_at: datetime.datetime,
    provider: tuple,
    service: Service,
) -> tuple[str, datetime.date | None, str]:
    """An accepted referral's booking: most are booked within days of acceptance; recent ones may wait."""
    book_at = accepted_at + datetime.timedelta(days=rng.uniform(0.2, 6))
    if target == State.BOOKED:
        book_at = min(book_at, context.now - datetime.timedelta(minutes=30))
    elif target == State.ACCEPTED or book_at > context.now:
        return State.ACCEPTED, None, ""
    appointment_on = context.local_date(book_at) + datetime.timedelta(days=rng.randint(10, 90))
    clinic = f"{service.name} outpatient clinic"
    note = f"Appointment on {appointment_on:%d %B %Y} at {clinic}."
    events.append(("book", book_at, provider, State.BOOKED, "", note))
    return State.BOOKED, appointment_on, clinic


def _advice_outcome(
    plan: Plan,
    context: Context,
    rng: random.Random,
    events: list,
    target: str | None,
    respond_at: datetime.datetime,
    gp: tuple,
    provider: tuple,
    conversion_allowed: bool,
) -> tuple[str, datetime.datetime | None, int]:
    """The A&G conversation up to now: (state, finished at, 1 if it became a referral)."""
    at = respond_at
    asks = target == State.INFORMATION_REQUESTED or (target is None and rng.random() < 0.08)
    if asks:
        events.append(("ask", at, provider, State.INFORMATION_REQUESTED, "", ADVICE_TEXTS["ask"]))
        answer_at = at + datetime.timedelta(days=rng.uniform(0.5, 4))
        if target == State.INFORMATION_REQUESTED or answer_at > context.now:
            return State.INFORMATION_REQUESTED, None, 0
        events.append(("answer", answer_at, gp, State.AWAITING_ADVICE, "", ADVICE_TEXTS["answer"]))
        at = answer_at + datetime.timedelta(days=rng.uniform(0.5, 5))
        if at > context.now:
            return State.AWAITING_ADVICE, None, 0
    converts = target == State.CONVERTED or (target is None and conversion_allowed and rng.random() < 0.2)
    if converts:
        events.append(("convert", at, provider, State.CONVERTED, "", ADVICE_TEXTS["convert"]))
        return State.CONVERTED, at, 1
    events.append(("reply", at, provider, State.ADVICE_GIVEN, "", ADVICE_TEXTS["reply"]))
    close_at = at + datetime.timedelta(days=rng.uniform(0.5, 10))
    if target == State.CLOSED or (target is None and close_at <= context.now and rng.random() < 0.7):
        close_at = min(close_at, context.now - datetime.timedelta(minutes=5))
        events.append(("close", close_at, gp, State.CLOSED, "", ""))
        return State.CLOSED, close_at, 0
    return State.ADVICE_GIVEN, None, 0


# Writing -------------------------------------------------------------------------------------


def _write(plan: Plan) -> None:
    with transaction.atomic(), bulk.without_indexes(ClinicalRequest, RequestEvent):
        bulk.write_rows(ClinicalRequest, REQUEST_COLUMNS, plan.requests, prepare=_shortlist_from_text)
        bulk.write_rows(RequestEvent, EVENT_COLUMNS, plan.events)


def _shortlist_from_text(fields: dict) -> dict:
    """Rows carry the shortlist as JSON text, COPY's form; bulk_create wants the list."""
    return {**fields, "shortlist": json.loads(fields["shortlist"])}
