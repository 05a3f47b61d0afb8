"""What concerns counts per trust and month for insights (issue 13): answered within the clocks, escalations."""

from __future__ import annotations

import datetime

from django.utils import timezone

from joinedup.concerns.models import Concern
from joinedup.concerns.tests.helpers import raise_one
from joinedup.core import measures

SEPTEMBER, OCTOBER = datetime.date(2026, 9, 1), datetime.date(2026, 10, 1)


def _at(day: int, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2026, 9, day, hour))


def test_concerns_registers_its_measures() -> None:
    ids = {m.id for m in measures.registered() if m.domain == "concerns"}
    assert ids == {
        "concerns.acknowledge_in_clock",
        "concerns.respond_in_clock",
        "concerns.escalated",
        "concerns.referee_upheld",
    }


def test_acknowledged_in_clock_counts_ended_clocks_and_the_due_day_is_in_time(icb, actor_for) -> None:
    gp = actor_for("gp_clinician")
    trust = icb.trusts[0]
    due = datetime.date(2026, 9, 10)
    for acknowledged in (_at(10, 16), _at(11), None):  # on the due day, a day late, never (due day passed)
        concern = raise_one(gp, trust)
        Concern.objects.filter(id=concern.id).update(
            raised_at=_at(7), acknowledge_due=due, acknowledged_at=acknowledged
        )
    about_practice = raise_one(gp, icb.practices[1])  # not a trust: not on the trusts' chart
    Concern.objects.filter(id=about_practice.id).update(raised_at=_at(7), acknowledge_due=due)
    [figure] = measures.get("concerns.acknowledge_in_clock").compute(SEPTEMBER, OCTOBER)
    assert (figure.organisation_id, figure.month, figure.numerator, figure.denominator) == (trust.id, SEPTEMBER, 1, 3)


def test_escalations_are_counted_by_the_month_escalated(icb, actor_for) -> None:
    gp = actor_for("gp_clinician")
    for day in (3, 20):
        concern = raise_one(gp, icb.trusts[0])
        Concern.objects.filter(id=concern.id).update(escalated_at=_at(day))
    raise_one(gp, icb.trusts[0])  # not escalated
    [figure] = measures.get("concerns.escalated").compute(SEPTEMBER, OCTOBER)
    assert (figure.organisation_id, figure.numerator) == (icb.trusts[0].id, 2)
