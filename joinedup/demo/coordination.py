"""Synthetic care coordination: the ICB's urgent services directory and a history of escalations.

One entry point, ``seed_coordination``: it adds a community provider with a neighbourhood team
(the UCR team's login, ``ucr.team``), loads an urgent service of every kind through the same
ORUK import an ICB would use, and adds escalations: a dozen live ones for the demo (new, one
overdue, accepted, outcomes), or, at ICB scale, a year of them (``count``, about 50,000) with
realistic outcomes. Matching for history is done once per kind of case, not once per row.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from joinedup.coordination import selectors, services
from joinedup.coordination.matching import Case, match_services
from joinedup.coordination.models import (
    AVOIDED,
    Escalation,
    EscalationEvent,
    Outcome,
    Problem,
    State,
    Urgency,
    UrgentService,
)
from joinedup.demo import bulk
from joinedup.demo.directory import DEMO_PASSWORD, SeededDirectory, demo_email
from joinedup.demo.names import person_name
from joinedup.directory.access import Actor
from joinedup.directory.models import Organisation, OrganisationKind, Person, Role, RoleAssignment
from joinedup.patients.models import Patient

COMMUNITY_ODS = "NL1"
COMMUNITY_NAME = "Pellbridge and Saltmere Community Health"
TEAM_USERNAME = "ucr.team"
PROBLEM_WEIGHTS = {
    Problem.FALL: 30,
    Problem.BREATHLESSNESS: 18,
    Problem.REDUCED_MOBILITY: 14,
    Problem.CONFUSION: 12,
    Problem.INFECTION: 10,
    Problem.END_OF_LIFE: 5,
    Problem.CARER_BREAKDOWN: 5,
    Problem.CATHETER: 4,
    Problem.OTHER: 2,
}
OUTCOME_WEIGHTS = {
    Outcome.ADMISSION_AVOIDED: 52,
    Outcome.SEEN_AT_HOME: 22,
    Outcome.CONVEYED_TO_ED: 10,
    Outcome.ADMITTED: 11,
    Outcome.REFERRED_TO_SDEC: 5,
}
DETAILS = {
    Problem.FALL: "Found on the floor by carers; sore hip; able to stand with help; no head injury.",
    Problem.BREATHLESSNESS: "More breathless over two days; sats 92% on air; productive cough.",
    Problem.REDUCED_MOBILITY: "Not able to get out of bed since yesterday; usually walks with a frame.",
    Problem.CONFUSION: "New confusion since this morning per family; drinking less; no fever recorded.",
    Problem.INFECTION: "Temperature 38.4; dysuria; eating and drinking a little.",
    Problem.END_OF_LIFE: "Known palliative; pain not controlled; family struggling overnight.",
    Problem.CARER_BREAKDOWN: "Main carer admitted to hospital; patient alone and unable to manage.",
    Problem.CATHETER: "Catheter blocked; bypassing; lower abdominal discomfort.",
    Problem.OTHER: "Rapid decline at home; family worried; needs assessment today.",
}


def _org(org: Organisation) -> dict[str, Any]:
    return {
        "id": f"ods:{org.ods_code}",
        "name": org.name,
        "organization_identifiers": [
            {"identifier_scheme": "ODS", "identifier_type": "ODS code", "identifier": org.ods_code}
        ],
    }


def _weekly(service_id: str, days: str, opens: str, closes: str) -> dict[str, Any]:
    return {
        "id": f"{service_id}-{days.replace(',', '')}",
        "freq": "WEEKLY",
        "byday": days,
        "opens_at": opens,
        "closes_at": closes,
    }


def _term(link: str, vocabulary: str, code: str) -> dict[str, Any]:
    return {"link_type": link, "taxonomy_term": {"vocabulary": vocabulary, "code": code}}


def directory_file(directory: SeededDirectory, community: Organisation, today: datetime.date) -> dict[str, Any]:
    """An urgent service of every kind, as the ICB's Directory of Services would export it (ORUK JSON)."""
    practices = [p.ods_code for p in directory.practices]
    half = len(practices) // 2 or 1
    first, second = directory.trusts[0], directory.trusts[min(1, len(directory.trusts) - 1)]
    every_day = "MO,TU,WE,TH,FR,SA,SU"
    plan = [
        # id, organisation, name, kind, hours, practices, accepts, excludes, care homes, response, capacity, min age
        (
            "ucr-north",
            community,
            "Pellbridge Urgent Community Response",
            "ucr",
            [_weekly("ucr-north", every_day, "08:00", "20:00")],
            practices[:half],
            [],
            ["end_of_life"],
            True,
            120,
            "open",
            18,
        ),
        (
            "ucr-south",
            community,
            "Saltmere Urgent Community Response",
            "ucr",
            [_weekly("ucr-south", every_day, "08:00", "20:00")],
            practices[half:] or practices,
            [],
            [],
            True,
            120,
            "limited",
            18,
        ),
        (
            "falls",
            community,
            "Pellbridge and Saltmere Falls Response",
            "falls",
            [_weekly("falls", every_day, "07:00", "22:00")],
            practices,
            ["fall", "reduced_mobility"],
            [],
            True,
            120,
            "open",
            50,
        ),
        (
            "ari",
            first,
            "Pellbridge ARI Hub",
            "ari_hub",
            [_weekly("ari", "MO,TU,WE,TH,FR", "08:00", "20:00"), _weekly("ari", "SA,SU", "09:00", "13:00")],
            practices,
            ["breathlessness", "infection"],
            [],
            False,
            240,
            "open",
            0,
        ),
        (
            "sdec",
            first,
            "Pellbridge Same Day Emergency Care",
            "sdec",
            [_weekly("sdec", every_day, "08:00", "22:00")],
            practices,
            [],
            ["end_of_life", "carer_breakdown"],
            True,
            None,
            "open",
            16,
        ),
        (
            "frailty",
            second,
            "Acute Frailty Assessment Unit",
            "acute_frailty",
            [_weekly("frailty", "MO,TU,WE,TH,FR", "08:00", "18:00")],
            practices,
            [],
            [],
            True,
            240,
            "open",
            65,
        ),
        (
            "virtual-ward",
            community,
            "Frailty and Respiratory Virtual Ward",
            "virtual_ward",
            [_weekly("virtual-ward", every_day, "00:00", "00:00")],
            practices,
            ["breathlessness", "infection", "confusion", "reduced_mobility"],
            [],
            True,
            240,
            "full",
            18,
        ),
        (
            "palliative",
            community,
            "Hospice at Home Rapid Response",
            "other",
            [_weekly("palliative", every_day, "00:00", "00:00")],
            practices,
            ["end_of_life"],
            [],
            True,
            120,
            "open",
            18,
        ),
    ]
    christmas = datetime.date(today.year, 12, 25)
    services_json: list[dict[str, Any]] = []
    for oruk_id, org, name, kind, hours, covered, accepts, excludes, care_homes, response, capacity, min_age in plan:
        attributes = [_term("kind", "joinedup:urgent-service-kind", kind)]
        attributes += [_term("accepts", "joinedup:presenting-problem", c) for c in accepts]
        attributes += [_term("excludes", "joinedup:presenting-problem", c) for c in excludes]
        attributes.append({"link_type": "care_home_residents", "value": "yes" if care_homes else "no"})
        if response:
            attributes.append({"link_type": "response_minutes", "value": str(response)})
        attributes.append(
            {
                "link_type": "capacity",
                "value": capacity,
                **({"label": "No beds until tomorrow"} if capacity == "full" else {}),
            }
        )
        schedules = list(hours)
        if kind == "acute_frailty":
            schedules.append(
                {
                    "id": "frailty-christmas",
                    "valid_from": christmas.isoformat(),
                    "valid_to": christmas.isoformat(),
                    "description": "Closed on Christmas Day",
                }
            )
        services_json.append(
            {
                "id": oruk_id,
                "organization_id": f"ods:{org.ods_code}",
                "name": name,
                "description": f"{name}: urgent care for people at home or in a care home.",
                "status": "active",
                "email": f"{oruk_id}@joinedup.example",
                "url": "",
                "minimum_age": min_age,
                "maximum_age": None,
                "eligibility_description": "",
                "attributes": attributes,
                "schedules": schedules,
                "service_areas": [
                    {"id": f"{oruk_id}-{code}", "name": "", "extent_type": "ods_practice", "extent": code}
                    for code in covered
                ],
                "service_at_locations": [],
                "contacts": [
                    {
                        "id": f"{oruk_id}-spa",
                        "name": "Single point of access",
                        "title": "",
                        "email": "",
                        "phones": [{"number": "01632 960" + str(100 + len(services_json))}],
                    }
                ],
            }
        )
    orgs = {community.ods_code: community, first.ods_code: first, second.ods_code: second}
    return {"organizations": [_org(o) for o in orgs.values()], "services": services_json}


