from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from joinedup.core import answers, held, once
from joinedup.core.forms import add_validation_errors
from joinedup.core.parsing import parse_id
from joinedup.core.steps import done_message, step_for_page, take_step
from joinedup.core.views import current_actor
from joinedup.directory.access import Permission, require
from joinedup.directory.models import Specialty
from joinedup.patients import selectors as patient_selectors

from . import presenters, selectors, services
from .forms import ActForm, RequestForm, SpecialtyForm
from .models import Kind, Priority, ReturnReason, State

ALREADY_SENT = "You sent this already: here it is. Nothing was sent twice."
KIND_TITLES = {Kind.REFERRAL: "Send a referral", Kind.ADVICE: "Ask for advice and guidance"}


def _upload(file: UploadedFile | None) -> list[tuple[str, bytes]]:
    """The file as (name, bytes); a file over the limit is refused before it is read."""
    if file is None:
        return []
    if file.size is not None and file.size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError({"attachment": services.too_big(file.name or "The file", file.size)})
    return [(file.name or "attachment", file.read(settings.ATTACHMENT_MAX_BYTES + 1))]


@login_required
def practice(request: HttpRequest) -> HttpResponse:
    actor = require(current_actor(request), Permission.VIEW_PRACTICE_REQUESTS)
    which = request.GET.get("list", "awaiting")
    which = which if which in presenters.PRACTICE_LISTS else "awaiting"
    today = timezone.localdate()
    page = selectors.page_of(selectors.practice_worklist(actor, which, today=today), request.GET.get("page"))
    return render(
        request,
        "referrals/practice.jinja",
        {
            "title": presenters.PRACTICE_LISTS[which],
            "which": which,
            "lists": presenters.PRACTICE_LISTS,
            "counts": selectors.practice_counts(actor, today),
            "page": page,
            "clocks": {r.id: presenters.clock_of(r, today) for r in page},
            "questions": selectors.questions_asked(list(page)) if which == "asked" else {},
            "can_send": actor.can(Permission.SEND_REQUESTS),
        },
    )


