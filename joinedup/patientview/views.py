"""The patient's own pages: sign in with NHS login, then one page of what happens next and who has it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import requests
from django.contrib import auth
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View
from django.views.decorators.http import require_http_methods, require_POST
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from joinedup.audit import services as audit

from . import presenters, selectors
from .identity import (
    SESSION_NHS_NUMBER,
    SESSION_PROOFING,
    NHSLoginBackend,
    NotProofedEnough,
    PatientIdentity,
    nhs_login_configured,
    signed_in_nhs_number,
)


def _not_for_staff(request: HttpRequest) -> None:
    if request.user.is_authenticated:
        raise PermissionDenied("These pages are for patients signed in with NHS login, not for staff")


def patient_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        _not_for_staff(request)
        if signed_in_nhs_number(request) is None:
            return redirect("patientview:start")
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@require_http_methods(["GET"])
def start(request: HttpRequest) -> HttpResponse:
    """Continue to NHS login."""
    _not_for_staff(request)
    if signed_in_nhs_number(request):
        return redirect("patientview:mine")
    problem = request.session.pop("patientview_problem", "")
    return render(
        request,
        "patientview/start.jinja",
        {"title": "See your referrals and hospital letters", "configured": nhs_login_configured(), "problem": problem},
    )


class SignInWithNHSLogin(OIDCAuthenticationRequestView):  # type: ignore[misc]
    """Redirect to NHS login (state, nonce, PKCE by mozilla-django-oidc)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        _not_for_staff(request)
        if not nhs_login_configured():
            return redirect("patientview:start")
        return super().get(request)  # type: ignore[no-any-return]


class SignedInWithNHSLogin(View):
    """NHS login's callback: check state, exchange the code, check the ID token, read the claims."""

    http_method_names = ["get"]

    def _failed(self, request: HttpRequest, problem: str) -> HttpResponse:
        request.session["patientview_problem"] = problem
        return redirect("patientview:start")

    def get(self, request: HttpRequest) -> HttpResponse:
        _not_for_staff(request)
        states = request.session.get("oidc_states") or {}
        state = request.GET.get("state", "")
        if request.GET.get("error") or "code" not in request.GET or state not in states:
            if state in states:
                del request.session["oidc_states"][state]
                request.session.save()
            return self._failed(request, "You did not finish signing in with NHS login. Try again.")
        entry = states[state]
        del request.session["oidc_states"][state]
        request.session.save()
        try:
            identity = NHSLoginBackend().authenticate(
                request, nonce=entry.get("nonce"), code_verifier=entry.get("code_verifier")
            )
        except NotProofedEnough:
            return self._failed(
                request,
                "To see your health records you need to prove who you are in NHS login first "
                "(for example with photo ID). Then come back and sign in again.",
            )
        except SuspiciousOperation:
            identity = None
        except requests.RequestException:
            return self._failed(request, "NHS login is not answering at the moment. Try again in a few minutes.")
        if not isinstance(identity, PatientIdentity):
            return self._failed(request, "NHS login did not tell us your NHS number. Try again.")
        auth.logout(request)  # a fresh session: nothing of a staff sign-in, nor the old session key, survives
        request.session[SESSION_NHS_NUMBER] = identity.nhs_number
        request.session[SESSION_PROOFING] = identity.proofing_level
        with transaction.atomic():
            audit.record_patient(
                nhs_number=identity.nhs_number,
                action="patientview.signed_in",
                details={"identity_proofing_level": identity.proofing_level},
            )
        return HttpResponseRedirect(reverse("patientview:mine"))


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    request.session.flush()
    return redirect("patientview:start")


@require_http_methods(["GET"])
@patient_required
def mine(request: HttpRequest) -> HttpResponse:
    """Everything open about the signed-in patient: what it is, where it stands, who has the next step."""
    nhs_number = signed_in_nhs_number(request) or ""
    patient = selectors.patient_signed_in(nhs_number)
    if patient is None:
        with transaction.atomic():
            audit.record_patient(nhs_number=nhs_number, action="patientview.no_record_viewed")
        return render(request, "patientview/no_record.jinja", {"title": "We do not have any records for you"})
    requests_ = selectors.requests_about(patient)
    tests = selectors.tests_about(patient)
    items = presenters.items_for(requests_, tests, patient)
    with transaction.atomic():
        audit.record_patient(
            nhs_number=nhs_number,
            action="patientview.viewed",
            obj=patient,
            details={"requests": [r.id for r in requests_], "tests": [t.id for t in tests]},
        )
    return render(
        request,
        "patientview/mine.jinja",
        {"title": "Your referrals, tests and hospital requests", "patient": patient, "items": items},
    )
