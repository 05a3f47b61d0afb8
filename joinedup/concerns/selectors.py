"""Reads of concerns, each scoped to what the asking actor may see.

A concern is visible to the organisation that raised it, the organisation it is about, that
organisation's ICB, and system administrators. Anyone else gets 404.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import BooleanField, Case, Count, F, Q, QuerySet, Value, When
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from joinedup.core import months
from joinedup.core.measures import MonthlyFigure
from joinedup.core.months import month_starts
from joinedup.directory import selectors as directory_selectors
from joinedup.directory.access import Actor, Permission, require
from joinedup.directory.models import Organisation, OrganisationKind, Role, Service, Specialty
from joinedup.directory.selectors import trusts_without_interface_lead
from joinedup.letters.inbox import presenters as letter_presenters
from joinedup.letters.inbox import selectors as letter_selectors
from joinedup.letters.models import Letter

from .models import OPEN_STATES, Concern, DecisionOutcome, EvidenceKind, ImprovementProject, Rule, State

LIST_LIMIT = 200


def overdue_q(today: datetime.date) -> Q:
    """Concerns whose acknowledgement or response clock ran out before ``today``."""
    return Q(state=State.RAISED, acknowledge_due__lt=today) | Q(
        state__in=[State.RAISED, State.ACKNOWLEDGED], response_due__lt=today
    )


def with_overdue(concerns: QuerySet[Concern], today: datetime.date | None = None) -> QuerySet[Concern]:
    """Annotates ``overdue`` and puts overdue concerns first, then the newest."""
    today = today or timezone.localdate()
    return concerns.annotate(
        overdue=Case(When(overdue_q(today), then=Value(True)), default=Value(False), output_field=BooleanField())
    ).order_by("-overdue", "-raised_at", "-id")


def visible_concerns(actor: Actor) -> QuerySet[Concern]:
    require(actor, Permission.VIEW_CONCERNS)
    concerns = Concern.objects.select_related("about_org", "raised_by_org", "routed_to_org", "routed_to_person")
    if actor.is_system_admin:
        return concerns
    org = actor.organisation
    if org.kind == OrganisationKind.ICB:
        return concerns.filter(icb_id=org.id)
    return concerns.filter(Q(raised_by_org_id=org.id) | Q(about_org_id=org.id))


def concern_for(actor: Actor, concern_id: int) -> Concern:
    return get_object_or_404(visible_concerns(actor), id=concern_id)


def letter_of(actor: Actor, concern: Concern) -> Letter | None:
    """The hospital letter a concern is about, for the people on either side of it (issue 12).

    Only when the concern names a letter (its reference, e.g. "L-941") sent between the concern's
    own two organisations; never for the ICB, which sees concerns but not patients (decision 0001).
    """
    if actor.role == Role.ICB_ANALYST or concern.evidence_kind != EvidenceKind.LETTER:
        return None
    letter_id = letter_presenters.letter_id_from_reference(concern.evidence_reference)
    if letter_id is None:
        return None
    # A practice's concern about a trust's letter, or (less often) the other way round.
    return letter_selectors.letter_between(letter_id, (concern.raised_by_org_id, concern.about_org_id))


def state_filter(concerns: QuerySet[Concern], which: str) -> QuerySet[Concern]:
    if which == "closed":
        return concerns.exclude(state__in=OPEN_STATES)
    if which == "all":
        return concerns
    return concerns.filter(state__in=OPEN_STATES)


def raised_by_us(actor: Actor) -> QuerySet[Concern]:
    """'My concerns': those raised by the actor's organisation."""
    require(actor, Permission.RAISE_CONCERN)
    return with_overdue(visible_concerns(actor).filter(raised_by_org_id=actor.organisation.id))


