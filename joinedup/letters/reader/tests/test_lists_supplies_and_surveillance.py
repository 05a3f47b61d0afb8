"""Lists a request introduces, supplies named a line earlier, and the hospital's own surveillance (reader version 8).
Every wording here is written for the test, not taken from an annotated set."""

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


@pytest.mark.parametrize(
    "body",
    [
        "The nurse changed her to a two-piece system today. Please update her prescription:\n"
        "STOP: Esteem one-piece drainable bags, 30 per month\n"
        "START: Esteem flange 50 mm, 10 per month\n"
        "START: Esteem drainable pouches, 30 per month\n",
        "I would be grateful if you could make these changes to his repeat medication:\n"
        "- Stop amlodipine 10 mg once daily\n"
        "- Start lercanidipine 10 mg once daily\n"
        "- Increase bisoprolol to 5 mg once daily\n",
    ],
)
def test_each_entry_of_a_list_the_practice_is_asked_for_is_a_request(body: str) -> None:
    found = quotes(clinic_letter(body + "\nShe knows how to order them.\n"))
    assert len(found) == 3
    assert not any(q.endswith(":") for q in found)


def test_a_line_that_only_points_to_a_list_is_not_a_request_for_it() -> None:
    body = "Please note the following:\n- her echo was normal\n- her BNP was 85\n"
    assert quotes(clinic_letter(body)) == []


@pytest.mark.parametrize(
    "line",
    [
        "Lansoprazole 30 mg OD - given 2 days from ward stock. GP to continue for a further 6 weeks.",
        "Doxycycline 100 mg OD - supplied 4 days' worth. Please prescribe the rest of the course.",
    ],
)
def test_a_continuation_after_a_short_supply_named_just_before_is_the_hospitals_to_supply(line: str) -> None:
    action = only_action(discharge_summary("Discharge medication:\n" + line + "\n"), "discharge_summary")
    assert action.rule == "discharge_medication"


def test_a_continuation_after_a_full_supply_is_the_practices() -> None:
    body = "Discharge medication:\nLansoprazole 30 mg OD - given 14 days from pharmacy. GP to continue for 6 weeks.\n"
    assert only_action(discharge_summary(body), "discharge_summary").verdict == "appropriate"


@pytest.mark.parametrize(
    "sentence",
    [
        "Please continue to prescribe mycophenolate 500 mg BD in line with the shared care agreement.",
        "The shared care agreement for lithium was accepted by your practice in June; please continue it per the "
        "shared care agreement.",
    ],
)
def test_a_specialist_drug_under_a_shared_care_agreement_the_letter_says_exists_is_the_practices(
    sentence: str,
) -> None:
    action = only_action(clinic_letter(sentence + "\n"))
    assert (action.category, action.verdict) == ("specialist_prescribing", "appropriate")


@pytest.mark.parametrize(
    "sentence",
    [
        "She will need a prescription exemption certificate - please sign the FP92A form for her.",
        "He is now on thyroxine for life, so please complete his medical exemption certificate.",
    ],
)
def test_an_exemption_certificate_is_a_form_not_a_fit_note(sentence: str) -> None:
    action = only_action(clinic_letter(sentence + "\n"))
    assert action.category == "admin"
    assert action.verdict == "appropriate"


@pytest.mark.parametrize(
    "line",
    [
        "Plan: pus swab sent from the abscess. GP please chase the swab and switch the antibiotic if it is resistant.",
        "Wound culture taken in ED. Please chase up the culture and treat according to sensitivities.",
    ],
)
def test_chasing_the_hospitals_swab_or_culture_is_its_result(line: str) -> None:
    action = only_action(discharge_summary(line + "\n"), "discharge_summary")
    assert (action.category, action.rule) == ("results", "test_results")


@pytest.mark.parametrize(
    "sentence",
    [
        "Any questions about his operation date should be directed to his GP in the first instance.",
        "Queries regarding the waiting list can be addressed to the patient's own GP practice.",
    ],
)
def test_sending_the_patients_queries_about_hospital_care_to_the_practice_breaks_contact_point(sentence: str) -> None:
    action = only_action(clinic_letter(sentence + "\n"))
    assert action.rule == "contact_point"


