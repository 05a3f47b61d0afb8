"""Reader version 22 (decision 0046): the forms behind the misses in hands 138 (booking offices and returned
referrals), 141 (template letters with a summary box) and 142 (advice and guidance replies), in wordings of our own
that are not in any annotated set."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.context import build_context
from joinedup.letters.reader.engine import read_letter
from joinedup.letters.reader.tests.helpers import clinic_letter, discharge_summary, only_action, quotes

# --- a request said twice is one request (hand 141) ----------------------------------------------------------------


def test_a_summary_box_and_the_body_asking_the_same_give_one_request_the_bodys() -> None:
    letter = clinic_letter(
        "GP ACTIONS:\n  1. Increase candesartan 8 mg -> 16 mg OD\n  2. Remove naproxen from repeats\n\n"
        "His blood pressure remains high, so please increase his candesartan from 8 mg to 16 mg once daily.\n\n"
        "Please remove naproxen from his repeat prescriptions."
    )
    assert quotes(letter) == [
        "His blood pressure remains high, so please increase his candesartan from 8 mg to 16 mg once daily.",
        "Please remove naproxen from his repeat prescriptions.",
    ]


def test_a_closing_list_of_actions_repeating_the_body_gives_one_request_the_bodys() -> None:
    letter = clinic_letter(
        "Her mood has been low for some months; with her agreement, please consider a referral to the talking "
        "therapies service.\n\nActions for GP:\n1. Please consider a referral to the talking therapies service (see "
        "above)."
    )
    assert quotes(letter) == [
        "Her mood has been low for some months; with her agreement, please consider a referral to the talking "
        "therapies service.",
    ]


def test_a_medicines_table_row_and_a_request_in_the_text_give_one_request_the_one_that_asks() -> None:
    letter = discharge_summary(
        "MEDICATIONS ON DISCHARGE\n"
        "| Drug | Dose | Status | Comment |\n"
        "| Edoxaban | 60 mg OD | NEW | 3 days supplied |\n\n"
        "Edoxaban: 3 days were supplied from the ward; GP please prescribe edoxaban 60 mg OD from day 4."
    )
    found = read_letter(letter, "discharge_summary")
    assert [a.quote for a in found] == [
        "Edoxaban: 3 days were supplied from the ward; GP please prescribe edoxaban 60 mg OD from day 4."
    ]
    assert found[0].rule == "discharge_medication"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # a different thing done to the same medicine
        ("Please increase ramipril to 10 mg OD.", "If her potassium is above 5.5, please reduce the ramipril to 5 mg."),
        # the same test at another time
        (
            "Please check her LFTs every week until delivery.",
            "LFTs need to be rechecked at the 6-week postnatal check.",
        ),
    ],
)
def test_two_requests_about_one_medicine_or_test_stay_two(first: str, second: str) -> None:
    assert len(read_letter(clinic_letter(f"{first}\n\n{second}"), "clinic_letter")) == 2


# --- advice and guidance replies, returned referrals (hands 138 and 142) ---------------------------------------------


def advice_reply(body: str, header: str = "A&G RESPONSE - DERMATOLOGY") -> str:
    return (
        f"Testbury Hospitals NHS Trust\n{header}\n\nPatient: Mr Test PATIENT  NHS 999 000 0002\n"
        f"To: Dr A Example, Elm Tree Surgery\n\n{body}\n\nDr B Author, Consultant\n"
    )


def test_the_practices_question_labelled_q_gp_is_not_a_request() -> None:
    letter = advice_reply(
        "Q (GP): Calcium 2.71 on routine bloods, PTH 6.9. Refer or repeat?\n\n"
        "Advice: Please repeat calcium with a PTH in 4 weeks."
    )
    assert quotes(letter) == ["Advice: Please repeat calcium with a PTH in 4 weeks."]


@pytest.mark.parametrize(
    "line",
    [
        "The portal will not let me convert this request, so please can you submit a suspected cancer referral today.",
        "This needs the two week wait pathway: please make a 2WW referral to the skin cancer team today.",
    ],
)
def test_an_advice_reply_that_finds_suspected_cancer_keeps_the_referral(line: str) -> None:
    action = only_action(advice_reply(f"Thank you for your query.\n\n{line}"), "clinic_letter")
    assert (action.verdict, action.rule) == ("inappropriate", "onward_referral")


def test_an_advice_replys_conditional_suspected_cancer_referral_is_the_practices() -> None:
    line = "If the repeat PSA is still raised, please refer on the suspected prostate cancer pathway."
    assert only_action(advice_reply(line), "clinic_letter").verdict == "appropriate"


@pytest.mark.parametrize(
    "header",
    [
        "RETURNED REFERRAL - GASTROENTEROLOGY",
        "Gastroenterology\n\nYour referral received on 02/02/2026 was reviewed by our triage consultant on 09/02/2026 "
        "and has been returned to you through e-RS.",
    ],
)
def test_a_referral_sent_back_unseen_leaves_the_re_referral_with_the_practice(header: str) -> None:
    letter = advice_reply("Please re-refer with a FIT result.", header=header)
    assert build_context(letter, "clinic_letter").advice_only
    assert only_action(letter, "clinic_letter").verdict == "appropriate"


def test_an_advice_and_guidance_header_over_thanks_for_the_query_is_an_advice_reply() -> None:
    letter = advice_reply(
        "Thank you for your query about her recurrent falls.\n\nPlease refer her to the community falls prevention "
        "service.",
        header="Medicine for Older People - Advice & Guidance",
    )
    assert build_context(letter, "clinic_letter").advice_only
    assert only_action(letter, "clinic_letter").verdict == "appropriate"


def test_referrer_in_a_clinic_letters_header_does_not_make_a_direct_access_report() -> None:
    letter = clinic_letter("Referrer: Dr A Example, Elm Tree Surgery\n\nMs Patient did not attend her appointment.")
    assert not build_context(letter, "clinic_letter").gp_direct_access


# --- lists asked for by a lead-in (hand 138) ---------------------------------------------------------------------


@pytest.mark.parametrize("lead_in", ["Before re-referral please:", "In the meantime, please:", "Please could you:"])
def test_the_entries_under_a_lead_in_that_asks_are_requests(lead_in: str) -> None:
    letter = clinic_letter(
        f"{lead_in}\n- organise a frailty screen blood panel: FBC, U&E, TSH, B12 and folate\n"
        "- complete a 6CIT and include the score with the referral"
    )
    assert len(read_letter(letter, "clinic_letter")) == 2


def test_a_pointer_under_a_lead_in_is_not_a_request() -> None:
    letter = clinic_letter("Please could you:\n- See medication table re: ramipril.")
    assert read_letter(letter, "clinic_letter") == []


# --- whose job it is (hands 138 and 142) ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Please continue amlodipine 5 mg OD - the ward pharmacy was only able to supply 2 days.",
        "GP to continue the co-trimoxazole from day 3.",
    ],
)
def test_a_short_supply_said_as_only_able_or_from_day_n_is_the_hospitals(line: str) -> None:
    action = only_action(discharge_summary(line), "discharge_summary")
    assert action.rule == "discharge_medication"


def test_a_test_whose_result_must_be_ready_when_the_clinic_sees_the_patient_is_the_hospitals() -> None:
    line = "Please request a DEXA scan so that the result is available when we see her next month."
    assert only_action(clinic_letter(line)).rule == "provider_follow_up"


def test_chasing_a_hospital_test_that_has_still_not_been_reported_is_acting_on_its_result() -> None:
    line = "His inpatient CT chest has still not been reported. Please could you chase this."
    action = only_action(clinic_letter(line))
    assert (action.category, action.rule) == ("results", "test_results")


def test_telling_the_patient_of_a_result_named_just_before_is_acting_on_the_result() -> None:
    line = "Her surveillance ultrasound has been reported as stable. Please could you let her know about this."
    action = only_action(clinic_letter(line))
    assert (action.category, action.rule) == ("results", "test_results")


def test_the_next_test_on_what_the_hospitals_own_test_found_is_acting_on_its_result() -> None:
    line = (
        "The CT we arranged during his admission showed a 2 cm indeterminate renal lesion. Please request an "
        "ultrasound of the kidneys to characterise it."
    )
    assert only_action(clinic_letter(line)).rule == "test_results"


@pytest.mark.parametrize(
    "line",
    ["Withdraw the codeine over two weeks.", "Cease the tramadol."],
)
def test_withdraw_and_cease_open_a_request_under_the_practices_heading(line: str) -> None:
    letter = clinic_letter(f"Suggested management for the GP:\n1. {line}")
    assert only_action(letter).category == "medication"


def test_a_medicine_the_letter_calls_amber_is_a_specialist_drug() -> None:
    line = "Teriparatide would be the next step - locally it's amber, and there is no agreement yet, but you could start it."
    action = only_action(clinic_letter(line))
    assert (action.category, action.rule) == ("specialist_prescribing", "shared_care")


# --- second round: nurse-led and remote clinics (hand 144), community hospitals and hospices (hand 145) -------------


@pytest.mark.parametrize(
    "line",
    [
        "Please take over prescribing of the anticipatory medicines when she needs more.",
        "Could the practice take over prescribing of her enteral feed as per the dietitian's regimen?",
    ],
)
def test_taking_over_just_in_case_medicines_or_a_feed_is_ordinary_prescribing(line: str) -> None:
    assert only_action(clinic_letter(line)).verdict == "appropriate"


def test_a_supply_given_in_brackets_after_supplied_is_a_short_supply() -> None:
    line = "Morphine sulfate MR 10 mg BD - 4 tablets supplied (2 days). GP to prescribe thereafter please."
    assert only_action(discharge_summary(line), "discharge_summary").rule == "discharge_medication"


def test_questions_the_letter_says_the_gp_can_answer_are_the_hospitals_to_answer() -> None:
    line = "We have told his wife that any questions about the changes made on the ward can be answered by his GP."
    action = only_action(discharge_summary(line), "discharge_summary")
    assert (action.verdict, action.rule) == ("inappropriate", "contact_point")


def test_chasing_and_treating_a_pending_swab_is_acting_on_its_result() -> None:
    line = "A leg ulcer swab sent on 02/12 is still in the lab - please chase and treat if it grows a pathogen."
    assert only_action(discharge_summary(line), "discharge_summary").category == "results"


def test_a_heading_saying_what_the_practice_is_asked_to_do_is_not_a_request() -> None:
    letter = clinic_letter("What we would like the practice to do\n- Please check his HbA1c in three months.")
    assert quotes(letter) == ["Please check his HbA1c in three months."]


def test_a_referral_to_the_diabetes_services_structured_education_is_the_diabetes_services() -> None:
    letter = (
        "Testbury Hospitals NHS Trust\nDiabetes & Endocrine Centre\n\nDear Dr Example\n\n"
        "Please refer her to the local structured education programme (DAFNE).\n\nYours sincerely\n"
    )
    action = only_action(letter, "clinic_letter")
    assert (action.verdict, action.rule) == ("inappropriate", "onward_referral")


@pytest.mark.parametrize(
    "line",
    ["Please could you arrange an EEG for him.", "Please request nerve conduction studies of both arms."],
)
def test_a_test_only_the_specialist_service_requests_is_its_own(line: str) -> None:
    assert only_action(clinic_letter(line)).rule == "provider_follow_up"


def test_questions_about_the_bowel_preparation_left_to_the_practice_are_the_hospitals() -> None:
    line = "If she has any questions about the bowel preparation, please could the surgery advise her."
    assert only_action(clinic_letter(line)).rule == "contact_point"


def test_information_the_hospital_lacks_is_not_a_result_still_to_come() -> None:
    line = "You may wish to consider a statin (her cholesterol is not available to us)."
    action = only_action(clinic_letter(line))
    assert (action.category, action.verdict) == ("medication", "appropriate")


def test_the_writers_own_list_under_we_will_is_not_asked_of_the_practice() -> None:
    letter = clinic_letter("We will:\n- refer her to our specialist physiotherapist\n- see her in clinic in 3 months")
    assert read_letter(letter, "clinic_letter") == []


def test_chasing_an_appointment_that_has_not_come_through_is_the_hospitals() -> None:
    line = (
        "Her orthotics fitting appointment has still not come through; we would be grateful if the GP could chase this."
    )
    assert only_action(clinic_letter(line)).rule == "contact_point"


def test_a_review_whose_appointment_is_already_sent_is_the_hospitals_own_booking() -> None:
    line = "Walking: independent with a splint (review at the orthotics clinic in 3 months, appointment sent)."
    assert read_letter(discharge_summary(line), "discharge_summary") == []


# --- third round: action logs and grids (hand 146), short eye, ear and skin letters (hand 148) ----------------------


@pytest.mark.parametrize(
    "line",
    ["I have discharged him. Please re-refer if any new lesion appears.", "Discharged to GP. Re-refer if it recurs."],
)
def test_a_re_referral_on_a_new_symptom_after_a_terse_discharge_is_the_practices(line: str) -> None:
    assert only_action(clinic_letter(line)).verdict == "appropriate"


def test_a_re_referral_on_a_tests_threshold_after_discharge_stays_the_clinics_surveillance() -> None:
    line = (
        "Discharged from the urology clinic. Please repeat his PSA in six months and re-refer if it has risen above 6."
    )
    assert only_action(clinic_letter(line)).verdict == "inappropriate"


def test_an_action_logs_closed_rows_ask_nothing() -> None:
    letter = clinic_letter(
        "| Action | Owner | Due | Notes |\n|---|---|---|---|\n"
        "| Fasting lipids | GP | 02/03 | done 28/02 - all normal |\n"
        "| Flu vaccine | Practice | - | already given this season |\n"
        "| Refer to pulmonary rehab | GP | 02/04 | |"
    )
    assert quotes(letter) == ["Refer to pulmonary rehab | GP | 02/04 |"]


def test_a_bare_by_column_beside_a_column_of_tasks_names_who_acts() -> None:
    letter = clinic_letter(
        "| Item | By | When |\n|---|---|---|\n| Insulin titration by phone | DSN | 2/52 |\n"
        "| Repeat foot X-ray in 6 weeks | GP | June |"
    )
    assert quotes(letter) == ["Repeat foot X-ray in 6 weeks | GP | June"]


def test_a_by_column_in_a_log_of_events_says_who_did_it_not_who_is_asked() -> None:
    letter = clinic_letter(
        "| Date | Event | Outcome | By |\n|---|---|---|---|\n"
        "| 17/11 | Episode closed | Discharged to GP. Please re-refer if the wrist is still painful. | T&O admin |"
    )
    assert len(read_letter(letter, "clinic_letter")) == 1


def test_the_referral_route_is_a_particular_of_the_referral_not_a_request() -> None:
    letter = clinic_letter("Referral route: 2WW (GP) 14/01/2026\n\nShe was seen in the one-stop clinic today.")
    assert read_letter(letter, "clinic_letter") == []


def test_telling_the_patient_the_mdt_outcome_is_acting_on_the_hospitals_results() -> None:
    action = only_action(clinic_letter("GP actions:\n- Inform pt of the MDT outcome and likely diagnosis."))
    assert (action.category, action.rule) == ("results", "test_results")


def test_a_line_summing_up_two_requests_stated_one_by_one_is_not_a_third() -> None:
    letter = clinic_letter(
        "Medication changes:\nChanged: Candesartan 8 mg -> 16 mg OD (GP to action) | Atorvastatin 20 mg -> 40 mg ON (GP to "
        "action)\n\nPlease increase his candesartan from 8 mg to 16 mg once daily.\n\n"
        "Please increase his atorvastatin from 20 mg to 40 mg at night."
    )
    assert quotes(letter) == [
        "Please increase his candesartan from 8 mg to 16 mg once daily.",
        "Please increase his atorvastatin from 20 mg to 40 mg at night.",
    ]


def test_a_purpose_then_we_would_be_grateful_for_the_following_opens_the_practices_list() -> None:
    letter = clinic_letter(
        "To help us plan his surgery, we would be grateful for the following:\n"
        "1. Please check his HbA1c and send us the result.\n2. Please record his BMI."
    )
    assert quotes(letter) == ["Please check his HbA1c and send us the result.", "Please record his BMI."]


def test_the_return_reason_of_a_returned_referral_is_a_particular_not_a_request() -> None:
    letter = advice_reply(
        "Return reason: Referral to incorrect service\n\nThis does not need ENT.", "REFERRAL RETURNED"
    )
    assert read_letter(letter, "clinic_letter") == []