def inbox(actor: Actor) -> QuerySet[Concern]:
    """Concerns about the actor's organisation, or routed to it (an ICB receives those about trusts with no lead)."""
    require(actor, Permission.VIEW_CONCERNS)
    org_id = actor.organisation.id
    return with_overdue(visible_concerns(actor).filter(Q(about_org_id=org_id) | Q(routed_to_org_id=org_id)))


def waiting_for_us(actor: Actor, today: datetime.date | None = None) -> dict[str, int]:
    """Concerns waiting for a step by the actor's organisation, by step: to acknowledge or respond to
    (routed to us), to agree or escalate (we raised them and they were answered), to decide (the ICB),
    and how many of those routed to us are overdue."""
    today = today or timezone.localdate()
    org_id = actor.organisation.id
    concerns = Concern.objects.all()
    waiting = {"respond": 0, "overdue": 0, "agree": 0, "decide": 0}
    if actor.can(Permission.RESPOND_TO_CONCERNS):
        ours = concerns.filter(routed_to_org_id=org_id, state__in=[State.RAISED, State.ACKNOWLEDGED])
        waiting["respond"] = ours.count()
        waiting["overdue"] = ours.filter(overdue_q(today)).count()
    if actor.can(Permission.RAISE_CONCERN):
        waiting["agree"] = concerns.filter(raised_by_org_id=org_id, state=State.RESPONDED).count()
    if actor.can(Permission.DECIDE_CONCERNS):
        waiting["decide"] = concerns.filter(icb_id=org_id, state=State.ESCALATED).count()
    return waiting


def waiting_count(actor: Actor) -> int:
    """The header's count beside Concerns: every concern waiting for a step by us."""
    waiting = waiting_for_us(actor)
    return waiting["respond"] + waiting["agree"] + waiting["decide"]


def timeline(concern: Concern) -> list[Any]:
    return list(concern.events.all())


# The ICB's review ------------------------------------------------------------------------------


@dataclass
class Review:
    icb: Organisation
    months: list[datetime.date]
    by_trust: list[dict[str, Any]]
    by_rule: list[dict[str, Any]]
    by_month: list[dict[str, Any]]
    themes: list[dict[str, Any]]
    overdue: list[Concern]
    overdue_count: int
    escalations: list[Concern]
    trusts_without_lead: list[Organisation]
    totals: dict[str, int] = field(default_factory=dict)


def _month(value: Any) -> datetime.date:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().replace(day=1)
    return value.replace(day=1)


