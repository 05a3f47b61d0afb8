"""Whose job a request is by default, and the forms that carry it (issue 18, reader version 6).

Each wording here is new: none is in the shared letters or the sets used to tune the reader.
- A result is the hospital's to act on and tell unless the letter says the practice took or asked for the test.
- A referral to a clinic of the very specialty that wrote the letter stays inside the hospital, unless it is asked
  for only if something changes or left to the GP's judgement.
- Letters to the patient send the practice the hospital's work in new ways: "ask your GP for the results",
  "collect the prescription from your GP"; in a letter to a child's parents "her" is the child, not the GP's patient.
- Checklists, boxed summaries and a practice column in a medicines table are read as the lists they are.
"""

from __future__ import annotations

import pytest

from joinedup.letters.reader.engine import read_letter

from .helpers import clinic_letter, discharge_summary, only_action


@pytest.mark.parametrize(
    "text",
    [
        clinic_letter("Bone profile and myeloma screen sent today. GP to chase and action."),
        clinic_letter("A wound swab was taken in clinic. Please review the swab result and treat if needed."),
        discharge_summary("Blood cultures x2 still awaited. Please check the cultures and adjust the antibiotics."),
    ],
)
def test_a_result_is_the_hospitals_by_default(text: str) -> None:
    action = only_action(text)
    assert (action.category, action.rule) == ("results", "test_results")


@pytest.mark.parametrize(
    "text",
    [
        clinic_letter(
            "The urine culture you sent last week showed a resistant organism; please review her antibiotic in light "
            "of the result."
        ),
        clinic_letter(
            "The thyroid tests your practice took before referral were abnormal. "
            "I would be grateful if you could follow up the TSH result with him."
        ),
    ],
)
def test_a_result_of_the_practices_own_test_stays_with_the_practice(text: str) -> None:
    action = only_action(text)
    assert action.category == "results" and action.rule is None


def test_the_hospitals_own_test_said_last_outweighs_the_practices_said_before() -> None:
    action = only_action(
        clinic_letter(
            "The B12 you checked was low. I have also requested nerve conduction studies and I would be grateful "
            "if you could look out for these results and let her know what they show."
        )
    )
    assert action.rule == "test_results"


OWN_SPECIALTY_LETTER = """Fernhill Independent Treatment Centre
Ophthalmology (Cataract Service)

Dr A Example
Elm Tree Surgery

Dear Dr Example

Re: Mr Test PATIENT, NHS No 999 000 0001

{body}

Yours sincerely
Mr C Surgeon
"""


@pytest.mark.parametrize(
    "body",
    [
        "His left eye pressure was 27. Please could you refer him to the glaucoma clinic.",
        "We noticed early changes at the macula; please refer her to the medical retina service.",
        "I would be grateful if you would refer him to the hospital eye service for the other eye.",
    ],
)
def test_a_referral_to_a_clinic_of_the_writing_specialty_is_the_hospitals(body: str) -> None:
    action = only_action(OWN_SPECIALTY_LETTER.format(body=body))
    assert action.rule == "onward_referral"


@pytest.mark.parametrize(
    "body",
    [
        "If the pressure is raised at his optician check, please refer him to the glaucoma clinic.",
        "You may wish to refer her to the eye clinic as you think best.",
        "Quite separately, her knee is painful; please refer her to the orthopaedic clinic.",
    ],
)
def test_a_referral_on_a_condition_or_to_another_specialty_stays_with_the_gp(body: str) -> None:
    action = only_action(OWN_SPECIALTY_LETTER.format(body=body))
    assert action.rule is None


PATIENT_LETTER = """Testbury Hospitals NHS Trust
Children's Outpatients

Dear {dear},

Re: Amy TEST, NHS number 999 000 0003

{body}

With best wishes,
Dr D Paediatrician

cc: Dr R. Penhallow, Elm Tree Surgery, Testbury
"""


@pytest.mark.parametrize(
    "body",
    [
        "I took some blood tests today. Please ask Dr Penhallow for the results in a fortnight.",
        "The swab results will go to your surgery, so please contact your GP surgery about the results next week.",
    ],
)
def test_sending_the_family_to_the_gp_for_the_hospitals_results_breaks_test_results(body: str) -> None:
    action = only_action(PATIENT_LETTER.format(dear="Mrs Test", body=body))
    assert (action.category, action.rule) == ("results", "test_results")


