"""More of the contract's whose-job logic (issue 18), each with wordings that are not in dev/:

- handing the prescribing of a specialist drug to the practice is shared care, even with an ordinary drug named
  beside it (folic acid with methotrexate);
- a test whose result comes back to the letter's writer to act on is the hospital's own follow-up, whatever the
  sentence's other cues (a result, a dose);
- following up the result of a monitor the hospital fitted is the hospital's result to act on;
- questions about the hospital's own operation or wait left to the practice make it the point of contact;
- an appointment letter the patient is told to chase through the GP is the hospital's to chase;
- a patient sent to the GP for a fit note is a fit note request, even where the letter says it was not issued."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.engine import read_letter

from .helpers import clinic_letter, discharge_summary, only_action


@pytest.mark.parametrize(
    "body",
    [
        "Could the practice take over prescribing of her azathioprine and omeprazole from next month.\n",
        "We would be glad if you would assume the prescribing of the leflunomide and his folic acid now.\n",
        "Please arrange for the mycophenolate prescriptions to be taken over by the practice.\n",
    ],
)
def test_taking_over_a_specialist_drug_is_shared_care(body: str) -> None:
    action = only_action(clinic_letter(body))
    assert (action.category, action.verdict, action.rule) == ("specialist_prescribing", "inappropriate", "shared_care")


def test_taking_over_an_ordinary_drug_stays_with_the_practice() -> None:
    action = only_action(clinic_letter("Could the practice take over prescribing of her omeprazole from next month.\n"))
    assert action.verdict == "appropriate"


@pytest.mark.parametrize(
    "body",
    [
        "Please repeat her U&Es in 10 days and let me know the result so that I can decide whether to go up.\n",
        "Could her LFTs be checked at the surgery in a month and forwarded to me.\n",
        "Please check his potassium next week and send the result straight to us so we can adjust the dose.\n",
    ],
)
def test_a_test_whose_result_comes_back_to_the_writer_is_the_hospitals_follow_up(body: str) -> None:
    action = only_action(clinic_letter(body))
    assert (action.category, action.verdict, action.rule) == ("monitoring", "inappropriate", "provider_follow_up")


def test_a_test_for_the_practice_to_act_on_stays_with_the_practice() -> None:
    action = only_action(clinic_letter("Please repeat her U&Es in 10 days and adjust the ramipril if needed.\n"))
    assert (action.category, action.verdict) == ("monitoring", "appropriate")


@pytest.mark.parametrize(
    "body",
    [
        "A 7-day Holter monitor was fitted today.\n\nGP to act on the Holter result when it arrives.\n",
        "Event recorder patch fitted in clinic 12/03.\n\nPlease follow up the recorder result with him.\n",
    ],
)
def test_following_up_a_monitor_the_hospital_fitted_is_its_result(body: str) -> None:
    action = only_action(clinic_letter(body))
    assert (action.category, action.verdict, action.rule) == ("results", "inappropriate", "test_results")


@pytest.mark.parametrize(
    "body",
    [
        "Should she have questions about her operation in the meantime, please could the practice advise her.\n",
        "If she has worries about her procedure before the date, I would ask the surgery to advise her.\n",
    ],
)
def test_questions_about_the_hospitals_operation_left_to_the_practice_are_contact_point(body: str) -> None:
    action = only_action(clinic_letter(body))
    assert (action.category, action.verdict, action.rule) == ("admin", "inappropriate", "contact_point")


@pytest.mark.parametrize(
    "body",
    [
        "Clinic appt to be posted. If no appointment letter has come in a fortnight she should ask the GP to chase.\n",
        "OPA will be sent. If the appt has not arrived within 10 days, advised to contact the GP surgery to chase.\n",
    ],
)
def test_an_appointment_the_patient_chases_through_the_gp_is_contact_point(body: str) -> None:
    action = only_action(discharge_summary(body), "discharge_summary")
    assert (action.category, action.verdict, action.rule) == ("admin", "inappropriate", "contact_point")


@pytest.mark.parametrize(
    "body",
    [
        "Plan:\n1. Mobilise as able.\n2. Patient advised to get a sick note from the GP surgery for 4 weeks.\n",
        "Plan:\n1. Physio referral made.\n2. Fit note – none given at discharge; he should obtain one from his GP.\n",
        "Plan:\n1. Home today.\n2. She will need to ask the practice for a fit note covering the next month.\n",
    ],
)
def test_a_patient_sent_to_the_gp_for_a_fit_note_is_a_fit_note_request(body: str) -> None:
    action = only_action(discharge_summary(body), "discharge_summary")
    assert (action.category, action.verdict, action.rule) == ("fit_note", "inappropriate", "fit_note")


def test_a_fit_note_the_hospital_gave_is_no_request() -> None:
    letter = discharge_summary("Plan:\n1. Home today.\n2. Fit note issued on the ward for 4 weeks.\n")
    assert [a.category for a in read_letter(letter, "discharge_summary")] == []
