"""Running one step of a record's life from a form page: the same answer on every domain's pages.

A concern, a referral and a diagnostic request each have their own table of steps; the page
that takes a step behaves the same for all three: done → back to the record with a message;
someone else got there first → back to the record with what happened; bad input → the form
again with the errors beside the fields; a step this person may never take → 403.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from joinedup.core.concurrency import StaleAction
from joinedup.core.forms import add_validation_errors


def take_step(
    request: HttpRequest, form: forms.Form, step: Callable[[], object], *, done: str, record_url: str
) -> HttpResponse | None:
    """Runs ``step``; a redirect to ``record_url`` when it is settled, None to show ``form`` again."""
    try:
        step()
    except StaleAction as stale:
        messages.warning(request, str(stale))
        return redirect(record_url)
    except ValidationError as invalid:
        if not hasattr(invalid, "error_dict"):
            raise PermissionDenied(" ".join(invalid.messages)) from invalid
        add_validation_errors(form, invalid)
        return None
    messages.success(request, done)
    return redirect(record_url)
