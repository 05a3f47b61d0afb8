"""Two requests joined in one sentence, and advice replies about patients the hospital has not seen (reader
version 9). Every wording here is written for the test, not taken from an annotated set."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.engine import read_letter
from joinedup.letters.reader.tests.helpers import clinic_letter, discharge_summary, ed_letter, patient_letter, quotes


@pytest.mark.parametrize(
    ("sentence", "first", "second"),
    [
        (
            "Please could you start ferrous fumarate 210 mg twice daily and refer her to the community dietitian.",
            "ferrous fumarate",
            "refer her to the community dietitian",
        ),
        (
            "I would be grateful if you could increase her sertraline to 100 mg and refer to the local talking "
            "therapies service.",
            "sertraline",
            "refer to the local talking therapies service",
        ),
    ],
)
def test_a_referral_joined_to_another_request_is_a_request_of_its_own(sentence: str, first: str, second: str) -> None:
    found = quotes(clinic_letter(sentence))
    assert len(found) == 2, found
    assert first in found[0] and second not in found[0]
    assert found[1].startswith(second)


def test_a_referral_that_hangs_on_the_request_before_it_stays_one_request() -> None:
    # RULES.md: "repeat the ultrasound in 6 months and re-refer if enlarged" is one request
    found = quotes(
        clinic_letter("Please repeat her thyroid ultrasound in 6 months and refer to us if the nodule grows.")
    )
    assert len(found) == 1


@pytest.mark.parametrize(
    ("sentence", "second"),
    [
        (
            "Could you add heart failure with reduced ejection fraction to his problem list, and review his "
            "diuretic dose in a fortnight.",
            "review his diuretic dose",
        ),
        (
            "Please put Mr Test on the practice's frailty register, and complete an advance care plan with him "
            "when you next visit.",
            "complete an advance care plan",
        ),
        (
            "Please check his potassium 10 days after starting spironolactone, and titrate the spironolactone to "
            "50 mg if the potassium is under 5.",
            None,
        ),
    ],
)
def test_after_a_comma_review_complete_or_titrate_starts_a_request_of_its_own(
    sentence: str, second: str | None
) -> None:
    found = quotes(clinic_letter(sentence))
    if second is None:
        # a step that hangs on an 'if' is the same request's follow-on
        assert len(found) == 1, found
    else:
        assert len(found) == 2, found
        assert found[1].startswith(second)


def test_without_a_comma_review_qualifies_the_request_before_it() -> None:
    found = quotes(clinic_letter("Please switch him to a LAMA/LABA inhaler and review his technique in six weeks."))
    assert len(found) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Please check her ferritin in 8 weeks after the iron infusion.. please also book her 6 week postnatal check.",
        "Pls recheck LFTs in 3/12 as on statin. please also code her NAFLD.",
    ],
)
def test_a_request_typed_in_small_letters_after_a_stop_starts_a_new_sentence(text: str) -> None:
    found = quotes(discharge_summary("GP actions: " + text))
    assert len(found) == 2, found
    assert found[1].lower().startswith("please also")


def test_a_request_in_shorthand_then_one_in_words_after_a_semicolon_are_two() -> None:
    found = quotes(
        clinic_letter(
            "Plan: TFTs in 6 weeks after the dose change; please adjust the levothyroxine to keep TSH in range."
        )
    )
    assert len(found) == 2, found
    assert found[1].startswith("please adjust")


def test_a_semicolon_before_please_that_points_back_keeps_one_request() -> None:
    found = quotes(
        clinic_letter("Plan: U&Es in 1 week after the ramipril increase; please arrange this at the surgery.")
    )
    assert len(found) == 1


@pytest.mark.parametrize(
    ("sentence", "second"),
    [
        (
            "Please could you reduce her bisoprolol to 2.5 mg and the practice nurse could check her pulse in a week.",
            "the practice nurse could check her pulse",
        ),
        (
            "I would be grateful if you could stop the naproxen and your practice pharmacist should review her "
            "analgesia in a month.",
            "your practice pharmacist should review",
        ),
    ],
)
def test_and_the_practice_then_a_new_task_is_a_second_request(sentence: str, second: str) -> None:
    found = quotes(clinic_letter(sentence))
    assert len(found) == 2, found
    assert found[1].startswith(second)


# --- advice replies -----------------------------------------------------------------------------------------------

ADVICE_REPLY = """Testbury Hospitals NHS Trust
Rheumatology - Advice and Guidance response (e-RS)

