"""Reads for the practice's letter inbox, each scoped to the asking actor.

A letter is seen only by the practice it was sent to (any other practice, trust or ICB gets
404): it names a patient and what the hospital wants done for them. Reader accuracy is an
aggregate with no patient in it, so the ICB sees it across its practices.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404

from joinedup.directory.access import Actor, Permission, require
from joinedup.directory.models import OrganisationKind
from joinedup.letters.reader.learned import REASON_MARK as LEARNED_REASON_MARK

from ..models import (
    READER_RIGHT,
    ActionOrigin,
    FeedbackOutcome,
    Letter,
    LetterAction,
    LetterKind,
)

PAGE_SIZE = 25
WHICH_LETTERS = [("new", "New"), ("filed", "Filed"), ("all", "All")]


def practice_letters(actor: Actor) -> QuerySet[Letter]:
    """Every letter sent to the actor's practice; nothing at all for anyone else."""
    require(actor, Permission.VIEW_LETTERS)
    if actor.organisation.kind != OrganisationKind.GP_PRACTICE:
        return Letter.objects.none()
    return Letter.objects.filter(practice_id=actor.organisation.id)


def inbox(actor: Actor, *, which: str = "new", kind: str = "", with_actions: bool = False) -> QuerySet[Letter]:
    """The practice's letters as the inbox lists them.

    New letters come most urgent first: those with inappropriate requests (the most first), then
    those with any action, then the rest; newest first within each. The ``letter_inbox`` index
    (practice, filed_at, -inappropriate_count, -received_at) serves the filter and most of the order.
    """
    letters = practice_letters(actor).select_related("patient", "trust", "service")
    if kind in LetterKind.values:
        letters = letters.filter(kind=kind)
    if with_actions:
        letters = letters.filter(action_count__gt=0)
    if which == "filed":
        return letters.filter(filed_at__isnull=False).order_by("-filed_at", "-id")
    if which == "all":
        return letters.order_by("-received_at", "-id")
    return letters.filter(filed_at__isnull=True).order_by(
        "-inappropriate_count", "-action_count", "-received_at", "-id"
    )


def new_letter_count(actor: Actor) -> int:
    """Letters not yet filed: the number beside "Letters" in the header."""
    return practice_letters(actor).filter(filed_at__isnull=True).count()


def home_panel(actor: Actor) -> dict[str, int]:
    """The practice home page's panel: new letters, and how many ask for what the hospital should do."""
    new = practice_letters(actor).filter(filed_at__isnull=True)
    return {"new": new.count(), "inappropriate": new.filter(inappropriate_count__gt=0).count()}


def letter_between(letter_id: int, organisations: tuple[int, int]) -> Letter | None:
    """The letter ``letter_id`` if it went between these two organisations (either way round), else None.

    For a concern about a letter: the caller has already checked the actor may see the concern,
    whose raiser and subject must be the letter's own practice and trust, so a typed reference can
    never open somebody else's letter.
    """
    return (
        Letter.objects.select_related("patient", "trust", "practice")
        .filter(id=letter_id, practice_id__in=organisations, trust_id__in=organisations)
        .first()
    )


def letter_for(actor: Actor, letter_id: int) -> Letter:
    return get_object_or_404(
        practice_letters(actor).select_related("patient", "trust", "service", "filed_by"), id=letter_id
    )


def actions_of(letter: Letter) -> list[LetterAction]:
    return list(letter.actions.select_related("feedback", "feedback__given_by", "added_by").order_by("start", "id"))


def action_number(action: LetterAction) -> int:
    """The action's number on its letter page (1 for the first in the text)."""
    ids = list(
        LetterAction.objects.filter(letter_id=action.letter_id).order_by("start", "id").values_list("id", flat=True)
    )
    return ids.index(action.id) + 1