def test_a_doctor_named_for_results_who_is_not_the_gp_is_not_the_practice() -> None:
    body = "I took some blood tests today. Please ask Dr Trewhella's secretary for the results in a fortnight."
    assert read_letter(PATIENT_LETTER.format(dear="Mrs Test", body=body)) == []


@pytest.mark.parametrize(
    "body",
    [
        "I have written a prescription for an inhaler; please collect it from your GP today so she can start it.",
        "Please pick up the new antibiotics from your GP surgery today, so that she can start them straight away.",
    ],
)
def test_collecting_the_clinics_prescription_from_the_gp_is_outpatient_medication(body: str) -> None:
    action = only_action(PATIENT_LETTER.format(dear="Mr and Mrs Test", body=body))
    assert (action.category, action.rule) == ("medication", "outpatient_medication")


@pytest.mark.parametrize(
    "body",
    [
        "Please keep giving her the brown inhaler twice a day and bring her back if she is worse.",
        "Please carry on with his reflux medicine and keep a diary of his symptoms.",
    ],
)
def test_in_a_letter_to_parents_the_third_person_is_their_child(body: str) -> None:
    assert read_letter(PATIENT_LETTER.format(dear="Mr and Mrs Test", body=body)) == []


def test_a_checklist_is_a_list_and_its_owner_labels_say_who_acts() -> None:
    actions = read_letter(
        discharge_summary(
            "Actions:\n[x] Urine culture pending - please review and treat if needed\n"
            "[x] Please code the hip fracture on her record\n[ ] Ward: book the wound clinic in 2 weeks\n"
            "[ ] GP: increase the bisoprolol to 5 mg\n"
        )
    )
    assert [a.category for a in actions] == ["results", "admin", "medication"]


def test_a_box_drawn_round_a_summary_holds_lines_not_a_table() -> None:
    actions = read_letter(
        discharge_summary(
            "+--------------------------------------+\n"
            "| SUMMARY FOR GP                       |\n"
            "| - Pneumonia, treated                 |\n"
            "| - GP please: U&E in 2 weeks          |\n"
            "+--------------------------------------+\n"
        )
    )
    assert [a.quote for a in actions] == ["GP please: U&E in 2 weeks"]


def test_a_practice_column_in_a_medicines_table_says_what_is_asked() -> None:
    actions = read_letter(
        discharge_summary(
            "| Drug | Change | Action for practice |\n"
            "| Indapamide 2.5 mg OD | STOPPED | Take off repeats |\n"
            "| Furosemide 40 mg OM | reduced to 20 mg OM | U&E in 1 week |\n"
            "| Sertraline 50 mg OD | unchanged | Nil |\n"
        )
    )
    assert [a.category for a in actions] == ["medication", "monitoring"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Until the agreement is signed the GP is asked not to prescribe the mycophenolate.",
        "Monthly bloods are done by our team - please do not duplicate.",
        "The practice is kindly requested not to restart the aspirin.",
    ],
)
def test_being_asked_not_to_do_something_is_not_a_request(sentence: str) -> None:
    assert read_letter(clinic_letter(sentence)) == []


@pytest.mark.parametrize(
    "text",
    [
        discharge_summary("Off work (plasterer) - GP for fit note."),
        discharge_summary("Signed off by us for 3 days only; → GP for sick note thereafter."),
    ],
)
def test_gp_for_a_fit_note_in_shorthand_is_a_fit_note_request(text: str) -> None:
    action = only_action(text)
    assert (action.category, action.rule) == ("fit_note", "fit_note")


def test_extending_the_hospitals_note_if_still_unfit_is_the_gps() -> None:
    action = only_action(
        discharge_summary("Fit note issued for 2 weeks. If he is still unfit after that, GP to extend as needed.")
    )
    assert (action.category, action.rule) == ("fit_note", None)


def test_contacting_the_hospitals_office_on_the_patients_behalf_breaks_contact_point() -> None:
    action = only_action(
        clinic_letter(
            "If he has questions about his date, please could your reception team ring our bookings office "
            "on his behalf."
        )
    )
    assert action.rule == "contact_point"


