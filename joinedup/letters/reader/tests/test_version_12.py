"""Reader version 12: what the blind hands of December 2026 showed (decision 0033). Every wording here is written for
the test, not taken from an annotated set."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.tests.helpers import clinic_letter, discharge_summary, only_action, quotes


@pytest.mark.parametrize(
    "sentence",
    [
        "She has been booked for a knee X-ray in our department; please chase this if she has not heard in four weeks.",
        "If he has not received an appointment for his scan within a month, please chase it.",
        "We have requested a Holter monitor; please chase if not done by the end of January.",
        "If she hasn't heard from the fracture clinic by Friday, could you chase them for her?",
    ],
)
def test_chasing_the_hospitals_own_booking_when_nothing_is_heard_is_the_hospitals(sentence: str) -> None:
    action = only_action(clinic_letter("I saw her in clinic today. " + sentence))
    assert (action.category, action.verdict, action.rule) == ("admin", "inappropriate", "contact_point")


def test_chasing_a_result_not_received_stays_a_results_request() -> None:
    action = only_action(
        clinic_letter("Her biopsy was taken today; please chase the histology if not received in two weeks.")
    )
    assert (action.category, action.rule) == ("results", "test_results")


@pytest.mark.parametrize(
    "request_",
    [
        "Please code heart failure with reduced ejection fraction and add her to the heart failure register.",
        "Could the practice code type 1 diabetes and add a warning to his record about sick day rules.",
        "GP to record the penicillin anaphylaxis and add an alert to her notes.",
    ],
)
def test_coding_a_diagnosis_and_adding_it_to_a_register_or_alert_is_one_request(request_: str) -> None:
    action = only_action(clinic_letter("I saw her in clinic today. " + request_))
    assert action.category == "admin"


def test_coding_and_then_a_different_task_are_still_two_requests() -> None:
    letter = clinic_letter("I saw her today. Please code asthma and add montelukast 10 mg at night to her repeats.")
    assert len(quotes(letter)) == 2


@pytest.mark.parametrize(
    "entry",
    [
        "Continue ferrous fumarate 210 mg BD for three months if her haemoglobin is still low.",
        "Continue amiodarone 200 mg OD until cardiology review.",
        "Continue with lansoprazole 30 mg OD for 8 weeks.",
    ],
)
def test_continuing_a_medicine_under_the_practices_heading_is_a_request(entry: str) -> None:
    letter = discharge_summary(f"Diagnosis: upper GI bleed.\n\nActions for GP:\n- {entry}\n")
    assert quotes(letter) == [entry]


def test_continuing_a_diet_under_the_practices_heading_is_not_a_medicine() -> None:
    letter = discharge_summary(
        "Diagnosis: stroke.\n\nActions for GP:\n- Continue IDDSI level 4 diet and level 1 fluids.\n"
    )
    assert quotes(letter) == []


@pytest.mark.parametrize(
    "service_request",
    [
        "Please refer him to the community continence service for pads and bladder retraining.",
        "GP to refer to the continence advisory service.",
    ],
)
def test_a_continence_referral_for_the_outflow_obstruction_urology_treats_is_the_hospitals(
    service_request: str,
) -> None:
    letter = clinic_letter(
        "Diagnosis: benign prostatic enlargement with bladder outflow obstruction.\n\n"
        "He has urge incontinence from the obstruction. " + service_request
    )
    action = only_action(letter)
    assert (action.category, action.rule) == ("referral", "onward_referral")


def test_a_continence_referral_for_long_standing_incontinence_is_the_practices() -> None:
    letter = clinic_letter(
        "Diagnosis: osteoporotic wrist fracture.\nComorbidities: long-standing stress incontinence.\n\n"
        "She mentioned her stress incontinence is worse. Please refer her to the community continence service."
    )
    action = only_action(letter)
    assert (action.category, action.verdict) == ("referral", "appropriate")