def action_for(actor: Actor, letter_id: int, action_id: int) -> LetterAction:
    letter = letter_for(actor, letter_id)
    return get_object_or_404(LetterAction.objects.select_related("letter"), id=action_id, letter=letter)


# --- The letter's text with its actions marked in place ---------------------------------------


# --- Reader accuracy per month -------------------------------------------------------------------


WRONG_OUTCOMES = (FeedbackOutcome.NOT_AN_ACTION, FeedbackOutcome.WRONG_CATEGORY, FeedbackOutcome.WRONG_VERDICT)


@dataclass
class MonthAccuracy:
    month: datetime.date
    right: int = 0  # done or not for us: the reader found a real request and read it right
    not_an_action: int = 0
    wrong_category: int = 0
    wrong_verdict: int = 0
    missed: int = 0  # added by the practice: requests the reader did not find

    @property
    def wrong(self) -> int:
        return self.not_an_action + self.wrong_category + self.wrong_verdict

    @property
    def labelled(self) -> int:
        return self.right + self.wrong

    @property
    def accuracy(self) -> float | None:
        """Right, out of everything the practice judged: right, wrong and missed."""
        return _share(self.right, self.right + self.wrong + self.missed)

    @property
    def precision(self) -> float | None:
        """Of the reader's actions the practice judged, the share that really were requests."""
        real = self.labelled - self.not_an_action
        return _share(real, self.labelled)

    @property
    def recall(self) -> float | None:
        """Of the real requests the practice saw, the share the reader found."""
        real = self.labelled - self.not_an_action
        return _share(real, real + self.missed)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def accuracy_scope(actor: Actor) -> tuple[str, Q]:
    """Whose letters the accuracy page counts, and a filter on ``letter__`` for them.

    A practice sees its own; the ICB (analyst or administrator) sees all its practices'.
    """
    org = actor.organisation
    if actor.can(Permission.VIEW_LETTERS) and org.kind == OrganisationKind.GP_PRACTICE:
        return org.name, Q(letter__practice_id=org.id)
    require(actor, Permission.VIEW_ICB_OVERVIEW)
    if actor.is_system_admin and actor.icb_id is None:
        return "All ICBs", Q()
    return f"{org.name if org.kind == OrganisationKind.ICB else 'Your ICB'}: all practices", Q(
        letter__practice__icb_id=actor.icb_id
    )


def accuracy_by_month(actor: Actor) -> list[MonthAccuracy]:
    """Per month, newest first: the practice's answers on reader actions, and the actions it added.

    A month is when the practice answered (feedback) or added the missed action, so a month's
    figures settle once the practice has worked through that month's letters.
    """
    _, scope = accuracy_scope(actor)
    months: dict[datetime.date, MonthAccuracy] = {}

    def month(day: datetime.datetime | datetime.date) -> MonthAccuracy:
        key = day.date() if isinstance(day, datetime.datetime) else day
        key = key.replace(day=1)
        return months.setdefault(key, MonthAccuracy(key))

    answered = (
        LetterAction.objects.filter(scope, origin=ActionOrigin.READER, feedback__isnull=False)
        .annotate(month=TruncMonth("feedback__given_at"))
        .values("month", "feedback__outcome")
        .annotate(n=Count("id"))
    )
    for row in answered:
        figures = month(row["month"])
        outcome = row["feedback__outcome"]
        if outcome in READER_RIGHT:
            figures.right += row["n"]
        elif outcome in WRONG_OUTCOMES:
            setattr(figures, outcome, getattr(figures, outcome) + row["n"])
    added = (
        LetterAction.objects.filter(scope, origin=ActionOrigin.PRACTICE)
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(n=Count("id"))
    )
    for row in added:
        month(row["month"]).missed += row["n"]
    return [months[key] for key in sorted(months, reverse=True)]


# --- What practices correct most, per category and per rule ------------------------------------

# The periods the accuracy page offers for its corrections tables, in months back from today.
CORRECTION_PERIODS = (1, 3, 12)
DEFAULT_CORRECTION_PERIOD = 3


