"""Each reading records the reader version; a newer version re-reads only letters no one has answered."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from joinedup.letters import reading
from joinedup.letters.inbox import services
from joinedup.letters.inbox.tests.helpers import CHECK, MISSED, make_letter
from joinedup.letters.models import ActionFeedback, ActionOrigin, Letter, LetterAction
from joinedup.letters.reader import READER_VERSION


def _age(letter: Letter, version: int = READER_VERSION - 1) -> None:
    """As if an older reader had read it: its version, and one action that reader found and this one does not."""
    Letter.objects.filter(id=letter.id).update(reader_version=version)
    LetterAction.objects.create(
        letter=letter,
        origin=ActionOrigin.READER,
        quote="Yours sincerely",
        start=0,
        end=15,
        category="admin",
        verdict="appropriate",
    )


def _quotes(letter: Letter) -> set[str]:
    return set(LetterAction.objects.filter(letter=letter).values_list("quote", flat=True))


@pytest.mark.django_db
def test_a_reading_records_the_reader_version(icb) -> None:
    letter = make_letter(icb.practices[0], icb.trusts[0])
    assert letter.reader_version == READER_VERSION
    assert Letter.objects.get(id=letter.id).reader_version == READER_VERSION
    unread = make_letter(icb.practices[0], icb.trusts[0], read=False)
    assert unread.reader_version == 0


@pytest.mark.django_db
def test_a_new_version_rereads_unanswered_letters_once(icb) -> None:
    letter = make_letter(icb.practices[0], icb.trusts[0])
    fresh = _quotes(letter)
    _age(letter)
    assert "Yours sincerely" in _quotes(letter)
    assert reading.stale_unanswered_letters() == [letter.id]
    assert reading.reread_stale_letters() == 1
    letter.refresh_from_db()
    assert letter.reader_version == READER_VERSION
    assert _quotes(letter) == fresh  # the old reader's action is gone, the current reader's are there
    ids = set(LetterAction.objects.filter(letter=letter).values_list("id", flat=True))
    # Idempotent: a second sweep (or the command) finds nothing to do and changes nothing.
    assert reading.reread_stale_letters() == 0
    call_command("reread_letters", verbosity=0)
    assert set(LetterAction.objects.filter(letter=letter).values_list("id", flat=True)) == ids


@pytest.mark.django_db
def test_answered_added_to_or_filed_letters_keep_their_reading(icb, actor_for) -> None:
    gp = actor_for("gp_clinician")
    practice, trust = icb.practices[0], icb.trusts[0]
    partly = make_letter(practice, trust)
    added = make_letter(practice, trust)
    filed = make_letter(practice, trust)
    untouched = make_letter(practice, trust)
    services.give_feedback(actor=gp, letter_id=partly.id, action_id=partly.actions.get(quote=CHECK).id, outcome="done")
    services.add_missed_action(actor=gp, letter_id=added.id, quote=MISSED, category="monitoring", verdict="appropriate")
    Letter.objects.filter(id=filed.id).update(filed_at=filed.received_at)
    for letter in (partly, added, filed, untouched):
        _age(letter)
    before = {letter.id: _quotes(letter) for letter in (partly, added, filed)}
    assert reading.stale_unanswered_letters() == [untouched.id]
    call_command("reread_letters", verbosity=0)
    for letter in (partly, added, filed):
        letter.refresh_from_db()
        assert letter.reader_version == READER_VERSION - 1
        assert _quotes(letter) == before[letter.id]
    assert ActionFeedback.objects.get().action.letter_id == partly.id
    untouched.refresh_from_db()
    assert untouched.reader_version == READER_VERSION
    assert "Yours sincerely" not in _quotes(untouched)


@pytest.mark.django_db
def test_an_answer_given_after_the_sweep_listed_the_letter_wins(icb, actor_for) -> None:
    letter = make_letter(icb.practices[0], icb.trusts[0])
    _age(letter)
    listed = reading.stale_unanswered_letters()
    services.give_feedback(
        actor=actor_for("gp_clinician"),
        letter_id=letter.id,
        action_id=letter.actions.get(quote=CHECK).id,
        outcome="done",
    )
    assert [reading.reread_letter(letter_id) for letter_id in listed] == [False]
    assert "Yours sincerely" in _quotes(letter)
