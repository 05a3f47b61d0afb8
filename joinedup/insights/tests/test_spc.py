"""The Making Data Count engine against series worked out by hand, and properties any XmR chart keeps.

The hand-worked baseline throughout: twelve points alternating 10 and 12 (or 12 and 10) have mean 11
and every moving range 2, so the limits are 11 ± 2.66 × 2 = 5.68 and 16.32, and two sigma is
11 ± 3.5467 (7.4533 and 14.5467).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinedup.insights.spc import (
    MIN_POINTS,
    Assurance,
    Better,
    Rule,
    Side,
    Variation,
    limits_of,
    xmr,
)

UP_DOWN = [10.0, 12.0] * 6  # ends above the mean
DOWN_UP = [12.0, 10.0] * 6  # ends below the mean


def series(values: list[float]) -> list[tuple[int, float]]:
    return list(enumerate(values))


def flagged(values: list[float], rule: Rule, **options) -> dict[int, Side]:  # type: ignore[no-untyped-def]
    chart = xmr(series(values), baseline=12, **options)
    return {i: p.flags[rule] for i, p in enumerate(chart.points) if rule in p.flags}


def test_the_limits_are_the_mean_plus_and_minus_2_66_mean_moving_ranges() -> None:
    chart = xmr(series([10.0, 12.0] * 7))
    limits = chart.points[-1].limits
    assert limits is not None
    assert limits.mean == 11 and limits.mean_moving_range == 2
    assert limits.upper == pytest.approx(16.32) and limits.lower == pytest.approx(5.68)
    assert limits.upper_two_sigma == pytest.approx(14.5467, abs=1e-4)
    assert limits.lower_two_sigma == pytest.approx(7.4533, abs=1e-4)
    assert all(p.flags == {} for p in chart.points) and chart.variation == Variation.COMMON_CAUSE


def test_a_point_beyond_a_limit_is_special_cause_read_by_the_better_direction() -> None:
    values = UP_DOWN + [16.0, 17.0]  # 16 is inside (16.32), 17 outside
    assert flagged(values, Rule.OUTSIDE_LIMITS) == {13: Side.HIGH}
    assert flagged(DOWN_UP + [5.0], Rule.OUTSIDE_LIMITS) == {12: Side.LOW}
    readings = {better: xmr(series(values), baseline=12, better=better).variation for better in Better}
    assert readings == {
        Better.HIGHER: Variation.IMPROVEMENT_HIGH,
        Better.LOWER: Variation.CONCERN_HIGH,
        Better.NEITHER: Variation.NEUTRAL_HIGH,
    }


def test_a_shift_is_seven_points_in_a_row_on_one_side_of_the_mean() -> None:
    assert flagged(DOWN_UP + [11.5] * 6, Rule.SHIFT) == {}
    assert flagged(DOWN_UP + [11.5] * 7, Rule.SHIFT) == dict.fromkeys(range(12, 19), Side.HIGH)
    # The baseline's last point is above the mean too, so six more make a run of seven.
    assert flagged(UP_DOWN + [11.5] * 6, Rule.SHIFT) == dict.fromkeys(range(11, 18), Side.HIGH)
    assert flagged(DOWN_UP + [10.5] * 7, Rule.SHIFT) == dict.fromkeys(range(11, 19), Side.LOW)


def test_a_point_on_the_mean_breaks_a_shift() -> None:
    assert flagged(DOWN_UP + [11.5] * 3 + [11.0] + [11.5] * 4, Rule.SHIFT) == {}
    assert flagged(DOWN_UP + [11.5] * 8, Rule.SHIFT) == dict.fromkeys(range(12, 20), Side.HIGH)


def test_a_trend_is_seven_points_each_beyond_the_one_before_and_a_tie_breaks_it() -> None:
    rising = [9.0, 9.5, 10.0, 10.5, 11.0, 11.5, 12.0]  # below the mean at first: no shift, no limit crossed
    assert flagged(UP_DOWN + rising, Rule.TREND) == dict.fromkeys(range(12, 19), Side.HIGH)
    assert flagged(UP_DOWN + rising[1:], Rule.TREND) == {}  # six points
    assert flagged(UP_DOWN + rising[:3] + [10.0] + rising[3:], Rule.TREND) == {}  # a tie
    falling = [13.0, 12.5, 12.0, 11.5, 11.0, 10.5, 10.0]
    assert flagged(DOWN_UP + falling, Rule.TREND) == dict.fromkeys(range(12, 19), Side.LOW)
    # A rising trend reads as high whichever side of the mean it sits (it is coloured by where it goes).
    chart = xmr(series(UP_DOWN + rising), baseline=12, better=Better.LOWER)
    assert chart.variation == Variation.CONCERN_HIGH


def test_two_of_three_beyond_two_sigma_flags_only_those_two() -> None:
    assert flagged(DOWN_UP + [15.0, 11.2, 15.0], Rule.TWO_OF_THREE) == {12: Side.HIGH, 14: Side.HIGH}
    # All three must be on the same side of the mean.
    assert flagged(DOWN_UP + [15.0, 10.8, 15.0], Rule.TWO_OF_THREE) == {}
    assert flagged(UP_DOWN + [7.0, 10.0, 7.0], Rule.TWO_OF_THREE) == {12: Side.LOW, 14: Side.LOW}


def test_two_of_three_counts_a_point_beyond_the_limits_as_mdc_has_since_november_2023() -> None:
    values = DOWN_UP + [17.0, 11.2, 15.0]
    assert flagged(values, Rule.OUTSIDE_LIMITS) == {12: Side.HIGH}
    assert flagged(values, Rule.TWO_OF_THREE) == {12: Side.HIGH, 14: Side.HIGH}  # PTD 0.2 would not flag 14


def test_improvement_wins_when_a_point_is_flagged_both_ways() -> None:
    falling_far_above = [30.0, 29.0, 28.0, 27.0, 26.0, 25.0, 24.0]  # outside high, and a falling trend
    values = UP_DOWN + falling_far_above
    latest = xmr(series(values), baseline=12).points[-1]
    assert latest.flags[Rule.OUTSIDE_LIMITS] == Side.HIGH and latest.flags[Rule.TREND] == Side.LOW
    assert xmr(series(values), baseline=12, better=Better.LOWER).variation == Variation.IMPROVEMENT_LOW
    assert xmr(series(values), baseline=12, better=Better.HIGHER).variation == Variation.IMPROVEMENT_HIGH
    # With no better direction, the rule of highest precedence (outside the limits) names the side.
    assert xmr(series(values), baseline=12).variation == Variation.NEUTRAL_HIGH


def test_limits_and_icons_wait_for_thirteen_points() -> None:
    short = xmr(series([10.0, 12.0] * 6), better=Better.HIGHER, target=5)
    assert MIN_POINTS == 13
    assert all(p.limits is None and p.variation is None for p in short.points)
    assert short.variation is None and short.assurance is None
    enough = xmr(series([10.0, 12.0] * 6 + [10.0]), better=Better.HIGHER, target=5)
    assert enough.points[0].limits is not None and enough.assurance == Assurance.PASSES


@pytest.mark.parametrize(
    ("better", "target", "expected"),
    [
        (Better.HIGHER, 5.0, Assurance.PASSES),  # the lower limit (5.68) is above the target
        (Better.HIGHER, 17.0, Assurance.FAILS),  # the upper limit (16.32) is below it
        (Better.HIGHER, 11.0, Assurance.HIT_AND_MISS),
        (Better.LOWER, 17.0, Assurance.PASSES),
        (Better.LOWER, 5.0, Assurance.FAILS),
        (Better.LOWER, 16.0, Assurance.HIT_AND_MISS),
        (Better.NEITHER, 5.0, None),
        (Better.HIGHER, None, None),
    ],
)
def test_assurance_compares_the_target_with_the_latest_limits(better, target, expected) -> None:  # type: ignore[no-untyped-def]
    assert xmr(series([10.0, 12.0] * 7), better=better, target=target).assurance == expected


def test_a_fixed_baseline_keeps_its_limits_as_later_points_arrive() -> None:
    values = UP_DOWN + [20.0] * 5 + [10.0] * 5
    fixed = xmr(series(values), baseline=12).points[-1].limits
    assert fixed is not None and (fixed.mean, fixed.mean_moving_range) == (11, 2)
    moving = xmr(series(values)).points[-1].limits
    assert moving == limits_of(values) and moving.mean != 11
    with pytest.raises(ValueError, match="at least 12 points"):
        xmr(series(values), baseline=11)


def test_a_rebase_starts_new_limits_and_no_run_crosses_it() -> None:
    before, after = [10.0, 12.0] * 7, [20.0, 22.0] * 7
    values = before + after
    unbased = xmr(series(values))
    assert any(Rule.SHIFT in p.flags for p in unbased.points)  # one process, clearly shifted
    rebased = xmr(series(values), rebase_at=[len(before)])
    assert [p.segment for p in rebased.points] == [0] * 14 + [1] * 14
    assert rebased.points[0].limits is not None and rebased.points[0].limits.mean == 11
    assert rebased.points[-1].limits is not None and rebased.points[-1].limits.mean == 21
    assert all(p.flags == {} for p in rebased.points)
    # A new segment shows no limits until it has thirteen points of its own.
    early = xmr(series(before + after[:5]), rebase_at=[len(before)], better=Better.HIGHER, target=1)
    assert early.points[-1].limits is None and early.variation is None and early.assurance is None


values_strategy = st.lists(st.integers(min_value=-50, max_value=50).map(float), min_size=13, max_size=40)


def swapped(flags: dict[Rule, Side]) -> dict[Rule, Side]:
    return {rule: Side.LOW if side == Side.HIGH else Side.HIGH for rule, side in flags.items()}


@given(values_strategy)
def test_a_mirrored_series_has_mirrored_flags(values: list[float]) -> None:
    plain = xmr(series(values), better=Better.HIGHER)
    mirror = xmr(series([-v for v in values]), better=Better.LOWER)
    assert [swapped(p.flags) for p in plain.points] == [p.flags for p in mirror.points]
    assert [p.variation for p in plain.points] == [
        {
            Variation.IMPROVEMENT_LOW: Variation.IMPROVEMENT_HIGH,
            Variation.IMPROVEMENT_HIGH: Variation.IMPROVEMENT_LOW,
            Variation.CONCERN_LOW: Variation.CONCERN_HIGH,
            Variation.CONCERN_HIGH: Variation.CONCERN_LOW,
        }.get(p.variation, p.variation)  # type: ignore[arg-type]
        for p in mirror.points
    ]


@given(values_strategy, st.sampled_from([0.25, 2.0, 1024.0]))
def test_the_unit_of_measure_changes_nothing(values: list[float], scale: float) -> None:
    # Powers of two scale exactly in floating point, so every comparison is the same comparison.
    plain, scaled = xmr(series(values)), xmr(series([v * scale for v in values]))
    assert [p.flags for p in plain.points] == [p.flags for p in scaled.points]


@given(values_strategy)
def test_outside_the_limits_means_beyond_them_and_limits_are_symmetric(values: list[float]) -> None:
    for point in xmr(series(values)).points:
        limits = point.limits
        assert limits is not None
        assert limits.upper - limits.mean == pytest.approx(limits.mean - limits.lower)
        beyond = point.value > limits.upper or point.value < limits.lower
        assert (Rule.OUTSIDE_LIMITS in point.flags) == beyond