@pytest.mark.parametrize(
    "sentence",
    [
        "He struggles with capsules; could his medicines be switched to liquids where possible?",
        "Her swallow is unsafe for tablets; could her medications be reviewed for dispersible forms?",
    ],
)
def test_a_passive_question_to_the_gp_is_a_request(sentence: str) -> None:
    assert only_action(clinic_letter(sentence)).category == "medication"


def test_continuing_a_specialist_drug_as_before_is_the_practices_existing_prescribing() -> None:
    action = only_action(
        clinic_letter("The GP may wish to continue hydroxychloroquine on repeat prescription as before.")
    )
    assert (action.category, action.rule) == ("medication", None)


def test_starting_a_specialist_drug_and_its_monitoring_is_specialist_prescribing() -> None:
    action = only_action(
        clinic_letter("GP to start ciclosporin 100 mg BD and monitor BP and U&E monthly, shared care to follow.")
    )
    assert (action.category, action.rule) == ("specialist_prescribing", "shared_care")


@pytest.mark.parametrize(
    "line",
    [
        "GP actions: wound check at surgery d10; fit note 4/52 (labourer); pls chase plastics appt if none in 2/52.",
        "For GP: sutures out day 7-10 at practice; sick note 2/52; chase the hand clinic date if not heard in 1/52.",
    ],
)
def test_a_line_labelled_as_the_practices_is_a_list_of_requests(line: str) -> None:
    actions = read_letter(discharge_summary(line))
    assert [a.category for a in actions] == ["follow_up", "fit_note", "admin"]
    assert [a.rule for a in actions] == ["provider_follow_up", "fit_note", "contact_point"]


PATIENT_CLINIC_LETTER = """Testbury Hospitals NHS Trust
Orthopaedic Outpatients

Mrs Jane Test
1 Any Road

Dear Mrs Test,

Re: NHS number 999 000 0001

{body}

Yours sincerely,
Mr A Surgeon

cc: Dr P. Hartley, Elm Tree Surgery
"""


@pytest.mark.parametrize(
    ("body", "category", "rule"),
    [
        (
            "Your clips will need to be removed in 12 days; please book this with the practice nurse.",
            "follow_up",
            "provider_follow_up",
        ),
        (
            "Please see your practice nurse in five days so that she can look at the wound.",
            "follow_up",
            "provider_follow_up",
        ),
        (
            "Please have the blood test at your GP surgery next week and we will look at the results in clinic.",
            "monitoring",
            "provider_follow_up",
        ),
        (
            "Please ask your GP for the rest of the steroid course, as we have only given you 2 days.",
            "medication",
            "discharge_medication",
        ),
        ("Your GP surgery will ring you with the results of the MRI.", "results", "test_results"),
        (
            "Please contact your GP surgery for a repeat prescription when the 4 weeks we supplied run out.",
            "medication",
            None,
        ),
    ],
)
def test_letters_to_the_patient_that_hand_the_practice_a_task(body: str, category: str, rule: str | None) -> None:
    action = only_action(PATIENT_CLINIC_LETTER.format(body=body))
    assert (action.category, action.rule) == (category, rule)


def test_seeing_the_gp_only_if_things_do_not_settle_is_a_safety_net() -> None:
    body = "Please see your GP in a week for a check if the swelling has not settled."
    assert read_letter(PATIENT_CLINIC_LETTER.format(body=body)) == []


@pytest.mark.parametrize(
    ("sentence", "category", "rule"),
    [
        (
            "I biopsied the ulcer today; please could you tell him the outcome once the report reaches you.",
            "results",
            "test_results",
        ),
        (
            "His clinic bloods are not back yet; I would be grateful if you could keep an eye out for them.",
            "results",
            "test_results",
        ),
        (
            "We started edoxaban on the ward; please issue a prescription from Thursday as we only supplied three days.",
            "medication",
            "discharge_medication",
        ),
        (
            "Teriparatide is due to continue; we would be grateful if the practice could administer it.",
            "specialist_prescribing",
            "shared_care",
        ),
        ("She wanted to know her surgery date, so I suggested she contact you.", "admin", "contact_point"),
        ("He has several questions about the anaesthetic, which I am sure you could answer.", "admin", "contact_point"),
        ("Please could you chase the outpatient colonoscopy that we requested.", "admin", "contact_point"),
    ],
)
def test_the_hospitals_own_work_handed_over_in_new_words(sentence: str, category: str, rule: str) -> None:
    action = only_action(clinic_letter(sentence))
    assert (action.category, action.rule) == (category, rule)


