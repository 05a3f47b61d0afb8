"""Words for charts: the icons' names and a one-line summary a screen reader (or a board member) reads."""

from __future__ import annotations

import datetime

from django.conf import settings

from joinedup.core import measures

from .spc import Assurance, Chart, Rule, Variation

UNIT_LABEL = {
    measures.Unit.PERCENT: "Per cent",
    measures.Unit.RATE_PER_1000: "Per 1,000",
    measures.Unit.COUNT: "Count",
}
VARIATION_TEXT = {
    Variation.COMMON_CAUSE: "Common cause variation",
    Variation.IMPROVEMENT_HIGH: "Special cause improvement (high)",
    Variation.IMPROVEMENT_LOW: "Special cause improvement (low)",
    Variation.CONCERN_HIGH: "Special cause concern (high)",
    Variation.CONCERN_LOW: "Special cause concern (low)",
    Variation.NEUTRAL_HIGH: "Special cause variation (high)",
    Variation.NEUTRAL_LOW: "Special cause variation (low)",
}
ASSURANCE_TEXT = {
    Assurance.PASSES: "Consistently passes the target",
    Assurance.FAILS: "Consistently fails the target",
    Assurance.HIT_AND_MISS: "Hit and miss against the target",
}
RULE_TEXT = {
    Rule.OUTSIDE_LIMITS: "outside the process limits",
    Rule.SHIFT: "a run of 7 on one side of the mean",
    Rule.TREND: "a trend of 7 rising or falling",
    Rule.TWO_OF_THREE: "2 of 3 beyond two sigma",
}


def variation_text(chart: Chart) -> str:
    if chart.variation is None:
        return "Too few months for limits"
    return VARIATION_TEXT.get(chart.variation, str(chart.variation))


def assurance_text(chart: Chart) -> str:
    if chart.assurance is None:
        return "No target" if chart.target is None else "Too few months for assurance"
    return ASSURANCE_TEXT[chart.assurance]


def formatted(measure: measures.Measure, value: float | None) -> str:
    if value is None:
        return "No figure"
    if measure.unit == measures.Unit.PERCENT:
        return f"{value:.1f}%"
    if measure.unit == measures.Unit.RATE_PER_1000:
        return f"{value:.1f} per 1,000"
    return f"{value:,.0f}"


def summary(measure: measures.Measure, chart: Chart) -> str:
    """One line: the latest figure, the variation, and since when special causes have been flagged."""
    latest = chart.latest
    if latest is None:
        return "No figures yet."
    month = latest.period
    when = month.strftime("%B %Y") if isinstance(month, datetime.date) else str(month)
    text = f"{formatted(measure, latest.value)} in {when}. {variation_text(chart)}."
    flagged = [p for p in chart.points if p.flags]
    if flagged:
        first = flagged[0].period
        since = first.strftime("%B %Y") if isinstance(first, datetime.date) else str(first)
        rules = sorted({RULE_TEXT[rule] for p in flagged for rule in p.flags})
        text += f" Special causes flagged in {len(flagged)} months since {since}: {'; '.join(rules)}."
    return text


def flag_text(point_flags: dict[Rule, object]) -> str:
    return "; ".join(RULE_TEXT[rule] for rule in point_flags) or "None"


def demand_assumptions(kinds: list[measures.Measure]) -> list[tuple[str, str]]:
    """Each kind of inbound work with the GP minutes assumed for it, as the page states them."""
    return [(kind.label, f"{float(settings.DEMAND_MINUTES.get(kind.id, 0)):g} minutes") for kind in kinds]
