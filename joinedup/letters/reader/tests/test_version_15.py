"""Reader version 15 after reading hands 61, 63, 65, 67 and 68 (decision 0037): each form behind a miss or a wrong
verdict, in wordings of our own that are not in any annotated set."""

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

# --- what to do on a condition ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "category"),
    [
        ("If the ALT rises to three times the upper limit, withhold the atorvastatin.", "medication"),
        ("If she remains well on the lower dose, or the tremor settles, stop the propranolol.", "medication"),
        ("If he is not started on treatment, monitor his thyroid function once a year.", "monitoring"),
        ("Once the loading course is finished, start colecalciferol 800 units daily.", "medication"),
    ],
)
def test_an_instruction_on_a_condition_is_a_request(line: str, category: str) -> None:
    action = only_action(clinic_letter(f"Suggestions:\n{line}\n"), "advice_reply")
    assert action.quote == line
    assert action.category == category


@pytest.mark.parametrize(
    "line",
    [
        "If the swelling has not settled in a week, see GP.",
        "If the wound becomes hot or red, see the practice nurse for a check.",
        "If the pain gets worse, return to the emergency department.",
    ],
)
def test_a_condition_that_sends_the_patient_somewhere_is_a_safety_net(line: str) -> None:
    assert quotes(ed_letter(f"Sprained left ankle.\nPlan:\n{line}\n")) == []


# --- who is asked -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "GP/DN to take out the clips on day 12.",
        "DN/GP to check the wound in one week.",
        "GP or practice nurse to remove the sutures at 10 days.",
    ],
)
def test_the_practice_sharing_a_task_with_the_district_nurses_is_asked(line: str) -> None:
    action = only_action(discharge_summary(f"Laparoscopic appendicectomy on 02/03/2026.\n\nPlan\n- {line}\n"))
    assert action.quote.startswith(line.rstrip("."))
    assert action.rule == "provider_follow_up"


@pytest.mark.parametrize(
    "line",
    [
        "I have asked that the practice refer her to the community continence service.",
        "We have requested that your GP stop the naproxen.",
    ],
)
def test_asked_that_the_practice_does_something_is_a_request(line: str) -> None:
    assert quotes(clinic_letter(line + "\n")) == [line]


@pytest.mark.parametrize(
    "line",
    [
        "Could gout be coded on his practice record?",
        "Could he be added to the practice's learning disability register?",
        "Her thyroid function is next due in May - can this be done with her annual bloods at the surgery?",
    ],
)
def test_a_task_asked_as_a_question_is_a_request(line: str) -> None:
    assert quotes(clinic_letter(line + "\n")) == [line]


def test_a_question_of_the_letters_own_is_not_a_request() -> None:
    assert quotes(clinic_letter("Could this be a side effect of the amlodipine? I think it unlikely.\n")) == []


# --- where one request ends and the next begins -------------------------------------------------------------------


def test_requests_in_small_letters_one_a_line_are_separate() -> None:
    body = (
        "Chest pain, ECG normal, first troponin 6.\n\n"
        "GP actions:\n"
        "  please chase the 6h troponin and if raised recall pt\n"
        "  please refer to the rapid access chest pain clinic\n"
    )
    found = quotes(ed_letter(body))
    assert found == [
        "please chase the 6h troponin and if raised recall pt",
        "please refer to the rapid access chest pain clinic",
    ]


def test_dictation_in_small_letters_ends_its_sentences_at_each_stop() -> None:
    body = (
        "seen today 6/52 post op. wound healed. she has been on tramadol since the op and is drowsy so i would like "
        "this stopped, GP please oversee.\n"
        "clips not removed today - pls can practice nurse remove them on day 14.\n"
    )
    found = quotes(clinic_letter(body))
    assert len(found) == 2
    assert found[0].startswith("she has been on tramadol")
    assert found[1].startswith("clips not removed today")


def test_a_dashed_list_after_the_practices_label_is_one_request_an_item() -> None:
    body = (
        "Plan: home today. GP to: - repeat U&E in 1/52, treat if K above 5.5 - check BP 2/52 - review the statin "
        "at next annual review\n"
    )
    found = quotes(discharge_summary(body))
    assert found == [
        "repeat U&E in 1/52, treat if K above 5.5",
        "check BP 2/52",
        "review the statin at next annual review",
    ]