@pytest.mark.parametrize(
    "body",
    ["Pending: CRP and blood cultures. GP to follow up.", "Wound swab sent from the ward. Please action."],
)
def test_a_bare_follow_up_after_the_hospitals_pending_tests_is_a_result(body: str) -> None:
    action = only_action(discharge_summary(body))
    assert (action.category, action.rule) == ("results", "test_results")


def test_recheck_weekly_after_a_restart_is_one_request() -> None:
    actions = read_letter(
        discharge_summary("Lithium withheld; please restart at 400 mg once the level is below 1.0 and recheck weekly.")
    )
    assert len(actions) == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "His echo showed severe aortic stenosis; please refer him to cardiology.",
        "She was found to have a platelet count of 900; I would be grateful if you could refer her to haematology.",
        "On examination I noted a firm 2 cm thyroid nodule; could you refer her to the thyroid surgeons?",
    ],
)
def test_a_referral_for_what_the_hospitals_own_test_found_is_its_to_make(sentence: str) -> None:
    assert only_action(clinic_letter(sentence)).rule == "onward_referral"


@pytest.mark.parametrize(
    "sentence",
    [
        "She mentioned a painful bunion; please refer her to podiatry.",
        "His ECG showed sinus rhythm only. Please refer him to the stop smoking service.",
        "Her bloods showed a raised HbA1c of 58; please refer her to the structured education programme.",
        "The scan showed a small hiatus hernia, unrelated to today's problem; refer to gastroenterology if you wish.",
    ],
)
def test_a_referral_for_a_complaint_the_patient_raised_or_a_lifestyle_service_is_the_gps(sentence: str) -> None:
    assert only_action(clinic_letter(sentence)).rule is None


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Could the practice arrange his 6-week post-operative check, as our clinic is full?", "provider_follow_up"),
        (
            "Her urinary catheter will need to be removed in 5 days, which the practice nurse could do.",
            "provider_follow_up",
        ),
        ("He did not attend today; he has been discharged and you may re-refer if needed.", "dna_discharge"),
    ],
)
def test_the_hospitals_own_follow_up_in_new_words(sentence: str, rule: str) -> None:
    assert only_action(clinic_letter(sentence)).rule == rule


def test_a_blood_test_to_confirm_a_kidney_injury_settled_is_ordinary_monitoring() -> None:
    action = only_action(discharge_summary("Please repeat U&E in 1 week to confirm the AKI has settled."))
    assert (action.category, action.rule) == ("monitoring", None)


RESPIRATORY_DISCHARGE = """Testbury Hospitals NHS Trust
DISCHARGE SUMMARY
Patient: Mrs Jane Test  NHS 999 000 0002
Diagnosis: {diagnosis}

Plan:
- {request}
"""


@pytest.mark.parametrize(
    ("diagnosis", "asked", "rule"),
    [
        ("acute asthma, poorly controlled", "Please refer her to the asthma nurse specialist.", "onward_referral"),
        ("alcohol withdrawal seizures", "GP to refer to the community alcohol service.", "onward_referral"),
        ("alcohol withdrawal seizures", "? refer to the community alcohol team - he is keen", None),
    ],
)
def test_a_service_that_follows_from_what_the_admission_treated(diagnosis: str, asked: str, rule: str | None) -> None:
    action = only_action(RESPIRATORY_DISCHARGE.format(diagnosis=diagnosis, request=asked))
    assert action.rule == rule


