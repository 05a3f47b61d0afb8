"""The measures referrals registers for insights: A&G and triage within their clocks, returned or rejected."""

from __future__ import annotations

import datetime

from django.utils import timezone

from joinedup.core import measures
from joinedup.referrals.models import ClinicalRequest, Kind, State
from joinedup.referrals.tests.helpers import send

SENT = timezone.make_aware(datetime.datetime(2026, 9, 14, 10, 0))
SEPTEMBER, OCTOBER = datetime.date(2026, 9, 1), datetime.date(2026, 10, 1)
DUE = datetime.date(2026, 9, 21)


def _request(actor_for, icb, kind: str, responded: datetime.datetime | None, state: str) -> ClinicalRequest:
    request = send(actor_for("gp_clinician"), icb.trusts[0], kind=kind)
    ClinicalRequest.objects.filter(id=request.id).update(
        sent_at=SENT, due_date=DUE, responded_at=responded, state=state
    )
    request.refresh_from_db()
    return request


def test_referrals_registers_its_measures() -> None:
    ids = {m.id for m in measures.registered() if m.domain == "referrals"}
    assert ids == {
        "referrals.advice_answered_in_clock",
        "referrals.triaged_in_clock",
        "referrals.returned_or_rejected",
        "referrals.advice_converted",
        "referrals.advice_avoided",
        # The demand on general practice, per practice.
        "referrals.practice_referral_answers",
        "referrals.practice_advice_answers",
    }


def test_answered_in_clock_counts_only_ended_clocks_and_the_due_day_counts_as_in_time(icb, actor_for) -> None:
    on_due_day = timezone.make_aware(datetime.datetime(2026, 9, 21, 16, 0))
    late = timezone.make_aware(datetime.datetime(2026, 9, 23, 9, 0))
    _request(actor_for, icb, Kind.ADVICE, on_due_day, State.ADVICE_GIVEN)
    _request(actor_for, icb, Kind.ADVICE, late, State.ADVICE_GIVEN)
    _request(actor_for, icb, Kind.ADVICE, None, State.AWAITING_ADVICE)  # due date passed unanswered: a miss
    _request(actor_for, icb, Kind.REFERRAL, on_due_day, State.ACCEPTED)
    [advice] = measures.get("referrals.advice_answered_in_clock").compute(SEPTEMBER, OCTOBER)
    assert (advice.month, advice.organisation_id, advice.numerator, advice.denominator) == (
        SEPTEMBER,
        icb.trusts[0].id,
        1,
        3,
    )
    assert advice.service_id is not None
    [triage] = measures.get("referrals.triaged_in_clock").compute(SEPTEMBER, OCTOBER)
    assert (triage.numerator, triage.denominator) == (1, 1)
    assert list(measures.get("referrals.triaged_in_clock").compute(OCTOBER, datetime.date(2026, 11, 1))) == []


def test_returned_or_rejected_share_of_triaged_referrals(icb, actor_for) -> None:
    answered = timezone.make_aware(datetime.datetime(2026, 9, 15, 9, 0))
    for state in (State.RETURNED, State.REJECTED, State.ACCEPTED, State.BOOKED):
        _request(actor_for, icb, Kind.REFERRAL, answered, state)
    _request(actor_for, icb, Kind.REFERRAL, None, State.AWAITING_TRIAGE)  # not triaged: not counted
    [figure] = measures.get("referrals.returned_or_rejected").compute(SEPTEMBER, OCTOBER)
    assert (figure.numerator, figure.denominator) == (2, 4)


def test_advice_outcomes_count_conversions_and_advice_that_avoided_a_referral(icb, actor_for) -> None:
    from joinedup.referrals import selectors

    finished = timezone.make_aware(datetime.datetime(2026, 9, 20, 12, 0))
    ends = {"converted": State.CONVERTED, "avoided": State.CLOSED, "referred": State.CLOSED, "open": State.ADVICE_GIVEN}
    made = {}
    for name, state in ends.items():
        advice = _request(actor_for, icb, Kind.ADVICE, finished, state)
        ClinicalRequest.objects.filter(id=advice.id).update(finished_at=finished if name != "open" else None)
        made[name] = advice
    # The GP referred after the advice: a referral made from it, so it avoided nothing.
    referral = send(actor_for("gp_clinician"), icb.trusts[0])
    ClinicalRequest.objects.filter(id=referral.id).update(converted_from=made["referred"])
    for outcome, expected in (("converted", 1.0), ("avoided", 1.0)):
        figures = selectors.advice_outcomes(outcome, SEPTEMBER, OCTOBER)
        assert sum(f.numerator for f in figures) == expected, outcome
        assert sum(f.denominator for f in figures) == 3.0  # the open one has not finished
