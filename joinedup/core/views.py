"""Sign-in, the role home pages, choosing a role, and the plain pages."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from joinedup.core import health
from joinedup.core.account_forms import PasswordChangeForm, SignInForm
from joinedup.core.parsing import parse_id
from joinedup.core.steps import take_step
from joinedup.directory import services as directory_services
from joinedup.directory.access import Actor
from joinedup.directory.middleware import SESSION_KEY

from . import navigation
from .panels import panels_for


def current_actor(request: HttpRequest) -> Actor:
    """The acting role; a person with no role sees a clear page, never an empty one."""
    actor: Actor | None = getattr(request, "actor", None)
    if actor is None:
        raise PermissionDenied("You do not have a role in JoinedUp yet. Ask your system administrator to add one.")
    return actor


class SignInView(auth_views.LoginView):
    template_name = "core/sign_in.jinja"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = "Sign in"
        context["other_ways_in"] = navigation.sign_in_links()
        return context


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The role's home page: the panels the domains registered (core/panels.py) that answer for this actor."""
    actor = current_actor(request)
    heading = "System administration" if actor.is_system_admin else actor.organisation.name
    context = {"title": "Home", "actor": actor, "heading": heading, "panels": panels_for(actor)}
    return render(request, "core/home.jinja", context)


@login_required
@require_http_methods(["GET", "POST"])
def role_switch(request: HttpRequest) -> HttpResponse:
    current_actor(request)
    assignments = request.role_assignments  # type: ignore[attr-defined]
    if request.method == "POST":
        chosen = request.POST.get("assignment", "")
        chosen_id = parse_id(chosen)
        if chosen_id is not None and any(a.id == chosen_id for a in assignments):
            request.session[SESSION_KEY] = chosen_id
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


def health_live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def health_ready(request: HttpRequest) -> JsonResponse:
    checks = health.readiness()
    ready = all(check.ok for check in checks)
    return JsonResponse(
        {
            "status": "ok" if ready else "unavailable",
            "checks": {c.name: {"ok": c.ok, "detail": c.detail} for c in checks},
        },
        status=200 if ready else 503,
    )


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    actor = current_actor(request)
    form = PasswordChangeForm(actor.person, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        settled = take_step(
            request,
            form,
            lambda: directory_services.password_change(actor=actor, new_password=form.cleaned_data["new_password1"]),
            done="Your password has been changed",
            record_url=reverse("home"),
        )
        if settled:
            update_session_auth_hash(request, actor.person)  # stay signed in on this device
            return settled
    return render(request, "core/password_change.jinja", {"title": "Change your password", "form": form})