def icb_review(actor: Actor, icb: Organisation, *, months: int = 12, today: datetime.date | None = None) -> Review:
    """Counts by trust, rule and month over the last ``months`` months, plus what needs the ICB now."""
    require(actor, Permission.REVIEW_CONCERNS)
    if not actor.is_system_admin and icb.id != actor.icb_id:
        raise PermissionError("not this actor's ICB")
    today = today or timezone.localdate()
    starts = month_starts(today, months)
    this_month = starts[-1]
    since = timezone.make_aware(datetime.datetime.combine(starts[0], datetime.time.min))
    concerns = Concern.objects.filter(icb=icb)
    period = concerns.filter(raised_at__gte=since)
    overdue = overdue_q(today)
    this_month_q = Q(raised_at__gte=timezone.make_aware(datetime.datetime.combine(this_month, datetime.time.min)))

    trusts = {t.id: t for t in directory_selectors.trusts_in_icb(icb.id)}
    per_org = {
        row["about_org_id"]: row
        for row in concerns.values("about_org_id").annotate(
            total=Count("id", filter=Q(raised_at__gte=since)),
            this_month=Count("id", filter=this_month_q),
            open=Count("id", filter=Q(state__in=OPEN_STATES)),
            overdue=Count("id", filter=overdue),
            escalated=Count("id", filter=Q(state=State.ESCALATED)),
            responded=Count("id", filter=Q(raised_at__gte=since, responded_at__isnull=False)),
        )
    }
    in_time = {
        row["about_org_id"]: row["n"]
        for row in period.filter(responded_at__isnull=False)
        .values("about_org_id")
        .annotate(n=Count("id", filter=Q(responded_at__date__lte=F("response_due"))))
    }
    by_trust = []
    for trust in sorted(trusts.values(), key=lambda t: t.name):
        row = per_org.get(trust.id, {})
        responded = row.get("responded", 0)
        by_trust.append(
            {
                "org": trust,
                "total": row.get("total", 0),
                "this_month": row.get("this_month", 0),
                "open": row.get("open", 0),
                "overdue": row.get("overdue", 0),
                "escalated": row.get("escalated", 0),
                "responded": responded,
                "responded_in_time": in_time.get(trust.id, 0),
                "has_lead": trust.designated_interface_lead_id is not None,
            }
        )
    practice_rows = [row for org_id, row in per_org.items() if org_id not in trusts]
    if practice_rows:
        by_trust.append(
            {
                "org": None,
                "total": sum(r["total"] for r in practice_rows),
                "this_month": sum(r["this_month"] for r in practice_rows),
                "open": sum(r["open"] for r in practice_rows),
                "overdue": sum(r["overdue"] for r in practice_rows),
                "escalated": sum(r["escalated"] for r in practice_rows),
                "responded": sum(r["responded"] for r in practice_rows),
                "responded_in_time": sum(n for org_id, n in in_time.items() if org_id not in trusts),
                "has_lead": True,
            }
        )

    by_rule = [
        {"rule": row["rule"], "label": Rule(row["rule"]).label, "total": row["total"], "this_month": row["this_month"]}
        for row in period.values("rule")
        .annotate(total=Count("id"), this_month=Count("id", filter=this_month_q))
        .order_by("-total", "rule")
    ]

    month_counts: dict[datetime.date, dict[str, int]] = defaultdict(lambda: {"raised": 0, "high": 0, "escalated": 0})
    for row in (
        period.annotate(month=TruncMonth("raised_at"))
        .values("month")
        .annotate(
            raised=Count("id"),
            high=Count("id", filter=Q(severity="high")),
            escalated=Count("id", filter=Q(escalated_at__isnull=False)),
        )
    ):
        counts = month_counts[_month(row["month"])]
        for key in ("raised", "high", "escalated"):
            counts[key] += row[key]
    by_month: list[dict[str, Any]] = [{"month": start, **month_counts[start]} for start in starts]

    names = {t.id: t.name for t in trusts.values()}
    theme_rows = (
        period.filter(about_org_id__in=list(trusts))
        .values("about_org_id", "rule", "specialty")
        .annotate(total=Count("id"), this_month=Count("id", filter=this_month_q))
        .order_by("-this_month", "-total", "rule")
    )
    specialty_labels = dict(Specialty.choices)
    themes = [
        {
            "trust": names.get(row["about_org_id"], ""),
            "rule": row["rule"],
            "rule_label": Rule(row["rule"]).label,
            "specialty": specialty_labels.get(row["specialty"], "Not given"),
            "total": row["total"],
            "this_month": row["this_month"],
        }
        for row in theme_rows
    ]

    listed = Concern.objects.filter(icb=icb).select_related("about_org", "raised_by_org")
    overdue_list = listed.filter(overdue).order_by("response_due", "raised_at")
    return Review(
        icb=icb,
        months=starts,
        by_trust=by_trust,
        by_rule=by_rule,
        by_month=by_month,
        themes=themes,
        overdue=list(overdue_list[:50]),
        overdue_count=overdue_list.count(),
        escalations=list(listed.filter(state=State.ESCALATED).order_by("escalated_at")),
        trusts_without_lead=list(trusts_without_interface_lead(icb)),
        totals={
            "raised": sum(int(m["raised"]) for m in by_month),
            "open": concerns.filter(state__in=OPEN_STATES).count(),
            "routed_to_icb": concerns.filter(routed_to_org=icb, state__in=OPEN_STATES).count(),
        },
    )


