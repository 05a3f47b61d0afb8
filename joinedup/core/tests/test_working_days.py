"""Working-day arithmetic against England's calendar."""

from __future__ import annotations

import datetime

import pytest

from joinedup.core.working_days import add_working_days, is_bank_holiday, is_working_day, working_days_between

D = datetime.date


def test_a_weekend_is_skipped() -> None:
    friday = D(2026, 3, 13)
    assert add_working_days(friday, 1) == D(2026, 3, 16)  # Monday
    assert add_working_days(friday, 2) == D(2026, 3, 17)
    assert add_working_days(D(2026, 3, 14), 2) == D(2026, 3, 17)  # raised on Saturday


def test_england_bank_holidays_are_skipped() -> None:
    # Easter 2026: Good Friday 3 April and Easter Monday 6 April are bank holidays in England.
    assert is_bank_holiday(D(2026, 4, 3)) and is_bank_holiday(D(2026, 4, 6))
    thursday = D(2026, 4, 2)
    assert add_working_days(thursday, 1) == D(2026, 4, 7)
    assert add_working_days(thursday, 2) == D(2026, 4, 8)


def test_christmas_and_boxing_day_with_a_weekend() -> None:
    # 25 and 26 December 2026 fall on Friday and Saturday: the substitute day is Monday 28th.
    assert not is_working_day(D(2026, 12, 28))
    assert add_working_days(D(2026, 12, 24), 1) == D(2026, 12, 29)


def test_a_scottish_only_holiday_is_a_working_day_in_england() -> None:
    # 2 January is a bank holiday in Scotland, not in England.
    assert is_working_day(D(2026, 1, 2))


def test_ten_working_days_across_the_may_bank_holiday() -> None:
    # Early May bank holiday: Monday 4 May 2026.
    assert add_working_days(D(2026, 5, 1), 10) == D(2026, 5, 18)


def test_zero_days_rolls_forward_to_a_working_day() -> None:
    assert add_working_days(D(2026, 4, 3), 0) == D(2026, 4, 7)
    assert add_working_days(D(2026, 4, 7), 0) == D(2026, 4, 7)
    with pytest.raises(ValueError):
        add_working_days(D(2026, 4, 7), -1)


def test_working_days_between_is_the_inverse_of_adding() -> None:
    start = D(2026, 3, 27)
    for days in range(0, 30):
        assert working_days_between(start, add_working_days(start, days)) == days
    assert working_days_between(D(2026, 4, 10), D(2026, 4, 1)) == 0
