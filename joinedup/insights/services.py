"""Filling the monthly facts from the registered measures: one month at a time, or all of them again.

A refresh replaces the stored figures of the months it covers, measure by measure, in one
transaction, so a page never sees half a month. The figures are derived from the domains' own
records (each of which was audited when it was written); a refresh changes no record of care,
so it writes no audit event of its own (decision 0016).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from joinedup.core import measures
from joinedup.directory import selectors as directory

from .models import MonthlyFact, PendingRefresh

EARLIEST = datetime.date(2000, 1, 1)  # a full rebuild asks every measure for everything since


def next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def refresh(since: datetime.date, until: datetime.date, measure_ids: list[str] | None = None) -> int:
    """Replace the facts of the months from ``since`` (inclusive) to ``until`` (exclusive); return rows stored."""
    since, until = since.replace(day=1), until.replace(day=1)
    chosen = [m for m in measures.registered() if measure_ids is None or m.id in measure_ids]
    now = timezone.now()
    stored = 0
    with transaction.atomic():
        for measure in chosen:
            facts = [
                MonthlyFact(
                    measure_id=measure.id,
                    organisation_id=organisation_id,
                    service_id=service_id,
                    month=month,
                    numerator=numerator,
                    denominator=denominator,
                    refreshed_at=now,
                )
                for (organisation_id, service_id, month), (numerator, denominator) in _stored(
                    measure.compute(since, until)
                ).items()
            ]
            MonthlyFact.objects.filter(measure_id=measure.id, month__gte=since, month__lt=until).delete()
            MonthlyFact.objects.bulk_create(facts, batch_size=1000)
            stored += len(facts)
    return stored


def _stored(figures: Iterable[measures.MonthlyFigure]) -> dict[tuple[int, int | None, datetime.date], list[float]]:
    """The facts to store, keyed (organisation, service, month): each organisation's month (its services'
    figures summed, unless the measure gives the organisation's own) and each directory service's month.
    A measure may count by a service that is not a directory service (the hub's urgent services): those
    rows count towards their organisation only."""
    figures = list(figures)
    known = directory.existing_service_ids({f.service_id for f in figures if f.service_id is not None})
    own: dict[tuple[int, int | None, datetime.date], list[float]] = {}
    summed: dict[tuple[int, int | None, datetime.date], list[float]] = {}
    services: dict[tuple[int, int | None, datetime.date], list[float]] = {}
    for figure in figures:
        if figure.service_id is None:
            own[(figure.organisation_id, None, figure.month)] = [figure.numerator, figure.denominator]
            continue
        total = summed.setdefault((figure.organisation_id, None, figure.month), [0.0, 0.0])
        total[0] += figure.numerator
        total[1] += figure.denominator
        if figure.service_id in known:
            services[(figure.organisation_id, figure.service_id, figure.month)] = [figure.numerator, figure.denominator]
    return {**summed, **own, **services}


def refresh_month(month: datetime.date) -> int:
    """The incremental refresh: one month's facts for every measure."""
    month = month.replace(day=1)
    return refresh(month, next_month(month))


def rebuild() -> int:
    """Every month again, from scratch (facts of measures no longer registered are dropped too)."""
    until = next_month(timezone.localdate())
    with transaction.atomic():
        MonthlyFact.objects.all().delete()
        PendingRefresh.objects.all().delete()  # everything is refreshed now
        return refresh(EARLIEST, until)


# ---- the incremental refresh after each event (decision 0022) -------------------------------------
# Insights listens to the audit record (every write records an event in its own transaction): an event
# about an object of a domain that registers measures marks that domain's recent months as pending,
# once each however many events come, and the first mark queues one background task.

# Actions that record a reading, not a change: they change no figure. A reading missed here costs a
# refresh, never a wrong figure; so this lists reads, rather than listing the writes that count.
READ_ACTIONS = ("viewed", "downloaded", "api_read", "signed_in", "exported", "opened")


def is_read(action: str) -> bool:
    return action.endswith(READ_ACTIONS)


def measured_domains() -> set[str]:
    return {measure.domain for measure in measures.registered()}


def figures_changed(domain: str, today: datetime.date | None = None) -> bool:
    """Mark the domain's recent months as pending; queue a refresh if none was pending. Return whether
    a task was queued. Call after the change has committed (the audit hook does, on commit)."""
    if domain not in measured_domains():
        return False
    month = (today or timezone.localdate()).replace(day=1)
    months = [month]
    for _ in range(max(settings.INSIGHTS_REFRESH_MONTHS, 1) - 1):
        months.append((months[-1] - datetime.timedelta(days=1)).replace(day=1))
    pending = set(PendingRefresh.objects.filter(domain=domain, month__in=months).values_list("month", flat=True))
    added = False
    for each in months:
        if each in pending:
            continue
        try:
            with transaction.atomic():
                PendingRefresh.objects.create(domain=domain, month=each)
            added = True
        except IntegrityError:  # another event of the same burst marked it first
            continue
    if added:
        from .tasks import refresh_pending

        refresh_pending.enqueue()
    return added


def refresh_pending() -> int:
    """Take every pending (domain, month) and refresh those months for that domain's measures."""
    with transaction.atomic():
        taken = list(PendingRefresh.objects.select_for_update().values_list("id", "domain", "month"))
        PendingRefresh.objects.filter(id__in=[row[0] for row in taken]).delete()
    by_domain: dict[str, set[datetime.date]] = {}
    for _id, domain, month in taken:
        by_domain.setdefault(domain, set()).add(month)
    stored = 0
    for domain, months in sorted(by_domain.items()):
        chosen = [m.id for m in measures.registered() if m.domain == domain]
        for month in sorted(months):
            stored += refresh(month, next_month(month), chosen)
    return stored


def audit_event_saved(action: str, object_type: str) -> None:
    """The audit hook: an event was written (inside its change's transaction). Once that commits, mark
    the object's domain (its app label, e.g. ``referrals`` of ``referrals.referral``) as changed."""
    if not object_type or is_read(action):
        return
    domain = object_type.split(".", 1)[0]
    if domain in measured_domains():
        transaction.on_commit(lambda: figures_changed(domain))