# Improvement projects --------------------------------------------------------------------------


def projects_for(actor: Actor, icb: Organisation) -> QuerySet[ImprovementProject]:
    require(actor, Permission.REVIEW_CONCERNS)
    projects = ImprovementProject.objects.select_related("trust")
    if not actor.is_system_admin:
        projects = projects.filter(icb_id=actor.icb_id)
    return projects.filter(icb=icb)


def project_for(actor: Actor, project_id: int) -> ImprovementProject:
    require(actor, Permission.REVIEW_CONCERNS)
    projects = ImprovementProject.objects.select_related("trust", "icb")
    if not actor.is_system_admin:
        projects = projects.filter(icb_id=actor.icb_id)
    return get_object_or_404(projects, id=project_id)


def project_concerns_by_month(project: ImprovementProject, *, months_each_side: int = 6) -> list[dict[str, Any]]:
    """Concerns on the project's themes, month by month, before and after its start."""
    start_month = project.start_date.replace(day=1)
    first = month_starts(start_month, months_each_side + 1)[0]
    year, month = start_month.year, start_month.month + months_each_side
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    end = datetime.date(year, month, 1)
    concerns = Concern.objects.filter(
        icb=project.icb,
        rule__in=project.rules,
        raised_at__gte=timezone.make_aware(datetime.datetime.combine(first, datetime.time.min)),
        raised_at__lt=timezone.make_aware(datetime.datetime.combine(end, datetime.time.min)),
    )
    if project.trust_id:
        concerns = concerns.filter(about_org_id=project.trust_id)
    if project.specialty:
        concerns = concerns.filter(specialty=project.specialty)
    counts: dict[datetime.date, int] = defaultdict(int)
    for row in concerns.annotate(month=TruncMonth("raised_at")).values("month").annotate(n=Count("id")):
        counts[_month(row["month"])] += row["n"]
    rows = []
    day = first
    while day < end:
        rows.append({"month": day, "count": counts[day], "after": day >= start_month})
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return rows


def team_choices(concern: Concern) -> list[tuple[str, str]]:
    """The clinical teams a concern may be assigned to: the services of the trust it was routed to."""
    teams = Service.objects.filter(trust_id=concern.routed_to_org_id).order_by("name", "id")
    return [(str(team.id), f"{team.name} ({team.get_specialty_display()})") for team in teams]


def project_choices(actor: Actor, concern: Concern) -> list[tuple[str, str]]:
    """The improvement projects of the concern's ICB, as choices for the ICB's decision."""
    projects = ImprovementProject.objects.filter(icb_id=concern.icb_id).order_by("title")
    return [(str(project.id), project.title) for project in projects]


# ---- measures (registered in concerns/panels.py; insights charts them) ----------------------------


def answered_in_clock(step: str, since: datetime.date, until: datetime.date) -> list[MonthlyFigure]:
    """Of concerns about a trust raised in each month whose ``step`` clock ("acknowledge" or "respond")
    has ended (the step taken, or its due day passed), those taken by the due day, per trust."""
    done, due = ("acknowledged_at", "acknowledge_due") if step == "acknowledge" else ("responded_at", "response_due")
    start, end = months.between(since, until)
    ended = Q(**{f"{done}__isnull": False}) | Q(**{f"{due}__lt": timezone.localdate()})
    rows = (
        Concern.objects.filter(raised_at__gte=start, raised_at__lt=end, about_org__kind=OrganisationKind.NHS_TRUST)
        .filter(ended)
        .annotate(month=TruncMonth("raised_at"))
        .values("month", "about_org_id")
        .annotate(total=Count("id"), met=Count("id", filter=Q(**{f"{done}__date__lte": F(due)})))
        .order_by("month", "about_org_id")
    )
    return [
        MonthlyFigure(
            month=months.first_day(r["month"]),
            organisation_id=r["about_org_id"],
            numerator=r["met"],
            denominator=r["total"],
        )
        for r in rows
    ]


