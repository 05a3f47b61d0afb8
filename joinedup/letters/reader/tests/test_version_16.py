"""Reader version 16 after reading hands 75, 81, 83 and 85 (decision 0038): each form behind a miss or a wrong
verdict, in wordings of our own that are not in any annotated set."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.context import build_context, join_split_words
from joinedup.letters.reader.tests.helpers import (
    clinic_letter,
    discharge_summary,
    ed_letter,
    only_action,
    patient_letter,
    quotes,
)

# --- letters to the patient ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "opening",
    [
        "You did not come to your bone density scan on 3 March.",
        "You missed your appointment with the hand therapist last month, so that service has closed your referral.",
        "Under our access policy, patients who do not attend are discharged back to the care of their GP.",
    ],
)
def test_a_missed_appointment_told_to_the_patient_makes_the_re_referral_the_hospitals(opening: str) -> None:
    body = f"{opening}\n\nIf you would still like to be seen, please ask your GP to refer you again."
    assert build_context(patient_letter(body), None).dna
    action = only_action(patient_letter(body))
    assert action.verdict == "inappropriate"
    assert action.rule == "dna_discharge"


def test_a_missed_appointment_the_patient_is_warned_about_is_not_one_missed() -> None:
    body = "If you miss your appointment, please ring us to rebook it.\n\nYour GP will continue your amlodipine."
    assert not build_context(patient_letter(body), None).dna


@pytest.mark.parametrize(
    "line",
    [
        "Your GP will receive the biopsy report and will talk it through with you.",
        "Your GP will be sent the culture result and should ring you if the antibiotic needs changing.",
        "The surgery will get the scan report in about two weeks and will contact you if anything needs doing.",
    ],
)
def test_a_result_handed_to_the_gp_to_act_on_is_the_hospitals_result(line: str) -> None:
    body = f"We took a sample from the wound in clinic today and sent it to the laboratory.\n\n{line}"
    action = only_action(patient_letter(body))
    assert action.quote == line
    assert action.category == "results"
    assert action.rule == "test_results"


def test_a_gp_who_merely_receives_a_copy_is_not_asked() -> None:
    body = "Your GP will receive a copy of this letter for their records."
    assert quotes(patient_letter(body)) == []


@pytest.mark.parametrize(
    "line",
    [
        "We do not issue fit notes from this clinic, so please ask your GP for one.",
        "You were not given a sick note on the ward, so please see your GP surgery about one for the next fortnight.",
    ],
)
def test_a_fit_note_the_hospital_did_not_give_sent_to_the_gp_for_one(line: str) -> None:
    body = f"You had your shoulder repaired on 2 March and should not work for six weeks.\n\n{line}"
    action = only_action(patient_letter(body))
    assert action.category == "fit_note"
    assert action.rule == "fit_note"


def test_a_purpose_clause_does_not_negate_the_request() -> None:
    line = (
        "I have asked your GP to take over your azathioprine prescriptions from next month, so that you do not need "
        "to collect them from the hospital."
    )
    action = only_action(patient_letter(line))
    assert action.quote == line
    assert action.category == "specialist_prescribing"


@pytest.mark.parametrize(
    "line",
    [
        "We gave you 3 days of clarithromycin, so please see your GP tomorrow to get a prescription for the rest.",
        "The ward supplied 2 days of tablets; please contact your surgery today to obtain a further supply.",
    ],
)
def test_the_patient_sent_to_the_gp_for_the_rest_of_a_short_supply(line: str) -> None:
    action = only_action(patient_letter(line))
    assert action.category == "medication"
    assert action.verdict == "inappropriate"


@pytest.mark.parametrize(
    "line",
    [
        "Please book an appointment with Oscar's GP or practice nurse within a week for a review of his eczema.",
        "Please book his pre-school immunisations with the practice nurse once he is well again.",
    ],
)
def test_booking_with_the_childs_practice_is_a_request(line: str) -> None:
    assert quotes(patient_letter(line)) == [line]


# --- the letter's own situation --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "in_place"),
    [
        ("No shared care agreement has yet been signed with the practice.", False),
        ("She has been prescribed it by the CMHT without a shared care agreement.", False),
        ("No shared care agreement is needed for donepezil.", None),
    ],
)
def test_a_shared_care_agreement_said_not_to_exist(sentence: str, in_place: bool | None) -> None:
    assert build_context(clinic_letter(sentence), None).shared_care_in_place is in_place


def test_taking_over_a_specialist_drug_without_an_agreement_is_flagged() -> None:
    body = (
        "Her lithium has been prescribed by the CMHT; no shared care agreement has been signed with the practice.\n\n"
        "Plan\n- Please take over prescribing of Priadel 600 mg at night from next week.\n"
    )
    action = only_action(discharge_summary(body))
    assert action.rule == "shared_care"


# --- scanned and abbreviated text -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scanned", "joined"),
    [
        ("gp to ch eck the culture", "gp to check  the culture"),
        ("pl ease re fer to ent", "please  refer  to ent"),
        ("the ch eckout and a re view", "the ch eckout and a review "),
    ],
)
def test_a_scanners_split_in_a_request_word_is_joined_keeping_the_length(scanned: str, joined: str) -> None:
    assert join_split_words(scanned) == joined
    assert len(join_split_words(scanned)) == len(scanned)


def test_a_scanned_split_check_of_a_culture_is_about_its_result() -> None:
    body = "Discharge plan\n- Urine sent for culture on the ward - GP to ch eck the culture result and treat if positive.\n"
    action = only_action(discharge_summary(body))
    assert action.category == "results"
    assert action.rule == "test_results"


@pytest.mark.parametrize("genus", ["H. pylori", "E. coli", "C. difficile"])
def test_a_genus_initial_is_not_a_list_letter(genus: str) -> None:
    line = f"{genus} stool test - result to GP; if positive please treat."
    body = f"Results pending at discharge\n{line}\n"
    found = quotes(discharge_summary(body))
    assert found and found[0].startswith(genus)


# --- hedged requests in dictation -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "I wonder, too, whether her ramipril might be increased to 10 mg given her proteinuria.",
        "It would also help if a note could be added to her record that she declines blood products.",
        "It would help if you could let her have a longer supply of her emollients.",
    ],
)
def test_a_hedged_request_in_dictation_is_a_request(line: str) -> None:
    assert quotes(clinic_letter(line)) == [line]


def test_wondering_about_the_hospitals_own_plan_is_not_a_request() -> None:
    assert quotes(clinic_letter("I wonder whether this is a side effect of the clozapine we started.")) == []


# --- hands 70 and 77: cards, speech recognition, and what the letter says of itself -------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "8 clips - for removal day 12 by practice nurse please.",
        "Staples: remove day 10-14 post-op - practice nurse please.",
        "Absorbable sutures to the port sites, non-absorbable suture to umbilicus - please book with practice nurse "
        "for removal day 7.",
    ],
)
def test_stitches_named_then_their_removal_are_the_hospitals_follow_up(line: str) -> None:
    action = only_action(discharge_summary(f"Laparoscopic appendicectomy on 02/03/2026.\n\nPlan\n- {line}\n"))
    assert action.category == "follow_up"
    assert action.rule == "provider_follow_up"


def test_an_inline_dashed_plan_is_cut_at_each_medicine_and_practice_item() -> None:
    body = (
        "Plan: - HbA1c in 3/12 (GP) - result to come to us for next clinic - retinal photos here in 3/12 "
        "- metformin continue - GP to add gliclazide 40 mg OD\n"
    )
    found = quotes(clinic_letter(body))
    assert "metformin continue" in found
    assert "GP to add gliclazide 40 mg OD" in found


@pytest.mark.parametrize(
    "line",
    [
        "Troponin sent 10/03 - not resulted before he left, GP please review when back.",
        "Blood cultures 12/03 - results not yet available; GP please chase.",
    ],
)
def test_a_sample_not_yet_resulted_is_the_hospitals_result(line: str) -> None:
    action = only_action(ed_letter(f"Chest pain, discharged from SDEC.\n\nGP actions\n{line}\n"))
    assert action.category == "results"
    assert action.rule == "test_results"


def test_checking_a_cultures_sensitivities_is_about_its_result() -> None:
    body = "Urine sent for culture on the ward.\n\nGP actions\n- GP to check the sensitivities and switch antibiotic if needed.\n"
    action = only_action(discharge_summary(body))
    assert action.category == "results"


def test_a_result_the_hospital_needs_back_makes_the_test_its_own() -> None:
    line = "She will need a potassium on Friday and we need that result back from you, as we are adjusting the dose."
    action = only_action(clinic_letter(line))
    assert action.rule == "provider_follow_up"


def test_a_drug_the_letter_calls_green_list_after_other_words_is_ordinary() -> None:
    body = (
        "In this county memantine is a green-list drug that primary care continues without a shared care agreement.\n\n"
        "Plan\n- Please continue memantine 10 mg once daily once our 28-day supply runs out.\n"
    )
    action = only_action(clinic_letter(body))
    assert action.verdict == "appropriate"


def test_a_stop_after_pm_at_the_end_of_a_typed_line_ends_the_sentence() -> None:
    body = (
        "Her bladder diary shows most of her output late in the evening; she takes furosemide 40 mg at 6 pm.\n"
        "you might consider moving her furosemide to the morning\n"
        "could you also send an MSU to exclude infection before any re-referral.\n"
    )
    found = quotes(clinic_letter(body))
    assert found == [
        "you might consider moving her furosemide to the morning",
        "could you also send an MSU to exclude infection before any re-referral.",
    ]


def test_a_test_before_any_re_referral_is_not_the_re_referral() -> None:
    line = "Could you also send a stool sample before any re-referral."
    action = only_action(clinic_letter(f"She did not attend her appointment on 2 March and is discharged.\n\n{line}"))
    assert action.rule != "dna_discharge"


def test_spoken_punctuation_from_speech_recognition_ends_sentences() -> None:
    body = (
        "I have started him on bisoprolol 2.5 mg today and I would be grateful if you could issue a prescription for "
        "this today as he has no supply full stop I have also requested an echocardiogram and I would be grateful if "
        "you could chase the result full stop new paragraph please also add atrial fibrillation to his problem list\n"
    )
    found = quotes(clinic_letter(body))
    assert found == [
        "I would be grateful if you could issue a prescription for this today as he has no supply full stop",
        "I would be grateful if you could chase the result full stop",
        "please also add atrial fibrillation to his problem list",
    ]


# --- hands 84 and 86: shared care said in other words, and a short supply named elsewhere --------------------------


@pytest.mark.parametrize(
    ("sentence", "in_place"),
    [
        (
            "Our shared care agreement for antipsychotics in adults with a learning disability is being redrafted.",
            False,
        ),
        ("The shared care protocol for this drug is still being finalised by the trust.", False),
    ],
)
def test_a_shared_care_agreement_still_being_written_is_not_in_place(sentence: str, in_place: bool) -> None:
    assert build_context(clinic_letter(sentence), None).shared_care_in_place is in_place


def test_a_drug_the_letter_says_needs_no_shared_care_agreement_is_ordinary() -> None:
    body = (
        "Memantine is on our local formulary as a specialist-initiated medicine that the GP then continues; no shared "
        "care agreement is needed.\n\nPlan\n- Please continue memantine 10 mg once daily once our supply runs out.\n"
    )
    action = only_action(clinic_letter(body))
    assert action.verdict == "appropriate"


@pytest.mark.parametrize(
    "request_line",
    ["GP to continue clarith to complete 7/7", "pls continue nitrofurantoin for a further 4 days"],
)
def test_the_rest_of_a_course_the_letter_supplied_short_elsewhere(request_line: str) -> None:
    body = (
        "Tx: clarithromycin 500mg BD and nitrofurantoin 100mg MR BD - 2 days supplied from ED.\n\n"
        f"GP actions:\n- {request_line}\n"
    )
    action = only_action(ed_letter(body))
    assert action.rule == "discharge_medication"


def test_a_medicine_kept_on_after_a_short_supply_is_not_the_rest_of_a_course() -> None:
    body = "D/c meds: paracetamol 1 g QDS (3 days supplied).\n\nGP actions:\n- please continue paracetamol once TTO finished\n"
    action = only_action(discharge_summary(body))
    assert action.verdict == "appropriate"
