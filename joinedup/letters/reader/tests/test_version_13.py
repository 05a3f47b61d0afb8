"""Reader version 13: what hands 54 to 56 showed once their errors were read (decision 0034). Every wording here is
written for the test, not taken from an annotated set."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.engine import read_letter
from joinedup.letters.reader.tests.helpers import (
    clinic_letter,
    discharge_summary,
    ed_letter,
    only_action,
    patient_letter,
    quotes,
)

# --- judging ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Urine culture sent 14/03 - please check this at 72 hours and treat if anything grows.",
        "Blood cultures were taken before the first dose of antibiotics; could you look at them on Monday?",
        "A ferritin and folate were drawn on the ward this morning: please review the results when they are back.",
    ],
)
def test_a_sample_the_hospital_took_handed_on_for_the_practice_to_look_at_is_its_result(sentence: str) -> None:
    action = only_action(ed_letter("Diagnosis: pyelonephritis.\n\nPlan:\n- " + sentence))
    assert (action.category, action.rule) == ("results", "test_results")


def test_bloods_taken_today_to_be_checked_again_later_are_a_repeat_not_a_result() -> None:
    action = only_action(
        ed_letter("Plan:\n- U&E taken today - please check them again in one week as the ramipril was increased.")
    )
    assert action.category == "monitoring"


@pytest.mark.parametrize(
    "sentence",
    [
        "He was discharged from our dermatology clinic last spring after not attending; please re-refer if the rash "
        "returns.",
        "She was removed from the physiotherapy list for non-attendance in June; GP to re-refer if still needed.",
    ],
)
def test_discharge_after_one_missed_appointment_said_in_other_words_is_still_the_hospitals(sentence: str) -> None:
    action = only_action(
        discharge_summary("Diagnosis: community-acquired pneumonia.\n\nActions for GP:\n- " + sentence)
    )
    assert action.rule == "dna_discharge"


@pytest.mark.parametrize(
    "sentence",
    [
        "No medication was supplied from the department: please start clopidogrel 75 mg OD.",
        "We have not given any tablets from ED, so please commence bisoprolol 1.25 mg OD.",
    ],
)
def test_a_medicine_to_start_that_the_emergency_department_did_not_supply_is_its_to_supply(sentence: str) -> None:
    action = only_action(ed_letter("Impression: new atrial fibrillation.\n\nPlan:\n1. " + sentence))
    assert (action.category, action.rule) == ("medication", "discharge_medication")


def test_a_further_course_only_if_the_first_fails_is_the_practices_decision() -> None:
    action = only_action(
        ed_letter(
            "Medication supplied: doxycycline 100 mg OD - 7 days (full course).\n\nPlan:\n"
            "- If the cough has not improved by the end of the course, please consider a further 5 days of doxycycline."
        )
    )
    assert (action.category, action.verdict) == ("medication", "appropriate")


def test_the_rest_of_a_short_supply_is_still_the_hospitals() -> None:
    action = only_action(
        ed_letter("Plan:\n- Doxycycline: 2 days supplied; GP please prescribe a further 5 days to complete the course.")
    )
    assert action.rule == "discharge_medication"


def test_b12_loading_injections_the_practice_nurse_gives_are_not_a_short_supply() -> None:
    action = only_action(
        discharge_summary(
            "Actions for GP:\n- Please give the remaining four loading doses of hydroxocobalamin 1 mg, then every "
            "3 months."
        )
    )
    assert action.verdict == "appropriate"


@pytest.mark.parametrize(
    "sentence",
    [
        "Her son asked when the next neurology appointment is; we suggested he ask the GP surgery to find out for him.",
        "She wanted to know the date of her scan and was advised to ring her GP practice to check it.",
    ],
)
def test_a_relative_sent_to_the_practice_for_the_hospitals_appointment_news_is_a_contact_point_breach(
    sentence: str,
) -> None:
    action = only_action(discharge_summary("Diagnosis: Parkinson's disease.\n\nOther information:\n" + sentence))
    assert action.rule == "contact_point"


@pytest.mark.parametrize(
    "sentence",
    [
        "Her daughter rings the surgery every week; please could the practice keep her daughter updated on our plans.",
        "We would be grateful if you could keep the family informed about our care while he is on the ward.",
    ],
)
def test_the_practice_as_messenger_for_the_hospitals_own_plans_is_a_contact_point_breach(sentence: str) -> None:
    action = only_action(clinic_letter(sentence))
    assert (action.category, action.rule) == ("admin", "contact_point")


@pytest.mark.parametrize(
    "sentence",
    [
        "If she has any worries about her recovery after the operation she should make an appointment with her GP.",
        "I have told him that queries about his stoma supplies should go to his GP practice.",
    ],
)
def test_the_patient_sent_to_the_practice_with_the_hospitals_own_aftercare_is_a_contact_point_breach(
    sentence: str,
) -> None:
    action = only_action(discharge_summary("Operation: laparoscopic right hemicolectomy.\n\nFollow-up:\n- " + sentence))
    assert action.rule == "contact_point"


def test_blood_tests_for_the_clinics_next_appointment_are_not_a_referral_to_that_clinic() -> None:
    action = only_action(
        patient_letter(
            "I have asked your GP to arrange a full blood count and thyroid function before your scan, and to send "
            "the results to us for your next heart failure clinic appointment."
        )
    )
    assert (action.category, action.rule) == ("monitoring", "provider_follow_up")


def test_an_urgent_review_by_another_specialty_is_a_referral_the_hospital_should_make() -> None:
    action = only_action(
        clinic_letter("Her right pupil was sluggish today. Please arrange an urgent neurology review this week.")
    )
    assert (action.category, action.rule) == ("referral", "onward_referral")


def test_monitoring_a_childs_growth_on_a_specialist_medicine_before_shared_care_is_agreed_is_the_hospitals() -> None:
    letter = clinic_letter(
        "Plan:\n1. Amir will stay on lisdexamfetamine 30 mg each morning.\n"
        "2. From next month please take over prescribing it; the shared care paperwork will follow.\n"
        "3. I have asked the practice to check Amir's height, weight and blood pressure every six months while he is "
        "on it."
    )
    action = read_letter(letter)[-1]
    assert (action.category, action.rule) == ("monitoring", "shared_care")


# --- advice replies -----------------------------------------------------------------------------------------------

_ADVICE_FORM = (
    "NHS e-Referral Service - Advice and Guidance\nService: Respiratory Medicine - Advice and Guidance\n"
    "Request sent: 02/02/2026 by Dr A Example, Elm Tree Surgery\nResponse sent: 04/02/2026 by Dr C Lung\n\n"
    "Patient: Mr Test PATIENT   NHS Number: 999 000 0001\n\nAdvice given:\nThanks for asking.\n\n"
)


def test_an_advice_form_that_only_says_response_sent_is_still_an_advice_reply() -> None:
    action = only_action(
        _ADVICE_FORM + "- If the cough persists after 8 weeks, please send a routine referral to our chest clinic."
    )
    assert (action.category, action.verdict) == ("referral", "appropriate")


def test_in_an_advice_reply_a_bare_imperative_is_advice_to_the_practice() -> None:
    assert quotes(_ADVICE_FORM + "- Start montelukast 10 mg at night.\n") == ["Start montelukast 10 mg at night."]


def test_a_returned_referral_redirected_now_to_the_trusts_own_triage_service_is_the_trusts_to_pass_on() -> None:
    letter = (
        "Testbury Hospitals NHS Trust\nElective Referral Triage\n\nREFERRAL OUTCOME: NOT ACCEPTED - RETURNED TO "
        "REFERRER\n\nPatient: Mrs Test PATIENT  NHS 999 000 0001\n\nDear Dr Example\n\n"
        "She does not yet meet the criteria for a surgical opinion.\n\n"
        "Please re-refer her to the Testbury MSK Triage Service, which triages all non-urgent hip referrals for our "
        "trust.\n\nYours sincerely\nMr D Hip\n"
    )
    assert only_action(letter).rule == "onward_referral"


def test_a_returned_referral_leaves_re_referring_if_things_change_with_the_practice() -> None:
    letter = (
        "Testbury Mental Health NHS Trust\nSingle Point of Access\n\nREFERRAL OUTCOME: NOT ACCEPTED - RETURNED TO "
        "REFERRER\n\nPatient: Mr Test PATIENT  NHS 999 000 0001\n\nDear Dr Example\n\n"
        "Talking therapies are the right service for now.\n\n"
        "Please re-refer to us if his risk increases or he does not respond to two antidepressants.\n\n"
        "Yours sincerely\nMs E Triage\n"
    )
    assert only_action(letter).verdict == "appropriate"


def test_a_phone_number_to_discuss_the_patient_is_a_courtesy_not_a_request() -> None:
    assert (
        quotes(
            clinic_letter("If you would like to discuss her care, our duty consultant is available on 01632 960 111.")
        )
        == []
    )


# --- finding ------------------------------------------------------------------------------------------------------


def test_one_condition_with_a_change_and_a_recheck_is_one_request() -> None:
    letter = discharge_summary(
        "For the GP:\n1. If the potassium is above 5.5 on that sample, please halve the spironolactone and recheck "
        "the U&E a week later.\n"
    )
    assert len(quotes(letter)) == 1


def test_a_condition_then_a_referral_to_another_service_is_still_two_requests() -> None:
    letter = clinic_letter(
        "If both tests are normal, please consider a trial of peppermint oil and refer to the community dietitian."
    )
    assert len(quotes(letter)) == 2


@pytest.mark.parametrize(
    "sentence",
    [
        "Practice nurse to remove the sutures on day 12 and check the incision.",
        "Please withhold one dose of warfarin and recheck within 48 hours.",
    ],
)
def test_a_task_and_its_own_check_are_one_request(sentence: str) -> None:
    assert len(quotes(discharge_summary("Actions for GP:\n- " + sentence))) == 1


@pytest.mark.parametrize(
    "entry",
    [
        "Once her eGFR is above 45 again, empagliflozin can be restarted at 10 mg OD.",
        "Bisoprolol may be increased to 5 mg if her heart rate stays above 80 and amlodipine stopped then.",
    ],
)
def test_a_medicine_that_may_be_changed_under_the_practices_heading_is_a_request(entry: str) -> None:
    assert quotes(discharge_summary("Actions for GP:\n- " + entry)) == [entry]


def test_a_medicine_that_may_be_changed_outside_the_practices_heading_is_not_asked() -> None:
    letter = discharge_summary("Medication notes:\n- Apixaban can be restarted tomorrow morning; he knows this.")
    assert quotes(letter) == []


def test_a_check_the_line_names_as_the_practices_is_a_request() -> None:
    entry = "GP six-week check for mother and baby, including contraception and mood."
    assert quotes(discharge_summary("Follow-up plan:\n1. Health visitor to visit on day 10.\n2. " + entry)) == [entry]


def test_a_note_to_the_copied_practice_on_the_cc_line_is_read() -> None:
    letter = clinic_letter("We have discharged Ben from the waiting list.") + (
        "\ncc: Dr A Example, Elm Tree Surgery - Ben was referred by the school. Discharged after one missed first "
        "appointment; GP to re-refer if still required.\n"
    )
    found = read_letter(letter)
    assert [a.rule for a in found] == ["dna_discharge"]


def test_the_cc_line_itself_is_not_a_request() -> None:
    letter = clinic_letter("I saw her today and she is well.") + "\ncc: Dr A Example, Elm Tree Surgery, please file\n"
    assert quotes(letter) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Her knee pain limits her walking; a routine physiotherapy referral would be very welcome.",
        "We would also like a vitamin D level taken before her next appointment here.",
        "It would also help if he could be added to your frailty register.",
    ],
)
def test_polite_requests_without_please(sentence: str) -> None:
    assert quotes(clinic_letter(sentence)) == [sentence]


def test_a_patient_welcome_to_be_re_referred_is_not_a_request() -> None:
    letter = clinic_letter("We will not see him again. Should his flow worsen, he would be welcome to be re-referred.")
    assert all("welcome" not in q for q in quotes(letter))


@pytest.mark.parametrize(
    "sentence",
    [
        "Any comments you have on this plan would be very welcome.",
        "We would like the biopsy taken at the same time as the colonoscopy.",
        "We would like a repeat scan done before surgery, which we will arrange.",
    ],
)
def test_what_is_welcome_or_wanted_but_not_asked_of_the_practice_is_not_a_request(sentence: str) -> None:
    assert quotes(clinic_letter(sentence)) == []


# --- letters to the patient ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "We will write to you with the date of your scan; if you have not heard from us within six weeks, please "
        "contact your GP.",
        "Your GP surgery can tell you when your next appointment with us will be.",
    ],
)
def test_a_patient_sent_to_the_practice_for_news_of_the_hospitals_booking_is_a_contact_point_breach(
    sentence: str,
) -> None:
    assert only_action(patient_letter(sentence)).rule == "contact_point"


def test_a_patient_sent_to_the_practice_for_the_rest_of_a_short_supply_is_a_discharge_medication_breach() -> None:
    action = only_action(
        patient_letter(
            "Please collect a prescription for the rest of your antibiotics from your GP tomorrow, as we could only "
            "give you three days."
        )
    )
    assert (action.category, action.rule) == ("medication", "discharge_medication")


def test_a_test_the_patient_is_told_they_need_at_the_practice_is_a_request() -> None:
    action = only_action(
        patient_letter("You will need a blood test at your GP surgery one week after starting the new tablet.")
    )
    assert action.category == "monitoring"


def test_what_the_patient_needs_from_the_hospital_is_not_a_request_of_the_practice() -> None:
    assert quotes(patient_letter("You will need a blood test at the hospital on the morning of your operation.")) == []


# --- telegraphic notes ----------------------------------------------------------------------------------------------


def test_a_sick_note_on_the_practices_line_is_a_fit_note_request() -> None:
    action = only_action(ed_letter("Dx: # R distal radius, MUA in ED.\nGP: sick note 2/52 (works as a plasterer)"))
    assert (action.category, action.rule) == ("fit_note", "fit_note")


def test_a_patient_sent_to_the_gp_re_results_of_the_hospitals_bloods_is_a_results_breach() -> None:
    action = only_action(ed_letter("Pt advised to see GP re: results of bloods taken today."))
    assert (action.category, action.rule) == ("results", "test_results")


def test_a_telegraphic_query_after_a_full_stop_starts_a_new_sentence() -> None:
    found = quotes(ed_letter("Plan: U&E 1/52 at GP. ?Restart ramipril 2.5 mg when Cr <120 - GP to decide."))
    assert found[0] == "Plan: U&E 1/52 at GP."


# --- long narrative dictation (hand-60) ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "A urine culture sent from the ward on Friday is still being processed; please could the GP follow this up and "
        "treat if it grows anything.",
        "Swabs taken from the wound on the day of discharge were still awaiting sensitivities when she left, and we "
        "would be grateful if you could check these and adjust the antibiotic if needed.",
    ],
)
def test_a_sample_still_being_processed_at_discharge_handed_on_in_a_long_sentence_is_its_result(sentence: str) -> None:
    action = only_action(discharge_summary("She was treated for cellulitis and improved. " + sentence))
    assert (action.category, action.rule) == ("results", "test_results")


def test_a_test_whose_result_the_hospital_says_it_does_not_want_back_is_the_practices() -> None:
    action = only_action(
        clinic_letter(
            "A repeat ferritin in three months would be sensible; I am discharging him from clinic, so there is no "
            "need to send the result to us."
        )
    )
    assert (action.category, action.verdict) == ("monitoring", "appropriate")


def test_the_practice_asked_to_look_up_the_hospitals_appointment_date_is_a_contact_point_breach() -> None:
    letter = clinic_letter(
        "He did not know when his next scan is, and if he rings the surgery, perhaps your receptionist could look up "
        "the scan date for him."
    )
    assert only_action(letter).rule == "contact_point"


def test_a_patient_sent_to_the_practice_for_the_fit_note_after_the_hospitals_operation_is_a_fit_note_breach() -> None:
    letter = clinic_letter(
        "He had his hernia repaired on Monday and works as a courier; he asked about a fit note, and I have "
        "suggested he sees you for one covering the next three weeks."
    )
    action = only_action(letter)
    assert (action.category, action.rule) == ("fit_note", "fit_note")


@pytest.mark.parametrize(
    "sentence",
    [
        "It would also help if type 2 diabetes in remission were coded on his record.",
        "I have suggested vitamin D 1,000 units daily; could this be added to his repeat prescription?",
    ],
)
def test_passive_polite_requests_in_dictation(sentence: str) -> None:
    assert len(quotes(clinic_letter(sentence))) == 1


def test_repeat_bloods_that_show_a_result_are_not_a_request() -> None:
    assert quotes(clinic_letter("Repeat bloods today show a sodium of 131 mmol/L, which is stable.")) == []


# --- situational probes --------------------------------------------------------------------------------------------


def test_physiotherapy_arranged_after_the_hospitals_operation_is_its_onward_referral() -> None:
    action = only_action(
        discharge_summary("Operation: left total hip replacement.\n\nPlan:\n- Please arrange outpatient physiotherapy.")
    )
    assert (action.category, action.rule) == ("referral", "onward_referral")


def test_bloods_the_writer_will_review_in_clinic_are_the_hospitals_follow_up() -> None:
    action = only_action(
        clinic_letter(
            "I have asked him to get his bloods done at the surgery in a fortnight and will review them in clinic."
        )
    )
    assert (action.category, action.rule) == ("monitoring", "provider_follow_up")


def test_a_request_to_the_named_gps_practice_nurse_is_a_request() -> None:
    letter = clinic_letter("I excised the cyst today. Could Dr Example's practice nurse remove the sutures on day 10?")
    assert only_action(letter).category == "follow_up"
