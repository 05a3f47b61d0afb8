"""Connected systems: the system administrator registers GP and trust systems and switches them off."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from joinedup.core.forms import add_validation_errors
from joinedup.core.views import current_actor
from joinedup.directory import selectors as directory
from joinedup.directory.access import Permission, require

from .. import selectors, services
from .forms import ClientSystemForm

BREADCRUMBS = [{"text": "Home", "href": "/"}]


@login_required
def systems(request: HttpRequest) -> HttpResponse:
    actor = require(current_actor(request), Permission.MANAGE_CLIENT_SYSTEMS)
    return render(
        request,
        "api/systems.jinja",
        {"title": "Connected systems", "systems": selectors.client_systems(actor)[:500], "breadcrumbs": BREADCRUMBS},
    )


@login_required
def system_register(request: HttpRequest) -> HttpResponse:
    actor = require(current_actor(request), Permission.MANAGE_CLIENT_SYSTEMS)
    form = ClientSystemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            try:
                organisation = directory.organisation_for(actor, form.cleaned_data["ods_code"])
            except Http404 as unknown:
                raise ValidationError({"ods_code": "No GP practice or NHS trust has this ODS code"}) from unknown
            client = services.register_client(
                actor,
                name=form.cleaned_data["name"],
                organisation=organisation,
                role=form.cleaned_data["role"],
                public_key_pem=form.cleaned_data["public_key_pem"],
                rate_limit_per_minute=form.cleaned_data["rate_limit_per_minute"],
            )
        except ValidationError as invalid:
            add_validation_errors(form, invalid)
        else:
            messages.success(request, f"{client.name} registered: its client id is {client.client_id}")
            return redirect("systems:system", client_id=client.client_id)
    return render(
        request,
        "api/system_form.jinja",
        {
            "title": "Register a system",
            "form": form,
            "breadcrumbs": [*BREADCRUMBS, {"text": "Connected systems", "href": reverse("systems:list")}],
        },
        status=400 if form.errors else 200,
    )


@login_required
def system(request: HttpRequest, client_id: str) -> HttpResponse:
    actor = require(current_actor(request), Permission.MANAGE_CLIENT_SYSTEMS)
    client = selectors.client_system_for(actor, client_id)
    return render(
        request,
        "api/system.jinja",
        {
            "title": client.name,
            "client": client,
            "token_url": request.build_absolute_uri(reverse("api:token")),
            "fhir_base": request.build_absolute_uri(reverse("api:metadata")).rsplit("/", 1)[0],
            "breadcrumbs": [*BREADCRUMBS, {"text": "Connected systems", "href": reverse("systems:list")}],
        },
    )


@login_required
@require_POST
def system_switch(request: HttpRequest, client_id: str) -> HttpResponse:
    actor = require(current_actor(request), Permission.MANAGE_CLIENT_SYSTEMS)
    client = selectors.client_system_for(actor, client_id)
    active = request.POST.get("active") == "on"
    services.set_client_active(actor, client, active=active)
    messages.success(request, f"{client.name} switched {'on' if active else 'off'}")
    return redirect("systems:system", client_id=client.client_id)
