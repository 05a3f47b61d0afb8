"""The measures letters registers for insights: timeliness by rule and inappropriate requests per 1,000 letters."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from joinedup.core import measures
from joinedup.demo.directory import SeededDirectory
from joinedup.letters.intake import services
from joinedup.letters.models import Letter, LetterAction

from .intake_helpers import EVENT, letter_bytes, register_patient

NOVEMBER, DECEMBER = datetime.date(2026, 11, 1), datetime.date(2026, 12, 1)


def test_letters_registers_its_measures() -> None:
    ids = {m.id for m in measures.registered() if m.domain == "letters"}
    assert ids == {
        "letters.discharge_summary_24h",
        "letters.clinic_letter_7_days",
        "letters.inappropriate_per_1000",
        "letters.flags_confirmed",
        # The demand on general practice, per practice.
        "letters.practice_requests_appropriate",
        "letters.practice_requests_inappropriate",
    }
    assert measures.get("letters.practice_requests_inappropriate").per == "practice"
    assert measures.get("letters.inappropriate_per_1000").better == measures.Better.LOWER


def test_timeliness_counts_letters_on_time_per_trust_and_month(icb: SeededDirectory) -> None:
    register_patient(icb)
    late = EVENT + datetime.timedelta(hours=30)
    for number, sent in enumerate([EVENT, EVENT, late]):
        services.take_in_mesh_message(content=letter_bytes(icb, sent_at=sent), mesh_message_id=f"T{number}")
    assert EVENT.date().replace(day=1) == NOVEMBER
    [figure] = measures.get("letters.discharge_summary_24h").compute(NOVEMBER, DECEMBER)
    assert (figure.month, figure.organisation_id, figure.numerator, figure.denominator) == (
        NOVEMBER,
        icb.trusts[0].id,
        2,
        3,
    )
    assert list(measures.get("letters.clinic_letter_7_days").compute(NOVEMBER, DECEMBER)) == []
    # The month after is a different window: nothing in it.
    assert list(measures.get("letters.discharge_summary_24h").compute(DECEMBER, datetime.date(2027, 1, 1))) == []


def test_inappropriate_requests_are_counted_per_letter_of_the_trust(icb: SeededDirectory) -> None:
    register_patient(icb)
    for number in range(4):
        services.take_in_mesh_message(content=letter_bytes(icb), mesh_message_id=f"I{number}")
    letters = list(Letter.objects.order_by("id"))
    assert len(letters) == 4
    LetterAction.objects.all().delete()
    received = timezone.localtime(letters[0].received_at)
    month = datetime.date(received.year, received.month, 1)
    for letter, verdicts in zip(
        letters, [["inappropriate", "inappropriate"], ["appropriate"], ["inappropriate"], []], strict=True
    ):
        for start, verdict in enumerate(verdicts):
            LetterAction.objects.create(
                letter=letter, origin="reader", quote="q", start=start, end=start + 1, category="c", verdict=verdict
            )
    next_month = (month + datetime.timedelta(days=32)).replace(day=1)
    [figure] = measures.get("letters.inappropriate_per_1000").compute(month, next_month)
    # 3 inappropriate requests in 4 letters.
    assert (figure.organisation_id, figure.numerator, figure.denominator) == (icb.trusts[0].id, 3, 4)


def test_the_letters_behind_a_months_timeliness_figure_late_first_and_scoped(icb: SeededDirectory, actor_for) -> None:
    from django.http import Http404

    register_patient(icb)
    late = EVENT + datetime.timedelta(hours=30)
    for number, sent in enumerate([EVENT + datetime.timedelta(hours=2), late]):
        services.take_in_mesh_message(content=letter_bytes(icb, sent_at=sent), mesh_message_id=f"R{number}")
    records = measures.get("letters.discharge_summary_24h").records
    assert records is not None
    rows = records(actor_for("icb_analyst"), icb.trusts[0].id, NOVEMBER)
    assert [row["detail"] for row in rows] == ["Late: sent after 30 hours", "On time: sent after 2 hours"]
    assert all("Prescott" not in " ".join(row.values()) for row in rows)  # no patient named
    assert records(actor_for("icb_analyst"), icb.trusts[0].id, DECEMBER) == []
    with pytest.raises(Http404):
        records(actor_for("trust_interface_lead"), icb.trusts[1].id, NOVEMBER)


def test_flags_confirmed_counts_practices_answers_to_the_readers_flags(icb: SeededDirectory, actor_for) -> None:
    from joinedup.letters.models import ActionFeedback

    register_patient(icb)
    services.take_in_mesh_message(content=letter_bytes(icb), mesh_message_id="F1")
    letter = Letter.objects.get()
    LetterAction.objects.all().delete()
    gp = actor_for("gp_clinician").person
    answered = timezone.make_aware(datetime.datetime(2026, 11, 20, 9, 0))
    answers = [
        ("inappropriate", "done"),
        ("inappropriate", "not_for_us"),
        ("inappropriate", "wrong_verdict"),
        ("inappropriate", None),
        ("appropriate", "done"),
    ]
    for start, (verdict, outcome) in enumerate(answers):
        action = LetterAction.objects.create(
            letter=letter, origin="reader", quote="q", start=start, end=start + 1, category="c", verdict=verdict
        )
        if outcome:
            ActionFeedback.objects.create(action=action, outcome=outcome, given_by=gp, given_at=answered)
    [figure] = measures.get("letters.flags_confirmed").compute(NOVEMBER, DECEMBER)
    # Three flags answered, two confirmed; the unanswered flag and the appropriate request do not count.
    assert (figure.month, figure.organisation_id, figure.numerator, figure.denominator) == (
        NOVEMBER,
        icb.trusts[0].id,
        2,
        3,
    )
