"""Synthetic practice answers on seeded letters, so the demo's inbox and accuracy page have figures.

Runs after intake's seed has stored letters and the reader has read them; with no read letters it
does nothing. Answers are drawn with fixed weights (mostly "done"), dated a few days after the
letter arrived; a few letters get an action "missed by the reader" added by the practice, where a sentence that reads
as a task is one the reader did not list (with the demo's letters and today's reader there may be none).
"""

from __future__ import annotations

import datetime
import random
import re

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from joinedup.directory.access import PRACTICE_ROLES
from joinedup.directory.models import RoleAssignment
from joinedup.letters.models import ActionFeedback, ActionOrigin, FeedbackOutcome, Letter, LetterAction, ReadingState

OUTCOME_WEIGHTS = {
    FeedbackOutcome.DONE: 70,
    FeedbackOutcome.NOT_FOR_US: 10,
    FeedbackOutcome.NOT_AN_ACTION: 8,
    FeedbackOutcome.WRONG_CATEGORY: 7,
    FeedbackOutcome.WRONG_VERDICT: 5,
}
NOT_FOR_US_REASONS = [
    "The community nursing team is doing this",
    "Patient has moved away from the practice",
    "Already done at the hospital before discharge",
]
ANSWERED_SHARE = 0.75
MISSED_SHARE = 0.12
_SENTENCE = re.compile(r"[A-Z][^.\n]{20,160}\.")
# a practice adds what reads as a task the reader did not list, not any sentence ("Weight is stable at home.")
_READS_AS_A_TASK = re.compile(
    r"\b(?:please|pls|gp\s+to|practice\s+to|could\s+you|would\s+you|grateful|kindly|would\s+(?:help|be\s+helpful|benefit)|"
    r"needs?|should)\b",
    re.I,
)


def seed_feedback(*, rng: random.Random, limit: int) -> int:
    """Answers on the reader's actions in up to ``limit`` recent read letters; returns how many."""
    staff = dict(
        RoleAssignment.objects.filter(role__in=PRACTICE_ROLES, organisation__kind="gp_practice").values_list(
            "organisation_id", "person_id"
        )
    )
    letters = list(
        Letter.objects.filter(reading_state=ReadingState.READ, action_count__gt=0, practice_id__in=list(staff))
        .order_by("-received_at")[:limit]
        .prefetch_related("actions")
    )
    now = timezone.now()
    answers: list[ActionFeedback] = []
    missed: list[LetterAction] = []
    outcomes, weights = list(OUTCOME_WEIGHTS), list(OUTCOME_WEIGHTS.values())
    for letter in letters:
        person_id = staff[letter.practice_id]
        answered_at = min(letter.received_at + datetime.timedelta(days=rng.randint(0, 5)), now)
        for action in letter.actions.all():
            if action.origin != ActionOrigin.READER or rng.random() > ANSWERED_SHARE:
                continue
            outcome = rng.choices(outcomes, weights)[0]
            note = rng.choice(NOT_FOR_US_REASONS) if outcome == FeedbackOutcome.NOT_FOR_US else ""
            answers.append(
                ActionFeedback(action=action, outcome=outcome, note=note, given_by_id=person_id, given_at=answered_at)
            )
        if rng.random() < MISSED_SHARE:
            extra = _missed_action(letter, rng, person_id, answered_at)
            if extra is not None:
                missed.append(extra)
    with transaction.atomic():
        ActionFeedback.objects.bulk_create(answers, ignore_conflicts=True)
        LetterAction.objects.bulk_create(missed)
        _recount({action.letter_id for action in missed})
    return len(answers)


def _missed_action(letter: Letter, rng: random.Random, person_id: int, at: datetime.datetime) -> LetterAction | None:
    """A sentence of the letter that reads as a task and that no action covers, appearing once, as if the practice found
    it (none when the reader listed every such sentence)."""
    taken = [(action.start, action.end) for action in letter.actions.all()]
    candidates = [
        match
        for match in _SENTENCE.finditer(letter.text)
        if letter.text.count(match.group()) == 1
        and _READS_AS_A_TASK.search(match.group())
        and not any(match.start() < end and start < match.end() for start, end in taken)
    ]
    if not candidates:
        return None
    match = rng.choice(candidates)
    return LetterAction(
        letter=letter,
        origin=ActionOrigin.PRACTICE,
        quote=match.group(),
        start=match.start(),
        end=match.end(),
        category=rng.choice(["admin", "monitoring", "follow_up"]),
        verdict="appropriate",
        reason="Added by the practice: the reader missed it.",
        added_by_id=person_id,
        created_at=at,
    )


def _recount(letter_ids: set[int]) -> None:
    counts = Letter.objects.filter(id__in=letter_ids).annotate(
        n=Count("actions"), bad=Count("actions", filter=Q(actions__verdict="inappropriate"))
    )
    for letter in counts:
        letter.action_count, letter.inappropriate_count = letter.n, letter.bad
    Letter.objects.bulk_update(counts, ["action_count", "inappropriate_count"])
