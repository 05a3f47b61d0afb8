"""Feedback, missed actions and filing: the rules each write keeps."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from joinedup.audit.models import AuditEvent
from joinedup.letters.inbox import services
from joinedup.letters.models import ActionFeedback, ActionOrigin, LetterAction

from .helpers import CHASE, CHECK, CLINIC_LETTER, MISSED, make_letter


@pytest.fixture
def letter(icb):
    return make_letter(icb.practices[0], icb.trusts[0])


def _action(letter, quote: str) -> LetterAction:
    return letter.actions.get(quote=quote)


def test_not_for_us_needs_a_reason(letter, actor_for) -> None:
    gp = actor_for("gp_clinician")
    action = _action(letter, CHECK)
    with pytest.raises(ValidationError) as refused:
        services.give_feedback(actor=gp, letter_id=letter.id, action_id=action.id, outcome="not_for_us", note="  ")
    assert "note" in refused.value.error_dict
    assert not ActionFeedback.objects.exists()
    services.give_feedback(
        actor=gp, letter_id=letter.id, action_id=action.id, outcome="not_for_us", note="Renal team are doing it"
    )
    assert ActionFeedback.objects.get().note == "Renal team are doing it"


def test_an_unknown_outcome_is_refused(letter, actor_for) -> None:
    action = _action(letter, CHECK)
    with pytest.raises(ValidationError) as refused:
        services.give_feedback(actor=actor_for("gp_clinician"), letter_id=letter.id, action_id=action.id, outcome="meh")
    assert "outcome" in refused.value.error_dict


def test_changing_an_answer_keeps_the_latest_and_audits_both(letter, actor_for) -> None:
    gp, admin = actor_for("gp_clinician"), actor_for("practice_admin")
    action = _action(letter, CHASE)
    services.give_feedback(actor=gp, letter_id=letter.id, action_id=action.id, outcome="done")
    services.give_feedback(
        actor=admin, letter_id=letter.id, action_id=action.id, outcome="wrong_verdict", note="We agreed to chase"
    )
    answer = ActionFeedback.objects.get(action=action)
    assert (answer.outcome, answer.note, answer.given_by) == ("wrong_verdict", "We agreed to chase", admin.person)
    audits = AuditEvent.objects.filter(action="letter.action_feedback").order_by("id")
    assert [(a.details["outcome"], a.details["previous"]) for a in audits] == [
        ("done", ""),
        ("wrong_verdict", "done"),
    ]
    assert audits[0].patient_nhs_number == letter.patient.nhs_number


def test_another_practice_cannot_answer_or_file(icb, actor_for) -> None:
    theirs = make_letter(icb.practices[1], icb.trusts[0])
    gp = actor_for("gp_clinician")  # at practice 0
    action = theirs.actions.earliest("start")
    with pytest.raises(Http404):
        services.give_feedback(actor=gp, letter_id=theirs.id, action_id=action.id, outcome="done")
    with pytest.raises(Http404):
        services.file_letter(actor=gp, letter_id=theirs.id, expected_version=theirs.version, file_unanswered=True)
    with pytest.raises(Http404):
        services.add_missed_action(
            actor=gp, letter_id=theirs.id, quote=MISSED, category="monitoring", verdict="appropriate"
        )


def test_an_action_from_one_letter_cannot_be_answered_through_another(icb, letter, actor_for) -> None:
    other = make_letter(icb.practices[0], icb.trusts[0])
    with pytest.raises(Http404):
        services.give_feedback(
            actor=actor_for("gp_clinician"), letter_id=other.id, action_id=letter.actions.first().id, outcome="done"
        )


def test_a_selection_is_stored_at_its_offsets_and_counts_as_a_miss(letter, actor_for) -> None:
    start = CLINIC_LETTER.index(MISSED)
    # A selection drags a space along at each end: the highlight covers the words only.
    action = services.add_missed_action(
        actor=actor_for("gp_clinician"),
        letter_id=letter.id,
        quote=" " + MISSED + "\n",
        start=start - 1,
        end=start + len(MISSED) + 1,
        category="monitoring",
        verdict="appropriate",
    )
    assert (action.start, action.end, action.quote, action.origin) == (
        start,
        start + len(MISSED),
        MISSED,
        ActionOrigin.PRACTICE,
    )
    letter.refresh_from_db()
    assert letter.action_count == 4
    assert letter.version == 2  # someone about to file it is told it changed


def test_pasted_words_are_found_in_the_text(letter, actor_for) -> None:
    action = services.add_missed_action(
        actor=actor_for("gp_clinician"), letter_id=letter.id, quote=MISSED, category="monitoring", verdict="appropriate"
    )
    assert CLINIC_LETTER[action.start : action.end] == MISSED


def test_offsets_that_do_not_hold_the_quote_fall_back_to_a_search(letter, actor_for) -> None:
    action = services.add_missed_action(
        actor=actor_for("gp_clinician"),
        letter_id=letter.id,
        quote=MISSED,
        start=0,
        end=10,
        category="monitoring",
        verdict="appropriate",
    )
    assert CLINIC_LETTER[action.start : action.end] == MISSED


@pytest.mark.parametrize(
    ("quote", "message"),
    [
        ("She must stop smoking today.", "not in the letter"),
        ("Please", "in the letter 3 times"),
        ("", "Select or paste"),
    ],
)
def test_pasted_words_not_found_or_ambiguous_are_refused_clearly(letter, actor_for, quote, message) -> None:
    with pytest.raises(ValidationError) as refused:
        services.add_missed_action(
            actor=actor_for("gp_clinician"), letter_id=letter.id, quote=quote, category="admin", verdict="appropriate"
        )
    assert message in refused.value.error_dict["quote"][0].message
    assert not letter.actions.filter(origin=ActionOrigin.PRACTICE).exists()


def test_an_inappropriate_missed_action_needs_its_rule(letter, actor_for) -> None:
    gp = actor_for("gp_clinician")
    with pytest.raises(ValidationError) as refused:
        services.add_missed_action(
            actor=gp, letter_id=letter.id, quote=MISSED, category="monitoring", verdict="inappropriate"
        )
    assert set(refused.value.error_dict) == {"rule"}
    action = services.add_missed_action(
        actor=gp,
        letter_id=letter.id,
        quote=MISSED,
        category="monitoring",
        verdict="inappropriate",
        rule="provider_follow_up",
    )
    letter.refresh_from_db()
    assert action.rule == "provider_follow_up"
    assert letter.inappropriate_count == 2  # the inbox now ranks it by both


def test_words_already_marked_are_not_added_twice(letter, actor_for) -> None:
    with pytest.raises(ValidationError) as refused:
        services.add_missed_action(
            actor=actor_for("gp_clinician"),
            letter_id=letter.id,
            quote=CHECK,
            category="monitoring",
            verdict="appropriate",
        )
    assert "already marked" in refused.value.error_dict["quote"][0].message


def test_a_practice_added_action_cannot_be_called_a_reader_mistake(letter, actor_for) -> None:
    gp = actor_for("gp_clinician")
    action = services.add_missed_action(
        actor=gp, letter_id=letter.id, quote=MISSED, category="monitoring", verdict="appropriate"
    )
    with pytest.raises(ValidationError):
        services.give_feedback(actor=gp, letter_id=letter.id, action_id=action.id, outcome="not_an_action")
    services.give_feedback(actor=gp, letter_id=letter.id, action_id=action.id, outcome="done")


def test_filing_twice_is_refused_and_applied_once(letter, actor_for) -> None:
    gp, admin = actor_for("gp_clinician"), actor_for("practice_admin")
    services.file_letter(actor=gp, letter_id=letter.id, expected_version=1, file_unanswered=True)
    with pytest.raises(services.StaleAction, match="already filed"):
        services.file_letter(actor=admin, letter_id=letter.id, expected_version=1, file_unanswered=True)
    letter.refresh_from_db()
    assert letter.filed_by == gp.person and letter.version == 2
    assert AuditEvent.objects.filter(action="letter.filed").count() == 1


def test_filing_a_letter_that_changed_since_it_was_opened_is_refused(letter, actor_for) -> None:
    gp = actor_for("gp_clinician")
    services.add_missed_action(
        actor=gp, letter_id=letter.id, quote=MISSED, category="monitoring", verdict="appropriate"
    )
    with pytest.raises(services.StaleAction, match="changed"):
        services.file_letter(actor=gp, letter_id=letter.id, expected_version=1, file_unanswered=True)
    letter.refresh_from_db()
    assert letter.filed_at is None


def test_words_across_a_line_break_are_found_in_a_letter_with_crlf_line_endings(icb, actor_for) -> None:
    text = CLINIC_LETTER.replace("\n", "\r\n")
    letter = make_letter(icb.practices[0], icb.trusts[0], text=text)
    pasted = "Her blood pressure was 156/94 mmHg. Home BP readings over the next month would help.\nI will see her"
    action = services.add_missed_action(
        actor=actor_for("gp_clinician"), letter_id=letter.id, quote=pasted, category="monitoring", verdict="appropriate"
    )
    assert text[action.start : action.end] == pasted.replace("\n", "\r\n")
    assert action.quote == text[action.start : action.end]  # stored as the letter has it, so it is highlighted


def test_filing_with_requests_unanswered_needs_the_person_to_say_so(icb, actor_for) -> None:
    """Issue 12, bug 13: a letter could be filed with its requests unanswered, without a word."""
    gp = actor_for("gp_clinician")
    letter = make_letter(icb.practices[0], icb.trusts[0])
    with pytest.raises(ValidationError, match="3 requests have no answer yet"):
        services.file_letter(actor=gp, letter_id=letter.id, expected_version=letter.version)
    letter.refresh_from_db()
    assert letter.filed_at is None
    for action in LetterAction.objects.filter(letter=letter):
        services.give_feedback(actor=gp, letter_id=letter.id, action_id=action.id, outcome="done")
    letter.refresh_from_db()
    filed = services.file_letter(actor=gp, letter_id=letter.id, expected_version=letter.version)
    assert filed.filed_at is not None  # all answered: no confirmation needed
