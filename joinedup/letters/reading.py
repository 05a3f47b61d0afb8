"""Reading a stored letter: run the reader on its text and keep what it found.

Called from background work (``intake.tasks``), never in a web request or in MESH intake
itself, so a slow letter never holds up the next one. Reading again replaces the reader's
earlier actions (a new reader version) but never touches the practice's own additions or
anything the practice has already given feedback on.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .models import ActionOrigin, Letter, LetterAction, ReadingState
from .reader.engine import LetterTooLarge, read_letter


def store_reading(letter_id: int) -> Letter:
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter_id)
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
        kept = LetterAction.objects.filter(letter=letter).exclude(origin=ActionOrigin.READER, feedback__isnull=True)
        kept_spans = {(action.start, action.end) for action in kept}
        LetterAction.objects.filter(letter=letter, origin=ActionOrigin.READER, feedback__isnull=True).delete()
        LetterAction.objects.bulk_create(
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
            for action in found
            if (action.start, action.end) not in kept_spans
        )
        letter.action_count = LetterAction.objects.filter(letter=letter).count()
        letter.inappropriate_count = LetterAction.objects.filter(letter=letter, verdict="inappropriate").count()
        letter.reading_state = ReadingState.READ
        letter.reading_error = ""
        letter.read_at = timezone.now()
        letter.save(update_fields=["action_count", "inappropriate_count", "reading_state", "reading_error", "read_at"])
    return letter
