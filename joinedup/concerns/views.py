from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from joinedup.core import csv_export, once
from joinedup.core.forms import add_validation_errors
from joinedup.core.parsing import parse_id
from joinedup.core.steps import done_message, step_for_page, take_step
from joinedup.core.views import current_actor
from joinedup.directory import selectors as directory
from joinedup.directory.access import Permission, require
from joinedup.directory.models import OrganisationKind, Role, Specialty

from . import presenters, selectors, services
from .forms import ActionForm, ConcernForm, MessageForm, ProjectForm
from .models import EvidenceKind, ProjectStatus, Rule, State

STATE_FILTERS = [("open", "Open"), ("closed", "Closed"), ("all", "All")]


def _list(request: HttpRequest, concerns: Any, *, title: str, heading_org: str, empty: str, kind: str) -> HttpResponse:
    which = request.GET.get("state", "open")
    which = which if which in dict(STATE_FILTERS) else "open"
    shown = selectors.state_filter(concerns, which)
    total = shown.count()
    return render(
        request,
        "concerns/list.jinja",
        {
            "title": title,
            "caption": heading_org,
            "concerns": list(shown[: selectors.LIST_LIMIT]),
            "total": total,
            "limit": selectors.LIST_LIMIT,
            "which": which,
            "filters": STATE_FILTERS,
            "empty": empty,
            "kind": kind,
            "today": timezone.localdate(),
            "can_raise": request.actor.can(Permission.RAISE_CONCERN),  # type: ignore[attr-defined]
        },
    )


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Where the Concerns menu opens: a trust's interface lead works from the concerns about the trust."""
    actor = current_actor(request)
    if actor.in_trust and actor.can(Permission.RESPOND_TO_CONCERNS):
        return redirect("concerns:inbox")
    return redirect("concerns:mine")


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    actor = current_actor(request)
    return _list(
        request,
        selectors.raised_by_us(actor),
        title="Concerns we raised",
        heading_org=actor.organisation.name,
        empty="No concerns here.",
        kind="mine",
    )


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    actor = current_actor(request)
    return _list(
        request,
        selectors.inbox(actor),
        title="Concerns about us",
        heading_org=actor.organisation.name,
        empty="No concerns here.",
        kind="inbox",
    )