def test_queries_sent_to_another_hospital_department_ask_nothing_of_the_practice() -> None:
    body = "Any queries about the scan should be directed to the radiology department on 01999 000 111.\n"
    assert quotes(clinic_letter(body)) == []


@pytest.mark.parametrize(
    "bullet",
    [
        "- Wean out of the air cast boot over the next 3 weeks.",
        "- Wean off the sling from week 4 as comfort allows.",
        "- Stop using the crutches once she can walk without a limp.",
    ],
)
def test_the_patients_own_boot_sling_or_crutches_are_not_a_medicine(bullet: str) -> None:
    assert quotes(clinic_letter("Management:\n" + bullet + "\n")) == []


def test_weaning_a_medicine_in_the_plan_is_still_a_request() -> None:
    body = "Management:\n- Wean the prednisolone by 5 mg each week to stop.\n"
    assert only_action(clinic_letter(body)).category == "medication"


def test_an_instruction_whose_supply_the_hospital_gave_asks_nothing() -> None:
    body = (
        "Plan:\n1. Continue chloramphenicol drops four times a day for two weeks, then stop.\n"
        "   She has a bottle from the ward - no prescription needed.\n"
    )
    assert quotes(clinic_letter(body)) == []


def test_a_test_then_a_re_referral_with_its_result_is_one_request() -> None:
    body = (
        "I would be grateful if you could arrange a repeat ultrasound of the thyroid in 12 months and refer her "
        "back to us with the report.\n"
    )
    action = only_action(clinic_letter(body))
    assert action.rule == "provider_follow_up"


def test_a_noun_after_and_is_not_a_second_request() -> None:
    body = "Wound: please book with the practice nurse for staple removal at day 12 and check of the incision.\n"
    assert len(read_letter(discharge_summary(body), "discharge_summary")) == 1


@pytest.mark.parametrize(
    "line",
    [
        "Forehead sutures: please could these be removed at the surgery on day 5.",
        "Scalp staples - we would be grateful if the practice nurse could remove them at 7 days.",
    ],
)
def test_stitches_named_by_a_label_and_removed_by_pronoun_are_the_hospitals_aftercare(line: str) -> None:
    action = only_action(discharge_summary(line + "\n"), "discharge_summary")
    assert (action.category, action.rule) == ("follow_up", "provider_follow_up")


@pytest.mark.parametrize(
    ("diagnosis", "asked"),
    [
        (
            "Diagnosis: invasive lobular carcinoma, right breast. Her sister had ovarian cancer at 45.",
            "Please refer her to the clinical genetics service for BRCA testing.",
        ),
        (
            "Diagnosis: nodular melanoma, right calf, Breslow 1.6 mm, excised.",
            "Could you refer him to the pigmented lesion clinic for his follow-up skin checks?",
        ),
        (
            "Diagnosis: rheumatoid arthritis. Hydroxychloroquine 200 mg daily started today.",
            "Please refer her to ophthalmology for baseline retinal screening.",
        ),
    ],
)
def test_a_referral_that_follows_from_the_condition_the_hospital_treats_is_its_to_make(
    diagnosis: str, asked: str
) -> None:
    action = only_action(clinic_letter(diagnosis + "\n\n" + asked + "\n"))
    assert action.rule == "onward_referral"


def test_genetics_for_an_unrelated_family_history_is_the_practices() -> None:
    body = (
        "Diagnosis: carpal tunnel syndrome, right hand.\n\n"
        "Quite separately, she mentioned a strong family history of bowel cancer; please refer her to the clinical "
        "genetics service if you feel it is appropriate.\n"
    )
    assert only_action(clinic_letter(body)).verdict == "appropriate"


@pytest.mark.parametrize(
    "line",
    [
        "Any queries about his stay on the ward - patient advised to ring his GP.",
        "His wife has been told to contact their GP with any questions about the care package.",
        "If he has questions about the biopsy result, he can discuss them with his GP.",
    ],
)
def test_the_patient_sent_to_the_practice_with_queries_about_hospital_care_breaks_contact_point(line: str) -> None:
    action = only_action(discharge_summary("Plan:\n- " + line + "\n"), "discharge_summary")
    assert action.rule == "contact_point"


