"""Reads of diagnostic requests, each scoped to what the asking actor may see.

A trust's people see the requests sent to their trust; a practice's people see the requests their
practice sent. Anyone else asking for one gets 404; a role with neither worklist gets 403.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from joinedup.core import months
from joinedup.core.clocks import ClockStatus, clock_status
from joinedup.core.measures import MonthlyFigure
from joinedup.core.parsing import parse_id
from joinedup.directory import selectors as directory
from joinedup.directory.access import Actor, Permission, require
from joinedup.directory.models import Service

from .models import DIAGNOSTIC_SPECIALTIES, OPEN_STATES, OUTCOME_STATES, DiagnosticEvent, DiagnosticRequest, State

PAGE_SIZE = 50

# The provider worklist's state filter: "open" is everything whose clock still runs.
STATE_FILTERS = (
    [("open", "Open (awaiting booking, booked or awaiting report)")]
    + [(state.value, state.label) for state in State]
    + [("all", "All")]
)
CLOCK_FILTERS = [("any", "Any"), ("overdue", "Overdue"), ("due_soon", "Due within 7 days")]
PRIORITY_FILTERS = [("any", "Any"), ("urgent", "Urgent"), ("routine", "Routine")]
# The practice's lists.
PRACTICE_TABS = [
    ("awaiting", "Awaiting report"),
    ("overdue", "Overdue"),
    ("reported", "Reported, to file"),
    ("filed", "Filed"),
    ("returned", "Rejected or cancelled"),
]


def _base() -> QuerySet[DiagnosticRequest]:
    return DiagnosticRequest.objects.select_related("practice", "trust", "service", "patient")


def visible_requests(actor: Actor) -> QuerySet[DiagnosticRequest]:
    if actor.in_trust and actor.can(Permission.VIEW_PROVIDER_WORKLISTS):
        return _base().filter(trust_id=actor.organisation.id)
    if actor.in_practice and actor.can(Permission.VIEW_PRACTICE_REQUESTS):
        return _base().filter(practice_id=actor.organisation.id)
    raise PermissionDenied("Your role does not show diagnostic requests")


def in_order(ids: list[int]) -> list[DiagnosticRequest]:
    """The requests with these ids (already scoped by the caller), in the order given."""
    found = _base().in_bulk(ids)
    return [found[i] for i in ids if i in found]


def request_for(actor: Actor, request_id: int) -> DiagnosticRequest:
    return get_object_or_404(visible_requests(actor), id=request_id)


def overdue_q(today: datetime.date) -> Q:
    return Q(state__in=OPEN_STATES, report_due__lt=today)


def overdue_first(requests: QuerySet[DiagnosticRequest], today: datetime.date) -> QuerySet[DiagnosticRequest]:
    """Overdue first, then urgent before routine, then the soonest clock."""
    return requests.annotate(
        overdue=Case(When(overdue_q(today), then=Value(True)), default=Value(False), output_field=BooleanField()),
        urgent_first=Case(When(priority="urgent", then=Value(0)), default=Value(1), output_field=IntegerField()),
    ).order_by("-overdue", "urgent_first", "report_due", "id")


@dataclass(frozen=True)
class WorklistFilters:
    service: int | None = None
    priority: str = "any"
    state: str = "open"
    clock: str = "any"

    @classmethod
    def from_query(cls, query: dict[str, str]) -> WorklistFilters:
        service = query.get("service", "")
        priority = query.get("priority", "any")
        state = query.get("state", "open")
        clock = query.get("clock", "any")
        return cls(
            service=parse_id(service),
            priority=priority if priority in dict(PRIORITY_FILTERS) else "any",
            state=state if state in dict(STATE_FILTERS) else "open",
            clock=clock if clock in dict(CLOCK_FILTERS) else "any",
        )


def provider_worklist(
    actor: Actor, filters: WorklistFilters, today: datetime.date | None = None
) -> QuerySet[DiagnosticRequest]:
    """The trust's diagnostic requests, filtered, overdue first."""
    require(actor, Permission.VIEW_PROVIDER_WORKLISTS)
    today = today or timezone.localdate()
    requests = visible_requests(actor)
    if filters.service is not None:
        requests = requests.filter(service_id=filters.service)
    if filters.priority != "any":
        requests = requests.filter(priority=filters.priority)
    if filters.state == "open":
        requests = requests.filter(state__in=OPEN_STATES)
    elif filters.state != "all":
        requests = requests.filter(state=filters.state)
    if filters.clock == "overdue":
        requests = requests.filter(overdue_q(today))
    elif filters.clock == "due_soon":
        requests = requests.filter(
            state__in=OPEN_STATES, report_due__gte=today, report_due__lte=today + datetime.timedelta(days=7)
        )
    return overdue_first(requests, today)


