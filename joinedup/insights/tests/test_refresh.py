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


def test_a_month_is_stored_per_organisation_and_per_directory_service_only(icb) -> None:
    """A measure counted by service gives each organisation's month too (what the board charts); a
    service that is not in the directory (the hub's urgent services) counts towards its organisation only."""
    import datetime

    from joinedup.core import measures
    from joinedup.directory.models import Service
    from joinedup.insights.models import MonthlyFact
    from joinedup.insights.services import refresh

    month = datetime.date(2026, 9, 1)
    trust, hub = icb.trusts[0], icb.hub
    service = Service.objects.filter(trust=trust).earliest("id")
    not_a_service = (Service.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1000
    other = Service.objects.filter(trust=trust).exclude(id=service.id).earliest("id")
    figures = [
        measures.MonthlyFigure(month, trust.id, 3, 4, service_id=service.id),
        measures.MonthlyFigure(month, trust.id, 1, 2, service_id=other.id),
        measures.MonthlyFigure(month, hub.id, 2, 5, service_id=not_a_service),
    ]
    measure = measures.Measure(
        id="test.by_service",
        label="By service",
        domain="test",
        unit=measures.Unit.PERCENT,
        better=measures.Better.HIGHER,
        compute=lambda since, until: figures,
    )
    measures.register(measure)
    try:
        refresh(month, datetime.date(2026, 10, 1), ["test.by_service"])
    finally:
        measures._MEASURES.pop("test.by_service")
    stored = {
        (f.organisation_id, f.service_id): (f.numerator, f.denominator)
        for f in MonthlyFact.objects.filter(measure_id="test.by_service")
    }
    assert stored == {
        (trust.id, None): (4, 6),  # the trust's month: its services' figures added up
        (trust.id, service.id): (3, 4),
        (trust.id, other.id): (1, 2),
        (hub.id, None): (2, 5),  # the urgent service is not a directory service: the hub's month only
    }


# ---- the incremental refresh after each event (decision 0022) -----------------------------------------

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def directory_measure(monkeypatch: pytest.MonkeyPatch, figures: list[MonthlyFigure]) -> list[MonthlyFigure]:
    """The held measure, as if the directory registered it (so a directory change is a domain event)."""
    import dataclasses

    measure = dataclasses.replace(measures.get("test.held"), domain="directory")
    monkeypatch.setitem(measures._MEASURES, measure.id, measure)
    return figures


def _change_a_trust(icb, name: str) -> None:
    from django.db import transaction

    from joinedup.audit import services as audit
    from joinedup.directory.access import Actor
    from joinedup.directory.models import RoleAssignment

    trust = icb.trusts[0]
    assignment = (
        RoleAssignment.objects.filter(role="icb_analyst").select_related("person", "organisation").earliest("id")
    )
    with transaction.atomic():
        trust.name = name
        trust.save()
        audit.record(
            actor=Actor(person=assignment.person, assignment=assignment), action="organisation.updated", obj=trust
        )


def test_a_recorded_change_refreshes_its_domains_recent_months_in_the_background(
    icb, directory_measure, settings, django_capture_on_commit_callbacks
) -> None:
    from django.utils import timezone

    from joinedup.insights.models import PendingRefresh

    settings.TASKS = IMMEDIATE
    this_month = timezone.localdate().replace(day=1)
    trust = icb.trusts[0].id
    directory_measure.append(MonthlyFigure(this_month, trust, 3, 4))
    with django_capture_on_commit_callbacks(execute=True):
        _change_a_trust(icb, "Renamed trust")
    assert _stored() == [(this_month, trust, 3, 4)]  # refreshed by the task, no command run
    assert not PendingRefresh.objects.exists()  # the task took what was pending


def test_a_burst_of_events_queues_one_refresh(icb, directory_measure, settings, django_capture_on_commit_callbacks):
    from joinedup.insights.models import PendingRefresh

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from typing import Any

    from django_tasks import default_task_backend

    backend: Any = default_task_backend
    backend.clear()
    for number in range(50):
        with django_capture_on_commit_callbacks(execute=True):
            _change_a_trust(icb, f"Renamed {number}")
    assert len(backend.results) == 1
    assert PendingRefresh.objects.filter(domain="directory").count() == settings.INSIGHTS_REFRESH_MONTHS
    services.refresh_pending()
    assert not PendingRefresh.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):  # after the refresh, a new change queues again
        _change_a_trust(icb, "Renamed again")
    assert len(backend.results) == 2


def test_readings_and_unmeasured_domains_queue_nothing(icb, directory_measure) -> None:
    from joinedup.insights.models import PendingRefresh

    assert services.figures_changed("nothing_measured") is False
    assert services.is_read("letter.viewed") and services.is_read("attachment.downloaded")
    assert not services.is_read("letter.filed")
    services.audit_event_saved("organisation.viewed", "directory.organisation")
    assert not PendingRefresh.objects.exists()


def test_the_months_marked_are_this_one_and_those_before_it(icb, directory_measure, settings) -> None:
    from joinedup.insights.models import PendingRefresh

    settings.INSIGHTS_REFRESH_MONTHS = 3
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    assert services.figures_changed("directory", datetime.date(2026, 1, 20)) is True
    assert sorted(PendingRefresh.objects.values_list("month", flat=True)) == [
        datetime.date(2025, 11, 1),
        datetime.date(2025, 12, 1),
        datetime.date(2026, 1, 1),
    ]
    assert services.figures_changed("directory", datetime.date(2026, 1, 20)) is False  # already pending