@login_required
def raise_concern(request: HttpRequest) -> HttpResponse:
    actor = require(current_actor(request), Permission.RAISE_CONCERN)
    organisations = sorted(
        (
            o
            for o in directory.organisations_for(actor)
            if o.kind in (OrganisationKind.NHS_TRUST, OrganisationKind.GP_PRACTICE) and o.id != actor.organisation.id
        ),
        key=lambda o: (o.kind != OrganisationKind.NHS_TRUST, o.name),
    )
    by_code = {o.ods_code: o for o in organisations}
    initial: dict[str, str] = {}
    # Prefill from a link, e.g. a flagged action in a letter: ?rule=test_results&quote=...&letter=L123
    if request.GET.get("rule") in Rule.values:
        initial["rule"] = request.GET["rule"]
    if request.GET.get("quote"):
        initial["evidence_quote"] = request.GET["quote"][:5000]
    if request.GET.get("letter"):
        initial["evidence_kind"] = EvidenceKind.LETTER
        initial["evidence_reference"] = request.GET["letter"][:100]
    if request.GET.get("about", "").upper() in by_code:
        initial["about"] = request.GET["about"].upper()
    if request.GET.get("specialty") in Specialty.values:
        initial["specialty"] = request.GET["specialty"]
    service = None
    service_id = parse_id(request.GET.get("service"))
    if service_id is not None:
        service = directory.service_among(service_id, organisations)
        if service is not None:
            initial.setdefault("about", service.trust.ods_code)
            initial["specialty"] = service.specialty
    form = ConcernForm(request.POST or None, initial=initial, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        about = by_code.get(data["about"])
        if about is None:
            form.add_error("about", "Select the organisation the concern is about")
        else:
            try:
                concern = once.submit_once(
                    form.cleaned_data.get(once.FIELD, ""),
                    lambda: services.concern_raise(
                        actor=actor,
                        about_org=about,
                        rule=data["rule"],
                        severity=data["severity"],
                        what_happened=data["what_happened"],
                        evidence_quote=data["evidence_quote"],
                        evidence_kind=data["evidence_kind"],
                        evidence_reference=data["evidence_reference"],
                        patient_nhs_number=data["nhs_number"],
                        specialty=data["specialty"],
                        service=service if service is not None and service.trust_id == about.id else None,
                    ),
                    lambda made: reverse("concerns:detail", kwargs={"concern_id": made.id}),
                )
            except once.AlreadySubmitted as earlier:
                messages.info(request, "You raised this concern already: here it is. It was raised once.")
                return redirect(earlier.url)
            except ValidationError as invalid:
                add_validation_errors(form, invalid)
            else:
                routed = concern.routed_to_person or concern.routed_to_org.name
                messages.success(request, f"Concern {concern.reference} raised and sent to {routed}")
                return redirect("concerns:detail", concern_id=concern.id)
    return render(
        request,
        "concerns/form.jinja",
        {"title": "Raise a concern", "form": form, "service": service},
        status=400 if form.errors else 200,
    )


@login_required
def detail(request: HttpRequest, concern_id: int) -> HttpResponse:
    actor = current_actor(request)
    concern = selectors.concern_for(actor, concern_id)
    # An ICB analyst sees concerns, never a patient (decision 0001): the NHS number is withheld.
    show_patient = bool(concern.patient_nhs_number) and actor.role != Role.ICB_ANALYST
    if show_patient:
        services.concern_viewed(actor=actor, concern=concern)
    return render(
        request,
        "concerns/detail.jinja",
        {
            "title": f"Concern {concern.reference}",
            "concern": concern,
            "events": selectors.timeline(concern),
            "actions": services.allowed_actions(actor, concern),
            "can_message": services.may_message(actor, concern),
            "overdue": concern.overdue_on(timezone.localdate()),
            "show_patient": show_patient,
            "letter": selectors.letter_of(actor, concern),
        },
    )


@login_required
def letter(request: HttpRequest, concern_id: int) -> HttpResponse:
    """The hospital letter the concern is about, for the practice and the trust on either side of it."""
    actor = current_actor(request)
    concern = selectors.concern_for(actor, concern_id)
    found = selectors.letter_of(actor, concern)
    if found is None:
        raise Http404("This concern does not name a letter you can open")
    services.concern_letter_viewed(actor=actor, concern=concern, letter=found)
    return render(
        request,
        "concerns/letter.jinja",
        {"title": f"The letter concern {concern.reference} is about", "concern": concern, "letter": found},
    )


@login_required
@require_http_methods(["GET", "POST"])
def act(request: HttpRequest, concern_id: int, action: str) -> HttpResponse:
    actor = current_actor(request)
    concern = selectors.concern_for(actor, concern_id)
    step = step_for_page(
        request,
        services.WORKFLOW,
        actor,
        concern,
        action,
        what="concern",
        record_url=reverse("concerns:detail", kwargs={"concern_id": concern.id}),
    )
    if isinstance(step, HttpResponse):
        return step
    form = ActionForm(
        request.POST or None,
        initial={"version": concern.version},
        note_label=step.note_label,
        projects=selectors.project_choices(actor, concern) if step.decides else None,
        teams=selectors.team_choices(concern) if step.assigns else None,
    )
    if request.method == "POST" and form.is_valid():
        settled = take_step(
            request,
            form,
            lambda: services.concern_act(
                actor=actor,
                concern_id=concern.id,
                action=action,
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
                outcome=form.cleaned_data.get("outcome", ""),
                project_id=parse_id(form.cleaned_data.get("project")),
                service_id=parse_id(form.cleaned_data.get("service")),
            ),
            done=done_message(f"Concern {concern.reference}", step, concern.state, dict(State.choices)),
            record_url=reverse("concerns:detail", kwargs={"concern_id": concern.id}),
        )
        if settled:
            return settled
    return render(
        request,
        "concerns/act.jinja",
        {"title": step.button, "form": form, "concern": concern, "step": step},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def message(request: HttpRequest, concern_id: int) -> HttpResponse:
    """Either side of an open concern writes to the other."""
    actor = current_actor(request)
    concern = selectors.concern_for(actor, concern_id)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        settled = take_step(
            request,
            form,
            lambda: services.concern_message(actor=actor, concern_id=concern.id, text=form.cleaned_data["note"]),
            done=f"Concern {concern.reference}: your message is sent",
            record_url=reverse("concerns:detail", kwargs={"concern_id": concern.id}),
        )
        if settled:
            return settled
    return render(
        request,
        "concerns/message.jinja",
        {"title": "Send a message", "form": form, "concern": concern},
        status=400 if form.errors else 200,
    )


# The ICB ---------------------------------------------------------------------------------------


@login_required
def review(request: HttpRequest) -> HttpResponse:
    actor = require(current_actor(request), Permission.REVIEW_CONCERNS)
    icb = directory.icb_for(actor, request.GET.get("icb") or None)
    data = selectors.icb_review(actor, icb)
    if request.GET.get("format") == "csv":
        return _review_csv(data, request.GET.get("table", ""))
    return render(
        request,
        "concerns/review.jinja",
        {
            "title": "Interface concerns: ICB review",
            "review": data,
            "themes_shown": THEMES_SHOWN,
            "tables": presenters.REVIEW_TABLES,
        },
    )


# The review page lists the largest themes; the CSV download has every one.
THEMES_SHOWN = 15


def _review_csv(data: selectors.Review, subject: str) -> HttpResponse:
    """One tidy table of the review as CSV (presenters.REVIEW_TABLES); an unknown subject is a 404."""
    table = presenters.REVIEW_TABLES.get(subject)
    if table is None:
        raise Http404("No such table: choose one of the downloads on the review page")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="concerns-{data.icb.ods_code}-{subject}.csv"'
    writer = csv_export.writer(response)  # no cell can become a spreadsheet formula
    writer.writerow(table.columns)
    writer.writerows(table.rows(data))
    return response


@login_required
def projects(request: HttpRequest) -> HttpResponse:
    actor = require(current_actor(request), Permission.REVIEW_CONCERNS)
    icb = directory.icb_for(actor)
    return render(
        request,
        "concerns/projects.jinja",
        {
            "title": "Improvement projects",
            "icb": icb,
            "projects": selectors.projects_for(actor, icb),
            "can_add": actor.can(Permission.MANAGE_IMPROVEMENT_PROJECTS),
        },
    )


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    actor = require(current_actor(request), Permission.MANAGE_IMPROVEMENT_PROJECTS)
    icb = directory.icb_for(actor)
    trusts = list(directory.icb_members(icb, OrganisationKind.NHS_TRUST))
    form = ProjectForm(request.POST or None, trusts=trusts)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        trust = next((t for t in trusts if t.ods_code == data["trust"]), None)
        try:
            project = services.project_create(
                actor=actor,
                icb=icb,
                title=data["title"],
                owner=data["owner"],
                rules=list(data["rules"]),
                measure=data["measure"],
                start_date=data["start_date"],
                status=data["status"],
                trust=trust,
                specialty=data["specialty"],
            )
        except ValidationError as invalid:
            add_validation_errors(form, invalid)
        else:
            messages.success(request, f"Project '{project.title}' added")
            return redirect("concerns:project", project_id=project.id)
    return render(
        request,
        "concerns/project_form.jinja",
        {"title": "Add an improvement project", "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def project(request: HttpRequest, project_id: int) -> HttpResponse:
    actor = current_actor(request)
    item = selectors.project_for(actor, project_id)
    error = ""
    if request.method == "POST":
        try:
            services.project_status_set(actor=actor, project=item, status=request.POST.get("status", ""))
        except ValidationError as invalid:
            error = invalid.messages[0]
        else:
            messages.success(request, f"Status set to {item.get_status_display().lower()}")
            return redirect("concerns:project", project_id=item.id)
    return render(
        request,
        "concerns/project.jinja",
        {
            "title": item.title,
            "project": item,
            "months": selectors.project_concerns_by_month(item),
            "can_manage": actor.can(Permission.MANAGE_IMPROVEMENT_PROJECTS),
            "statuses": ProjectStatus.choices,
            "error": error,
            "page_has_errors": bool(error),
        },
        status=400 if error else 200,
    )
