"""The measures registry: each domain says what it counts per month; insights charts them.

A domain registers a ``Measure`` from its ``AppConfig.ready``: a stable id, a label people
read, which direction is better, an optional target, what it is counted per (trust, service,
practice), and a function that yields the monthly figures from that domain's own tables
(``MonthlyFigure`` rows). Insights stores, charts and compares them without knowing any
domain's tables; core names no domain.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Better(StrEnum):
    HIGHER = "higher"  # e.g. share of letters on time
    LOWER = "lower"  # e.g. inappropriate requests per 1,000 letters
    NEITHER = "neither"  # a volume: neither direction is an improvement in itself


class Unit(StrEnum):
    PERCENT = "percent"  # numerator / denominator × 100
    RATE_PER_1000 = "per_1000"  # numerator / denominator × 1,000
    COUNT = "count"  # numerator alone


@dataclass(frozen=True)
class MonthlyFigure:
    """One organisation's (or service's) numerator and denominator for one month."""

    month: datetime.date  # the first day of the month
    organisation_id: int
    numerator: float
    denominator: float = 1.0
    service_id: int | None = None


# Yields the figures for the months from ``since`` (inclusive) to ``until`` (exclusive).
Compute = Callable[[datetime.date, datetime.date], Iterable[MonthlyFigure]]

# The records behind one organisation's figure for one month, as the acting user may see them
# (the domain scopes them; not theirs raises Http404): (actor, organisation_id, month) -> rows of
# {"reference", "what", "detail"} for a table, each row optionally with "link" (where the actor may
# open the record, else ""), "date" (YYYY-MM-DD), "met" ("yes", "no", or "" when the measure has no
# test), "service_id" and "service" (so a service's month can be listed apart). Optional: a measure
# without it has no drill-down.
Records = Callable[[Any, int, datetime.date], list[dict[str, str]]]


@dataclass(frozen=True)
class Measure:
    id: str  # stable, e.g. "letters.discharge_summary_24h"
    label: str  # what people read: "Discharge summaries sent within 24 hours"
    domain: str  # the app that registered it, e.g. "letters"
    unit: Unit
    better: Better
    compute: Compute
    per: str = "trust"  # "trust", "practice" or "hub": the kind of organisation it is counted for
    target: float | None = None
    description: str = ""  # how it is counted, shown beside the chart
    records: Records | None = None  # the records behind one month's figure (drill-down)


_MEASURES: dict[str, Measure] = {}


def register(measure: Measure) -> None:
    """Add a measure (once: registering the same id again replaces it)."""
    _MEASURES[measure.id] = measure


def registered() -> list[Measure]:
    return sorted(_MEASURES.values(), key=lambda measure: measure.id)


def get(measure_id: str) -> Measure:
    return _MEASURES[measure_id]