@pytest.mark.parametrize(
    ("sentence", "category", "rule"),
    [
        (
            "I have told her she can get a fit note from you for the fortnight after the hysteroscopy.",
            "fit_note",
            "fit_note",
        ),
        ("Please could you let him know that his surgery has been booked for 12 May.", "admin", "contact_point"),
        ("Would you tell her that her outpatient appointment has been postponed?", "admin", "contact_point"),
        ("Please let her know we have listed her for the procedure.", "admin", "contact_point"),
        ("Could you go through the CT findings with him, as we could not reach him?", "results", "test_results"),
        ("Please tell him the reassuring news that his biopsy was benign.", "results", "test_results"),
        (
            "Enoxaparin for 28 days after surgery - first 3 days given, GP to supply the rest.",
            "medication",
            "discharge_medication",
        ),
    ],
)
def test_the_practice_as_the_hospitals_messenger_or_supplier(sentence: str, category: str, rule: str) -> None:
    action = only_action(clinic_letter(sentence))
    assert (action.category, action.rule) == (category, rule)


@pytest.mark.parametrize(
    ("line", "category", "rule"),
    [
        ("F/U: practice nurse 10/7 wound check + ROS", "follow_up", "provider_follow_up"),
        ("Plan: GP in 2 weeks for BP check", "monitoring", None),
        ("OPA 8/52 in the chest clinic. CXR beforehand (GP to request).", "investigation", "provider_follow_up"),
    ],
)
def test_telegraphic_lines_that_name_the_practice_first(line: str, category: str, rule: str | None) -> None:
    action = only_action(discharge_summary(line))
    assert (action.category, action.rule) == (category, rule)


def test_a_line_saying_what_the_gp_did_is_not_a_request() -> None:
    assert read_letter(discharge_summary("GP 2 weeks ago started amlodipine.")) == []


ED_LETTER = """Testbury Hospitals NHS Trust
Emergency Department attendance summary
Patient: Mr Test PATIENT  NHS 999 000 0004
GP: Dr A Example, Elm Tree Surgery

Diagnosis: {diagnosis}
Plan: {plan}
"""


@pytest.mark.parametrize(
    ("diagnosis", "plan", "category", "rule"),
    [
        ("minor head injury, CT normal", "GP to review him in 48 hours.", "follow_up", "provider_follow_up"),
        (
            "cellulitis of the shin",
            "Please see her in 2 days to check the redness is receding.",
            "follow_up",
            "provider_follow_up",
        ),
        ("angioedema after ramipril", "Please refer her to the immunology clinic.", "referral", "onward_referral"),
        ("deliberate overdose, medically fit", "GP to follow up his mood in one week.", "follow_up", None),
        (
            "asthma exacerbation",
            "Please review in surgery in 2 weeks and consider stepping up treatment.",
            "follow_up",
            None,
        ),
    ],
)
def test_emergency_department_plans(diagnosis: str, plan: str, category: str, rule: str | None) -> None:
    action = only_action(ED_LETTER.format(diagnosis=diagnosis, plan=plan))
    assert (action.category, action.rule) == (category, rule)


def test_recording_a_red_drug_and_checking_its_bloods_are_two_requests() -> None:
    actions = read_letter(
        clinic_letter(
            "We have started clozapine; the practice will need to add this to her medication list and check FBC weekly."
        )
    )
    assert [(a.category, a.rule) for a in actions] == [("admin", None), ("monitoring", "shared_care")]


def test_a_blood_test_after_a_specialist_drug_was_stopped_is_ordinary_monitoring() -> None:
    action = only_action(clinic_letter("Leflunomide was stopped last year. Please check her FBC in 3 months."))
    assert action.rule is None


def test_clinical_correlation_asks_for_nothing_of_its_own() -> None:
    action = only_action(
        clinic_letter("Suggest clinical correlation and repeat imaging in 8 weeks to ensure resolution.")
    )
    assert action.quote.startswith("repeat imaging") and action.rule == "provider_follow_up"


def test_a_part_of_a_practice_list_that_asks_nothing_is_left_out() -> None:
    actions = read_letter(discharge_summary("GP actions: no need to repeat the CXR; please add COPD to his problems."))
    assert [a.category for a in actions] == ["admin"]


def test_advice_labelled_lines_are_not_split_as_a_practice_list() -> None:
    actions = read_letter(
        clinic_letter(
            "Advice: this does not need a clinic appointment; I suggest you start a PPI and test for H. pylori."
        )
    )
    assert len(actions) == 1 and actions[0].quote.startswith("Advice: this does not need")


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        (
            "I injected her knee with steroid today; please see her in 6 weeks to judge whether it has helped.",
            "provider_follow_up",
        ),
        ("Please review her response to the radiofrequency denervation in two months.", "provider_follow_up"),
        ("I have started a trial of nortriptyline; please review the response in 4 weeks and titrate.", None),
    ],
)
def test_judging_the_outcome_of_the_hospitals_own_procedure_is_its_follow_up(sentence: str, rule: str | None) -> None:
    assert only_action(clinic_letter(sentence)).rule == rule