def _community_and_team(directory: SeededDirectory, rng: random.Random) -> Organisation:
    community = Organisation.objects.create(
        ods_code=COMMUNITY_ODS, name=COMMUNITY_NAME, kind=OrganisationKind.COMMUNITY_PROVIDER, icb=directory.icb
    )
    given, family = person_name(rng)
    team = Person.objects.create_user(
        username=TEAM_USERNAME,
        password=DEMO_PASSWORD,
        first_name=given,
        last_name=family,
        email=demo_email(TEAM_USERNAME),
    )
    RoleAssignment.objects.create(person=team, organisation=community, role=Role.NEIGHBOURHOOD_TEAM)
    directory.logins.append((TEAM_USERNAME, Role.NEIGHBOURHOOD_TEAM.label, community.name))
    return community


def _actor(username: str, organisation: Organisation | None = None) -> Actor:
    assignments = RoleAssignment.objects.select_related("person", "organisation").filter(person__username=username)
    if organisation is not None:
        assignments = assignments.filter(organisation=organisation)
    assignment = assignments.earliest("id")
    return Actor(person=assignment.person, assignment=assignment)


def seed_coordination(
    *, directory: SeededDirectory, rng: random.Random, demo: bool, count: int = 50_000, days: int = 365
) -> int:
    """The directory of urgent services and escalations: live ones for the demo, a year's history at ICB scale.

    Returns how many escalations were added.
    """
    community = _community_and_team(directory, rng)
    hub = _actor("hub")
    services.directory_import(actor=hub, data=directory_file(directory, community, timezone.localdate()))
    if demo:
        return _demo_escalations(directory, rng)
    return _history(directory, rng, count=count, days=days)