# --- shorthand and what a clause really says ----------------------------------------------------------------------


@pytest.mark.parametrize("line", ["STOR at practice nurse 10/7", "ROS at practice nurse d10"])
def test_suture_removal_shorthand_after_the_hospitals_repair_is_its_follow_up(line: str) -> None:
    body = f"Laceration L forearm, 5 x 4/0 sutures.\n\nDetails of GP action:\n1) {line}\n"
    action = only_action(ed_letter(body))
    assert action.category == "follow_up"
    assert action.rule == "provider_follow_up"


def test_a_patient_advised_to_see_their_own_gp_for_a_sick_note_without_a_subject() -> None:
    body = (
        "Fractured R wrist, backslab applied. Works as a plasterer, cannot work - advised to see own GP for sick note\n"
    )
    action = only_action(ed_letter(body))
    assert action.category == "fit_note"
    assert action.rule == "fit_note"


def test_rebooking_the_hospitals_clinic_is_its_follow_up() -> None:
    body = "Undisplaced fracture of the 5th metatarsal.\nIf no fracture clinic appointment within 10 days, GP pls rebook FC.\n"
    action = only_action(ed_letter(body))
    assert action.category == "follow_up"
    assert action.rule == "provider_follow_up"


@pytest.mark.parametrize("test", ["the CRP", "his potassium", "the 12h troponin"])
def test_chasing_a_sample_already_taken_is_about_its_result(test: str) -> None:
    body = f"Bloods were sent before he went home.\nGP actions:\n- please chase {test}\n"
    action = only_action(ed_letter(body))
    assert action.category == "results"
    assert action.rule == "test_results"


def test_a_patient_who_has_none_is_not_a_negation() -> None:
    body = "I would like her to start lansoprazole 30 mg OD - please prescribe this week, as she has none.\n"
    action = only_action(clinic_letter(body))
    assert action.category == "medication"
    assert action.rule == "outpatient_medication"


def test_chasing_equipment_the_hospitals_team_ordered_is_its_own_contact() -> None:
    body = (
        "Equipment: raised toilet seat ordered by the ward OT on 02/03, not yet delivered. "
        "Pls chase the community equipment service if not arrived by next week.\n"
    )
    found = [a for a in read_letter(discharge_summary(body)) if "chase" in a.quote]
    assert [a.rule for a in found] == ["contact_point"]


def test_sent_to_ask_at_the_surgery_with_questions_about_the_hospitals_drug() -> None:
    body = "She is settled on valproate.\nI have said she can ask at her surgery if she has any more questions about valproate.\n"
    action = only_action(clinic_letter(body))
    assert action.rule == "contact_point"


def test_titrating_as_results_allow_after_discharge_is_the_practices() -> None:
    body = "Ramipril 2.5 mg OD started on the ward.\nUptitrate ramipril as BP and renal function allow, aim 10 mg OD.\n"
    found = quotes(discharge_summary(body))
    assert "Uptitrate ramipril as BP and renal function allow, aim 10 mg OD." in found


# --- verdicts -----------------------------------------------------------------------------------------------------


def test_a_high_risk_foot_the_diabetes_team_found_is_its_referral_to_make() -> None:
    body = (
        "Reduced monofilament sensation both feet, absent pulses -> high risk foot.\n"
        "I would be grateful if you could refer him to podiatry for a foot protection assessment.\n"
    )
    action = only_action(clinic_letter(body))
    assert action.category == "referral"
    assert action.rule == "onward_referral"


def test_a_new_problem_the_patient_raised_is_left_with_the_practice_whatever_else_happened() -> None:
    body = (
        "He did not attend his first physiotherapy appointment and physiotherapy have discharged him.\n"
        "Arthroscopic washout of the right knee on 02/02/2026; the portals have healed.\n"
        "He mentioned a mole on his back that has darkened. I did not examine it today - please review it at the surgery.\n"
    )
    found = [a for a in read_letter(clinic_letter(body)) if "review it" in a.quote]
    assert len(found) == 1
    assert found[0].verdict == "appropriate"


# --- after reading hands 69 and 71 --------------------------------------------------------------------------------

