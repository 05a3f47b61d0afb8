"""Running one step of a record's life from a form page: the same answer on every domain's pages.

A concern, a referral and a diagnostic request each have their own table of steps; the page
that takes a step behaves the same for all three: done → back to the record with a message;
someone else got there first → back to the record with what happened; bad input → the form
again with the errors beside the fields; a step this person may never take → 403.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from joinedup.core.concurrency import StaleAction
from joinedup.core.forms import add_validation_errors
from joinedup.core.workflow import Step, Workflow
from joinedup.directory.access import Actor

S = TypeVar("S", bound=Step)


def step_for_page(
    request: HttpRequest,
    workflow: Workflow[Any, S],
    actor: Actor,
    record: Any,
    action: str,
    *,
    what: str,
    record_url: str,
) -> S | HttpResponse:
    """The step a step page is about, or where to go instead.

    Allowed now: that step. Not allowed, on opening the page: back to the record, saying so. Not
    allowed on sending the form (the record moved on since the page was opened, or the step never
    was this person's): the table's row for the action, so the page shows its form and the service
    refuses with what happened. An action the workflow does not have: 404.
    """
    if action not in workflow.actions:
        raise Http404("No such step")
    step = dict(workflow.allowed(actor, record)).get(action)
    if step is not None:
        return step
    if request.method == "GET":
        messages.info(request, f"This {what} is '{record.get_state_display()}': that step is not open to you now")
        return redirect(record_url)
    return workflow.any_step(action)


def done_message(what: str, step: Step, state_before: str, state_labels: Mapping[str, str]) -> str:
    """The confirmation people read after a step, in their words: "Referral 1234 5678 9012 is now accepted".

    A step that keeps the record where it was (a redirect, a new appointment date) says what was done.
    """
    if step.to == state_before:
        return f"{what}: {step.button[:1].lower()}{step.button[1:]}, saved"
    label = state_labels.get(step.to, step.to)
    return f"{what} is now {label[:1].lower()}{label[1:]}"


def take_step(
    request: HttpRequest,
    form: forms.Form,
    step: Callable[[], object],
    *,
    done: str,
    record_url: str,
    after: Callable[[object], tuple[str, str] | None] | None = None,
) -> HttpResponse | None:
    """Runs ``step``; a redirect to ``record_url`` when it is settled, None to show ``form`` again.

    ``after`` may send the person elsewhere once the step is done (a message and a page): a step
    that hands the record to another organisation leaves it out of the actor's sight, so its own
    page would answer 404.
    """
    try:
        result = step()
    except StaleAction as stale:
        messages.warning(request, str(stale))
        return redirect(record_url)
    except ValidationError as invalid:
        if not hasattr(invalid, "error_dict"):
            raise PermissionDenied(" ".join(invalid.messages)) from invalid
        add_validation_errors(form, invalid)
        return None
    elsewhere = after(result) if after else None
    if elsewhere:
        message, url = elsewhere
        messages.success(request, message)
        return redirect(url)
    messages.success(request, done)
    return redirect(record_url)
