"""Reads in care coordination, each scoped to what the asking actor may see.

An escalation is seen by the hub that coordinates it, the organisation that escalated it, the
patient's practice, and the team of the service it is with; anyone else asking gets 404.
The urgent services directory is the ICB's: everyone in the ICB may read it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404
from django.utils import timezone

from joinedup.core import months
from joinedup.core.measures import MonthlyFigure
from joinedup.directory.access import Actor, Permission, require

from .matching import Case as MatchCase
from .matching import Exception_, Hours, Match, ServiceFacts, match_services, postcode_district
from .models import (
    AVOIDED,
    CLOSED_STATES,
    OPEN_STATES,
    WITH_A_SERVICE,
    AreaType,
    Escalation,
    EscalationEvent,
    Problem,
    ServiceKind,
    ServiceStatus,
    State,
    Urgency,
    UrgentService,
)

PAGE_SIZE = 50


def _base() -> QuerySet[Escalation]:
    return Escalation.objects.select_related("patient", "practice", "from_organisation", "service", "hub")


def may_see_escalations(actor: Actor) -> bool:
    return (
        actor.can(Permission.COORDINATE_ESCALATIONS)
        or actor.can(Permission.ESCALATE_URGENT)
        or actor.can(Permission.RESPOND_TO_ESCALATIONS)
        or (actor.in_practice and actor.can(Permission.VIEW_PRACTICE_REQUESTS))
    )


def visible_escalations(actor: Actor) -> QuerySet[Escalation]:
    if not may_see_escalations(actor):
        raise PermissionDenied("Your role does not show urgent escalations")
    mine = actor.organisation.id
    scope = Q(from_organisation_id=mine)
    if actor.can(Permission.COORDINATE_ESCALATIONS):
        scope |= Q(hub_id=mine)
    if actor.in_practice:
        scope |= Q(practice_id=mine)
    if actor.can(Permission.RESPOND_TO_ESCALATIONS):
        scope |= Q(service_organisation_id=mine)
    return _base().filter(scope)


def escalation_for(actor: Actor, escalation_id: int) -> Escalation:
    return get_object_or_404(visible_escalations(actor), id=escalation_id)


def in_order(ids: list[int]) -> list[Escalation]:
    found = _base().in_bulk(ids)
    return [found[i] for i in ids if i in found]


def hub_queue(actor: Actor, *, which: str = "open") -> QuerySet[Escalation]:
    """The hub's escalations: new first, 2-hour before same day, soonest clock first; then those with a service."""
    require(actor, Permission.COORDINATE_ESCALATIONS)
    escalations = Escalation.objects.filter(hub_id=actor.organisation.id)
    if which == "open":
        escalations = escalations.filter(state__in=OPEN_STATES)
    elif which == "closed":
        # Named states, not "not open": an index range on (hub, state, ...) rather than a scan of the hub's year.
        return escalations.filter(state__in=CLOSED_STATES).order_by("-escalated_at", "-id")
    return escalations.annotate(
        new_first=Case(When(state=State.NEW, then=Value(0)), default=Value(1), output_field=IntegerField()),
        urgent_first=Case(
            When(urgency=Urgency.TWO_HOURS, then=Value(0)), default=Value(1), output_field=IntegerField()
        ),
    ).order_by("new_first", "urgent_first", "response_due", "id")


def sent_and_ours(actor: Actor) -> QuerySet[Escalation]:
    """A practice's (or neighbourhood team's) escalations: open first, then newest."""
    mine = actor.organisation.id
    escalations = Escalation.objects.filter(Q(from_organisation_id=mine) | Q(practice_id=mine))
    return escalations.annotate(
        open_first=Case(When(state__in=OPEN_STATES, then=Value(0)), default=Value(1), output_field=IntegerField())
    ).order_by("open_first", "-escalated_at", "-id")


