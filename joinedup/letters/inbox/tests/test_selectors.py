"""The inbox's order and scope, the highlights' placement, and the accuracy figures."""

from __future__ import annotations

import datetime

import pytest
from django.http import Http404
from django.utils import timezone

from joinedup.letters.inbox import presenters, selectors, services
from joinedup.letters.models import ActionFeedback, ActionOrigin, LetterAction

from .helpers import CHASE, CHECK, CLINIC_LETTER, MISSED, START, make_letter

QUIET_LETTER = (
    "Northgate Hospitals NHS Trust\n\nDear Dr Hale\n\nI saw Mr Osei today. He is well. I have discharged him.\n"
)
ROUTINE_LETTER = "Dear Dr Hale\n\nI saw Mr Lund today.\n\nPlease check his U&Es in two weeks.\n\nYours sincerely\n"


def test_the_inbox_puts_inappropriate_requests_first_then_any_action_then_newest(icb, actor_for) -> None:
    practice, trust = icb.practices[0], icb.trusts[0]
    now = timezone.now()
    quiet_newest = make_letter(practice, trust, text=QUIET_LETTER, received_at=now)
    routine = make_letter(practice, trust, text=ROUTINE_LETTER, received_at=now - datetime.timedelta(hours=1))
    urgent_old = make_letter(practice, trust, received_at=now - datetime.timedelta(days=3))
    urgent_new = make_letter(practice, trust, received_at=now - datetime.timedelta(days=1))
    quiet_old = make_letter(practice, trust, text=QUIET_LETTER, received_at=now - datetime.timedelta(days=5))
    waiting = make_letter(practice, trust, read=False, received_at=now - datetime.timedelta(minutes=5))
    filed = make_letter(practice, trust, received_at=now)
    services.file_letter(actor=actor_for("gp_clinician"), letter_id=filed.id, expected_version=1, file_unanswered=True)
    make_letter(icb.practices[1], trust)  # another practice's

    shown = list(selectors.inbox(actor_for("gp_clinician")))
    assert [letter.id for letter in shown] == [
        urgent_new.id,
        urgent_old.id,
        routine.id,
        quiet_newest.id,
        waiting.id,
        quiet_old.id,
    ]
    assert [letter.id for letter in selectors.inbox(actor_for("gp_clinician"), which="filed")] == [filed.id]
    assert len(selectors.inbox(actor_for("gp_clinician"), which="all")) == 7
    assert {letter.id for letter in selectors.inbox(actor_for("gp_clinician"), with_actions=True)} == {
        urgent_new.id,
        urgent_old.id,
        routine.id,
    }
    assert selectors.new_letter_count(actor_for("practice_admin")) == 6


def test_a_letter_of_another_practice_is_not_found(icb, actor_for) -> None:
    theirs = make_letter(icb.practices[1], icb.trusts[0])
    with pytest.raises(Http404):
        selectors.letter_for(actor_for("gp_clinician"), theirs.id)


def test_the_inbox_is_refused_to_roles_outside_practices(icb, actor_for) -> None:
    from django.core.exceptions import PermissionDenied

    for role in ("consultant", "icb_analyst", "system_admin"):
        with pytest.raises(PermissionDenied):
            selectors.inbox(actor_for(role))


def test_each_action_is_marked_exactly_over_its_words(icb) -> None:
    letter = make_letter(icb.practices[0], icb.trusts[0])
    marked = presenters.mark_actions(letter.text, selectors.actions_of(letter))
    assert "".join(segment.text for segment in marked.segments) == CLINIC_LETTER
    highlighted = [(segment.text, segment.number) for segment in marked.segments if segment.action]
    assert highlighted == [(CHASE, 1), (CHECK, 2), (START, 3)]
    for segment in marked.segments:
        assert CLINIC_LETTER[segment.start : segment.start + len(segment.text)] == segment.text
    assert marked.unplaced == []


def test_each_highlight_says_its_number_and_verdict_in_words(icb) -> None:
    """A screen reader hears the verdict before the words: colour is not the only carrier (issue 17)."""
    letter = make_letter(icb.practices[0], icb.trusts[0])
    marked = presenters.mark_actions(letter.text, selectors.actions_of(letter))
    assert [(s.label, s.verdict) for s in marked.segments if s.action] == [
        ("Request 1: inappropriate, test results left to the GP", "inappropriate"),
        ("Request 2: for the practice, monitoring", "for the practice"),
        ("Request 3: for the practice, medication", "for the practice"),
    ]
    assert {(s.label, s.verdict) for s in marked.segments if not s.action} == {("", "")}