def _demo_escalations(directory: SeededDirectory, rng: random.Random) -> int:
    """A dozen live escalations through the real services: new (one overdue), accepted, handed over, outcomes."""
    gp = _actor("gp", directory.practices[0])
    hub, team = _actor("hub"), _actor(TEAM_USERNAME)
    patients = list(Patient.objects.filter(registered_practice=directory.practices[0]).order_by("date_of_birth")[:12])
    by_id = {s.oruk_id: s for s in UrgentService.objects.filter(icb=directory.icb)}
    made = []
    for index, patient in enumerate(patients):
        problem = list(PROBLEM_WEIGHTS)[index % len(PROBLEM_WEIGHTS)]
        data = services.EscalationInput(
            nhs_number=patient.nhs_number,
            place="care_home" if index % 3 == 0 else "home",
            postcode="",
            problem=problem,
            details=DETAILS[problem],
            news2=rng.choice([None, 1, 2, 3, 5]),
            urgency=Urgency.TWO_HOURS if index % 4 else Urgency.SAME_DAY,
            tried="Reviewed by phone; safety-netted." if index % 2 else "",
            consent=True,
        )
        matches = selectors.matches_for(gp, patient=patient, problem=problem, place=data.place, urgency=data.urgency)
        made.append(services.escalate(actor=gp, data=data, matches=matches))
    community_services = [by_id[k] for k in ("ucr-north", "falls", "palliative") if k in by_id]
    for index, escalation in enumerate(made[4:], start=4):
        service = community_services[index % len(community_services)]
        services.take(
            actor=hub, escalation_id=escalation.id, action="accept", expected_version=1, service_id=service.id
        )
        if index >= 7:
            outcome = list(OUTCOME_WEIGHTS)[index % len(OUTCOME_WEIGHTS)]
            services.take(
                actor=team,
                escalation_id=escalation.id,
                action="record_outcome",
                expected_version=2,
                outcome=outcome,
                outcome_at=timezone.now(),
            )
    if made:
        # The first new one has been waiting too long: it stands out as overdue on the hub's queue.
        Escalation.objects.filter(id=made[1].id).update(
            escalated_at=timezone.now() - datetime.timedelta(hours=2, minutes=25),
            response_due=timezone.now() - datetime.timedelta(minutes=25),
        )
    return len(made)


