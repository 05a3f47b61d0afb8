"""Reader version 30: forms met in new hands of letters (233, long-term conditions in medical specialties; 234, older
people, mental health and learning disability), each in wordings of our own (not from any annotated letter)."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.tests.helpers import clinic_letter, discharge_summary, quotes, verdicts

# --- the practice asked to chase a result the hospital sent, by its label (hand 233) -----------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Magnesium sent this morning, not back yet. GP please chase & replace if low.",
        "Vitamin D sent today - result not back. Practice: chase and replace if low.",
    ],
)
def test_chasing_a_result_the_hospital_sent_is_a_test_results_breach(body: str) -> None:
    (found,) = verdicts(discharge_summary(body), "discharge_summary").values()
    assert found == ("results", "inappropriate", "test_results")


def test_chasing_the_hospitals_appointment_is_still_a_contact_point_breach() -> None:
    letter = discharge_summary("GP pls chase the echo appointment if nothing heard in 6 weeks.")
    (found,) = verdicts(letter, "discharge_summary").values()
    assert found == ("admin", "inappropriate", "contact_point")


# --- a shared care document still being written (hand 233) ----------------------------------------------------------


def test_taking_over_prescribing_while_the_shared_care_document_is_still_written_is_a_shared_care_breach() -> None:
    letter = clinic_letter(
        "We would be grateful if you could take over prescribing and the monthly blood tests from May; the shared care "
        "document is still being drafted by our pharmacist."
    )
    (found,) = verdicts(letter).values()
    assert found == ("specialist_prescribing", "inappropriate", "shared_care")


# --- a short supply on a line of its own, then "GP to continue" (hand 234) -------------------------------------------


def test_continuing_after_a_short_supply_given_on_its_own_line_is_flagged() -> None:
    letter = discharge_summary(
        "Medication\nCitalopram 10 mg OD - started 02/05. 5 days supplied on discharge. GP to continue from 07/05."
    )
    (found,) = verdicts(letter, "discharge_summary").values()
    assert found == ("medication", "inappropriate", "discharge_medication")


def test_continuing_after_two_weeks_supplied_is_not_flagged() -> None:
    letter = discharge_summary(
        "Medication\nCitalopram 10 mg OD - started 02/05. 14 days supplied on discharge. GP to continue from 16/05."
    )
    (found,) = verdicts(letter, "discharge_summary").values()
    assert found == ("medication", "appropriate", None)


# --- a problem list is information (hand 234) -------------------------------------------------------------------------


def test_a_problem_list_asks_nothing() -> None:
    letter = discharge_summary(
        "Problems\n- Weight loss of 5 kg over 3 months (MUST 2)\n- Recurrent falls\n\nPlan:\n"
        "- Please weigh her monthly at the surgery."
    )
    assert quotes(letter, "discharge_summary") == ["Please weigh her monthly at the surgery."]


# --- a part headed for a reader the letter is copied to (hand 234) ---------------------------------------------------

_FOR_SEVERAL_READERS = """Testbury Community Health
Enhanced Care in Care Homes Team

To: Dr A Example, Elm Tree Surgery
Copies: Hollybank Care Home (Mrs P Lane, manager); Mrs J Patient (daughter)

Mrs Test PATIENT   NHS 999 000 0001

FOR DR EXAMPLE
- Simvastatin 40 mg: please stop.

FOR HOLLYBANK
- Please weigh her weekly and keep a fluid chart.
- Please update her MAR chart once the practice has made the change.

Dr B Author
Consultant Community Geriatrician
"""


def test_a_part_headed_for_a_home_the_letter_is_copied_to_is_the_homes() -> None:
    assert quotes(_FOR_SEVERAL_READERS) == ["Simvastatin 40 mg: please stop."]


def test_a_part_headed_for_someone_not_copied_is_still_read() -> None:
    letter = _FOR_SEVERAL_READERS.replace("FOR HOLLYBANK", "FOR ACTION")
    assert len(quotes(letter)) == 3


# --- the hospital's own nurses' next step (hand 233) ------------------------------------------------------------------


def test_what_the_hospitals_nurses_will_consider_at_their_visit_is_no_request() -> None:
    line = "Our heart failure nurses will see him in four weeks and will consider adding spironolactone if his potassium allows."
    assert quotes(clinic_letter(line)) == []


# --- the stitches out, then a look at the wound: one visit (hand 234) ------------------------------------------------


def test_stitches_out_then_a_look_at_the_wound_is_one_request() -> None:
    letter = discharge_summary("Plan:\n- Remove 10 clips, check wound - practice nurse, day 12.")
    assert quotes(letter, "discharge_summary") == ["Remove 10 clips, check wound - practice nurse, day 12."]
