"""Every change a practice makes to its letters: feedback on actions, missed actions, filing.

Each write checks the actor may see the letter (another practice's letter is 404, as on the
page), runs in one transaction with its audit record, and locks the row it changes, so two
people answering or filing at once never apply a change twice.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from joinedup.audit import services as audit

# StaleAction is part of this module's interface: pages and tests catch services.StaleAction.
from joinedup.core.concurrency import StaleAction as StaleAction
from joinedup.directory.access import Actor, Permission, require

from ..models import ActionFeedback, ActionOrigin, FeedbackOutcome, Letter, LetterAction
from . import presenters, selectors

NOTE_MAX = 2000


def give_feedback(*, actor: Actor, letter_id: int, action_id: int, outcome: str, note: str = "") -> ActionFeedback:
    """Record what the practice did with one action; a later answer replaces an earlier one."""
    require(actor, Permission.VIEW_LETTERS)
    action = selectors.action_for(actor, letter_id, action_id)
    note = note.strip()
    errors: dict[str, str] = {}
    if outcome not in FeedbackOutcome.values:
        errors["outcome"] = "Select what you did with this action, or what the reader got wrong"
    elif action.origin == ActionOrigin.PRACTICE and outcome not in (FeedbackOutcome.DONE, FeedbackOutcome.NOT_FOR_US):
        errors["outcome"] = "You added this action yourself: select done or not for us"
    if outcome == FeedbackOutcome.NOT_FOR_US and not note:
        errors["note"] = "Enter why this action is not for the practice"
    if len(note) > NOTE_MAX:
        errors["note"] = f"The note must be {NOTE_MAX:,} characters or fewer"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # Lock the action: two answers at once are applied one after the other, the later kept.
        LetterAction.objects.select_for_update().get(id=action.id)
        previous = ActionFeedback.objects.filter(action_id=action.id).first()
        feedback, _ = ActionFeedback.objects.update_or_create(
            action_id=action.id,
            defaults={"outcome": outcome, "note": note, "given_by": actor.person, "given_at": timezone.now()},
        )
        audit.record(
            actor=actor,
            action="letter.action_feedback",
            obj=action.letter,
            patient_nhs_number=action.letter.patient.nhs_number,
            details={
                "action": action.id,
                "outcome": outcome,
                "previous": previous.outcome if previous else "",
                "note": note[:200],
            },
        )
    return feedback


def find_quote(text: str, quote: str) -> tuple[int, int]:
    """Where pasted words stand in the letter: exactly one place, or a ValidationError saying why not.

    A browser shows (and copies) a CR LF line ending as LF, so a line break in the words matches
    either form in the stored text.
    """
    quote = _newlines(quote).strip()
    if not quote:
        raise ValidationError({"quote": "Select or paste the words of the action from the letter"})
    pattern = re.compile(r"\r?\n".join(re.escape(line) for line in quote.split("\n")))
    found = list(pattern.finditer(text))
    if not found:
        raise ValidationError(
            {"quote": "These words are not in the letter: copy them exactly as the letter has them, in one piece"}
        )
    if len(found) > 1:
        raise ValidationError(
            {
                "quote": f"These words are in the letter {len(found)} times: "
                "add the words around them so they appear once"
            }
        )
    return found[0].start(), found[0].end()


def _newlines(value: str) -> str:
    # A browser turns CR LF into LF when it shows the text; compare the two forms as equal.
    return value.replace("\r\n", "\n").replace("\r", "\n")


def locate_missed_action(text: str, quote: str, start: int | None, end: int | None) -> tuple[int, int]:
    """The span of a missed action: the selection's offsets when they hold the quote, else a search."""
    if start is not None and end is not None and 0 <= start < end <= len(text):
        if not quote.strip() or _newlines(text[start:end]).strip() == _newlines(quote).strip():
            span = text[start:end]
            # Trim the whitespace a selection drags along, so the highlight covers words only.
            lead = len(span) - len(span.lstrip())
            trail = len(span) - len(span.rstrip())
            if end - trail > start + lead:
                return start + lead, end - trail
    return find_quote(text, quote)


