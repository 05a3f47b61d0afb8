"""Synthetic direct-access diagnostic requests: a year of them for an ICB, or a couple of dozen for the demo.

Bulk inserts only. Plain films and ultrasound dominate, as they do in direct-access activity; most
requests are reported within the 28 days, with a realistic tail of late reports and a few left
unbooked or unreported (so overdue), and some still open because they were sent recently.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from joinedup.demo import bulk
from joinedup.demo.directory import SeededDirectory
from joinedup.diagnostics.models import (
    DIAGNOSTIC_SPECIALTIES,
    TESTS,
    DiagnosticEvent,
    DiagnosticRequest,
    FiledAction,
    PregnancyStatus,
    Priority,
    RejectReason,
    State,
    TestType,
    service_offers,
)
from joinedup.diagnostics.services import report_due
from joinedup.directory.models import Organisation, Person, Role, RoleAssignment, Service
from joinedup.patients.models import Patient

TEST_WEIGHTS = {
    TestType.XRAY: 30,
    TestType.ULTRASOUND: 25,
    TestType.NT_PROBNP: 10,
    TestType.ECHOCARDIOGRAM: 8,
    TestType.SPIROMETRY: 8,
    TestType.CT: 8,
    TestType.MRI: 6,
    TestType.FENO: 5,
}
QUESTIONS = {
    TestType.XRAY: "Knee pain and stiffness for 4 months: osteoarthritis?",
    TestType.ULTRASOUND: "Right upper quadrant pain after meals: gallstones?",
    TestType.NT_PROBNP: "Breathless on exertion with ankle swelling: heart failure?",
    TestType.ECHOCARDIOGRAM: "NT-proBNP 900 ng/L: left ventricular function?",
    TestType.SPIROMETRY: "Smoker with chronic cough: COPD?",
    TestType.CT: "Persistent headache, new pattern, over 50: intracranial cause?",
    TestType.MRI: "Knee locking after twisting injury: meniscal tear?",
    TestType.FENO: "Episodic wheeze and cough: asthma?",
}
REPORTS = {
    TestType.XRAY: "Moderate medial compartment narrowing with osteophytes, in keeping with osteoarthritis.",
    TestType.ULTRASOUND: "Several small gallstones; no gallbladder wall thickening; ducts not dilated.",
    TestType.NT_PROBNP: "NT-proBNP 620 ng/L: raised; refer for echocardiography within 6 weeks.",
    TestType.ECHOCARDIOGRAM: "Mildly impaired left ventricular function, ejection fraction 45%.",
    TestType.SPIROMETRY: "FEV1/FVC 0.62 after bronchodilator: obstructive pattern, in keeping with COPD.",
    TestType.CT: "No intracranial abnormality.",
    TestType.MRI: "Complex tear of the posterior horn of the medial meniscus.",
    TestType.FENO: "FeNO 52 ppb: raised, supports a diagnosis of asthma.",
}
# What each imaging test is of, and the IR(ME)R justification a GP would give (TestDefinition says which apply).
BODY_SITES = {
    TestType.ULTRASOUND: "Upper abdomen",
    TestType.XRAY: "Left knee",
    TestType.CT: "Head",
    TestType.MRI: "Right knee",
}
JUSTIFICATIONS = {
    TestType.XRAY: "Weight-bearing view to grade osteoarthritis; would change whether to refer for surgery.",
    TestType.CT: "New persistent headache with a focal sign: to exclude a space-occupying lesion.",
}
ADVICE = "Please see the direct-access criteria; treat in primary care and re-request if it does not settle."
DEMO_PLAN = (
    [State.REQUESTED] * 5
    + [State.BOOKED] * 5
    + [State.DONE] * 4
    + [State.REPORTED] * 4
    + [State.FILED] * 2
    + [State.REJECTED] * 2
) + [State.CANCELLED] * 2


@dataclass
class Plan:
    """When each step happened (None: not yet, or never)."""

    booked_at: datetime.datetime | None = None
    appointment_on: datetime.date | None = None
    done_at: datetime.datetime | None = None
    reported_at: datetime.datetime | None = None
    filed_at: datetime.datetime | None = None  # the GP filed the report with an action
    rejected_at: datetime.datetime | None = None
    cancelled_at: datetime.datetime | None = None


def seed_diagnostics(*, directory: SeededDirectory, count: int, days: int, rng: random.Random, demo: bool) -> int:
    now = timezone.now()
    services = _services_by_trust_and_test(directory.trusts)
    patients = _patients_by_practice(directory.practices[:1] if demo else directory.practices)
    people = _people(directory)
    trusts, trust_weights = directory.trusts, [max(1, 6 - i) for i in range(len(directory.trusts))]
    tests, test_weights = list(TEST_WEIGHTS), list(TEST_WEIGHTS.values())
    practices = [p for p in (directory.practices[:1] if demo else directory.practices) if patients.get(p.id)]
    if not practices:
        return 0
    requests: list[DiagnosticRequest] = []
    plans: list[Plan] = []
    for index in range(count):
        practice = practices[0] if demo else rng.choice(practices)
        trust = trusts[0] if demo else rng.choices(trusts, weights=trust_weights)[0]
        test = rng.choices(tests, weights=test_weights)[0]
        offered = services[trust.id].get(test)
        if not offered:
            continue
        patient_id, nhs_number = rng.choice(patients[practice.id])
        if demo:
            state = DEMO_PLAN[index % len(DEMO_PLAN)]
            # Spread over the last 40 days, so some open ones are overdue.
            requested_at = now - datetime.timedelta(days=rng.randint(1, 40), hours=rng.randint(0, 8))
            plan = _demo_plan(state, requested_at, now, rng)
        else:
            requested_at = now - datetime.timedelta(days=rng.random() * days)
            plan = _natural_plan(requested_at, now, rng)
            state = _state_of(plan)
        request = DiagnosticRequest(
            requested_at=requested_at,
            requested_by=people["gp"],
            practice=practice,
            patient_id=patient_id,
            patient_nhs_number=nhs_number,
            trust=trust,
            service=rng.choice(offered),
            test=test,
            priority=Priority.URGENT if rng.random() < 0.15 else Priority.ROUTINE,
            clinical_question=QUESTIONS[test],
            state=state,
            report_due=report_due(timezone.localdate(requested_at)),
            appointment_on=plan.appointment_on,
            booked_at=plan.booked_at,
            done_at=plan.done_at,
            body_site=BODY_SITES.get(test, ""),
            pregnancy_status=PregnancyStatus.NOT_APPLICABLE if TESTS[test].ionising else "",
            justification=JUSTIFICATIONS.get(test, ""),
            egfr=rng.randint(45, 95) if TESTS[test].contrast_possible else None,
        )
        if state in (State.REPORTED, State.FILED):
            request.reported_at, request.report_text, request.reported_by = (
                plan.reported_at,
                REPORTS[test],
                people["consultant"],
            )
            assert plan.reported_at is not None
            opened = plan.reported_at + datetime.timedelta(hours=rng.randint(2, 96))
            request.outcome_opened_at = opened if opened < now and (not demo or index % 2) else None
        if state == State.FILED:
            request.filed_at, request.filed_by = plan.filed_at, people["gp"]
            request.filed_action = rng.choices(FiledAction.values, weights=[60, 15, 12, 5, 8])[0]
            request.outcome_opened_at = plan.filed_at
        elif state == State.REJECTED:
            request.rejected_at = plan.rejected_at
            request.reject_reason = rng.choice(RejectReason.values)
            request.clinical_advice = ADVICE
        elif state == State.CANCELLED:
            request.cancelled_at = plan.cancelled_at
        request.version = 1 + _steps_taken(request)
        requests.append(request)
        plans.append(plan)
    with transaction.atomic():
        bulk.insert_objects(DiagnosticRequest, requests)
        who = {role: (person.id, str(person)) for role, person in people.items()}
        org_names = {o.id: o.name for o in [*directory.practices, *directory.trusts]}
        _insert_events([event for request in requests for event in _events(request, who, org_names)])
    return len(requests)


def _services_by_trust_and_test(trusts: list[Organisation]) -> dict[int, dict[str, list[Service]]]:
    found: dict[int, dict[str, list[Service]]] = defaultdict(dict)
    for service in Service.objects.filter(trust__in=trusts, specialty__in=DIAGNOSTIC_SPECIALTIES):
        for test in TESTS:
            if service_offers(service, test):
                found[service.trust_id].setdefault(test, []).append(service)
    return found


def _patients_by_practice(practices: list[Organisation], per_practice: int = 2000) -> dict[int, list[tuple[int, str]]]:
    """Up to ``per_practice`` patients of each practice, to choose from."""
    found: dict[int, list[tuple[int, str]]] = {}
    for practice in practices:
        found[practice.id] = list(
            Patient.objects.filter(registered_practice=practice)
            .order_by("id")
            .values_list("id", "nhs_number")[:per_practice]
        )
    return found


def _people(directory: SeededDirectory) -> dict[str, Person]:
    def person(role: str, org: Organisation) -> Person:
        return RoleAssignment.objects.filter(role=role, organisation=org).select_related("person").earliest("id").person

    return {
        "gp": person(Role.GP_CLINICIAN, directory.practices[0]),
        "triage": person(Role.TRIAGE_ADMIN, directory.trusts[0]),
        "consultant": person(Role.CONSULTANT, directory.trusts[0]),
    }


def _at(day: datetime.date, rng: random.Random) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(8 + rng.randint(0, 9), rng.randint(0, 59))))


def _natural_plan(requested_at: datetime.datetime, now: datetime.datetime, rng: random.Random) -> Plan:
    """A request's course, some of it possibly still in the future (so not yet happened)."""
    requested_on = timezone.localdate(requested_at)
    plan = Plan()
    if rng.random() < 0.04:
        plan.rejected_at = requested_at + datetime.timedelta(days=rng.randint(1, 5))
        return _cut(plan, now)
    if rng.random() < 0.01:
        return plan  # never booked: overdue once 28 days pass
    plan.booked_at = requested_at + datetime.timedelta(days=rng.choice([0, 1, 1, 2, 3, 5]), hours=rng.randint(1, 6))
    # Most appointments within three weeks; a tail well beyond the 4-week clock.
    wait = int(rng.choices([rng.randint(3, 14), rng.randint(15, 24), rng.randint(25, 45)], weights=[55, 33, 12])[0])
    booked_on = timezone.localdate(plan.booked_at)
    plan.appointment_on = max(requested_on + datetime.timedelta(days=wait), booked_on + datetime.timedelta(days=1))
    if rng.random() < 0.02:
        plan.cancelled_at = plan.booked_at + datetime.timedelta(days=rng.randint(1, 7))
        return _cut(plan, now)
    plan.done_at = _at(plan.appointment_on, rng)
    if rng.random() < 0.01:
        plan.reported_at = None  # done but never reported: overdue
    else:
        plan.reported_at = plan.done_at + datetime.timedelta(
            days=rng.choices([0, 1, 3, 7, 14], weights=[30, 35, 20, 10, 5])[0], hours=rng.randint(1, 6)
        )
        if rng.random() < 0.97:  # a few reports wait at the practice, unfiled
            plan.filed_at = plan.reported_at + datetime.timedelta(days=rng.choice([0, 1, 1, 2, 4]), hours=2)
    return _cut(plan, now)


