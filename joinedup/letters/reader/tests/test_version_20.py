"""Reader version 20 (decision 0044): the forms behind the misses in hands 117, 120 and 124 (community and independent
sector letters, letters to patients, advice replies), in wordings of our own that are not in any annotated set."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.engine import read_letter
from joinedup.letters.reader.tests.helpers import clinic_letter, discharge_summary, only_action, quotes


def letter_from(heading: str, body: str) -> str:
    """A letter to the GP from the service `heading` names."""
    return (
        f"{heading}\nAshcombe Community Services\n\nPatient: Mr Test PATIENT  NHS 999 000 0002\n"
        f"GP: Dr A Example, Elm Tree Surgery\n\n{body}\n\nSigned: B Author\n"
    )


def advice_reply(body: str) -> str:
    """An advice and guidance reply whose header gives only the dates of the request and the reply."""
    return (
        "Advice & Guidance - Rheumatology\nTestbury Hospitals NHS Trust\n\nTo: Dr A Example, Elm Tree Surgery\n"
        "Date of request: 02/03/2026   Date of reply: 04/03/2026\nPatient: Mr Test PATIENT, 999 000 0001\n\n"
        'Your question: "Raised CRP and stiff shoulders, ?PMR - treat or refer?"\n\nReply:\n'
        + body
        + "\n\nDr B Author\n"
    )


# --- who is asked, and under which heading -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Practice nurse or DN to check his blood glucose twice weekly while on prednisolone.",
        "Practice nurse / district nurse to redress the graft site every 3 days.",
    ],
)
def test_the_practice_nurse_or_a_district_nurse_asked_together_is_a_request(line: str) -> None:
    assert only_action(discharge_summary(f"Actions for GP:\n1. {line}\n")).quote == line


@pytest.mark.parametrize("heading", ["Plan - for GP", "Plan (for GP)", "Plan – for the practice"])
def test_a_plan_headed_for_the_gp_is_the_practices_list(heading: str) -> None:
    body = f"{heading}\n* Oxycodone PRN dose to be increased to 5 mg.\n* Zomorph to be reduced to 20 mg BD.\n"
    assert quotes(clinic_letter(body)) == [
        "Oxycodone PRN dose to be increased to 5 mg.",
        "Zomorph to be reduced to 20 mg BD.",
    ]


def test_a_medicine_change_in_the_hospitals_plan_is_not_the_practices() -> None:
    assert quotes(clinic_letter("Our plan:\n* Oxycodone PRN dose to be increased to 5 mg.\n")) == []


# --- shared care: the agreement the letter names may be another drug's -----------------------------------------------


@pytest.mark.parametrize(
    "asking",
    [
        "Guanfacine is not covered by that shared care agreement, but we would be grateful if you could prescribe it.",
        "Liothyronine is not part of our shared care agreement; please could you take over the prescription.",
    ],
)
def test_a_drug_outside_the_agreement_signed_for_another_stays_the_hospitals(asking: str) -> None:
    body = f"The practice signed the shared care agreement for lithium in May. {asking}"
    action = only_action(clinic_letter(body))
    assert action.quote == asking
    assert (action.verdict, action.rule) == ("inappropriate", "shared_care")


def test_a_drug_said_to_be_outside_the_agreement_leaves_another_drugs_agreement_in_place() -> None:
    body = (
        "Thank you for signing the shared care agreement for azathioprine. I would be grateful if you could take over "
        "prescribing azathioprine 100 mg daily. Allopurinol is not covered by the shared care agreement."
    )
    action = only_action(clinic_letter(body))
    assert action.quote.startswith("I would be grateful if you could take over prescribing azathioprine")
    assert action.verdict == "appropriate"


# --- a referral the service that wrote makes itself ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "asking"),
    [
        ("Home Treatment Team - Discharge Summary", "GP to refer to talking therapies for CBT."),
        ("Crisis Resolution Team", "Please refer him to the community mental health team."),
        ("Brookfield Eye Surgery Centre", "Please refer for the right cataract when the left eye has settled."),
    ],
)
def test_a_referral_to_the_writing_services_own_kind_of_clinic_is_its_own(heading: str, asking: str) -> None:
    action = only_action(letter_from(heading, f"Requests to GP:\n1. {asking}\n"))
    assert action.quote == asking
    assert (action.verdict, action.rule) == ("inappropriate", "onward_referral")


# --- a re-referral only if the problem comes back ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Should the skin break down again, please re-refer to the tissue viability team.",
        "If her low mood reappears, please re-refer via the single point of access.",
        "If there are any signs of recurrence please re-refer to our leg ulcer clinic.",
    ],
)
def test_a_re_referral_only_if_the_problem_comes_back_is_the_practices_call(line: str) -> None:
    body = f"She has been discharged from our caseload. {line}"
    action = only_action(letter_from("Leg Ulcer and Tissue Viability Service", body))
    assert action.quote == line
    assert action.verdict == "appropriate"


def test_a_re_referral_on_a_flare_before_the_next_appointment_stays_the_hospitals() -> None:
    action = only_action(
        clinic_letter("I will see her in clinic in 4 months. If she flares before then, GP to re-refer.")
    )
    assert action.verdict == "inappropriate"


# --- lines that name the practice but ask nothing of it ---------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Indication: Altered bowel habit. Routine direct access referral (GP).",
        "Reason for referral to HTT\nReferred by ED liaison after an overdose.",
        "Referred by: GP (Dr Example), routine.",
    ],
)
def test_a_line_of_history_that_names_the_practice_is_not_a_request(line: str) -> None:
    assert read_letter(discharge_summary(line)) == []


@pytest.mark.parametrize(
    "line",
    [
        "Current medication:\nBisoprolol 2.5 mg OD - existing (GP)",
        "Medication:\nMesalazine 2.4 g OD - shared care with practice, already in place",
    ],
)
def test_a_medicines_list_line_saying_what_the_practice_already_does_is_not_a_request(line: str) -> None:
    assert read_letter(discharge_summary(line)) == []


@pytest.mark.parametrize(
    "line",
    [
        "GP ACTION NEEDED:    [X] Yes - see below    [ ] No",
        "GP actions:\n[ ] Please refer to the retinal screening programme - N/A, already referred by the ward",
    ],
)
def test_a_forms_tick_box_answer_or_an_item_marked_not_needed_is_not_a_request(line: str) -> None:
    assert read_letter(discharge_summary(line)) == []


def test_information_for_the_gp_is_not_a_request_unless_it_asks() -> None:
    told = "Information for GP: his wife has the ward's number for any questions about his wound."
    asked = "Information for GP: you may wish to repeat his potassium once he is eating again."
    assert quotes(discharge_summary(told)) == []
    assert quotes(discharge_summary(asked)) == [asked]


# --- advice replies ---------------------------------------------------------------------------------------------------


def test_in_an_advice_reply_what_the_adviser_would_start_is_advice_to_the_practice() -> None:
    line = "I would start prednisolone 15 mg once daily and review the response at 1 week."
    action = only_action(advice_reply(f"Recommendations:\n1. {line}\n"))
    assert (action.quote, action.category, action.verdict) == (line, "medication", "appropriate")


def test_a_list_opened_by_i_would_suggest_after_a_blank_line_is_the_practices() -> None:
    body = (
        "This sounds like polymyalgia; the raised CRP fits. I would suggest:\n\n"
        "1. Bone profile and vitamin D if not already done.\n"
        "2. Alendronic acid 70 mg once weekly while on steroids.\n"
    )
    found = quotes(advice_reply(body))
    assert found == [
        "Bone profile and vitamin D if not already done.",
        "Alendronic acid 70 mg once weekly while on steroids.",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Mometasone ointment once daily to the plaques for 2 weeks, then twice weekly.",
        "Calcipotriol scalp solution applied at night.",
    ],
)
def test_a_medicine_and_its_dosing_in_an_advice_replys_list_is_advice_to_prescribe(line: str) -> None:
    action = only_action(advice_reply(f"In the meantime I'd suggest:\n- {line}\n"))
    assert (action.quote, action.category) == (line, "medication")


def test_the_practices_original_request_quoted_in_a_reply_is_not_read() -> None:
    body = (
        "Original request:\n> eGFR falling 48 -> 39 over a year, please advise.\n\nResponse:\nManage in primary care."
    )
    assert read_letter(advice_reply(body)) == []


@pytest.mark.parametrize(
    "line",
    [
        "Atorvastatin could go up to 80 mg if LDL remains above target.",
        "Urine ACR if not done in the last year.",
        "Calculate a QRISK3 score and offer a statin if 10% or more.",
    ],
)
def test_advice_under_the_practices_heading_in_its_own_forms(line: str) -> None:
    assert only_action(advice_reply(f"Recommendations:\n1. {line}\n")).quote == line


# --- results, follow-up and categories ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "CA-125 every 4 months for 2 years, results to Mr Okafor's secretary.",
        "PSA 3-monthly, results to Dr Ruiz's specialist nurse.",
    ],
)
def test_surveillance_bloods_whose_results_go_back_to_the_surgeon_are_its_follow_up(line: str) -> None:
    action = only_action(discharge_summary(f"Actions for GP:\n- {line}\n"))
    assert (action.verdict, action.rule) == ("inappropriate", "provider_follow_up")


@pytest.mark.parametrize("line", ["GP to inform pt of biopsy results.", "GP to inform the patient of the results."])
def test_telling_the_patient_the_hospitals_results_is_a_results_request(line: str) -> None:
    action = only_action(discharge_summary(f"Biopsies taken at colonoscopy.\n\nPlan:\n- {line}\n"))
    assert (action.category, action.rule) == ("results", "test_results")


@pytest.mark.parametrize(
    "line",
    [
        "Grateful if you could offer her a GP appointment next week to see how she is coping.",
        "Please could you see him this week to review his mood.",
        "Please can the practice make a follow-up phone call within 3 days of discharge.",
    ],
)
def test_seeing_the_patient_is_a_follow_up(line: str) -> None:
    assert only_action(clinic_letter(line)).category == "follow_up"


# --- result letters: who asked for the test (hand 116) ------------------------------------------------------------------


def report(requester: str, body: str) -> str:
    """A result letter to the GP whose header names who asked for the test."""
    return (
        "Testbury Hospitals NHS Trust\nRespiratory Physiology\n\nTo: Dr A Example, Elm Tree Surgery\n\n"
        f"Patient: Mr Test PATIENT  NHS 999 000 0002\nTest: full lung function, 02/03/2026\nRequested by: {requester}\n\n"
        f"{body}\n\nClinical Physiologist\n"
    )


HOSPITAL_REQUESTER = "Dr P Ruiz, Consultant Respiratory Physician, chest clinic (GP referral for breathlessness)"
GP_REQUESTER = "Dr A Example (GP), Elm Tree Surgery - direct access"


@pytest.mark.parametrize(
    "line",
    [
        "Please request a high-resolution CT of the chest.",
        "Please let Mr Patient know the result.",
        "Given these findings, we would be grateful if you could start a trial of a LAMA inhaler.",
    ],
)
def test_what_a_test_the_hospital_asked_for_calls_for_is_the_hospitals(line: str) -> None:
    action = only_action(report(HOSPITAL_REQUESTER, f"Conclusion: reduced gas transfer.\n\n{line}"))
    assert (action.verdict, action.rule) == ("inappropriate", "test_results")


def test_treatment_for_what_the_practices_own_direct_access_test_found_is_the_practices() -> None:
    line = "Given these findings, we would be grateful if you could start a trial of a LAMA inhaler."
    action = only_action(report(GP_REQUESTER, f"Conclusion: reduced gas transfer.\n\n{line}"))
    assert (action.category, action.verdict) == ("medication", "appropriate")


def test_the_practice_that_asked_is_asked_to_call_its_patient_about_an_urgent_finding() -> None:
    line = "As the requesting clinician, please contact Mr Patient today to explain the finding and the CT booked."
    action = only_action(report(GP_REQUESTER, f"Conclusion: a 3 cm mass in the right upper lobe.\n\n{line}"))
    assert (action.quote, action.category, action.verdict) == (line, "results", "appropriate")


def test_a_related_referral_after_the_practices_own_excision_is_the_practices() -> None:
    body = (
        "Diagnosis: basal cell carcinoma, incompletely excised at the deep margin.\n\n"
        "We would recommend referral to the dermatology team for consideration of re-excision; this does not need to be "
        "a suspected cancer referral."
    )
    action = only_action(report("Dr A Example (GP), Elm Tree Surgery, minor surgery clinic", body))
    assert (action.category, action.verdict) == ("referral", "appropriate")


@pytest.mark.parametrize(
    "line",
    [
        "We would be grateful if the practice nurse could take MRSA screening swabs before her hip operation.",
        "Please check his U&E before his CT scan and send the result to the radiology department.",
    ],
)
def test_a_test_the_hospitals_own_procedure_needs_first_is_its_pre_assessment(line: str) -> None:
    action = only_action(clinic_letter(line))
    assert (action.verdict, action.rule) == ("inappropriate", "provider_follow_up")


def test_the_operation_is_not_the_practice_when_a_sentence_says_before_surgery_to() -> None:
    assert read_letter(clinic_letter("The ward will ring her the day before surgery to confirm the time.")) == []


@pytest.mark.parametrize(
    "line", ["Reason for test: BP 168/94 twice at the practice", "Clinical details: cough, ?TB (GP)"]
)
def test_the_reason_for_the_test_is_history_not_a_request(line: str) -> None:
    assert read_letter(report(GP_REQUESTER, line)) == []
