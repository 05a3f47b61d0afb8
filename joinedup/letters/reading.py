"""Reading a stored letter: run the reader on its text and keep what it found.

Called from background work (``intake.tasks``), never in a web request or in MESH intake
itself, so a slow letter never holds up the next one. Reading again replaces the reader's
earlier actions (a new reader version) but never touches the practice's own additions or
anything the practice has already given feedback on.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from joinedup.audit import services as audit

from .models import ActionFeedback, ActionOrigin, Letter, LetterAction, ReadingState
from .reader import READER_VERSION
from .reader.engine import LetterTooLarge, read_letter


def store_reading(letter_id: int, *, only_if_waiting: bool = False) -> Letter:
    """Reads the letter and stores what was found; with ``only_if_waiting``, a letter already read is left as it is.

    Background work passes ``only_if_waiting``: a reading task that runs twice (its worker was
    killed after the reading committed, or a sweep queued it again) reads the letter once.
    """
    with transaction.atomic():
        letter = Letter.objects.select_for_update().select_related("patient").get(pk=letter_id)
        if only_if_waiting and letter.reading_state != ReadingState.WAITING:
            return letter
        if not letter.text.strip():
            letter.reading_state = ReadingState.NO_TEXT
            letter.save(update_fields=["reading_state"])
            return letter
        try:
            found = read_letter(letter.text, letter.kind)
        except LetterTooLarge as error:
            letter.reading_state = ReadingState.FAILED
            letter.reading_error = str(error)[:300]
            letter.save(update_fields=["reading_state", "reading_error"])
            return letter
        # Kept: the practice's own actions, and reader actions the practice has given feedback on.
        existing = list(
            LetterAction.objects.filter(letter=letter).values_list(
                "id", "origin", "start", "end", "verdict", "feedback"
            )
        )
        kept = [row for row in existing if row[1] != ActionOrigin.READER or row[5] is not None]
        kept_spans = {(start, end) for _, _, start, end, _, _ in kept}
        replaced = [row[0] for row in existing if row[1] == ActionOrigin.READER and row[5] is None]
        if replaced:
            LetterAction.objects.filter(id__in=replaced).delete()
        found_new = [
            LetterAction(
                letter=letter,
                origin=ActionOrigin.READER,
                quote=action.quote,
                start=action.start,
                end=action.end,
                category=action.category,
                verdict=action.verdict,
                rule=action.rule or "",
                reason=action.reason,
            )
            for action in sorted(found, key=lambda action: (action.start, action.end))
            if (action.start, action.end) not in kept_spans
        ]
        # The first ones, in the letter's order, up to the cap; the page says how many more there were.
        room = max(0, settings.LETTER_MAX_READER_ACTIONS - len(kept))
        new = found_new[:room]
        LetterAction.objects.bulk_create(new)
        letter.reader_actions_left_out = len(found_new) - len(new)
        letter.action_count = len(kept) + len(new)
        letter.inappropriate_count = sum(row[4] == "inappropriate" for row in kept) + sum(
            action.verdict == "inappropriate" for action in new
        )
        letter.reading_state = ReadingState.READ
        letter.reading_error = ""
        letter.read_at = timezone.now()
        letter.reader_version = READER_VERSION
        audit.record_system(
            process="JoinedUp letter reader",
            action="letter.read",
            obj=letter,
            patient_nhs_number=letter.patient.nhs_number,
            details={
                "actions": letter.action_count,
                "inappropriate": letter.inappropriate_count,
                "replaced": len(replaced),
                "left_out": letter.reader_actions_left_out,
                "reader_version": READER_VERSION,
            },
        )
        letter.save(
            update_fields=[
                "action_count",
                "inappropriate_count",
                "reader_actions_left_out",
                "reading_state",
                "reading_error",
                "read_at",
                "reader_version",
            ]
        )
    return letter


def _answered(letter_ids: list[int] | None = None) -> tuple[set[int], set[int]]:
    """Letters (of ``letter_ids``, or all) with any practice answer: feedback on an action, or an action added."""
    feedback = ActionFeedback.objects.all()
    added = LetterAction.objects.filter(origin=ActionOrigin.PRACTICE)
    if letter_ids is not None:
        feedback = feedback.filter(action__letter_id__in=letter_ids)
        added = added.filter(letter_id__in=letter_ids)
    return set(feedback.values_list("action__letter_id", flat=True)), set(added.values_list("letter_id", flat=True))


def stale_unanswered_letters(limit: int | None = None) -> list[int]:
    """Ids of letters read by an older reader version that no one at the practice has answered or filed.

    A letter with any answer (feedback on any action, an action the practice added) or filed keeps the
    reading the practice worked from, even when only part of it was answered (decision 0021).
    """
    candidates = (
        Letter.objects.filter(reading_state=ReadingState.READ, reader_version__lt=READER_VERSION, filed_at__isnull=True)
        .exclude(actions__feedback__isnull=False)
        .exclude(actions__origin=ActionOrigin.PRACTICE)
        .order_by("id")
        .values_list("id", flat=True)
        .distinct()
    )
    return list(candidates[:limit] if limit is not None else candidates)


def reread_letter(letter_id: int) -> bool:
    """Reads one letter again with the current reader if it is still stale and unanswered; True if it did.

    Checked again under the letter's lock: an answer given after the sweep listed the letter wins, and
    a letter already re-read (a second sweep, a task run twice) is left as it is.
    """
    with transaction.atomic():
        letter = Letter.objects.select_for_update().filter(pk=letter_id).first()
        if (
            letter is None
            or letter.reading_state != ReadingState.READ
            or letter.reader_version >= READER_VERSION
            or letter.filed_at is not None
        ):
            return False
        feedback, added = _answered([letter_id])
        if feedback or added:
            return False
        store_reading(letter_id)
    return True


def reread_stale_letters(limit: int | None = None) -> int:
    """Re-reads every stale unanswered letter (up to ``limit``); returns how many were re-read. Idempotent."""
    return sum(reread_letter(letter_id) for letter_id in stale_unanswered_letters(limit))