To: Dr A Example, Elm Tree Surgery
Patient: Mrs Jane Test  NHS 999 000 0001

Thank you for your advice request about Mrs Test's hand pain and raised CRP.

{body}

Dr B Author, Consultant Rheumatologist
"""

RETURNED_REFERRAL = """Testbury Hospitals NHS Trust, Urology
REFERRAL RETURNED WITH ADVICE
To: Dr A Example, Elm Tree Surgery
Patient: Mr Test PATIENT  NHS 999 000 0002

I have not accepted this referral into clinic; his symptoms are most likely from an enlarged prostate.

{body}

Mr C Surgeon, Consultant Urologist
"""


@pytest.mark.parametrize(
    ("letter", "body"),
    [
        (ADVICE_REPLY, "If her anti-CCP comes back positive, please refer her to the early arthritis clinic."),
        (ADVICE_REPLY, "Please re-refer her if the CRP is still above 20 after the course of prednisolone."),
        (RETURNED_REFERRAL, "Should his PSA rise above 6, please refer under the suspected cancer pathway."),
        (RETURNED_REFERRAL, "Please start tamsulosin 400 micrograms daily and refer to the continence nurses."),
    ],
)
def test_a_referral_advised_for_a_patient_the_hospital_has_not_seen_is_the_practices(letter: str, body: str) -> None:
    actions = read_letter(letter.format(body=body))
    assert actions
    assert all(a.verdict == "appropriate" for a in actions), [(a.quote, a.rule) for a in actions]


def test_a_clinic_letter_that_mentions_advice_and_guidance_is_still_judged_as_a_clinic_letter() -> None:
    body = (
        "I saw her in clinic today with an incidental 2 cm adrenal nodule on her CT. Please refer her to "
        "endocrinology. I am happy to be contacted via Advice and Guidance if things change."
    )
    action = read_letter(clinic_letter(body))[0]
    assert action.rule == "onward_referral"


def test_an_advice_reply_about_a_patient_the_hospital_saw_keeps_its_flags() -> None:
    body = (
        "I saw her in the hand clinic last week and have arranged an ultrasound of both wrists. Please chase the "
        "ultrasound result and re-refer her to us if it shows synovitis."
    )
    action = read_letter(ADVICE_REPLY.format(body=body))[0]
    assert action.verdict == "inappropriate"


# --- "and consider" -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Please add epilepsy to his problem list and consider referral to the community epilepsy nurses.",
        "Please offer her a brief alcohol intervention and consider a referral to the drug and alcohol service.",
    ],
)
def test_consider_after_a_task_that_assesses_nothing_is_a_second_request(sentence: str) -> None:
    found = quotes(clinic_letter(sentence))
    assert len(found) == 2, found
    assert found[1].startswith("consider")


@pytest.mark.parametrize(
    "sentence",
    [
        "Please recheck his blood pressure in a month and consider starting amlodipine.",
        "Could you review her asthma control and consider stepping up to a combination inhaler.",
    ],
)
def test_consider_after_a_check_is_what_the_check_may_lead_to(sentence: str) -> None:
    assert len(quotes(clinic_letter(sentence))) == 1


# --- letters to a hospital colleague and the GP ------------------------------------------------------------------

TO_COLLEAGUE_AND_GP = """Testbury Neurosciences Centre
To: Dr R. Okafor, Consultant Neurologist, Otherton General Hospital
and Dr A Example, Elm Tree Surgery
Patient: Mr Test PATIENT  NHS 999 000 0002