def escalated_to_the_icb(since: datetime.date, until: datetime.date) -> list[MonthlyFigure]:
    """Concerns about each trust escalated to the ICB, by the month they were escalated."""
    start, end = months.between(since, until)
    rows = (
        Concern.objects.filter(
            escalated_at__gte=start, escalated_at__lt=end, about_org__kind=OrganisationKind.NHS_TRUST
        )
        .annotate(month=TruncMonth("escalated_at"))
        .values("month", "about_org_id")
        .annotate(n=Count("id"))
        .order_by("month", "about_org_id")
    )
    return [
        MonthlyFigure(month=months.first_day(r["month"]), organisation_id=r["about_org_id"], numerator=r["n"])
        for r in rows
    ]


def referee_decisions(since: datetime.date, until: datetime.date) -> list[MonthlyFigure]:
    """The ICB's decisions as referee on concerns about each trust, by the month decided: the share that
    upheld the concern (wholly or partly) of the decisions made (the denominator is how many were made)."""
    start, end = months.between(since, until)
    upheld = [DecisionOutcome.UPHELD, DecisionOutcome.PARTLY_UPHELD]
    rows = (
        Concern.objects.filter(
            state=State.DECIDED, closed_at__gte=start, closed_at__lt=end, about_org__kind=OrganisationKind.NHS_TRUST
        )
        .exclude(decision_outcome="")
        .annotate(month=TruncMonth("closed_at"))
        .values("month", "about_org_id")
        .annotate(total=Count("id"), met=Count("id", filter=Q(decision_outcome__in=upheld)))
        .order_by("month", "about_org_id")
    )
    return [
        MonthlyFigure(
            month=months.first_day(r["month"]),
            organisation_id=r["about_org_id"],
            numerator=r["met"],
            denominator=r["total"],
        )
        for r in rows
    ]


# ---- the records behind insights' figures (issue 13 drill-down) ------------------------------------
RECORDS_LIMIT = 200


def _records(actor: Actor, trust_id: int, found: QuerySet[Concern], met_text: Any) -> list[dict[str, str]]:
    if trust_id not in directory_selectors.measured_trust_ids(actor):
        raise Http404("No such trust")
    found = found.filter(about_org_id=trust_id).select_related("service")
    chosen = list(found[:RECORDS_LIMIT])
    openable: set[int] = set()
    if actor.can(Permission.VIEW_CONCERNS):
        openable = set(visible_concerns(actor).filter(id__in=[c.id for c in chosen]).values_list("id", flat=True))
    rows = []
    for concern in chosen:
        met, detail = met_text(concern)
        rows.append(
            {
                "reference": concern.reference,
                "what": f"{concern.get_rule_display()} ({concern.get_severity_display().lower()}), "
                f"raised {timezone.localtime(concern.raised_at):%d %B %Y}",
                "detail": detail,
                "date": f"{timezone.localtime(concern.raised_at):%Y-%m-%d}",
                "met": met,
                "service_id": str(concern.service_id or ""),
                "service": concern.service.name if concern.service else "",
                "link": reverse("concerns:detail", args=[concern.id]) if concern.id in openable else "",
            }
        )
    return rows


def _next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def records_in_clock(step: str, actor: Actor, trust_id: int, month: datetime.date) -> list[dict[str, str]]:
    """The concerns behind one trust's month of ``answered_in_clock``, late first; no patient named."""
    done, due = ("acknowledged_at", "acknowledge_due") if step == "acknowledge" else ("responded_at", "response_due")
    start, end = months.between(month, _next_month(month))
    found = (
        Concern.objects.filter(raised_at__gte=start, raised_at__lt=end)
        .filter(Q(**{f"{done}__isnull": False}) | Q(**{f"{due}__lt": timezone.localdate()}))
        .annotate(met=Case(When(**{f"{done}__date__lte": F(due)}, then=Value(1)), default=Value(0)))
        .order_by("met", "raised_at", "id")
    )

    def met_text(concern: Concern) -> tuple[str, str]:
        met = bool(concern.met)  # type: ignore[attr-defined]
        when = getattr(concern, done)
        past = "acknowledged" if step == "acknowledge" else "responded to"
        taken = f"{past} {timezone.localtime(when):%d %B %Y}" if when else f"not {past}"
        due_day = getattr(concern, due)
        return ("yes" if met else "no", f"{'In time' if met else 'Late'}: due {due_day:%d %B %Y}, {taken}")

    return _records(actor, trust_id, found, met_text)


