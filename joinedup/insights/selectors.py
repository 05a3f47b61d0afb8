"""Reads for insights' pages, scoped: the ICB sees its own trusts; a trust's interface lead its own trust."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from joinedup.core import measures
from joinedup.core.months import month_starts
from joinedup.directory import selectors as directory
from joinedup.directory.access import Actor, Permission
from joinedup.directory.models import Organisation, OrganisationKind, Service

from .models import MonthlyFact
from .spc import Better, Chart, xmr


def may_see_insights(actor: Actor) -> bool:
    if actor.in_trust:
        return actor.can(Permission.VIEW_LETTER_TIMELINESS)
    return actor.can(Permission.VIEW_ICB_OVERVIEW) and actor.icb_id is not None


def visible_trusts(actor: Actor) -> list[Organisation]:
    """The trusts whose figures this actor may see: their own (a trust), or every trust of their ICB."""
    if not may_see_insights(actor):
        raise PermissionDenied("Your role does not allow this")
    if actor.in_trust:
        return [actor.organisation]
    return list(directory.trusts_in_icb(actor.icb_id).order_by("name"))


def trust_measures() -> list[measures.Measure]:
    return [m for m in measures.registered() if m.per == "trust"]


def trust_for(actor: Actor, ods_code: str) -> Organisation:
    for trust in visible_trusts(actor):
        if trust.ods_code == ods_code.upper():
            return trust
    raise Http404("No such trust")


def measure_for(measure_id: str) -> measures.Measure:
    for measure in trust_measures():
        if measure.id == measure_id:
            return measure
    raise Http404("No such measure")


def value_of(measure: measures.Measure, numerator: float, denominator: float) -> float | None:
    if measure.unit == measures.Unit.COUNT:
        return numerator
    if not denominator:
        return None
    return numerator / denominator * (100 if measure.unit == measures.Unit.PERCENT else 1000)


def chart(measure: measures.Measure, trust: Organisation, service: Service | None = None) -> Chart:
    """The trust's XmR chart of the measure, from the stored monthly facts: the trust's own, or one service's."""
    facts = MonthlyFact.objects.filter(measure_id=measure.id, organisation=trust)
    facts = facts.filter(service=service) if service is not None else facts.filter(service__isnull=True)
    facts = facts.filter(month__lt=this_month()).order_by("month")
    series = []
    for month, numerator, denominator in facts.values_list("month", "numerator", "denominator"):
        value = value_of(measure, numerator, denominator)
        if value is not None:
            series.append((month, value))
    return xmr(series, better=Better(measure.better.value), target=measure.target)


def this_month() -> datetime.date:
    """Charts end at the last whole month: the month under way is incomplete (its letters still arriving,
    its clocks still running), so it would read as a special cause at every trust (decision 0022)."""
    return timezone.localdate().replace(day=1)


def measured_services(measure: measures.Measure, trust: Organisation) -> list[Service]:
    """The trust's services with figures of their own for the measure (the drill-down below the trust)."""
    ids = MonthlyFact.objects.filter(measure_id=measure.id, organisation=trust, service__isnull=False).values(
        "service_id"
    )
    return list(directory.services_of_trust(trust.id).filter(id__in=ids).order_by("name"))


def service_for(measure: measures.Measure, trust: Organisation, text: str | None) -> Service | None:
    """The service a page names (``?service=<id>``), among the trust's measured ones; none named is the
    trust's own figure; anything else is a 404."""
    if not text:
        return None
    for service in measured_services(measure, trust):
        if str(service.id) == text.strip():
            return service
    raise Http404("No such service")


def icb_for_pack(actor: Actor) -> Organisation:
    """The ICB whose pack this actor may read: their own, as its analyst (a trust's lead has its trust's pack)."""
    if not may_see_insights(actor) or actor.in_trust:
        raise PermissionDenied("Your role does not allow this")
    icb = directory.icb_by_id(actor.icb_id) if actor.icb_id else None
    if icb is None:
        raise Http404("No ICB")
    return icb


def icb_board(icb: Organisation) -> list[tuple[Organisation, list[tuple[measures.Measure, Chart]]]]:
    """Every trust of the ICB with every trust measure's chart (for the ICB's pack; access checked by the caller)."""
    found = trust_measures()
    return [
        (trust, [(measure, chart(measure, trust)) for measure in found]) for trust in directory.trusts_in_icb(icb.id)
    ]


def board(actor: Actor) -> list[tuple[Organisation, list[tuple[measures.Measure, Chart]]]]:
    """Every visible trust with every trust measure's chart."""
    found = trust_measures()
    return [(trust, [(measure, chart(measure, trust)) for measure in found]) for trust in visible_trusts(actor)]


