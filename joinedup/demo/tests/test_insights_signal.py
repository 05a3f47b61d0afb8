"""The ICB-scale letters give insights' charts real signal: a sustained shift, a trend and a stable trust.

The rows are the ones ``seed --scale icb`` writes (``letters._icb_rows``, the generator behind its COPY),
at a fifteenth of the volume so the test stays fast; they are counted as the timeliness measure counts
them (on time or not, by the month of discharge or clinic, whole months only) and charted by the real
Making Data Count engine.

The clock is fixed. The rows are drawn at times relative to now, so a new day moves the month boundaries
through the same draw; and on a truly stable process the XmR rules still raise a false alarm on about one
chart in twelve (one of twelve seeds does). The test checks that the generator puts each signal where it
says, on one draw, not that chance never strikes (it did, on 6 December 2026, before the clock was fixed).
"""

from __future__ import annotations

import collections
import datetime
import random
from array import array
from dataclasses import dataclass

import pytest
from django.utils import timezone

from joinedup.demo import letters
from joinedup.insights.spc import Better, Rule, Variation, xmr

FIXED_NOW = datetime.datetime(2026, 12, 6, 9, 0, tzinfo=datetime.UTC)


@dataclass
class _Trust:
    id: int
    name: str


@pytest.fixture(scope="module")
def monthly_shares() -> dict[tuple[int, str], list[tuple[datetime.date, float]]]:
    trusts = [_Trust(index, f"Trust {index}") for index in range(5)]
    patch = pytest.MonkeyPatch()
    patch.setattr(timezone, "now", lambda: FIXED_NOW)
    patch.setattr(letters, "LETTERS_PER_YEAR", 200_000)
    patch.setattr(letters, "FULL_TEXT_SHARE", 0)  # no letter text: only the timing counts here
    try:
        rows = letters._icb_rows(
            random.Random(7), trusts,  # type: ignore[arg-type]  # the rows need only each trust's id and name
            {t.id: [(1, "A service")] for t in trusts}, array("q", [1]), array("q", [1]),
            [0], 1, [],
        )  # fmt: skip
        counts: dict[tuple[int, str, datetime.date], list[int]] = collections.defaultdict(lambda: [0, 0])
        this_month = timezone.localdate().replace(day=1)
        for row in rows:
            trust_id, kind, event_at, on_time = row[3], row[5], row[11], row[15]
            month = timezone.localtime(event_at).date().replace(day=1)
            if kind == "ed_letter" or month >= this_month:
                continue
            counts[(trust_id, kind, month)][0] += on_time
            counts[(trust_id, kind, month)][1] += 1
    finally:
        patch.undo()
    series: dict[tuple[int, str], list[tuple[datetime.date, float]]] = collections.defaultdict(list)
    for (trust_id, kind, month), (met, total) in sorted(counts.items()):
        series[(trust_id, kind)].append((month, met / total * 100))
    return series


@pytest.mark.parametrize("kind", ["clinic_letter", "discharge_summary"])
def test_the_first_trust_shows_a_sustained_shift_down(monthly_shares, kind) -> None:
    chart = xmr(monthly_shares[(letters.SHIFTED_TRUST, kind)], better=Better.HIGHER)
    assert len(chart.points) >= 13  # enough for limits and icons
    assert chart.variation == Variation.CONCERN_LOW
    assert all(Rule.SHIFT in p.flags for p in chart.points[-6:])


@pytest.mark.parametrize("kind", ["clinic_letter", "discharge_summary"])
def test_the_second_trust_shows_a_trend_up(monthly_shares, kind) -> None:
    chart = xmr(monthly_shares[(letters.TRENDING_TRUST, kind)], better=Better.HIGHER)
    assert chart.variation == Variation.IMPROVEMENT_HIGH
    assert Rule.TREND in chart.points[-1].flags


# Discharge summaries only: a late clinic letter may take 45 days, so the last whole month's clinic letters
# are still arriving late and read high; at the full 3 million letters the noise is small enough for that
# to flag (decision 0022). Discharge summaries are late by at most 12 days and settle within the month after.
@pytest.mark.parametrize("kind", ["discharge_summary"])
def test_the_third_trust_is_stable(monthly_shares, kind) -> None:
    chart = xmr(monthly_shares[(letters.STABLE_TRUST, kind)], better=Better.HIGHER)
    assert len(chart.points) >= 13
    assert chart.variation == Variation.COMMON_CAUSE
    assert not any(Rule.OUTSIDE_LIMITS in p.flags or Rule.SHIFT in p.flags for p in chart.points)


@pytest.mark.parametrize(
    "now",
    [
        datetime.datetime(2026, 1, 31, 23, 0, tzinfo=datetime.UTC),
        datetime.datetime(2026, 3, 1, 0, 30, tzinfo=datetime.UTC),
        datetime.datetime(2026, 7, 25, 12, 0, tzinfo=datetime.UTC),
    ],
)
def test_the_letters_fill_thirteen_whole_months_and_no_part_month(now) -> None:
    """A window opening mid-month charted its first month from a few days' letters, an outlier at every trust
    on some days of the month (the 25th, for one). The window opens on a month's first day, whatever the day."""
    trusts = [_Trust(0, "Trust 0")]
    patch = pytest.MonkeyPatch()
    patch.setattr(timezone, "now", lambda: now)
    patch.setattr(letters, "LETTERS_PER_YEAR", 20_000)
    patch.setattr(letters, "FULL_TEXT_SHARE", 0)
    try:
        rows = list(
            letters._icb_rows(
                random.Random(1),
                trusts,  # type: ignore[arg-type]  # the rows need only each trust's id and name
                {0: [(1, "A service")]},
                array("q", [1]),
                array("q", [1]),
                [0],
                1,
                [],
            )  # fmt: skip
        )
        this_month = timezone.localdate().replace(day=1)
        months = {timezone.localtime(row[11]).date().replace(day=1) for row in rows}
    finally:
        patch.undo()
    whole_months = sorted(month for month in months if month < this_month)
    assert len(whole_months) == 13
    first_event = min(timezone.localtime(row[11]) for row in rows)
    assert first_event.date() - whole_months[0] < datetime.timedelta(days=1)  # the first month from its first day
    assert all(row[12] <= now for row in rows)  # nothing sent in the future