@pytest.mark.parametrize(
    ("line", "category", "rule"),
    [
        ("GP pls: if no letter from the hand clinic within 10 days, chase on her behalf.", "admin", "contact_point"),
        (
            "Weight and U&E at surgery in 1/52 pls - results to be forwarded to the HF nurses.",
            "monitoring",
            "provider_follow_up",
        ),
        ("? GP r/v BP in 2/52 and restart ramipril if SBP > 130.", "monitoring", None),
        (
            "Continue lithium 600mg ON and check level weekly until stable - shared care paperwork to follow.",
            "specialist_prescribing",
            "shared_care",
        ),
        ("GP pls re-refer to the diabetic eye screening programme.", "referral", None),
    ],
)
def test_telegraphic_ward_lines_by_a_new_hand(line: str, category: str, rule: str | None) -> None:
    action = only_action(discharge_summary(line))
    assert (action.category, action.rule) == (category, rule)


def test_a_sentence_starting_egfr_on_a_new_line_is_its_own_request() -> None:
    actions = read_letter(
        discharge_summary(
            "Wound swab sent - GP pls chase result + treat if positive.\neGFR 49 - GP pls repeat U&E in 3/12."
        )
    )
    assert [a.category for a in actions] == ["results", "monitoring"]


def test_chasing_the_hospitals_scan_result_and_referring_back_is_a_result() -> None:
    action = only_action(
        clinic_letter(
            "I have requested a CT urogram. I would be grateful if you could chase the CT result and refer back if abnormal."
        )
    )
    assert (action.category, action.rule) == ("results", "test_results")


def test_an_incidental_mass_on_the_hospitals_imaging_is_its_to_refer_even_if_unrelated() -> None:
    action = only_action(
        clinic_letter(
            "His CT showed an incidental 1.8 cm pancreatic cyst. This is unrelated to his gallstones; GP to refer to "
            "the hepatobiliary team."
        )
    )
    assert action.rule == "onward_referral"


def test_thanks_for_what_the_practice_did_is_not_a_request() -> None:
    text = clinic_letter(
        "I am grateful to your practice for taking over her azathioprine under the shared care protocol."
    )
    assert read_letter(text) == []


def test_a_need_and_the_request_for_it_in_the_next_sentence_are_one_request() -> None:
    actions = read_letter(
        clinic_letter(
            "She would benefit from a course of hydrotherapy for her hip. Please could you refer her for hydrotherapy."
        )
    )
    assert [a.quote for a in actions] == ["Please could you refer her for hydrotherapy."]


def test_checking_eye_pressures_is_monitoring() -> None:
    action = only_action(clinic_letter("I would be grateful if you could check her intraocular pressures in 3 months."))
    assert action.category == "monitoring"


def test_the_epilepsy_specialist_nurse_service_is_neurologys_own() -> None:
    text = (
        "Regional Neurosciences - First Seizure Clinic\n\nDr A Example\nElm Tree Surgery\n\nDear Dr Example\n\n"
        "Could you also refer her to the epilepsy specialist nurse service for support.\n\nYours sincerely\nDr N\n"
    )
    assert only_action(text).rule == "onward_referral"


@pytest.mark.parametrize(
    "body",
    [
        "Pure tone audiometry: interaural asymmetry of 25 dB at 3 and 4 kHz.\n\nPlease refer him to ENT.",
        "Delirium resolved. Memory problems noted during this admission; please refer her to the memory clinic.",
    ],
)
def test_findings_said_in_a_reports_words_are_the_hospitals_own(body: str) -> None:
    assert only_action(clinic_letter(body)).rule == "onward_referral"


@pytest.mark.parametrize(
    "body",
    [
        "He did not attend his first appointment; the referral is closed. A fresh referral would be required if he "
        "still wishes to be seen.",
        "She has been taken off our waiting list as she did not reply to our letter; please re-refer if she still "
        "wants the operation.",
    ],
)
def test_discharge_after_one_missed_contact_breaks_dna_discharge(body: str) -> None:
    assert only_action(clinic_letter(body)).rule == "dna_discharge"


