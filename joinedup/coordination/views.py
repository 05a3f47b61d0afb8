"""Care coordination pages: escalating, the hub's queue, an escalation and its steps, the services directory."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from joinedup.core import once, pagination
from joinedup.core.forms import add_validation_errors
from joinedup.core.numbers import whole_number
from joinedup.core.steps import done_message, step_for_page, take_step
from joinedup.core.views import current_actor
from joinedup.directory.access import Actor, Permission, require

from . import oruk, presenters, selectors, services
from .forms import ActionForm, CapacityForm, EscalationForm, ImportForm
from .matching import Match, opening
from .models import State

IMPORT_MAX_BYTES = 2 * 1024 * 1024


def _page(request: HttpRequest, rows: Any) -> tuple[Page, dict[str, str]]:
    """One page of a list (ids first, then just that page's rows), and the links either side."""
    page = pagination.page_of(rows, request.GET.get("page"), selectors.PAGE_SIZE, load=selectors.in_order)
    return page, pagination.neighbour_links(page, request.GET)


def _viewer(request: HttpRequest) -> Actor:
    actor = current_actor(request)
    if not selectors.may_see_escalations(actor):
        raise PermissionDenied("Your role does not show urgent escalations")
    return actor


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """A practice's or neighbourhood team's escalations, and those with the organisation's urgent services."""
    actor = _viewer(request)
    if actor.can(Permission.COORDINATE_ESCALATIONS):
        return redirect("coordination:hub")
    now = timezone.now()
    sent_page, links = _page(request, selectors.sent_and_ours(actor))
    team = selectors.in_order(list(selectors.with_our_services(actor).values_list("id", flat=True)[:50]))
    return render(
        request,
        "coordination/mine.jinja",
        {
            "title": "Urgent escalations",
            "page": sent_page,
            "links": links,
            "team": team,
            "responds": actor.can(Permission.RESPOND_TO_ESCALATIONS),
            "shows_sent": actor.can(Permission.ESCALATE_URGENT) or actor.in_practice,
            "can_escalate": actor.can(Permission.ESCALATE_URGENT),
            "clock": presenters.clock,
            "now": now,
        },
    )


@login_required
def hub(request: HttpRequest) -> HttpResponse:
    """The hub's queue: new first by urgency and clock, each with the services matched."""
    actor = require(current_actor(request), Permission.COORDINATE_ESCALATIONS)
    which = request.GET.get("which", "open")
    which = which if which in ("open", "closed") else "open"
    page, links = _page(request, selectors.hub_queue(actor, which=which))
    return render(
        request,
        "coordination/hub.jinja",
        {
            "title": "Hub queue",
            "which": which,
            "page": page,
            "links": links,
            "counts": selectors.summary(selectors.hub_queue(actor, which="all")),
            "clock": presenters.clock,
            "match_rows": presenters.match_rows,
            "now": timezone.now(),
        },
    )


def _input(data: dict[str, Any], preferred: str) -> services.EscalationInput:
    return services.EscalationInput(
        nhs_number=data.get("nhs_number", ""),
        place=data.get("place", ""),
        postcode=data.get("postcode", ""),
        problem=data.get("problem", ""),
        details=data.get("details", ""),
        news2=data.get("news2"),
        urgency=data.get("urgency", ""),
        tried=data.get("tried", ""),
        consent=bool(data.get("consent")),
        preferred_service=whole_number(preferred, 12),
    )


@login_required
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    """Escalate a patient: the form, then the services that fit (with reasons), then send it to the hub."""
    actor = require(current_actor(request), Permission.ESCALATE_URGENT)
    if not (actor.in_practice or actor.in_community_provider):
        raise PermissionDenied("Only a GP practice or a neighbourhood team escalates to the hub")
    initial = {"nhs_number": request.GET.get("nhs_number", "")[:12]}
    form = EscalationForm(request.POST or None, initial=initial)
    matches: list[Match] = []
    preferred = str(request.POST.get("preferred_service", ""))[:12]
    preferred_error = ""
    if request.method == "POST":
        valid = form.is_valid()
        raw = {name: str(form.data.get(name, "")) for name in form.fields}
        data = form.cleaned_data if valid else {**raw, "news2": None, "consent": form.data.get("consent")}
        problems, patient = services.escalation_problems(actor, _input(data, ""))
        for name, message in problems.items():
            if name not in form.errors and (valid or name != "news2"):
                form.add_error(name, message)
        if not form.errors and patient is not None:
            matches = selectors.matches_for(
                actor,
                patient=patient,
                problem=data["problem"],
                place=data["place"],
                urgency=data["urgency"],
                postcode=data.get("postcode", ""),
            )
            fitting = {str(m.service.id) for m in matches if m.fits}
            if request.POST.get("stage") == "send":
                if preferred and preferred not in fitting:
                    preferred_error = "Select a service that fits, or leave it to the hub"
                else:
                    try:
                        sent = once.submit_once(
                            form.cleaned_data.get(once.FIELD, ""),
                            lambda: services.escalate(actor=actor, data=_input(data, preferred), matches=matches),
                            lambda made: reverse("coordination:detail", kwargs={"escalation_id": made.id}),
                        )
                    except once.AlreadySubmitted as earlier:
                        messages.info(request, "You sent this escalation already: here it is. Nothing was sent twice.")
                        return redirect(earlier.url)
                    except ValidationError as invalid:
                        add_validation_errors(form, invalid)
                    else:
                        messages.success(request, f"Escalation {sent.reference} sent to {sent.hub.name}")
                        return redirect("coordination:detail", escalation_id=sent.id)
    return render(
        request,
        "coordination/new.jinja",
        {
            "title": "Escalate a patient to the care coordination hub",
            "form": form,
            "matches": presenters.match_rows([m.as_json() for m in matches]),
            "preferred": preferred,
            "preferred_error": preferred_error,
            "page_has_errors": bool(form.errors or preferred_error),
        },
        status=400 if (form.errors or preferred_error) else 200,
    )


def _detail_context(actor: Actor, escalation: Any) -> dict[str, Any]:
    return {
        "item": escalation,
        "clock": presenters.clock(escalation),
        "due": presenters.due_label(escalation),
        "colours": presenters.STATE_COLOURS,
    }


@login_required
def detail(request: HttpRequest, escalation_id: int) -> HttpResponse:
    actor = _viewer(request)
    escalation = selectors.escalation_for(actor, escalation_id)
    services.escalation_viewed(actor=actor, escalation=escalation)
    return render(
        request,
        "coordination/detail.jinja",
        {
            "title": f"Escalation {escalation.reference}",
            **_detail_context(actor, escalation),
            "matches": presenters.match_rows(escalation.matches),
            "events": selectors.timeline(escalation),
            "actions": services.WORKFLOW.allowed(actor, escalation),
        },
    )


@login_required
def status(request: HttpRequest, escalation_id: int) -> HttpResponse:
    """The escalation's state, polled by its page every 10 seconds: 204 while it has not changed.

    It names no patient (the page it sits in was audited as viewed), so polling is not audited.
    """
    actor = _viewer(request)
    escalation = selectors.escalation_for(actor, escalation_id)
    seen = request.GET.get("version", "")
    if whole_number(seen, 12) == escalation.version:
        return HttpResponse(status=204)
    context = {**_detail_context(actor, escalation), "events": selectors.timeline(escalation), "oob": True}
    return render(request, "coordination/_status.jinja", context)


def _service_choices(actor: Actor) -> list[tuple[str, str]]:
    return [
        (
            str(s.id),
            f"{s.name} ({s.get_kind_display()}, {s.organisation.name}), capacity {s.get_capacity_display().lower()}",
        )
        for s in selectors.icb_services(actor)
    ]


def _when(data: dict[str, Any]) -> datetime.datetime | None:
    day, time = data.get("outcome_on"), data.get("outcome_time")
    if not day or not time:
        return None
    hours, minutes = (int(part) for part in time.split(":"))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hours, minutes)))


