"""What diagnostics counts for insights (issue 13): tests reported within 4 weeks per trust, results per practice."""

from __future__ import annotations

import datetime

from django.utils import timezone

from joinedup.core import measures
from joinedup.diagnostics.models import DiagnosticRequest, State
from joinedup.diagnostics.tests.helpers import patient_at, send_one

SEPTEMBER, OCTOBER, NOVEMBER = datetime.date(2026, 9, 1), datetime.date(2026, 10, 1), datetime.date(2026, 11, 1)


def _at(month: int, day: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2026, month, day, 11))


def test_reported_in_time_counts_ended_clocks_and_leaves_out_cancelled_and_rejected(icb, actor_for) -> None:
    gp = actor_for("gp_clinician")
    patient_at(gp.organisation)
    due = datetime.date(2026, 10, 5)
    cases = [(State.REPORTED, _at(10, 5)), (State.REPORTED, _at(10, 9)), (State.REQUESTED, None)]
    cases += [(State.CANCELLED, None), (State.REJECTED, None)]
    for state, reported in cases:
        sent = send_one(gp, icb.trusts[0])
        DiagnosticRequest.objects.filter(id=sent.id).update(
            requested_at=_at(9, 7), report_due=due, reported_at=reported, state=state
        )
    [figure] = measures.get("diagnostics.reported_in_time").compute(SEPTEMBER, OCTOBER)
    assert (figure.organisation_id, figure.numerator, figure.denominator) == (icb.trusts[0].id, 1, 3)
    # The reports reach the practice in October, to act on.
    [results] = measures.get("diagnostics.practice_results").compute(OCTOBER, NOVEMBER)
    assert (results.organisation_id, results.numerator) == (gp.organisation.id, 2)