def trust_diagnostic_services(actor: Actor) -> QuerySet[Service]:
    return directory.services_of_trust(actor.organisation.id, specialties=list(DIAGNOSTIC_SPECIALTIES))


def practice_list(actor: Actor, tab: str, today: datetime.date | None = None) -> QuerySet[DiagnosticRequest]:
    """The practice's requests on one of its lists: awaiting report, overdue, reported, filed, rejected or cancelled."""
    require(actor, Permission.VIEW_PRACTICE_REQUESTS)
    today = today or timezone.localdate()
    requests = visible_requests(actor)
    if tab == "overdue":
        return overdue_first(requests.filter(overdue_q(today)), today)
    if tab == "reported":
        return requests.filter(state=State.REPORTED).order_by("-reported_at", "-id")
    if tab == "filed":
        return requests.filter(state=State.FILED).order_by("-filed_at", "-id")
    if tab == "returned":
        return requests.filter(state__in=[State.REJECTED, State.CANCELLED]).order_by("-id")
    return overdue_first(requests.filter(state__in=OPEN_STATES), today)


def practice_tab_counts(actor: Actor, today: datetime.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    return {tab: practice_list(actor, tab, today).count() for tab, _ in PRACTICE_TABS}


def new_outcomes_count(actor: Actor) -> int:
    """Reports and rejections nobody at the practice has opened yet (the header count)."""
    if not actor.in_practice:
        return 0
    return DiagnosticRequest.objects.filter(
        practice_id=actor.organisation.id, state__in=OUTCOME_STATES, outcome_opened_at__isnull=True
    ).count()


def awaiting_provider_count(actor: Actor) -> int:
    """Requests waiting on this person's trust for what their role does: booking, reporting, or both."""
    if not actor.in_trust:
        return 0
    states = []
    books, reports = actor.can(Permission.BOOK_DIAGNOSTICS), actor.can(Permission.REPORT_DIAGNOSTICS)
    if books or not reports:
        states.append(State.REQUESTED)
    if reports or not books:
        states.append(State.DONE)
    return DiagnosticRequest.objects.filter(trust_id=actor.organisation.id, state__in=states).count()


def clock_of(request: DiagnosticRequest, today: datetime.date | None = None) -> ClockStatus | None:
    """Time left or overdue while the clock runs; None once reported, rejected or cancelled."""
    if not request.is_open:
        return None
    return clock_status(request.report_due, today or timezone.localdate(), working_days=False)


def timeline(request: DiagnosticRequest) -> list[DiagnosticEvent]:
    return list(request.events.all())


def home_summary(actor: Actor, today: datetime.date | None = None) -> list[tuple[str, int, str]] | None:
    """(label, count, link) lines for the role's home page, or None when diagnostics are not this role's."""
    today = today or timezone.localdate()
    if actor.in_practice and actor.can(Permission.VIEW_PRACTICE_REQUESTS):
        mine = DiagnosticRequest.objects.filter(practice_id=actor.organisation.id)
        return [
            ("New reports or rejections to read", new_outcomes_count(actor), "?tab=reported"),
            ("Reports to file", mine.filter(state=State.REPORTED).count(), "?tab=reported"),
            ("Awaiting report", mine.filter(state__in=OPEN_STATES).count(), "?tab=awaiting"),
            ("Overdue (over 28 days)", mine.filter(overdue_q(today)).count(), "?tab=overdue"),
        ]
    if actor.in_trust and actor.can(Permission.VIEW_PROVIDER_WORKLISTS):
        ours = DiagnosticRequest.objects.filter(trust_id=actor.organisation.id)
        return [
            ("Awaiting booking", ours.filter(state=State.REQUESTED).count(), "?state=requested"),
            ("Done, awaiting report", ours.filter(state=State.DONE).count(), "?state=done"),
            ("Overdue (over 28 days)", ours.filter(overdue_q(today)).count(), "?clock=overdue"),
        ]
    return None


def requests_for_patient(actor: Actor, patient_id: int, limit: int) -> list[DiagnosticRequest]:
    """The direct-access tests for one patient that the actor may see, newest first."""
    return list(visible_requests(actor).filter(patient_id=patient_id).order_by("-requested_at", "-id")[:limit])


def requests_about_patient_for_the_patient(patient_id: int, limit: int = 50) -> list[DiagnosticRequest]:
    """The direct-access tests about one patient, for that patient's own view (the caller has
    established who the patient is): not the cancelled or filed ones, newest first."""
    return list(
        DiagnosticRequest.objects.select_related("service", "trust", "practice")
        .filter(patient_id=patient_id)
        .exclude(state__in=[State.CANCELLED, State.FILED])
        .order_by("-requested_at", "-id")[:limit]
    )


# ---- measures (registered in diagnostics/panels.py; insights charts them) -------------------------


def results_to_practices(since: datetime.date, until: datetime.date) -> list[MonthlyFigure]:
    """Direct-access reports that reached each practice to act on, per practice and month reported."""
    start, end = months.between(since, until)
    rows = (
        DiagnosticRequest.objects.filter(reported_at__gte=start, reported_at__lt=end)
        .annotate(month=TruncMonth("reported_at"))
        .values("month", "practice_id")
        .annotate(n=Count("id"))
        .order_by("month", "practice_id")
    )
    return [
        MonthlyFigure(month=months.first_day(r["month"]), organisation_id=r["practice_id"], numerator=r["n"])
        for r in rows
    ]


def reported_in_time(since: datetime.date, until: datetime.date) -> list[MonthlyFigure]:
    """Of tests requested in each month whose clock has ended (reported, or the report due date passed
    unreported), those reported on or before their due date, per trust and service; cancelled and
    rejected requests have no clock to meet."""
    start, end = months.between(since, until)
    ended = Q(reported_at__isnull=False) | Q(report_due__lt=timezone.localdate())
    rows = (
        DiagnosticRequest.objects.filter(requested_at__gte=start, requested_at__lt=end)
        .exclude(state__in=[State.CANCELLED, State.REJECTED])
        .filter(ended)
        .annotate(month=TruncMonth("requested_at"))
        .values("month", "trust_id", "service_id")
        .annotate(total=Count("id"), met=Count("id", filter=Q(reported_at__date__lte=F("report_due"))))
        .order_by("month", "trust_id", "service_id")
    )
    return [
        MonthlyFigure(
            month=months.first_day(r["month"]),
            organisation_id=r["trust_id"],
            numerator=r["met"],
            denominator=r["total"],
            service_id=r["service_id"],
        )
        for r in rows
    ]


def with_last_changed(requests: QuerySet[DiagnosticRequest]) -> QuerySet[DiagnosticRequest]:
    """``last_changed`` on each request (for the FHIR API's meta.lastUpdated): its latest timeline row."""
    latest = DiagnosticEvent.objects.filter(request_id=OuterRef("id")).order_by("-at").values("at")[:1]
    return requests.annotate(last_changed=Coalesce(Subquery(latest), F("requested_at")))


def last_changed_of(request_ids: list[int]) -> dict[int, datetime.datetime]:
    """When each of these requests last changed (its latest timeline row), in one grouped query."""
    rows = DiagnosticEvent.objects.filter(request_id__in=request_ids).values("request_id").annotate(last=Max("at"))
    return {row["request_id"]: row["last"] for row in rows}


RECORDS_LIMIT = 200


def records_reported_in_time(actor: Actor, trust_id: int, month: datetime.date) -> list[dict[str, str]]:
    """The tests behind one trust's month of ``reported_in_time``, late first; no patient named. A link only
    where the actor may open the request; a trust the actor may not see is a 404."""
    if trust_id not in directory.measured_trust_ids(actor):
        raise Http404("No such trust")
    start, end = months.between(month, (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1))
    found = (
        DiagnosticRequest.objects.filter(requested_at__gte=start, requested_at__lt=end, trust_id=trust_id)
        .exclude(state__in=[State.CANCELLED, State.REJECTED])
        .filter(Q(reported_at__isnull=False) | Q(report_due__lt=timezone.localdate()))
        .select_related("service")
        .annotate(met=Case(When(reported_at__date__lte=F("report_due"), then=Value(1)), default=Value(0)))
        .order_by("met", "requested_at", "id")[:RECORDS_LIMIT]
    )
    openable: set[int] = set()
    if actor.in_trust and actor.can(Permission.VIEW_PROVIDER_WORKLISTS):
        openable = set(visible_requests(actor).filter(id__in=[r.id for r in found]).values_list("id", flat=True))
    rows = []
    for request in found:
        met = bool(request.met)  # type: ignore[attr-defined]
        reported = (
            f"reported {timezone.localtime(request.reported_at):%d %B %Y}" if request.reported_at else "not reported"
        )
        rows.append(
            {
                "reference": request.reference,
                "what": f"{request.get_test_display()} at {request.service.name}, "
                f"requested {timezone.localtime(request.requested_at):%d %B %Y}",
                "detail": f"{'In time' if met else 'Late'}: due {request.report_due:%d %B %Y}, {reported}",
                "date": f"{timezone.localtime(request.requested_at):%Y-%m-%d}",
                "met": "yes" if met else "no",
                "service_id": str(request.service_id),
                "service": request.service.name,
                "link": reverse("diagnostics:detail", args=[request.id]) if request.id in openable else "",
            }
        )
    return rows
