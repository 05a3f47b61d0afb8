"""Reader version 26: forms met in new hands of letters (216 to 218), each in wordings of our own (not from any
annotated letter)."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.tests.helpers import clinic_letter, discharge_summary, quotes, verdicts

# --- a hospital's team is a word of its own: "forward" holds "ward" (hand 216) -----------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Request a repeat chest X-ray in 6 weeks and forward to the lung nodule clinic.",
        "Check the INR on Monday and forward the result to the anticoagulation nurses.",
        "Arrange an ultrasound of the left calf in 2 weeks and forward it to the vascular team.",
    ],
)
def test_a_task_whose_result_is_forwarded_is_still_the_practices_task(line: str) -> None:
    letter = discharge_summary(f"GP to:\n1. Prescribe the remaining antibiotics.\n2. {line}")
    assert line in quotes(letter, "discharge_summary")


# --- under the practice's heading, a medicine to go on with, without its dose (hands 216, 217) -------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Continue Toujeo on repeat - 18 units at night, the nurse will adjust it by phone.",
        "Cont finasteride until the urology review.",
        "Continue all the medicines above on repeat prescription once the 7 days supplied run out.",
    ],
)
def test_a_medicine_to_continue_under_the_practices_heading_is_asked_of_it(line: str) -> None:
    letter = discharge_summary(f"GP actions:\n- Please check U&E in 1 week.\n- {line}")
    assert line in quotes(letter, "discharge_summary")


def test_continuing_something_that_is_no_medicine_is_not_read_as_a_prescription() -> None:
    letter = discharge_summary("GP actions:\n- Please check U&E in 1 week.\n- Continue walking as able.")
    assert quotes(letter, "discharge_summary") == ["Please check U&E in 1 week."]


# --- a caution in brackets does not negate the request (hand 217) -------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "If her home readings average over 140/90 please start lercanidipine 10mg OD (please avoid diltiazem, which "
        "raises ciclosporin levels).",
        "Please prescribe colecalciferol 800 units daily (she does not need a loading course as her level is 41).",
    ],
)
def test_a_request_with_an_aside_in_brackets_is_still_a_request(line: str) -> None:
    assert line in quotes(clinic_letter(f"Plan:\n- {line}"))


def test_a_bracket_that_says_the_practice_is_not_to_prescribe_still_negates() -> None:
    line = "Oxycodone MR 5 mg BD - 3 days supplied, then stop (not for GP repeat)."
    assert line not in quotes(discharge_summary(f"Medication on discharge:\n{line}"), "discharge_summary")


# --- history lines name the practice without asking it anything (hand 218) ----------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Presenting complaint: Raised potassium on routine bloods - sent in by practice nurse",
        "Hx: INR 6.9 at the practice this morning.",
        "PC: chest pain at the surgery, ambulance called by GP",
    ],
)
def test_a_history_line_naming_the_practice_is_no_request(line: str) -> None:
    letter = f"EMERGENCY DEPARTMENT DISCHARGE LETTER\n\n{line}\n\nPlan: GP to repeat INR in 3 days."
    assert line not in quotes(letter, "ed_letter")


# --- a reason after a comma: "given her ..." (hand 216) -----------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Thereafter she should have an annual HbA1c, given her increased lifetime risk of type 2 diabetes.",
        "He should have a lipid profile each year, given his family history of early heart disease.",
    ],
)
def test_given_after_a_comma_weighs_a_reason_and_is_nothing_the_hospital_gave(line: str) -> None:
    assert line in quotes(clinic_letter(f"I have discharged her from clinic. {line}"))


# --- the patient's wish for a referral, put to the practice (hand 216) --------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Quite separately, she would like a routine referral to audiology if you agree.",
        "On another matter, he would welcome a referral to the podiatrist if you are happy to make one.",
    ],
)
def test_the_patients_wish_for_a_referral_put_to_the_practice_is_a_request(line: str) -> None:
    assert line in quotes(clinic_letter(f"Her thyroid function is now normal. {line}"))


def test_a_wish_for_a_referral_not_put_to_the_practice_is_not_a_request() -> None:
    line = "She would like a referral to audiology one day."
    assert line not in quotes(clinic_letter(f"Her thyroid function is now normal. {line}"))


# --- specialist questions left with the practice (hand 216) -------------------------------------------------------------


def test_the_practice_asked_to_field_questions_about_the_clinics_treatment_is_a_contact_point_breach() -> None:
    line = "I'd be grateful if the practice could field any queries he has about his pump settings until then."
    judged = verdicts(clinic_letter(f"We have started an insulin pump. {line}"))
    assert judged[line][1:] == ("inappropriate", "contact_point")


# --- "?autoimmune" is a query, not a question; the sentence before lends its "routine" to nothing (hand 216) -----------


def test_a_referral_to_a_hospital_clinic_with_a_queried_diagnosis_is_the_hospitals() -> None:
    letter = discharge_summary(
        "GP actions\n"
        "1. Please add him to the practice diabetes register and arrange routine annual reviews.\n"
        "2. Please refer to the diabetes outpatient clinic for specialist follow-up (new diabetes, ?type 1)."
    )
    judged = verdicts(letter, "discharge_summary")
    line = "Please refer to the diabetes outpatient clinic for specialist follow-up (new diabetes, ?type 1)."
    assert judged[line][1:] == ("inappropriate", "onward_referral")


def test_a_sentence_before_that_calls_the_problem_separate_still_makes_the_referral_the_practices() -> None:
    letter = clinic_letter("Quite separately, she mentioned heavy periods. Please refer her to gynaecology.")
    assert verdicts(letter)["Please refer her to gynaecology."][1] == "appropriate"
