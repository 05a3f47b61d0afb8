from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from joinedup.core import answers, fhir_identifiers, once, pagination
from joinedup.core.forms import add_validation_errors
from joinedup.core.steps import done_message, step_for_page, take_step
from joinedup.core.views import current_actor
from joinedup.directory.access import Permission, require

from . import selectors, services
from .forms import ActionForm, RequestForm
from .models import TESTS, Priority, State, TestType


def _page(request: HttpRequest, rows: Any) -> tuple[Page, dict[str, str]]:
    """One page of a list, and the addresses of the pages either side (keeping the filters)."""
    page = pagination.page_of(rows, request.GET.get("page"), selectors.PAGE_SIZE, load=selectors.in_order)
    return page, pagination.neighbour_links(page, request.GET)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """The practice's lists: awaiting report, overdue, reported, rejected or cancelled."""
    actor = require(current_actor(request), Permission.VIEW_PRACTICE_REQUESTS)
    if not actor.in_practice:
        raise PermissionDenied("These are a GP practice's lists")
    tab = request.GET.get("tab", "awaiting")
    tab = tab if tab in dict(selectors.PRACTICE_TABS) else "awaiting"
    today = timezone.localdate()
    page, links = _page(request, selectors.practice_list(actor, tab, today))
    return render(
        request,
        "diagnostics/mine.jinja",
        {
            "title": "Diagnostic requests",
            "tab": tab,
            "tabs": selectors.PRACTICE_TABS,
            "counts": selectors.practice_tab_counts(actor, today),
            "page": page,
            "links": links,
            "clock_of": selectors.clock_of,
            "today": today,
            "can_send": actor.can(Permission.SEND_REQUESTS),
        },
    )