@dataclass
class Corrections:
    """For one category or rule id: the reader's actions the practice answered, and how many it corrected."""

    key: str  # a category, a RULES.md id, or "" for requests the reader did not flag
    answered: int = 0
    corrected: int = 0  # answered "wrong": not an action, wrong category or wrong verdict
    missed: int = 0  # added by the practice with this category (or rule): the reader did not find them

    @property
    def share(self) -> float | None:
        """Corrected, out of the reader's answered actions of this kind."""
        return _share(self.corrected, self.answered)

    @property
    def total(self) -> int:
        return self.corrected + self.missed


@dataclass
class CorrectionTables:
    by_category: list[Corrections]
    by_rule: list[Corrections]
    # the reader's flags by what raised them: "rules", or "learned" (the learned verdict, decision 0028)
    by_source: list[Corrections]


def corrections(actor: Actor, since: datetime.datetime) -> CorrectionTables:
    """Per category and per rule (the reader's on the action answered, the practice's on one it added),
    answers and additions since ``since``, in the actor's accuracy scope; most corrected first. And the
    reader's answered flags by what raised them, so a deployment sees whether the learned verdict pays."""
    _, scope = accuracy_scope(actor)
    wrong = Q(feedback__outcome__in=WRONG_OUTCOMES)
    answered = LetterAction.objects.filter(scope, origin=ActionOrigin.READER, feedback__given_at__gte=since)
    added = LetterAction.objects.filter(scope, origin=ActionOrigin.PRACTICE, created_at__gte=since)
    tables: list[list[Corrections]] = []
    for field in ("category", "rule"):
        rows: dict[str, Corrections] = {}
        for row in answered.order_by().values(field).annotate(n=Count("id"), wrong=Count("id", filter=wrong)):
            rows[row[field]] = Corrections(row[field], answered=row["n"], corrected=row["wrong"])
        for row in added.order_by().values(field).annotate(n=Count("id")):
            rows.setdefault(row[field], Corrections(row[field])).missed += row["n"]
        tables.append(sorted(rows.values(), key=lambda c: (-c.total, -(c.share or 0), c.key)))
    flagged = answered.filter(verdict="inappropriate")
    learned = Q(reason__contains=LEARNED_REASON_MARK)
    by_source = []
    for source, raised_by in (("rules", ~learned), ("learned", learned)):
        counts = flagged.filter(raised_by).aggregate(n=Count("id"), wrong=Count("id", filter=wrong))
        if counts["n"]:
            by_source.append(Corrections(source, answered=counts["n"], corrected=counts["wrong"]))
    return CorrectionTables(by_category=tables[0], by_rule=tables[1], by_source=by_source)


def letters_for_patient(actor: Actor, patient_id: int, limit: int) -> list[Letter]:
    """The practice's letters about one patient, newest first (nothing for anyone outside the practice)."""
    return list(practice_letters(actor).filter(patient_id=patient_id).order_by("-received_at", "-id")[:limit])


def letters_about_patient_for_the_patient(patient_id: int, limit: int = 20) -> list[Letter]:
    """The hospital letters about one patient, for that patient's own view (the caller has established who
    the patient is), newest first, each with the requests it makes of the practice in the order written
    (leaving out those the practice marked as not a request at all)."""
    requests = LetterAction.objects.exclude(feedback__outcome=FeedbackOutcome.NOT_AN_ACTION).order_by("start", "id")
    return list(
        Letter.objects.select_related("trust", "practice")
        .prefetch_related(Prefetch("actions", queryset=requests))
        .filter(patient_id=patient_id)
        .order_by("-event_at", "-id")[:limit]
    )


def unanswered_count(letter: Letter) -> int:
    """The letter's requests nobody at the practice has answered yet."""
    return LetterAction.objects.filter(letter=letter, feedback__isnull=True).count()
