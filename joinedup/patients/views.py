from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from joinedup.core import once, panels
from joinedup.core.forms import add_validation_errors
from joinedup.core.views import current_actor
from joinedup.directory import selectors as directory_selectors
from joinedup.directory.access import Permission, require

from . import selectors, services
from .forms import PatientForm


@login_required
def search(request: HttpRequest) -> HttpResponse:
    actor = require(current_actor(request), Permission.FIND_PATIENT_BY_NHS_NUMBER)
    query = request.GET.get("q", "")[:100]
    results, error = selectors.patient_search(actor, query)
    shown = list(results)
    services.patient_search_viewed(actor=actor, query_kind=selectors.search_kind(query), patients=shown)
    return render(
        request,
        "patients/search.jinja",
        {
            "title": "Find a patient",
            "q": query,
            "results": shown,
            "error": error,
            "page_has_errors": bool(error),
            "by_name": actor.can(Permission.SEARCH_PATIENTS_BY_NAME),
        },
        status=400 if error else 200,
    )


@login_required
def detail(request: HttpRequest, nhs_number: str) -> HttpResponse:
    actor = current_actor(request)
    patient = selectors.patient_for(actor, nhs_number)
    services.patient_view_record(actor=actor, patient=patient)
    return render(
        request,
        "patients/detail.jinja",
        {
            "title": patient.full_name,
            "patient": patient,
            "sections": panels.patient_panels_for(actor, patient),
            "actor": actor,
            "breadcrumbs": [{"text": "Home", "href": "/"}, {"text": "Find a patient", "href": "/patients/"}],
        },
    )


@login_required
def register(request: HttpRequest) -> HttpResponse:
    actor = require(current_actor(request), Permission.REGISTER_PATIENT)
    form = PatientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            patient = once.submit_once(
                form.cleaned_data.get(once.FIELD, ""),
                lambda: services.patient_register(
                    actor=actor,
                    nhs_number_value=data["nhs_number"],
                    given_name=data["given_name"],
                    family_name=data["family_name"],
                    date_of_birth=data["date_of_birth"],
                    practice=directory_selectors.practice_named_by_admin(actor, data.get("practice", "")),
                ),
                lambda made: reverse("patients:detail", kwargs={"nhs_number": made.nhs_number}),
            )
        except once.AlreadySubmitted as earlier:
            messages.info(request, "You registered this patient already: here they are.")
            return redirect(earlier.url)
        except ValidationError as invalid:
            add_validation_errors(form, invalid)
        else:
            messages.success(request, f"{patient.full_name} registered")
            return redirect("patients:detail", nhs_number=patient.nhs_number)
    return render(
        request,
        "patients/register.jinja",
        {
            "title": "Register a patient",
            "form": form,
            "page_has_errors": bool(form.errors),
            "choose_practice": actor.is_system_admin,
        },
        status=400 if form.errors else 200,
    )
