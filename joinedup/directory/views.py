from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from joinedup.core.forms import add_validation_errors
from joinedup.core.views import current_actor

from . import selectors, services
from .access import Permission, require
from .forms import ContactPointForm, InterfaceLeadForm, OrganisationForm, ServiceForm
from .models import OrganisationKind


@login_required
def organisations(request: HttpRequest) -> HttpResponse:
    actor = current_actor(request)
    kind = request.GET.get("kind", "")
    kind = kind if kind in OrganisationKind.values else ""
    query = request.GET.get("q", "")[:100]
    orgs = selectors.organisations_for(actor, kind=kind, query=query)[:500]
    return render(
        request,
        "directory/organisations.jinja",
        {"title": "Organisations", "organisations": orgs, "kind": kind, "q": query, "kinds": OrganisationKind.choices},
    )


@login_required
def organisation(request: HttpRequest, ods_code: str) -> HttpResponse:
    actor = current_actor(request)
    org = selectors.organisation_for(actor, ods_code)
    context = {
        "title": org.name,
        "org": org,
        "services": selectors.services_of(actor, org) if org.is_trust else [],
        "can_edit_services": actor.can(Permission.EDIT_SERVICES)
        and (actor.is_system_admin or actor.organisation == org),
        "can_set_lead": org.is_trust and actor.can(Permission.SET_INTERFACE_LEAD),
        "can_change_contact": services.may_change_contact_point(actor, org),
        "breadcrumbs": [{"text": "Home", "href": "/"}, {"text": "Organisations", "href": "/directory/"}],
    }
    return render(request, "directory/organisation.jinja", context)


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    actor = require(current_actor(request), Permission.MANAGE_ORGANISATIONS)
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            org = services.organisation_create(
                actor=actor,
                ods_code=form.cleaned_data["ods_code"],
                name=form.cleaned_data["name"],
                kind=form.cleaned_data["kind"],
                icb=form.selected_icb(),
            )
        except ValidationError as invalid:
            add_validation_errors(form, invalid)
        else:
            messages.success(request, f"{org.name} added")
            return redirect("directory:organisation", ods_code=org.ods_code)
    return render(
        request,
        "directory/organisation_form.jinja",
        {"title": "Add an organisation", "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def service_edit(request: HttpRequest, service_id: int) -> HttpResponse:
    actor = current_actor(request)
    service = selectors.editable_service(actor, service_id)
    initial = {
        "indicative_wait_weeks": service.indicative_wait_weeks,
        "capacity_status": service.capacity_status,
        "takes_referrals": service.takes_referrals,
        "takes_advice_and_guidance": service.takes_advice_and_guidance,
        "phone": service.phone,
        "hours": service.hours,
        "email": service.email,
        "version": service.version,
    }
    form = ServiceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.service_update(
                actor=actor,
                service=service,
                expected_version=data["version"],
                indicative_wait_weeks=data["indicative_wait_weeks"],
                capacity_status=data["capacity_status"],
                takes_referrals=data["takes_referrals"],
                takes_advice_and_guidance=data["takes_advice_and_guidance"],
                phone=data["phone"],
                hours=data["hours"],
                email=data["email"],
            )
        except services.StaleEdit as stale:
            service.refresh_from_db()
            form = ServiceForm(initial={**initial, "version": service.version})
            form.add_error(None, f"{stale}. Check the current values below and make your change again.")
        except ValidationError as invalid:
            add_validation_errors(form, invalid)
        else:
            messages.success(request, f"{service.name} updated")
            return redirect("directory:organisation", ods_code=service.trust.ods_code)
    return render(
        request,
        "directory/service_form.jinja",
        {"title": f"Change {service.name}", "form": form, "service": service},
        status=400 if form.errors else 200,
    )


@login_required
def interface_lead(request: HttpRequest, ods_code: str) -> HttpResponse:
    actor = require(current_actor(request), Permission.SET_INTERFACE_LEAD)
    trust = selectors.organisation_for(actor, ods_code)
    if not trust.is_trust:
        return redirect("directory:organisation", ods_code=trust.ods_code)
    people = list(selectors.interface_lead_candidates(trust))
    candidates = [(str(p.id), str(p)) for p in people]
    lead_id = trust.designated_interface_lead_id
    form = InterfaceLeadForm(request.POST or None, candidates=candidates, initial={"lead": str(lead_id or "")})
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["lead"]
        lead = get_object_or_404(selectors.interface_lead_candidates(trust), id=int(chosen)) if chosen else None
        try:
            services.interface_lead_set(actor=actor, trust=trust, lead=lead)
        except ValidationError as invalid:
            add_validation_errors(form, invalid)
        else:
            messages.success(request, f"Designated interface lead for {trust.name} updated")
            return redirect("directory:organisation", ods_code=trust.ods_code)
    return render(
        request,
        "directory/interface_lead_form.jinja",
        {
            "title": f"Designated interface lead: {trust.name}",
            "form": form,
            "trust": trust,
            "has_candidates": bool(people),
        },
        status=400 if form.errors else 200,
    )


@login_required
def icb_overview(request: HttpRequest) -> HttpResponse:
    actor = current_actor(request)
    icb = selectors.icb_for(actor, request.GET.get("icb") or None)
    return render(
        request,
        "directory/icb.jinja",
        {
            "title": f"{icb.name}: overview",
            "icb": icb,
            "practices": selectors.icb_members(icb, OrganisationKind.GP_PRACTICE),
            "trusts": selectors.icb_members(icb, OrganisationKind.NHS_TRUST),
            "trusts_without_lead": selectors.trusts_without_interface_lead(icb),
        },
    )


@login_required
def organisation_contact(request: HttpRequest, ods_code: str) -> HttpResponse:
    """The phone, hours and email patients see for this organisation (decision 0023)."""
    actor = current_actor(request)
    org = selectors.organisation_for(actor, ods_code)
    if not services.may_change_contact_point(actor, org):
        raise PermissionDenied("You cannot change this organisation's contact point")
    form = ContactPointForm(request.POST or None, initial={"phone": org.phone, "hours": org.hours, "email": org.email})
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_contact_point_set(actor=actor, organisation=org, **form.cleaned_data)
        except ValidationError as invalid:
            add_validation_errors(form, invalid)
        else:
            messages.success(request, f"Contact point for {org.name} updated")
            return redirect("directory:organisation", ods_code=org.ods_code)
    return render(
        request,
        "directory/contact_point_form.jinja",
        {"title": f"Contact point for patients: {org.name}", "form": form, "org": org},
        status=400 if form.errors else 200,
    )