COLLEAGUE_LETTER = """Testbury Hospitals NHS Trust
Department of Renal Medicine

Dr R Colleague
Consultant Cardiologist
Testbury General Hospital

Dear Rachel

Re: Mr Test PATIENT, NHS No 999 000 0001

Thank you for asking me to see him about his kidney function.

{label}:
- {first}
- {second}

With best wishes

Dr B Author
Consultant Nephrologist

cc: Dr A Example, Elm Tree Surgery
"""


@pytest.mark.parametrize(
    "label",
    [
        "For Dr Example, his GP, who is copied in",
        "For Dr Example (GP), to whom this letter is copied",
        "With regard to his GP, to whom I am copying this letter",
    ],
)
def test_a_section_for_the_copied_gp_in_a_letter_to_a_colleague_asks_the_practice(label: str) -> None:
    first = "Amlodipine 5 mg was started here with 28 days supplied; please add it to his repeat prescription."
    second = "Please record CKD G3b on his problem list."
    found = quotes(COLLEAGUE_LETTER.format(label=label, first=first, second=second))
    assert found == [first, second]


def test_what_the_gp_then_does_in_a_letter_to_the_patient_is_asked_of_the_practice() -> None:
    body = "The blood tests we took in clinic today will be sent to your GP, who will go through the results with you."
    action = only_action(patient_letter(body))
    assert action.category == "results"
    assert action.rule == "test_results"


RETURNED_REFERRAL = """Advice & Guidance Response - NHS e-Referral Service
Provider: Testbury Hospitals NHS Trust | Dermatology (General)
Requesting clinician: Dr A Example, Elm Tree Surgery
Patient: Mr Test PATIENT | NHS 999 000 0001

Referral returned with advice.
The photographs show an irregular pigmented lesion that needs to be seen urgently. {line}
"""


def test_a_returned_referral_to_be_sent_again_on_the_suspected_cancer_pathway_is_the_trusts_to_upgrade() -> None:
    line = "Please re-refer her today on the suspected skin cancer pathway with the images attached."
    action = only_action(RETURNED_REFERRAL.format(line=line), "advice_reply")
    assert action.category == "referral"
    assert action.rule == "onward_referral"


def test_a_re_referral_on_a_condition_in_an_advice_reply_stays_the_practices() -> None:
    line = "If it changes in size or colour, please re-refer her on the suspected skin cancer pathway."
    action = only_action(RETURNED_REFERRAL.format(line=line), "advice_reply")
    assert action.verdict == "appropriate"


def test_the_surgeons_consideration_is_not_the_practices_judgement() -> None:
    body = (
        "Therapy Services - MSK Physiotherapy\n\nI assessed his right knee today: positive Lachman test, probable ACL "
        "rupture.\nI would be grateful if you could refer him to the orthopaedic knee clinic for MRI and consideration "
        "of reconstruction.\n"
    )
    action = only_action(clinic_letter(body))
    assert action.rule == "onward_referral"


def test_monitoring_on_the_terms_of_a_signed_shared_care_agreement_is_the_practices() -> None:
    body = (
        "Thank you for signing our lithium shared care agreement last month.\n"
        "Under that agreement, please check his lithium level and U&Es every three months and send the lithium "
        "results to the community mental health team.\n"
    )
    action = only_action(clinic_letter(body))
    assert action.category == "monitoring"
    assert action.verdict == "appropriate"


def test_the_practices_own_question_quoted_after_q_asks_nothing() -> None:
    body = (
        "Q (Dr Example): 60M, palpitations for 2 months, ECG normal. Please advise ?refer.\n\n"
        "A: Please arrange a 7-day ambulatory ECG through the direct-access service.\n"
    )
    found = quotes(RETURNED_REFERRAL.format(line="").replace("Referral returned with advice.", body), "advice_reply")
    assert len(found) == 1
    assert found[0].endswith("Please arrange a 7-day ambulatory ECG through the direct-access service.")


UNWRAPPED_DISCHARGE = (
    "Testbury Hospitals NHS Trust - ELECTRONIC DISCHARGE SUMMARY\nPatient: Mr Test PATIENT  NHS 999 000 0002\n\n"
    "Clinical summary: admitted with a fall and acute kidney injury on a background of hypertension and type 2 "
    "diabetes; rehydrated, kidney function improving, mobilising with a frame by the day of discharge home.\n\n"
    "{heading}\n{lines}\n\nDr B Author FY1\n"
)