Dear Colleagues

{body}

Yours sincerely
Mr D Surgeon, Consultant Neurosurgeon
"""


@pytest.mark.parametrize(
    "body",
    [
        "Dr Okafor - I would be grateful if you could see him in your epilepsy clinic in three months.",
        "Dr Okafor, please repeat his EEG before you see him next.",
        "I would be grateful if Dr Okafor would continue his neurology follow-up locally.",
    ],
)
def test_a_request_to_the_hospital_colleague_the_letter_names_is_not_the_practices(body: str) -> None:
    assert quotes(TO_COLLEAGUE_AND_GP.format(body=body)) == []


def test_a_request_to_the_gp_by_name_in_the_same_letter_is_still_read() -> None:
    body = "Dr Example - please add levetiracetam 500 mg twice daily to his repeat prescription."
    assert len(quotes(TO_COLLEAGUE_AND_GP.format(body=body))) == 1


# --- vaccines -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "As he is starting rituximab he needs a pneumococcal vaccine.",
        "She should also receive the shingles vaccine (Shingrix) if not already given.",
        "He is due his annual influenza vaccination.",
    ],
)
def test_a_vaccine_the_patient_needs_is_asked_of_the_practice(sentence: str) -> None:
    action = read_letter(clinic_letter(sentence))
    assert len(action) == 1
    assert action[0].category == "medication"


@pytest.mark.parametrize(
    "sentence",
    [
        "He should not have live vaccines while on methotrexate.",
        "She needs hepatitis B vaccination, which we will give in the renal unit.",
        "She asked about the flu vaccine; as she is on tacrolimus she should have the inactivated one, and she will "
        "ask at her next appointment with you.",
    ],
)
def test_a_vaccine_the_hospital_gives_forbids_or_leaves_to_the_patient_asks_nothing(sentence: str) -> None:
    assert quotes(clinic_letter(sentence)) == []


def test_a_vaccine_need_then_a_request_for_it_is_one_request() -> None:
    body = "He will need his flu and COVID boosters this autumn. Please arrange for these to be given at the practice."
    assert quotes(clinic_letter(body)) == ["Please arrange for these to be given at the practice."]


# --- a table flattened to single spaces -----------------------------------------------------------------------------


def test_each_row_of_a_flattened_action_table_is_read_with_its_owner() -> None:
    body = (
        "ACTIONS ON DISCHARGE\n"
        "Task By whom When\n"
        "Apixaban 5 mg BD - continue for 6 months; 4 days supplied, please prescribe from 20/03 GP 20/03/2026\n"
        "Recheck potassium 1 week after starting spironolactone GP 11/03/2026\n"
        "Outpatient echo booked Cardiology secretaries Done\n"
        "Add heart failure to the problem list Practice -\n"
        "\nSigned Dr B Author\n"
    )
    actions = read_letter(discharge_summary(body))
    assert [a.quote.split()[0] for a in actions] == ["Apixaban", "Recheck", "Add"]
    assert actions[0].rule == "discharge_medication"


# --- whose job: chasing, questions, a start tomorrow, an incidental tumour ----------------------------------------


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        (
            "She is anxious about the date, so I would be grateful if the surgery could follow it up with our booking "
            "team if she has not heard by March.",
            "contact_point",
        ),
        (
            "If he or his wife have any questions about the new inhalers, please could they be dealt with at the "
            "surgery.",
            "contact_point",
        ),
        (
            "I would be grateful if you could prescribe doxycycline 100 mg once daily for 10 days, to start tomorrow.",
            "outpatient_medication",
        ),
        ("Incidental schwannoma on his MRI - GP to refer to neurosurgery routinely please.", "onward_referral"),
    ],
)
def test_what_the_hospital_owes_in_wordings_it_had_not_met(sentence: str, rule: str) -> None:
    action = read_letter(clinic_letter(sentence))[0]
    assert action.rule == rule, action.reason


@pytest.mark.parametrize(
    ("body", "rule"),
    [
        (
            "Her prolapse symptoms are troublesome. I'd be grateful if you could refer her to our pelvic floor "
            "colleagues for assessment.",
            "onward_referral",
        ),
        (
            "He was discharged after coronary artery bypass grafting last month. Please refer him to the local "
            "cardiac rehabilitation programme.",
            "onward_referral",
        ),
        (
            "His CT confirmed a 6 mm left ureteric stone which has since passed. Please could you refer him to the "
            "dietitian for advice on preventing further stones.",
            "onward_referral",
        ),
        (
            "If she has any queries about her place on the waiting list, her GP will be able to help.",
            "contact_point",
        ),
        (
            "Please recheck his potassium in one week and let the renal team know the result.",
            "provider_follow_up",
        ),
        (
            "Please repeat her serum hCG in 48 hours and phone the result through to the early pregnancy unit.",
            "provider_follow_up",
        ),
        (
            "His pre-operative swab grew MRSA. Please prescribe a decolonisation course before his surgery date.",
            "test_results",
        ),
    ],
)
def test_more_of_what_the_hospital_owes(body: str, rule: str) -> None:
    action = read_letter(clinic_letter(body))[-1]
    assert action.rule == rule, action.reason


def test_a_stop_smoking_referral_after_kidney_stones_is_not_made_related_by_the_stones() -> None:
    body = "His CT confirmed a 6 mm left ureteric stone. He smokes; please refer him to the stop smoking service."
    assert read_letter(clinic_letter(body))[-1].verdict == "appropriate"


@pytest.mark.parametrize(
    "line",
    [
        "Fusidic acid cream TDS to the wound for 7 days - not in stock in the ED pharmacy, GP to prescribe.",
        "Chloramphenicol eye ointment QDS for 5 days: we were unable to supply this tonight, please prescribe.",
    ],
)
def test_a_medicine_the_hospital_could_not_supply_is_its_supply_to_make(line: str) -> None:
    action = read_letter(ed_letter("Plan:\n" + line))[-1]
    assert action.rule == "discharge_medication", action.reason


# --- lines that ask nothing -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Hb 104 day 2.",
        "CRP 38 on day 3.",
        "This letter is confidential. If you have received it in error please notify the sender and delete it.",
        "If found, please return to Testbury Hospitals NHS Trust.",
    ],
)
def test_a_result_with_its_day_or_a_confidentiality_notice_asks_nothing(line: str) -> None:
    assert quotes(discharge_summary("Post-op course:\n" + line)) == []


def test_the_short_heading_of_a_list_is_not_a_request_but_its_entries_are() -> None:
    body = "We would suggest:\n- a trial of mirtazapine 15 mg at night\n- referral to the memory clinic\n"
    found = quotes(clinic_letter(body))
    assert "We would suggest:" not in found
    assert len(found) == 2, found


def test_a_test_with_a_time_to_do_it_is_still_a_request() -> None:
    assert quotes(discharge_summary("GP actions:\nHb in 2 weeks.")) == ["Hb in 2 weeks."]


# --- permission and suggestion ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "If the flushes persist, I would be happy for you to try venlafaxine 37.5 mg twice daily.",
        "Anastrozole can be continued on repeat prescription from the practice.",
        "Her fluid restriction is working and I would also suggest reducing the furosemide to 40 mg each morning.",
        "The MDT suggests GP and family discuss whether to continue the statin.",
    ],
)
def test_permission_and_suggestion_to_the_practice_are_requests(sentence: str) -> None:
    assert len(quotes(clinic_letter(sentence))) == 1


def test_happy_for_the_practice_after_a_comma_and_is_a_request_of_its_own() -> None:
    sentence = (
        "Her omeprazole should continue on repeat from the practice as before, and I am happy for the practice to "
        "continue to prescribe rivaroxaban 20 mg daily while she is on chemotherapy."
    )
    found = quotes(clinic_letter(sentence))
    assert len(found) == 2, found
    assert found[1].startswith("I am happy for the practice")


def test_happy_for_the_patient_to_do_something_asks_nothing_of_the_practice() -> None:
    assert quotes(clinic_letter("I would be happy for her to return to swimming once the wound has healed.")) == []


def test_double_chevrons_open_list_entries_like_bullets() -> None:
    body = "Actions for GP:\n>> FBC in 4 weeks.\n>> HbA1c at 13 weeks postpartum, then annually if normal.\n"
    assert len(quotes(discharge_summary(body))) == 2


# --- scanned and dictated letters --------------------------------------------------------------------------------

SCANNED_TO_THE_GP = """Testbury Hospita1s NHS Trust
Department of Rheumato1ogy