def _cut(plan: Plan, now: datetime.datetime) -> Plan:
    """Forget the steps that lie in the future."""
    if plan.booked_at and plan.booked_at > now:
        return Plan()
    for name in ("done_at", "reported_at", "filed_at", "rejected_at", "cancelled_at"):
        moment = getattr(plan, name)
        if moment is not None and moment > now:
            setattr(plan, name, None)
    # A step cannot outlive the one before it.
    if plan.done_at is None:
        plan.reported_at = None
    if plan.reported_at is None:
        plan.filed_at = None
    return plan


def _state_of(plan: Plan) -> State:
    if plan.rejected_at:
        return State.REJECTED
    if plan.cancelled_at:
        return State.CANCELLED
    if plan.filed_at:
        return State.FILED
    if plan.reported_at:
        return State.REPORTED
    if plan.done_at:
        return State.DONE
    if plan.booked_at:
        return State.BOOKED
    return State.REQUESTED


def _demo_plan(state: State, requested_at: datetime.datetime, now: datetime.datetime, rng: random.Random) -> Plan:
    """Steps squeezed into the time since the request, so the demo shows each state."""
    span = (now - requested_at) / 5
    plan = Plan()
    if state == State.REJECTED:
        plan.rejected_at = requested_at + span
        return plan
    if state == State.REQUESTED:
        return plan
    plan.booked_at = requested_at + span
    if state == State.CANCELLED:
        plan.appointment_on = timezone.localdate(now) + datetime.timedelta(days=rng.randint(3, 20))
        plan.cancelled_at = requested_at + span * 2
        return plan
    if state == State.BOOKED:
        # Some booked for today, so the demo can record one as done.
        plan.appointment_on = timezone.localdate(now) + datetime.timedelta(days=rng.choice([0, 0, 4, 9, 16]))
        return plan
    plan.done_at = requested_at + span * 2
    plan.appointment_on = timezone.localdate(plan.done_at)
    if state in (State.REPORTED, State.FILED):
        plan.reported_at = requested_at + span * 3
    if state == State.FILED:
        plan.filed_at = requested_at + span * 4
    return plan


