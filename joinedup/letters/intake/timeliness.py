"""Timeliness per trust and month: the counts behind the timeliness pages, kept as letters arrive."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from joinedup.letters.models import Letter, LetterTimelinessMonth


def month_of(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date().replace(day=1)


def count_letter(letter: Letter) -> None:
    """Add one new letter to its trust's month. Call inside the transaction that stores the letter."""
    if letter.trust_id is None or not letter.timeliness_rule:
        return
    key = {"trust_id": letter.trust_id, "month": month_of(letter.event_at), "rule": letter.timeliness_rule}
    on_time = 1 if letter.on_time else 0
    # UPDATE first: one statement, safe when several pollers add to the same month at once.
    if LetterTimelinessMonth.objects.filter(**key).update(total=F("total") + 1, on_time=F("on_time") + on_time):
        return
    try:
        with transaction.atomic():  # a savepoint: another poller may create the row first
            LetterTimelinessMonth.objects.create(**key, total=1, on_time=on_time)
    except IntegrityError:
        LetterTimelinessMonth.objects.filter(**key).update(total=F("total") + 1, on_time=F("on_time") + on_time)


def rebuild() -> int:
    """Count every letter again (after a bulk load that bypassed intake). Returns the rows written."""
    rows = (
        Letter.objects.filter(trust__isnull=False)
        .exclude(timeliness_rule="")
        .annotate(month=TruncMonth("event_at"))
        .values("trust_id", "month", "timeliness_rule")
        .annotate(total=Count("id"), on_time=Count("id", filter=Q(on_time=True)))
        .order_by()
    )
    months = [
        LetterTimelinessMonth(
            trust_id=row["trust_id"],
            month=row["month"].date() if isinstance(row["month"], datetime.datetime) else row["month"],
            rule=row["timeliness_rule"],
            total=row["total"],
            on_time=row["on_time"],
        )
        for row in rows
    ]
    with transaction.atomic():
        LetterTimelinessMonth.objects.all().delete()
        LetterTimelinessMonth.objects.bulk_create(months, batch_size=1000)
    return len(months)