@pytest.mark.parametrize(
    "line",
    [
        "Requested a sick note for 2 weeks (warehouse work) - told to see his GP for this.",
        "Pt wants a fit note for time off work - advised to contact the surgery.",
    ],
)
def test_the_patient_sent_to_the_practice_for_the_hospitals_fit_note_breaks_fit_note(line: str) -> None:
    action = only_action(discharge_summary("Plan:\n" + line + "\n"), "discharge_summary")
    assert (action.category, action.rule) == ("fit_note", "fit_note")


@pytest.mark.parametrize(
    ("line", "category"),
    [
        ("Fit note: Med3 given for 10 days. Further fit notes, if needed, from the practice.", "fit_note"),
        ("Analgesia: 7 days supplied. Further supplies from GP.", "medication"),
    ],
)
def test_a_telegraphic_further_from_the_practice_is_a_request(line: str, category: str) -> None:
    action = only_action(discharge_summary(line + "\n"), "discharge_summary")
    assert action.category == category


@pytest.mark.parametrize(
    "line",
    [
        "Her daughter holds lasting power of attorney for health - please note this in her records.",
        "He has an advance decision refusing transfusion; please note it on his record.",
    ],
)
def test_please_note_this_on_the_record_is_a_request_to_record_it(line: str) -> None:
    assert only_action(clinic_letter(line + "\n")).category == "admin"


def test_please_note_a_finding_is_still_information() -> None:
    assert quotes(clinic_letter("Please note that her potassium was 5.1 on admission.\n")) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Her steroids will push her sugars up - please could she have a diabetes review at the practice with an HbA1c.",
        "Leuprorelin raises his cardiovascular risk, so please keep checking his lipids and BP as part of his annual "
        "diabetes and CKD reviews.",
    ],
)
def test_the_practices_own_long_term_condition_review_stays_the_practices(sentence: str) -> None:
    assert only_action(clinic_letter(sentence + "\n")).verdict == "appropriate"


@pytest.mark.parametrize(
    "sentence",
    [
        "Please could the practice nurse look at the skin graft at her next diabetes review and let us know how it is.",
        "Could the practice nurse check the donor site on his thigh when she changes the dressing next week?",
    ],
)
def test_checking_the_hospitals_graft_is_its_own_follow_up(sentence: str) -> None:
    assert only_action(clinic_letter(sentence + "\n")).rule == "provider_follow_up"


def test_a_medicine_to_stop_later_under_the_practices_heading_is_a_request() -> None:
    body = (
        "Actions for GP:\n"
        "- Please continue his new medicines after the 14 days supplied. Clopidogrel to stop on 01/06/2027; "
        "aspirin to continue lifelong.\n"
    )
    assert len(quotes(discharge_summary(body), "discharge_summary")) == 2


def test_a_medicine_stopped_in_a_findings_sentence_is_not_a_request() -> None:
    body = "Actions for GP:\n- None.\n\nClinical course:\nAmlodipine was stopped on the ward as he was hypotensive.\n"
    assert quotes(discharge_summary(body), "discharge_summary") == []


@pytest.mark.parametrize(
    ("line", "second"),
    [
        ("- GP pls start ramipril 2.5 mg OD -> U&E in 1/52", "U&E in 1/52"),
        ("- pls increase bisoprolol to 5 mg → review HR in 2/52", "review HR in 2/52"),
    ],
)
def test_an_arrow_to_the_next_step_opens_a_second_request(line: str, second: str) -> None:
    found = quotes(clinic_letter("Plan:\n" + line + "\n"))
    assert len(found) == 2
    assert found[1] == second
    assert not found[0].rstrip().endswith(("->", "→"))


def test_an_arrow_in_the_history_is_not_a_request() -> None:
    assert quotes(clinic_letter("History:\n- Chest pain -> admitted via ED in May\n")) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Consider adding ezetimibe if his LDL is still above target.",
        "Please could you make sure she stops the naproxen.",
    ],
)
def test_requests_naming_only_a_medicine_are_about_medication(sentence: str) -> None:
    assert only_action(clinic_letter(sentence + "\n")).category == "medication"