@pytest.mark.parametrize("heading", ["GP ACTIONS (free text)", "To do - GP:", "Actions for GP [free text]"])
def test_each_typed_line_under_the_practices_heading_is_its_own_request(heading: str) -> None:
    lines = [
        "U&E 1/52 - ramipril withheld for AKI",
        "restart ramipril if creatinine back to baseline",
        "urine culture - final report outstanding pls chase",
    ]
    found = quotes(UNWRAPPED_DISCHARGE.format(heading=heading, lines="\n".join(lines)), "discharge_summary")
    assert found == lines


def test_a_test_the_hospital_requested_itself_is_not_asked_of_the_practice() -> None:
    lines = "U&E 1/52 pls\nRepeat CXR 6/52 - requested by us, pt to attend walk-in X-ray; we will write to pt and GP"
    found = quotes(UNWRAPPED_DISCHARGE.format(heading="GP ACTIONS:", lines=lines), "discharge_summary")
    assert found == ["U&E 1/52 pls"]


@pytest.mark.parametrize(
    "line", ["Sertraline - continue, can reduce to 50 mg once mood settled", "Apixaban - annual U&E/FBC for dose check"]
)
def test_a_medicine_then_what_to_do_with_it_under_the_practices_heading_is_a_request(line: str) -> None:
    found = quotes(UNWRAPPED_DISCHARGE.format(heading="GP actions:", lines=line), "discharge_summary")
    assert found == [line]


def test_a_cast_check_after_the_hospitals_fracture_care_is_its_follow_up() -> None:
    body = (
        "Buckle fracture of the distal radius, below-elbow cast applied.\nCast check at GP practice in 1/52 please.\n"
    )
    action = only_action(ed_letter(body))
    assert action.category == "follow_up"
    assert action.rule == "provider_follow_up"


def test_a_test_then_a_step_to_consider_after_a_dash_are_two_requests() -> None:
    line = "postural BP recheck 2/52 - consider reducing amlodipine if still symptomatic"
    found = quotes(UNWRAPPED_DISCHARGE.format(heading="For GP:", lines=line), "discharge_summary")
    assert found == ["postural BP recheck 2/52", "consider reducing amlodipine if still symptomatic"]


def test_a_pending_result_on_the_next_line_does_not_make_shared_care_pending() -> None:
    lines = (
        "Shared care: lithium prescribed by GP under the existing shared care agreement (in place since 2019).\n\n"
        "GP actions:\nContinue Priadel 400mg ON on repeat (shared care) - please amend repeat from 600mg\n"
        "Li level 1/52 after restart, then as per shared care protocol\nTFTs pending - pls chase"
    )
    found = [a for a in read_letter(UNWRAPPED_DISCHARGE.format(heading="", lines=lines)) if "Priadel" in a.quote]
    assert [a.verdict for a in found] == ["appropriate"]


# --- after reading hands 73 and 74 --------------------------------------------------------------------------------


def test_a_gp_named_in_the_copy_list_asked_as_a_question_in_a_letter_to_a_colleague() -> None:
    letter = COLLEAGUE_LETTER.replace("cc: Dr A Example", "cc: Dr H Lee").format(
        label="Plan",
        first="Please could Dr Lee arrange a 24-hour tape in a month and send me the report.",
        second="I will see him again in three months.",
    )
    found = [a for a in read_letter(letter) if "Dr Lee" in a.quote]
    assert [a.rule for a in found] == ["provider_follow_up"]


@pytest.mark.parametrize(
    ("line", "category", "rule"),
    [
        ("Please ask your GP surgery for a yearly flu jab while you are on azathioprine.", "medication", None),
        (
            "Please take this letter to your GP surgery today so they can prescribe the colchicine.",
            "medication",
            "outpatient_medication",
        ),
        ("Please see your GP for a further fit note to cover you until your review here.", "fit_note", "fit_note"),
        (
            "If you need to change your next appointment with me, your GP surgery can arrange this for you.",
            "admin",
            "contact_point",
        ),
        (
            "If your scan appointment has not come through within six weeks, please ask your GP surgery to chase it.",
            "admin",
            "contact_point",
        ),
    ],
)
def test_the_practices_task_inside_a_letter_to_the_patient(line: str, category: str, rule: str | None) -> None:
    action = only_action(patient_letter(line))
    assert action.category == category
    assert action.rule == rule


