"""The practice's letter inbox: list, letter page, feedback, missed actions, filing, accuracy."""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from joinedup.core import pagination
from joinedup.core.forms import add_validation_errors
from joinedup.core.parsing import parse_id
from joinedup.core.views import current_actor
from joinedup.directory.access import Permission, require

from ..models import ActionOrigin, Letter, LetterAction, LetterKind
from . import presenters, selectors, services
from .forms import FeedbackForm, FileForm, MissedActionForm

MISSED_PREFIX = "missed"


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    actor = require(current_actor(request), Permission.VIEW_LETTERS)
    which = request.GET.get("which", "new")
    which = which if which in dict(selectors.WHICH_LETTERS) else "new"
    kind = request.GET.get("kind", "")
    kind = kind if kind in LetterKind.values else ""
    with_actions = request.GET.get("actions") == "yes"
    letters = selectors.inbox(actor, which=which, kind=kind, with_actions=with_actions)
    page = pagination.page_of(letters, request.GET.get("page"), selectors.PAGE_SIZE)
    filters = {"which": which, "kind": kind, "actions": "yes" if with_actions else ""}
    return render(
        request,
        "letters/inbox/inbox.jinja",
        {
            "title": "Letters",
            "practice": actor.organisation,
            "page": page,
            "which": which,
            "kind": kind,
            "with_actions": with_actions,
            "kinds": LetterKind.choices,
            "whiches": selectors.WHICH_LETTERS,
            "query": {key: value for key, value in filters.items() if value},
            "urlencode": urlencode,
        },
    )


def _concern_link(letter: Letter, action: LetterAction) -> str:
    """The concerns form, prefilled with this inappropriate request (it reads these parameters)."""
    params = {
        "rule": action.rule,
        "quote": action.quote,
        "letter": presenters.letter_reference(letter),
    }
    if letter.trust is not None:
        params["about"] = letter.trust.ods_code
    return f"{reverse('concerns:new')}?{urlencode(params)}"


def _letter_page(
    request: HttpRequest,
    letter: Letter,
    *,
    error_form: forms.Form | None = None,
    error_action_id: int | None = None,
    status: int = 200,
) -> HttpResponse:
    actor = current_actor(request)
    actions = selectors.actions_of(letter)
    parts = presenters.letter_parts(letter.text, actions, settings.LETTER_PAGE_CHARACTERS)
    part = min(max(parse_id(request.GET.get("part")) or 1, 1), len(parts))
    feedback_forms: dict[int, forms.Form] = {}
    for action in actions:
        if action.id == error_action_id and error_form is not None:
            feedback_forms[action.id] = error_form
        else:
            answer = getattr(action, "feedback", None)
            initial = {"outcome": answer.outcome, "note": answer.note} if answer else {}
            feedback_forms[action.id] = FeedbackForm(
                prefix=f"action-{action.id}", initial=initial, practice_added=action.origin == ActionOrigin.PRACTICE
            )
    missed_form = error_form if error_action_id is None and error_form is not None else None
    can_raise = actor.can(Permission.RAISE_CONCERN)
    return render(
        request,
        "letters/inbox/letter.jinja",
        {
            "title": f"{letter.get_kind_display()} for {letter.patient.full_name}",
            "letter": letter,
            "reference": presenters.letter_reference(letter),
            "actions": actions,
            "answers": {action.id: getattr(action, "feedback", None) for action in actions},
            "numbers": {action.id: number for number, action in enumerate(actions, start=1)},
            "marked": presenters.mark_actions(letter.text, actions, parts[part - 1]),
            "part": part,
            "parts": len(parts),
            "part_of_action": {a.id: presenters.part_of(parts, a.start) for a in actions},
            "max_reader_actions": settings.LETTER_MAX_READER_ACTIONS,
            "feedback_forms": feedback_forms,
            "missed_form": missed_form or MissedActionForm(prefix=MISSED_PREFIX),
            "file_form": FileForm(initial={"version": letter.version}),
            "unanswered": selectors.unanswered_count(letter) if letter.filed_at is None else 0,
            "error_form": error_form,
            "page_has_errors": bool(error_form is not None and error_form.errors),
            "concern_links": {
                a.id: _concern_link(letter, a) for a in actions if can_raise and a.verdict == "inappropriate" and a.rule
            },
            "categories": presenters.CATEGORY_LABELS,
            "verdicts": presenters.VERDICT_LABELS,
            "rule_label": presenters.rule_label,
            "rule_source": presenters.rule_source,
        },
        status=status,
    )


@login_required
def letter(request: HttpRequest, letter_id: int) -> HttpResponse:
    actor = require(current_actor(request), Permission.VIEW_LETTERS)
    found = selectors.letter_for(actor, letter_id)
    services.letter_viewed(actor=actor, letter=found)
    return _letter_page(request, found)