@pytest.mark.parametrize(
    "sentence",
    [
        "Please could you start mirabegron 50 mg daily; I did not give her any today as she wanted to think about it.",
        "I'd be grateful if you would start amitriptyline 10 mg at night - he preferred to discuss it with his wife "
        "before taking a supply from clinic today.",
    ],
)
def test_a_start_the_patient_chose_to_put_off_is_not_urgent(sentence: str) -> None:
    action = only_action(clinic_letter(sentence + "\n"))
    assert (action.category, action.verdict) == ("medication", "appropriate")


@pytest.mark.parametrize(
    "line",
    [
        "Plan: GP to request repeat scaphoid views in 2 weeks if still tender.",
        "Please arrange repeat weight-bearing views of the ankle in 6 weeks.",
    ],
)
def test_repeat_radiographic_views_are_the_hospitals_repeat_imaging(line: str) -> None:
    assert only_action(clinic_letter(line + "\n")).rule == "provider_follow_up"


@pytest.mark.parametrize(
    "sentence",
    [
        "I have sent a thyroid antibody test today - could you chase this please and let her know.",
        "We took a ferritin in clinic; please chase it up.",
        "The echo we arranged will be reported to you; please act on any abnormality.",
    ],
)
def test_chasing_a_test_the_writer_says_it_sent_is_its_result(sentence: str) -> None:
    action = only_action(clinic_letter(sentence + "\n"))
    assert (action.category, action.rule) == ("results", "test_results")


@pytest.mark.parametrize(
    "heading",
    [
        "MDT outcome 02/03/2026: radical prostatectomy; referral to the robotic surgery list",
        "MDT decision: adjuvant chemotherapy; referral to oncology",
    ],
)
def test_the_teams_own_decisions_are_not_requests(heading: str) -> None:
    assert quotes(clinic_letter(heading + "\n\nPlease add prostate cancer to his problem list.\n")) == [
        "Please add prostate cancer to his problem list."
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Recommend wide local excision with 2 cm margins.",
        "We would recommend adjuvant radiotherapy to the breast.",
        "Consider re-excision if the margins are involved.",
    ],
)
def test_recommending_the_hospitals_own_treatment_asks_nothing_of_the_practice(sentence: str) -> None:
    assert quotes(clinic_letter("MDT discussion:\n" + sentence + "\n")) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "He should contact the orthopaedic waiting list office with any queries about his date.",
        "She can ring our admissions team on the number above if she has questions about the date.",
    ],
)
def test_the_patient_told_to_contact_the_hospitals_own_office_asks_nothing_of_the_practice(sentence: str) -> None:
    assert quotes(clinic_letter(sentence + "\n")) == []


def test_the_practice_asked_to_contact_the_booking_team_for_the_patient_breaks_contact_point() -> None:
    sentence = "Please could the surgery contact our booking team to find out the date for her."
    assert only_action(clinic_letter(sentence + "\n")).rule == "contact_point"


@pytest.mark.parametrize(
    "sentence",
    [
        "I have asked him to make an appointment with you to have his stitches removed.",
        "She has been asked to book in with the practice nurse for a dressing change on Friday.",
        "I have advised her to see you in a fortnight for a blood pressure check.",
        "I'd appreciate your help in getting her a routine ENT opinion.",
        "His warfarin will need to be managed by your anticoagulation clinic from now on.",
    ],
)
def test_requests_worded_through_the_patient_or_the_practices_own_services_are_found(sentence: str) -> None:
    assert len(quotes(clinic_letter(sentence + "\n"))) == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "Her implant (Nexplanon, inserted 11/2023 at your practice) could not be felt today.",
        "He appears to have mild COPD, which can be managed in primary care.",
        "He came to see us after his practice nurse found a raised blood pressure.",
    ],
)
def test_what_was_done_or_can_be_done_at_the_practice_is_not_a_request(sentence: str) -> None:
    assert quotes(clinic_letter(sentence + "\n")) == []


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("You will need a fit note from your GP for the next 6 weeks.", "fit_note"),
        ("Please ask your GP to prescribe the rest of your antibiotics.", "discharge_medication"),
    ],
)
def test_a_letter_to_the_patient_that_sends_them_to_the_gp_for_the_hospitals_work(sentence: str, rule: str) -> None:
    action = only_action(patient_letter(sentence))
    assert action.rule == rule


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Pt to see PN d10 for ROS.", "provider_follow_up"),
        ("Advised to book in with the practice nurse on day 12 for clip removal.", "provider_follow_up"),
        ("Sick note 2/52 given. Further from GP.", "fit_note"),
    ],
)
def test_telegraphic_discharge_lines_that_hand_on_the_hospitals_work(line: str, rule: str) -> None:
    action = only_action(discharge_summary("Plan:\n" + line + "\n"), "discharge_summary")
    assert action.rule == rule