@login_required
def worklists(request: HttpRequest) -> HttpResponse:
    actor = require(current_actor(request), Permission.VIEW_PROVIDER_WORKLISTS)
    which = request.GET.get("list", "referrals")
    which = which if which in presenters.PROVIDER_LISTS else "referrals"
    services_ = list(selectors.trust_services(actor).values_list("id", "name"))
    service_id = request.GET.get("service", "")
    service_id = service_id if parse_id(service_id) in dict(services_) else ""
    priority = request.GET.get("priority", "")
    priority = priority if priority in Priority.values else ""
    clock = request.GET.get("clock", "")
    clock = clock if clock in presenters.CLOCK_FILTERS else ""
    today = timezone.localdate()
    items = selectors.provider_worklist(
        actor, which, service_id=int(service_id) if service_id else None, priority=priority, clock=clock, today=today
    )
    page = selectors.page_of(items, request.GET.get("page"))
    filters = {"list": which, "service": service_id, "priority": priority, "clock": clock}
    return render(
        request,
        "referrals/worklist.jinja",
        {
            "title": presenters.PROVIDER_LISTS[which],
            "which": which,
            "lists": presenters.PROVIDER_LISTS,
            "page": page,
            "clocks": {r.id: presenters.clock_of(r, today) for r in page},
            "services": services_,
            "priorities": Priority.choices,
            "clock_filters": presenters.CLOCK_FILTERS,
            "filters": filters,
            "query": "&".join(f"{k}={v}" for k, v in filters.items() if v),
            "can_book": actor.can(Permission.BOOK_APPOINTMENTS),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def new_request(request: HttpRequest, kind: str) -> HttpResponse:
    actor = require(current_actor(request), Permission.SEND_REQUESTS)
    if kind not in Kind.values:
        raise Http404("No such kind of request")
    if not actor.in_practice:
        raise PermissionDenied("Only a GP practice sends referrals and advice requests")
    specialty_form = SpecialtyForm(request.GET if "specialty" in request.GET else None)
    title = KIND_TITLES[Kind(kind)]
    if not specialty_form.is_valid():
        return render(
            request,
            "referrals/choose_specialty.jinja",
            {"title": title, "kind": kind, "form": specialty_form},
            status=400 if specialty_form.errors else 200,
        )
    specialty = specialty_form.cleaned_data["specialty"]
    choices = selectors.services_for(actor, specialty, advice=kind == Kind.ADVICE)
    initial = {"nhs_number": request.GET.get("patient", "")}
    form = RequestForm(request.POST or None, request.FILES or None, kind=kind, choices=choices, initial=initial)
    step = answers.step(request)
    kept = held.held(actor.person, request.POST.get("held_attachment", "")) if step != "form" else None
    valid = step != "form" and form.is_valid()
    upload = _good_upload(form) if step in ("check", "send") else []
    if upload and step == "check":
        # Held even when other answers need correcting, so a good file is never chosen twice; a new
        # file replaces one held before.
        held.release(kept.key if kept else "")
        kept = held.hold(actor.person, *upload[0])
    if valid:
        data = form.cleaned_data
        by_id = {str(c.service.id): c.service for c in choices}
        patient = patient_selectors.patient_at_my_practice(actor, data["nhs_number"])
        if patient is None:
            form.add_error("nhs_number", "No patient with this NHS number is registered at your practice")
        elif step != "change":
            fields = {
                "kind": kind,
                "patient": patient,
                "service": by_id[data["service"]],
                "clinical_information": data["clinical_information"],
                "priority": data.get("priority") or Priority.ROUTINE,
                "shortlist": [by_id[s] for s in data.get("shortlist", [])],
            }
            files = upload or ([(kept.name, kept.data)] if kept else [])
            for name, problem in services.send_problems(actor=actor, attachments=files, **fields).items():
                if name not in form.errors:
                    form.add_error(name, problem)
            if not form.errors and step == "check":
                return _check_answers(request, form, kind, specialty, patient, kept)
            if not form.errors:
                sent = _send(request, actor, form, fields, files, kept)
                if sent:
                    return sent
    return render(
        request,
        "referrals/new.jinja",
        {
            "title": title,
            "kind": kind,
            "form": form,
            "specialty": specialty,
            "specialty_label": Specialty(specialty).label,
            "choices": choices,
            "shortlist_max": settings.PATIENT_CHOICE_SHORTLIST_MAX,
            "held": kept,
        },
        status=400 if form.errors else 200,
    )


def _good_upload(form: RequestForm) -> list[tuple[str, bytes]]:
    """The file chosen on this submission, if it is one we take; a bad one is an error beside the field."""
    try:
        files = _upload(form.cleaned_data.get("attachment"))
        for name, data in files:
            services.check_attachment(name, data)
    except ValidationError as invalid:
        add_validation_errors(form, invalid)
        return []
    return files


def _send(
    request: HttpRequest,
    actor: Any,
    form: RequestForm,
    fields: dict[str, Any],
    files: list[tuple[str, bytes]],
    kept: held.Held | None,
) -> HttpResponse | None:
    """Sends the checked request once; None (with the errors on the form) if it cannot go."""
    data = form.cleaned_data
    try:
        sent = once.submit_once(
            data.get(once.FIELD, ""),
            lambda: services.request_send(
                actor=actor, conversion_allowed=bool(data.get("conversion_allowed")), attachments=files, **fields
            ),
            lambda made: reverse("referrals:detail", kwargs={"request_id": made.id}),
        )
    except once.AlreadySubmitted as earlier:
        messages.info(request, ALREADY_SENT)
        return redirect(earlier.url)
    except ValidationError as invalid:
        add_validation_errors(form, invalid)
        return None
    held.release(kept.key if kept else "")
    messages.success(request, f"{sent.get_kind_display()} {sent.reference} sent to {sent.service.name}")
    return redirect("referrals:detail", request_id=sent.id)


def _check_answers(
    request: HttpRequest, form: RequestForm, kind: str, specialty: str, patient: Any, kept: held.Held | None
) -> HttpResponse:
    """Everything that will be sent, to check before it goes; Change goes back to the form with the answers."""
    referral = kind == Kind.REFERRAL
    return render(
        request,
        "referrals/check.jinja",
        {
            "title": "Check the referral before you send it" if referral else "Check your request before you send it",
            "kind": kind,
            "specialty_label": Specialty(specialty).label,
            "rows": [answers.patient_row(patient)]
            + answers.rows(
                form,
                ["service", "shortlist", "priority", "clinical_information", "conversion_allowed"],
                labels={"service": "Service", "shortlist": "Patient choice shortlist"},
            ),
            "carried": answers.carried(form, held_attachment=kept.key if kept else ""),
            "held": kept,
            "button": "Send the referral" if referral else "Send the request",
        },
    )


@login_required
def detail(request: HttpRequest, request_id: int) -> HttpResponse:
    actor = current_actor(request)
    item = selectors.request_for(actor, request_id)
    unseen = item.requester_unseen and actor.organisation.id == item.requester_org_id
    services.request_viewed(actor, item)
    return render(
        request,
        "referrals/detail.jinja",
        {
            "title": f"{item.get_kind_display()} {item.reference}",
            "item": item,
            "unseen": unseen,
            "clock": presenters.clock_of(item),
            "events": selectors.timeline(item),
            "attachments": selectors.attachments(item),
            "related": selectors.related_requests(item),
            "actions": services.allowed_actions(actor, item),
            "reasons": dict(ReturnReason.choices),
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
        record_url=reverse("referrals:detail", kwargs={"request_id": item.id}),
    )
    if isinstance(step, HttpResponse):
        return step
    form = ActForm(
        request.POST or None,
        request.FILES or None,
        initial={"version": item.version},
        step=step,
        services=selectors.service_choices(actor) if step.chooses_service else None,
        current=item.priority,
    )
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
                note=data["note"],
                reason=data.get("reason", ""),
                priority=data.get("priority", ""),
                attachments=_upload(data.get("attachment")),
                service_id=parse_id(data.get("service")),
                appointment_on=data.get("appointment_on"),
                clinic=data.get("clinic", ""),
            ),
            done=done_message(f"{item.get_kind_display()} {item.reference}", step, item.state, dict(State.choices)),
            record_url=reverse("referrals:detail", kwargs={"request_id": item.id}),
            after=lambda moved: _handed_over(actor, moved),
        )
        if settled:
            return settled
    return render(
        request,
        "referrals/act.jinja",
        {
            "title": step.button,
            "form": form,
            "item": item,
            "step": step,
            # A step that makes a referral shows what the referral will carry: the whole conversation.
            "conversation": selectors.timeline(item) if step.makes_referral else [],
            "files": selectors.attachments(item) if step.makes_referral else [],
            "reasons": dict(ReturnReason.choices),
        },
        status=400 if form.errors else 200,
    )


def _handed_over(actor: Any, moved: Any) -> tuple[str, str] | None:
    """A referral redirected to another trust's service leaves this trust's sight: say where it went."""
    if selectors.may_see(actor, moved.id):
        return None
    return (
        f"{moved.get_kind_display()} {moved.reference} redirected to {moved.service.name}, {moved.trust.name}. "
        "It is no longer on your trust's worklists.",
        reverse("referrals:worklists"),
    )


@login_required
def attachment(request: HttpRequest, request_id: int, attachment_id: int) -> HttpResponse:
    actor = current_actor(request)
    file = selectors.attachment_for(actor, request_id, attachment_id)
    services.attachment_downloaded(actor, file)
    response = HttpResponse(bytes(file.data), content_type=file.content_type)
    safe_name = "".join(ch for ch in file.filename if ch.isalnum() or ch in "._- ") or "attachment"
    response["Content-Disposition"] = f'attachment; filename="{safe_name}"'
    return response
