"""Reader version 14 after reading hands 57-59 (decision 0036): each situation behind an error, in wordings of our own
that are not in any annotated set."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.engine import read_letter
from joinedup.letters.reader.tests.helpers import clinic_letter, discharge_summary, ed_letter, only_action


def _quotes(letter: str) -> list[str]:
    return [a.quote for a in read_letter(letter)]


# --- typed lines without full stops -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "first", "second"),
    [
        (
            "Practice nurse to take the sutures out on day 12 pls\nHe is a postman and wants to get back soon - GP to "
            "provide a fit note\nfor another 4 wks please.",
            "Practice nurse to take the sutures out on day 12 pls",
            "GP to provide a fit note",
        ),
        (
            "pls stop the naproxen on his repeat list\nOn examination his left calf was swollen and tender to the "
            "knee - GP pls arrange a doppler",
            "pls stop the naproxen on his repeat list",
            "GP pls arrange a doppler",
        ),
        (
            "Please add gout to the problem list thx\nShe would also like her flu jab - please offer at the surgery.",
            "Please add gout to the problem list thx",
            "please offer at the surgery",
        ),
    ],
)
def test_a_typed_line_that_closes_a_request_without_a_stop_ends_there(lines: str, first: str, second: str) -> None:
    found = _quotes(clinic_letter(lines + "\n"))
    assert len(found) == 2
    assert found[0].strip() == first
    assert second in found[1] and first not in found[1]


def test_a_line_wrapped_in_the_middle_of_a_sentence_stays_one_request() -> None:
    found = _quotes(clinic_letter("I would be grateful if the practice could recheck her\nsodium in two weeks.\n"))
    assert found == ["I would be grateful if the practice could recheck her\nsodium in two weeks."]


# --- shorthand ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("TTO: co-amoxiclav 625 mg TDS 2/7 only. GP to Rx further 5/7.", "discharge_medication"),
        ("TTO: doxycycline 100 mg OD 3/7 (stock). GP pls Rx further 4/7 to finish the course.", "discharge_medication"),
    ],
)
def test_rx_is_to_prescribe_and_a_further_n_of_7_is_the_rest_of_a_short_supply(line: str, rule: str) -> None:
    action = read_letter(ed_letter(line))[-1]
    assert (action.category, action.rule) == ("medication", rule)


def test_rx_today_after_clinic_is_an_outpatient_start() -> None:
    action = only_action(
        clinic_letter("Colchicine 500 mcg BD - start today. Clinic pharmacy shut - GP pls Rx today.\n")
    )
    assert (action.category, action.rule) == ("medication", "outpatient_medication")


@pytest.mark.parametrize(
    "line",
    [
        "Sutures out day 10 (12/04) - practice nurse, + check the wound.",
        "Staples out D12 - PN.",
    ],
)
def test_the_task_then_the_practice_nurse_after_a_dash_is_a_request(line: str) -> None:
    action = only_action(discharge_summary(f"Actions for GP:\n 1. {line}"))
    assert (action.category, action.rule) == ("follow_up", "provider_follow_up")


def test_a_sample_sent_then_f_u_result_is_the_hospitals_result() -> None:
    action = only_action(ed_letter("Plan:\n - TFTs sent from ED - GP to f/u result and treat if needed."))
    assert (action.category, action.rule) == ("results", "test_results")


# --- letters to the patient ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Please book in with your practice nurse so they can take your blood pressure again in a month.",
        "Please make an appointment with the surgery so that they can check your potassium.",
    ],
)
def test_the_patient_asked_to_book_the_practice_for_a_task_is_a_request(sentence: str) -> None:
    letter = clinic_letter("").replace("Dear Dr Example", "Dear Mrs Patient") + ""
    letter = letter.replace("\n\nYours sincerely", f"\n\n{sentence}\n\nYours sincerely")
    action = only_action(letter)
    assert action.category == "monitoring"


@pytest.mark.parametrize(
    "sentence",
    [
        "We recommend that your GP refers you to the audiology team for a hearing test.",
        "I suggest that your GP arranges a scan of your thyroid.",
    ],
)
def test_we_recommend_that_your_gp_does_it_is_a_request(sentence: str) -> None:
    letter = clinic_letter(sentence).replace("Dear Dr Example", "Dear Mr Patient")
    assert _quotes(letter) == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "If you still need to be seen, please make an appointment with your GP, who can refer you again.",
        "Should you still need the clinic, please see your GP, who will refer you back to us.",
    ],
)
def test_after_a_missed_appointment_the_gp_who_can_refer_you_again_is_the_missed_appointments(sentence: str) -> None:
    letter = clinic_letter(
        "You did not attend your first appointment and we have discharged you back to your GP.\n\n" + sentence
    ).replace("Dear Dr Example", "Dear Ms Patient")
    action = only_action(letter)
    assert (action.category, action.rule) == ("follow_up", "dna_discharge")


@pytest.mark.parametrize(
    "sentence",
    [
        "Should he have any queries before or after the infusion, could the practice advise him please.",
        "If she has questions after the injections, perhaps the surgery could advise her.",
    ],
)
def test_the_practice_asked_to_answer_queries_about_the_hospitals_treatment_is_its_contact_point(
    sentence: str,
) -> None:
    action = only_action(clinic_letter(sentence))
    assert (action.category, action.rule) == ("admin", "contact_point")


# --- medicines ----------------------------------------------------------------------------------------------------


def test_asking_the_gp_to_start_straight_away_and_not_wait_is_urgent() -> None:
    action = only_action(
        clinic_letter(
            "I have written to your GP asking them to start edoxaban 60 mg once a day straight away, rather than "
            "waiting for your next routine appointment."
        ).replace("Dear Dr Example", "Dear Mrs Patient")
    )
    assert action.rule == "outpatient_medication"


def test_start_at_the_next_routine_review_is_not_urgent() -> None:
    action = only_action(clinic_letter("Please could you start ramipril 2.5 mg today or at her next routine review."))
    assert action.verdict == "appropriate"


@pytest.mark.parametrize(
    "sentence",
    [
        "I have started him on allopurinol 100 mg; pls prescribe as we have not given him any supply from clinic today.",
        "Please start lansoprazole 30 mg today, as we have not given her a supply.",
    ],
)
def test_a_start_the_clinic_did_not_supply_is_an_outpatient_supply(sentence: str) -> None:
    assert only_action(clinic_letter(sentence)).rule == "outpatient_medication"


def test_a_progestogen_pill_handed_over_is_an_ordinary_medicine() -> None:
    action = only_action(clinic_letter("I have asked your GP to take over prescribing the levonorgestrel pill."))
    assert (action.category, action.verdict) == ("medication", "appropriate")


@pytest.mark.parametrize(
    "sentence",
    [
        "please could you issue a three-month prescription of Triumeq while he is abroad.",
        "Could the practice issue a supply of dolutegravir until his next HIV clinic visit.",
    ],
)
def test_hiv_antiretrovirals_stay_with_the_specialist_service(sentence: str) -> None:
    action = only_action(clinic_letter(sentence))
    assert (action.category, action.rule) == ("specialist_prescribing", "shared_care")


@pytest.mark.parametrize(
    "sentence",
    [
        "He should stop the apixaban pending the endoscopy result - please stop it on his repeat list.",
        "Please withhold her methotrexate pending the biopsy.",
    ],
)
def test_stopping_a_medicine_pending_a_result_is_about_the_medicine(sentence: str) -> None:
    assert only_action(clinic_letter(sentence)).category in ("medication", "specialist_prescribing")


# --- referrals and reviews ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Diagnosis: type 2 diabetes with peripheral neuropathy.\n\nGiven her neuropathy, please refer her to "
        "podiatry for foot protection.",
        "Diagnosis: cerebellar ataxia.\n\nIn view of his ataxia, please refer him for physiotherapy.",
    ],
)
def test_a_referral_the_request_ties_to_the_condition_the_letter_treats_is_the_hospitals(body: str) -> None:
    action = only_action(clinic_letter(body))
    assert (action.category, action.rule) == ("referral", "onward_referral")


def test_the_practices_physical_health_check_for_severe_mental_illness_is_its_own() -> None:
    action = read_letter(
        discharge_summary(
            "Actions for GP:\n - Continue clozapine under the CMHT's shared care.\n - SMI physical health check due - "
            "pls arrange incl weight, BP and lipids."
        )
    )[-1]
    assert action.verdict == "appropriate"


def test_a_referral_for_what_the_patient_raised_stays_the_practices_whatever_the_model_says() -> None:
    letter = clinic_letter(
        "Diagnosis: gout.\n\nShe mentioned that her bladder leaks when she coughs. Please refer her to the "
        "community continence service."
    )
    assert only_action(letter).verdict == "appropriate"


# --- system-printed discharge summaries (hand-62) -----------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Practice nurse to remove the abdominal suture at day 10 and check the wound.",
        "Please remove her scalp sutures on day 7.",
    ],
)
def test_removing_a_single_or_described_suture_is_the_hospitals_after_care(line: str) -> None:
    action = only_action(discharge_summary(f"Actions for GP:\n* {line}"))
    assert (action.category, action.rule) == ("follow_up", "provider_follow_up")


def test_the_rest_of_a_supply_in_a_table_note_is_a_short_supply() -> None:
    letter = discharge_summary(
        "Drug            Dose    Status   Qty supplied   Notes\n"
        "Clarithromycin  500 mg  NEW      2 days         Total 7 days.\n"
        "                                                GP to supply the remainder.\n"
    )
    actions = [a for a in read_letter(letter) if "remainder" in a.quote]
    assert [(a.category, a.rule) for a in actions] == [("medication", "discharge_medication")]


def test_a_start_in_a_clinic_table_marked_not_supplied_is_an_outpatient_supply() -> None:
    letter = clinic_letter(
        "DRUG          | DOSE          | STATUS  | SUPPLIED BY  | COMMENT\n"
        "Colecalciferol | 800 units OD | Started | Not supplied | Please start colecalciferol 800 units daily\n"
    )
    actions = [a for a in read_letter(letter) if "colecalciferol" in a.quote.lower()]
    assert [a.rule for a in actions] == ["outpatient_medication"]


@pytest.mark.parametrize(
    "body",
    [
        "- Stool H. pylori antigen: pending at discharge. GP to treat H. pylori if positive.",
        "- Urine culture awaited. Please treat if it grows anything.",
    ],
)
def test_treating_on_a_result_the_hospital_awaits_is_acting_on_its_result(body: str) -> None:
    action = read_letter(discharge_summary(f"Plan:\n{body}"))[-1]
    assert (action.category, action.rule) == ("results", "test_results")


def test_the_hospitals_own_clinic_follow_up_asked_of_the_practice_is_its_follow_up() -> None:
    action = only_action(
        discharge_summary("Actions for GP:\n c) Please arrange follow-up in the adolescent asthma clinic")
    )
    assert (action.category, action.rule) == ("follow_up", "provider_follow_up")


def test_follow_up_in_the_practices_own_clinic_is_the_practices() -> None:
    action = only_action(clinic_letter("Please arrange follow-up in the practice diabetes clinic in 3 months."))
    assert action.verdict == "appropriate"


@pytest.mark.parametrize(
    "sentence",
    [
        "Please chase the MDT outcome if she has not heard from us within a month.",
        "Could the surgery chase up the multidisciplinary team decision for him.",
    ],
)
def test_chasing_the_hospitals_own_mdt_outcome_makes_the_practice_its_contact_point(sentence: str) -> None:
    action = only_action(discharge_summary(f"Actions for GP:\n * {sentence}"))
    assert (action.category, action.rule) == ("admin", "contact_point")


# --- indirect requests from less common specialties (hand-64) ------------------------------------------------------


def test_a_tracing_the_clinic_recorded_handed_on_to_review_is_its_result() -> None:
    action = only_action(
        clinic_letter(
            "We recorded an ECG in clinic today; we would be grateful if the surgery could review the tracing and let "
            "us know if the QT is long."
        )
    )
    assert (action.category, action.rule) == ("results", "test_results")


def test_passing_the_hospitals_result_on_to_carers_is_telling_its_result() -> None:
    action = only_action(
        clinic_letter(
            "We took a vitamin D level today; it would be helpful if the practice could pass the result on to his "
            "care home."
        )
    )
    assert (action.category, action.rule) == ("results", "test_results")


def test_finding_out_when_the_hospitals_team_will_visit_is_its_contact_point() -> None:
    action = only_action(
        ed_letter(
            "If she has questions about when the home treatment team will call, could the practice find this out for her."
        )
    )
    assert (action.category, action.rule) == ("admin", "contact_point")


def test_a_test_before_any_re_referral_is_the_test_not_the_re_referral() -> None:
    action = only_action(
        clinic_letter("Before any re-referral, it would be worth repeating his B12 and folate.").replace(
            "Dear Dr Example", "Dear Dr Example\n\nHe did not attend his first appointment and has been discharged."
        )
    )
    assert (action.verdict, action.rule) == ("appropriate", None)


def test_a_test_wanted_ready_for_the_next_review_is_the_hospitals_follow_up() -> None:
    action = only_action(
        clinic_letter(
            "She needs a bone profile; the GP will need to request this so that the result is available when "
            "we see her in clinic."
        )
    )
    assert action.rule == "provider_follow_up"


def test_a_further_week_then_stop_is_the_rest_of_a_discharge_course() -> None:
    action = only_action(
        discharge_summary("Actions for GP:\n2. Diazepam: GP to prescribe a further five days, then stop.")
    )
    assert (action.category, action.rule) == ("medication", "discharge_medication")


def test_gp_asked_to_is_a_request() -> None:
    line = "Blood pressure 168/96 - GP asked to review antihypertensives before surgery."
    assert _quotes(clinic_letter(f"4. {line}")) == [line]


def test_a_fit_note_the_patient_will_come_to_you_for_is_the_hospitals() -> None:
    action = only_action(
        clinic_letter(
            "He drives a bus and has asked for a fit note during radiotherapy; he will come to see you for this."
        )
    )
    assert (action.category, action.rule) == ("fit_note", "fit_note")


def test_an_interaction_with_a_specialist_drug_does_not_make_a_statin_one() -> None:
    action = only_action(
        clinic_letter(
            "After checking interactions with her antiretrovirals, we would suggest the practice starts atorvastatin "
            "20 mg at night."
        )
    )
    assert (action.category, action.verdict) == ("medication", "appropriate")
