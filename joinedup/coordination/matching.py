"""Which urgent services fit an escalation, ranked, with the reasons each fits or not.

A pure function over plain facts (no database, no Django): the selectors turn the ICB's
services and the escalation into ``ServiceFacts`` and ``Case`` and call ``match_services``.
Each service is judged on five things, each a ``Reason`` the person reads:

- eligible for this patient (age, care home residents) and this problem (accepted, excluded);
- open now (weekly hours, with dated exceptions taking precedence over them);
- covers this place (the patient's practice or the postcode district they are in);
- capacity today (open or limited fits; full does not), as the service last said;
- responds in time (a 2-hour escalation needs a service that promises 2 hours).

A service fits when every reason is met. Services that fit come first, those whose kind suits the
problem best first (a fall: falls service, then UCR), open capacity before limited; the rest
follow, the nearest to fitting first, each still shown with what stops it (a closed service is
shown as closed, never left out, so the hub sees why it was not proposed).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# The kinds that suit each presenting problem, best first; any other kind ranks after them.
PREFERRED_KINDS: dict[str, tuple[str, ...]] = {
    "fall": ("falls", "ucr", "acute_frailty"),
    "breathlessness": ("ari_hub", "ucr", "virtual_ward", "sdec"),
    "confusion": ("ucr", "acute_frailty", "virtual_ward"),
    "reduced_mobility": ("ucr", "falls", "acute_frailty"),
    "end_of_life": ("ucr", "virtual_ward"),
    "infection": ("ucr", "ari_hub", "virtual_ward", "sdec"),
    "carer_breakdown": ("ucr", "acute_frailty"),
    "catheter": ("ucr",),
    "other": ("ucr",),
}


@dataclass(frozen=True)
class Hours:
    """Open from ``opens`` to ``closes`` on ``weekday`` (0 is Monday); ``closes <= opens`` runs past midnight,
    and ``closes == opens`` is open all day."""

    weekday: int
    opens: datetime.time
    closes: datetime.time


@dataclass(frozen=True)
class Exception_:
    """Dated hours that replace the weekly hours from ``start`` to ``end`` (inclusive): closed, or other hours."""

    start: datetime.date
    end: datetime.date
    closed: bool
    opens: datetime.time | None = None
    closes: datetime.time | None = None
    description: str = ""


@dataclass(frozen=True)
class ServiceFacts:
    id: int
    name: str
    kind: str
    kind_label: str
    organisation: str
    active: bool = True
    minimum_age: int | None = None
    maximum_age: int | None = None
    accepted_problems: frozenset[str] = frozenset()  # empty: any problem not excluded
    excluded_problems: frozenset[str] = frozenset()
    takes_care_home_residents: bool = True
    practices: frozenset[str] = frozenset()  # ODS codes of the practices whose patients it covers
    postcode_districts: frozenset[str] = frozenset()
    hours: tuple[Hours, ...] = ()
    exceptions: tuple[Exception_, ...] = ()
    capacity: str = "open"  # open, limited, full
    capacity_note: str = ""
    capacity_on: datetime.date | None = None  # the day the service last said it; None: as the directory says
    response_minutes: int | None = None


@dataclass(frozen=True)
class Case:
    age: int
    problem: str
    problem_label: str
    place: str  # home, care_home
    practice_ods: str
    practice_name: str
    urgency: str  # two_hours, same_day
    postcode_district: str = ""


@dataclass(frozen=True)
class Reason:
    what: str  # eligible, open, covers, capacity, response
    ok: bool
    text: str


@dataclass(frozen=True)
class Match:
    service: ServiceFacts
    reasons: tuple[Reason, ...]
    rank_key: tuple[int, ...] = field(compare=False, default=())

    @property
    def fits(self) -> bool:
        return all(reason.ok for reason in self.reasons)

    @property
    def open_now(self) -> bool:
        return next(reason.ok for reason in self.reasons if reason.what == "open")

    @property
    def closed(self) -> bool:
        return not self.open_now

    def as_json(self) -> dict[str, object]:
        """What is kept on the escalation: the proposal as the person saw it."""
        return {
            "service_id": self.service.id,
            "name": self.service.name,
            "kind": self.service.kind,
            "kind_label": self.service.kind_label,
            "organisation": self.service.organisation,
            "fits": self.fits,
            "open_now": self.open_now,
            "capacity": self.service.capacity,
            "reasons": [{"what": r.what, "ok": r.ok, "text": r.text} for r in self.reasons],
        }


def postcode_district(postcode: str) -> str:
    """The outward code of a UK postcode ("PB1 4XY" → "PB1"); "" when there is none."""
    text = "".join(postcode.upper().split())
    if len(text) >= 5:
        return text[:-3]
    return text if 2 <= len(text) <= 4 else ""


def _clock(value: datetime.time) -> str:
    return value.strftime("%H:%M")


def _open_spans(service: ServiceFacts, day: datetime.date) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """The times the service is open that start on ``day`` (a span may run into the next day)."""
    exception = next((e for e in service.exceptions if e.start <= day <= e.end), None)
    if exception is not None:
        if exception.closed or exception.opens is None or exception.closes is None:
            return []
        rows = [(exception.opens, exception.closes)]
    else:
        rows = [(h.opens, h.closes) for h in service.hours if h.weekday == day.weekday()]
    spans = []
    for opens, closes in rows:
        start = datetime.datetime.combine(day, opens)
        end_day = day if closes > opens else day + datetime.timedelta(days=1)
        spans.append((start, datetime.datetime.combine(end_day, closes)))
    return spans


def opening(service: ServiceFacts, now: datetime.datetime) -> Reason:
    """Open now (and until when), or closed (and when it next opens), ``now`` in local time, naive."""
    today = now.date()
    for day in (today - datetime.timedelta(days=1), today):
        for start, end in _open_spans(service, day):
            if start <= now < end:
                if end - start >= datetime.timedelta(days=1):
                    return Reason("open", True, "Open now, 24 hours")
                until = "midnight" if end.time() == datetime.time(0) else _clock(end.time())
                return Reason("open", True, f"Open now until {until}")
    for ahead in range(0, 8):
        day = today + datetime.timedelta(days=ahead)
        for start, _ in sorted(_open_spans(service, day)):
            if start > now:
                when = "today" if ahead == 0 else "tomorrow" if ahead == 1 else WEEKDAY_NAMES[day.weekday()]
                return Reason("open", False, f"Closed now: opens {when} at {_clock(start.time())}")
    return Reason("open", False, "Closed now: no opening hours in the next week")


def eligibility(service: ServiceFacts, case: Case) -> Reason:
    problems = []
    if service.minimum_age is not None and case.age < service.minimum_age:
        problems.append(f"takes people aged {service.minimum_age} and over (the patient is {case.age})")
    if service.maximum_age is not None and case.age > service.maximum_age:
        problems.append(f"takes people aged up to {service.maximum_age} (the patient is {case.age})")
    if case.problem in service.excluded_problems or (
        service.accepted_problems and case.problem not in service.accepted_problems
    ):
        problems.append(f"does not take {case.problem_label.lower()}")
    if case.place == "care_home" and not service.takes_care_home_residents:
        problems.append("does not take care home residents")
    if not service.active:
        problems.append("is not taking patients (inactive in the directory)")
    if problems:
        return Reason("eligible", False, "Not eligible: " + "; ".join(problems))
    who = "care home residents" if case.place == "care_home" else "people at home"
    return Reason("eligible", True, f"Eligible: takes {case.problem_label.lower()}, aged {case.age}, {who}")


def coverage(service: ServiceFacts, case: Case) -> Reason:
    if case.practice_ods in service.practices:
        return Reason("covers", True, f"Covers {case.practice_name}'s patients")
    if case.postcode_district and case.postcode_district in service.postcode_districts:
        return Reason("covers", True, f"Covers postcode district {case.postcode_district}")
    where = f"{case.practice_name}'s patients"
    if case.postcode_district:
        where += f" or postcode district {case.postcode_district}"
    return Reason("covers", False, f"Does not cover {where}")


def capacity(service: ServiceFacts, today: datetime.date | None = None) -> Reason:
    note = f" ({service.capacity_note})" if service.capacity_note else ""
    if today is not None and service.capacity_on is not None and service.capacity_on < today:
        # Yesterday's "full" or "open" says nothing about today: not a reason to leave it out, nor to trust it.
        said = {"full": "full", "limited": "limited", "open": "open"}.get(service.capacity, service.capacity)
        return Reason(
            "capacity",
            True,
            f"Capacity not updated today (on {service.capacity_on.day} {service.capacity_on:%B} it was {said})",
        )
    if service.capacity == "full":
        return Reason("capacity", False, f"Full today{note}")
    if service.capacity == "limited":
        return Reason("capacity", True, f"Limited capacity today{note}")
    return Reason("capacity", True, f"Capacity today: open{note}")


def response(service: ServiceFacts, case: Case) -> Reason:
    minutes = service.response_minutes
    if case.urgency != "two_hours":
        return Reason("response", True, "Same-day response is enough")
    if minutes is not None and minutes <= 120:
        return Reason("response", True, f"Responds within {_duration(minutes)}")
    if minutes is None:
        return Reason("response", False, "Does not promise a response within 2 hours")
    return Reason("response", False, f"Responds within {_duration(minutes)}, not 2 hours")


def _duration(minutes: int) -> str:
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{'' if hours == 1 else 's'}"
    return f"{minutes} minutes"


def judge(service: ServiceFacts, case: Case, now: datetime.datetime) -> Match:
    reasons = (
        eligibility(service, case),
        opening(service, now),
        coverage(service, case),
        capacity(service, now.date()),
        response(service, case),
    )
    preferred = PREFERRED_KINDS.get(case.problem, ())
    kind_rank = preferred.index(service.kind) if service.kind in preferred else len(preferred)
    failing = sum(1 for reason in reasons if not reason.ok)
    stale = service.capacity_on is not None and service.capacity_on < now.date()
    capacity_rank = 1 if stale else {"open": 0, "limited": 1}.get(service.capacity, 2)
    return Match(service, reasons, (failing, kind_rank, capacity_rank))


def match_services(services: list[ServiceFacts], case: Case, now: datetime.datetime) -> list[Match]:
    """Every service judged for this case, those that fit first, best first (``now``: local, naive)."""
    judged = [judge(service, case, now) for service in services]
    return sorted(judged, key=lambda m: (not m.fits, *m.rank_key, m.service.name, m.service.id))
