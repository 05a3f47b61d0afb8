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