def test_a_patient_sent_to_the_gp_to_write_to_the_hospital_about_the_wait() -> None:
    line = (
        "If the pain gets worse while you wait, please contact your GP, who can write to us about your operation date."
    )
    assert only_action(patient_letter(line)).rule == "contact_point"


def test_a_care_home_told_to_ask_the_gp_surgery_for_the_hospitals_results() -> None:
    body = "The bloods I took at the visit are still awaited; the home should ask the GP surgery for the results.\n"
    action = only_action(clinic_letter(body))
    assert action.category == "results"
    assert action.rule == "test_results"


def test_monitoring_before_a_shared_care_agreement_the_hospital_will_ask_for_later() -> None:
    body = (
        "While you are starting methotrexate, your GP surgery will do your blood tests every two weeks.\n\n"
        "Once you are on a stable dose we will ask your GP to take over prescribing under the shared care agreement."
    )
    found = [a for a in read_letter(patient_letter(body)) if "blood tests" in a.quote]
    assert [a.rule for a in found] == ["shared_care"]


def test_a_prescription_asked_of_the_surgery_while_shared_care_papers_are_on_their_way() -> None:
    line = "When the two weeks run out, please ask your GP surgery for Tom's next prescription; we are sending them the shared care paperwork."
    action = only_action(patient_letter(line))
    assert action.category == "specialist_prescribing"
    assert action.rule == "shared_care"


@pytest.mark.parametrize(
    "line",
    [
        "If you agree, a routine referral to the continence service would seem reasonable.",
        "He may need his analgesia reviewing in the meantime.",
        "She may need a larger supply of her emollient, 500 g each month.",
    ],
)
def test_hedged_and_implied_requests_to_the_practice(line: str) -> None:
    assert quotes(clinic_letter(line + "\n")) == [line]


def test_a_patient_who_will_see_the_gp_for_a_fit_note_until_the_hospitals_operation() -> None:
    body = "He is on the waiting list for hernia repair. He cannot lift at work and will come to see you for a fit note until his operation.\n"
    action = only_action(clinic_letter(body))
    assert action.rule == "fit_note"


def test_reviewing_the_hospitals_ecg_is_about_its_result() -> None:
    body = "An ECG was done in the day unit. We'd be grateful if the GP could review the ECG and let us know of any concerns.\n"
    action = only_action(clinic_letter(body))
    assert action.category == "results"
    assert action.rule == "test_results"


def test_a_referral_left_to_the_practice_is_its_own() -> None:
    body = "Her feet are dry but intact. We leave it to you whether a referral to podiatry would be worthwhile.\n"
    action = only_action(clinic_letter(body))
    assert action.verdict == "appropriate"


# --- after reading hand 76: requests said as what the patient will need -------------------------------------------


@pytest.mark.parametrize(
    ("body", "rule"),
    [
        (
            "Clarithromycin is to run for seven days, but pharmacy could only give him two days' worth, so the "
            "remaining five days will need to come from the surgery.",
            "discharge_medication",
        ),
        (
            "Omeprazole was started on the ward; pharmacy did not include it in his discharge medicines, so he will "
            "need it prescribing from the practice from today.",
            "discharge_medication",
        ),
        (
            "I would like her to start propranolol 10 mg twice daily straight away; I have not given her a supply, and "
            "she will be collecting a prescription from the surgery this afternoon.",
            "outpatient_medication",
        ),
    ],
)
def test_prescribing_left_to_the_practice_as_what_the_patient_will_need(body: str, rule: str) -> None:
    action = only_action(discharge_summary(body) if "ward" in body or "pharmacy" in body else clinic_letter(body))
    assert action.category == "medication"
    assert action.rule == rule


@pytest.mark.parametrize(
    "line",
    [
        "She will need her INR checked on Friday; I have spoken to the anticoagulation nurse, who has booked her in.",
        "He may need a referral to pulmonary rehabilitation once he has recovered from this admission.",
        "Ramipril 2.5 mg daily would be my choice for his blood pressure; this is not urgent.",
        "Finasteride could be added in six months if his symptoms have not settled; we leave that decision to you.",
    ],
)
def test_needs_choices_and_decisions_left_with_the_practice_are_requests(line: str) -> None:
    assert quotes(clinic_letter(line + "\n")) == [line]


