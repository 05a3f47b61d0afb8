"""Calendar months for the monthly figures (concerns reviewed, letters on time)."""

from __future__ import annotations

import datetime


def month_starts(today: datetime.date, count: int) -> list[datetime.date]:
    """The first day of each of the last ``count`` months, oldest first, ending with this month."""
    year, month = today.year, today.month
    months = []
    for _ in range(count):
        months.append(datetime.date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


def between(since: datetime.date, until: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The local midnights starting ``since`` and ``until``: the bounds of a measure's months as times."""
    from django.utils import timezone

    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.datetime.combine(since, datetime.time(0)), tz),
        timezone.make_aware(datetime.datetime.combine(until, datetime.time(0)), tz),
    )


def first_day(value: datetime.date | datetime.datetime) -> datetime.date:
    """A TruncMonth value (a date on SQLite, a datetime on PostgreSQL) as the month's first day."""
    return value.date() if isinstance(value, datetime.datetime) else value