@pytest.mark.parametrize(
    "sentence",
    [
        "Her hip wound needs checking at the practice in 5 days.",
        "His laparotomy wound will need looking at by the practice nurse next week.",
    ],
)
def test_a_wound_check_after_the_hospitals_operation_is_its_follow_up(sentence: str) -> None:
    action = only_action(discharge_summary("Plan:\n" + sentence + "\n"), "discharge_summary")
    assert (action.category, action.rule) == ("follow_up", "provider_follow_up")


@pytest.mark.parametrize(
    "sentence",
    [
        "Please provide a fit note for her ongoing low back pain, which is unrelated to her cardiac admission.",
        "We issued a fit note for 2 weeks; if he is not fit to return after that, please extend it.",
    ],
)
def test_a_fit_note_for_another_problem_or_past_the_hospitals_period_is_the_practices(sentence: str) -> None:
    action = only_action(clinic_letter(sentence + "\n"))
    assert (action.category, action.verdict) == ("fit_note", "appropriate")


def test_a_fit_note_for_the_hospitals_operation_is_its_to_issue() -> None:
    sentence = "He will need a fit note for 6 weeks after his hernia repair - please provide one."
    assert only_action(clinic_letter(sentence + "\n")).rule == "fit_note"


def test_a_first_name_greeting_to_the_doctor_named_above_the_clinic_dates_is_to_the_gp() -> None:
    letter = (
        "Testbury Hospitals NHS Trust\nRheumatology\n\nDr Priya Shah\nElm Tree Medical Practice\n1 High Street\n\n"
        "Clinic: 02/03/2026     Typed: 04/03/2026\n\nDear Priya,\n\nRe: Mrs Test PATIENT, NHS No 999 000 0001\n\n"
        "I would be grateful if you could issue her prednisolone today - our pharmacy closed early.\n\n"
        "Best wishes\n\nDr B Author\n"
    )
    action = only_action(letter)
    assert action.rule == "outpatient_medication"


def test_the_practices_own_question_quoted_in_an_advice_reply_asks_nothing() -> None:
    body = (
        "Question from GP:\n78M, breathless, BNP 900. Would you see him?\n\n"
        "Specialist response:\nPlease start furosemide 40 mg each morning and check U&E in a week.\n"
    )
    assert quotes(clinic_letter(body)) == ["Please start furosemide 40 mg each morning and", "check U&E in a week."]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("GP to issue remaining 3 days' supply.", "discharge_medication"),
        ("Needs STR day 7 - practice nurse please.", "provider_follow_up"),
    ],
)
def test_telegraphic_ed_lines(line: str, rule: str) -> None:
    assert only_action(discharge_summary("Plan:\n" + line + "\n"), "discharge_summary").rule == rule


def test_a_repeat_film_that_shows_something_is_a_finding() -> None:
    assert quotes(clinic_letter("Repeat lateral X-ray today shows the fracture has united.\n")) == []


def test_a_telegraphic_hedge_with_no_subject_is_a_request() -> None:
    action = only_action(clinic_letter("If his symptoms persist, could add solifenacin 5 mg.\n"))
    assert (action.category, action.verdict) == ("medication", "appropriate")