# A year of history ------------------------------------------------------------------------------


@dataclass
class _Kind:
    """What every escalation of one kind of case had proposed, and the service the hub chose."""

    matches: list[dict[str, object]]
    chosen: UrgentService | None


def _history(directory: SeededDirectory, rng: random.Random, *, count: int, days: int) -> int:
    now = timezone.now()
    local_now = timezone.localtime(now).replace(tzinfo=None)
    hub_org = directory.hub
    people = {name: _actor(name).person for name in ("gp", "hub", TEAM_USERNAME)}
    community = Organisation.objects.get(ods_code=COMMUNITY_ODS)
    urgent = list(selectors.icb_services(_actor("hub")))
    facts = [selectors.facts(s) for s in urgent]
    by_id = {s.id: s for s in urgent}
    practices = {p.id: p for p in directory.practices}
    patients = _older_patients(list(practices), per_practice=max(40, count // max(len(practices), 1) + 10))
    kinds: dict[tuple[Any, ...], _Kind] = {}
    problems, weights = list(PROBLEM_WEIGHTS), list(PROBLEM_WEIGHTS.values())
    outcomes, outcome_weights = list(OUTCOME_WEIGHTS), list(OUTCOME_WEIGHTS.values())
    rows: list[Escalation] = []
    events: list[tuple[int, str, str, str, datetime.datetime, str]] = []  # row index, action, from, to, at, note
    practice_ids = [pid for pid in practices if patients.get(pid)]
    for index in range(count):
        practice_id = rng.choice(practice_ids)
        patient_id, nhs_number, born = rng.choice(patients[practice_id])
        problem = rng.choices(problems, weights)[0]
        place = "care_home" if rng.random() < 0.3 else "home"
        urgency = Urgency.TWO_HOURS if rng.random() < 0.7 else Urgency.SAME_DAY
        escalated_at = now - datetime.timedelta(days=rng.random() * days)
        age_band = min((local_now.year - born.year) // 10, 10)
        key = (practice_id, problem, place, urgency, age_band)
        kind = kinds.get(key)
        if kind is None:
            practice = practices[practice_id]
            case = Case(
                age_band * 10 + 5, problem, Problem(problem).label, place, practice.ods_code, practice.name, urgency
            )
            judged = match_services(facts, case, local_now.replace(hour=12, minute=0))
            fitting = [m for m in judged if m.fits] or [m for m in judged if m.open_now]
            kind = _Kind([m.as_json() for m in judged], by_id[fitting[0].service.id] if fitting else None)
            kinds[key] = kind
        escalation = Escalation(
            escalated_at=escalated_at,
            escalated_by=people["gp"],
            from_organisation_id=practice_id,
            hub=hub_org,
            patient_id=patient_id,
            patient_nhs_number=nhs_number,
            practice_id=practice_id,
            place=place,
            problem=problem,
            details=DETAILS[problem],
            news2=rng.choice([None, None, 0, 1, 2, 3, 4, 5, 6, 7]),
            urgency=urgency,
            consent=True,
            matches=kind.matches,
            response_due=services.response_due(escalated_at, urgency),
        )
        events.append((index, "escalated", "", State.NEW, escalated_at, "Left to the hub to choose"))
        age_hours = (now - escalated_at).total_seconds() / 3600
        if kind.chosen is None or rng.random() < 0.06:
            if age_hours > 0.5:
                escalation.state, escalation.declined_at = (
                    State.DECLINED,
                    escalated_at + datetime.timedelta(minutes=rng.randint(5, 40)),
                )
                escalation.decline_reason, escalation.advice = "not_urgent", "Review at the practice within 48 hours."
                events.append((index, "decline", State.NEW, State.DECLINED, escalation.declined_at, escalation.advice))
        elif age_hours > 0.4:
            service = kind.chosen
            accepted_at = escalated_at + datetime.timedelta(minutes=rng.randint(4, 25))
            escalation.state, escalation.accepted_at = State.ACCEPTED, accepted_at
            escalation.service, escalation.service_organisation_id, escalation.service_kind = (
                service,
                service.organisation_id,
                service.kind,
            )
            events.append((index, "accept", State.NEW, State.ACCEPTED, accepted_at, f"Accepted for {service.name}"))
            # About three in four seen within 2 hours; the rest later the same day.
            took = rng.randint(35, 119) if rng.random() < 0.76 else rng.randint(121, 360)
            seen_at = escalated_at + datetime.timedelta(minutes=took)
            if seen_at < now:
                outcome = rng.choices(outcomes, outcome_weights)[0]
                if service.kind == "sdec" and outcome in AVOIDED:
                    outcome = Outcome.REFERRED_TO_SDEC
                escalation.state, escalation.outcome, escalation.outcome_at = State.OUTCOME_RECORDED, outcome, seen_at
                escalation.outcome_recorded_at = seen_at + datetime.timedelta(minutes=rng.randint(5, 90))
                events.append(
                    (
                        index,
                        "record_outcome",
                        State.ACCEPTED,
                        State.OUTCOME_RECORDED,
                        escalation.outcome_recorded_at,
                        Outcome(outcome).label,
                    )
                )
        escalation.version = 1 + sum(
            1 for stamp in (escalation.accepted_at, escalation.declined_at, escalation.outcome_recorded_at) if stamp
        )
        rows.append(escalation)
    with transaction.atomic():
        bulk.insert_objects(Escalation, rows)
        names = {
            "escalated": (people["gp"], directory.practices[0].name),
            "accept": (people["hub"], hub_org.name),
            "decline": (people["hub"], hub_org.name),
            "record_outcome": (people[TEAM_USERNAME], community.name),
        }
        bulk.insert_objects(
            EscalationEvent,
            [
                EscalationEvent(
                    escalation_id=rows[i].pk,
                    at=at,
                    person=names[action][0],
                    person_name=str(names[action][0]),
                    organisation_name=names[action][1],
                    action=action,
                    from_state=from_state,
                    to_state=to_state,
                    note=note,
                )
                for i, action, from_state, to_state, at, note in events
            ],
        )
    return len(rows)


def _older_patients(practice_ids: list[int], per_practice: int) -> dict[int, list[tuple[int, str, datetime.date]]]:
    """Patients to escalate, older people first (as escalations are), per practice."""
    found: dict[int, list[tuple[int, str, datetime.date]]] = {}
    for practice_id in practice_ids:
        found[practice_id] = list(
            Patient.objects.filter(registered_practice_id=practice_id)
            .order_by("date_of_birth", "id")
            .values_list("id", "nhs_number", "date_of_birth")[:per_practice]
        )
    return found


# Bench figures ------------------------------------------------------------------------------------


def bench_coordination(runs: int = 40) -> list[str]:
    """``make bench`` lines: the hub queue page's p50/p95 (target p95 under 150 ms) and matching one escalation.

    Call after ``seed --scale icb`` on PostgreSQL. Matching is timed as the escalation page does it
    (the ICB's services loaded and judged for one patient), target under 50 ms.
    """
    import gc
    import statistics
    import time

    from django.test import Client

    def pct(values: list[float], percentile: int) -> float:
        return statistics.quantiles(values, n=100, method="inclusive")[percentile - 1]

    lines = []
    client = Client()
    client.post("/sign-in/", {"username": "hub", "password": DEMO_PASSWORD})
    for path in ("/coordination/hub/", "/coordination/hub/?which=closed&page=50", "/"):
        if client.get(path).status_code != 200:
            raise SystemExit(f"bench page {path} did not answer 200")
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        lines.append(
            f"bench: hub          GET {path:<40} p50 {pct(timings, 50):6.1f} ms  p95 {pct(timings, 95):6.1f} ms"
        )
    gp = _actor("gp")
    patient = Patient.objects.filter(registered_practice=gp.organisation).order_by("date_of_birth").first()
    if patient is not None:
        # Once untimed (the first call loads the directory), and the seed's garbage collected first:
        # this process just built an ICB, whose leftovers a web worker would not carry.
        selectors.matches_for(gp, patient=patient, problem="fall", place="care_home", urgency="two_hours")
        gc.collect()
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            selectors.matches_for(gp, patient=patient, problem="fall", place="care_home", urgency="two_hours")
            timings.append((time.perf_counter() - started) * 1000)
        lines.append(
            f"bench: matching one escalation ({len(selectors.icb_services(gp))} services): "
            f"p50 {pct(timings, 50):6.1f} ms  p95 {pct(timings, 95):6.1f} ms (target under 50 ms)"
        )
    return lines
