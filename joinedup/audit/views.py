from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from joinedup.core.views import current_actor

from . import presenters, selectors


@login_required
def events(request: HttpRequest) -> HttpResponse:
    actor = current_actor(request)
    nhs_number = selectors.nhs_number_filter(request.GET.get("nhs_number", ""))
    rows = selectors.audit_events_for(actor, nhs_number=nhs_number)[:200]
    return render(
        request,
        "audit/events.jinja",
        {"title": "Audit record", "events": presenters.rows(rows), "nhs_number": nhs_number},
    )
