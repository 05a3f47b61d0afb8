"""Working days in England: Monday to Friday, less England's bank holidays.

Shared by every clock in JoinedUp (concerns, referrals, advice and guidance). Bank holidays
come from the ``holidays`` package (``holidays.country_holidays("GB", subdiv="ENG")``), which
includes the one-off ones (coronations, jubilees, state funerals).
"""

from __future__ import annotations

import datetime
import functools

import holidays


@functools.lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_bank_holiday(day: datetime.date) -> bool:
    return day in _bank_holidays(day.year)


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and not is_bank_holiday(day)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date ``days`` working days after ``start`` (``start`` itself does not count).

    A concern raised on a Friday with a 2-working-day clock is due on Tuesday; raised on a
    Saturday, also on Tuesday. ``days=0`` gives ``start`` if it is a working day, else the
    next working day.
    """
    if days < 0:
        raise ValueError("days must be 0 or more")
    day = start
    if days == 0:
        while not is_working_day(day):
            day += datetime.timedelta(days=1)
        return day
    remaining = days
    while remaining:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 if ``end`` is not after ``start``)."""
    if end <= start:
        return 0
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
