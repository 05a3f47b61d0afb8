"""Issue 15: a patient's question goes to the owner of the next step, who answers it against a clock."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from joinedup.audit.models import AuditEvent
from joinedup.core import measures
from joinedup.patientview.models import PatientQuestion
from joinedup.referrals.tests.helpers import act, patient_at, send

from .oidc import nhs_login_user, provider, settings_for, sign_in

ADA = "9990000018"
OTHER = "9990000026"


@pytest.fixture
def nhs_login(settings):  # type: ignore[no-untyped-def]
    with provider(nhs_login_user("ada", ADA), nhs_login_user("other", OTHER)) as base:
        for name, value in settings_for(base).items():
            setattr(settings, name, value)
        yield base


@pytest.fixture
def items(icb, actor_for):  # type: ignore[no-untyped-def]
    gp, consultant = actor_for("gp_clinician"), actor_for("consultant")
    waiting = send(gp, consultant.organisation, patient=patient_at(gp.organisation, ADA))
    returned = send(gp, consultant.organisation, patient=patient_at(gp.organisation, ADA))
    act(consultant, returned, "return", "Start a statin.", reason="MANAGE_IN_PRIMARY_CARE")
    others = send(gp, consultant.organisation, patient=patient_at(gp.organisation, OTHER))
    return waiting, returned, others


def test_a_hospital_item_question_goes_to_the_trust_and_its_answer_comes_back(
    nhs_login, items, signed_in, settings, django_capture_on_commit_callbacks
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    waiting, _, _ = items
    patient = Client()
    sign_in(patient, "ada")
    settings.PATIENT_QUESTION_WORKING_DAYS = 3
    form = patient.get(f"/my/referral-{waiting.id}/question/").content.decode()
    assert "within 3 working days" in form and waiting.service.name in form
    assert patient.post(f"/my/referral-{waiting.id}/question/", {"question": ""}).status_code == 400
    assert patient.post(f"/my/referral-{waiting.id}/question/", {"question": "a\x00b"}).status_code == 400
    response = patient.post(f"/my/referral-{waiting.id}/question/", {"question": "How long will I wait?"})
    assert response.status_code == 302
    asked = PatientQuestion.objects.get()
    assert asked.owner_id == waiting.trust_id and asked.reply_email == "ada@example.org"
    assert AuditEvent.objects.filter(action="patientview.question_asked", patient_nhs_number=ADA).exists()

    trust = signed_in("consultant")
    worklist = trust.get("/patient-questions/").content.decode()
    assert "How long will I wait?" not in worklist and f"/patient-questions/{asked.id}/" in worklist
    assert "working days left" in worklist or "Due today" in worklist
    assert "Patient questions" in trust.get("/").content.decode()
    practice = signed_in("gp_clinician")
    assert practice.get(f"/patient-questions/{asked.id}/").status_code == 404  # not the practice's question
    with django_capture_on_commit_callbacks(execute=True):
        answered = trust.post(
            f"/patient-questions/{asked.id}/", {"answer": "About 12 weeks; we will write to you.", "version": 1}
        )
    assert answered.status_code == 302
    assert trust.post(f"/patient-questions/{asked.id}/", {"answer": "Again", "version": 1}).status_code == 302
    asked.refresh_from_db()
    assert asked.answer == "About 12 weeks; we will write to you." and asked.version == 2
    assert [m.to for m in mail.outbox] == [["ada@example.org"]] and "statin" not in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="patientview.question_answered", patient_nhs_number=ADA).count() == 1
    assert "About 12 weeks; we will write to you." in patient.get("/my/").content.decode()


def test_a_practice_item_question_goes_to_the_practice(nhs_login, items, signed_in) -> None:
    _, returned, _ = items
    patient = Client()
    sign_in(patient, "ada")
    patient.post(f"/my/referral-{returned.id}/question/", {"question": "What do I do now?"})
    assert PatientQuestion.objects.get().owner_id == returned.requester_org_id
    assert "What do I do now?" not in signed_in("consultant").get("/patient-questions/").content.decode()
    assert signed_in("gp_clinician").get("/patient-questions/practice/").status_code == 200


def test_a_patient_cannot_ask_about_or_see_another_patients_item(nhs_login, items) -> None:
    _, _, others = items
    patient = Client()
    sign_in(patient, "ada")
    assert patient.get(f"/my/referral-{others.id}/question/").status_code == 404
    assert patient.post(f"/my/referral-{others.id}/question/", {"question": "x"}).status_code == 404
    assert patient.get("/my/referral-99999999/question/").status_code == 404
    assert patient.get("/patient-questions/").status_code == 302  # a staff page: sign in as staff
    assert not PatientQuestion.objects.exists()


def test_the_measure_counts_questions_answered_in_time_by_owner(nhs_login, items, signed_in) -> None:
    import datetime

    waiting, _, _ = items
    patient = Client()
    sign_in(patient, "ada")
    patient.post(f"/my/referral-{waiting.id}/question/", {"question": "One"})
    patient.post(f"/my/referral-{waiting.id}/question/", {"question": "Two"})
    first = PatientQuestion.objects.order_by("id").first()
    assert first is not None
    signed_in("consultant").post(f"/patient-questions/{first.id}/", {"answer": "Yes", "version": 1})
    measure = measures.get("patientview.questions_answered_in_time_trust")
    figures = list(measure.compute(datetime.date(2000, 1, 1), datetime.date(2100, 1, 1)))
    assert [(f.organisation_id, f.numerator, f.denominator) for f in figures] == [(waiting.trust_id, 1, 2)]


def test_a_letter_shows_what_it_asks_of_the_practice_and_a_question_about_it_goes_there(
    nhs_login, icb, actor_for, signed_in, settings, django_capture_on_commit_callbacks
) -> None:
    """The patient's letters, in plain words; the practice holds a letter's next step, and is emailed."""
    from joinedup.letters.inbox.tests.helpers import CHASE, CHECK, make_letter

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    gp, consultant = actor_for("gp_clinician"), actor_for("consultant")
    letter = make_letter(gp.organisation, consultant.organisation, patient=patient_at(gp.organisation, ADA))
    others = make_letter(gp.organisation, consultant.organisation, patient=patient_at(gp.organisation, OTHER))
    patient = Client()
    sign_in(patient, "ada")
    page = patient.get("/my/").content.decode()
    assert "Letter after your clinic appointment" in page and "What the hospital asked your GP practice to do" in page
    assert "Your GP practice has been asked to look at a test result" in page and CHASE in page
    assert "NHS rules say the hospital should do this itself" in page  # chasing its own CT is the hospital's
    assert "Your GP practice has been asked to keep an eye on something with regular checks" in page
    assert CHECK.replace("&", "&amp;") in page
    assert f'id="letter-{letter.id}"' in page and f'id="letter-{others.id}"' not in page  # never another's
    viewed = AuditEvent.objects.filter(action="patientview.viewed", patient_nhs_number=ADA).latest("id")
    assert viewed.details["letters"] == [letter.id]

    with django_capture_on_commit_callbacks(execute=True):
        asked = patient.post(f"/my/letter-{letter.id}/question/", {"question": "Who chases my CT?"})
    assert asked.status_code == 302
    question = PatientQuestion.objects.get()
    assert question.owner_id == gp.organisation.id and question.item_key == f"letter-{letter.id}"
    to_practice = [m for m in mail.outbox if f"Q-{question.id}" in m.body]
    assert to_practice and "Who chases my CT?" not in to_practice[0].body and ADA not in to_practice[0].body
    assert gp.person.email in {address for m in to_practice for address in m.to}
    assert consultant.person.email not in {address for m in to_practice for address in m.to}
    assert patient.get(f"/my/letter-{others.id}/question/").status_code == 404
    practice = signed_in("gp_clinician").get("/patient-questions/practice/").content.decode()
    assert f"/patient-questions/{question.id}/" in practice
