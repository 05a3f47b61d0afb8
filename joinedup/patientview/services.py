"""Writes for patients' questions: asking (by the patient) and answering (by the owner), each audited."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from joinedup.audit import services as audit
from joinedup.core.concurrency import lock_at_version
from joinedup.core.notify import notify
from joinedup.core.working_days import add_working_days
from joinedup.directory.access import Actor
from joinedup.directory.models import Person
from joinedup.directory.selectors import people_who_may
from joinedup.patients.models import Patient

from .models import PatientQuestion, QuestionState
from .presenters import Item
from .selectors import ANSWERING_PERMISSIONS
from .workflow import WORKFLOW

QUESTION_MAX = 2000


def _clean(text: str, what: str) -> str:
    text = (text or "").replace("\x00", "").strip()
    if not text:
        raise ValidationError({what: f"Enter your {what}"})
    if len(text) > QUESTION_MAX:
        raise ValidationError({what: f"Your {what} must be {QUESTION_MAX} characters or fewer"})
    return text


def ask(*, nhs_number: str, patient: Patient, item: Item, question: str, reply_email: str = "") -> PatientQuestion:
    """The patient asks about one of their own items; it goes to the owner of the next step."""
    text = _clean(question, "question")
    with transaction.atomic():
        asked = PatientQuestion.objects.create(
            patient=patient,
            item_key=item.key,
            item_title=item.title[:300],
            owner_id=item.owner_org_id,
            owner_contact=item.contact_name[:300],
            question=text,
            reply_email=reply_email,
            due=add_working_days(timezone.localdate(), settings.PATIENT_QUESTION_WORKING_DAYS),
        )
        audit.record_patient(
            nhs_number=nhs_number,
            action="patientview.question_asked",
            obj=asked,
            details={"item": item.key, "owner_id": item.owner_org_id},
        )
        _tell_owner(asked)
    return asked


def _tell_owner(asked: PatientQuestion) -> None:
    """Whoever answers at the owning organisation is emailed (the reference only, never the patient)."""
    answerers = {
        person for permission in ANSWERING_PERMISSIONS for person in people_who_may(asked.owner_id, permission)
    }
    notify(
        answerers,
        f"a patient's question to answer by {asked.due.day} {asked.due:%B %Y}",
        f"A patient has asked a question (reference Q-{asked.id}). Answer it from Patient questions.",
        link=f"/patient-questions/{asked.id}/",
    )


def answer(*, actor: Actor, question_id: int, expected_version: int, answer: str) -> PatientQuestion:
    """The owning organisation answers; the patient is emailed that there is an answer (no content)."""
    text = _clean(answer, "answer")
    with transaction.atomic():
        question = lock_at_version(PatientQuestion.objects.all(), question_id, expected_version, "this question")
        step = WORKFLOW.step(question, "answer")
        if step is None or not WORKFLOW.may(actor, question, step):
            raise ValidationError("This question cannot be answered by you now")
        question.state = step.to
        question.answer = text
        question.answered_at = timezone.now()
        question.answered_by = actor.person
        question.version += 1
        question.save()
        audit.record(
            actor=actor,
            action="patientview.question_answered",
            obj=question,
            patient_nhs_number=question.patient.nhs_number,
            details={"item": question.item_key, "on_time": question.answered_at.date() <= question.due},
        )
        if question.reply_email:
            # The patient is not a person in the directory: an unsaved Person carries just the address.
            notify(
                [Person(email=question.reply_email)],
                "Your question has been answered",
                "The answer to your question is ready. Sign in with NHS login to read it.",
                link="/my/",
            )
    return question


__all__ = ["QuestionState", "answer", "ask"]
