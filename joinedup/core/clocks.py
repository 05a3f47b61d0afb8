"""What a clock says on a worklist: due, time left, or overdue, in words people use.

Every clock in JoinedUp (concern response, referral triage, A&G answer, diagnostic report)
is a due date; this turns one into the label and tag a worklist shows, counting working days
where the clock counts working days (England's calendar, ``working_days``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from joinedup.core.working_days import working_days_between


def appointment_date_problem(day: datetime.date | None, today: datetime.date) -> str | None:
    """What is wrong with an appointment date someone is booking (any domain), or None."""
    if day is None:
        return "Enter the appointment date"
    if day < today:
        return "The appointment date must be today or in the future"
    return None


@dataclass(frozen=True)
class ClockStatus:
    due: datetime.date
    overdue: bool
    days: int  # working (or calendar) days left, or overdue by
    label: str  # "3 working days left", "Due today", "Overdue by 2 working days"
    tag_colour: str  # an NHS.UK tag modifier: "red", "orange", "green"


def clock_status(due: datetime.date, today: datetime.date, *, working_days: bool = True) -> ClockStatus:
    unit = "working day" if working_days else "day"

    def count(start: datetime.date, end: datetime.date) -> int:
        return working_days_between(start, end) if working_days else (end - start).days

    if due == today:
        return ClockStatus(due, False, 0, "Due today", "orange")
    if due > today:
        left = count(today, due)
        return ClockStatus(
            due, False, left, f"{left} {unit}{'' if left == 1 else 's'} left", "orange" if left <= 1 else "green"
        )
    late = max(count(due, today), 1)
    return ClockStatus(due, True, late, f"Overdue by {late} {unit}{'' if late == 1 else 's'}", "red")
