"""Practice answers as data: a period's fully answered letters as annotated records (GUIDELINES.md format).

The practice's answers are the gold, so ``python -m joinedup.letters.reader --evaluate FILE`` measures
the reader on a deployment's own letters (decision 0021):

- "done" or "not for us" on a reader action: the reader read it right (as the inbox counts it), so the
  gold is the action as the reader gave it: category, verdict and rule;
- "wrong: not an action": no gold (the reader's action becomes a false positive);
- "wrong: wrong verdict": the gold has the other verdict (a flag the practice rejected becomes a false
  flag; an unflagged request the practice says breaks the contract becomes a missed flag, rule unknown);
- "wrong: wrong category": the gold category is ``unknown`` (the practice said which it is not, not
  which it is), so the matched action counts against category accuracy and nothing else;
- an action the practice added (the reader missed it): gold as the practice marked it.

Only letters whose every reader action has an answer are exported, and a letter with no reader action
only once the practice has filed it (so "nothing to do" was confirmed). The export names the letter
by its id, not the patient, but the text is the letter's own: it is patient data, and recorded as such.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Count, Q

from joinedup.audit import services as audit

from ..models import ActionOrigin, FeedbackOutcome, Letter, LetterAction

UNKNOWN_CATEGORY = "unknown"


def _gold(action: LetterAction, outcome: str | None) -> dict[str, Any] | None:
    entry: dict[str, Any] = {
        "quote": action.quote,
        "category": action.category,
        "verdict": action.verdict,
        "rule": action.rule or None,
    }
    if action.origin == ActionOrigin.PRACTICE:
        entry["answer"] = "missed"
    elif outcome == FeedbackOutcome.NOT_AN_ACTION:
        return None
    elif outcome == FeedbackOutcome.WRONG_VERDICT:
        flagged = action.verdict == "inappropriate"
        entry.update(verdict="appropriate" if flagged else "inappropriate", rule=None, answer=outcome)
    elif outcome == FeedbackOutcome.WRONG_CATEGORY:
        entry.update(category=UNKNOWN_CATEGORY, answer=outcome)
    else:
        entry["answer"] = outcome
    if entry["verdict"] != "inappropriate":
        entry["rule"] = None
    return entry


def answered_letters(since: datetime.date, until: datetime.date, practice_ods: str | None = None) -> list[Letter]:
    """Letters received from ``since`` to ``until`` (inclusive) that the practice has fully answered."""
    letters = (
        Letter.objects.filter(received_at__date__gte=since, received_at__date__lte=until)
        .annotate(
            unanswered=Count("actions", filter=Q(actions__origin=ActionOrigin.READER, actions__feedback__isnull=True)),
            all_actions=Count("actions"),
        )
        .filter(unanswered=0)
        .filter(Q(all_actions__gt=0) | Q(filed_at__isnull=False))
        .select_related("practice", "service")
        .order_by("received_at", "id")
    )
    if practice_ods:
        letters = letters.filter(practice__ods_code=practice_ods)
    return list(letters)


def letter_record(letter: Letter) -> dict[str, Any]:
    actions = LetterAction.objects.filter(letter=letter).select_related("feedback").order_by("start", "id")
    gold = []
    for action in actions:
        feedback = action.feedback if hasattr(action, "feedback") else None
        entry = _gold(action, feedback.outcome if feedback else None)
        if entry is not None:
            gold.append(entry)
    return {
        "id": f"letter-{letter.id}",
        "doc_type": letter.kind,
        "specialty": letter.service.name if letter.service else "",
        "event_date": letter.event_at.date().isoformat(),
        "sent_date": (letter.sent_at or letter.received_at).date().isoformat(),
        "practice": letter.practice.ods_code,
        "reader_version": letter.reader_version,
        "text": letter.text,
        "gold": gold,
    }


def export_answered_letters(
    since: datetime.date, until: datetime.date, practice_ods: str | None = None, *, destination: str = ""
) -> list[dict[str, Any]]:
    """The records, with one audit event saying who took which letters out (run by an operator)."""
    with transaction.atomic():
        letters = answered_letters(since, until, practice_ods)
        records = [letter_record(letter) for letter in letters]
        audit.record_system(
            process="JoinedUp answered-letters export",
            action="letters.answered_exported",
            details={
                "since": since.isoformat(),
                "until": until.isoformat(),
                "practice": practice_ods or "",
                "letters": [letter.id for letter in letters][:1000],
                "count": len(letters),
                "destination": destination[:200],
            },
        )
    return records
