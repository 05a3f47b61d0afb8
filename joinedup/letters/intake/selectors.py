"""Reads for intake pages, each scoped to what the actor may see (anything else is a 404)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone

from joinedup.core import months
from joinedup.core.measures import MonthlyFigure
from joinedup.core.months import month_starts
from joinedup.directory import selectors as directory
from joinedup.directory.access import Actor, Permission, require
from joinedup.directory.models import Organisation, Service
from joinedup.letters.models import (
    FeedbackOutcome,
    Letter,
    LetterAction,
    LetterKind,
    LetterTimelinessMonth,
    QuarantinedMessage,
    QuarantineState,
    TimelinessRule,
)

LIST_LIMIT = 200


# ---- quarantine ---------------------------------------------------------------------------------


def quarantine(actor: Actor, which: str = "waiting") -> QuerySet[QuarantinedMessage]:
    require(actor, Permission.MANAGE_QUARANTINE)
    held = QuarantinedMessage.objects.defer("content")
    return held.filter(state=QuarantineState.WAITING) if which == "waiting" else held


def quarantine_waiting_count(actor: Actor) -> int:
    return QuarantinedMessage.objects.filter(state=QuarantineState.WAITING).count()


def quarantined_message(actor: Actor, message_id: int) -> QuarantinedMessage:
    require(actor, Permission.MANAGE_QUARANTINE)
    held = QuarantinedMessage.objects.select_related("letter", "resolved_by").filter(pk=message_id).first()
    if held is None:
        raise Http404("No such message")
    return held


# ---- upload -------------------------------------------------------------------------------------


def upload_services(actor: Actor) -> list[Service]:
    """The services a letter may be filed under: the uploader's trust's, or every trust's in the ICB for an admin."""
    require(actor, Permission.UPLOAD_LETTERS)
    services = directory.services_in_icb(actor.icb_id).order_by("trust__name", "name")
    if actor.in_trust:
        return list(services.filter(trust=actor.organisation))
    return list(services)


def uploaded_letter(actor: Actor, letter_id: int) -> Letter:
    """A letter as its uploader sees it: their trust's letters, or any in the ICB for an administrator."""
    require(actor, Permission.UPLOAD_LETTERS)
    letters = Letter.objects.select_related("patient", "practice", "trust", "service")
    if actor.in_trust:
        letters = letters.filter(trust=actor.organisation)
    else:
        letters = letters.filter(practice__icb_id=actor.icb_id)
    letter = letters.filter(pk=letter_id).first()
    if letter is None:
        raise Http404("No such letter")
    return letter


# ---- timeliness ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelinessStatus:
    """How one letter did against its timeliness rule, for a tag in the inbox or on a letter page."""

    on_time: bool | None
    label: str  # "On time", "Late", "No rule"
    colour: str  # NHS.UK tag colour
    detail: str  # "Sent 3 days after discharge (limit 24 hours)"


def timeliness_status(letter: Letter) -> TimelinessStatus:
    if letter.on_time is None or not letter.timeliness_rule:
        return TimelinessStatus(None, "No timeliness rule", "grey", "No timeliness rule applies to this letter")
    arrived, verb = (letter.sent_at, "Sent") if letter.sent_at else (letter.received_at, "Received")
    event = "the clinic" if letter.kind == LetterKind.CLINIC_LETTER else "discharge"
    limit = (
        f"{settings.CLINIC_LETTER_DAYS} days"
        if letter.timeliness_rule == TimelinessRule.CLINIC_LETTER_7_DAYS
        else f"{settings.DISCHARGE_SUMMARY_HOURS} hours"
    )
    if letter.timeliness_rule == TimelinessRule.CLINIC_LETTER_7_DAYS:
        days = (timezone.localdate(arrived) - timezone.localdate(letter.event_at)).days
        detail = f"{verb} {days} day{'s' if days != 1 else ''} after {event} (limit {limit})"
    else:
        detail = f"{verb} {_duration(arrived - letter.event_at)} after {event} (limit {limit})"
    if letter.on_time:
        return TimelinessStatus(True, "On time", "green", detail)
    return TimelinessStatus(False, "Late", "red", detail)


