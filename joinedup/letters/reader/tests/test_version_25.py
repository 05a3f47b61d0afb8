"""Reader version 25: forms met in new hands of letters, each in wordings of our own (not from any annotated letter)."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.engine import read_letter
from joinedup.letters.reader.tests.helpers import clinic_letter, discharge_summary, quotes

# --- a step still to come, said in the passive with no owner, is the practice's (hand 186) ----------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Repeat ferritin to be arranged in 8 weeks.",
        "Bisoprolol to be uptitrated as heart rate allows, aiming for 5 mg daily.",
        "Memory clinic referral to be made.",
        "Should the swelling persist at 2 weeks, a repeat ultrasound to be arranged.",
    ],
)
def test_a_step_to_be_done_with_no_owner_is_the_practices(line: str) -> None:
    assert quotes(discharge_summary(f"Actions:\n- {line}"), "discharge_summary") == [line]


@pytest.mark.parametrize(
    "line",
    [
        "Bone density scan to be requested by the fracture liaison nurse.",
        "Coronary angiography to be arranged as an outpatient.",
        "Group and save to be taken on the day of surgery.",
    ],
)
def test_a_step_to_be_done_by_someone_named_is_theirs(line: str) -> None:
    assert quotes(discharge_summary(f"Plan:\n- {line}"), "discharge_summary") == []


def test_a_step_to_be_done_by_you_is_still_the_practices() -> None:
    letter = clinic_letter("His mirtazapine will continue to be prescribed by you, as it has been since last spring.")
    assert quotes(letter) == [
        "His mirtazapine will continue to be prescribed by you, as it has been since last spring."
    ]


# --- the practice asked politely and indirectly (hand 186) ------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "We would appreciate the practice taking over the azathioprine prescribing once the hospital supply runs out.",
        "A prescription from the surgery for a further 6 weeks of this cream would be appreciated.",
        "If she still needs a rheumatology opinion in a year, a fresh referral would be welcomed.",
        "He would like to stop smoking, which is best supported at the surgery with the local service.",
        "The hepatitis B vaccine course would be better given by the practice nurse.",
    ],
)
def test_a_request_put_politely_and_indirectly_asks(line: str) -> None:
    assert quotes(clinic_letter(line)) == [line]


def test_a_problem_best_managed_in_primary_care_is_a_verdict_not_a_request() -> None:
    letter = clinic_letter("I have returned the referral because his back pain is best managed in primary care.")
    assert quotes(letter) == []


# --- a medicine that "can be stopped", said to the GP (hand 186) ------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Senna can be stopped.",
        "Atenolol can now be tapered and stopped over the next fortnight.",
        "Lansoprazole 30 mg can be reduced to 15 mg once her symptoms settle.",
    ],
)
def test_a_medicine_that_can_be_stopped_is_left_to_the_practice(line: str) -> None:
    (action,) = read_letter(clinic_letter(line))
    assert (action.quote, action.category) == (line, "medication")


def test_a_medicine_review_required_is_a_request() -> None:
    letter = discharge_summary(
        "GP actions:\n- Medication review required re postural drop - consider stopping doxazosin"
    )
    (action,) = read_letter(letter, "discharge_summary")
    assert action.category == "medication"


def test_a_second_line_medicine_if_the_first_fails_is_a_request() -> None:
    line = "If candesartan is not tolerated, topiramate 25 mg at night could be considered instead."
    (action,) = read_letter(clinic_letter(line))
    assert action.category == "medication"


# --- supplies and prescriptions from the practice (hand 186) ----------------------------------------------------------


def test_a_further_supply_from_the_gp_in_a_medicines_list_is_a_request() -> None:
    letter = discharge_summary(
        "Medications on discharge:\nNitrofurantoin 50 mg QDS - 2 days supplied; further supply from GP to complete "
        "7 days\nParacetamol 1 g QDS PRN"
    )
    (action,) = read_letter(letter, "discharge_summary")
    assert (action.category, action.verdict, action.rule) == ("medication", "inappropriate", "discharge_medication")


def test_a_patient_collecting_a_clinics_prescription_from_the_surgery_is_flagged() -> None:
    line = "He will collect a prescription for amoxicillin 500 mg three times a day for 7 days from the surgery today."
    (action,) = read_letter(clinic_letter(line))
    assert (action.category, action.verdict) == ("medication", "inappropriate")


def test_prescribing_that_can_continue_from_the_practice_is_a_request() -> None:
    line = (
        "I have increased her azathioprine to 100 mg; the prescribing can continue from the practice under shared care."
    )
    assert quotes(clinic_letter(line)) == [line]


def test_a_medicine_started_in_clinic_that_will_need_adding_to_repeat_is_a_request() -> None:
    line = (
        "Allopurinol 100 mg daily started today, 4 weeks supplied from clinic, will need adding to repeat after that."
    )
    assert quotes(clinic_letter(line)) == [line]


# --- what a patient would benefit from, when it is a referral (hand 186) ----------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "She may benefit from referral to the community weight management programme.",
        "He would be suitable for a referral to the local exercise on prescription scheme.",
    ],
)
def test_a_referral_the_patient_would_benefit_from_is_a_request(line: str) -> None:
    (action,) = read_letter(clinic_letter(line))
    assert action.category == "referral"


def test_a_need_with_its_drug_then_the_request_to_stop_it_is_one_request() -> None:
    letter = clinic_letter(
        "She takes indapamide, which can lower her sodium and needs to be stopped before we can judge her sodium "
        "properly. I would be grateful if you could stop the indapamide and start amlodipine 5 mg daily."
    )
    assert quotes(letter) == ["I would be grateful if you could stop the indapamide and start amlodipine 5 mg daily."]


def test_a_request_that_names_nothing_of_its_own_joins_the_sentence_before() -> None:
    letter = clinic_letter(
        "He would benefit from a referral to the community falls team. I would be grateful if you would refer."
    )
    assert quotes(letter) == ["He would benefit from a referral to the community falls team."]


# --- results handed to the practice through the results system (hand 186) ---------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "The biopsy results will be available to you on ICE and he will make an appointment with you to discuss them.",
        "The MRI report will come to you via the results system; Mr Ortiz will see you for the result.",
        "The cultures are still incubating. The practice will be able to see these on ICE and act on them.",
    ],
)
def test_results_handed_to_the_practice_through_the_results_system_are_the_hospitals(line: str) -> None:
    letter = clinic_letter(f"We sent a biopsy and cultures today. {line}")
    flagged = [a for a in read_letter(letter) if a.rule == "test_results"]
    assert len(flagged) == 1 and flagged[0].category == "results"


# --- the hospital's own aftercare and pre-operative work (hand 187) ---------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Practice nurse to remove the nasal splints on day 7.",
        "Please remove the nasal pack at the surgery in 48 hours.",
    ],
)
def test_removing_what_the_hospital_put_in_is_its_own_aftercare(line: str) -> None:
    (action,) = read_letter(discharge_summary(f"Follow-up:\n- {line}"), "discharge_summary")
    assert (action.verdict, action.rule) == ("inappropriate", "provider_follow_up")


def test_pre_operative_tests_for_the_hospitals_procedure_are_its_own() -> None:
    line = "Could you arrange routine pre-op bloods (FBC, U&E and clotting) at the surgery before his cystoscopy."
    (action,) = read_letter(clinic_letter(line))
    assert (action.verdict, action.rule) == ("inappropriate", "provider_follow_up")


def test_a_reading_at_a_pre_operative_assessment_is_still_the_practices_to_review() -> None:
    line = "Her BP was 168/100 at pre-operative assessment; please review it at the practice."
    (action,) = read_letter(clinic_letter(line))
    assert action.rule is None


def test_a_medicine_to_start_this_weekend_is_a_start_after_clinic() -> None:
    line = "Please prescribe prednisolone eye drops four times a day, starting this weekend."
    (action,) = read_letter(clinic_letter(line))
    assert action.rule == "outpatient_medication"


def test_chasing_another_hospital_service_for_the_patient_is_its_own_contact_point() -> None:
    line = "She has not heard about her radiotherapy start date - please could you chase this with oncology for her."
    (action,) = read_letter(clinic_letter(line))
    assert (action.verdict, action.rule) == ("inappropriate", "contact_point")


# --- questions sent to the practice; a step left with it (hand 184) ---------------------------------------------------


def test_questions_about_the_hospitals_care_sent_to_the_practice_are_flagged() -> None:
    line = (
        "I have suggested that any questions about his dialysis plans go to you at the surgery in the first instance."
    )
    (action,) = read_letter(clinic_letter(line))
    assert (action.verdict, action.rule) == ("inappropriate", "contact_point")


def test_a_conditional_change_the_writer_leaves_with_the_practice_is_a_request() -> None:
    line = "If his home readings stay above 140/90, his amlodipine could go up to 10 mg - I will leave that with you."
    (action,) = read_letter(clinic_letter(line))
    assert action.category == "medication"


# --- the practice's task told as what the patient was told or agreed (hand 192) ---------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "I have told him you will recheck his potassium in a week, now that the spironolactone has started.",
        "I explained to his wife that the practice would arrange his annual foot check.",
        "She understands you will titrate the bisoprolol every fortnight, aiming for 5 mg.",
        "He knows to come to you for his next prescription of apixaban.",
        "She knows to get the rest of the antibiotic course from her GP.",
        "Mum agreed to book his missed vaccinations with the practice nurse.",
        "He will see you in 4 weeks so you can review the new inhaler.",
    ],
)
def test_the_practices_task_told_as_what_the_patient_was_told_is_a_request(line: str) -> None:
    assert quotes(clinic_letter(line)) == [line]


@pytest.mark.parametrize(
    "line",
    [
        "He knows to come back to you if the swelling returns.",
        "She knows to contact you if the bleeding becomes heavier.",
        "She will book her shingles vaccination at the surgery herself.",
        "I have told her the practice will be sent a copy of this letter.",
    ],
)
def test_a_safety_net_or_a_copy_told_to_the_patient_asks_nothing(line: str) -> None:
    assert quotes(clinic_letter(line)) == []


def test_a_result_the_practice_is_to_pass_on_when_it_comes_back_is_the_hospitals() -> None:
    line = "A urine culture was sent and I have told his wife the GP will let them know if it grows anything."
    (action,) = read_letter(clinic_letter(line))
    assert (action.category, action.rule) == ("results", "test_results")


# --- verdicts in surgical and mental health letters (hands 189, 191) --------------------------------------------------


def test_the_practices_own_diabetes_measure_after_a_specialist_drug_is_not_its_monitoring() -> None:
    letter = clinic_letter(
        "Lithium 400 mg at night - please take over prescribing and monitoring under the shared care protocol.\n"
        "HbA1c 46 - please repeat in 3 months and manage as per your usual practice."
    )
    hba1c = [a for a in read_letter(letter) if "HbA1c" in a.quote]
    assert [a.rule for a in hba1c] == [None]


def test_stopping_a_specialist_drug_is_an_ordinary_medicine_change() -> None:
    letter = clinic_letter("Please make sure the amiodarone is stopped at 3 months and not added to his repeats.")
    (action,) = read_letter(letter)
    assert (action.category, action.verdict) == ("medication", "appropriate")


def test_a_referral_for_a_problem_that_predates_the_operation_is_the_practices() -> None:
    letter = clinic_letter(
        "Diagnoses: 1. Aortic valve replacement 2. Right knee osteoarthritis\n\n"
        "His right knee pain predates his surgery and limits his walking. I would be grateful if you would consider "
        "referring him to physiotherapy for his knee osteoarthritis."
    )
    referrals = [a for a in read_letter(letter) if a.category == "referral"]
    assert [a.verdict for a in referrals] == ["appropriate"]


def test_a_dated_result_then_a_request_to_check_the_final_report_asks() -> None:
    letter = discharge_summary("Urine culture 02/03/2026: no growth at 24 hrs, final report pending - GP to check it.")
    (action,) = read_letter(letter, "discharge_summary")
    assert (action.category, action.rule) == ("results", "test_results")


def test_the_practice_asked_to_chase_the_hospitals_date_for_the_patient_is_its_contact_point() -> None:
    line = "I have suggested he contacts your surgery if he has no date by June, and you can chase the date for him."
    (action,) = read_letter(clinic_letter(line))
    assert (action.verdict, action.rule) == ("inappropriate", "contact_point")


def test_a_service_recommending_the_gp_refers_is_a_request() -> None:
    line = "The liaison team recommend the GP makes a referral to the community eating disorder service."
    (action,) = read_letter(clinic_letter(line))
    assert action.category == "referral"


# --- a shared care agreement said to be running, or only enclosed (hands 197, 198) ------------------------------------


@pytest.mark.parametrize(
    "said",
    [
        "He is on testosterone gel, GP prescribing under shared care with the regional gender service.",
        "Estradiol patches, prescribed by GP under SCA with the gender service.",
        "Shared care: gender service SCA for testosterone, signed by Mill Lane Surgery in 2025.",
        "Azathioprine 100 mg daily - shared care agreed with your practice in January.",
    ],
)
def test_a_shared_care_agreement_said_to_be_running_clears_its_monitoring(said: str) -> None:
    letter = clinic_letter(
        f"{said}\n\nPlease repeat FBC and LFTs 3 months after the dose change, as per the agreement."
    )
    repeat = [a for a in read_letter(letter) if "repeat FBC" in a.quote]
    assert [a.verdict for a in repeat] == ["appropriate"]


def test_an_agreement_enclosed_to_sign_is_not_yet_in_place() -> None:
    letter = clinic_letter(
        "Now that her dose is stable, we are therefore requesting that you take over prescribing of methylphenidate "
        "XL 36 mg each morning. Our shared care agreement is enclosed for you to sign and return."
    )
    taken_over = [a for a in read_letter(letter) if "take over" in a.quote]
    assert [(a.category, a.rule) for a in taken_over] == [("specialist_prescribing", "shared_care")]


# --- how much the hospital supplied (hand 196) ------------------------------------------------------------------------


def test_supplying_the_rest_of_a_course_under_the_practices_heading_is_a_request() -> None:
    letter = discharge_summary(
        "GP to:\n- Supply the remainder of the 6 week enoxaparin course (36 days).\n"
        "- Continue tramadol if still required after the 5 days supplied."
    )
    assert quotes(letter, "discharge_summary") == [
        "Supply the remainder of the 6 week enoxaparin course (36 days).",
        "Continue tramadol if still required after the 5 days supplied.",
    ]


def test_a_medicine_list_entry_of_days_supplied_is_still_information() -> None:
    letter = discharge_summary(
        "GP actions:\n- Please check U&E in 1 week.\n\nTTO:\nTramadol 50 mg QDS PRN - 7 days supplied"
    )
    assert quotes(letter, "discharge_summary") == ["Please check U&E in 1 week."]


def test_further_supply_from_the_gp_after_a_few_days_is_the_discharges_short_supply() -> None:
    line = "She will need further supply of dihydrocodeine from her GP after 3 days."
    (action,) = read_letter(discharge_summary(f"Plan:\n- {line}"), "discharge_summary")
    assert (action.verdict, action.rule) == ("inappropriate", "discharge_medication")


def test_tests_needed_before_the_hospitals_treatment_can_start_are_its_own() -> None:
    line = (
        "Before treatment can start we need hepatitis B and C and HIV serology, which we would be grateful if the "
        "practice could arrange."
    )
    (action,) = read_letter(clinic_letter(line))
    assert (action.verdict, action.rule) == ("inappropriate", "provider_follow_up")


# --- advice replies and returned referrals (hand 206) -----------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "Rheumatology Advice & Guidance\nOakfield Hospitals NHS Trust",
        "Cardiology\nADVICE & GUIDANCE (e-RS)    UBRN 0000 1111 2222\n\nGP question\n?PAF\n\nConsultant response",
        "Primary Care Liaison - Psychiatric Advice Line (written reply)\nQuery received 02/11/2026; reply 04/11/2026",
    ],
)
def test_an_advice_reply_known_by_its_header_leaves_a_conditional_re_referral_with_the_practice(header: str) -> None:
    letter = (
        f"{header}\nReferring GP: Dr A Example, Elm Tree Surgery\n\nDear Dr Example,\n\n"
        "If her symptoms persist despite the lansoprazole, please re-refer.\n"
    )
    (action,) = read_letter(letter)
    assert action.verdict == "appropriate"


def test_a_returned_referral_to_be_redirected_is_the_trusts_to_redirect() -> None:
    letter = (
        "General Paediatrics\n\nDear Dr Example,\n\nThank you for your referral. I'm afraid I have had to return this "
        "referral, as autism assessment is done by the community team. Please could you redirect the referral to them.\n"
    )
    redirected = [a for a in read_letter(letter) if "redirect" in a.quote]
    assert [(a.verdict, a.rule) for a in redirected] == [("inappropriate", "onward_referral")]


def test_explaining_to_the_family_why_a_referral_was_returned_is_the_trusts_contact_point() -> None:
    line = "Please could the practice explain to his parents why the referral has been returned."
    (action,) = read_letter(clinic_letter(line))
    assert (action.verdict, action.rule) == ("inappropriate", "contact_point")


def test_what_the_trusts_own_triage_scan_found_stays_its_own_in_an_advice_reply() -> None:
    letter = (
        "Respiratory Medicine - Referral Triage Outcome\nOutcome: REFERRAL RETURNED WITH ADVICE\n\nDear Dr Example,\n\n"
        "We triaged him to a CT thorax, which was done on 02/04/2026: an incidental 6 mm solid nodule in the right lower "
        "lobe. Please arrange a repeat CT thorax in 12 months for the nodule.\n"
    )
    repeat = [a for a in read_letter(letter) if "repeat CT" in a.quote]
    assert [a.verdict for a in repeat] == ["inappropriate"]


@pytest.mark.parametrize(
    "line",
    [
        "I have told her we cannot give a date yet, and suggested she asks at your surgery, as you can check the waiting "
        "list position for her.",
    ],
)
def test_the_practice_asked_to_look_up_the_hospitals_waiting_list_for_the_patient_is_flagged(line: str) -> None:
    (action,) = read_letter(clinic_letter(line))
    assert action.rule == "contact_point"


@pytest.mark.parametrize("line", ["Repeat lithium level 0.9 at 18:00, tremor settled.", "Repeat creatinine 142 at 6h."])
def test_a_repeat_measurement_with_its_value_and_time_is_a_result(line: str) -> None:
    assert quotes(
        discharge_summary(f"Progress:\n{line}\n\nGP actions:\n- Please check U&E in 1 week."), "discharge_summary"
    ) == ["Please check U&E in 1 week."]


def test_the_gp_spoken_to_by_name_mid_sentence_in_a_letter_to_the_patient_is_asked() -> None:
    letter = (
        "Oral Surgery\n\nMs Jane Test\n1 Any Road\n\nCopy: Dr V. Hartley, Elm Tree Surgery\n\nDear Ms Test,\n\n"
        "You told me you have been sleeping badly. I have suggested you talk to your GP, and Dr Hartley, I would be "
        "grateful if you could review her sleep.\n\nYours sincerely,\nMr A Surgeon\n"
    )
    assert quotes(letter) == [
        "I have suggested you talk to your GP, and Dr Hartley, I would be grateful if you could review her sleep."
    ]


def test_a_referral_to_redirect_outside_an_advice_reply_gives_its_reason() -> None:
    letter = clinic_letter(
        "I saw him today. Autism assessment is done by the community team, so please could you redirect the referral "
        "to them."
    )
    (action,) = read_letter(letter)
    assert action.rule == "onward_referral"
    assert action.reason.endswith("the trust's to redirect, not to send back.")