@pytest.mark.parametrize(
    "sentence",
    [
        "Please prescribe methylphenidate 10 mg BD - shared care has been agreed with your practice.",
        "Please continue the riluzole - this is covered by the shared care protocol you accepted last year.",
    ],
)
def test_shared_care_the_letter_says_was_agreed_in_other_words(sentence: str) -> None:
    assert only_action(clinic_letter(sentence + "\n")).verdict == "appropriate"


def test_suggesting_the_patient_books_with_the_gp_for_another_problem_asks_the_practice() -> None:
    sentence = "I have suggested to her that she makes an appointment with you to talk about her sleep."
    action = only_action(clinic_letter(sentence + "\n"))
    assert action.verdict == "appropriate"


@pytest.mark.parametrize(
    "line",
    [
        "- LFTs two weeks after starting the statin",
        "- TFTs six weeks after the dose change",
    ],
)
def test_a_test_timed_from_an_event_in_the_plan_is_a_request(line: str) -> None:
    assert only_action(clinic_letter("Plan:\n" + line + "\n")).category == "monitoring"


@pytest.mark.parametrize(
    "sentence",
    ["He is keen to quit - please offer him stop smoking support.", "Please offer her smoking cessation advice."],
)
def test_offering_stop_smoking_support_is_a_referral(sentence: str) -> None:
    action = only_action(clinic_letter(sentence + "\n"))
    assert (action.category, action.verdict) == ("referral", "appropriate")


def test_a_numbered_list_written_on_one_line_is_a_list_of_requests() -> None:
    line = "GP to: (1) stop amlodipine (2) start indapamide 2.5 mg OD (3) BP check 2/52"
    assert quotes(discharge_summary(line + "\n"), "discharge_summary") == [
        "GP to: (1) stop amlodipine",
        "start indapamide 2.5 mg OD",
        "BP check 2/52",
    ]


def test_a_numbered_aside_inside_a_request_is_not_a_second_one() -> None:
    line = "Please check her U&E (2) weeks after the dose change."
    assert len(quotes(clinic_letter(line + "\n"))) == 1


def test_a_dictated_run_on_that_opens_with_thanks_still_holds_its_request() -> None:
    sentence = (
        "Thank you for asking me to see Mrs Test, whom I met in clinic today with her daughter, and who has had "
        "three chest infections since the spring, one of them needing a short admission, and who now finds the "
        "stairs hard, so given how limited she is I think she should step up her treatment and I would be grateful "
        "if you could start her on a combination inhaler from today, stopping the old one."
    )
    action = only_action(clinic_letter(sentence + "\n"))
    assert action.quote.startswith("I would be grateful")
    assert (action.category, action.rule) == ("medication", "outpatient_medication")


def test_a_condition_that_something_is_not_needed_does_not_cancel_the_request() -> None:
    found = quotes(clinic_letter("GP pls: review analgesia at 1/52, stop the codeine if not needed.\n"))
    assert found and found[0].startswith("GP pls: review analgesia")


@pytest.mark.parametrize("line", ["- Nil else for GP", "- Nothing further for the practice"])
def test_nothing_else_for_the_practice_asks_nothing(line: str) -> None:
    assert quotes(clinic_letter("Plan:\n" + line + "\n")) == []


def test_a_forms_tick_instruction_is_not_a_request() -> None:
    assert quotes(clinic_letter("Falls Clinic - OUTCOME FORM (please tick)\n")) == []


@pytest.mark.parametrize(
    "line",
    [
        "- Any wound concerns, patient advised to contact her GP",
        "- Stoma problems: he has been told to ring his GP surgery",
    ],
)
def test_sending_the_patient_to_the_practice_with_problems_from_the_operation_breaks_contact_point(line: str) -> None:
    assert only_action(discharge_summary("Plan:\n" + line + "\n"), "discharge_summary").rule == "contact_point"


def test_a_five_day_supply_then_the_rest_from_the_practice_is_a_short_supply() -> None:
    line = "He has been given a 5-day supply of prednisolone; please prescribe a reducing course thereafter."
    assert only_action(discharge_summary(line + "\n"), "discharge_summary").rule == "discharge_medication"


