"""Reader version 31: forms met in new hands of letters (238, medical outpatient clinics; 239, discharge summaries;
241, oncology, haematology, palliative care, urology and renal medicine), each in wordings of our own (not from any
annotated letter)."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.tests.helpers import clinic_letter, discharge_summary, quotes, verdicts

# --- one update of the record, two verbs (hand 238) -------------------------------------------------------------------


def test_adding_to_the_problem_list_and_coding_is_one_request() -> None:
    line = "Please add coeliac disease to her problem list and code her as hyposplenic."
    assert quotes(clinic_letter(line)) == [line]


def test_adding_to_a_register_then_a_different_task_is_still_two() -> None:
    line = "Please add him to the heart failure register and check his U&E in two weeks."
    assert len(quotes(clinic_letter(line))) == 2


# --- the patient sent to the practice to chase the hospital's own appointment (hand 238) ------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "She wondered about her MRI date; I have suggested she contacts your surgery, who may be able to chase it for her.",
        "I advised him to ring the practice, who might be able to find out when his angiogram is booked.",
    ],
)
def test_the_patient_sent_to_the_practice_to_chase_our_booking_is_a_contact_point_breach(line: str) -> None:
    (found,) = verdicts(clinic_letter(line)).values()
    assert found == ("admin", "inappropriate", "contact_point")


# --- "RV" is a ventricle, not a review (hand 239) ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Echo 02/03/2026: LV EF 55%; RV:LV ratio 0.8.",
        "Echocardiogram: good LV function, RV mildly dilated, no effusion.",
    ],
)
def test_a_right_ventricle_finding_asks_nothing(line: str) -> None:
    assert quotes(clinic_letter(line)) == []


def test_rv_as_review_still_asks() -> None:
    assert quotes(discharge_summary("GP actions:\n- RV BP in 2/52 and titrate amlodipine."), "discharge_summary")


# --- a re-referral that hangs on a repeat test is one request (hand 239) -----------------------------------------------


def test_a_repeat_then_a_re_referral_if_it_does_not_settle_is_one_provider_follow_up() -> None:
    line = "Please repeat her CRP in ten days and, if still above 50, refer her back to the medical team."
    assert quotes(clinic_letter(line)) == [line]
    (found,) = verdicts(clinic_letter(line)).values()
    assert found[1:] == ("inappropriate", "provider_follow_up")


def test_a_result_then_a_new_referral_on_its_finding_stays_two_requests() -> None:
    line = "Please let him know the biopsy result and, if it shows a melanoma, refer him on to the plastics team."
    assert len(quotes(clinic_letter(line))) == 2


def test_a_need_then_a_referral_for_it_is_one_request() -> None:
    line = "She will need a repeat colonoscopy in 6 months; please refer her back to the endoscopy unit for this."
    assert quotes(discharge_summary(line), "discharge_summary") == [line]


# --- a pointer to the summary asks nothing of its own (hand 239) ------------------------------------------------------


@pytest.mark.parametrize("line", ["Actions for GP: as per discharge narrative", "GP actions: as per plan above."])
def test_a_pointer_to_the_summary_asks_nothing(line: str) -> None:
    assert quotes(discharge_summary(line), "discharge_summary") == []


def test_a_request_that_says_as_per_still_asks() -> None:
    assert quotes(discharge_summary("GP to titrate bisoprolol as per heart failure nurse advice."), "discharge_summary")


# --- stop smoking medicines are medicines (hand 239) ------------------------------------------------------------------


@pytest.mark.parametrize(
    "line", ["GP actions:\n- Pls consider bupropion.", "GP actions:\n- Keen to quit; pls start varenicline."]
)
def test_a_stop_smoking_medicine_is_a_medication_request(line: str) -> None:
    (found,) = verdicts(discharge_summary(line), "discharge_summary").values()
    assert found[0] == "medication"


# --- a test the writing specialty requested (hand 241) ----------------------------------------------------------------


def test_a_test_requested_by_the_specialty_asks_nothing_of_the_practice() -> None:
    letter = clinic_letter("Plan:\n- Repeat echocardiogram in 6 months (requested by cardiology)\n- Review in clinic")
    assert quotes(letter) == []


# --- surveillance named in the sentence before (hand 241) -------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "His six-monthly surveillance CT scans are due from March. I would be grateful if you could arrange these "
        "through your local radiology department.",
        "His yearly surveillance ultrasound scans are due from June. Could the practice please request these each year?",
    ],
)
def test_arranging_the_surveillance_named_just_before_is_a_provider_follow_up_breach(body: str) -> None:
    (found,) = verdicts(clinic_letter(body)).values()
    assert found[1:] == ("inappropriate", "provider_follow_up")


# --- breaking the hospital's diagnosis (hand 241) ---------------------------------------------------------------------


def test_telling_the_patient_the_diagnosis_and_mdt_outcome_is_a_test_results_breach() -> None:
    letter = clinic_letter(
        "Actions\n| Action | Owner |\n| Inform pt of cancer diagnosis & MDT outcome (not yet told) | GP |\n"
    )
    (found,) = verdicts(letter).values()
    assert found == ("results", "inappropriate", "test_results")


# --- the work-up of what the hospital's scan found (hand 241) ---------------------------------------------------------


def test_a_referral_for_the_work_up_of_a_finding_is_an_onward_referral_breach() -> None:
    letter = clinic_letter(
        "Actions\n| Action | Owner | Due |\n| Refer to hepatology for liver lesion characterisation | GP | routine |\n"
    )
    (found,) = verdicts(letter).values()
    assert found == ("referral", "inappropriate", "onward_referral")


# --- tests timed for the hospital's own review (hand 241) -------------------------------------------------------------


def test_tests_before_each_of_our_reviews_are_ours_even_under_shared_care() -> None:
    letter = clinic_letter(
        "Thank you for signing the shared care agreement for leuprorelin, which we received last month.\n\n"
        "Could you please check his PSA in the week before each of our telephone reviews and send it to the CNS team, "
        "so that we have it for the call."
    )
    (found,) = verdicts(letter).values()
    assert found[1:] == ("inappropriate", "provider_follow_up")


def test_a_repeat_before_next_clinic_in_a_results_table_is_monitoring_for_our_clinic() -> None:
    letter = clinic_letter(
        "Results\n| Test | Today | Comment |\n| uACR (mg/mmol) | 41 | repeat before next clinic, GP pls send result to us |\n"
    )
    (found,) = verdicts(letter).values()
    assert found == ("monitoring", "inappropriate", "provider_follow_up")


# --- the patient will come to the practice for a fit note (hand 239) --------------------------------------------------


def test_the_patient_coming_in_for_a_fit_note_is_a_fit_note_breach() -> None:
    letter = discharge_summary(
        "He works as a scaffolder and cannot climb for six weeks, so she'll be in to see you for a fit note."
    )
    (found,) = verdicts(letter, "discharge_summary").values()
    assert found == ("fit_note", "inappropriate", "fit_note")


# --- the list of what the patient takes, under its own heading (hands 238, 241) ---------------------------------------


@pytest.mark.parametrize(
    "heading",
    ["Current biologic therapy", "Current medications", "Immunosuppression:"],
)
def test_a_line_of_the_current_treatment_list_asks_nothing(heading: str) -> None:
    letter = clinic_letter(
        f"{heading}\nAdalimumab 40 mg every 2 weeks - PRESCRIBED BY HOMECARE\n\nShe is well and in remission."
    )
    assert quotes(letter) == []


# --- the chest pain clinic's own next test (hand 238) -----------------------------------------------------------------


def test_for_ct_coronary_angiography_in_the_outcome_is_the_clinics_own_test() -> None:
    letter = clinic_letter("Outcome: Typical angina, low probability - for CT coronary angiogram\n\nSeen and examined.")
    assert quotes(letter) == []


def test_for_a_bone_density_scan_is_still_a_request() -> None:
    letter = discharge_summary("GP actions:\nFragility fracture, on steroids - for DEXA")
    assert quotes(letter, "discharge_summary")


# --- a visit, then the referral it is for (hand 238) ------------------------------------------------------------------


def test_seeing_her_then_arranging_an_urgent_referral_is_one_onward_referral() -> None:
    line = "Could you see her this week and arrange an urgent suspected cancer referral to the breast clinic."
    assert quotes(clinic_letter(line)) == [line]
    (found,) = verdicts(clinic_letter(line)).values()
    assert found[1:] == ("inappropriate", "onward_referral")


# --- a test said not to be indicated (hand 241) -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Because the PE was provoked, no thrombophilia screening or further cancer search is indicated.",
        "No further imaging beyond the planned clinic review is required.",
    ],
)
def test_a_test_said_not_to_be_indicated_asks_nothing(line: str) -> None:
    assert quotes(clinic_letter(line)) == []


# --- wordings of our own for the breaches unseen hands miss most (decision 0058) -------------------------------------
# Measured on the seven hands no version has read, the requests missed most often are the patient sent back to the
# practice with the hospital's own questions (5 of 11 contact point breaches not found). These wordings were written to
# probe each rule, not taken from any letter.


@pytest.mark.parametrize(
    "line",
    [
        "If she has any questions about the operation in the meantime, she should get in touch with her GP.",
        "If the appointment letter does not arrive, he should contact his GP, who can chase this with us.",
        "He can contact the practice if he needs to rearrange his follow-up appointment with us.",
        "Her son asked about the waiting time; I explained that the practice would be able to update him.",
        "Please could the surgery let her know the date of her gastroscopy once you hear from us.",
    ],
)
def test_the_patient_sent_to_the_practice_for_our_own_care_is_a_contact_point_breach(line: str) -> None:
    (found,) = verdicts(clinic_letter(line)).values()
    assert found == ("admin", "inappropriate", "contact_point")


@pytest.mark.parametrize(
    "line",
    [
        "He has been told to get a fit note from his GP for the time he is off.",
        "She needs a note for her employer covering the next 6 weeks, which the practice will be able to provide.",
        "He'll need signing off work for a fortnight - could the surgery do this please.",
    ],
)
def test_a_fit_note_sent_to_the_practice_in_other_words_is_a_fit_note_breach(line: str) -> None:
    (found,) = verdicts(discharge_summary(line), "discharge_summary").values()
    assert found == ("fit_note", "inappropriate", "fit_note")


def test_signing_off_a_wound_check_is_no_fit_note() -> None:
    (found,) = verdicts(clinic_letter("Please sign off his wound check at the practice.")).values()
    assert found[0] != "fit_note"


@pytest.mark.parametrize(
    "line",
    [
        "Only 48 hours of apixaban were dispensed on discharge, so please issue a further supply.",
        "Co-amoxiclav: 72 hours supplied - GP to continue to complete the course.",
    ],
)
def test_a_supply_counted_in_hours_is_a_short_supply(line: str) -> None:
    (found,) = verdicts(discharge_summary(line), "discharge_summary").values()
    assert found == ("medication", "inappropriate", "discharge_medication")


def test_a_polite_question_asking_to_refer_to_a_specialty_is_still_an_onward_referral() -> None:
    line = (
        "Could you refer him to rheumatology as his inflammatory markers remain raised after the infection has settled?"
    )
    (found,) = verdicts(clinic_letter(line)).values()
    assert found == ("referral", "inappropriate", "onward_referral")


def test_asking_whether_the_practice_would_consider_a_referral_leaves_it_to_the_practice() -> None:
    (found,) = verdicts(clinic_letter("Would you consider referring him to rheumatology?")).values()
    assert found == ("referral", "appropriate", None)


def test_tests_wanted_for_when_we_next_meet_are_our_follow_up() -> None:
    line = (
        "I would like an up-to-date HbA1c and lipid profile for when we next meet - could the practice organise this?"
    )
    (found,) = verdicts(clinic_letter(line)).values()
    assert found == ("monitoring", "inappropriate", "provider_follow_up")


def test_going_through_the_hospitals_results_sent_to_the_practice_is_a_test_results_breach() -> None:
    letter = clinic_letter(
        "The results of her bone marrow biopsy will be forwarded to you and I would be grateful if you could go through "
        "them with her."
    )
    (found,) = verdicts(letter).values()
    assert found == ("results", "inappropriate", "test_results")


def test_a_supply_the_patient_has_at_home_of_under_a_week_is_a_short_supply() -> None:
    line = "He was started on edoxaban on the ward; please add this to his repeat list, he has 4 days of tablets."
    (found,) = verdicts(discharge_summary(line), "discharge_summary").values()
    assert found == ("medication", "inappropriate", "discharge_medication")


def test_a_drug_the_letter_calls_green_list_asks_for_no_shared_care() -> None:
    line = "Please can you take on prescribing of her hydroxychloroquine, which is on the green list locally."
    (found,) = verdicts(clinic_letter(line)).values()
    assert found[1:] == ("appropriate", None)


def test_stitches_asked_out_in_the_passive_are_the_operations_aftercare() -> None:
    line = "Please can her stitches be removed at the surgery on Thursday."
    (found,) = verdicts(discharge_summary(line), "discharge_summary").values()
    assert found == ("follow_up", "inappropriate", "provider_follow_up")


def test_a_referral_for_a_complication_of_the_hospitals_operation_is_an_onward_referral() -> None:
    line = "Please refer him to the lymphoedema service, as his leg has swollen after his inguinal node clearance."
    (found,) = verdicts(clinic_letter(line)).values()
    assert found == ("referral", "inappropriate", "onward_referral")


@pytest.mark.parametrize("line", ["GP to chase histo & let pt know", "Histo awaited - GP to f/u"])
def test_histo_is_the_hospitals_histology(line: str) -> None:
    (found,) = verdicts(discharge_summary(line), "discharge_summary").values()
    assert found == ("results", "inappropriate", "test_results")


# --- snippets by another hand, one breach each (decision 0058): the forms they showed, in wordings of our own ---------


@pytest.mark.parametrize(
    "line",
    [
        "I have asked him to book in with you on Monday so that an urgent referral to the hepatology team can be made.",
        "She will see you this week so that a suspected lower GI cancer referral can be sent.",
    ],
)
def test_the_patient_sent_to_the_practice_for_an_urgent_referral_is_an_onward_referral_breach(line: str) -> None:
    (found,) = verdicts(clinic_letter(line)).values()
    assert found[1:] == ("inappropriate", "onward_referral")


def test_the_patient_sent_to_the_practice_to_go_through_our_biopsy_is_a_request() -> None:
    line = "I took a shave biopsy of the lesion today and have asked him to make an appointment with you in three weeks to go through the result."
    assert quotes(clinic_letter(line))


@pytest.mark.parametrize(
    "line",
    [
        "Not fit for work at present - advised to get a Med 3 from her own GP.",
        "Off work until review. Sick cert from GP pls.",
        "She will need two weeks off after the procedure and will make an appointment with you for a fit note.",
    ],
)
def test_fit_notes_in_shorthand_or_through_the_patient_are_fit_note_breaches(line: str) -> None:
    (found,) = verdicts(discharge_summary(line), "discharge_summary").values()
    assert found == ("fit_note", "inappropriate", "fit_note")


@pytest.mark.parametrize(
    "line",
    [
        "She will come to see you for the rest of her antibiotics, as pharmacy only had a 48-hour supply for her.",
        "Medication: amlodipine 5 mg OD new - not dispensed, pt to get from GP.",
        "TTO: doxycycline 100 mg OD x 2/7. GP to continue.",
    ],
)
def test_supplies_the_ward_did_not_give_are_discharge_medication_breaches(line: str) -> None:
    (found,) = verdicts(discharge_summary(line), "discharge_summary").values()
    assert found[1:] == ("inappropriate", "discharge_medication")


def test_a_tto_line_that_completes_its_course_is_not_a_short_supply() -> None:
    line = "TTO: doxycycline 100 mg OD x 3/7 to complete 7 days; GP pls continue his usual inhalers."
    (found,) = verdicts(discharge_summary(line), "discharge_summary").values()
    assert found[1] == "appropriate"


@pytest.mark.parametrize(
    "line",
    [
        "Should he have any questions about the ablation, I have advised him to speak to you.",
        "For any concerns about her new stoma once home, she has been advised to contact the GP surgery.",
        "He wants to know where he is on the waiting list for his knee; might you be able to find this out for him?",
        "Could you contact the urology secretaries to find out why his cystoscopy was cancelled.",
        "Please could you liaise with the day unit to expedite her infusion date.",
    ],
)
def test_the_practice_made_the_patients_contact_for_our_care_is_a_contact_point_breach(line: str) -> None:
    (found,) = verdicts(clinic_letter(line)).values()
    assert found[1:] == ("inappropriate", "contact_point")


@pytest.mark.parametrize(
    "body",
    [
        "Mr Test did not attend clinic today. Please resubmit the referral if still needed.",
        "DNA today. Referral closed and returned to the practice, to be resubmitted if still required.",
    ],
)
def test_a_referral_to_be_resubmitted_after_a_missed_appointment_is_a_dna_discharge_breach(body: str) -> None:
    (found,) = verdicts(clinic_letter(body)).values()
    assert found[1:] == ("inappropriate", "dna_discharge")


def test_a_blood_pressure_recheck_booked_with_the_practice_nurse_is_a_request() -> None:
    line = "I have asked her to book with the practice nurse in two weeks so that her blood pressure can be rechecked off amlodipine."
    assert quotes(clinic_letter(line))


@pytest.mark.parametrize(
    "body",
    [
        "Blood cultures x2 sent from the ward, still pending. Please make sure these are chased after discharge.",
        "Calcium and vitamin D were sent in clinic today; could you act on any abnormal result when it returns?",
    ],
)
def test_the_hospitals_own_tests_handed_over_in_other_words_are_a_test_results_breach(body: str) -> None:
    (found,) = verdicts(discharge_summary(body), "discharge_summary").values()
    assert found == ("results", "inappropriate", "test_results")


def test_certifying_time_off_work_is_a_fit_note_breach() -> None:
    line = "She will be off work for three more weeks and I would be grateful if you could certify this."
    (found,) = verdicts(clinic_letter(line)).values()
    assert found == ("fit_note", "inappropriate", "fit_note")