def with_our_services(actor: Actor) -> QuerySet[Escalation]:
    """Escalations passed to this organisation's urgent services, those waiting on an outcome first."""
    if not actor.can(Permission.RESPOND_TO_ESCALATIONS):
        return Escalation.objects.none()
    return (
        Escalation.objects.filter(service_organisation_id=actor.organisation.id)
        .annotate(
            open_first=Case(
                When(state__in=WITH_A_SERVICE, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("open_first", "response_due", "-id")
    )


def timeline(escalation: Escalation) -> list[EscalationEvent]:
    return list(escalation.events.all())


# Counts for the header and the home page ---------------------------------------------------


def hub_waiting_count(actor: Actor) -> int:
    """New escalations, and any whose clock has run out with no outcome yet (the hub's header count)."""
    if not actor.can(Permission.COORDINATE_ESCALATIONS):
        return 0
    now = timezone.now()
    return Escalation.objects.filter(
        Q(state=State.NEW) | Q(state__in=OPEN_STATES, response_due__lt=now), hub_id=actor.organisation.id
    ).count()


def team_waiting_count(actor: Actor) -> int:
    """Escalations with this organisation's services that still need an outcome recorded."""
    if not actor.can(Permission.RESPOND_TO_ESCALATIONS):
        return 0
    return Escalation.objects.filter(service_organisation_id=actor.organisation.id, state__in=WITH_A_SERVICE).count()


def summary(escalations: QuerySet[Escalation]) -> dict[str, int]:
    """New, open and overdue: all among the open ones (an index range, not a year of history)."""
    now = timezone.now()
    return escalations.filter(state__in=OPEN_STATES).aggregate(
        new=Count("id", filter=Q(state=State.NEW)),
        open=Count("id"),
        overdue=Count("id", filter=Q(response_due__lt=now)),
    )


def hub_panel(actor: Actor) -> dict[str, object] | None:
    if not actor.can(Permission.COORDINATE_ESCALATIONS):
        return None
    return {"kind": "hub", **summary(Escalation.objects.filter(hub_id=actor.organisation.id))}


def escalator_panel(actor: Actor) -> dict[str, object] | None:
    if actor.can(Permission.ESCALATE_URGENT) or (actor.in_practice and actor.can(Permission.VIEW_PRACTICE_REQUESTS)):
        mine = actor.organisation.id
        counts = summary(Escalation.objects.filter(Q(from_organisation_id=mine) | Q(practice_id=mine)))
        return {"kind": "escalator", "can_escalate": actor.can(Permission.ESCALATE_URGENT), **counts}
    return None


# The urgent services directory, and matching -----------------------------------------------


def icb_services(actor: Actor) -> QuerySet[UrgentService]:
    """The urgent services of the actor's ICB (the directory is the ICB's: anyone in it may read it)."""
    require(actor, Permission.VIEW_DIRECTORY)
    return (
        UrgentService.objects.filter(icb_id=actor.icb_id or 0)
        .select_related("organisation")
        .prefetch_related("schedules", "areas", "locations", "contacts")
        .order_by("kind", "name")
    )


def service_for(actor: Actor, service_id: int) -> UrgentService:
    return get_object_or_404(icb_services(actor), id=service_id)


def own_service(actor: Actor, service_id: int) -> UrgentService:
    """One of the actor's organisation's own urgent services (its team updates its capacity)."""
    require(actor, Permission.RESPOND_TO_ESCALATIONS)
    return get_object_or_404(icb_services(actor).filter(organisation_id=actor.organisation.id), id=service_id)


def our_services(actor: Actor) -> list[UrgentService]:
    if not actor.can(Permission.RESPOND_TO_ESCALATIONS):
        return []
    return list(icb_services(actor).filter(organisation_id=actor.organisation.id))


def facts(service: UrgentService) -> ServiceFacts:
    areas = list(service.areas.all())
    schedules = list(service.schedules.all())
    return ServiceFacts(
        id=service.id,
        name=service.name,
        kind=service.kind,
        kind_label=service.get_kind_display(),
        organisation=service.organisation.name,
        active=service.status == ServiceStatus.ACTIVE,
        minimum_age=service.minimum_age,
        maximum_age=service.maximum_age,
        accepted_problems=frozenset(service.accepted_problems),
        excluded_problems=frozenset(service.excluded_problems),
        takes_care_home_residents=service.takes_care_home_residents,
        practices=frozenset(a.code for a in areas if a.area_type == AreaType.PRACTICE),
        postcode_districts=frozenset(a.code for a in areas if a.area_type == AreaType.POSTCODE_DISTRICT),
        hours=tuple(
            Hours(s.weekday, s.opens_at, s.closes_at)
            for s in schedules
            if s.weekday is not None and s.opens_at is not None and s.closes_at is not None
        ),
        exceptions=tuple(
            Exception_(s.valid_from, s.valid_to, s.closed, s.opens_at, s.closes_at, s.description)
            for s in schedules
            if s.valid_from is not None and s.valid_to is not None
        ),
        capacity=service.capacity,
        capacity_note=service.capacity_note,
        capacity_on=timezone.localdate(service.capacity_updated_at) if service.capacity_updated_at else None,
        response_minutes=service.response_minutes,
    )


def age_on(born: datetime.date, day: datetime.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def matches_for(
    actor: Actor,
    *,
    patient: object,
    problem: str,
    place: str,
    urgency: str,
    postcode: str = "",
    now: datetime.datetime | None = None,
) -> list[Match]:
    """The ICB's urgent services judged for this patient and problem, ranked (matching.match_services)."""
    local = timezone.localtime(now or timezone.now()).replace(tzinfo=None)
    practice = patient.registered_practice  # type: ignore[attr-defined]
    case = MatchCase(
        age=age_on(patient.date_of_birth, local.date()),  # type: ignore[attr-defined]
        problem=problem,
        problem_label=Problem(problem).label,
        place=place,
        practice_ods=practice.ods_code,
        practice_name=practice.name,
        urgency=urgency,
        postcode_district=postcode_district(postcode),
    )
    return match_services([facts(s) for s in icb_services(actor)], case, local)


# Measures (registered in registrations.py) --------------------------------------------------


def _months(rows: Iterable[dict[str, object]], org_key: str, count_key: str, total_key: str) -> list[MonthlyFigure]:
    figures = []
    for row in rows:
        day = months.first_day(row["month"])  # type: ignore[arg-type]
        figures.append(
            MonthlyFigure(
                month=day,  # type: ignore[arg-type]
                organisation_id=int(row[org_key]),  # type: ignore[call-overload]
                numerator=float(row[count_key]),  # type: ignore[arg-type]
                denominator=float(row[total_key]) if total_key else 1.0,  # type: ignore[arg-type]
                service_id=row.get("service_id"),  # type: ignore[arg-type]
            )
        )
    return figures


def _between(since: datetime.date, until: datetime.date) -> QuerySet[Escalation]:
    start, end = months.between(since, until)
    return Escalation.objects.filter(escalated_at__gte=start, escalated_at__lt=end)


def escalations_per_practice(since: datetime.date, until: datetime.date) -> list[MonthlyFigure]:
    rows = (
        _between(since, until)
        .annotate(month=TruncMonth("escalated_at"))
        .values("month", "practice_id")
        .annotate(count=Count("id"))
        .order_by("month", "practice_id")
    )
    return _months(rows, "practice_id", "count", "")


def two_hour_response_met(kind: str, since: datetime.date, until: datetime.date) -> list[MonthlyFigure]:
    """Of 2-hour escalations a service of this kind took and recorded, those seen within 2 hours, per hub."""
    from django.db.models import DurationField, ExpressionWrapper, F

    took = ExpressionWrapper(F("outcome_at") - F("escalated_at"), output_field=DurationField())
    rows = (
        _between(since, until)
        .filter(urgency=Urgency.TWO_HOURS, service_kind=kind, state=State.OUTCOME_RECORDED)
        .annotate(month=TruncMonth("escalated_at"), took=took)
        .values("month", "hub_id", "service_id")
        .annotate(total=Count("id"), met=Count("id", filter=Q(took__lte=datetime.timedelta(hours=2))))
        .order_by("month", "hub_id", "service_id")
    )
    return _months(rows, "hub_id", "met", "total")


def admissions_avoided(kind: str, since: datetime.date, until: datetime.date) -> list[MonthlyFigure]:
    """Of escalations with an outcome from a service of this kind, those where the patient stayed at home."""
    rows = (
        _between(since, until)
        .filter(service_kind=kind, state=State.OUTCOME_RECORDED)
        .annotate(month=TruncMonth("escalated_at"))
        .values("month", "hub_id", "service_id")
        .annotate(total=Count("id"), avoided=Count("id", filter=Q(outcome__in=AVOIDED)))
        .order_by("month", "hub_id", "service_id")
    )
    return _months(rows, "hub_id", "avoided", "total")


KINDS = list(ServiceKind)


def escalations_for_patient(actor: Actor, patient_id: int, limit: int) -> list[Escalation]:
    """The urgent escalations about one patient that the actor may see, newest first."""
    if not may_see_escalations(actor):
        return []
    return list(visible_escalations(actor).filter(patient_id=patient_id).order_by("-escalated_at", "-id")[:limit])


def escalations_about_patient_for_the_patient(patient_id: int, limit: int = 20) -> list[Escalation]:
    """The urgent escalations about one patient, for that patient's own page (the caller has established
    who the patient is through NHS login), newest first; what the page shows in one bounded set of queries."""
    return list(
        Escalation.objects.select_related("hub", "practice", "service", "service_organisation")
        .prefetch_related("service__contacts")
        .filter(patient_id=patient_id)
        .order_by("-escalated_at", "-id")[:limit]
    )


def nhs_numbers_with_escalations(limit: int) -> list[str]:
    """The NHS numbers of (up to ``limit``) escalated patients, the newest escalation first: the demo's
    NHS login stand-in signs them in to show an escalation on the patient's page."""
    numbers = Escalation.objects.order_by("-escalated_at", "-id").values_list("patient_nhs_number", flat=True)
    return list(dict.fromkeys(numbers[: limit * 4]))[:limit]