# ---- the demand on general practice (issue 13) -----------------------------------------------------
# Each practice's inbound work from the interface per month, per 1,000 registered patients, and an
# estimate of the GP appointments it takes: the practice measures the domains register
# (``per="practice"``), read from the stored facts. The estimate's assumptions are settings
# (``DEMAND_MINUTES``, ``GP_APPOINTMENT_MINUTES``) and the page states them.

MONTHS = 12
# The requests in letters that the contract says the hospital should have done itself.
INAPPROPRIATE = "letters.practice_requests_inappropriate"


@dataclass
class PracticeDemand:
    label: str  # the practice's name, or "Practice B" for a peer a practice may not name
    own: bool
    list_size: int
    counts: dict[str, float] = field(default_factory=dict)  # measure id -> items over the months shown

    @property
    def total(self) -> float:
        return sum(self.counts.values())

    @property
    def per_1000(self) -> float | None:
        return self.total / self.list_size * 1000 if self.list_size else None

    @property
    def gp_minutes(self) -> float:
        return sum(count * minutes_for(measure_id) for measure_id, count in self.counts.items())

    @property
    def appointments_on_inappropriate(self) -> float:
        return self.counts.get(INAPPROPRIATE, 0) * minutes_for(INAPPROPRIATE) / settings.GP_APPOINTMENT_MINUTES


@dataclass
class Demand:
    months: list[datetime.date]
    kinds: list[measures.Measure]
    practices: list[PracticeDemand]
    own_by_month: dict[datetime.date, dict[str, float]]  # the actor's own practice, month by month


def minutes_for(measure_id: str) -> float:
    return float(settings.DEMAND_MINUTES.get(measure_id, 0))


def may_see_demand(actor: Actor) -> bool:
    if actor.in_practice:
        return actor.can(Permission.VIEW_PRACTICE_REQUESTS)
    return actor.can(Permission.VIEW_ICB_OVERVIEW) and actor.icb_id is not None and not actor.in_trust


def kinds() -> list[measures.Measure]:
    return [m for m in measures.registered() if m.per == "practice" and m.unit == measures.Unit.COUNT]


def demand(actor: Actor, today: datetime.date) -> Demand:
    """The ICB's practices over the last 12 months: the ICB sees each by name; a practice sees itself by
    name and its peers unnamed, ordered by their figure so no position gives one away."""
    if not may_see_demand(actor):
        raise PermissionDenied("Your role does not allow this")
    icb = directory.icb_by_id(actor.icb_id) if actor.icb_id else None
    practices = list(directory.icb_members(icb, OrganisationKind.GP_PRACTICE)) if icb else []
    own_id = actor.organisation.id if actor.in_practice else None
    months = month_starts(today, MONTHS)
    shown = kinds()
    facts = MonthlyFact.objects.filter(
        measure_id__in=[m.id for m in shown],
        organisation_id__in=[p.id for p in practices],
        service__isnull=True,
        month__gte=months[0],
    ).values_list("organisation_id", "measure_id", "month", "numerator")
    # The list size is the patients JoinedUp holds for the practice (icb_members counts them).
    rows = {
        p.id: PracticeDemand(label=p.name, own=p.id == own_id, list_size=getattr(p, "patient_count", 0))
        for p in practices
    }
    own_by_month: dict[datetime.date, dict[str, float]] = {month: {} for month in months}
    for organisation_id, measure_id, month, numerator in facts:
        row = rows[organisation_id]
        row.counts[measure_id] = row.counts.get(measure_id, 0) + numerator
        if organisation_id == own_id and month in own_by_month:
            own_by_month[month][measure_id] = numerator
    ordered = sorted(rows.values(), key=lambda r: (-(r.per_1000 or 0), r.label))
    if own_id is not None:
        peers = [r for r in ordered if not r.own]
        for number, row in enumerate(peers):
            row.label = f"Another practice ({_letter(number)})"
    return Demand(months=months, kinds=shown, practices=ordered, own_by_month=own_by_month if own_id else {})


def _letter(number: int) -> str:
    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# ---- CSV export of every measure (issue 13) ---------------------------------------------------------
# Scoped exactly as the pages: a trust's interface lead its own trust (and its services); a practice its
# own figures by name and its ICB's other practices unnamed; the ICB its own trusts, practices and hubs.

EXPORT_HEADER = [
    "measure",
    "measure_label",
    "organisation",
    "ods_code",
    "service",
    "month",
    "value",
    "numerator",
    "denominator",
    "mean",
    "lower_limit",
    "upper_limit",
    "special_cause",
    "variation",
    "assurance",
]


def may_export(actor: Actor) -> bool:
    return may_see_insights(actor) or may_see_demand(actor)