Dr P Okafor                                   Date: 01/10/2026
Riverside Hea1th Centre
Testbury TB1 2AB

C1inic: Dr V Szabo, Consultant Rheumato1ogist - 30/09/2026

Dear Dr {name}

Re: Mrs Jane TEST  NHS No: 999 000 0001

P1ease could you recheck her blood pressure at the surgery in four weeks.

Yours sincere1y
Dr V Szabo
"""


@pytest.mark.parametrize("name", ["Okafor", "0kafor"])
def test_a_scanned_letter_to_the_gp_named_above_the_clinic_line_is_to_the_gp(name: str) -> None:
    # the consultant's clinic line sits between the GP's block and the greeting, and OCR reads O as 0
    assert len(quotes(SCANNED_TO_THE_GP.format(name=name))) == 1


def test_a_letter_to_the_consultant_named_just_above_is_still_to_a_colleague() -> None:
    letter = (
        "Testbury Hospitals NHS Trust\n\nDr A Smith\nConsultant Cardiologist\nOtherton General Hospital\n\n"
        "Dear Dr Smith\n\nRe: Mr Test PATIENT\n\nPlease could you see him in your rapid access chest pain clinic.\n\n"
        "Yours sincerely\nDr B Author\n"
    )
    assert quotes(letter) == []


DICTATED = """Testbury Hospitals NHS Trust
DISCHARGE SUMMARY   dictated   voice recognition software used
GP  Dr A Example  Elm Tree Surgery  1 Elm Road  Testbury
Patient  Mr Test PATIENT   NHS 999 000 0002
Admitted 01/03/2026   Discharged 04/03/2026