@pytest.mark.parametrize(
    ("sentence", "category", "rule"),
    [
        (
            "I would be grateful if you could take over prescribing of the dupilumab.",
            "specialist_prescribing",
            "shared_care",
        ),
        ("Please take over the prescribing of his inhalers from next month.", "medication", None),
        (
            "We would like him to stay on the tacrolimus; we will arrange shared care with you.",
            "specialist_prescribing",
            "shared_care",
        ),
    ],
)
def test_taking_over_prescribing_hands_over_a_specialist_drug(sentence: str, category: str, rule: str | None) -> None:
    action = only_action(clinic_letter(sentence))
    assert (action.category, action.rule) == (category, rule)


def test_the_necessary_certification_for_time_off_is_a_fit_note() -> None:
    action = only_action(
        clinic_letter(
            "He will need 3 weeks off after the repair; please could you provide the necessary certification."
        )
    )
    assert (action.category, action.rule) == ("fit_note", "fit_note")


@pytest.mark.parametrize(
    ("sentence", "category", "rule"),
    [
        (
            "Please could the practice ring the cardiology booking team to find out the date for her angiogram?",
            "admin",
            "contact_point",
        ),
        ("GP to arrange serial growth scans at 30 and 34 weeks.", "investigation", "provider_follow_up"),
        ("Please review her in 3 weeks to confirm that the confusion has resolved.", "follow_up", None),
        (
            "Should the constipation return despite the laxatives, you would be very welcome to re-refer her.",
            "follow_up",
            None,
        ),
    ],
)
def test_what_the_clean_district_hospital_hand_taught(sentence: str, category: str, rule: str | None) -> None:
    action = only_action(clinic_letter(sentence))
    assert (action.category, action.rule) == (category, rule)


def test_discharge_after_the_service_could_not_reach_the_family_breaks_dna_discharge() -> None:
    body = (
        "We phoned twice for her first telephone appointment but were unable to speak to her parents, so she has been "
        "discharged.\n\nIf there are still concerns, please re-refer her to us."
    )
    assert read_letter(clinic_letter(body))[-1].rule == "dna_discharge"


def test_coding_a_diagnosis_and_offering_a_programme_are_two_requests() -> None:
    actions = read_letter(
        discharge_summary("Please add prediabetes to her record and offer the NHS Diabetes Prevention Programme.")
    )
    assert [a.category for a in actions][0] == "admin" and len(actions) == 2


@pytest.mark.parametrize(
    ("sentence", "category", "rule"),
    [
        ("Please issue a further fit note for 3 weeks when the current one runs out.", "fit_note", "fit_note"),
        ("If he is still unfit after this fortnight, please issue any further sick notes he needs.", "fit_note", None),
        ("Oramorph 2.5 mg PRN - 2 nights supplied, please prescribe ongoing.", "medication", "discharge_medication"),
        ("Please could the surgery liaise with our booking team on her behalf.", "admin", "contact_point"),
        (
            "If the tape shows AF or she faints, please refer routinely to the arrhythmia clinic (urgently if on exertion).",
            "referral",
            None,
        ),
        (
            "Leuprorelin 3-monthly under the existing ADT shared care agreement, which Dr Example signed - please continue "
            "the injections.",
            "specialist_prescribing",
            None,
        ),
    ],
)
def test_what_the_east_anglian_post_bag_taught(sentence: str, category: str, rule: str | None) -> None:
    action = only_action(clinic_letter(sentence))
    assert (action.category, action.rule) == (category, rule)


def test_the_fracture_clinic_for_the_fracture_the_emergency_department_saw_is_its_referral() -> None:
    action = only_action(
        ED_LETTER.format(
            diagnosis="undisplaced fracture of the left radial head",
            plan="Please refer to fracture clinic within the week.",
        )
    )
    assert action.rule == "onward_referral"


