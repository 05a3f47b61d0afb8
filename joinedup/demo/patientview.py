"""Patients' questions (issue 15): a few through the real services for the demo patients, a year's worth in bulk."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from joinedup.core.working_days import add_working_days
from joinedup.directory.access import Actor
from joinedup.directory.models import RoleAssignment
from joinedup.patientview import presenters, selectors, services
from joinedup.patientview.models import PatientQuestion, QuestionState
from joinedup.referrals.models import ClinicalRequest

QUESTIONS = [
    "How long will I have to wait?",
    "Do I need to do anything before my appointment?",
    "What does the advice mean for me?",
    "Who should I call if my symptoms get worse?",
]
ANSWERS = [
    "The current wait is about 12 weeks. We will write to you with a date.",
    "Your GP practice will contact you this week to talk about the advice.",
]


def _actor(username: str) -> Actor:
    assignment = RoleAssignment.objects.select_related("person", "organisation").filter(person__username=username)
    first = assignment.earliest("id")
    return Actor(person=first.person, assignment=first)


def seed_patient_questions(*, rng: random.Random, demo: bool, count: int = 20_000) -> int:
    if demo:
        return _demo(rng)
    return _bulk(rng, count)


def _demo(rng: random.Random) -> int:
    """One question from each demo NHS login patient; the first answered by its owner when that is the demo trust."""
    made = 0
    consultant = _actor("consultant")
    for _, nhs_number in selectors.demo_patients():
        patient = selectors.patient_signed_in(nhs_number)
        if patient is None:
            continue
        items = presenters.items_for(selectors.requests_about(patient), selectors.tests_about(patient), patient)
        if not items:
            continue
        item = items[0]
        asked = services.ask(
            nhs_number=nhs_number, patient=patient, item=item, question=rng.choice(QUESTIONS), reply_email=""
        )
        made += 1
        if made == 1 and asked.owner_id == consultant.organisation.id:
            services.answer(actor=consultant, question_id=asked.id, expected_version=1, answer=ANSWERS[0])
    return made


def _bulk(rng: random.Random, count: int) -> int:
    """Questions on a sample of requests over the last year, most answered, some late."""
    rows = list(
        ClinicalRequest.objects.order_by("id").values_list("id", "patient_id", "trust_id", "requester_org_id")[
            : count * 3 : 3
        ]
    )
    now = timezone.now()
    batch = []
    for request_id, patient_id, trust_id, practice_id in rows:
        asked_at = now - datetime.timedelta(days=rng.randint(0, 364), hours=rng.randint(0, 9))
        due = add_working_days(asked_at.date(), 2)
        answered = rng.random() < 0.9
        answered_at = asked_at + datetime.timedelta(days=rng.choice([0, 1, 1, 2, 3, 5])) if answered else None
        hospital = rng.random() < 0.7
        batch.append(
            PatientQuestion(
                patient_id=patient_id,
                item_key=f"referral-{request_id}",
                item_title="Referral",
                owner_id=trust_id if hospital else practice_id,
                owner_contact="",
                question=rng.choice(QUESTIONS),
                asked_at=asked_at,
                due=due,
                state=QuestionState.ANSWERED if answered else QuestionState.ASKED,
                answer=rng.choice(ANSWERS) if answered else "",
                answered_at=answered_at,
            )
        )
    PatientQuestion.objects.bulk_create(batch, batch_size=5000)
    return len(batch)
