"""Reads for insights' pages, scoped: the ICB sees its own trusts; a trust's interface lead its own trust."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from joinedup.core import measures
from joinedup.directory import selectors as directory
from joinedup.directory.access import Actor, Permission
from joinedup.directory.models import Organisation

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


def chart(measure: measures.Measure, trust: Organisation) -> Chart:
    """The trust's XmR chart of the measure, from the stored monthly facts (the trust's own, not per service)."""
    facts = MonthlyFact.objects.filter(measure_id=measure.id, organisation=trust, service__isnull=True).order_by(
        "month"
    )
    series = []
    for month, numerator, denominator in facts.values_list("month", "numerator", "denominator"):
        value = value_of(measure, numerator, denominator)
        if value is not None:
            series.append((month, value))
    return xmr(series, better=Better(measure.better.value), target=measure.target)


def board(actor: Actor) -> list[tuple[Organisation, list[tuple[measures.Measure, Chart]]]]:
    """Every visible trust with every trust measure's chart."""
    found = trust_measures()
    return [(trust, [(measure, chart(measure, trust)) for measure in found]) for trust in visible_trusts(actor)]