@login_required
@require_http_methods(["GET", "POST"])
def act(request: HttpRequest, escalation_id: int, action: str) -> HttpResponse:
    actor = _viewer(request)
    escalation = selectors.escalation_for(actor, escalation_id)
    step = step_for_page(
        request,
        services.WORKFLOW,
        actor,
        escalation,
        action,
        what="escalation",
        record_url=reverse("coordination:detail", kwargs={"escalation_id": escalation.id}),
    )
    if isinstance(step, HttpResponse):
        return step
    now = timezone.localtime()
    # Day, month and year as the date boxes show them (the widget draws a list, not a date).
    initial: dict[str, Any] = {
        "version": escalation.version,
        "outcome_on": [now.day, now.month, now.year],
        "outcome_time": f"{now:%H:%M}",
    }
    if action == "accept" and escalation.preferred_service_id:
        initial["service"] = str(escalation.preferred_service_id)
    form = ActionForm(
        request.POST or None,
        initial=initial,
        step=step,
        services=_service_choices(actor) if "service" in step.needs else [],
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        service = data.get("service", "")
        settled = take_step(
            request,
            form,
            lambda: services.take(
                actor=actor,
                escalation_id=escalation.id,
                action=action,
                expected_version=data["version"],
                service_id=int(service) if service else None,
                note=data.get("note", ""),
                reason=data.get("reason", ""),
                advice=data.get("advice", ""),
                outcome=data.get("outcome", ""),
                outcome_at=_when(data),
            ),
            done=done_message(f"Escalation {escalation.reference}", step, escalation.state, dict(State.choices)),
            record_url=reverse("coordination:detail", kwargs={"escalation_id": escalation.id}),
        )
        if settled:
            return settled
    return render(
        request,
        "coordination/act.jinja",
        {
            "title": step.button,
            "form": form,
            "item": escalation,
            "step": step,
            "matches": presenters.match_rows(escalation.matches) if "service" in step.needs else [],
            "page_has_errors": bool(form.errors),
        },
        status=400 if form.errors else 200,
    )


# The urgent services directory ---------------------------------------------------------------


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    actor = require(current_actor(request), Permission.VIEW_DIRECTORY)
    now = timezone.localtime().replace(tzinfo=None)
    rows = [(s, opening(selectors.facts(s), now)) for s in selectors.icb_services(actor)]
    return render(
        request,
        "coordination/services.jinja",
        {
            "title": "Urgent services",
            "rows": rows,
            "own": {s.id for s in selectors.our_services(actor)},
            "manages": actor.can(Permission.MANAGE_URGENT_DIRECTORY),
            "team": selectors.in_order(list(selectors.with_our_services(actor).values_list("id", flat=True)[:50]))
            if actor.can(Permission.RESPOND_TO_ESCALATIONS)
            else [],
            "clock": presenters.clock,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def capacity(request: HttpRequest, service_id: int) -> HttpResponse:
    actor = current_actor(request)
    service = selectors.own_service(actor, service_id)
    form = CapacityForm(
        request.POST or None,
        initial={"version": service.version, "capacity": service.capacity, "note": service.capacity_note},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        settled = take_step(
            request,
            form,
            lambda: services.capacity_update(
                actor=actor,
                service_id=service.id,
                capacity=data["capacity"],
                note=data["note"],
                expected_version=data["version"],
            ),
            done=f"{service.name}: capacity today updated",
            record_url=reverse("coordination:services"),
        )
        if settled:
            return settled
    return render(
        request,
        "coordination/capacity.jinja",
        {
            "title": f"Capacity today: {service.name}",
            "form": form,
            "service": service,
            "page_has_errors": bool(form.errors),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def directory_import(request: HttpRequest) -> HttpResponse:
    actor = require(current_actor(request), Permission.MANAGE_URGENT_DIRECTORY)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            form.add_error("file", "The file must be 2 MB or smaller")
        else:
            try:
                data = json.loads(upload.read().decode("utf-8"))
            except (UnicodeDecodeError, ValueError, RecursionError):
                form.add_error("file", "The file is not JSON (Open Referral UK JSON, UTF-8)")
            else:
                try:
                    saved = services.directory_import(actor=actor, data=data)
                except oruk.DirectoryErrors as refused:
                    problems = refused.errors
                    form.add_error(
                        "file",
                        f"Nothing was imported: the file has {len(problems)} "
                        f"{'error' if len(problems) == 1 else 'errors'}, listed below",
                    )
                else:
                    messages.success(request, f"Imported {len(saved)} {'service' if len(saved) == 1 else 'services'}")
                    return redirect("coordination:services")
    return render(
        request,
        "coordination/import.jinja",
        {
            "title": "Import the urgent services directory",
            "form": form,
            "problems": problems[:200],
            "more_problems": max(len(problems) - 200, 0),
            "page_has_errors": bool(form.errors),
        },
        status=400 if form.errors else 200,
    )


@login_required
def directory_export(request: HttpRequest) -> HttpResponse:
    actor = require(current_actor(request), Permission.MANAGE_URGENT_DIRECTORY)
    found = list(selectors.icb_services(actor))
    services.directory_exported(actor=actor, count=len(found))
    response = JsonResponse(oruk.directory_json(found), json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = 'attachment; filename="urgent-services-oruk.json"'
    return response