def add_missed_action(
    *,
    actor: Actor,
    letter_id: int,
    quote: str,
    category: str,
    verdict: str,
    rule: str = "",
    start: int | None = None,
    end: int | None = None,
) -> LetterAction:
    """Add an action the reader missed, as the practice marked it; it counts as a miss."""
    require(actor, Permission.VIEW_LETTERS)
    letter = selectors.letter_for(actor, letter_id)
    errors: dict[str, str] = {}
    if category not in presenters.CATEGORY_LABELS:
        errors["category"] = "Select what kind of action it is"
    if verdict not in presenters.VERDICT_LABELS:
        errors["verdict"] = "Select whether it is appropriate to ask the GP"
    if verdict == "inappropriate" and rule not in dict(presenters.rule_choices()):
        errors["rule"] = "Select the rule the request breaks"
    try:
        span_start, span_end = locate_missed_action(letter.text, quote, start, end)
    except ValidationError as invalid:
        errors.update({name: str(messages[0].message) for name, messages in invalid.error_dict.items()})
    if errors:
        raise ValidationError(errors)
    if letter.actions.filter(start=span_start, end=span_end).exists():
        raise ValidationError({"quote": "These words are already marked as an action: give your answer on it below"})
    with transaction.atomic():
        locked = Letter.objects.select_for_update().get(id=letter.id)
        action = LetterAction.objects.create(
            letter=locked,
            origin=ActionOrigin.PRACTICE,
            quote=locked.text[span_start:span_end],
            start=span_start,
            end=span_end,
            category=category,
            verdict=verdict,
            rule=rule if verdict == "inappropriate" else "",
            reason="Added by the practice: the reader missed it.",
            added_by=actor.person,
        )
        _recount(locked)
        audit.record(
            actor=actor,
            action="letter.action_added",
            obj=locked,
            patient_nhs_number=locked.patient.nhs_number,
            details={"action": action.id, "category": category, "verdict": verdict, "rule": action.rule},
        )
    return action


def _recount(letter: Letter) -> None:
    """Keep the inbox's urgency counts true after the practice adds an action."""
    counts = letter.actions.aggregate(actions=Count("id"), inappropriate=Count("id", filter=Q(verdict="inappropriate")))
    letter.action_count = counts["actions"]
    letter.inappropriate_count = counts["inappropriate"]
    letter.version += 1  # someone about to file it should look again first
    letter.save(update_fields=["action_count", "inappropriate_count", "version"])


def file_letter(*, actor: Actor, letter_id: int, expected_version: int, file_unanswered: bool = False) -> Letter:
    """The practice has dealt with the letter: it leaves the new list (and stays findable).

    A letter whose requests are not all answered is filed only when the person says so
    (``file_unanswered``): filing is how a request gets forgotten.
    """
    require(actor, Permission.VIEW_LETTERS)
    selectors.letter_for(actor, letter_id)  # 404 for another practice's letter
    with transaction.atomic():
        letter = Letter.objects.select_for_update(of=("self",)).select_related("filed_by", "patient").get(id=letter_id)
        if letter.filed_at is not None:
            who = letter.filed_by.get_full_name() if letter.filed_by else "someone"
            raise StaleAction(
                f"This letter was already filed by {who} on {timezone.localtime(letter.filed_at):%d %B %Y at %H:%M}"
            )
        if letter.version != expected_version:
            raise StaleAction("This letter changed while you had it open: check it again before filing")
        unanswered = selectors.unanswered_count(letter)
        if unanswered and not file_unanswered:
            raise ValidationError(
                f"{unanswered} {'request has' if unanswered == 1 else 'requests have'} no answer yet: answer "
                f"{'it' if unanswered == 1 else 'them'}, or say that you are filing the letter anyway"
            )
        letter.filed_at = timezone.now()
        letter.filed_by = actor.person
        letter.version += 1
        letter.save(update_fields=["filed_at", "filed_by", "version"])
        audit.record(
            actor=actor,
            action="letter.filed",
            obj=letter,
            patient_nhs_number=letter.patient.nhs_number,
            details={"unanswered": unanswered},
        )
    return letter


def unfile_letter(*, actor: Actor, letter_id: int, expected_version: int) -> Letter:
    """Back to the new letters: filed by mistake, or something in it still needs doing."""
    require(actor, Permission.VIEW_LETTERS)
    selectors.letter_for(actor, letter_id)
    with transaction.atomic():
        letter = Letter.objects.select_for_update(of=("self",)).select_related("patient").get(id=letter_id)
        if letter.filed_at is None or letter.version != expected_version:
            raise StaleAction("This letter changed while you had it open: it is already back among the new letters")
        filed_at, filed_by = letter.filed_at, letter.filed_by_id
        letter.filed_at = None
        letter.filed_by = None
        letter.version += 1
        letter.save(update_fields=["filed_at", "filed_by", "version"])
        audit.record(
            actor=actor,
            action="letter.unfiled",
            obj=letter,
            patient_nhs_number=letter.patient.nhs_number,
            details={"filed_at": filed_at.isoformat(), "filed_by": filed_by},
        )
    return letter


def letter_viewed(*, actor: Actor, letter: Letter, via: str = "") -> None:
    """Opening a letter is audited as a view of its patient (``via``: where else it was opened from)."""
    audit.record(
        actor=actor,
        action="letter.viewed",
        obj=letter,
        patient_nhs_number=letter.patient.nhs_number,
        details={"via": via} if via else None,
    )
