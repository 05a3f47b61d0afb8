"""Reader version 18 (decision 0042): each form behind a wrong verdict or a miss in the hands read this session, in
wordings of our own that are not in any annotated set."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.context import normalise
from joinedup.letters.reader.engine import read_letter
from joinedup.letters.reader.tests.helpers import (
    clinic_letter,
    discharge_summary,
    ed_letter,
    only_action,
    patient_letter,
)

# --- the hospital's offer to take a new referral, after one missed appointment ------------------------------------

MISSED_ONCE = (
    "Mrs Test did not attend her first appointment on 3 March and, in line with the Trust's access policy, she has "
    "been discharged from the clinic. "
)


@pytest.mark.parametrize(
    "offer",
    [
        "Should she still need to be seen, we would be glad to accept a new referral from the practice.",
        "If she still wishes to be seen we will need a fresh referral from your surgery.",
        "We would welcome a further referral if you still feel she needs to be seen.",
    ],
)
def test_an_offer_to_accept_a_new_referral_after_one_missed_appointment_is_the_practices_task(offer: str) -> None:
    action = only_action(clinic_letter(MISSED_ONCE + offer))
    assert action.quote == offer
    assert (action.verdict, action.rule) == ("inappropriate", "dna_discharge")


@pytest.mark.parametrize(
    "offer",
    [
        "If you still want Sam to be seen, please make an appointment with your GP, who can refer him again.",
        "Please contact your GP, who can refer her back to us if you are still worried.",
        "If you would still like to be seen, speak to your surgery, who could refer you again.",
    ],
)
def test_a_patient_sent_to_the_gp_to_be_referred_again_after_one_missed_appointment(offer: str) -> None:
    action = only_action(
        patient_letter(
            MISSED_ONCE.replace("Mrs Test", "You").replace("her first", "your first").replace("she has", "you have")
            + offer
        )
    )
    assert (action.verdict, action.rule) == ("inappropriate", "dna_discharge")


def test_an_offer_of_a_new_referral_is_not_a_request_when_no_appointment_was_missed() -> None:
    letter = clinic_letter(
        "Her symptoms have settled and I have discharged her. Should they return, we would be happy to accept a new "
        "referral from the practice."
    )
    assert all(a.rule != "dna_discharge" for a in read_letter(letter))


# --- a referral for what the letter calls part of the condition it treats ------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "His nail changes are part of his psoriatic disease; please refer him to podiatry for nail care.",
        "The foot drop is a complication of her vasculitis, so I would be grateful if you could refer her for an "
        "orthotic assessment.",
        "Her fatigue is a feature of her lupus and I would be grateful if you could refer her to occupational therapy.",
    ],
)
def test_a_referral_for_a_part_of_the_treated_condition_is_the_hospitals(line: str) -> None:
    action = only_action(clinic_letter(line))
    assert (action.verdict, action.rule) == ("inappropriate", "onward_referral")


def test_a_referral_for_a_problem_the_letter_calls_unrelated_stays_the_practices() -> None:
    line = "Her bunions are not part of her rheumatoid disease; please refer her to podiatry when convenient."
    assert only_action(clinic_letter(line)).verdict == "appropriate"


# --- specialist prescribing the letter hands over before its shared care exists -------------------------------------


def test_continuing_a_drug_whose_shared_care_papers_will_follow_from_a_named_service_is_shared_care() -> None:
    line = "Donepezil: GP to continue prescribing; shared care documentation will follow from the memory clinic."
    action = only_action(clinic_letter(line))
    assert (action.category, action.rule) == ("specialist_prescribing", "shared_care")


@pytest.mark.parametrize("drug", ["quetiapine", "aripiprazole", "risperidone"])
def test_taking_over_any_drug_in_a_letter_whose_shared_care_is_still_being_drafted_is_shared_care(drug: str) -> None:
    request = f"Please take over prescribing of {drug} from the start of next month."
    letter = clinic_letter(
        f"{request} Our shared care agreement for antipsychotics is being rewritten and will reach you in due course."
    )
    actions = {a.quote: a for a in read_letter(letter)}
    assert actions[request].rule == "shared_care"


def test_taking_over_an_ordinary_drug_when_no_shared_care_is_mentioned_stays_the_practices() -> None:
    action = only_action(clinic_letter("Please take over prescribing of sertraline from next month."))
    assert action.verdict == "appropriate"


@pytest.mark.parametrize(
    "row",
    [
        "Amiodarone 200 mg OD - AMBER drug, shared care request to follow. GP to take over prescribing after the "
        "28-day supply.",
        "Dronedarone 400 mg BD - shared care agreement not yet in place. GP to take over prescribing after discharge.",
    ],
)
def test_taking_over_the_prescribing_of_the_drug_named_just_before_is_shared_care(row: str) -> None:
    actions = read_letter(discharge_summary(f"Medication on discharge:\n{row}\n"))
    assert any(a.rule == "shared_care" and "take over prescribing" in a.quote for a in actions)


# --- a request asked as a question without an article -----------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Can GP refer to the community falls service?",
        "Could practice nurse check her blood pressure in two weeks?",
        "Can surgery add hypothyroidism to the problem list?",
    ],
)
def test_a_question_to_the_gp_without_an_article_is_a_request(line: str) -> None:
    assert only_action(discharge_summary(f"GP actions:\n1. {line}")).quote == line


# --- plain information, negated and heading lines ---------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "For information only - you may wish to be aware that she attended twice this month.",
        "Info only: GP may wish to note that his father had a similar reaction.",
        "The practice may want to be aware of the family's housing difficulties.",
        "The hospital pharmacy supplies tacrolimus; the practice should not prescribe it.",
        "No bloods need repeating.",
        "Jobs for GP",
    ],
)
def test_information_a_negated_task_or_a_bare_heading_is_not_a_request(line: str) -> None:
    assert read_letter(discharge_summary(line)) == []


def test_a_note_for_the_record_is_still_a_request() -> None:
    line = "You may wish to note the penicillin allergy on his record."
    assert only_action(clinic_letter(line)).category == "admin"


def test_an_information_label_does_not_hide_a_request_after_it() -> None:
    line = "For information: please add heart failure to his problem list."
    assert only_action(clinic_letter(line)).quote == line


# --- the patient sent to the practice for the hospital's answers or its booking ----------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "If you have any questions about your new inhaler, please talk to your GP.",
        "Should you have questions about the results, talk to your practice.",
    ],
)
def test_questions_sent_to_talk_to_the_gp_are_the_hospitals_to_answer(line: str) -> None:
    action = only_action(patient_letter(line))
    assert (action.verdict, action.rule) == ("inappropriate", "contact_point")


@pytest.mark.parametrize(
    "line",
    [
        "He did not know his surgery date, so I have suggested he asks you and perhaps your receptionists can find out "
        "for him.",
        "I have suggested she rings the surgery so that your admin team can check the date with our booking office.",
    ],
)
def test_the_practices_staff_asked_to_chase_the_hospitals_booking_is_a_contact_point_breach(line: str) -> None:
    action = only_action(clinic_letter(line))
    assert (action.verdict, action.rule) == ("inappropriate", "contact_point")


def test_a_patient_sent_with_the_letter_to_get_a_prescription_to_start_today_is_the_hospitals_supply() -> None:
    line = (
        "Our pharmacy had no stock of sertraline, so please show this letter to your GP surgery and ask them for a "
        "prescription so that you can start it today."
    )
    action = only_action(patient_letter(line))
    assert (action.verdict, action.rule) == ("inappropriate", "outpatient_medication")


# --- requests said without an owner or a verb addressed to anyone ------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "She is not yet fit to return to her job in the warehouse, and her sick note will need extending for a month.",
        "His fit note expires on Friday and will need renewing for a further six weeks.",
    ],
)
def test_a_fit_note_that_will_need_extending_is_a_request_the_hospital_owes(line: str) -> None:
    action = only_action(clinic_letter(line))
    assert (action.category, action.rule) == ("fit_note", "fit_note")


@pytest.mark.parametrize(
    "line",
    [
        "Her next ferritin is due in April; it would help if this could be taken at the surgery so that the result is "
        "ready for my clinic on 2 May.",
        "I would like her calcium, phosphate and PTH repeated in eight weeks and the results passed to me.",
    ],
)
def test_a_test_for_the_hospitals_own_clinic_is_its_follow_up(line: str) -> None:
    action = only_action(clinic_letter(line))
    assert (action.category, action.rule) == ("monitoring", "provider_follow_up")


def test_a_referral_the_hospital_will_decide_on_after_the_test_leaves_the_test_as_the_request() -> None:
    line = (
        "I would like his U&Es and bicarbonate repeated in six weeks and the results passed to me, before I decide on "
        "the timing of his transplant referral."
    )
    assert only_action(clinic_letter(line)).category == "monitoring"


def test_it_would_help_if_a_record_were_updated_is_a_request() -> None:
    line = "It would also help if her care plan were updated at that review, as the family's copy is out of date."
    assert only_action(clinic_letter(line)).quote == line


# --- conditional referrals: a change to watch for, or the hospital's own test -------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "If she develops postmenopausal bleeding again, please refer her on the suspected cancer pathway.",
        "Should the mole change shape or start to bleed, please refer him under the two-week wait.",
        "If his PSA rises by more than 0.75 ng/ml in a year, please re-refer him to the prostate clinic.",
    ],
)
def test_a_referral_on_a_change_still_to_come_is_the_practices_safety_net(line: str) -> None:
    letter = clinic_letter(f"I have discharged her from the clinic. {line}")
    action = only_action(letter)
    assert action.verdict == "appropriate"


@pytest.mark.parametrize(
    "line",
    [
        "If the biopsy shows malignancy, please refer her on the suspected cancer pathway.",
        "Should the nodule have grown on the repeat scan, please refer him under the two-week wait.",
    ],
)
def test_a_referral_on_what_the_hospitals_own_test_shows_stays_the_hospitals(line: str) -> None:
    assert only_action(clinic_letter(line)).verdict == "inappropriate"


def test_a_related_referral_on_a_symptom_to_come_is_still_judged_as_related() -> None:
    line = "If she develops swelling of the left arm after her operation, please refer her to the lymphoedema service."
    assert only_action(clinic_letter(line)).rule == "onward_referral"


@pytest.mark.parametrize(
    "discharge",
    [
        "I have discharged him back to you.",
        "He is discharged back to your care.",
        "I have discharged him from routine hospital follow-up today.",
    ],
)
def test_a_conditional_re_referral_after_a_discharge_to_the_practice_is_the_practices(discharge: str) -> None:
    line = "If the PSA rises above 0.2 ng/ml, please re-refer him to the clinic."
    action = only_action(clinic_letter(f"{discharge} {line}"))
    assert action.verdict == "appropriate"


def test_a_letter_to_the_patient_discharged_from_the_clinic_leaves_re_referral_to_the_gp() -> None:
    letter = patient_letter(
        "I have discharged you from the kidney clinic. If your eGFR falls below 25, your GP can refer you back to us."
    )
    assert only_action(letter).verdict == "appropriate"


# --- a scanner's "1" for "l" at the ends of words and doubled inside them -----------------------------------------


@pytest.mark.parametrize(
    ("scanned", "read"),
    [
        ("shared care protoco1 to fo11ow", "shared care protocol to follow"),
        ("P1ease check 1ithium 1eve1 in a week", "please check lithium level in a week"),
        ("Tegreto1 is to continue", "tegretol is to continue"),
    ],
)
def test_a_scanners_ones_read_as_the_letters_they_stand_for(scanned: str, read: str) -> None:
    assert normalise(scanned) == read


@pytest.mark.parametrize(
    "kept", ["B12 200", "100mcg", "1week", "1 tablet", "day1", "grade 11", "1tab", "T1 weighted", "ward 11", "1 amp"]
)
def test_numbers_and_counts_are_not_read_as_letters(kept: str) -> None:
    assert normalise(kept) == kept.lower()


def test_a_scanned_lithium_handover_is_read_as_shared_care() -> None:
    letter = discharge_summary(
        "Medication on discharge:\nLithium carbonate (Priade1) 400 mg nocte - 14 days supp1ied. GP to continue "
        "prescribing from discharge; shared care protoco1 to fo11ow.\nRequests to GP:\n- P1ease check 1ithium 1eve1 "
        "and U&Es 1 week after discharge."
    )
    assert [a.rule for a in read_letter(letter)] == ["shared_care", "shared_care"]


# --- a medicine that need not start at once ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Your GP will need to start you on empagliflozin 10 mg daily; this does not need to start straight away.",
        "Your GP will need to increase your metformin to 1 g twice a day; you have plenty at home for now.",
    ],
)
def test_a_change_that_need_not_start_at_once_is_not_the_clinics_supply(line: str) -> None:
    assert only_action(patient_letter(line)).verdict == "appropriate"


# --- monitoring handed over with a drug whose shared care is still to come ----------------------------------------


def test_taking_over_the_blood_checks_while_shared_care_is_not_in_place_is_shared_care() -> None:
    request = "It would also help if the practice could take over his FBC and LFT checks every three months."
    letter = clinic_letter(
        "Please take over prescribing of mycophenolate from next month; our shared care protocol has not yet been "
        f"approved and we will send it once it is.\n\n{request}"
    )
    actions = {a.quote: a for a in read_letter(letter)}
    assert actions[request].rule == "shared_care"


def test_bloods_in_the_meantime_after_a_drug_supplied_until_shared_care_is_signed_are_shared_care() -> None:
    request = "In the meantime, her fortnightly FBC, U&E and LFTs can be done at the surgery."
    letter = clinic_letter(
        "Our pharmacy will supply her azathioprine until the shared care agreement has been signed.\n\n" + request
    )
    actions = {a.quote: a for a in read_letter(letter)}
    assert actions[request].rule == "shared_care"


def test_a_test_naming_an_ordinary_medicine_of_its_own_is_not_the_specialist_drugs_monitoring() -> None:
    request = "U&E within a week please (furosemide increased)."
    letter = clinic_letter(
        "Our pharmacy will supply her azathioprine until the shared care agreement has been signed.\n\n" + request
    )
    actions = {a.quote: a for a in read_letter(letter)}
    assert actions[request].verdict == "appropriate"


# --- advice and guidance: a request taken on, the practice's quoted question, the verdict line -------------------

ADVICE_HEAD = (
    "Testbury Hospitals NHS Trust\nEndocrinology - Advice and Guidance\nA&G RESPONSE\n"
    "Requesting GP: Dr A Example, Elm Tree Surgery\nPatient: Mrs Test PATIENT  NHS No: 999 000 0001\n"
)


def test_an_advice_request_converted_to_a_referral_makes_its_pre_clinic_tests_the_hospitals() -> None:
    request = "Before she is seen, please repeat her calcium and PTH in four weeks and forward the results to us."
    letter = ADVICE_HEAD + (
        'Query: "Calcium 2.80 on two occasions. Please advise."\nResponse:\nDear Dr Example\n'
        "I have converted this request into a routine referral and she will be sent an appointment.\n" + request
    )
    actions = read_letter(letter)
    assert [a.quote for a in actions] == [request]
    assert actions[0].rule == "provider_follow_up"


def test_an_advice_reply_that_did_not_convert_the_request_leaves_its_advice_with_the_practice() -> None:
    request = "If the tTG is positive, please refer her to our coeliac clinic for a duodenal biopsy."
    letter = ADVICE_HEAD + (
        'Your question:\n"Iron deficiency and loose stools. Should she be seen?"\nAdvice:\nDear Dr Example\n'
        "With no red flags, this can be investigated in primary care to start with.\n"
        f"{request}\nI have not converted this request into a referral.\n"
    )
    actions = read_letter(letter)
    assert [a.quote for a in actions] == [request]
    assert actions[0].verdict == "appropriate"


@pytest.mark.parametrize(
    "line",
    [
        "Please request a renal ultrasound before she comes back to see us in June, because of her raised creatinine.",
        "Please arrange an echocardiogram before he returns to clinic in four months.",
    ],
)
def test_a_test_before_the_patient_comes_back_to_the_clinic_is_its_follow_up(line: str) -> None:
    assert only_action(clinic_letter(line)).rule == "provider_follow_up"


# --- the second round: hands 99 to 102 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "The histology will be sent to you, and I would be grateful if you could go through it with her when it comes.",
        "Those results should be with you in a fortnight, and I would be grateful if you could let him know them.",
    ],
)
def test_a_hospital_result_passed_to_the_practice_to_go_through_is_the_hospitals(line: str) -> None:
    actions = read_letter(clinic_letter(line))
    assert [(a.category, a.rule) for a in actions] == [("results", "test_results")]


def test_acting_on_what_the_hospitals_own_recording_will_show_is_acting_on_its_result() -> None:
    line = (
        "The monitor will be reported in about ten days; if it shows atrial fibrillation, I would be grateful if you "
        "could start apixaban."
    )
    action = only_action(clinic_letter(line))
    assert (action.category, action.rule) == ("results", "test_results")


@pytest.mark.parametrize(
    "line",
    [
        "Please record on her clinical system that she takes mycophenolate prescribed by the transplant centre.",
        "Please make sure tacrolimus is recorded on his medication list as a hospital-only drug.",
    ],
)
def test_recording_a_hospital_prescribed_drug_is_a_record_not_a_handover(line: str) -> None:
    action = only_action(clinic_letter(line))
    assert (action.category, action.verdict) == ("admin", "appropriate")


def test_continuing_carbimazole_after_the_hospitals_supply_is_ordinary_prescribing() -> None:
    action = only_action(clinic_letter("Please continue carbimazole 10 mg daily on repeat after our supply runs out."))
    assert action.verdict == "appropriate"


@pytest.mark.parametrize(
    "line",
    [
        "Please take over prescribing of carbimazole; the shared care agreement will follow.",
        "Carbimazole is an amber drug in our area: please take over prescribing of carbimazole from next month.",
    ],
)
def test_carbimazole_handed_over_as_a_specialist_drug_by_its_letter_is_still_shared_care(line: str) -> None:
    assert only_action(clinic_letter(line)).rule == "shared_care"


def test_a_named_shared_care_protocol_the_practice_signed_up_to_is_in_place() -> None:
    line = (
        "In line with the Westshire shared care protocol for ADHD medicines, which your practice has signed up to, "
        "please take over prescribing of methylphenidate from next month."
    )
    assert only_action(clinic_letter(line)).verdict == "appropriate"


@pytest.mark.parametrize(
    "line",
    [
        "If she rings you about her date, please telephone our appointments office on her behalf.",
        "Her husband had questions about the operation; I suggested he take them up with you at her next appointment.",
    ],
)
def test_the_practice_asked_to_answer_or_book_for_the_hospital_is_a_contact_point_breach(line: str) -> None:
    action = only_action(clinic_letter(line))
    assert (action.verdict, action.rule) == ("inappropriate", "contact_point")


def test_after_one_missed_appointment_a_new_referral_would_be_required_is_the_practices_task() -> None:
    letter = clinic_letter(
        MISSED_ONCE + "We would be glad to see her again if you feel it is needed, in which case a new referral would "
        "be required."
    )
    assert only_action(letter).rule == "dna_discharge"


@pytest.mark.parametrize(
    "line",
    [
        "Sutures to be taken out at day 10 by the practice nurse.",
        "GP actions:\n[x] PN to remove clips day 12 & check the wound",
        "Please ask your practice nurse to look at the operated knee a week after surgery.",
    ],
)
def test_post_operative_care_handed_to_the_practice_nurse_is_the_hospitals_follow_up(line: str) -> None:
    assert only_action(discharge_summary(line)).rule == "provider_follow_up"


def test_a_wound_check_at_the_same_visit_is_one_request() -> None:
    line = "Clips to be removed at day 12 by the practice nurse; please check the wound at the same visit."
    assert len(read_letter(discharge_summary(line))) == 1


def test_an_attendance_line_naming_a_gp_referral_asks_nothing() -> None:
    assert read_letter(ed_letter("Attendance: 02/03/2026 (GP referral ?DVT)   Consultant: Dr T Example")) == []


@pytest.mark.parametrize(
    "line",
    [
        "I would be grateful if you could refer her to the neurosurgeons so that they can consider her for surgery.",
        "Please send a referral to the rheumatology clinic here so that other causes of her joint pain can be considered.",
    ],
)
def test_a_referral_for_the_specialists_to_consider_is_not_left_to_the_practices_judgement(line: str) -> None:
    assert only_action(clinic_letter(line)).rule == "onward_referral"


# --- the third round: hands 103 to 105 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Information for the GP",
        "Tel 01632 960 000 (appointments)   ** PLEASE DO NOT REPLY TO THIS EMAIL ADDRESS **",
        "I will review her in clinic in three months, when we will consider a second agent if her BP remains high.",
        "We will see him again after the scan and think then about whether an operation is worth pursuing.",
        "Cardiac rehab referral made by the ward on 02/03 - nil for GP.",
        "Blood cultures (01/03) pending at d/c.",
        "Histology to be reviewed by Mr Example's team.",
    ],
)
def test_a_heading_a_footer_the_hospitals_own_plan_or_a_pending_test_alone_is_not_a_request(line: str) -> None:
    assert read_letter(discharge_summary(line)) == []


def test_the_hospitals_plan_does_not_hide_a_request_that_waits_on_it() -> None:
    line = "Could you please check his U&Es in two weeks and send me the result, as I will decide then on his dose."
    assert only_action(clinic_letter(line)).rule == "provider_follow_up"


@pytest.mark.parametrize(
    "line",
    [
        "She has had worsening hearing for years, unrelated to her admission, and she would like you to refer her to "
        "audiology.",
        "He prefers to be seen locally, and I said you would be happy to refer him to the community podiatrists.",
    ],
)
def test_what_the_patient_would_like_of_the_practice_or_was_told_it_would_do_is_a_request(line: str) -> None:
    assert only_action(clinic_letter(line)).category == "referral"


def test_a_sample_from_the_surgery_so_the_clinic_has_the_result_is_its_follow_up() -> None:
    line = (
        "It would help me if he could have a PSA sent off from the surgery a week before clinic so I have the result."
    )
    assert only_action(clinic_letter(line)).rule == "provider_follow_up"


def test_a_re_referral_if_the_patient_changes_their_mind_is_the_practices() -> None:
    line = "If she changes her mind about the operation, please re-refer her and we will list her directly."
    action = only_action(clinic_letter(line))
    assert (action.category, action.verdict) == ("follow_up", "appropriate")


def test_a_screening_programme_booking_the_patient_will_need_is_a_request() -> None:
    line = "She will need re-booking with the diabetic eye screening programme at her new address."
    assert only_action(clinic_letter(line)).quote == line


# --- the fourth round: hands 106 to 109 ---------------------------------------------------------------------------


def test_a_tables_first_row_of_data_is_not_taken_for_its_header() -> None:
    letter = discharge_summary(
        "Medications on discharge:\n"
        "  Dalteparin 5000 units SC OD - 28 days from 01/03 | supplied 5 days | GP to prescribe the remaining days\n"
        "  Paracetamol 1 g QDS | supplied 14 days\n"
    )
    actions = read_letter(letter)
    assert [a.rule for a in actions] == ["discharge_medication"]
    assert actions[0].quote.startswith("Dalteparin")


@pytest.mark.parametrize(
    "line",
    [
        "See medication table (apixaban duration, bisoprolol titration).",
        "See narrative, medication and pending results sections.",
        "Ramipril review - see table.",
        "See sections 2, 5 and 6",
        "Comments for GP",
        "Instructions for the GP practice",
        "Admission method: Emergency - GP referral to the Medical Assessment Unit",
        "RV normal size and function.",
    ],
)
def test_a_pointer_a_heading_a_particular_or_an_echo_finding_is_not_a_request(line: str) -> None:
    assert read_letter(discharge_summary(line)) == []


def test_a_request_with_a_pointer_after_it_is_still_a_request() -> None:
    line = "Please check U&E in 1 week - see table."
    assert only_action(discharge_summary(line)).quote == line


@pytest.mark.parametrize(
    "plan",
    [
        "PLAN\n1  GP to refer for hydrotherapy for her hip\n2  you may wish to consider paracetamol instead of naproxen\n",
        "PLAN\n1 pleae switch metformin to the MR form\n2 GP to add him to the diabetes register\n",
    ],
)
def test_numbered_lines_typed_without_a_stop_are_separate_requests(plan: str) -> None:
    assert len(read_letter(clinic_letter(plan))) == 2


def test_a_list_after_a_lead_in_to_the_named_gp_in_a_letter_to_parents_asks_the_gp() -> None:
    letter = patient_letter(
        "Dr Hartley, could you please:\n- continue the iron oral solution 100 mg twice daily for a further month;\n"
        "- offer her sister a coeliac blood test.\n"
    )
    assert len(read_letter(letter)) == 2


def test_a_list_for_the_gp_named_in_a_letter_to_parents_asks_the_gp() -> None:
    letter = patient_letter("For Dr Hartley:\n- Please add asthma to her problem list.\n")
    assert only_action(letter).category == "admin"


def test_a_list_for_a_named_colleague_is_not_the_gps() -> None:
    letter = clinic_letter(
        "I have copied this letter to Dr J Colleague, Consultant Anaesthetist.\n\nFor Dr Colleague:\n"
        "- Please add her to the theatre list for March.\n"
    )
    assert read_letter(letter) == []


def test_clips_that_will_need_removing_by_the_practice_nurse_are_the_hospitals_follow_up() -> None:
    line = "Skin clips: these will need removing on 12 May, which we understand your practice nurse can do."
    assert only_action(clinic_letter(line)).rule == "provider_follow_up"


# --- the fifth round: hands 110 to 113 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Amlodipine          | 10 mg OD     | WITHHELD  | -        | See Actions for the GP",
        "Bisoprolol        2.5 mg OD  NEW      14 days   Continue - see GP actions",
        "Section 9 - Actions for GP",
        "If you are not the intended recipient of this letter please notify the sender.",
        "This is a legal document; please retain it in the patient's record.",
        "For the GP's information only: she will need irradiated blood products for life.",
    ],
)
def test_a_table_cells_pointer_a_numbered_heading_or_a_footer_is_not_a_request(line: str) -> None:
    assert read_letter(discharge_summary(line)) == []


def test_a_plan_typed_a_line_a_request_without_stops_is_read_line_by_line() -> None:
    letter = ed_letter(
        "PLAN\npt is pain free and happy to go home\naspirin 75mg od started, 14 days supplied - gp to continue on "
        "repeat\ngtn spray prn supplied, explained how to use\npls refer to the rapid access chest pain clinic\nno "
        "lipids done in ED - gp may wish to check these at the practice\nadvised to call 999 if pain at rest\n"
        "pls could the gp review him within 1 wk\nrepeat u&e in 1 wk pls gp to arrange\nseen by dr a example\n"
        "dictated not checked\n"
    )
    assert len(read_letter(letter)) == 5


def test_a_sentence_wrapped_after_next_is_one_request() -> None:
    letter = clinic_letter(
        "Please switch his inhaler to Trelegy Ellipta one inhalation OD at his next\nreview - this is not urgent.\n"
    )
    assert len(read_letter(letter)) == 1