@pytest.mark.parametrize(
    ("sentence", "category", "rule"),
    [
        (
            "Blood cultures were pending at discharge; results will be forwarded to the practice for action.",
            "results",
            "test_results",
        ),
        ("She has been advised to ask the surgery for a fit note for the next three weeks.", "fit_note", "fit_note"),
        ("No blood tests are needed; please do not check her bloods routinely.", None, None),
        ("Please stop the ramipril and ask that the practice rechecks her U&E in 2 weeks.", "medication", None),
        (
            "Please check her TFTs in six weeks and send us the results so that we can adjust the carbimazole.",
            "monitoring",
            "provider_follow_up",
        ),
        (
            "TTO nitrofurantoin 50 mg QDS - pharmacy closed, no supply given, please prescribe tomorrow.",
            "medication",
            "discharge_medication",
        ),
    ],
)
def test_what_the_north_west_third_hand_taught(sentence: str, category: str | None, rule: str | None) -> None:
    actions = read_letter(discharge_summary(sentence))
    if category is None:
        assert actions == []
    else:
        assert (actions[0].category, actions[0].rule) == (category, rule)


def test_an_unbulleted_list_of_requests_is_read_a_line_at_a_time() -> None:
    actions = read_letter(
        discharge_summary(
            "Actions for GP:\nSutures to be removed day 10 by practice nurse and please check the wound\n"
            "Tramadol - please reduce to 50mg BD after one week and then stop\n"
            "Please add left hip replacement to his problem list\n"
        )
    )
    assert [a.category for a in actions] == ["follow_up", "medication", "admin"]


def test_a_medicines_list_in_sachets_and_at_night_is_read_a_line_at_a_time() -> None:
    actions = read_letter(
        discharge_summary(
            "Medications on discharge:\nPrednisolone 30 mg once daily - 3 days supplied only, GP to prescribe the "
            "remainder of the 2-week course then review\nLaxido 2 sachets BD, Senna 15 mg at night - 14 days supplied\n"
        )
    )
    assert [(a.category, a.rule) for a in actions] == [("medication", "discharge_medication")]


def test_two_starts_in_one_run_on_sentence_that_need_not_be_today() -> None:
    actions = read_letter(
        clinic_letter(
            "I would suggest you optimise his risk please start atorvastatin 20mg at night, and for his blood pressure "
            "please start amlodipine 5mg and titrate, he doesn't need to start these today and can see you next week."
        )
    )
    assert [(a.category, a.rule) for a in actions] == [("medication", None), ("medication", None)]


@pytest.mark.parametrize(
    ("diagnosis", "plan", "rule"),
    [
        ("left renal colic, 5 mm VUJ stone", "If not passed in 4 wks GP to refer to urology.", "onward_referral"),
        ("first episode of sigmoid diverticulitis", "Please arrange a colonoscopy in 6 weeks.", "provider_follow_up"),
        ("first episode of sigmoid diverticulitis", "Please arrange a DEXA scan, given her steroid use.", None),
    ],
)
def test_the_next_step_of_what_the_admission_treated(diagnosis: str, plan: str, rule: str | None) -> None:
    assert only_action(ED_LETTER.format(diagnosis=diagnosis, plan=plan)).rule == rule


def test_three_missed_appointments_leave_re_referral_with_the_gp() -> None:
    body = (
        "He did not attend again today. After three missed appointments and repeated attempts at contact he has been "
        "discharged.\n\nIf he re-engages with you, please re-refer him."
    )
    assert read_letter(clinic_letter(body))[-1].rule is None


@pytest.mark.parametrize(
    "sentence",
    [
        "I have requested an MRI of her cervical spine; if it shows cord compression, please refer her urgently.",
        "We have arranged a 24-hour tape; if the tape shows atrial fibrillation, please start apixaban.",
    ],
)
def test_acting_on_what_the_hospitals_own_test_shows_is_its_result(sentence: str) -> None:
    action = only_action(clinic_letter(sentence))
    assert (action.category, action.rule) == ("results", "test_results")


def test_acting_on_the_practices_own_threshold_stays_with_the_practice() -> None:
    action = only_action(clinic_letter("If her potassium rises above 6, please stop the spironolactone."))
    assert action.rule is None


def test_a_scanned_t0_for_to_still_asks() -> None:
    assert only_action(discharge_summary("GP t0 review BP in 2 weeks.")).category in ("follow_up", "monitoring")