@login_required
def worklist(request: HttpRequest) -> HttpResponse:
    """The trust's worklist of diagnostic requests, filtered, overdue first."""
    actor = require(current_actor(request), Permission.VIEW_PROVIDER_WORKLISTS)
    if not actor.in_trust:
        raise PermissionDenied("This is a trust's worklist")
    filters = selectors.WorklistFilters.from_query(request.GET.dict())
    today = timezone.localdate()
    page, links = _page(request, selectors.provider_worklist(actor, filters, today))
    return render(
        request,
        "diagnostics/worklist.jinja",
        {
            "title": "Diagnostic requests",
            "filters": filters,
            "services": selectors.trust_diagnostic_services(actor),
            "state_filters": selectors.STATE_FILTERS,
            "clock_filters": selectors.CLOCK_FILTERS,
            "priority_filters": selectors.PRIORITY_FILTERS,
            "page": page,
            "links": links,
            "clock_of": selectors.clock_of,
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    actor = require(current_actor(request), Permission.SEND_REQUESTS)
    if not actor.in_practice:
        raise PermissionDenied("Only a GP practice sends direct-access diagnostic requests")
    offered = services.diagnostic_services(actor.icb_id)
    initial: dict[str, str] = {"priority": Priority.ROUTINE.value}
    if request.GET.get("test") in TestType.values:
        initial["test"] = request.GET["test"]
    if request.GET.get("nhs_number"):
        initial["nhs_number"] = request.GET["nhs_number"][:12]
    form = RequestForm(request.POST or None, initial=initial, services=offered)
    step = answers.step(request)
    if step != "form" and not form.is_valid():
        _add_service_problems(form, actor, offered)
    elif step in ("check", "send"):
        data = form.cleaned_data
        service = next((s for s in offered if str(s.id) == data["service"]), None)
        problems, patient = services.request_problems(
            actor=actor,
            nhs_number=data["nhs_number"],
            test=data["test"],
            service=service,
            priority=data["priority"],
            clinical_question=data["clinical_question"],
            details=_details(data),
        )
        for name, message in problems.items():
            form.add_error(name, message)
        if not form.errors and step == "check":
            return render(
                request,
                "diagnostics/check.jinja",
                {
                    "title": "Check the request before you send it",
                    "rows": [answers.patient_row(patient)] + answers.rows(form, CHECKED_ANSWERS, labels=CHECK_LABELS),
                    "carried": answers.carried(form),
                },
            )
        if not form.errors:
            try:
                sent = once.submit_once(
                    data.get(once.FIELD, ""),
                    lambda: services.request_send(
                        actor=actor,
                        nhs_number=data["nhs_number"],
                        test=data["test"],
                        service=service,
                        priority=data["priority"],
                        clinical_question=data["clinical_question"],
                        details=_details(data),
                    ),
                    lambda made: reverse("diagnostics:detail", kwargs={"request_id": made.id}),
                )
            except once.AlreadySubmitted as earlier:
                messages.info(request, "You sent this request already: here it is. Nothing was sent twice.")
                return redirect(earlier.url)
            except ValidationError as invalid:
                add_validation_errors(form, invalid)
            else:
                messages.success(request, f"Request {sent.reference} sent to {sent.service.name}, {sent.trust.name}")
                return redirect("diagnostics:detail", request_id=sent.id)
    return render(
        request,
        "diagnostics/new.jinja",
        {"title": "Request a diagnostic test", "form": form},
        status=400 if form.errors else 200,
    )


# What the check page shows, in the form's order (the imaging details only where answered).
CHECKED_ANSWERS = [
    "test",
    "service",
    "priority",
    "clinical_question",
    "body_site",
    "pregnancy_status",
    "justification",
    "egfr",
]


CHECK_LABELS = {"test": "Test", "service": "Service", "pregnancy_status": "Could the patient be pregnant"}


def _details(data: Any) -> services.ClinicalDetails:
    return services.ClinicalDetails(
        body_site=str(data.get("body_site", "")),
        pregnancy_status=str(data.get("pregnancy_status", "")),
        egfr=str(data.get("egfr", "")),
        justification=str(data.get("justification", "")),
    )


def _add_service_problems(form: RequestForm, actor: Any, offered: list[Any]) -> None:
    """The service layer's findings for the fields the form's own checks passed (so all show at once)."""
    raw = {name: str(form.data.get(name, "")) for name in form.fields}
    problems, _ = services.request_problems(
        actor=actor,
        nhs_number=raw["nhs_number"],
        test=raw["test"],
        service=next((s for s in offered if str(s.id) == raw["service"]), None),
        priority=raw["priority"],
        clinical_question=raw["clinical_question"],
        details=_details(raw),
    )
    for name, message in problems.items():
        if name not in form.errors:
            form.add_error(name, message)


@login_required
def detail(request: HttpRequest, request_id: int) -> HttpResponse:
    actor = current_actor(request)
    item = selectors.request_for(actor, request_id)
    is_new = item.is_new_outcome
    services.request_viewed(actor=actor, request=item)
    return render(
        request,
        "diagnostics/detail.jinja",
        {
            "title": f"Diagnostic request {item.reference}",
            "item": item,
            "definition": TESTS[item.test],
            "nhs_number_system": fhir_identifiers.NHS_NUMBER,
            "clock": selectors.clock_of(item),
            "events": selectors.timeline(item),
            "actions": services.allowed_actions(actor, item),
            "new_to_practice": is_new and actor.in_practice,
            "can_send": actor.in_practice and actor.can(Permission.SEND_REQUESTS),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def act(request: HttpRequest, request_id: int, action: str) -> HttpResponse:
    actor = current_actor(request)
    item = selectors.request_for(actor, request_id)
    step = step_for_page(
        request,
        services.WORKFLOW,
        actor,
        item,
        action,
        what="request",
        record_url=reverse("diagnostics:detail", kwargs={"request_id": item.id}),
    )
    if isinstance(step, HttpResponse):
        return step
    form = ActionForm(request.POST or None, initial={"version": item.version}, step=step)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        settled = take_step(
            request,
            form,
            lambda: services.request_act(
                actor=actor,
                request_id=item.id,
                action=action,
                expected_version=data["version"],
                appointment_on=data.get("appointment_on"),
                report=data.get("report", ""),
                reason=data.get("reason", ""),
                advice=data.get("advice", ""),
                note=data.get("note", ""),
                late_reason=data.get("late_reason", ""),
                filed_action=data.get("filed_action", ""),
            ),
            done=done_message(f"Request {item.reference}", step, item.state, dict(State.choices)),
            record_url=reverse("diagnostics:detail", kwargs={"request_id": item.id}),
        )
        if settled:
            return settled
    return render(
        request,
        "diagnostics/act.jinja",
        {
            "title": step.button,
            "form": form,
            "item": item,
            "step": step,
            "report_days": settings.DIAGNOSTIC_REPORT_DAYS,
        },
        status=400 if form.errors else 200,
    )