def test_a_need_the_hospital_says_it_will_arrange_asks_nothing() -> None:
    line = "She requires a repeat echocardiogram in 6 months, which we will arrange."
    assert quotes(discharge_summary("Plan:\n" + line + "\n"), "discharge_summary") == []


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Advised to see GP in 1 week for BP recheck.", None),
        (
            "X-ray reported by radiology after discharge; any abnormality will be communicated to the GP for action.",
            "test_results",
        ),
    ],
)
def test_emergency_department_lines_that_hand_the_practice_a_task(line: str, rule: str | None) -> None:
    assert only_action(ed_letter(line), "ed_letter").rule == rule


def test_an_advice_reply_to_the_requesting_clinician_is_to_the_gp() -> None:
    letter = (
        "e-Referral Service - Advice and Guidance Response\nProvider: Testbury Hospitals NHS Trust - Cardiology\n\n"
        "Patient: Mrs Test PATIENT   NHS Number 999 000 0001\nRequesting clinician: Dr Asha Pillai\n\n"
        "Response from Dr B Author, Consultant Cardiologist:\n\nDear Dr Pillai,\n\n"
        "I would suggest starting apixaban 5 mg twice daily.\n\n"
        "Please do get back in touch through A&G if there is anything further.\n\nKind regards\n"
    )
    assert quotes(letter) == ["I would suggest starting apixaban 5 mg twice daily."]


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Please could you let Mr Test and his wife know the result when it reaches you.", "test_results"),
        (
            "For any concerns about her wound before the clinic review she has been advised to see her GP.",
            "contact_point",
        ),
    ],
)
def test_results_and_wound_concerns_passed_to_the_practice(sentence: str, rule: str) -> None:
    assert only_action(clinic_letter(sentence + "\n")).rule == rule


def test_a_vaccine_the_ward_did_not_give_is_not_a_short_supply() -> None:
    line = "Please offer MMR vaccination at the practice (not given on the ward)."
    assert only_action(discharge_summary(line + "\n"), "discharge_summary").verdict == "appropriate"


@pytest.mark.parametrize(
    "line",
    [
        "Check X-ray today shows maintained position.",
        "I note the ED letter asked you to arrange a repeat X-ray; please disregard this, as the MRI supersedes it.",
    ],
)
def test_a_finding_or_a_request_withdrawn_asks_nothing(line: str) -> None:
    assert quotes(clinic_letter(line + "\n")) == []


def test_speech_recognitions_you_and_ease_is_a_blood_test() -> None:
    sentence = "Please check his you and ease and potassium about two weeks after each dose change."
    assert only_action(clinic_letter(sentence + "\n")).category == "monitoring"


def test_a_block_pasted_twice_asks_once() -> None:
    block = "GP to:\n- Clips to be removed by practice nurse at day 10\n- please check wound at same time\n"
    assert len(quotes(discharge_summary(block + "\nSigned Dr X\n\n" + block), "discharge_summary")) == 2


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Sputum cx - GP to chase & treat if resistant organism", "test_results"),
        (
            "Enoxaparin 40 mg SC OD - 3 days supplied, GP to prescribe the rest of the 4 week course.",
            "discharge_medication",
        ),
        (
            "I have told her the GP surgery will be able to chase the appointment for her if she hears nothing.",
            "contact_point",
        ),
    ],
)
def test_more_ways_of_handing_over_the_hospitals_work(line: str, rule: str) -> None:
    assert only_action(discharge_summary(line + "\n"), "discharge_summary").rule == rule


@pytest.mark.parametrize(
    "sentence",
    [
        "The practice nurse could check his blood pressure in 4 weeks.",
        "Her cognition should be reassessed in about 3 months, once the delirium has cleared.",
    ],
)
def test_a_request_with_the_practice_as_a_possible_agent_or_no_agent_is_found(sentence: str) -> None:
    assert len(quotes(clinic_letter(sentence + "\n"))) == 1


def test_a_threshold_then_please_without_a_comma_is_a_second_request() -> None:
    sentence = (
        "Could you please arrange his PSA every 3 months and send us the results, and if it rises above 10 please "
        "re-refer him to us urgently."
    )
    assert len(quotes(clinic_letter(sentence + "\n"))) == 2