@login_required
@require_http_methods(["GET", "POST"])
def feedback(request: HttpRequest, letter_id: int, action_id: int) -> HttpResponse:
    actor = require(current_actor(request), Permission.VIEW_LETTERS)
    action = selectors.action_for(actor, letter_id, action_id)
    if request.method == "GET":
        return redirect(reverse("letters:letter", args=[letter_id]) + f"#action-{action.id}")
    form = FeedbackForm(
        request.POST, prefix=f"action-{action.id}", practice_added=action.origin == ActionOrigin.PRACTICE
    )
    if form.is_valid():
        try:
            services.give_feedback(
                actor=actor,
                letter_id=letter_id,
                action_id=action.id,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as invalid:
            add_validation_errors(form, invalid)
        else:
            number = selectors.action_number(action)
            messages.success(request, f"Action {number}: your answer is saved")
            return redirect(reverse("letters:letter", args=[letter_id]) + f"#action-{action.id}")
    return _letter_page(request, action.letter, error_form=form, error_action_id=action.id, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def missed(request: HttpRequest, letter_id: int) -> HttpResponse:
    actor = require(current_actor(request), Permission.VIEW_LETTERS)
    found = selectors.letter_for(actor, letter_id)
    if request.method == "GET":
        return redirect(reverse("letters:letter", args=[letter_id]) + "#missed")
    form = MissedActionForm(request.POST, prefix=MISSED_PREFIX)
    if form.is_valid():
        start, end = form.offsets()
        data = form.cleaned_data
        try:
            action = services.add_missed_action(
                actor=actor,
                letter_id=found.id,
                quote=data["quote"],
                category=data["category"],
                verdict=data["verdict"],
                rule=data["rule"],
                start=start,
                end=end,
            )
        except ValidationError as invalid:
            add_validation_errors(form, invalid)
        else:
            messages.success(
                request, f"Action {selectors.action_number(action)} added: it counts as one the reader missed"
            )
            return redirect(reverse("letters:letter", args=[letter_id]) + f"#action-{action.id}")
    return _letter_page(request, found, error_form=form, status=400)


@login_required
@require_POST
def file_letter(request: HttpRequest, letter_id: int) -> HttpResponse:
    actor = require(current_actor(request), Permission.VIEW_LETTERS)
    found = selectors.letter_for(actor, letter_id)
    form = FileForm(request.POST)
    if not form.is_valid():
        messages.warning(request, "The letter could not be filed: open it again and retry")
        return redirect("letters:letter", letter_id=found.id)
    try:
        services.file_letter(
            actor=actor,
            letter_id=found.id,
            expected_version=form.cleaned_data["version"],
            file_unanswered=form.cleaned_data["file_unanswered"],
        )
    except (services.StaleAction, ValidationError) as refused:
        messages.warning(request, " ".join(getattr(refused, "messages", [str(refused)])))
        return redirect(reverse("letters:letter", args=[found.id]) + "#file")
    messages.success(request, f"Filed the {found.get_kind_display().lower()} for {found.patient.full_name}")
    return redirect("letters:inbox")


@login_required
def accuracy(request: HttpRequest) -> HttpResponse:
    actor = current_actor(request)
    scope_name, _ = selectors.accuracy_scope(actor)
    months = selectors.accuracy_by_month(actor)
    period = parse_id(request.GET.get("months"))
    period = period if period in selectors.CORRECTION_PERIODS else selectors.DEFAULT_CORRECTION_PERIOD
    since = timezone.now() - datetime.timedelta(days=round(period * 30.44))
    tables = selectors.corrections(actor, since)
    context: dict[str, Any] = {
        "title": "Reader accuracy",
        "scope_name": scope_name,
        "months": months,
        "period": period,
        "periods": selectors.CORRECTION_PERIODS,
        "since": since,
        "by_category": tables.by_category,
        "by_rule": tables.by_rule,
        "by_source": tables.by_source,
        "correction_label": presenters.correction_label,
    }
    return render(request, "letters/inbox/accuracy.jinja", context)


@login_required
@require_POST
def unfile_letter(request: HttpRequest, letter_id: int) -> HttpResponse:
    actor = require(current_actor(request), Permission.VIEW_LETTERS)
    found = selectors.letter_for(actor, letter_id)
    form = FileForm(request.POST)
    try:
        if not form.is_valid():
            raise services.StaleAction("The letter could not be moved: open it again and retry")
        services.unfile_letter(actor=actor, letter_id=found.id, expected_version=form.cleaned_data["version"])
    except services.StaleAction as stale:
        messages.warning(request, str(stale))
    else:
        messages.success(request, "The letter is back among the new letters")
    return redirect("letters:letter", letter_id=found.id)