def _export_scope(actor: Actor) -> tuple[dict[int, tuple[str, str]], set[str], dict[int, str]]:
    """(organisation id -> (label, ODS code or "" when unnamed), the measure kinds ("per") shown, service names)."""
    if not may_export(actor):
        raise PermissionDenied("Your role does not allow this")
    if actor.in_trust:
        trust = actor.organisation
        names = {s.id: s.name for s in directory.services_of_trust(trust.id)}
        return {trust.id: (trust.name, trust.ods_code)}, {"trust"}, names
    icb = directory.icb_by_id(actor.icb_id) if actor.icb_id else None
    if icb is None:
        return {}, set(), {}
    practices = list(directory.icb_members(icb, OrganisationKind.GP_PRACTICE))
    if actor.in_practice:
        own = actor.organisation.id
        # Peers are lettered in an order that follows nothing about them (a keyed hash of their id), so
        # neither the letters nor their order give a practice away; the letters stay the same each month.
        import hashlib

        def key(practice: Organisation) -> str:
            return hashlib.sha256(f"{settings.SECRET_KEY}:{own}:{practice.id}".encode()).hexdigest()

        peers = sorted((p for p in practices if p.id != own), key=key)
        scope = {p.id: (f"Another practice ({_letter(n)})", "") for n, p in enumerate(peers)}
        scope[own] = (actor.organisation.name, actor.organisation.ods_code)
        return scope, {"practice"}, {}
    scope = {p.id: (p.name, p.ods_code) for p in practices}
    for kind in (OrganisationKind.NHS_TRUST, OrganisationKind.HUB):
        scope.update({o.id: (o.name, o.ods_code) for o in directory.icb_members(icb, kind)})
    names = {s.id: s.name for s in directory.services_in_icb(icb.id)}
    return scope, {"trust", "practice", "hub"}, names


def export_rows(actor: Actor) -> Iterator[list[object]]:
    """Every stored figure the actor may see, one row per measure, organisation (or service) and month, with
    the chart's mean, limits and special causes at that month. Peers a practice may not name have no
    service column either."""
    from .presenters import ASSURANCE_TEXT, RULE_TEXT, VARIATION_TEXT

    scope, kinds, service_names = _export_scope(actor)
    shown = {m.id: m for m in measures.registered() if m.per in kinds}
    if not scope or not shown:
        return
    facts = (
        MonthlyFact.objects.filter(measure_id__in=list(shown), organisation_id__in=list(scope), month__lt=this_month())
        .order_by("measure_id", "organisation_id", "service_id", "month")
        .values_list("measure_id", "organisation_id", "service_id", "month", "numerator", "denominator")
    )
    series: list[tuple[datetime.date, float, float]] = []
    current: tuple[str, int, int | None] | None = None

    def flush() -> Iterator[list[object]]:
        if current is None or not series:
            return
        measure_id, organisation_id, service_id = current
        measure = shown[measure_id]
        if service_id is not None and service_id not in service_names:
            return  # a service the viewer may not see by name (a peer's): its organisation's row stands for it
        label, ods = scope[organisation_id]
        valued = [(month, value_of(measure, n, d), n, d) for month, n, d in series]
        drawn = xmr(
            [(month, value) for month, value, _n, _d in valued if value is not None],
            better=Better(measure.better.value),
            target=measure.target,
        )
        points = {p.period: p for p in drawn.points}
        variation = VARIATION_TEXT.get(drawn.variation, "") if drawn.variation else ""
        assurance = ASSURANCE_TEXT.get(drawn.assurance, "") if drawn.assurance else ""
        for month, value, numerator, denominator in valued:
            point = points.get(month)
            limits = point.limits if point else None
            yield [
                measure.id,
                measure.label,
                label,
                ods,
                service_names.get(service_id, "") if service_id is not None else "",
                f"{month:%Y-%m}",
                _number(value),
                _number(numerator),
                _number(denominator),
                _number(limits.mean if limits else None),
                _number(limits.lower if limits else None),
                _number(limits.upper if limits else None),
                "; ".join(RULE_TEXT[rule] for rule in point.flags) if point else "",
                variation,
                assurance,
            ]

    for measure_id, organisation_id, service_id, month, numerator, denominator in facts.iterator(chunk_size=2000):
        key = (measure_id, organisation_id, service_id)
        if key != current:
            yield from flush()
            current, series = key, []
        series.append((month, numerator, denominator))
    yield from flush()


def _number(value: float | None) -> float | int | str:
    """A number as a spreadsheet reads it (a number, never text, so -3 is not taken for a formula)."""
    if value is None:
        return ""
    rounded = round(float(value), 4)
    return int(rounded) if rounded.is_integer() else rounded