def _duration(delta: datetime.timedelta) -> str:
    hours = max(0, int(delta.total_seconds() // 3600))
    if hours < 72:  # "50 hours" says more than "2 days" against a 24-hour limit
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{hours // 24} days"


@dataclass
class MonthFigure:
    total: int = 0
    on_time: int = 0

    @property
    def share(self) -> float | None:
        return self.on_time / self.total if self.total else None


@dataclass
class TimelinessTable:
    months: list[datetime.date]
    trusts: list[Organisation]
    # (trust id, month) -> figures; per rule and overall ("all")
    figures: dict[str, dict[tuple[int, datetime.date], MonthFigure]] = field(default_factory=dict)

    def cell(self, rule: str, trust: Organisation, month: datetime.date) -> MonthFigure:
        return self.figures.get(rule, {}).get((trust.id, month), MonthFigure())

    def trust_total(self, rule: str, trust: Organisation) -> MonthFigure:
        figure = MonthFigure()
        for (trust_id, _), cell in self.figures.get(rule, {}).items():
            if trust_id == trust.id:
                figure.total += cell.total
                figure.on_time += cell.on_time
        return figure


def timeliness_trusts(actor: Actor) -> list[Organisation]:
    """The trusts whose timeliness this actor may see: their own (a trust), or every trust in the ICB."""
    require(actor, Permission.VIEW_LETTER_TIMELINESS)
    if actor.in_trust:
        return [actor.organisation]
    return list(directory.trusts_in_icb(actor.icb_id))


def timeliness_table(actor: Actor, trusts: list[Organisation], *, months: int = 12) -> TimelinessTable:
    """Share of letters on time per trust and month (by the month of discharge or clinic), last ``months`` months."""
    allowed = {t.id for t in timeliness_trusts(actor)}
    if any(t.id not in allowed for t in trusts):
        raise Http404("No such trust")
    today = timezone.localdate()
    month_list = month_starts(today, months)  # oldest first
    first = month_list[0]
    # Counted at intake (intake/services.py): a few rows per trust, not millions of letters.
    rows = LetterTimelinessMonth.objects.filter(trust__in=trusts, month__gte=first).values_list(
        "trust_id", "month", "rule", "total", "on_time"
    )
    figures: dict[str, dict[tuple[int, datetime.date], MonthFigure]] = defaultdict(dict)
    for trust_id, month, rule, total, on_time in rows:
        for key in (rule, "all"):
            figure = figures[key].setdefault((trust_id, month), MonthFigure())
            figure.total += total
            figure.on_time += on_time
    return TimelinessTable(months=list(reversed(month_list)), trusts=trusts, figures=dict(figures))


# ---- measures (registered in letters/panels.py; insights charts them) ----------------------------


def timeliness_figures(rule: str, since: datetime.date, until: datetime.date) -> list[MonthlyFigure]:
    """Letters on time under ``rule`` of those counted, per trust and month (of discharge or clinic).

    Read from the counts intake keeps (LetterTimelinessMonth), so no letter is scanned.
    """
    rows = LetterTimelinessMonth.objects.filter(rule=rule, month__gte=since, month__lt=until, total__gt=0)
    return [
        MonthlyFigure(month=month, organisation_id=trust_id, numerator=float(on_time), denominator=float(total))
        for trust_id, month, total, on_time in rows.order_by("month", "trust_id").values_list(
            "trust_id", "month", "total", "on_time"
        )
    ]


def inappropriate_requests_per_1000(since: datetime.date, until: datetime.date) -> list[MonthlyFigure]:
    """Requests the reader judged inappropriate per 1,000 letters, per trust and month the letter arrived."""
    start, end = months.between(since, until)
    letters = (
        Letter.objects.filter(received_at__gte=start, received_at__lt=end)
        .annotate(month=TruncMonth("received_at"))
        .values("month", "trust_id")
        .annotate(n=Count("id"))
    )
    inappropriate = (
        LetterAction.objects.filter(
            letter__received_at__gte=start, letter__received_at__lt=end, verdict="inappropriate"
        )
        .annotate(month=TruncMonth("letter__received_at"))
        .values("month", "letter__trust_id")
        .annotate(n=Count("id"))
    )
    counted = {(months.first_day(r["month"]), r["letter__trust_id"]): r["n"] for r in inappropriate}
    figures = [
        MonthlyFigure(
            month=months.first_day(r["month"]),
            organisation_id=r["trust_id"],
            numerator=float(counted.get((months.first_day(r["month"]), r["trust_id"]), 0)),
            denominator=float(r["n"]),
        )
        for r in letters
    ]
    return sorted(figures, key=lambda f: (f.month, f.organisation_id))


def flags_confirmed(since: datetime.date, until: datetime.date) -> list[MonthlyFigure]:
    """Of the reader's inappropriate-request flags that practices answered in each month, those the practice
    confirmed (it did the work, or said it was not for the practice) rather than corrected (not a request,
    or the wrong verdict), per trust of the letter and month of the answer."""
    start, end = months.between(since, until)
    rows = (
        LetterAction.objects.filter(
            origin="reader",
            verdict="inappropriate",
            letter__trust_id__isnull=False,
            feedback__given_at__gte=start,
            feedback__given_at__lt=end,
        )
        .annotate(month=TruncMonth("feedback__given_at"))
        .values("month", "letter__trust_id")
        .annotate(
            total=Count("id"),
            confirmed=Count("id", filter=Q(feedback__outcome__in=[FeedbackOutcome.DONE, FeedbackOutcome.NOT_FOR_US])),
        )
        .order_by("month", "letter__trust_id")
    )
    return [
        MonthlyFigure(
            month=months.first_day(r["month"]),
            organisation_id=r["letter__trust_id"],
            numerator=float(r["confirmed"]),
            denominator=float(r["total"]),
        )
        for r in rows
    ]


def gp_actions_for_practices(verdict: str, since: datetime.date, until: datetime.date) -> list[MonthlyFigure]:
    """Requests of ``verdict`` in the letters each practice received, per practice and month of arrival: the
    work letters put on general practice (those the practice marked "not an action" left out)."""
    start, end = months.between(since, until)
    rows = (
        LetterAction.objects.filter(letter__received_at__gte=start, letter__received_at__lt=end, verdict=verdict)
        .exclude(feedback__outcome=FeedbackOutcome.NOT_AN_ACTION)
        .annotate(month=TruncMonth("letter__received_at"))
        .values("month", "letter__practice_id")
        .annotate(n=Count("id"))
        .order_by("month", "letter__practice_id")
    )
    return [
        MonthlyFigure(month=months.first_day(r["month"]), organisation_id=r["letter__practice_id"], numerator=r["n"])
        for r in rows
    ]


def timeliness_records(rule: str, actor: Actor, trust_id: int, month: datetime.date) -> list[dict[str, str]]:
    """The letters behind one trust's timeliness figure for one month, late ones first; no patient named
    (the ICB sees aggregates, not patients). A trust the actor may not see is a 404."""
    if trust_id not in {t.id for t in timeliness_trusts(actor)}:
        raise Http404("No such trust")
    start, end = months.between(month, (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1))
    letters = Letter.objects.filter(trust_id=trust_id, timeliness_rule=rule, event_at__gte=start, event_at__lt=end)
    rows = []
    for letter in letters.order_by("on_time", "event_at", "id").only(
        "id", "kind", "event_at", "sent_at", "received_at", "on_time"
    )[:LIST_LIMIT]:
        sent = letter.sent_at or letter.received_at
        took = sent - letter.event_at
        rows.append(
            {
                "reference": f"Letter {letter.id}",
                "what": f"{LetterKind(letter.kind).label}, {timezone.localtime(letter.event_at):%d %B %Y %H:%M}",
                "detail": f"{'On time' if letter.on_time else 'Late'}: sent after {_took_text(took)}",
            }
        )
    return rows


def _took_text(took: datetime.timedelta) -> str:
    hours = took.total_seconds() / 3600
    return f"{hours:.0f} hours" if hours < 48 else f"{hours / 24:.1f} days"


# ---- client systems (the FHIR API) ----------------------------------------------------------------


def letters_for_system(actor: Actor) -> QuerySet[Letter]:
    """The letters a client system may read: those a practice received, or those a trust sent (as its pages)."""
    letters = Letter.objects.select_related("patient", "practice", "trust", "service")
    if actor.in_practice and actor.can(Permission.VIEW_LETTERS):
        return letters.filter(practice_id=actor.organisation.id)
    if actor.in_trust and actor.can(Permission.UPLOAD_LETTERS):
        return letters.filter(trust_id=actor.organisation.id)
    return letters.none()


def letter_actions_for_system(actor: Actor) -> QuerySet[LetterAction]:
    """The requests found in a practice's letters, with the practice's answers; a trust's pages show none."""
    if not (actor.in_practice and actor.can(Permission.VIEW_LETTERS)):
        return LetterAction.objects.none()
    return LetterAction.objects.filter(letter__practice_id=actor.organisation.id).select_related(
        "letter__patient", "letter__practice", "letter__trust", "feedback"
    )