def records_escalated(actor: Actor, trust_id: int, month: datetime.date) -> list[dict[str, str]]:
    """The concerns about the trust escalated to the ICB in the month."""
    start, end = months.between(month, _next_month(month))
    found = Concern.objects.filter(escalated_at__gte=start, escalated_at__lt=end).order_by("escalated_at", "id")
    return _records(
        actor,
        trust_id,
        found,
        lambda c: ("", f"Escalated {timezone.localtime(c.escalated_at):%d %B %Y}; now {c.get_state_display().lower()}"),
    )


def records_decided(actor: Actor, trust_id: int, month: datetime.date) -> list[dict[str, str]]:
    """The ICB's referee decisions on concerns about the trust in the month, and how each went."""
    start, end = months.between(month, _next_month(month))
    found = (
        Concern.objects.filter(state=State.DECIDED, closed_at__gte=start, closed_at__lt=end)
        .exclude(decision_outcome="")
        .order_by("closed_at", "id")
    )
    upheld = {DecisionOutcome.UPHELD, DecisionOutcome.PARTLY_UPHELD}
    return _records(
        actor,
        trust_id,
        found,
        lambda c: (
            "yes" if c.decision_outcome in upheld else "no",
            f"Decided {timezone.localtime(c.closed_at):%d %B %Y}: {c.get_decision_outcome_display()}",
        ),
    )


# ---- the board packs (insights, issue 13) ----------------------------------------------------------


def board_pack(icb_id: int, trust_id: int | None = None, *, decided_months: int = 3) -> dict[str, Any]:
    """What a board pack shows of concerns, for an ICB (or one of its trusts): the escalations still open,
    the referee decisions of the last ``decided_months`` months and how they went, and (for the ICB)
    its improvement projects with the concerns on their themes in the six months before and after each
    started. No patient is named. The caller (insights) has already checked the reader may see this ICB
    or trust: a pack may also be produced with no one signed in, to be emailed to the ICB's board."""
    concerns = Concern.objects.filter(icb_id=icb_id, about_org__kind=OrganisationKind.NHS_TRUST).select_related(
        "about_org"
    )
    if trust_id is not None:
        concerns = concerns.filter(about_org_id=trust_id)
    since = month_starts(timezone.localdate(), decided_months)[0]
    start, _end = months.between(since, since)
    decided = (
        concerns.filter(state=State.DECIDED, closed_at__gte=start).exclude(decision_outcome="").order_by("-closed_at")
    )
    outcomes = {label: 0 for label in DecisionOutcome.labels}
    for concern in decided:
        outcomes[concern.get_decision_outcome_display()] += 1
    projects: list[dict[str, Any]] = []
    if trust_id is None:
        for project in ImprovementProject.objects.filter(icb_id=icb_id).select_related("trust"):
            by_month = project_concerns_by_month(project)
            projects.append(
                {
                    "project": project,
                    "before": sum(m["count"] for m in by_month if not m["after"]),
                    "after": sum(m["count"] for m in by_month if m["after"]),
                    "by_month": by_month,
                }
            )
    return {
        "escalations": list(concerns.filter(state=State.ESCALATED).order_by("escalated_at", "id")),
        "decided": list(decided),
        "decided_since": since,
        "outcomes": outcomes,
        "projects": projects,
    }
