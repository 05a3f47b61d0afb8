"""The seed step for patients' questions: through the real services for the demo, in bulk at ICB scale."""

from __future__ import annotations

import random

from joinedup.demo.patientview import seed_patient_questions
from joinedup.patientview.models import PatientQuestion, QuestionState
from joinedup.referrals.tests.helpers import act, patient_at, send


def test_the_demo_patients_questions_go_through_the_services(icb, actor_for) -> None:
    gp, consultant = actor_for("gp_clinician"), actor_for("consultant")
    waiting = send(gp, consultant.organisation, patient=patient_at(gp.organisation, "9990000018"))
    returned = send(gp, consultant.organisation, patient=patient_at(gp.organisation, "9990000026"))
    act(consultant, returned, "return", "Start a statin.", reason="MANAGE_IN_PRIMARY_CARE")
    assert seed_patient_questions(rng=random.Random(3), demo=True) == 2
    by_patient = {q.patient_id: q for q in PatientQuestion.objects.all()}
    assert by_patient[returned.patient_id].owner_id == gp.organisation.id  # the practice has the next step
    assert by_patient[waiting.patient_id].owner_id == consultant.organisation.id


def test_at_icb_scale_questions_are_made_in_bulk(icb, actor_for) -> None:
    gp, consultant = actor_for("gp_clinician"), actor_for("consultant")
    for number in ("9990000018", "9990000026", "9990000034"):
        send(gp, consultant.organisation, patient=patient_at(gp.organisation, number))
    assert seed_patient_questions(rng=random.Random(3), demo=False, count=1) == 1
    question = PatientQuestion.objects.get()
    assert question.owner_id in {gp.organisation.id, consultant.organisation.id}
    assert question.state in {QuestionState.ASKED, QuestionState.ANSWERED}
