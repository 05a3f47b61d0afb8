"""Reader version 21 (decision 0045): the forms behind the misses in hand 125 (result reports) and in the hands read
after it, in wordings of our own that are not in any annotated set."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.context import build_context
from joinedup.letters.reader.engine import read_letter
from joinedup.letters.reader.tests.helpers import clinic_letter, discharge_summary, ed_letter, only_action


def report(title: str, requester_line: str, body: str) -> str:
    """A result letter to the GP, titled `title`, whose header line `requester_line` says who asked for the test."""
    return (
        f"Testbury Hospitals NHS Trust\n{title}\n\nPatient: Mr Test PATIENT  NHS 999 000 0002\n"
        f"{requester_line}\nExamination date: 02/03/2026\n\n{body}\n\nConsultant Radiologist\n"
    )


# --- a report on the practice's own test (hand 125) --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "requester_line"),
    [
        ("BONE DENSITY REPORT (GP DIRECT REFERRAL)", "Referred by: Dr A Example, Elm Tree Surgery"),
        ("ECHOCARDIOGRAM REPORT", "Referred by: Dr A Example - GP open-access echo request"),
        ("HISTOPATHOLOGY REPORT", "Source: Dr A Example, Elm Tree Medical Centre (GP minor surgery)"),
    ],
)
def test_a_report_header_naming_the_practices_own_request_makes_a_direct_access_report(
    title: str, requester_line: str
) -> None:
    assert build_context(report(title, requester_line, "Conclusion: normal."), "clinic_letter").gp_direct_access


def test_referred_by_the_gp_in_a_clinic_letter_is_not_a_direct_access_report() -> None:
    # (a clinic that saw the patient on the GP's referral: its own finding's referral stays the hospital's)
    letter = clinic_letter("Referred by: Dr A Example, Elm Tree Surgery\n\nI saw Mr Patient in clinic today.")
    assert not build_context(letter, "clinic_letter").gp_direct_access


@pytest.mark.parametrize(
    "line",
    [
        "Please let Mr Patient know the result and arrange to discuss it with him.",
        "The patient was advised by the radiographer to book an appointment with his GP to go through the findings.",
        "Recommend referral to the community falls service given the vertebral fracture.",
    ],
)
def test_what_the_practices_own_direct_access_test_calls_for_is_the_practices(line: str) -> None:
    letter = report("CHEST X-RAY REPORT - GP DIRECT ACCESS", "Requested by: Dr A Example (GP), Elm Tree Surgery", line)
    assert only_action(letter, "clinic_letter").verdict == "appropriate"


def test_an_urgent_suspected_cancer_referral_stays_the_hospitals_even_after_a_direct_access_test() -> None:
    # (RULES.md onward_referral: urgent and suspected-cancer referrals are the hospital's; the annotated hands agree on
    # this more often than not)
    line = "Suggest the GP makes an urgent suspected cancer referral to the lung team."
    letter = report("CHEST X-RAY REPORT - GP DIRECT ACCESS", "Requested by: Dr A Example (GP), Elm Tree Surgery", line)
    action = only_action(letter, "clinic_letter")
    assert (action.verdict, action.rule) == ("inappropriate", "onward_referral")


# --- who asked, as a clinic's physiology report says it (hand 125) ----------------------------------------------------


@pytest.mark.parametrize(
    "requester",
    [
        "Referring clinician: Dr P Ruiz, Consultant Respiratory Physician (chest clinic 02/02/2026)",
        "Referring consultant: Mr Q Stone, ENT clinic",
    ],
)
def test_a_referring_clinician_from_the_hospital_asked_for_the_test(requester: str) -> None:
    letter = report("FULL LUNG FUNCTION REPORT", requester, "Interpretation: obstruction.")
    assert build_context(letter, "clinic_letter").ordered_by_the_hospital


@pytest.mark.parametrize(
    "line",
    [
        "Please start Clenil 100 two puffs twice daily as a matter of urgency.",
        "We would be grateful if you could commence apixaban 5 mg BD as a matter of priority.",
    ],
)
def test_a_medicine_to_start_as_a_matter_of_urgency_is_the_clinics_to_supply(line: str) -> None:
    action = only_action(clinic_letter(line))
    assert (action.verdict, action.rule) == ("inappropriate", "outpatient_medication")


# --- a report quoted in a clinic or ED letter (hand 125) ---------------------------------------------------------------


@pytest.mark.parametrize(
    "quoted",
    [
        'CT abdomen (for his pain): "No collection. Incidental 2 cm renal cyst. Suggest ultrasound in 6 months."',
        'Ultrasound neck, 02/03/2026:\n"Multinodular goitre. Recommend FNA of the dominant 2.4 cm nodule."',
    ],
)
def test_a_radiologists_advice_quoted_in_a_clinic_letter_is_not_a_request_of_the_practice(quoted: str) -> None:
    assert read_letter(ed_letter(f"{quoted}\n\nDischarged home with analgesia.")) == []


def test_the_request_after_a_quoted_report_is_still_read() -> None:
    letter = clinic_letter(
        'MRI knee: "Medial meniscal tear. Suggest orthopaedic opinion."\n\nPlease refer her to physiotherapy.'
    )
    assert only_action(letter).quote == "Please refer her to physiotherapy."


# --- same-day and urgent care letters, hurried (hand 128) -------------------------------------------------------------


def test_a_letter_to_dear_dr_with_no_name_is_to_the_gp() -> None:
    letter = (
        "Ashcombe Minor Injuries Unit\n\nDear Dr,\n\nRe: Mr Test PATIENT  NHS 999 000 0002\n\n"
        "Burn to the left forearm, dressed today.\nPt cannot work as a chef - needs fit note for 1/52, pls provide.\n\n"
        "Regards\nA Nurse, ENP\n"
    )
    action = only_action(letter, "ed_letter")
    assert (action.category, action.verdict, action.rule) == ("fit_note", "inappropriate", "fit_note")


def test_a_request_line_after_a_practice_nurse_line_in_an_unpunctuated_plan_is_its_own() -> None:
    body = (
        "Plan:\nPractice diabetes nurse to review her insulin injection sites\n"
        "Pt needs 2/52 off work (bus driver) - pls issue fit note\n"
    )
    assert [a.quote for a in read_letter(ed_letter(body), "ed_letter")] == [
        "Practice diabetes nurse to review her insulin injection sites",
        "Pt needs 2/52 off work (bus driver) - pls issue fit note",
    ]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("wants a sick note for work, told to get from GP", "fit_note"),
        ("Pt told if not contacted by fracture clinic in 10 days to ring his GP.", "contact_point"),
        ("if not heard from the TIA clinic in 1/52 GP pls chase", "contact_point"),
        ("Plaster can be removed at her GP surgery in 5 weeks.", "provider_follow_up"),
    ],
)
def test_hurried_ed_shorthand_handing_the_hospitals_work_to_the_practice(line: str, rule: str) -> None:
    action = only_action(ed_letter(f"Fractured right radius, in a cast.\n{line}"), "ed_letter")
    assert (action.verdict, action.rule) == ("inappropriate", rule)


def test_would_appreciate_a_gp_review_is_a_request() -> None:
    line = "Mentioned poor sleep since his divorce - would appreciate GP r/v."
    assert only_action(ed_letter(line), "ed_letter").quote == line


# --- surgical letters (hand 129) ---------------------------------------------------------------------------------------


def test_a_list_opened_by_i_would_be_grateful_if_you_could_after_a_dose_is_the_practices() -> None:
    body = (
        "He takes ramipril 2.5 mg. I would be grateful if you could:\n1. Increase ramipril to 5 mg daily.\n"
        "2. Recheck his U&E in two weeks.\n"
    )
    assert [a.quote for a in read_letter(clinic_letter(body))] == [
        "Increase ramipril to 5 mg daily.",
        "Recheck his U&E in two weeks.",
    ]


def test_each_medicine_under_please_prescribe_is_asked_for() -> None:
    body = (
        "After her gastric bypass she needs lifelong supplements. Please prescribe:\n"
        "- ferrous fumarate 210 mg once daily\n- vitamin B12 injections every 12 weeks, given at the practice\n"
    )
    assert len(read_letter(clinic_letter(body))) == 2


def test_medicines_under_a_list_that_does_not_ask_to_prescribe_are_not_requests() -> None:
    body = "Her current medicines are:\n- ferrous fumarate 210 mg once daily\n- sertraline 50 mg daily\n"
    assert read_letter(clinic_letter(body)) == []


@pytest.mark.parametrize(
    "line",
    [
        "If she has any questions about her position on the waiting list, could your reception team advise her.",
        "If he has any further concerns about his care with us, he can contact your surgery, who will liaise with us.",
    ],
)
def test_the_patient_sent_to_the_practice_about_the_hospitals_care_is_a_contact_point(line: str) -> None:
    action = only_action(clinic_letter(line))
    assert (action.verdict, action.rule) == ("inappropriate", "contact_point")


def test_the_hospitals_procedure_left_for_the_practice_to_explain_is_a_contact_point() -> None:
    body = (
        "She had several questions about the planned hysterectomy that we could not cover today. "
        "I wonder if you could talk these through with her when she next sees you."
    )
    action = only_action(clinic_letter(body))
    assert (action.verdict, action.rule) == ("inappropriate", "contact_point")


def test_a_related_referral_is_the_hospitals_though_the_wait_is_shorter_from_primary_care() -> None:
    body = (
        "Trigger finger release 3 weeks ago; the finger is still stiff. Please could you refer her to hand therapy, "
        "as the wait is shorter when referred from primary care."
    )
    action = only_action(clinic_letter(body))
    assert (action.verdict, action.rule) == ("inappropriate", "onward_referral")


def test_checking_the_port_sites_after_a_laparoscopy_is_the_hospitals_aftercare() -> None:
    action = only_action(discharge_summary("Actions for GP:\nPractice nurse to check port sites on day 7."))
    assert (action.category, action.rule) == ("follow_up", "provider_follow_up")


# --- record-system discharge summaries (hand 127) ----------------------------------------------------------------------


def test_a_ticked_forms_label_that_names_the_task_is_the_request() -> None:
    body = (
        "Actions for GP (tick if required):\n[X] Add to problem list / coding: Addison's disease (new)\n"
        "[X] Medicines to be added to repeat: hydrocortisone, fludrocortisone\n[ ] Medication review\n"
    )
    assert len(read_letter(discharge_summary(body), "discharge_summary")) == 2


def test_each_sentence_of_a_medicines_tables_comment_cell_that_asks_is_a_request() -> None:
    body = (
        "Drug | Dose | Status | Comments\n"
        "Amlodipine | 10 mg | STOPPED | dizzy on standing. GP to recheck lying and standing BP in 2 weeks. "
        "Restart at 5 mg only if systolic above 150\n"
    )
    assert [a.quote for a in read_letter(discharge_summary(body), "discharge_summary")] == [
        "Amlodipine | 10 mg | STOPPED | dizzy on standing. GP to recheck lying and standing BP in 2 weeks.",
        "Restart at 5 mg only if systolic above 150",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Please check U&E one week after starting candesartan, then up-titrate candesartan to 16 mg as renal function "
        "allows.",
        "U&E 2/52 (lisinopril started) and uptitrate lisinopril towards 20 mg as BP allows.",
    ],
)
def test_the_kidney_check_after_an_ace_inhibitor_starts_and_its_titration_are_two_requests(line: str) -> None:
    assert len(read_letter(discharge_summary(f"Actions for GP:\n{line}"), "discharge_summary")) == 2


def test_a_blood_pressure_check_and_a_restart_on_its_reading_stay_one_request() -> None:
    line = "Please check her BP in 2 weeks and restart amlodipine if systolic above 150."
    assert only_action(discharge_summary(f"Actions for GP:\n{line}"), "discharge_summary").quote == line


def test_a_hospital_test_cancelled_after_one_missed_appointment_handed_back_is_a_dna_discharge() -> None:
    line = "Holter: pt DNA'd on 02/03, request cancelled per department policy - GP please re-request if still needed."
    action = only_action(discharge_summary(f"Actions for GP:\n- {line}"), "discharge_summary")
    assert (action.verdict, action.rule) == ("inappropriate", "dna_discharge")


# --- older people's services (hand 130) -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Bisoprolol - her heart rate is 48 and I would stop it.",
        "Calcium and vitamin D - she cannot swallow the tablets, and I would be happy for this to stop.",
    ],
)
def test_a_medicine_the_writer_would_stop_is_advice_to_the_practice(line: str) -> None:
    assert only_action(clinic_letter(f"Medicines review:\n\n{line}")).category == "medication"


def test_what_the_clinic_will_stop_itself_is_not_advice() -> None:
    assert read_letter(clinic_letter("I have stopped her bisoprolol today because her heart rate is 48.")) == []


@pytest.mark.parametrize(
    "line",
    [
        "Please arrange review in falls clinic in 6 weeks to reassess her gait.",
        "Please book f/u in TIA clinic at 3 months.",
    ],
)
def test_booking_the_hospitals_own_clinic_is_its_follow_up(line: str) -> None:
    action = only_action(discharge_summary(f"Actions for GP:\n{line}"), "discharge_summary")
    assert (action.verdict, action.rule) == ("inappropriate", "provider_follow_up")


def test_a_letters_reference_line_is_not_a_request() -> None:
    letter = clinic_letter("Our ref: RV/kt/FALLS\n\nI saw Mrs Patient today; her gait is steadier.")
    assert read_letter(letter) == []


def test_the_practice_nurse_with_a_test_and_when_is_a_request() -> None:
    line = "Practice nurse lying/standing BP in 2/52 after stopping doxazosin."
    assert only_action(clinic_letter(f"Plan:\n1. {line}")).quote == line


def test_the_patient_told_to_book_with_the_gp_about_something_is_a_request() -> None:
    line = "She asked about her memory tests; I have suggested she books an appointment with you to go through them."
    assert len(read_letter(clinic_letter(line))) == 1


# --- writers with an unusual English (hand 133) -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "I leave to your good self to recheck her sodium in one week time.",
        "It will be kind of you to add the diagnosis of gout in her records.",
        "It will be nice if his shingles vaccine can be given at your surgery.",
        "His potassium may be rechecked after two weeks of the new dose.",
    ],
)
def test_polite_and_indirect_requests_in_an_unusual_english_are_read(line: str) -> None:
    assert only_action(clinic_letter(line)).quote == line


def test_the_patient_sent_to_your_good_self_about_the_hospitals_operation_is_a_contact_point() -> None:
    line = "In case he is having any query about the date of his operation, he may contact your goodself."
    action = only_action(clinic_letter(line))
    assert (action.verdict, action.rule) == ("inappropriate", "contact_point")


# --- supply on discharge (hands 128 and 133) ---------------------------------------------------------------------------


def test_the_rest_of_a_long_course_after_two_weeks_supplied_is_the_practices() -> None:
    body = (
        "Prednisolone 30 mg reducing by 5 mg weekly - 2 weeks supplied.\nGP to prescribe the remainder of the course.\n"
    )
    action = only_action(discharge_summary(body), "discharge_summary")
    assert (action.category, action.verdict) == ("medication", "appropriate")


def test_the_rest_of_a_course_after_a_few_days_supplied_stays_the_hospitals() -> None:
    body = "Amlodipine 5 mg - 14 days supplied.\nDalteparin 5000 units - 3 days supplied - remainder via GP please.\n"
    action = only_action(discharge_summary(body), "discharge_summary")
    assert (action.verdict, action.rule) == ("inappropriate", "discharge_medication")


def test_a_patient_remaining_on_a_medicine_is_no_short_supply() -> None:
    line = "Lansoprazole 30 mg daily - please reduce to 15 mg if he is remaining on aspirin alone."
    action = only_action(discharge_summary(f"Actions for GP:\n{line}"), "discharge_summary")
    assert (action.category, action.verdict) == ("medication", "appropriate")


# --- letters in one long paragraph (hand 136) --------------------------------------------------------------------------


def test_a_second_ask_after_an_occasion_in_a_run_on_sentence_is_its_own_request() -> None:
    line = (
        "she will need a repeat ultrasound in 3 months (please arrange), and at her next diabetes review could you "
        "please check her feet for pressure areas"
    )
    assert len(read_letter(clinic_letter(f"I saw her today, {line}."))) == 2


def test_could_the_practice_please_refer_him_in_a_run_on_sentence_is_one_request_judged_with_its_service() -> None:
    body = (
        "Mr Patient, 61, a taxi driver, came in with central chest pain and an NSTEMI, angiography showed a tight "
        "proximal LAD which was stented the next day, he has been seen by the inpatient stop smoking team who have "
        "referred him on to the community service, the cardiac rehab referral was not done before he went home "
        "(ward clerk off) - could the practice please refer him, he has been told about the DVLA."
    )
    actions = read_letter(discharge_summary(body), "discharge_summary")
    assert [(a.quote, a.verdict, a.rule) for a in actions if a.category == "referral"] == [
        (
            "the cardiac rehab referral was not done before he went home (ward clerk off) - could the practice please "
            "refer him",
            "inappropriate",
            "onward_referral",
        )
    ]


# --- the weakest blind hands of version 20, read (hands 115 and 126) ---------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "pls reveiw his inhalers in 2 weeks",
        "GP to perscribe folic acid 5mg daily",
        "pls reffer to the community podiatry team",
        "if no OPA letter recieved in 3 wks pls chase",
    ],
)
def test_the_common_slips_in_a_request_are_read_through(line: str) -> None:
    assert only_action(ed_letter(f"plan\n{line}\nreturn if worse"), "ed_letter").quote == line


def test_a_list_numbered_without_stops_is_one_entry_a_number() -> None:
    body = (
        "PLAN\n1 START lamotrigine 25mg od for 2 wks then 50mg od - 4 weeks supplied, GP pls continue after that\n"
        "2 she would like to start a family so plese prescribe folic acid 5mg daily\n"
        "3 pls add epilepsy to her problem list\n"
    )
    assert len(read_letter(clinic_letter(body))) == 3


def test_plan_typed_in_small_letters_heads_the_plan() -> None:
    body = (
        "plan\nnaproxen 500mg bd 5 days (supplied)\nif pain not settled in 2 wks GP to refer to physio\n"
        "BP high in ED, pls recheck his BP at the practice in 2 weeks\nreturn if worse\n"
    )
    assert len(read_letter(ed_letter(body), "ed_letter")) == 2


def test_a_further_fit_note_should_more_time_off_be_needed_is_the_practices() -> None:
    body = (
        "I have given him a fit note today covering the next 4 weeks. Should he need further time off after that, "
        "please review him and issue a further fit note as you see fit."
    )
    action = only_action(clinic_letter(body))
    assert (action.category, action.verdict) == ("fit_note", "appropriate")


def test_a_blood_pressure_raised_in_clinic_is_not_a_specialist_drugs_monitoring() -> None:
    body = (
        "- Please start methotrexate 10mg once weekly and take over prescribing - shared care will follow.\n"
        "- Pulse raised in clinic - pls could the practice recheck his pulse and BP.\n"
    )
    checks = [a for a in read_letter(clinic_letter(body)) if "recheck" in a.quote]
    assert [(a.verdict, a.rule) for a in checks] == [("appropriate", None)]
