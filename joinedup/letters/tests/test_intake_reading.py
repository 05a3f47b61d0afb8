"""store_reading: the reader's actions are stored; reading again keeps what the practice added or judged."""

from __future__ import annotations

from django.test import override_settings

from joinedup.demo.directory import SeededDirectory
from joinedup.letters.intake import services
from joinedup.letters.models import (
    ActionFeedback,
    ActionOrigin,
    FeedbackOutcome,
    Letter,
    LetterAction,
    ReadingState,
)
from joinedup.letters.reading import store_reading

from .intake_helpers import letter_bytes, register_patient


def stored_letter(icb: SeededDirectory) -> Letter:
    register_patient(icb)
    letter = services.take_in_mesh_message(content=letter_bytes(icb), mesh_message_id="R1").letter
    assert letter is not None
    return letter


def test_reading_stores_the_actions_with_exact_quotes(icb: SeededDirectory) -> None:
    letter = store_reading(stored_letter(icb).id)
    assert letter.reading_state == ReadingState.READ and letter.read_at is not None
    actions = list(letter.actions.all())
    assert actions and all(letter.text[a.start : a.end] == a.quote for a in actions)
    assert letter.inappropriate_count == sum(a.verdict == "inappropriate" for a in actions)
    assert any(a.rule == "test_results" for a in actions)  # "GP to follow up the blood cultures"


def test_reading_again_keeps_practice_actions_and_feedback(icb: SeededDirectory, actor_for) -> None:
    letter = store_reading(stored_letter(icb).id)
    gp = actor_for("gp_clinician").person
    judged = letter.actions.first()
    assert judged is not None
    ActionFeedback.objects.create(action=judged, outcome=FeedbackOutcome.DONE, given_by=gp)
    added = LetterAction.objects.create(
        letter=letter,
        origin=ActionOrigin.PRACTICE,
        quote="Community acquired pneumonia.",
        start=letter.text.index("Community"),
        end=letter.text.index("Community") + 29,
        category="other",
        verdict="appropriate",
        added_by=gp,
    )
    before = letter.actions.count()

    again = store_reading(letter.id)

    assert LetterAction.objects.filter(id__in=[judged.id, added.id]).count() == 2  # same rows, not copies
    assert ActionFeedback.objects.filter(action=judged).exists()
    assert again.actions.filter(start=judged.start, end=judged.end).count() == 1
    assert again.actions.count() == before == again.action_count


def test_a_letter_without_text_is_marked_so_and_a_huge_one_fails_loudly(icb: SeededDirectory) -> None:
    letter = stored_letter(icb)
    Letter.objects.filter(id=letter.id).update(text="  ")
    assert store_reading(letter.id).reading_state == ReadingState.NO_TEXT
    Letter.objects.filter(id=letter.id).update(text="Plan: GP to review. " * 120_000)
    failed = store_reading(letter.id)
    assert failed.reading_state == ReadingState.FAILED and failed.reading_error


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}})
def test_the_reading_task_reads_the_letter(icb: SeededDirectory) -> None:
    from joinedup.letters.intake.tasks import read_letter

    letter = stored_letter(icb)
    result = read_letter.enqueue(letter.id)
    assert result.return_value == ReadingState.READ
