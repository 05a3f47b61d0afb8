"""Reads of referrals and A&G requests, each scoped to what the asking actor may see.

A practice sees the requests it sent; a trust sees those sent to its own services. Anyone else,
and any other request, gets 404.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.paginator import Page
from django.db.models import Case, Count, F, IntegerField, Max, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, TruncMonth
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from joinedup.core import months, pagination
from joinedup.core.measures import MonthlyFigure
from joinedup.directory import selectors as directory
from joinedup.directory.access import Actor, Permission, require
from joinedup.directory.models import CapacityStatus, Service

from .models import AWAITING_PROVIDER, Attachment, ClinicalRequest, Kind, Priority, RequestEvent, State
from .presenters import PRACTICE_LISTS

PAGE_SIZE = 50


# Worklists put suspected cancer first, then urgent, then routine; within each, the soonest clock.
PRIORITY_FIRST = Case(
    When(priority=Priority.TWO_WEEK_WAIT, then=Value(0)),
    When(priority=Priority.URGENT, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
).asc()
REQUEST_JOINS = ("patient", "service", "trust", "requester_org", "requester")


def visible_requests(actor: Actor) -> QuerySet[ClinicalRequest]:
    requests = ClinicalRequest.objects.select_related(*REQUEST_JOINS)
    if actor.in_practice and actor.can(Permission.VIEW_PRACTICE_REQUESTS):
        return requests.filter(requester_org_id=actor.organisation.id)
    if actor.in_trust and actor.can(Permission.VIEW_PROVIDER_WORKLISTS):
        return requests.filter(trust_id=actor.organisation.id)
    return requests.none()


def request_for(actor: Actor, request_id: int) -> ClinicalRequest:
    if not (actor.can(Permission.VIEW_PRACTICE_REQUESTS) or actor.can(Permission.VIEW_PROVIDER_WORKLISTS)):
        require(actor, Permission.VIEW_PRACTICE_REQUESTS)  # 403: the role never sees requests
    return get_object_or_404(visible_requests(actor), id=request_id)


def may_see(actor: Actor, request_id: int) -> bool:
    return visible_requests(actor).filter(id=request_id).exists()


def attachment_for(actor: Actor, request_id: int, attachment_id: int) -> Attachment:
    request = request_for(actor, request_id)
    return get_object_or_404(Attachment, id=attachment_id, request=request)


def _clock_filter(requests: QuerySet[ClinicalRequest], clock: str, today: datetime.date) -> QuerySet[ClinicalRequest]:
    if clock == "overdue":
        return requests.filter(due_date__lt=today)
    if clock == "today":
        return requests.filter(due_date=today)
    if clock == "in_time":
        return requests.filter(due_date__gt=today)
    return requests


def provider_worklist(
    actor: Actor,
    which: str,
    *,
    service_id: int | None = None,
    priority: str = "",
    clock: str = "",
    today: datetime.date,
) -> QuerySet[ClinicalRequest]:
    """The trust's open items of one list, the most overdue first (the due date orders them).

    "to_book" is the booking side: accepted referrals waiting for their first appointment, the
    longest waiting first (triage clocks no longer run, so ``clock`` does not apply).
    """
    require(actor, Permission.VIEW_PROVIDER_WORKLISTS)
    kind = Kind.ADVICE if which == "advice" else Kind.REFERRAL
    state = {"advice": State.AWAITING_ADVICE, "to_book": State.ACCEPTED}.get(which, State.AWAITING_TRIAGE)
    if which == "to_book":
        clock = ""
    requests = visible_requests(actor).filter(kind=kind, state=state)
    if service_id:
        requests = requests.filter(service_id=service_id)
    if priority in Priority.values:
        requests = requests.filter(priority=priority)
    return _clock_filter(requests, clock, today).order_by(PRIORITY_FIRST, "due_date", "id")


def practice_worklist(actor: Actor, which: str, *, today: datetime.date) -> QuerySet[ClinicalRequest]:
    require(actor, Permission.VIEW_PRACTICE_REQUESTS)
    requests = visible_requests(actor)
    if which == "returned":
        return requests.filter(state__in=[State.RETURNED, State.REJECTED]).order_by("-requester_unseen", "-id")
    if which == "asked":  # waiting for the GP's answer: its own list, not "answered" (issue 12, bug 7)
        return requests.filter(kind=Kind.ADVICE, state=State.INFORMATION_REQUESTED).order_by("-requester_unseen", "-id")
    if which == "answered":
        return requests.filter(kind=Kind.ADVICE, state=State.ADVICE_GIVEN).order_by("-requester_unseen", "-id")
    if which == "overdue":
        return requests.filter(state__in=AWAITING_PROVIDER, due_date__lt=today).order_by("due_date", "id")
    return requests.filter(state__in=AWAITING_PROVIDER).order_by("due_date", "id")


def page_of(requests: QuerySet[ClinicalRequest], number: str | int | None) -> Page:
    """One page of requests (core.pagination: the ids first, then only that page's rows joined)."""
    return pagination.page_of(
        requests,
        number,
        PAGE_SIZE,
        load=lambda ids: ClinicalRequest.objects.select_related(*REQUEST_JOINS).filter(id__in=ids),
    )


def practice_attention_count(actor: Actor) -> int:
    """Requests the practice must see (returned, rejected, answered, asked) that nobody there has opened yet."""
    if not actor.in_practice:
        return 0
    return ClinicalRequest.objects.filter(requester_org_id=actor.organisation.id, requester_unseen=True).count()


def to_book_count(actor: Actor) -> int:
    """Accepted referrals at the actor's trust waiting for their first appointment."""
    if not actor.in_trust:
        return 0
    return ClinicalRequest.objects.filter(
        trust_id=actor.organisation.id, kind=Kind.REFERRAL, state=State.ACCEPTED
    ).count()


def provider_waiting_count(actor: Actor) -> int:
    """Items awaiting triage or an answer at the actor's trust."""
    if not actor.in_trust:
        return 0
    # One count per (kind, state): each is a range of the worklist index, where "state IN (...)" alone
    # would read every row of the trust's index (PostgreSQL cannot skip over the kind column).
    at_trust = ClinicalRequest.objects.filter(trust_id=actor.organisation.id)
    return (
        at_trust.filter(kind=Kind.REFERRAL, state=State.AWAITING_TRIAGE).count()
        + at_trust.filter(kind=Kind.ADVICE, state=State.AWAITING_ADVICE).count()
    )


def practice_counts(actor: Actor, today: datetime.date) -> dict[str, int]:
    return {which: practice_worklist(actor, which, today=today).count() for which in PRACTICE_LISTS}


def questions_asked(requests: list[ClinicalRequest]) -> dict[int, str]:
    """The hospital's latest question on each request (for the list of questions waiting for the GP)."""
    latest: dict[int, str] = {}
    asked = RequestEvent.objects.filter(request__in=requests, action="ask").order_by("at", "id")
    for request_id, note in asked.values_list("request_id", "note"):
        latest[request_id] = note
    return latest


def trust_services(actor: Actor) -> QuerySet[Service]:
    return directory.services_of_trust(actor.organisation.id)


def timeline(request: ClinicalRequest) -> list[RequestEvent]:
    files = Prefetch("attachments", queryset=Attachment.objects.defer("data"))
    return list(request.events.prefetch_related(files))


def attachments(request: ClinicalRequest) -> list[Attachment]:
    return list(request.attachments.defer("data"))


def related_requests(request: ClinicalRequest) -> list[ClinicalRequest]:
    """The A&G a referral was made from, or the referral an A&G became (same UBRN)."""
    found = ClinicalRequest.objects.filter(ubrn=request.ubrn).exclude(id=request.id)
    return list(found.filter(requester_org_id=request.requester_org_id, trust_id=request.trust_id))


@dataclass(frozen=True)
class ServiceChoice:
    service: Service
    limited: bool


def services_for(actor: Actor, specialty: str, *, advice: bool) -> list[ServiceChoice]:
    """Services in the actor's ICB offering the specialty: those with capacity first, then the shortest wait."""
    services = directory.services_in_icb(actor.icb_id, specialties=[specialty])
    services = services.filter(takes_advice_and_guidance=True) if advice else services.filter(takes_referrals=True)
    ordered = services.annotate(
        limited=Case(
            When(capacity_status=CapacityStatus.LIMITED, then=Value(1)), default=Value(0), output_field=IntegerField()
        )
    ).order_by("limited", "indicative_wait_weeks", "trust__name", "name")
    return [ServiceChoice(s, s.capacity_status == CapacityStatus.LIMITED) for s in ordered]


def service_choices(actor: Actor) -> list[tuple[str, str]]:
    """Every service in the actor's ICB that takes referrals, as choices a person can tell apart."""
    return [
        (str(service.id), f"{service.name}, {service.trust.name} ({service.get_specialty_display()})")
        for service in directory.referral_services_in_icb(actor.icb_id)
    ]


def requests_for_patient(actor: Actor, patient_id: int, limit: int) -> list[ClinicalRequest]:
    """The referrals and A&G requests about one patient that the actor may see, newest first."""
    return list(visible_requests(actor).filter(patient_id=patient_id).order_by("-sent_at", "-id")[:limit])


# ---- measures (registered in referrals/panels.py; insights charts them) --------------------------


def answered_in_clock(kind: str, since: datetime.date, until: datetime.date) -> list[MonthlyFigure]:
    """Of requests of ``kind`` sent in each month whose clock has ended (answered, or the due date passed),
    those first answered on or before their due date, per trust and service."""
    today = timezone.localdate()
    ended = Q(responded_at__isnull=False) | Q(due_date__lt=today)
    rows = (
        _sent_between(since, until)
        .filter(ended, kind=kind)
        .annotate(month=TruncMonth("sent_at"))
        .values("month", "trust_id", "service_id")
        .annotate(total=Count("id"), met=Count("id", filter=Q(responded_at__date__lte=F("due_date"))))
        .order_by("month", "trust_id", "service_id")
    )
    return [_figure(row, "met") for row in rows]


def returned_or_rejected(since: datetime.date, until: datetime.date) -> list[MonthlyFigure]:
    """Of referrals sent in each month and answered, those returned with advice or rejected, per trust and service."""
    rows = (
        _sent_between(since, until)
        .filter(kind=Kind.REFERRAL, responded_at__isnull=False)
        .annotate(month=TruncMonth("sent_at"))
        .values("month", "trust_id", "service_id")
        .annotate(total=Count("id"), met=Count("id", filter=Q(state__in=[State.RETURNED, State.REJECTED])))
        .order_by("month", "trust_id", "service_id")
    )
    return [_figure(row, "met") for row in rows]


def advice_outcomes(outcome: str, since: datetime.date, until: datetime.date) -> list[MonthlyFigure]:
    """Of A&G requests finished in each month (closed by the GP or converted by the consultant), those that
    ended as ``outcome``: "converted" (the consultant made it a referral) or "avoided" (the GP closed it and
    no referral was made from it), per trust and service."""
    start, end = months.between(since, until)
    finished = ClinicalRequest.objects.filter(
        kind=Kind.ADVICE, state__in=[State.CLOSED, State.CONVERTED], finished_at__gte=start, finished_at__lt=end
    )
    counted = (
        Q(state=State.CONVERTED)
        if outcome == "converted"
        else Q(state=State.CLOSED)
        & ~Q(id__in=ClinicalRequest.objects.filter(converted_from__isnull=False).values("converted_from_id"))
    )
    rows = (
        finished.annotate(month=TruncMonth("finished_at"))
        .values("month", "trust_id", "service_id")
        .annotate(total=Count("id"), met=Count("id", filter=counted))
        .order_by("month", "trust_id", "service_id")
    )
    return [_figure(row, "met") for row in rows]


def answered_to_practices(kind: str, since: datetime.date, until: datetime.date) -> list[MonthlyFigure]:
    """The work the hospital's answers put on each practice, per practice and month of the answer: referrals
    returned or rejected (the practice acts on the advice), or A&G answered with advice or a question
    (not those the hospital converted to a referral and kept)."""
    start, end = months.between(since, until)
    answered = ClinicalRequest.objects.filter(responded_at__gte=start, responded_at__lt=end, kind=kind)
    if kind == Kind.REFERRAL:
        answered = answered.filter(state__in=[State.RETURNED, State.REJECTED])
    else:
        answered = answered.exclude(state=State.CONVERTED)
    rows = (
        answered.annotate(month=TruncMonth("responded_at"))
        .values("month", "requester_org_id")
        .annotate(n=Count("id"))
        .order_by("month", "requester_org_id")
    )
    return [
        MonthlyFigure(month=months.first_day(r["month"]), organisation_id=r["requester_org_id"], numerator=r["n"])
        for r in rows
    ]


def _sent_between(since: datetime.date, until: datetime.date) -> QuerySet[ClinicalRequest]:
    start, end = months.between(since, until)
    return ClinicalRequest.objects.filter(sent_at__gte=start, sent_at__lt=end)


def _figure(row: dict[str, object], count_key: str) -> MonthlyFigure:
    day = months.first_day(row["month"])  # type: ignore[arg-type]
    return MonthlyFigure(
        month=day,  # type: ignore[arg-type]
        organisation_id=int(row["trust_id"]),  # type: ignore[call-overload]
        numerator=float(row[count_key]),  # type: ignore[arg-type]
        denominator=float(row["total"]),  # type: ignore[arg-type]
        service_id=row["service_id"],  # type: ignore[arg-type]
    )


def requests_about_patient_for_the_patient(patient_id: int, limit: int = 50) -> list[ClinicalRequest]:
    """The referrals and A&G requests about one patient, for that patient's own view (the caller has
    established who the patient is): not the cancelled, closed or converted ones, newest change first."""
    return list(
        ClinicalRequest.objects.select_related("service", "trust", "requester_org")
        .filter(patient_id=patient_id)
        .exclude(state__in=[State.CANCELLED, State.CLOSED, State.CONVERTED])
        .order_by("-sent_at", "-id")[:limit]
    )


def nhs_numbers_with_requests_in(state: str, limit: int) -> list[str]:
    """The NHS numbers of (up to ``limit``) patients with a request in ``state``, lowest id first: for
    the demo's NHS login users, who should find something on their page."""
    ids = ClinicalRequest.objects.filter(state=state).order_by("id").values_list("patient__nhs_number", flat=True)
    return list(dict.fromkeys(ids[: limit * 4]))[:limit]


def visible_attachments(actor: Actor) -> QuerySet[Attachment]:
    """Files sent with the requests the actor may see (for client systems, which list them across requests)."""
    return Attachment.objects.filter(request__in=visible_requests(actor)).select_related("request__patient")


# ---- for the FHIR API (joinedup.api): the conversation as messages, and when each request last changed ----

# The steps of an A&G conversation that say something to the other side (each an R4 Communication).
CONVERSATION_ACTIONS = ("sent", "ask", "answer", "reply", "convert", "refer", "close", "withdraw")


def with_last_changed(requests: QuerySet[ClinicalRequest]) -> QuerySet[ClinicalRequest]:
    """``last_changed`` on each request: its latest timeline row (every step writes one), via the timeline index."""
    latest = RequestEvent.objects.filter(request_id=OuterRef("id")).order_by("-at").values("at")[:1]
    return requests.annotate(last_changed=Coalesce(Subquery(latest), F("sent_at")))


def last_changed_of(request_ids: list[int]) -> dict[int, datetime.datetime]:
    """When each of these requests last changed (its latest timeline row), in one grouped query."""
    rows = RequestEvent.objects.filter(request_id__in=request_ids).values("request_id").annotate(last=Max("at"))
    return {row["request_id"]: row["last"] for row in rows}


def conversation_messages(actor: Actor) -> QuerySet[RequestEvent]:
    """Every message of the A&G conversations the actor may see: the question (the "sent" row) and each
    step with words in it, oldest first."""
    visible = visible_requests(actor).filter(kind=Kind.ADVICE).values("id")
    return (
        RequestEvent.objects.select_related(*(f"request__{join}" for join in REQUEST_JOINS))
        .filter(request_id__in=Subquery(visible), action__in=CONVERSATION_ACTIONS)
        .filter(Q(action="sent") | ~Q(note=""))
    )


# ---- the records behind insights' figures (issue 13 drill-down) ------------------------------------
RECORDS_LIMIT = 200


def records_in_clock(kind: str, actor: Actor, trust_id: int, month: datetime.date) -> list[dict[str, str]]:
    """The requests behind one trust's month of ``answered_in_clock``: those sent that month whose clock
    has ended, late first; no patient named (the ICB sees aggregates, not patients). A link only where
    the actor may open the request. A trust the actor may not see is a 404."""
    if trust_id not in directory.measured_trust_ids(actor):
        raise Http404("No such trust")
    today = timezone.localdate()
    found = (
        _sent_between(month, _next(month))
        .filter(Q(responded_at__isnull=False) | Q(due_date__lt=today), kind=kind, trust_id=trust_id)
        .select_related("service")
        .annotate(met=Case(When(responded_at__date__lte=F("due_date"), then=Value(1)), default=Value(0)))
        .order_by("met", "sent_at", "id")[:RECORDS_LIMIT]
    )
    openable = set(visible_requests(actor).filter(id__in=[r.id for r in found]).values_list("id", flat=True))
    rows = []
    for request in found:
        met = bool(request.met)  # type: ignore[attr-defined]
        answered = (
            f"answered {timezone.localtime(request.responded_at):%d %B %Y}" if request.responded_at else "not answered"
        )
        rows.append(
            {
                "reference": request.reference,
                "what": f"{request.get_kind_display()} to {request.service.name}, sent {timezone.localtime(request.sent_at):%d %B %Y}",
                "detail": f"{'In time' if met else 'Late'}: due {request.due_date:%d %B %Y}, {answered}",
                "date": f"{timezone.localtime(request.sent_at):%Y-%m-%d}",
                "met": "yes" if met else "no",
                "service_id": str(request.service_id),
                "service": request.service.name,
                "link": reverse("referrals:detail", args=[request.id]) if request.id in openable else "",
            }
        )
    return rows


def _next(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
