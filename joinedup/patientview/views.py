"""The patient's own pages: sign in with NHS login, then one page of what happens next and who has it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import requests
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, SuspiciousOperation, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.decorators.http import require_http_methods, require_POST
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from joinedup.audit import services as audit
from joinedup.core import patient_items
from joinedup.core.clocks import clock_status
from joinedup.core.concurrency import StaleAction
from joinedup.core.forms import add_validation_errors
from joinedup.core.views import current_actor

from . import presenters, selectors, services
from .forms import AnswerForm, QuestionForm
from .identity import (
    SESSION_EMAIL,
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
        request.session[SESSION_EMAIL] = identity.email
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
    letters = selectors.letters_about(patient)
    others = patient_items.items_about(patient.id)  # what domains beside this one registered (escalations)
    items = presenters.items_for(requests_, tests, patient, letters, others)
    with transaction.atomic():
        audit.record_patient(
            nhs_number=nhs_number,
            action="patientview.viewed",
            obj=patient,
            details={
                "requests": [r.id for r in requests_],
                "tests": [t.id for t in tests],
                "letters": [x.id for x in letters],
                "others": [i.key for i in others],
            },
        )
    return render(
        request,
        "patientview/mine.jinja",
        {
            "title": "Your referrals, tests and hospital letters",
            "patient": patient,
            "items": items,
            "questions": selectors.questions_by_item(patient),
            "no_contact_point": patient_items.NO_CONTACT_POINT,
        },
    )


@require_http_methods(["GET", "POST"])
@patient_required
def ask(request: HttpRequest, key: str) -> HttpResponse:
    """'I have a question about this': to the owner of the item's next step. Only the patient's own items."""
    nhs_number = signed_in_nhs_number(request) or ""
    patient = selectors.patient_signed_in(nhs_number)
    if patient is None:
        raise Http404("No such item")
    items = presenters.items_for(
        selectors.requests_about(patient),
        selectors.tests_about(patient),
        patient,
        selectors.letters_about(patient),
        patient_items.items_about(patient.id),
    )
    item = next((i for i in items if i.key == key), None)
    if item is None:
        raise Http404("No such item")
    form = QuestionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.ask(
                nhs_number=nhs_number,
                patient=patient,
                item=item,
                question=form.cleaned_data["question"],
                reply_email=str(request.session.get(SESSION_EMAIL) or ""),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, f"Your question has been sent to {item.contact_name}.")
            return redirect(f"{reverse('patientview:mine')}#{item.key}")
    with transaction.atomic():
        audit.record_patient(nhs_number=nhs_number, action="patientview.question_form_viewed", details={"item": key})
    return render(
        request,
        "patientview/ask.jinja",
        {
            "title": "Ask a question",
            "item": item,
            "form": form,
            "working_days": settings.PATIENT_QUESTION_WORKING_DAYS,
        },
        status=400 if form.is_bound else 200,
    )


def _answerer(request: HttpRequest) -> Any:
    actor = current_actor(request)
    if not selectors.may_answer_questions(actor):
        raise PermissionDenied("Your role does not answer patients' questions")
    return actor


@login_required
@require_http_methods(["GET"])
def questions(request: HttpRequest) -> HttpResponse:
    """Patients' questions to this organisation, soonest clock first."""
    actor = _answerer(request)
    which = "answered" if request.GET.get("which") == "answered" else "waiting"
    rows = selectors.owner_worklist(actor, which)
    today = timezone.localdate()
    with transaction.atomic():
        audit.record(
            actor=actor,
            action="patientview.questions_viewed",
            details={"which": which, "nhs_numbers": sorted({q.patient.nhs_number for q in rows})},
        )
    return render(
        request,
        "patientview/questions.jinja",
        {
            "title": "Patient questions",
            "rows": [(q, clock_status(q.due, today)) for q in rows],
            "which": which,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def question(request: HttpRequest, question_id: int) -> HttpResponse:
    actor = _answerer(request)
    asked = selectors.question_for(actor, question_id)
    form = AnswerForm(request.POST if request.method == "POST" else None, initial={"version": asked.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.answer(
                actor=actor,
                question_id=asked.id,
                expected_version=form.cleaned_data["version"],
                answer=form.cleaned_data["answer"],
            )
        except StaleAction as stale:
            messages.warning(request, str(stale))
            return redirect("patientview:question", question_id=asked.id)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Your answer has been sent. The patient has been told by email.")
            return redirect("patientview:questions_trust")
    with transaction.atomic():
        audit.record(
            actor=actor, action="patientview.question_viewed", obj=asked, patient_nhs_number=asked.patient.nhs_number
        )
    return render(
        request,
        "patientview/question.jinja",
        {
            "title": "Answer a patient's question",
            "question": asked,
            "form": form,
            "clock": clock_status(asked.due, timezone.localdate()),
            "can_answer": asked.state == "asked",
        },
        status=400 if form.is_bound else 200,
    )
