"""Making Data Count XmR charts: limits, special causes and the two icons, in plain Python.

NHS England's Making Data Count (MDC) reads a monthly measure as an XmR chart: the mean, the
moving ranges between consecutive points, process limits at mean ± 2.66 × the mean moving range,
and four rules for special-cause variation. Boards read each chart through two icons: variation
(what the latest point says) and assurance (whether the process will meet its target). This module
computes all of it and imports nothing of Django or of the project, so it can be tested against
hand-worked series and reused (decision 0016 records each choice where the reference tools differ).

Choices, each where MDC's tools or NHSRplotthedots (PTD) differ:
- shift: 7 points in a row strictly on one side of the mean (a point on the mean breaks the run);
- trend: 7 points in a row each strictly higher (or lower) than the one before (a tie breaks it);
- two of three: of 3 consecutive points all on one side of the mean, at least 2 beyond 2 sigma
  (mean ± 2/3 of the distance to the limit) on that side, counting points beyond the limits, as
  MDC's tools do since November 2023; only the points beyond 2 sigma are flagged;
- no screening of large moving ranges (as MDC's Excel tool; PTD screens by default);
- limits and icons only from 13 points in a segment (the MDC single chart tool's threshold);
- a fixed baseline of the first 12 or more points of a segment, if asked; otherwise all of them;
- rebases only where a person puts them; no rule's run crosses a rebase;
- a point flagged both ways (say, a falling trend above the mean) reads as improvement, as the MDC
  tool shows it; with no better direction, the side of the highest-precedence rule (outside the
  limits, then trend, then two of three, then shift, as PTD orders them) names it.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from enum import StrEnum

LIMIT_FACTOR = 2.66  # 3 sigma, estimated from the mean moving range (3 / 1.128)
RUN_LENGTH = 7  # a shift: points in a row on one side of the mean
TREND_LENGTH = 7  # a trend: points in a row, each above (or below) the one before
MIN_POINTS = 13  # limits and icons are shown from this many points in a segment
MIN_BASELINE = 12  # a fixed baseline holds at least this many points


class Better(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"
    NEITHER = "neither"


class Rule(StrEnum):
    """The special-cause rules, in PTD's order of precedence."""

    OUTSIDE_LIMITS = "outside_limits"
    TREND = "trend"
    TWO_OF_THREE = "two_of_three"
    SHIFT = "shift"


class Side(StrEnum):
    HIGH = "high"
    LOW = "low"


class Variation(StrEnum):
    COMMON_CAUSE = "common_cause"
    IMPROVEMENT_HIGH = "improvement_high"
    IMPROVEMENT_LOW = "improvement_low"
    CONCERN_HIGH = "concern_high"
    CONCERN_LOW = "concern_low"
    NEUTRAL_HIGH = "neutral_high"
    NEUTRAL_LOW = "neutral_low"


class Assurance(StrEnum):
    PASSES = "consistently_passes"
    FAILS = "consistently_fails"
    HIT_AND_MISS = "hit_and_miss"


@dataclass(frozen=True)
class Limits:
    mean: float
    mean_moving_range: float

    @property
    def upper(self) -> float:
        return self.mean + LIMIT_FACTOR * self.mean_moving_range

    @property
    def lower(self) -> float:
        return self.mean - LIMIT_FACTOR * self.mean_moving_range

    @property
    def upper_two_sigma(self) -> float:
        return self.mean + LIMIT_FACTOR * self.mean_moving_range * 2 / 3

    @property
    def lower_two_sigma(self) -> float:
        return self.mean - LIMIT_FACTOR * self.mean_moving_range * 2 / 3


@dataclass(frozen=True)
class ChartPoint:
    period: Hashable
    value: float
    segment: int  # 0 for the first, one more after each rebase
    limits: Limits | None  # None while the segment has too few points to show limits
    flags: dict[Rule, Side]
    variation: Variation | None  # None where limits are not shown


@dataclass(frozen=True)
class Chart:
    points: list[ChartPoint]
    better: Better
    target: float | None

    @property
    def latest(self) -> ChartPoint | None:
        return self.points[-1] if self.points else None

    @property
    def variation(self) -> Variation | None:
        """The variation icon: the latest point's reading (None until limits are shown)."""
        return self.latest.variation if self.latest else None

    @property
    def assurance(self) -> Assurance | None:
        """The assurance icon: the target against the latest limits (None without target, direction or limits)."""
        latest = self.latest
        if latest is None or latest.limits is None or self.target is None or self.better == Better.NEITHER:
            return None
        limits, target = latest.limits, self.target
        if self.better == Better.HIGHER:
            passes, fails = limits.lower > target, limits.upper < target
        else:
            passes, fails = limits.upper < target, limits.lower > target
        if passes:
            return Assurance.PASSES
        if fails:
            return Assurance.FAILS
        return Assurance.HIT_AND_MISS


