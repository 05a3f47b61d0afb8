"""How letters and the reader's findings are shown: labels, references, highlights and parts.

Display shaping only: no query and no write (selectors read, services write). Pages and forms use
these names; the vocabulary itself (categories, verdicts, rules) lives beside the reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from joinedup.core.numbers import whole_number

from ..models import Letter, LetterAction
from ..reader.vocabulary import CATEGORY_LABELS as CATEGORY_LABELS  # the labels forms and pages show
from ..reader.vocabulary import LETTER_RULES, RULE_LABELS, RULE_SOURCES
from ..reader.vocabulary import VERDICT_LABELS as VERDICT_LABELS


def letter_reference(letter: Letter) -> str:
    """How a letter is named outside JoinedUp, e.g. as a concern's evidence."""
    return f"L-{letter.id}"


def letter_id_from_reference(reference: str) -> int | None:
    """The letter id in a reference made by ``letter_reference`` ("L-941"), or None for anything else."""
    text = reference.strip().upper()
    digits = text[2:] if text.startswith("L-") else ""
    # ASCII digits only, and short: a reference is typed by people (issue 11, item 6).
    return whole_number(digits, 12)


def rule_label(rule: str) -> str:
    return RULE_LABELS.get(rule, rule)


def rule_choices() -> list[tuple[str, str]]:
    """The interface rules a letter's request can break (RULES.md), with their labels."""
    return [(rule, rule_label(rule)) for rule in LETTER_RULES]


FLAG_SOURCES = {
    "rules": "The contract rules",
    "learned": "The learned verdict (no rule named a breach)",
}


def correction_label(field: str, key: str) -> str:
    """A row of the accuracy page's corrections tables: the category's or rule's name."""
    if field == "category":
        return CATEGORY_LABELS.get(key, key or "No category")
    if field == "source":
        return FLAG_SOURCES.get(key, key)
    return f"{rule_label(key)} ({key})" if key else "Not flagged (the reader said appropriate)"


def rule_source(rule: str) -> str:
    return RULE_SOURCES.get(rule, "")


@dataclass(frozen=True)
class Segment:
    """A run of the letter's text, inside one action's highlight or outside any."""

    text: str
    start: int  # offset of this run in the letter's text, for the text-selection script
    action: LetterAction | None = None
    number: int = 0  # the action's number on the page, shown beside its highlight

    @property
    def verdict(self) -> str:
        """The reader's verdict in words, for the highlight's text alternative: never colour alone."""
        if self.action is None:
            return ""
        return "inappropriate" if self.action.verdict == "inappropriate" else "for the practice"

    @property
    def label(self) -> str:
        """What a screen reader hears before the highlighted words.

        "Request 2: inappropriate, test results left to the GP" or "Request 1: for the practice, results".
        """
        if self.action is None:
            return ""
        action = self.action
        if action.verdict == "inappropriate" and action.rule:
            about = rule_label(action.rule)
        else:
            about = CATEGORY_LABELS.get(action.category, action.category)
        return f"Request {self.number}: {self.verdict}, {_lower_first(about)}"


def _lower_first(words: str) -> str:
    """A label read on inside a sentence: "Test results left to the GP" becomes "test results left to the GP"."""
    return words[:1].lower() + words[1:]


@dataclass
class MarkedText:
    segments: list[Segment]
    unplaced: list[LetterAction] = field(default_factory=list)  # quote not found where the offsets say


def mark_actions(text: str, actions: list[LetterAction], window: tuple[int, int] | None = None) -> MarkedText:
    """Split the text into runs so each action's quote can be highlighted where it stands.

    An action is placed only when ``text[start:end]`` is its quote: a highlight over the wrong
    words would mislead (hazard H-501), so a misplaced one is listed instead, never drawn.
    Overlapping actions keep the earlier one's highlight; the later one starts where it ends.
    With ``window`` (start, end), only that part of the text is split (a long letter's page shows
    one part at a time); offsets stay those of the whole letter.
    """
    numbers = {action.id: index for index, action in enumerate(actions, start=1)}
    placed_anywhere = [a for a in actions if 0 <= a.start < a.end <= len(text) and text[a.start : a.end] == a.quote]
    unplaced = [a for a in actions if a not in placed_anywhere]
    low, high = window if window is not None else (0, len(text))
    placed = sorted((a for a in placed_anywhere if low <= a.start and a.end <= high), key=lambda a: (a.start, a.end))
    segments: list[Segment] = []
    position = low
    for action in placed:
        start = max(action.start, position)
        if start >= action.end:
            unplaced.append(action)  # wholly inside an earlier highlight
            continue
        if start > position:
            segments.append(Segment(text[position:start], position))
        segments.append(Segment(text[start : action.end], start, action, numbers[action.id]))
        position = action.end
    if position < high:
        segments.append(Segment(text[position:high], position))
    return MarkedText(segments, sorted(unplaced, key=lambda a: numbers[a.id]))


def letter_parts(text: str, actions: list[LetterAction], size: int) -> list[tuple[int, int]]:
    """Where a long letter's page breaks it: parts of about ``size`` characters, at a line break
    where there is one, never through a request (a part ends after any action that starts in it).
    A letter of ``size`` characters or fewer is one part."""
    parts: list[tuple[int, int]] = []
    low = 0
    while low < len(text):
        high = min(len(text), low + size)
        if high < len(text):
            newline = text.rfind("\n", low + size // 2, high)
            high = newline + 1 if newline >= 0 else high
            for action in actions:
                if action.start < high < action.end:
                    high = max(high, action.end)
        parts.append((low, high))
        low = high
    return parts or [(0, 0)]


def part_of(parts: list[tuple[int, int]], offset: int) -> int:
    """The number (from 1) of the part that holds ``offset``."""
    for number, (low, high) in enumerate(parts, start=1):
        if low <= offset < high:
            return number
    return len(parts)
