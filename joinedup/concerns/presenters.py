"""The ICB review as tidy tables: one table per subject, each row one thing, each column one measure.

The review page shows these tables; its downloads give each as its own CSV (issue 12: "exports as
one tidy table per subject"), so an analyst can load any of them without splitting a mixed file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from .models import Concern
from .selectors import Review


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[str, ...]
    rows: Callable[[Review], Iterable[tuple[Any, ...]]]


def _concern_rows(concerns: Iterable[Concern]) -> Iterable[tuple[Any, ...]]:
    for concern in concerns:
        yield (
            concern.reference,
            concern.about_org.name,
            concern.get_rule_display(),
            concern.get_specialty_display() if concern.specialty else "",
            f"{timezone.localtime(concern.raised_at):%Y-%m-%d}",
            concern.get_state_display(),
        )


CONCERN_COLUMNS = ("reference", "about", "rule", "specialty", "raised", "state")

REVIEW_TABLES: dict[str, Table] = {
    "by_trust": Table(
        "Concerns by trust, last 12 months",
        ("about", "concerns", "open", "overdue"),
        lambda review: (
            (row["org"].name if row["org"] else "GP practices", row["total"], row["open"], row["overdue"])
            for row in review.by_trust
        ),
    ),
    "by_rule": Table(
        "Concerns by rule, last 12 months",
        ("rule", "concerns"),
        lambda review: ((row["label"], row["total"]) for row in review.by_rule),
    ),
    "by_month": Table(
        "Concerns raised by month",
        ("month", "concerns"),
        lambda review: ((f"{row['month']:%Y-%m}", row["raised"]) for row in review.by_month),
    ),
    "themes": Table(
        "Every theme by trust, rule and specialty",
        ("trust", "rule", "specialty", "concerns"),
        lambda review: ((t["trust"], t["rule_label"], t["specialty"], t["total"]) for t in review.themes),
    ),
    "overdue": Table("Overdue concerns", CONCERN_COLUMNS, lambda review: _concern_rows(review.overdue)),
    "escalations": Table(
        "Escalations waiting for the ICB's decision", CONCERN_COLUMNS, lambda review: _concern_rows(review.escalations)
    ),
}