def xmr(
    series: Sequence[tuple[Hashable, float]],
    *,
    better: Better = Better.NEITHER,
    target: float | None = None,
    baseline: int | None = None,
    rebase_at: Sequence[Hashable] = (),
) -> Chart:
    """The XmR chart of ``series`` ((period, value) in time order).

    ``baseline``: fix each segment's limits on its first ``baseline`` points (at least 12).
    ``rebase_at``: periods where a person judged the process changed; each starts a new segment.
    """
    if baseline is not None and baseline < MIN_BASELINE:
        raise ValueError(f"a fixed baseline needs at least {MIN_BASELINE} points, not {baseline}")
    starts = set(rebase_at)
    segments: list[list[tuple[Hashable, float]]] = []
    for period, value in series:
        if not segments or (period in starts and segments[-1]):
            segments.append([])
        segments[-1].append((period, float(value)))
    points: list[ChartPoint] = []
    for number, segment in enumerate(segments):
        points.extend(_segment_points(number, segment, better, baseline))
    return Chart(points=points, better=Better(better), target=target)


def limits_of(values: Sequence[float]) -> Limits:
    """Mean and mean moving range of ``values`` (one value has no moving range: 0)."""
    ranges = [abs(b - a) for a, b in zip(values, values[1:], strict=False)]
    return Limits(mean=sum(values) / len(values), mean_moving_range=sum(ranges) / len(ranges) if ranges else 0.0)


def _segment_points(
    number: int, segment: list[tuple[Hashable, float]], better: Better, baseline: int | None
) -> list[ChartPoint]:
    values = [value for _, value in segment]
    if len(values) < MIN_POINTS:
        return [ChartPoint(period, value, number, None, {}, None) for period, value in segment]
    limits = limits_of(values[:baseline] if baseline else values)
    flags: list[dict[Rule, Side]] = [{} for _ in values]
    for rule, found in (
        (Rule.OUTSIDE_LIMITS, _outside(values, limits)),
        (Rule.TREND, _trends(values)),
        (Rule.TWO_OF_THREE, _two_of_three(values, limits)),
        (Rule.SHIFT, _shifts(values, limits.mean)),
    ):
        for index, side in found.items():
            flags[index][rule] = side
    return [
        ChartPoint(period, value, number, limits, flags[i], _variation(flags[i], better))
        for i, (period, value) in enumerate(segment)
    ]


def _outside(values: list[float], limits: Limits) -> dict[int, Side]:
    found = {}
    for i, value in enumerate(values):
        if value > limits.upper:
            found[i] = Side.HIGH
        elif value < limits.lower:
            found[i] = Side.LOW
    return found


def _runs(labels: list[Side | None], length: int) -> dict[int, Side]:
    """Every index inside a run of at least ``length`` equal, non-None labels."""
    found: dict[int, Side] = {}
    start = 0
    for i in range(1, len(labels) + 1):
        if i == len(labels) or labels[i] != labels[start]:
            side = labels[start]
            if side is not None and i - start >= length:
                found.update(dict.fromkeys(range(start, i), side))
            start = i
    return found


def _shifts(values: list[float], mean: float) -> dict[int, Side]:
    sides = [Side.HIGH if v > mean else Side.LOW if v < mean else None for v in values]
    return _runs(sides, RUN_LENGTH)


def _trends(values: list[float]) -> dict[int, Side]:
    # A trend of n points is n - 1 steps in one direction; each point takes the direction of the step
    # into it, and the first point of a run joins it.
    steps: list[Side | None] = [
        Side.HIGH if b > a else Side.LOW if b < a else None for a, b in zip(values, values[1:], strict=False)
    ]
    found: dict[int, Side] = {}
    for step_index, side in _runs(steps, TREND_LENGTH - 1).items():
        found[step_index] = found.get(step_index, side)
        found[step_index + 1] = side
    return found


def _two_of_three(values: list[float], limits: Limits) -> dict[int, Side]:
    found: dict[int, Side] = {}
    for start in range(len(values) - 2):
        window = range(start, start + 3)
        for side, beyond, same_side in (
            (Side.HIGH, lambda v: v > limits.upper_two_sigma, lambda v: v > limits.mean),
            (Side.LOW, lambda v: v < limits.lower_two_sigma, lambda v: v < limits.mean),
        ):
            if not all(same_side(values[i]) for i in window):
                continue
            far = [i for i in window if beyond(values[i])]
            if len(far) >= 2:
                found.update(dict.fromkeys(far, side))
    return found


def _variation(flags: dict[Rule, Side], better: Better) -> Variation:
    if not flags:
        return Variation.COMMON_CAUSE
    if better == Better.NEITHER:
        side = next(flags[rule] for rule in Rule if rule in flags)  # Rule is in order of precedence
        return Variation.NEUTRAL_HIGH if side == Side.HIGH else Variation.NEUTRAL_LOW
    good = Side.HIGH if better == Better.HIGHER else Side.LOW
    if good in flags.values():  # improvement wins when both fire, as the MDC tool shows it
        return Variation.IMPROVEMENT_HIGH if good == Side.HIGH else Variation.IMPROVEMENT_LOW
    return Variation.CONCERN_LOW if good == Side.HIGH else Variation.CONCERN_HIGH
