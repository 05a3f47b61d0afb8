"""Sign-in, the role home pages, choosing a role, and the plain pages."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from joinedup.core.panels import panels_for
from joinedup.diagnostics import selectors as diagnostics
from joinedup.directory import selectors as directory
from joinedup.directory.access import Actor, Permission
from joinedup.directory.middleware import SESSION_KEY
from joinedup.directory.models import OrganisationKind
from joinedup.patients import selectors as patients


def current_actor(request: HttpRequest) -> Actor:
    """The acting role; a person with no role sees a clear page, never an empty one."""
    actor: Actor | None = getattr(request, "actor", None)
    if actor is None:
        raise PermissionDenied("You do not have a role in JoinedUp yet. Ask your system administrator to add one.")
    return actor


class SignInView(auth_views.LoginView):
    template_name = "core/sign_in.jinja"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = "Sign in"
        return context


@login_required
def home(request: HttpRequest) -> HttpResponse:
    actor = current_actor(request)
    org = actor.organisation
    context: dict[str, Any] = {
        "title": "Home",
        "actor": actor,
        "diagnostics": diagnostics.home_summary(actor),
        "panels": panels_for(actor),  # what the domains registered for this actor's home page
    }
    if actor.is_system_admin:
        template = "core/home_admin.jinja"
        context["icb"] = directory.icb_for(actor) if actor.icb_id else None
        context["organisations"] = directory.organisations_for(actor)[:200]
    elif org.kind == OrganisationKind.GP_PRACTICE:
        template = "core/home_practice.jinja"
        context["patients"] = patients.registered_patients(actor)[:25]
        context["patient_count"] = patients.registered_patients(actor).count()
        if actor.can(Permission.VIEW_LETTERS):
            from joinedup.letters.inbox import selectors as letters

            context["letters"] = letters.home_panel(actor)
    elif org.kind == OrganisationKind.NHS_TRUST:
        template = "core/home_trust.jinja"
        context["services"] = directory.services_of(actor, org)
        context["can_edit_services"] = actor.can(Permission.EDIT_SERVICES)
    elif org.kind == OrganisationKind.ICB:
        template = "core/home_icb.jinja"
        icb = directory.icb_for(actor)
        context.update(
            icb=icb,
            practice_count=directory.icb_members(icb, OrganisationKind.GP_PRACTICE).count(),
            trusts=directory.icb_members(icb, OrganisationKind.NHS_TRUST),
            trusts_without_lead=directory.trusts_without_interface_lead(icb),
        )
    else:
        template = "core/home_hub.jinja"
        context["trusts"] = directory.organisations_for(actor, kind=OrganisationKind.NHS_TRUST)
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def role_switch(request: HttpRequest) -> HttpResponse:
    current_actor(request)
    assignments = request.role_assignments  # type: ignore[attr-defined]
    if request.method == "POST":
        chosen = request.POST.get("assignment", "")
        if chosen.isdigit() and any(a.id == int(chosen) for a in assignments):
            request.session[SESSION_KEY] = int(chosen)
            return redirect("home")
        return render(
            request,
            "core/role_switch.jinja",
            {"title": "Choose a role", "assignments": assignments, "error": "Select one of your roles"},
            status=400,
        )
    return render(request, "core/role_switch.jinja", {"title": "Choose a role", "assignments": assignments})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.jinja", {"title": "Accessibility statement"})


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.jinja", {"title": "Privacy and audit"})


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else "You do not have permission to see this page."
    return render(request, "core/error.jinja", {"title": "You cannot see this page", "message": message}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "core/error.jinja",
        {"title": "Page not found", "message": "If you typed the web address, check it is correct."},
        status=404,
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/error.jinja",
        {
            "title": "Sorry, there is a problem with the service",
            "message": "Try again later. Nothing you entered was saved.",
        },
        status=500,
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "core/error.jinja",
        {"title": "Bad request", "message": "The request could not be understood."},
        status=400,
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(
        request,
        "core/error.jinja",
        {
            "title": "Your session has expired",
            "message": "For your security the form was not sent. Go back, reload the page and try again.",
        },
        status=403,
    )


def locked_out(
    request: HttpRequest, credentials: dict[str, Any] | None = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    return render(
        request,
        "core/locked_out.jinja",
        {"title": "Your account is locked"},
        status=429,
    )