dear doctor Example

this 70 year old man was admitted with an exacerbation of heart failure and responded well to intravenous diuretics
his weight fell by 4 kg and he was mobilising on the ward without oxygen
14 days of all new medicines have been supplied from the ward

please check his kidney function and potassium in 1 week as his furosemide has been doubled
i would be grateful if you could increase his bisoprolol to 5 mg in 2 weeks if his heart rate allows
he has not been referred to the heart failure nurses please could you refer him to the community heart failure team

he will be seen in the heart failure clinic in 6 weeks which we will arrange
"""


def test_each_line_of_unpunctuated_dictation_is_read_as_its_own_sentence() -> None:
    found = quotes(DICTATED)
    assert len(found) == 3, found
    assert found[0].startswith("please check his kidney function")
    assert found[1].startswith("i would be grateful")
    assert "refer him to the community heart failure team" in found[2]


def test_questions_about_the_stay_sent_to_the_gp_are_the_hospitals_to_answer() -> None:
    body = "Her daughter has many questions about her hospital stay - told to contact GP for these."
    action = read_letter(discharge_summary("Plan:\n" + body))[0]
    assert action.rule == "contact_point"


def test_two_shorthand_requests_in_one_table_cell_are_two() -> None:
    body = "Action | By whom\nU&E 1/52; restart ramipril 2.5 mg if creatinine < 100 | GP\n"
    assert len(quotes(discharge_summary(body))) == 2


@pytest.mark.parametrize(
    "line",
    [
        "PMH: AF on apixaban (renal function monitored by GP practice), COPD, OA.",
        "DISCHARGE LETTER - dictated via speech recognition, please excuse any errors",
        "OTHERTON GENERAL EMERGENCY DEPARTMENT - ATTENDANCE SUMMARY FOR GP",
    ],
)
def test_history_boilerplate_and_titles_that_name_the_practice_ask_nothing(line: str) -> None:
    assert quotes(ed_letter(line)) == []


def test_an_agent_in_brackets_still_asks_when_it_is_the_plan() -> None:
    assert len(quotes(discharge_summary("Plan:\nU&E 1-2 weeks after the ramipril increase (GP)."))) == 1


def test_completing_a_course_after_a_short_supply_is_the_hospitals_supply() -> None:
    body = "Meds on d/c:\n- Doxycycline 100 mg OD - TTO 2/7 supplied (total 7/7 course). GP to complete course.\n"
    action = read_letter(discharge_summary(body))[0]
    assert action.rule == "discharge_medication", action.reason


# --- from the hands measured blind and then opened (28-37) ---------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "If she has questions about the hospice referral or the syringe driver, please would the practice help her "
        "with these.",
        "If he wants to know when his procedure will be rebooked, your surgery will be able to advise him.",
        "She was unsure whether transport had been booked; I have suggested she ring your surgery, who can chase the "
        "booking with us.",
    ],
)
def test_the_patient_sent_to_the_practice_for_the_hospitals_own_news_is_a_contact_point_breach(body: str) -> None:
    action = read_letter(clinic_letter(body))[0]
    assert action.rule == "contact_point", action.reason


def test_a_referral_to_the_hf_nurses_after_heart_failure_is_the_hospitals() -> None:
    body = "Admitted with decompensated heart failure.\nGP actions:\nPls refer to community HF specialist nurses."
    assert read_letter(discharge_summary(body))[-1].rule == "onward_referral"


def test_prescribing_until_the_shared_care_agreement_is_completed_is_before_shared_care() -> None:
    body = "Please could you prescribe the azathioprine until the dermatology shared care agreement is completed."
    assert read_letter(clinic_letter(body))[0].rule == "shared_care"


@pytest.mark.parametrize(
    "line",
    [
        "Check X-rays show the fracture in a satisfactory position.",
        "Check XR in cast: alignment maintained.",
        "*** Completed by ward nurse - please read with the medical discharge letter ***",
    ],
)
def test_check_films_and_notes_to_read_the_letter_ask_nothing(line: str) -> None:
    assert quotes(discharge_summary(line)) == []


def test_a_request_that_ends_as_above_is_still_a_request() -> None:
    body = "Plan:\nPlease continue to prescribe sertraline and zopiclone as above."
    assert len(quotes(discharge_summary(body))) == 1


def test_a_letter_to_the_patient_sending_them_to_the_gp_for_a_new_medicine_asks_the_practice() -> None:
    action = read_letter(
        patient_letter("Please ask your GP for finasteride 5 mg once a day, starting as soon as possible.")
    )[0]
    assert action.category == "medication"
    assert action.verdict == "inappropriate"


@pytest.mark.parametrize(
    "body",
    [
        "His claudication is from his femoral disease, and he smokes 20 a day. He has agreed to a referral to the "
        "Testbury community stop smoking service and I would be grateful if you could make it.",
        "After his myocardial infarction you may wish to offer him a referral to the local stop smoking service.",
    ],
)
def test_a_stop_smoking_referral_is_the_practices_whatever_the_hospital_treated(body: str) -> None:
    assert all(a.verdict == "appropriate" for a in read_letter(clinic_letter(body)))


def test_an_advice_reply_about_a_patient_under_the_hospitals_care_keeps_its_follow_up_flags() -> None:
    body = (
        "She is well known to us and under the heart failure nurses for titration. Please repeat her U&Es in 1 week "
        "and e-mail the result to the heart failure nurses so that we can decide on her doses before clinic."
    )
    action = read_letter(ADVICE_REPLY.format(body=body))[-1]
    assert action.rule == "provider_follow_up", action.reason
