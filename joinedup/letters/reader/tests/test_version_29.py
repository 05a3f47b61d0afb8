"""Reader version 29: forms met in new hands of letters (229, surgical discharges and clinics; 230, sexual health,
infection, pharmacy, maxillofacial, audiology, dietetics and wheelchair services), each in wordings of our own (not
from any annotated letter)."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.engine import read_letter
from joinedup.letters.reader.tests.helpers import (
    clinic_letter,
    discharge_summary,
    quotes,
    the_one_holding,
    verdicts,
)

# --- "Dear Dr ..." under the letter's own particulars, with no address (hand 230) -------------------------------------

_NO_ADDRESS = """Testbury Hospitals NHS Trust
Day Surgery Unit

DAY CASE DISCHARGE LETTER
Patient: Mr Test PATIENT   NHS 999 000 0001
Consultant: Mr K Osei     Dictated by: Dr L Baptiste, Specialty Registrar
Dictated 02/03/2026

Dear Dr Winslow,

{body}

Kind regards,
Dr L Baptiste
"""


def test_a_salutation_with_no_address_above_it_is_to_the_gp() -> None:
    letter = _NO_ADDRESS.format(
        body="He works as a roofer and cannot climb for two weeks, so I'd be grateful if you could give him a fit "
        "note for that time."
    )
    assert the_one_holding("fit note", letter) == ("fit_note", "inappropriate", "fit_note")


def test_a_colleague_named_in_the_address_above_is_still_a_colleague() -> None:
    letter = (
        "Testbury Hospitals NHS Trust\nDepartment of Medicine\n\nDr P Nair\nConsultant Cardiologist\n"
        "Testbury General Hospital\n\nDear Dr Nair,\n\nI would be grateful if you could see him in your arrhythmia "
        "clinic.\n\nYours sincerely\n\nDr B Author\nConsultant Physician\n\ncc: Dr A Example, Elm Tree Surgery\n"
    )
    assert quotes(letter) == []


# --- what the patient "would benefit from", asked of the practice as "this" (hand 229) --------------------------------


def test_a_block_of_therapy_the_patient_would_benefit_from_is_a_referral() -> None:
    letter = clinic_letter(
        "She would benefit from another block of physiotherapy for her shoulder, and I would be grateful if you "
        "could arrange this through your local service."
    )
    assert the_one_holding("arrange this", letter)[0] == "referral"


# --- the advice first, then the questions (hand 229) ---------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "I have advised her to speak to you if she has any questions about when her second operation will be.",
        "We told him to contact you if he had any queries about his place on the waiting list.",
    ],
)
def test_the_patient_told_to_ask_the_practice_the_hospitals_questions_is_a_contact_point_breach(line: str) -> None:
    (found,) = verdicts(clinic_letter(line)).values()
    assert found[1:] == ("inappropriate", "contact_point")


# --- the hospital's own booking, named by its specialty, and what is done with it (hand 229) --------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Cystoscopy to be done within 4 weeks - urology will book.",
        "Repeat echocardiogram in 3 months - cardiology will arrange.",
    ],
)
def test_a_step_a_named_specialty_will_book_is_no_request(line: str) -> None:
    assert quotes(discharge_summary(f"Plan:\n- {line}"), "discharge_summary") == []


def test_what_is_done_at_the_same_time_as_the_hospitals_booked_step_is_no_request() -> None:
    letter = discharge_summary(
        "Plan:\n- Elective cholecystectomy to be listed within 8 weeks - the surgical team will book. Drain site "
        "sutures to be removed at the same time."
    )
    assert quotes(letter, "discharge_summary") == []


def test_a_request_at_the_same_time_as_something_else_is_still_a_request() -> None:
    letter = clinic_letter(
        "We will book her cholecystectomy. Please check her liver function at the same time as her diabetic review."
    )
    assert len(quotes(letter)) == 1


# --- what the patient no longer needs (hand 229) ------------------------------------------------------------------


def test_a_medicine_no_longer_needed_is_no_request() -> None:
    assert quotes(clinic_letter("Her potassium is back to normal and she no longer needs potassium supplements.")) == []


def test_stopping_what_is_no_longer_needed_is_still_a_request() -> None:
    assert len(quotes(clinic_letter("She no longer needs the potassium supplements, so please stop them."))) == 1


# --- "the reference range" refers no one (hand 229, and 16 annotated letters before it) ------------------------------


def test_a_test_to_keep_in_the_reference_range_is_monitoring_not_a_referral() -> None:
    letter = clinic_letter(
        "Please recheck her thyroid function in 8 weeks and adjust the dose to keep her TSH within the reference range."
    )
    assert the_one_holding("reference range", letter) == ("monitoring", "appropriate", None)


# --- a medicine restarted after the operation (hand 229) -----------------------------------------------------------


def test_an_inr_check_on_warfarin_restarted_after_the_operation_is_the_practices() -> None:
    letter = discharge_summary(
        "Follow-up:\n- Warfarin restarted post-op at her usual dose, INR 1.5 on discharge - please check her INR "
        "within a week via your anticoagulation clinic."
    )
    assert the_one_holding("inr", letter, "discharge_summary")[1:] == ("appropriate", None)


@pytest.mark.parametrize(
    "line", ["Please check the post-op wound at day 10.", "Please check her wound 10 days after the operation."]
)
def test_a_check_of_the_operation_itself_is_still_the_hospitals(line: str) -> None:
    letter = discharge_summary(f"Follow-up:\n- {line}")
    assert the_one_holding("wound", letter, "discharge_summary") == ("follow_up", "inappropriate", "provider_follow_up")


# --- a look at the wound and its stitches out: one visit (hand 230) --------------------------------------------------


def test_looking_at_the_wound_and_taking_its_stitches_out_is_one_request() -> None:
    letter = clinic_letter("Please could the practice nurse look at the wound at 10 days and remove the clips.")
    assert quotes(letter) == ["Please could the practice nurse look at the wound at 10 days and remove the clips."]


def test_a_different_task_and_the_stitches_out_are_two_requests() -> None:
    letter = clinic_letter("Please check his blood pressure at 10 days and remove the clips.")
    assert len(quotes(letter)) == 2


# --- a line for any practice (hand 230) ----------------------------------------------------------------------------


def test_a_helpline_for_gp_practices_is_no_request() -> None:
    assert quotes(clinic_letter("Advice line for GP practices: 01632 960 555 (weekdays 9-5).")) == []


# --- the patient sent to collect a prescription "from you" (hand 230) -------------------------------------------------


def test_the_patient_sent_to_collect_a_prescription_from_you_is_a_request() -> None:
    letter = clinic_letter(
        "Our pharmacy had closed, so I have asked her to collect a prescription for prednisolone 40 mg from you this "
        "afternoon."
    )
    assert the_one_holding("prednisolone", letter)[0] == "medication"


def test_a_prescription_collected_from_you_with_no_rush_is_not_flagged() -> None:
    letter = clinic_letter("There is no need to start this urgently, and she can collect it from you next week.")
    assert the_one_holding("collect", letter)[1:] == ("appropriate", None)


# --- HIV pre-exposure prophylaxis (hand 230) --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Please could you take over his PrEP prescriptions now that his kidney function has been checked.",
        "We would be grateful if the practice could prescribe her pre-exposure prophylaxis from next month.",
    ],
)
def test_prep_asked_of_the_practice_is_a_specialist_drug(line: str) -> None:
    (found,) = verdicts(clinic_letter(line)).values()
    assert found == ("specialist_prescribing", "inappropriate", "shared_care")


def test_a_bowel_prep_is_no_specialist_drug() -> None:
    (found,) = verdicts(clinic_letter("Please prescribe her bowel prep for the colonoscopy.")).values()
    assert found[0] != "specialist_prescribing"


def test_a_medicine_the_practice_need_not_prescribe_is_no_request() -> None:
    line = (
        "Dupilumab is supplied by the hospital through homecare and is not something the practice needs to prescribe."
    )
    assert quotes(clinic_letter(line)) == []


# --- a community service that takes referrals from the practice only (hand 230) ---------------------------------------


def test_a_referral_to_a_service_that_takes_only_gp_referrals_is_the_practices() -> None:
    letter = clinic_letter(
        "We performed his hernia repair last month. Please refer him to the community continence service, as they "
        "only accept GP referrals."
    )
    assert the_one_holding("continence", letter)[1:] == ("appropriate", None)


def test_an_urgent_referral_stays_the_hospitals_whoever_the_service_takes_referrals_from() -> None:
    letter = clinic_letter(
        "Please refer her urgently to the breast clinic on the two-week wait pathway, as they only accept GP referrals."
    )
    assert the_one_holding("breast clinic", letter)[1:] == ("inappropriate", "onward_referral")


def test_every_request_version_29_reads_in_a_letter_is_reported_once() -> None:
    # (the wound's look and its clips are one request; the hospital's booked step and what goes with it are none)
    letter = discharge_summary(
        "Plan:\n- Re-look laparoscopy to be done within 6 weeks - the surgeons will book. Port site clips to be removed "
        "at the same time.\n- Please could the practice nurse inspect the wound at day 7 and remove any remaining "
        "sutures."
    )
    assert len(read_letter(letter, "discharge_summary")) == 1
