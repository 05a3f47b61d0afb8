"""Filling the monthly facts from the registered measures: one month at a time, or all of them again.

A refresh replaces the stored figures of the months it covers, measure by measure, in one
transaction, so a page never sees half a month. The figures are derived from the domains' own
records (each of which was audited when it was written); a refresh changes no record of care,
so it writes no audit event of its own (decision 0016).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from joinedup.core import measures

from .models import MonthlyFact

EARLIEST = datetime.date(2000, 1, 1)  # a full rebuild asks every measure for everything since


def next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def refresh(since: datetime.date, until: datetime.date, measure_ids: list[str] | None = None) -> int:
    """Replace the facts of the months from ``since`` (inclusive) to ``until`` (exclusive); return rows stored."""
    since, until = since.replace(day=1), until.replace(day=1)
    chosen = [m for m in measures.registered() if measure_ids is None or m.id in measure_ids]
    now = timezone.now()
    stored = 0
    with transaction.atomic():
        for measure in chosen:
            facts = [
                MonthlyFact(
                    measure_id=measure.id,
                    organisation_id=figure.organisation_id,
                    service_id=figure.service_id,
                    month=figure.month,
                    numerator=figure.numerator,
                    denominator=figure.denominator,
                    refreshed_at=now,
                )
                for figure in measure.compute(since, until)
            ]
            MonthlyFact.objects.filter(measure_id=measure.id, month__gte=since, month__lt=until).delete()
            MonthlyFact.objects.bulk_create(facts, batch_size=1000)
            stored += len(facts)
    return stored


def refresh_month(month: datetime.date) -> int:
    """The incremental refresh: one month's facts for every measure."""
    month = month.replace(day=1)
    return refresh(month, next_month(month))


def rebuild() -> int:
    """Every month again, from scratch (facts of measures no longer registered are dropped too)."""
    until = next_month(timezone.localdate())
    with transaction.atomic():
        MonthlyFact.objects.all().delete()
        return refresh(EARLIEST, until)