def test_a_score_the_clinic_wants_back_before_its_review_is_its_follow_up() -> None:
    line = "It would be helpful if the practice could repeat her MMSE in six months and send us the score before her review with us."
    action = only_action(clinic_letter(line + "\n"))
    assert action.category == "monitoring"
    assert action.rule == "provider_follow_up"


def test_an_urgent_specialty_review_said_as_what_the_patient_needs_is_the_hospitals_referral() -> None:
    line = "He needs to be seen by ophthalmology within the next few days to examine his discs, and the practice might consider arranging this."
    action = only_action(clinic_letter(line + "\n"))
    assert action.category == "referral"
    assert action.rule == "onward_referral"


def test_a_repeat_chest_film_to_make_sure_the_hospitals_pneumonia_has_cleared() -> None:
    body = "Treated for right lower lobe pneumonia.\nA repeat chest film in six weeks would be sensible to make sure the shadowing has cleared.\n"
    action = only_action(discharge_summary(body))
    assert action.category == "investigation"
    assert action.rule == "provider_follow_up"


def test_final_culture_reports_still_to_come_are_the_hospitals_results() -> None:
    body = "Blood cultures: no growth so far, but the final reports will be out on Monday and it would be worth checking them then.\n"
    action = only_action(discharge_summary(body))
    assert action.category == "results"
    assert action.rule == "test_results"


# --- after reading hand 79 ----------------------------------------------------------------------------------------


def test_a_slashed_table_with_an_owner_column_gives_each_row_its_owner() -> None:
    body = (
        "Falls assessment at home.\n\n"
        "RECOMMENDATIONS   Recommendation / Owner / Timescale\n"
        "Strength and balance programme / Falls service / starts next week\n"
        "Review the zopiclone with a view to stopping / GP / next 4 weeks\n"
        "Sight test with own optician / Patient / soon\n"
    )
    found = quotes(clinic_letter(body))
    assert found == ["Review the zopiclone with a view to stopping / GP / next 4 weeks"]


def test_for_gp_in_small_letters_heads_the_practices_list() -> None:
    body = "seen with mum  acne improving\n\nfor GP\nlipids and LFTs in 1 month pls\ncould consider a nasal steroid for the hay fever\n"
    found = quotes(clinic_letter(body))
    assert found == ["lipids and LFTs in 1 month pls", "could consider a nasal steroid for the hay fever"]


def test_each_line_after_a_shorthand_request_under_the_practices_heading_is_its_own() -> None:
    body = (
        "GP actions:\n"
        "BP raised twice, probably pain related -> pls recheck at surgery in 2-3/52 when settled\n"
        "Fit note 2/52 pls - unable to work as a carer with one hand\n"
    )
    found = quotes(ed_letter("Colles fracture, manipulated and plastered.\n\n" + body))
    assert len(found) == 2
    assert found[1].startswith("Fit note 2/52 pls")


def test_a_patient_worried_the_clinic_will_not_call_is_the_hospitals_contact() -> None:
    body = "Pt worried he won't hear from fracture clinic - GP to chase them if no call by Monday\n"
    assert only_action(ed_letter("Buckle fracture, wrist splint.\n\nGP actions:\n" + body)).rule == "contact_point"


def test_a_further_fit_note_after_a_dash_and_a_condition_is_the_practices() -> None:
    body = "Fit note issued for 2 weeks. Heavy manual job - if he is not fit to return after 2 weeks, GP to extend the fit note.\n"
    found = [a for a in read_letter(discharge_summary(body)) if "extend" in a.quote]
    assert [a.verdict for a in found] == ["appropriate"]


def test_what_a_patient_does_not_need_before_a_test_is_timing_not_a_negation() -> None:
    line = "I'd be grateful if you could start tamsulosin 400 micrograms once daily, not urgent, as he doesn't need it before the biopsy."
    assert quotes(clinic_letter(line + "\n")) == [line]


def test_ok_to_restart_on_a_condition_is_the_practices_step() -> None:
    line = "If creatinine back near his baseline (~90s) ok to restart ramipril 5 mg."
    found = quotes(discharge_summary("AKI on ramipril.\n\nGP actions:\nU&E 1/52\n" + line))
    assert found == ["U&E 1/52", line]
