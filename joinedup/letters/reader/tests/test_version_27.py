"""Reader version 27: forms met in new hands of letters (224, oncology; 225, mental health and memory services), each
in wordings of our own (not from any annotated letter)."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.tests.helpers import clinic_letter, discharge_summary, quotes, the_one_holding, verdicts

# --- a doctor named with a role in commas is talked about, not to (hand 225) -------------------------------------------


@pytest.mark.parametrize(
    ("line", "colleague"),
    [
        (
            "Dr Marsh, her psychiatrist, saw her on Monday and agrees she cannot work yet; please could you issue a fit "
            "note for four weeks.",
            "Dr R Marsh, Consultant Psychiatrist",
        ),
        (
            "Dr Oyelaran, his oncologist, has stopped the capecitabine, so please remove it from his repeat list.",
            "Dr K Oyelaran, Consultant Medical Oncologist",
        ),
        (
            "Dr Finch, the patient's consultant, asked me to write; please could you check her lithium level next week.",
            "Dr J Finch, Consultant Psychiatrist",
        ),
    ],
)
def test_a_sentence_about_a_named_doctor_still_asks_the_practice(line: str, colleague: str) -> None:
    letter = clinic_letter(f"{line}\n\ncc: {colleague}, Testbury Hospital")
    assert any("please" in quote for quote in quotes(letter))


def test_a_line_that_opens_by_speaking_to_a_named_colleague_is_still_theirs() -> None:
    letter = clinic_letter(
        "Dr Okafor - could you arrange a further echocardiogram when you next see him.\n\n"
        "cc: Dr T Okafor, Consultant Cardiologist, Testbury Hospital"
    )
    assert quotes(letter) == []


# --- one request with two verbs: what a discussion or a result leads to (hands 225, 129, 41) ----------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Her QRISK3 is 21%; please discuss and consider starting atorvastatin 20 mg.",
        "He is keen to stop smoking; please could you see him to discuss this and consider varenicline.",
        "The ferritin was not back when I saw her, so please let her know the result and arrange a repeat in three "
        "months.",
    ],
)
def test_a_second_verb_that_follows_from_the_first_is_one_request(line: str) -> None:
    assert quotes(clinic_letter(line)) == [line]


def test_a_second_verb_with_its_own_object_is_still_a_second_request() -> None:
    line = "Please increase his ramipril to 5 mg and arrange a repeat U&E in one week."
    assert len(quotes(clinic_letter(line))) == 2


# --- a shared care agreement the letter says is running (hand 224) ------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Your practice is signed up to the Northshire shared care agreement for LHRH analogues, so please give his next "
        "Prostap 3 injection in 12 weeks.",
        "Zoladex 10.8 mg is given at your practice under the Northshire prostate shared care agreement; please give "
        "the next one in 12 weeks.",
        "Please give his next triptorelin 11.25 mg injection on 03/02/2027 as usual.",
    ],
)
def test_a_specialist_injection_under_a_running_agreement_is_not_flagged(line: str) -> None:
    category, verdict, rule = the_one_holding("please give", clinic_letter(line))
    assert verdict == "appropriate" and rule is None


def test_a_specialist_injection_with_no_agreement_named_is_still_flagged() -> None:
    line = "Please give his next Zoladex 10.8 mg injection in 12 weeks."
    assert the_one_holding("Zoladex", clinic_letter(line))[1:] == ("inappropriate", "shared_care")


# --- oral anticancer medicines stay with the oncology service (hand 224) -----------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Please could you prescribe her capecitabine 1500 mg BD for the next two cycles.",
        "Please continue his temozolomide 150 mg on days 1 to 5 of each cycle.",
        "Please add olaparib 300 mg BD to her repeat prescription.",
    ],
)
def test_an_oral_anticancer_medicine_asked_of_the_practice_is_flagged(line: str) -> None:
    category, verdict, rule = the_one_holding(line[:20], clinic_letter(line))
    assert (category, verdict, rule) == ("specialist_prescribing", "inappropriate", "shared_care")


def test_a_medicine_the_letter_calls_red_with_a_note_in_brackets_is_a_specialist_one() -> None:
    letter = clinic_letter(
        "Ivosidenib is a red (hospital only) drug on our formulary. Please could you prescribe ivosidenib 500 mg daily."
    )
    assert the_one_holding("ivosidenib 500", letter)[1:] == ("inappropriate", "shared_care")


def test_a_medicine_the_letter_puts_on_the_green_list_needs_no_shared_care() -> None:
    letter = clinic_letter(
        "Memantine is on the green list of the Northshire formulary once a specialist has started it, so please could "
        "you continue prescribing memantine 10 mg daily from next month."
    )
    assert the_one_holding("memantine 10", letter)[1:] == ("appropriate", None)


# --- a blood test of a hormone is not the hormone prescribed (hand 224) ------------------------------------------------


def test_a_morning_testosterone_level_in_an_annual_review_is_not_specialist_monitoring() -> None:
    line = "Annual review at the practice, please: blood pressure, HbA1c, lipids and a 9am testosterone."
    assert the_one_holding("Annual review", clinic_letter(line))[1:] == ("appropriate", None)


def test_testosterone_prescribed_is_still_a_specialist_medicine() -> None:
    line = "Please prescribe testosterone gel 50 mg daily from next week."
    assert the_one_holding("testosterone", clinic_letter(line))[1:] == ("inappropriate", "shared_care")


# --- a cancer the problem is unrelated to does not make the referral urgent (hand 224) ----------------------------------


def test_a_routine_referral_for_a_problem_unrelated_to_the_cancer_is_the_practices() -> None:
    line = (
        "This is unrelated to her breast cancer and, if she wishes, you may like to consider a routine referral to the "
        "orthopaedic surgeons for the bunion."
    )
    assert the_one_holding("routine referral", clinic_letter(line))[1:] == ("appropriate", None)


def test_a_referral_about_the_cancer_itself_is_still_the_hospitals() -> None:
    line = (
        "Please refer her urgently to the breast surgeons about the new lump, which may be a recurrence of her cancer."
    )
    assert the_one_holding("refer her urgently", clinic_letter(line))[1:] == ("inappropriate", "onward_referral")


# --- a week or more supplied meets the discharge rule (hands 224, 2) --------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Prednisolone: reduce by 5 mg a week to stop. Please prescribe the rest of the reducing course after the 14 days "
        "supplied.",
        "Co-amoxiclav for 21 days in total - 7 days supplied; GP please prescribe the remaining 14 days.",
    ],
)
def test_the_rest_of_a_course_after_a_week_or_more_supplied_is_not_flagged(line: str) -> None:
    letter = discharge_summary(f"GP actions:\n{line}")
    assert all(verdict[1] == "appropriate" for verdict in verdicts(letter, "discharge_summary").values())


# --- a bone density scan is the practice's bone health care (hand 224) -------------------------------------------------


def test_a_repeat_bone_density_scan_in_a_survivorship_plan_is_the_practices() -> None:
    letter = clinic_letter(
        "Task | Who | When\nYearly surveillance mammogram until 2032 | Breast clinic, booked by us | Every July\n"
        "DEXA scan again (anastrozole; osteopenia on the first scan) | GP | 09/2028\n"
    )
    assert the_one_holding("DEXA", letter)[1:] == ("appropriate", None)


# --- a team's initials with an ampersand (hand 224) ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Review in the joint H&N clinic after the MRI with the results.",
        "Follow up in the O&G clinic in 6 weeks.",
        "Review in the ENT/H&N clinic in 3 months.",
    ],
)
def test_a_review_in_a_hospital_clinic_named_by_initials_is_the_hospitals_own_plan(line: str) -> None:
    letter = clinic_letter(f"Plan:\n1. We will request a CT of the neck.\n2. {line}")
    assert quotes(letter) == []


# --- the care of a line placed for the hospital's treatment (hand 224) --------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "His PICC line needs flushing weekly between chemotherapy cycles; please could the practice nurse do this.",
        "Please could your nurse flush her Hickman line and change the dressing every 7 days.",
        "Please ask the practice nurse to flush the portacath every 4 weeks until it is removed.",
    ],
)
def test_caring_for_the_hospitals_line_between_its_treatments_is_flagged(line: str) -> None:
    (found,) = verdicts(clinic_letter(line)).values()
    assert found[1:] == ("inappropriate", "provider_follow_up")
