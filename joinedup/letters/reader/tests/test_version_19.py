"""Reader version 19 (decision 0043): the forms behind the misses in hand 119 (telegraphic cards and discharges), in
wordings of our own that are not in any annotated set."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.engine import read_letter
from joinedup.letters.reader.tests.helpers import clinic_letter, discharge_summary, ed_letter, only_action, quotes

# a card's first line runs wider than its entries, as a triage line does
TRIAGE = (
    "Triage: walked in with chest tightness since this morning, pain free on arrival, ECG sinus rhythm, obs stable.\n"
)

# --- a card's lines: a line that asks for something ends there ----------------------------------------------------


@pytest.mark.parametrize(
    ("asking", "next_line"),
    [
        (
            "Trop x2 neg - pls consider referral to RACPC for outpatient assessment",
            "Raised BP x2, likely pain related but pls recheck in 2/52",
        ),
        (
            "Chest wall pain likely - you may wish to consider physio referral",
            "Lipids high on dept bloods, QRISK not done, GP to review",
        ),
        (
            "Query reflux, started omeprazole - could you review response in 4/52",
            "Weight loss reported, no red flags, pls weigh at review",
        ),
    ],
)
def test_a_card_line_that_asks_for_something_ends_before_the_next_entry(asking: str, next_line: str) -> None:
    found = quotes(ed_letter(TRIAGE + asking + "\n" + next_line))
    assert asking in found and next_line in found


@pytest.mark.parametrize(
    ("asking", "next_line"),
    [
        (
            "Urine sent for culture - GP to check result",
            "recurrent UTIs - you may wish to consider referral to urology",
        ),
        ("Scalp wound glued - GP to check at day 5", "tetanus status unknown - pls check and give booster if due"),
    ],
)
def test_after_a_line_ended_short_an_entry_in_small_letters_is_its_own(asking: str, next_line: str) -> None:
    found = quotes(ed_letter(TRIAGE + asking + "\n" + next_line))
    assert asking in found and next_line in found


def test_a_line_broken_inside_a_word_is_not_cut_where_it_breaks() -> None:
    body = (
        "Plan: a wide sentence of the kind a letter wraps at its width, written to run the full length of the line\n"
        "please arrange a renal ultra-\nsound in 3 months to check the cyst has gone.\n"
    )
    assert any("ultra-\nsound in 3 months" in quote for quote in quotes(discharge_summary(body)))


def test_a_line_that_carries_on_the_clause_before_is_not_an_entry_of_its_own() -> None:
    body = (
        "This summary is typed at the width of the ward's system and so its long lines run on to about here\n"
        "It is a formal\nrecord; please keep it with the patient's notes.\n"
    )
    assert "record" not in quotes(discharge_summary(body))


# --- the practice named after a spaced dash, in shorthand ----------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Glucose 14 twice, not known diabetic - GP r/v HbA1c +/- OGTT",
        "Calcium 2.71 on bloods, asymptomatic - GP r/v Ca and PTH in 2/52",
    ],
)
def test_the_practice_named_after_a_spaced_dash_then_its_task_is_a_request(line: str) -> None:
    assert only_action(ed_letter(line)).quote == line


# --- the rest of the medicines, continued under the practice's heading ----------------------------------------------


@pytest.mark.parametrize("line", ["continue all other medications", "continue the above meds"])
def test_continuing_the_listed_medicines_under_the_practices_heading_is_a_request(line: str) -> None:
    action = only_action(discharge_summary(f"GP actions:\n- {line}\n"))
    assert (action.quote, action.category) == (line, "medication")


def test_continuing_the_listed_medicines_is_not_a_request_outside_the_practices_heading() -> None:
    assert quotes(discharge_summary("Medicines on discharge:\n- continue all other medications\n")) == []


# --- a fit note the patient was told to get from the practice ------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Pt requesting a sick note for 1/52 - advised to get one from GP",
        "Asking for fit note for work (roofer) - told to obtain it from GP",
    ],
)
def test_a_fit_note_the_patient_was_told_to_get_from_the_gp_is_the_hospitals(line: str) -> None:
    action = only_action(ed_letter(line))
    assert action.quote == line
    assert (action.verdict, action.rule) == ("inappropriate", "fit_note")


# --- "GP pls:" heads the practice's list --------------------------------------------------------------------------


def test_a_list_under_gp_pls_is_the_practices_even_where_it_names_what_the_hospital_sent() -> None:
    body = "GP pls:\n- chase the ANCA sent on the ward and act on it\n- add CKD 3a to problem list\n"
    found = quotes(discharge_summary(body))
    assert found == ["chase the ANCA sent on the ward and act on it", "add CKD 3a to problem list"]


@pytest.mark.parametrize(
    "line",
    [
        "Repeat CXR in 6/52 to confirm resolution - we have requested this and will review it in clinic",
        "Repeat CXR in 6/52 to confirm resolution - will be requested by the respiratory team",
    ],
)
def test_a_step_the_hospital_says_it_takes_stays_its_own_under_the_practices_heading(line: str) -> None:
    # (the line names what the hospital does itself: a subject and its verb, or a passive step to come)
    assert read_letter(discharge_summary(f"GP pls:\n- {line}\n")) == []


# --- hand 121: the patient sent to the practice for a check, or with questions for it ------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Advised to see GP in 3-5 days for a wound check.",
        "She should see the practice nurse in 1 week for BP check.",
    ],
)
def test_the_patient_sent_to_the_practice_on_a_date_for_a_check_is_a_request(line: str) -> None:
    assert only_action(ed_letter(line)).quote == line


@pytest.mark.parametrize(
    "line",
    [
        "If she has any questions about the biopsy result, I have advised her to contact you.",
        "Should he have further queries about the operation date, I have told him to ring you at the surgery.",
    ],
)
def test_questions_about_the_hospitals_care_sent_to_the_gp_are_the_hospitals_to_answer(line: str) -> None:
    action = only_action(clinic_letter(line))
    assert (action.verdict, action.rule) == ("inappropriate", "contact_point")
