"""The demo's synthetic answers: valid, placed where their words are, and counted by the accuracy page."""

from __future__ import annotations

import random

from joinedup.demo.letter_feedback import seed_feedback
from joinedup.letters.inbox import selectors
from joinedup.letters.inbox.tests.helpers import MISSED, make_letter
from joinedup.letters.models import ActionFeedback, ActionOrigin, FeedbackOutcome, LetterAction


def test_seeded_answers_are_valid_and_counted(icb, actor_for) -> None:
    letters = [make_letter(icb.practices[0], icb.trusts[0]) for _ in range(12)]
    answered = seed_feedback(rng=random.Random(3), limit=50)
    assert answered == ActionFeedback.objects.count() > 0
    assert set(ActionFeedback.objects.values_list("outcome", flat=True)) <= set(FeedbackOutcome.values)
    assert not ActionFeedback.objects.filter(outcome=FeedbackOutcome.NOT_FOR_US, note="").exists()
    for added in LetterAction.objects.filter(origin=ActionOrigin.PRACTICE).select_related("letter"):
        assert added.letter.text[added.start : added.end] == added.quote
        added.letter.refresh_from_db()
        assert added.letter.action_count == added.letter.actions.count()
    months = selectors.accuracy_by_month(actor_for("gp_clinician"))
    assert sum(m.labelled for m in months) == answered
    practice_added = LetterAction.objects.filter(origin=ActionOrigin.PRACTICE)
    assert practice_added.exists()  # this seed adds at least one
    # (only what reads as a task: the test letter's one such sentence the reader does not find)
    assert set(practice_added.values_list("quote", flat=True)) == {MISSED}
    assert len(letters) == 12


def test_with_no_read_letters_it_does_nothing(icb) -> None:
    make_letter(icb.practices[0], icb.trusts[0], read=False)
    assert seed_feedback(rng=random.Random(3), limit=50) == 0
