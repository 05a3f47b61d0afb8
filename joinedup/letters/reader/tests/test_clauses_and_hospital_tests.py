"""Requests inside longer sentences, the hospital's own tests and procedures, and lines that only look like
requests (reader version 7). Every wording here is written for the test, not taken from an annotated set."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.engine import read_letter
from joinedup.letters.reader.tests.helpers import clinic_letter, discharge_summary, only_action, quotes


@pytest.mark.parametrize(
    ("body", "starts"),
    [
        (
            "It would be helpful if you could check her thyroid function yearly, and we would be pleased to review "
            "her again should the TSH rise above 10.\n",
            "It would be helpful",
        ),
        (
            "It would be useful if the practice could keep an eye on his weight, and I will be happy to see him "
            "again if it falls further.\n",
            "It would be useful",
        ),
    ],
)
def test_a_request_then_the_hospitals_offer_is_the_request(body: str, starts: str) -> None:
    action = only_action(clinic_letter(body))
    assert action.quote.startswith(starts)


@pytest.mark.parametrize(
    "body",
    [
        "I'd be grateful if you could continue the lactulose on repeat, and please do not stop it before she is seen.\n",
        "Please add the new inhaler to her repeat prescription, and please don't change the device.\n",
    ],
)
def test_a_caution_after_a_request_does_not_cancel_it(body: str) -> None:
    assert only_action(clinic_letter(body)).category == "medication"


@pytest.mark.parametrize(
    "body",
    [
        "Temazepam was started on the ward for sleep - please do not continue this once the supply runs out.\n",
        "Please do not renew the codeine prescription.\n",
    ],
)
def test_asking_the_practice_not_to_continue_a_medicine_asks_nothing(body: str) -> None:
    assert quotes(discharge_summary(body), "discharge_summary") == []


@pytest.mark.parametrize(
    "body",
    [
        "Plan:\n1. Please arrange for removal of the ureteric stent in 6 weeks.\n",
        "Plan:\n1. GP to organise stent removal at around 3 weeks.\n",
    ],
)
def test_taking_out_the_stent_the_hospital_placed_is_its_own_follow_up(body: str) -> None:
    action = only_action(discharge_summary(body), "discharge_summary")
    assert (action.category, action.rule) == ("follow_up", "provider_follow_up")


def test_a_plan_line_then_the_request_for_the_same_thing_is_one_request() -> None:
    body = "Plan:\n1. Catheter to be removed in 2 weeks. Please arrange catheter removal with the urology nurses.\n"
    action = only_action(discharge_summary(body), "discharge_summary")
    assert action.quote.startswith("Please arrange catheter removal")


def test_a_test_for_an_ordinary_medicine_after_a_specialist_handover_is_the_practices() -> None:
    body = (
        "Actions:\n- Please take over prescribing of lithium at the new dose; shared care paperwork to follow.\n"
        "- Please check TFTs in 6 weeks and adjust levothyroxine accordingly.\n"
    )
    actions = read_letter(discharge_summary(body), "discharge_summary")
    assert [(a.category, a.verdict) for a in actions][-1] == ("monitoring", "appropriate")
    assert actions[0].rule == "shared_care"


@pytest.mark.parametrize(
    "body",
    [
        "We sent a wound swab today. If it grows MRSA, please could the practice start treatment and let her know.\n",
        "I have sent her urine for culture. If it shows a resistant organism, please change the antibiotic.\n",
        "MRSA screen: swabs taken in clinic, result to follow.\n\nIf MRSA screen positive, please prescribe "
        "decolonisation.\n",
        "GBS swab sent today; result awaited.\n\nIf the GBS swab is positive, please let the midwife know.\n",
    ],
)
def test_acting_on_what_the_hospitals_own_sample_shows_is_its_result(body: str) -> None:
    action = read_letter(clinic_letter(body))[-1]
    assert (action.category, action.rule) == ("results", "test_results")


def test_acting_on_a_sample_the_letter_does_not_say_the_hospital_took_is_the_practices() -> None:
    action = only_action(clinic_letter("If her urine culture grows E. coli, please treat with nitrofurantoin.\n"))
    assert action.verdict == "appropriate"


def test_home_oxygen_assessment_for_the_copd_the_team_treats_is_its_referral() -> None:
    body = "Diagnosis: COPD with resting hypoxaemia (SpO2 87%).\n\nPlease refer him for a home oxygen assessment.\n"
    assert only_action(clinic_letter(body)).rule == "onward_referral"


def test_chasing_equipment_the_hospital_ordered_is_its_job() -> None:
    body = (
        "If the walking frame has not been delivered within a fortnight, could the surgery please chase the supplier.\n"
    )
    assert only_action(clinic_letter(body)).rule == "contact_point"


def test_taking_over_the_amber_drug_named_just_before_is_shared_care() -> None:
    body = (
        "Riluzole is on the amber list locally and our shared care document is still being agreed. Until then, "
        "please take over prescribing once our 4-week supply ends.\n"
    )
    action = read_letter(clinic_letter(body))[-1]
    assert (action.category, action.rule) == ("specialist_prescribing", "shared_care")


def test_a_fit_note_from_a_service_that_never_saw_the_patient_is_the_gps() -> None:
    body = (
        "He did not attend his first physiotherapy appointment and has been discharged. He had asked us for a fit "
        "note; as he has not yet been assessed by us, he will need to get this from you.\n"
    )
    action = read_letter(clinic_letter(body))[-1]
    assert (action.category, action.verdict) == ("fit_note", "appropriate")


def test_none_in_the_practice_column_then_a_note_asks_nothing() -> None:
    body = (
        "| Medicine | Dose | Supplied | Action for GP |\n"
        "| Prednisolone | 30 mg OD | 5 days (full course) | None - course ends 12/03 |\n"
        "| Amlodipine | 5 mg OD | 14 days | Please add to repeat |\n"
    )
    actions = read_letter(discharge_summary(body), "discharge_summary")
    assert len(actions) == 1 and "Amlodipine" in actions[0].quote


@pytest.mark.parametrize(
    "body",
    [
        "Post-op: uneventful. Check X-ray satisfactory. Mobilising with a frame.\n",
        "Check film showed the plate in good position.\n",
        "Copy to GP: Dr A Example, Elm Tree Surgery (action required - see below)\n",
        "Reason for appointment: Review of psoriasis and methotrexate\n",
    ],
)
def test_lines_that_only_look_like_requests(body: str) -> None:
    assert quotes(discharge_summary(body), "discharge_summary") == []


def test_a_need_then_a_separate_request_are_two_requests() -> None:
    body = "She will need a repeat DEXA scan in two years; please add osteoporosis to her problem list.\n"
    assert len(read_letter(clinic_letter(body))) == 2


def test_a_shared_care_agreement_the_practice_accepted_is_in_place() -> None:
    body = (
        "You kindly accepted the shared care agreement for azathioprine last year, so I'd be grateful if you would "
        "continue prescribing it with the monthly blood tests.\n"
    )
    assert only_action(clinic_letter(body)).verdict == "appropriate"


@pytest.mark.parametrize(
    "body",
    ["Her omeprazole can continue from the practice as before.\n", "His mesalazine can carry on from the surgery.\n"],
)
def test_a_medicine_that_continues_from_the_practice_is_asked_of_it(body: str) -> None:
    assert only_action(clinic_letter(body)).verdict == "appropriate"


def test_a_test_wanted_before_the_hospitals_next_appointment_is_its_follow_up() -> None:
    body = (
        "I would be grateful if the practice could arrange a 24-hour blood pressure monitor before his next renal "
        "appointment, so that we have it when we see him.\n"
    )
    assert only_action(clinic_letter(body)).rule == "provider_follow_up"


def test_a_test_before_the_practices_own_review_is_the_practices() -> None:
    assert only_action(clinic_letter("Please check her HbA1c before her next diabetes review.\n")).verdict == (
        "appropriate"
    )


@pytest.mark.parametrize(
    "body",
    [
        "Diagnosis: Parkinson's disease, with two falls this year.\n\nI would be grateful if you could refer him to "
        "the community falls and balance service.\n",
        "Diagnosis: heart failure with reduced ejection fraction.\n\nPlease refer her to the heart failure "
        "rehabilitation programme.\n",
        "Diagnosis: relapsing multiple sclerosis (MS).\n\nI'd be grateful if you would refer her to the community fatigue "
        "service for her MS-related fatigue.\n",
    ],
)
def test_a_service_for_what_follows_from_the_condition_treated_is_the_hospitals_referral(body: str) -> None:
    assert only_action(clinic_letter(body)).rule == "onward_referral"


def test_the_gp_named_in_a_letter_to_the_patient_is_asked_by_name() -> None:
    text = (
        "Testbury Hospitals NHS Trust\nEndocrinology\n\nMrs Jane Test\n1 Any Road\n\nDear Mrs Test,\n\nIt was good "
        "to meet you. I have sent a copy of this letter to your GP, Dr Okoye.\n\nThe vitamin D result is not back "
        "yet; I would like Dr Okoye to chase it and start treatment if it is low.\n\nYours sincerely\n\nDr B Author\n"
        "cc: Dr Okoye, Elm Tree Surgery\n"
    )
    action = read_letter(text, "clinic_letter")[-1]
    assert (action.category, action.rule) == ("results", "test_results")


def test_nothing_to_do_with_the_condition_is_not_a_negation() -> None:
    body = "This is nothing to do with his heart, and I wonder if you would be kind enough to look at it as usual.\n"
    assert only_action(clinic_letter(body)).verdict == "appropriate"


@pytest.mark.parametrize(
    "line", ["Coeliac serology results to be followed up by GP.", "Wound swab result to be checked by GP."]
)
def test_a_result_to_be_followed_up_by_the_gp_is_the_hospitals_result(line: str) -> None:
    action = only_action(discharge_summary(f"GP to:\n1. {line}\n"), "discharge_summary")
    assert (action.category, action.rule) == ("results", "test_results")


def test_a_change_the_patient_can_wait_for_is_not_an_urgent_start() -> None:
    body = (
        "I'd be grateful if you would stop the indapamide and start amlodipine 5 mg daily; she has enough at home "
        "to continue until you can arrange this.\n"
    )
    assert only_action(clinic_letter(body)).verdict == "appropriate"


def test_a_drug_the_hospital_service_prescribes_is_not_asked_of_the_practice() -> None:
    assert quotes(clinic_letter("Ocrelizumab continues to be given by the neurology service via homecare.\n")) == []


def test_telling_a_result_and_arranging_what_follows_from_it_is_one_request() -> None:
    body = (
        "The X-ray I requested shows a lucency that should be followed up. I'd be grateful if you would let him "
        "know the result and arrange whatever follow-up imaging you feel is appropriate.\n"
    )
    action = read_letter(clinic_letter(body))[-1]
    assert (action.category, action.rule) == ("results", "test_results")
    assert len(read_letter(clinic_letter(body))) == 1


def test_a_test_sent_to_the_hospitals_nurses_for_their_dose_decision_is_its_follow_up() -> None:
    body = (
        "Please check his TFTs in six weeks and send the result to the thyroid nurses so that they can adjust the "
        "carbimazole.\n"
    )
    assert only_action(clinic_letter(body)).rule == "provider_follow_up"


@pytest.mark.parametrize(
    "line", ["Repeat the sleep study on CPAP in 3 months.", "Repeat nerve conduction studies in 6 months."]
)
def test_repeating_the_specialists_own_test_is_its_follow_up(line: str) -> None:
    action = only_action(discharge_summary(f"Actions for GP:\n- {line}\n"), "discharge_summary")
    assert action.rule == "provider_follow_up"


def test_a_recommended_test_then_permission_to_treat_are_two_requests() -> None:
    body = "A bone density scan would be appropriate, and if treatment is indicated I would be happy for you to start it.\n"
    assert len(read_letter(clinic_letter(body))) == 2


def test_arrows_open_entries_in_telegraphic_notes() -> None:
    body = (
        "Plan:\n-> Swab sent today, we will ring pt with the result\n-> Pt to keep ear dry\n"
        "-> GP: pls refer to the hearing clinic for formal testing once settled\n"
        "-> GP pls recheck BP at routine appt\n"
    )
    assert [a.quote.split(":")[0] for a in read_letter(clinic_letter(body))] == [
        "GP",
        "GP pls recheck BP at routine appt",
    ]


def test_audiology_for_the_hearing_loss_ent_found_is_its_referral() -> None:
    body = (
        "Imp: L otitis externa with a conductive loss L.\n\nPlan:\n- GP: pls refer to audiology for formal PTA once "
        "the ear has settled\n"
    )
    assert read_letter(clinic_letter(body))[-1].rule == "onward_referral"


def test_a_hearing_complaint_the_writer_says_is_not_connected_stays_the_gps() -> None:
    body = (
        "She also finds it hard to hear the television. I'd be grateful if you would refer her to audiology in the "
        "usual way - I don't think this has anything to do with her arthritis.\n"
    )
    assert only_action(clinic_letter(body)).verdict == "appropriate"


@pytest.mark.parametrize(
    "line", ["GP - MRSA screen result to follow, please action if positive.", "GP: swab result to follow, pls action"]
)
def test_actioning_a_result_the_hospital_awaits_is_its_result(line: str) -> None:
    action = only_action(discharge_summary(f"Actions:\n[x] {line}\n"), "discharge_summary")
    assert (action.category, action.rule) == ("results", "test_results")


def test_a_report_on_the_practices_own_specimen_leaves_its_result_and_routine_referral_with_the_practice() -> None:
    text = (
        "Testbury Pathology Service - Cellular Pathology\nRequestor: Dr A Example (GP minor surgery), Elm Tree "
        "Surgery\nSpecimen: skin ellipse, excised at the practice\n\nDiagnosis: basal cell carcinoma, incompletely "
        "excised.\nRecommendation: Refer to dermatology (skin cancer MDT) for re-excision - routine, not 2WW.\n"
        "Please inform the patient of the result.\n"
    )
    assert [a.verdict for a in read_letter(text, "clinic_letter")] == ["appropriate", "appropriate"]


def test_re_referral_on_a_condition_after_discharge_to_the_gps_care_is_the_gps_call() -> None:
    body = (
        "This does not need hospital follow-up, and I have discharged her to your care with this plan:\n"
        " - Please check her paraprotein every 12 months.\n"
        " - Please re-refer to haematology if the paraprotein rises above 15 g/L.\n"
    )
    assert [a.verdict for a in read_letter(clinic_letter(body))] == ["appropriate", "appropriate"]


def test_re_referral_after_a_second_missed_appointment_is_the_gps_call() -> None:
    body = (
        "He did not attend in August and was sent a second appointment. He has not attended this second "
        "appointment either, so we are discharging him. Please re-refer him if you still feel he needs to be seen.\n"
    )
    assert read_letter(clinic_letter(body))[-1].rule is None


def test_the_practice_as_the_go_between_for_rebooking_the_hospitals_appointment_is_its_job() -> None:
    body = "If the patient wishes to rebook, please ask him to ring the surgery, who can arrange this with us.\n"
    assert only_action(clinic_letter(body)).rule == "contact_point"


def test_acting_on_an_abnormal_result_the_hospital_took_at_the_visit_is_its_result() -> None:
    body = "Potassium 5.9 on the bloods taken at this visit - please repeat and treat as appropriate.\n"
    action = only_action(clinic_letter(body))
    assert (action.category, action.rule) == ("results", "test_results")


@pytest.mark.parametrize(
    "line",
    [
        "Recommendation: If symptoms persist, consider referral to the upper GI surgical team.",
        "Recommendation: Should the pain continue, consider an MRI of the lumbar spine.",
    ],
)
def test_a_recommendation_on_a_symptom_condition_asks_the_practice(line: str) -> None:
    assert len(read_letter(clinic_letter(line + "\n"))) == 1


def test_a_referral_the_patient_declined_asks_nothing() -> None:
    body = "Smoking: pt declined referral to stop smoking service today, will think about it.\n"
    assert quotes(clinic_letter(body)) == []


@pytest.mark.parametrize(
    ("findings", "asked"),
    [
        (
            "INCIDENTAL: 9mm solid nodule in the left upper lobe on CTPA.",
            "LUL nodule: GP to refer to the lung nodule clinic.",
        ),
        (
            "CT KUB: 4mm calculus. INCIDENTAL: infrarenal aortic aneurysm 3.6cm.",
            "AAA 3.6cm on CT - GP to refer to the vascular surgeons.",
        ),
    ],
)
def test_a_referral_for_what_the_hospitals_imaging_found_incidentally_is_its_to_make(findings: str, asked: str) -> None:
    text = discharge_summary(f"INVESTIGATIONS\n{findings}\n\nACTIONS FOR GP\n- {asked}\n")
    assert read_letter(text, "discharge_summary")[-1].rule == "onward_referral"


def test_a_medicine_the_emergency_department_did_not_supply_is_its_to_supply() -> None:
    body = "GP ACTIONS\n- Pt needs tamsulosin 400mcg OD x 4/52 - not supplied from ED, please prescribe\n"
    assert only_action(discharge_summary(body), "ed_letter").rule == "discharge_medication"


def test_a_short_supply_from_clinic_breaks_outpatient_medication() -> None:
    body = "Please start ticagrelor 90 mg BD from tomorrow, long term.\n"
    assert only_action(clinic_letter(body), "clinic_letter").rule == "outpatient_medication"


def test_a_dose_under_the_agreed_shared_care_protocol_is_the_practices() -> None:
    body = "Please give the next dose of denosumab in May under the agreed shared care protocol.\n"
    assert only_action(discharge_summary(body), "discharge_summary").verdict == "appropriate"


@pytest.mark.parametrize(
    "line",
    [
        "Duodenal biopsies (coeliac histology) - GP to start a gluten-free diet referral if positive.",
        "Wound swab sent 15/11 - GP to review sensitivities and change antibiotic if needed.",
    ],
)
def test_acting_on_what_the_hospitals_sample_shows_is_acting_on_its_result(line: str) -> None:
    action = only_action(discharge_summary(f"ACTIONS FOR GP\n- {line}\n"), "discharge_summary")
    assert (action.category, action.rule) == ("results", "test_results")


def test_chasing_a_result_the_sentence_before_says_is_awaited_is_the_hospitals() -> None:
    body = "ACTIONS FOR GP\n- Coeliac serology sent 03/11 - awaited. Please chase and treat if positive.\n"
    assert read_letter(discharge_summary(body), "discharge_summary")[-1].rule == "test_results"


@pytest.mark.parametrize(
    ("diagnosis", "service"),
    [
        ("Biliary colic - gallstones on ultrasound.", "the upper GI surgeons for a laparoscopic cholecystectomy"),
        ("Functional constipation with soiling.", "the Children's Bladder and Bowel Service"),
    ],
)
def test_services_for_the_condition_the_hospital_treated(diagnosis: str, service: str) -> None:
    body = f"Diagnosis: {diagnosis}\n\nPlease could you refer him to {service}.\n"
    assert only_action(clinic_letter(body)).rule == "onward_referral"


def test_a_report_on_the_practices_own_scan_leaves_the_related_referral_with_the_practice() -> None:
    text = (
        "Testbury Hospitals NHS Trust - Direct Access Imaging Report\nRequesting clinician: Dr A Example, Elm Tree "
        "Surgery (GP direct access request)\nExamination: US abdomen\nCONCLUSION: Cholelithiasis.\n"
        "Recommendation: Suggest referral to the upper GI surgeons for consideration of cholecystectomy.\n"
    )
    assert [a.verdict for a in read_letter(text, "clinic_letter")] == ["appropriate"]


def test_readings_sent_back_for_the_writers_decision_are_its_follow_up() -> None:
    body = (
        "Please could the practice nurse repeat her ABPI in 3 months and send the readings to me so that I can "
        "decide on compression.\n"
    )
    assert only_action(clinic_letter(body)).rule == "provider_follow_up"


def test_sutures_that_need_removing_after_the_hospitals_repair_are_its_aftercare() -> None:
    body = "Sutures need removing in 5 days - please could the practice nurse take these out on 03/12.\n"
    action = only_action(discharge_summary(body), "ed_letter")
    assert (action.category, action.rule) == ("follow_up", "provider_follow_up")


def test_a_long_term_catheter_change_at_the_surgery_is_the_practices() -> None:
    body = "Please could the practice book her next catheter change at the surgery for around 12 February.\n"
    assert only_action(clinic_letter(body)).verdict == "appropriate"
