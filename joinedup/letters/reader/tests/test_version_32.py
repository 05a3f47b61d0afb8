"""Reader version 32: the forms a third hand's breaching snippets used (the practice named last, the patient sent to the
practice, the passive), each in wordings of our own (not from any annotated letter or snippet)."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.tests.helpers import (
    clinic_letter,
    discharge_summary,
    ed_letter,
    only_verdict,
    patient_letter,
    quotes,
    verdicts,
)

# --- the practice named last, in shorthand ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Follow-up: sutures out D10 @ GP surgery; fracture clinic 2/52.",
        "Wound review day 7 @ practice, then ortho clinic at 6 weeks.",
    ],
)
def test_a_task_at_the_practice_written_with_an_at_sign_is_a_request(line: str) -> None:
    assert only_verdict(discharge_summary(line), "discharge_summary") == (
        "follow_up",
        "inappropriate",
        "provider_follow_up",
    )


@pytest.mark.parametrize(
    "line",
    [
        "Questions about the chemotherapy timetable → GP surgery.",
        "Non-urgent queries about her infusion dates -> the practice.",
    ],
)
def test_queries_about_the_hospitals_care_routed_by_arrow_to_the_practice_are_a_contact_point_breach(line: str) -> None:
    assert only_verdict(clinic_letter(line)) == ("admin", "inappropriate", "contact_point")


def test_a_plan_line_that_ends_with_the_gp_as_its_owner_is_a_request() -> None:
    text = discharge_summary("Plan:\n- Cardiac rehab: referred by ward\n- Sick note: 8 weeks, GP\n- Clinic 6/52")
    assert verdicts(text, "discharge_summary") == {"Sick note: 8 weeks, GP": ("fit_note", "inappropriate", "fit_note")}


# --- what is to come from the practice --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Two days of rivaroxaban were supplied, so a further prescription is needed from the surgery by Friday.",
        "Only 3 days of tinzaparin have been dispensed, so the rest of the course is required from the practice.",
    ],
)
def test_a_prescription_needed_from_the_practice_after_a_short_supply_is_a_discharge_medication_breach(
    line: str,
) -> None:
    assert only_verdict(discharge_summary(line), "discharge_summary") == (
        "medication",
        "inappropriate",
        "discharge_medication",
    )


@pytest.mark.parametrize(
    "line",
    [
        "He was discharged on 3 May; the urine cultures remain pending; results to be followed up in primary care.",
        "Blood cultures were taken on admission and are still outstanding; results to be followed up in the community.",
    ],
)
def test_results_left_pending_at_discharge_for_primary_care_are_a_test_results_breach(line: str) -> None:
    assert only_verdict(discharge_summary(line), "discharge_summary") == ("results", "inappropriate", "test_results")


def test_a_fit_note_to_come_from_the_gp_in_a_plan_is_a_fit_note_breach() -> None:
    line = "Plan: rest for a fortnight, sick note for 2 weeks to come from the GP, and written advice given."
    assert only_verdict(discharge_summary(line), "discharge_summary") == ("fit_note", "inappropriate", "fit_note")


def test_an_appointment_that_will_need_chasing_from_the_practice_is_a_contact_point_breach() -> None:
    line = "If her MRI date has not arrived within six weeks, this will need chasing from the surgery."
    assert only_verdict(clinic_letter(line)) == ("admin", "inappropriate", "contact_point")


@pytest.mark.parametrize(
    "line",
    [
        "Biologic continues via hospital homecare - no prescribing needed from the practice.",
        "She has her own supply, so no prescription will be needed from the surgery.",
    ],
)
def test_nothing_needed_from_the_practice_asks_nothing(line: str) -> None:
    assert quotes(clinic_letter(line)) == []


def test_a_past_event_in_the_same_clause_as_the_practice_still_asks_nothing() -> None:
    line = "Her recent bloods at your surgery have all been normal, and her last ferritin in May was 80."
    assert quotes(clinic_letter(line)) == []


# --- the patient sent to the practice ---------------------------------------------------------------------------------


def test_concerns_about_recovery_raised_with_the_gp_are_a_contact_point_breach() -> None:
    line = (
        "Any concerns she has about her recovery before clinic should be raised with her GP, who can contact our team."
    )
    assert only_verdict(discharge_summary(line), "discharge_summary") == ("admin", "inappropriate", "contact_point")


def test_the_patient_asked_to_ask_the_gp_practice_for_the_rest_of_a_short_supply_is_a_breach() -> None:
    line = "You have 2 days of injections. Please ask your GP practice for a prescription to cover the other 26 days."
    assert only_verdict(patient_letter(line)) == ("medication", "inappropriate", "discharge_medication")


def test_the_patient_popping_into_the_surgery_for_a_certificate_is_a_fit_note_breach() -> None:
    line = "He will need four weeks off and is going to pop into the surgery for his certificate."
    assert only_verdict(discharge_summary(line), "discharge_summary") == ("fit_note", "inappropriate", "fit_note")


def test_the_patient_who_plans_to_see_the_gp_to_be_signed_off_is_a_fit_note_breach() -> None:
    line = "She intends to book in with you to get signed off while the cast is on."
    assert only_verdict(clinic_letter(line)) == ("fit_note", "inappropriate", "fit_note")


def test_the_patient_advised_to_go_back_to_the_gp_to_be_referred_is_a_request() -> None:
    assert quotes(clinic_letter("I have advised him to go back to you to be referred to the pain clinic."))


def test_a_relative_told_to_contact_the_gp_to_have_the_patient_referred_again_is_a_request() -> None:
    line = "I have suggested to his wife that she contacts you to have him referred to the community falls service."
    assert quotes(clinic_letter(line))


def test_the_patient_asked_to_collect_a_named_prescription_from_the_gp_is_a_request() -> None:
    assert quotes(clinic_letter("She has been asked to collect her Fostair prescription from you on Monday."))


def test_seeing_the_gp_in_months_who_can_send_the_patient_back_is_a_request() -> None:
    line = "Please see your GP in a year, who can send you back to us for another scan."
    assert quotes(patient_letter(line)) == [line]


@pytest.mark.parametrize(
    "line",
    [
        "Should anything about the procedure trouble you before the day, your surgery will be glad to help.",
        "Your GP practice will be able to update you on your place on the waiting list.",
    ],
)
def test_a_letter_to_the_patient_that_sends_hospital_questions_to_the_practice_is_a_contact_point_breach(
    line: str,
) -> None:
    assert only_verdict(patient_letter(line)) == ("admin", "inappropriate", "contact_point")


# --- the passive, and a referral named by its specialty ---------------------------------------------------------------


def test_a_fit_note_to_be_issued_with_no_owner_is_a_fit_note_breach() -> None:
    line = "Off work for another fortnight, with a sick note to be issued accordingly."
    assert only_verdict(clinic_letter(line)) == ("fit_note", "inappropriate", "fit_note")


def test_a_re_referral_that_would_be_needed_after_a_missed_first_appointment_is_a_dna_discharge_breach() -> None:
    text = clinic_letter(
        "Mr Hale did not attend his first appointment in the ENT clinic. He has been discharged; "
        "a re-referral via e-RS would be needed if he still wants to be seen."
    )
    assert verdicts(text)[
        "He has been discharged; a re-referral via e-RS would be needed if he still wants to be seen."
    ] == ("follow_up", "inappropriate", "dna_discharge")


def test_discharged_to_the_gp_who_may_re_refer_after_a_missed_first_appointment_is_a_dna_discharge_breach() -> None:
    text = clinic_letter(
        "Outcome:\n- Did not attend (new patient, urology)\n- Discharged to GP, who can re-refer if still symptomatic"
    )
    assert ("follow_up", "inappropriate", "dna_discharge") in verdicts(text).values()


def test_a_fresh_referral_that_would_be_welcomed_after_a_missed_first_appointment_is_a_dna_discharge_breach() -> None:
    text = clinic_letter(
        "Mrs Reid did not attend her first appointment in the memory clinic and has been discharged. If she would still "
        "like to be seen, a new referral would be welcomed."
    )
    assert ("follow_up", "inappropriate", "dna_discharge") in verdicts(text).values()


def test_a_plan_entry_that_names_a_specialty_referral_after_its_finding_is_a_request() -> None:
    text = clinic_letter(
        "Plan:\n- Emollients supplied today\n- Nail pitting and dactylitis, query PsA: rheumatology referral"
    )
    assert verdicts(text) == {
        "Nail pitting and dactylitis, query PsA: rheumatology referral": (
            "referral",
            "inappropriate",
            "onward_referral",
        )
    }


def test_a_line_that_only_names_a_specialty_referral_asks_nothing() -> None:
    assert quotes(clinic_letter("Urgent neurology referral\n\nI saw her today with a first seizure.")) == []


# --- a start that must not wait, and a supply that ran short ------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Naproxen 500 mg BD with omeprazole to be commenced immediately from primary care.",
        "It may be worth getting a course of doxycycline started for her today if the surgery can.",
    ],
)
def test_a_medicine_to_be_started_at_once_from_clinic_is_an_outpatient_medication_breach(line: str) -> None:
    assert only_verdict(clinic_letter(line)) == ("medication", "inappropriate", "outpatient_medication")


def test_gone_home_with_a_few_days_then_a_prescription_is_a_discharge_medication_breach() -> None:
    line = (
        "She went home with three days of ramipril, so it may be worth issuing a prescription to cover her after that."
    )
    assert only_verdict(discharge_summary(line), "discharge_summary") == (
        "medication",
        "inappropriate",
        "discharge_medication",
    )


# --- what is appropriate stays so ----------------------------------------------------------------------------------------


def test_a_returned_signed_shared_care_agreement_makes_taking_over_appropriate() -> None:
    text = clinic_letter(
        "Thank you for returning the signed shared care agreement for leflunomide. With the agreement in place, we would "
        "be grateful if the practice could now take over her leflunomide prescriptions and monitoring."
    )
    assert ("specialist_prescribing", "appropriate", None) in verdicts(text).values()


def test_a_further_fit_note_if_still_not_ready_for_work_after_the_hospitals_note_is_appropriate() -> None:
    line = (
        "Our fit note runs out on Friday; if he is still not ready to return to his job, please could the practice "
        "consider a further fit note."
    )
    assert only_verdict(clinic_letter(line)) == ("fit_note", "appropriate", None)


@pytest.mark.parametrize(
    "line",
    [
        "Her asthma is stable and I am not asking the practice to do anything at present.",
        "The renal unit checks these monthly, so there is no call for the surgery to repeat them.",
    ],
)
def test_saying_the_practice_is_not_asked_asks_nothing(line: str) -> None:
    assert quotes(clinic_letter(line)) == []


@pytest.mark.parametrize(
    "line",
    [
        "As agreed, prescribing and the monthly blood monitoring of azathioprine now pass to you from June.",
        "Under the signed shared care agreement she can therefore move to practice prescribing from next month.",
    ],
)
def test_prescribing_handed_to_the_practice_is_a_request(line: str) -> None:
    assert quotes(clinic_letter(line)) == [line]


def test_a_letter_to_the_patient_naming_what_their_gp_should_change_is_a_request() -> None:
    line = "I would like your GP, Dr Amin, to reduce your bisoprolol to 2.5 mg daily."
    assert quotes(patient_letter(line)) == [line]


def test_ed_letters_are_still_read_for_the_practice_named_last() -> None:
    assert only_verdict(ed_letter("Sick note for work: to obtain from GP."), "ed_letter")[2] == "fit_note"
