"""Clock labels on worklists: time left, due today, overdue; working or calendar days."""

from __future__ import annotations

import datetime

from joinedup.core.clocks import clock_status

D = datetime.date


def test_time_left_counts_working_days_over_a_bank_holiday() -> None:
    # Thursday 2 April 2026 to Tuesday 7 April: Good Friday and Easter Monday do not count.
    status = clock_status(D(2026, 4, 7), D(2026, 4, 2))
    assert (status.overdue, status.days, status.label) == (False, 1, "1 working day left")
    assert status.tag_colour == "orange"


def test_plenty_of_time_is_green_and_plural() -> None:
    status = clock_status(D(2026, 3, 20), D(2026, 3, 16))
    assert (status.days, status.label, status.tag_colour) == (4, "4 working days left", "green")


def test_due_today() -> None:
    status = clock_status(D(2026, 3, 16), D(2026, 3, 16))
    assert (status.overdue, status.label) == (False, "Due today")


def test_overdue_by_working_days_skips_the_weekend() -> None:
    # Due Friday 13 March; on Tuesday 17 March it is 2 working days late (Monday and Tuesday).
    status = clock_status(D(2026, 3, 13), D(2026, 3, 17))
    assert (status.overdue, status.days, status.label, status.tag_colour) == (
        True,
        2,
        "Overdue by 2 working days",
        "red",
    )


def test_a_clock_that_ran_out_on_friday_is_overdue_on_saturday() -> None:
    status = clock_status(D(2026, 3, 13), D(2026, 3, 14))
    assert status.overdue and status.label == "Overdue by 1 working day"


def test_calendar_day_clocks_count_every_day() -> None:
    # A 28-day diagnostic clock counts weekends too.
    assert clock_status(D(2026, 3, 16), D(2026, 3, 13), working_days=False).label == "3 days left"
    assert clock_status(D(2026, 3, 13), D(2026, 3, 16), working_days=False).label == "Overdue by 3 days"