def test_an_action_whose_offsets_miss_its_words_is_listed_not_highlighted(icb) -> None:
    letter = make_letter(icb.practices[0], icb.trusts[0])
    LetterAction.objects.filter(quote=CHECK).update(start=0, end=len(CHECK))
    marked = presenters.mark_actions(letter.text, selectors.actions_of(letter))
    assert [segment.text for segment in marked.segments if segment.action] == [CHASE, START]
    assert [action.quote for action in marked.unplaced] == [CHECK]


def test_overlapping_actions_never_repeat_text(icb) -> None:
    letter = make_letter(icb.practices[0], icb.trusts[0])
    chase = letter.actions.get(quote=CHASE)
    inner = "chase the CT chest result"
    start = CLINIC_LETTER.index(inner)
    LetterAction.objects.create(
        letter=letter,
        origin=ActionOrigin.PRACTICE,
        quote=CLINIC_LETTER[start : chase.end + 5],
        start=start,
        end=chase.end + 5,
        category="results",
        verdict="inappropriate",
    )
    marked = presenters.mark_actions(letter.text, selectors.actions_of(letter))
    assert "".join(segment.text for segment in marked.segments) == CLINIC_LETTER


def _label(action: LetterAction, outcome: str, person, when: datetime.datetime) -> None:  # type: ignore[no-untyped-def]
    ActionFeedback.objects.create(action=action, outcome=outcome, given_by=person, given_at=when)


def test_accuracy_figures_from_known_labelled_data(icb, actor_for) -> None:
    gp = actor_for("gp_clinician")
    march = datetime.datetime(2026, 3, 10, 12, tzinfo=datetime.UTC)
    april = datetime.datetime(2026, 4, 10, 12, tzinfo=datetime.UTC)
    first = make_letter(icb.practices[0], icb.trusts[0])
    second = make_letter(icb.practices[0], icb.trusts[0])
    # March: two right (done, not for us), one not an action, one wrong verdict; one missed action.
    _label(first.actions.get(quote=CHASE), "done", gp.person, march)
    _label(first.actions.get(quote=CHECK), "not_for_us", gp.person, march)
    _label(first.actions.get(quote=START), "not_an_action", gp.person, march)
    _label(second.actions.get(quote=CHASE), "wrong_verdict", gp.person, march)
    missed = services.add_missed_action(
        actor=gp, letter_id=first.id, quote=MISSED, category="monitoring", verdict="appropriate"
    )
    LetterAction.objects.filter(id=missed.id).update(created_at=march)
    # April: one right, one wrong category; the practice's own action answered "done" is not a reader answer.
    _label(second.actions.get(quote=CHECK), "done", gp.person, april)
    _label(second.actions.get(quote=START), "wrong_category", gp.person, april)
    _label(missed, "done", gp.person, april)
    # Another practice's answers count only ICB-wide.
    theirs = make_letter(icb.practices[1], icb.trusts[0])
    _label(theirs.actions.get(quote=CHASE), "not_an_action", gp.person, april)

    months = selectors.accuracy_by_month(gp)
    assert [m.month for m in months] == [datetime.date(2026, 4, 1), datetime.date(2026, 3, 1)]
    april_figures, march_figures = months
    assert (march_figures.right, march_figures.wrong, march_figures.missed) == (2, 2, 1)
    assert (march_figures.not_an_action, march_figures.wrong_verdict) == (1, 1)
    assert march_figures.accuracy == pytest.approx(2 / 5)
    assert march_figures.precision == pytest.approx(3 / 4)  # one of four was not a request
    assert march_figures.recall == pytest.approx(3 / 4)  # three real requests found, one missed
    assert (april_figures.right, april_figures.wrong_category, april_figures.missed) == (1, 1, 0)
    assert april_figures.accuracy == pytest.approx(1 / 2)
    assert april_figures.recall == pytest.approx(1.0)

    icb_april = selectors.accuracy_by_month(actor_for("icb_analyst"))[0]
    assert (icb_april.right, icb_april.not_an_action, icb_april.wrong_category) == (1, 1, 1)
    assert icb_april.precision == pytest.approx(2 / 3)


def test_no_answers_gives_no_figures_rather_than_zero(icb, actor_for) -> None:
    make_letter(icb.practices[0], icb.trusts[0])
    assert selectors.accuracy_by_month(actor_for("gp_clinician")) == []
    empty = selectors.MonthAccuracy(datetime.date(2026, 1, 1))
    assert (empty.accuracy, empty.precision, empty.recall) == (None, None, None)
