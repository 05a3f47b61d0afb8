"""The ICB-scale letters give insights' charts real signal: a sustained shift, a trend and a stable trust.

The rows are the ones ``seed --scale icb`` writes (``letters._icb_rows``, the generator behind its COPY),
at a fifteenth of the volume so the test stays fast; they are counted as the timeliness measure counts
them (on time or not, by the month of discharge or clinic, whole months only) and charted by the real
Making Data Count engine.
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


@dataclass
class _Trust:
    id: int
    name: str


@pytest.fixture(scope="module")
def monthly_shares() -> dict[tuple[int, str], list[tuple[datetime.date, float]]]:
    trusts = [_Trust(index, f"Trust {index}") for index in range(5)]
    patch = pytest.MonkeyPatch()
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
