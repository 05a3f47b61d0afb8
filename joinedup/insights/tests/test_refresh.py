"""The monthly facts: a month's refresh replaces that month only; a rebuild starts again from every measure."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import CommandError, call_command

from joinedup.core import measures
from joinedup.core.measures import MonthlyFigure
from joinedup.insights import services
from joinedup.insights.models import MonthlyFact

SEPTEMBER, OCTOBER, NOVEMBER = datetime.date(2026, 9, 1), datetime.date(2026, 10, 1), datetime.date(2026, 11, 1)


@pytest.fixture
def figures(monkeypatch: pytest.MonkeyPatch) -> list[MonthlyFigure]:
    """A measure whose figures are whatever the test puts in this list (registered for the test only)."""
    held: list[MonthlyFigure] = []
    asked: list[tuple[datetime.date, datetime.date]] = []

    def compute(since: datetime.date, until: datetime.date) -> list[MonthlyFigure]:
        asked.append((since, until))
        return [f for f in held if since <= f.month < until]

    measure = measures.Measure(
        id="test.held",
        label="Held figures",
        domain="test",
        unit=measures.Unit.PERCENT,
        better=measures.Better.HIGHER,
        compute=compute,
    )
    monkeypatch.setitem(measures._MEASURES, measure.id, measure)
    return held


def _stored() -> list[tuple[datetime.date, int, float, float]]:
    rows = MonthlyFact.objects.filter(measure_id="test.held").order_by("month", "organisation_id")
    return list(rows.values_list("month", "organisation_id", "numerator", "denominator"))


def test_a_months_refresh_replaces_that_month_and_leaves_the_others(icb, figures) -> None:
    trust, other = icb.trusts[0].id, icb.trusts[1].id
    figures += [MonthlyFigure(SEPTEMBER, trust, 8, 10), MonthlyFigure(OCTOBER, trust, 6, 10)]
    services.refresh(SEPTEMBER, NOVEMBER)
    assert _stored() == [(SEPTEMBER, trust, 8, 10), (OCTOBER, trust, 6, 10)]
    # October changes (a late letter arrived; another trust counted): only October is recomputed.
    figures[1] = MonthlyFigure(OCTOBER, trust, 6, 11)
    figures.append(MonthlyFigure(OCTOBER, other, 3, 4))
    figures[0] = MonthlyFigure(SEPTEMBER, trust, 1, 1)  # not refreshed below, so not seen
    services.refresh_month(datetime.date(2026, 10, 17))
    assert _stored() == [(SEPTEMBER, trust, 8, 10), (OCTOBER, trust, 6, 11), (OCTOBER, other, 3, 4)]
    services.refresh_month(OCTOBER)  # twice is the same as once
    assert MonthlyFact.objects.filter(measure_id="test.held").count() == 3


def test_a_rebuild_starts_again_and_drops_measures_no_longer_registered(icb, figures) -> None:
    trust = icb.trusts[0].id
    MonthlyFact.objects.create(measure_id="gone.measure", organisation_id=trust, month=SEPTEMBER, numerator=1)
    figures += [MonthlyFigure(datetime.date(2025, 1, 1), trust, 2, 4), MonthlyFigure(OCTOBER, trust, 3, 4)]
    stored = services.rebuild()
    assert _stored() == [(datetime.date(2025, 1, 1), trust, 2, 4), (OCTOBER, trust, 3, 4)]
    assert not MonthlyFact.objects.filter(measure_id="gone.measure").exists()
    assert stored == MonthlyFact.objects.count()


def test_figures_per_service_are_kept_apart_from_the_trusts_own(icb, figures) -> None:
    trust = icb.trusts[0]
    service = trust.services.earliest("id")
    figures += [MonthlyFigure(OCTOBER, trust.id, 5, 10), MonthlyFigure(OCTOBER, trust.id, 2, 3, service_id=service.id)]
    services.refresh_month(OCTOBER)
    services.refresh_month(OCTOBER)
    assert sorted(MonthlyFact.objects.values_list("service_id", "numerator"), key=str) == sorted(
        [(None, 5.0), (service.id, 2.0)], key=str
    )


def test_the_command_refreshes_a_month_or_refuses_a_bad_one_plainly(icb, figures) -> None:
    figures.append(MonthlyFigure(SEPTEMBER, icb.trusts[0].id, 1, 2))
    call_command("refresh_insights", month="2026-09")
    assert _stored() == [(SEPTEMBER, icb.trusts[0].id, 1, 2)]
    with pytest.raises(CommandError, match="year and month like"):
        call_command("refresh_insights", month="September")
    figures.clear()
    call_command("refresh_insights", rebuild=True)
    assert _stored() == []
