"""Reads for the patient's own view: always scoped to the one NHS number the identity provider vouched for.

Other apps' tables only through their selectors (decision 0010).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404

from joinedup.core import patient_items
from joinedup.core.measures import MonthlyFigure
from joinedup.diagnostics import selectors as diagnostics
from joinedup.diagnostics.models import DiagnosticRequest
from joinedup.directory.access import Actor, Permission
from joinedup.letters.inbox import selectors as letters
from joinedup.letters.models import Letter
from joinedup.patients import selectors as patients
from joinedup.patients.models import Patient
from joinedup.referrals import selectors as referrals
from joinedup.referrals.models import ClinicalRequest, State

from .models import PatientQuestion, QuestionState


def patient_signed_in(nhs_number: str) -> Patient | None:
    """The JoinedUp record for the signed-in patient's NHS number, or None if JoinedUp has none."""
    return patients.patient_with_nhs_number(nhs_number)


def requests_about(patient: Patient) -> list[ClinicalRequest]:
    return referrals.requests_about_patient_for_the_patient(patient.id)


def tests_about(patient: Patient) -> list[DiagnosticRequest]:
    return diagnostics.requests_about_patient_for_the_patient(patient.id)


def letters_about(patient: Patient) -> list[Letter]:
    return letters.letters_about_patient_for_the_patient(patient.id)


def demo_patients(per_state: int = 2) -> list[tuple[str, str]]:
    """(name, NHS number) for the demo's NHS login users: patients with a returned referral first."""
    found: list[tuple[str, str]] = []
    for state, name in (
        (State.RETURNED, "returned"),
        (State.ACCEPTED, "accepted"),
        (State.AWAITING_TRIAGE, "waiting"),
        (State.AWAITING_ADVICE, "advice"),
    ):
        for n, nhs_number in enumerate(referrals.nhs_numbers_with_requests_in(state, per_state), start=1):
            if all(nhs_number != seen for _, seen in found):
                found.append((f"patient-{name}-{n}", nhs_number))
    # Patients with what other domains put on the page (urgent escalations: "patient-escalations-1").
    for domain, nhs_numbers in sorted(patient_items.registered_demo_patients(per_state).items()):
        label = domain.rsplit(".", 1)[-1]
        for n, nhs_number in enumerate(nhs_numbers, start=1):
            if all(nhs_number != seen for _, seen in found):
                found.append((f"patient-{label}-{n}", nhs_number))
    return found


def questions_by_item(patient: Patient) -> dict[str, list[PatientQuestion]]:
    """The patient's own questions, grouped by the item asked about, oldest first."""
    grouped: dict[str, list[PatientQuestion]] = {}
    for question in PatientQuestion.objects.filter(patient=patient).order_by("asked_at", "id"):
        grouped.setdefault(question.item_key, []).append(question)
    return grouped


# Who answers questions at an owner: a trust's services, a practice, the hub, an urgent service's team.
ANSWERING_PERMISSIONS = (
    Permission.VIEW_PROVIDER_WORKLISTS,
    Permission.VIEW_PRACTICE_REQUESTS,
    Permission.COORDINATE_ESCALATIONS,
    Permission.RESPOND_TO_ESCALATIONS,
)


def may_answer_questions(actor: Actor) -> bool:
    return any(actor.can(permission) for permission in ANSWERING_PERMISSIONS)


def owner_worklist(actor: Actor, which: str) -> list[PatientQuestion]:
    """Questions to the actor's organisation: waiting ones by their clock, or the last answered."""
    if not may_answer_questions(actor):
        raise PermissionDenied("Your role does not answer patients' questions")
    questions = PatientQuestion.objects.select_related("patient").filter(owner_id=actor.organisation.id)
    if which == "answered":
        return list(questions.filter(state=QuestionState.ANSWERED).order_by("-answered_at", "-id")[:100])
    return list(questions.filter(state=QuestionState.ASKED).order_by("due", "asked_at", "id")[:200])


def question_for(actor: Actor, question_id: int) -> PatientQuestion:
    """A question to the actor's organisation; 404 for any other."""
    if not may_answer_questions(actor):
        raise PermissionDenied("Your role does not answer patients' questions")
    return get_object_or_404(
        PatientQuestion.objects.select_related("patient", "owner"), pk=question_id, owner_id=actor.organisation.id
    )


def waiting_count(actor: Actor) -> int:
    """The header's count: questions to the actor's organisation still waiting for an answer."""
    if not may_answer_questions(actor):
        return 0
    return PatientQuestion.objects.filter(owner_id=actor.organisation.id, state=QuestionState.ASKED).count()


def answered_in_time(kind: str) -> Callable[[datetime.date, datetime.date], Iterable[MonthlyFigure]]:
    """Per owner of ``kind`` and month asked: questions answered by their due day, of those asked."""

    def compute(since: datetime.date, until: datetime.date) -> Iterable[MonthlyFigure]:
        rows = (
            PatientQuestion.objects.filter(owner__kind=kind, asked_at__date__gte=since, asked_at__date__lt=until)
            .annotate(month=TruncMonth("asked_at"))
            .values("month", "owner_id")
            .annotate(
                asked=Count("id"),
                in_time=Count("id", filter=Q(state=QuestionState.ANSWERED, answered_at__date__lte=F("due"))),
            )
            .order_by("month", "owner_id")
        )
        for row in rows:
            month = row["month"].date() if isinstance(row["month"], datetime.datetime) else row["month"]
            yield MonthlyFigure(
                month=month, organisation_id=row["owner_id"], numerator=row["in_time"], denominator=row["asked"]
            )

    return compute