def _steps_taken(request: DiagnosticRequest) -> int:
    return sum(
        1
        for moment in (
            request.booked_at,
            request.done_at,
            request.reported_at,
            request.filed_at,
            request.rejected_at,
            request.cancelled_at,
        )
        if moment is not None
    )


EVENT_COLUMNS = (
    "request_id",
    "at",
    "person_id",
    "person_name",
    "organisation_name",
    "action",
    "from_state",
    "to_state",
    "note",
)
EventRow = tuple[int, datetime.datetime, int, str, str, str, str, str, str]


def _events(request: DiagnosticRequest, who: dict[str, tuple[int, str]], orgs: dict[int, str]) -> list[EventRow]:
    """The timeline the steps would have written, as rows (the seed writes no audit rows: nobody acted)."""
    practice, trust = orgs[request.practice_id], orgs[request.trust_id]
    gp, triage, consultant = who["gp"], who["triage"], who["consultant"]
    events: list[EventRow] = [
        (request.id, request.requested_at, *gp, practice, "requested", "", State.REQUESTED, f"Sent to {trust}")
    ]
    previous: str = State.REQUESTED

    def add(at: datetime.datetime | None, action: str, to: State, person: tuple[int, str], org: str, note: str) -> None:
        nonlocal previous
        if at is not None:
            events.append((request.id, at, *person, org, action, previous, to, note))
            previous = to

    appointment = f"Appointment on {request.appointment_on:%d %B %Y}" if request.appointment_on else ""
    add(request.booked_at, "book", State.BOOKED, triage, trust, appointment)
    add(request.done_at, "done", State.DONE, triage, trust, "")
    add(request.reported_at, "report", State.REPORTED, consultant, trust, request.report_text)
    if request.filed_at:
        add(request.filed_at, "file", State.FILED, gp, practice, FiledAction(request.filed_action).label)
    if request.rejected_at:
        advice = f"{RejectReason(request.reject_reason).label}. Advice: {request.clinical_advice}"
        add(request.rejected_at, "reject", State.REJECTED, consultant, trust, advice)
    add(request.cancelled_at, "cancel", State.CANCELLED, gp, practice, "")
    return events


def _insert_events(rows: list[EventRow]) -> None:
    """Timeline rows need no ids back, so they go in as plain rows."""
    bulk.write_rows(DiagnosticEvent, EVENT_COLUMNS, rows)
