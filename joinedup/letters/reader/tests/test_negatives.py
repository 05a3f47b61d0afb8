"""What must NOT be reported: hospital-owned, patient-owned, information, negated, patient safety-nets."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.engine import read_letter

from .helpers import clinic_letter, discharge_summary

HOSPITAL_OWNED = [
    "We will chase the MRI result and write to you.",
    "I will see her in clinic in 3 months with repeat bloods.",
    "I have requested a repeat echocardiogram and will review the result.",
    "Our specialist nurse will telephone him in two weeks.",
]
PATIENT_OWNED = [
    "She will book a review with her optician.",
    "He should avoid driving for 4 weeks.",
    "She will ring the diabetic eye screening programme herself.",
]
INFORMATION = [
    "Her HbA1c was 58 mmol/mol.",
    "For your information, his echocardiogram was normal.",
    "Fit note issued in ED for 1 week.",
]
NEGATED = [
    "No GP action is required.",
    "There is no need for the GP to repeat the bloods.",
    "There is no need for the practice to repeat the calcium.",
]
SAFETY_NETS = [
    "If symptoms return she should seek medical help.",
    "Return to ED if the pain worsens or he becomes feverish.",
    "If the wound becomes red she should see her GP.",
]


@pytest.mark.parametrize(
    "sentence",
    HOSPITAL_OWNED + PATIENT_OWNED + INFORMATION + NEGATED + SAFETY_NETS,
)
def test_non_actions_are_not_reported(sentence: str) -> None:
    assert read_letter(clinic_letter(sentence)) == []


def test_hospital_section_is_not_a_gp_request() -> None:
    text = discharge_summary(
        "Hospital follow-up:\n- Repeat chest X-ray in 6 weeks: booked by the ward.\n- Clinic in 8 weeks.\n"
    )
    assert read_letter(text) == []


def test_owner_table_only_reports_gp_rows() -> None:
    text = discharge_summary(
        "Action | By whom | When\n"
        "Repeat U&E | GP | 1 week\n"
        "Remove sutures | District nurses | day 10\n"
        "Outpatient echo | Cardiology | 6 weeks\n"
    )
    actions = read_letter(text)
    assert [a.quote for a in actions] == ["Repeat U&E | GP | 1 week"]


def test_letter_to_patient_please_is_for_the_patient() -> None:
    text = (
        "Dear Mrs Example\n\nThank you for coming to clinic. Please use a high-factor sun cream and check your skin.\n"
        "Dr Okafor, please add psoriasis to her problem list.\n\nYours sincerely\n"
    )
    actions = read_letter(text)
    assert [a.category for a in actions] == ["admin"]
    assert actions[0].quote.startswith("Dr Okafor, please add psoriasis")


def test_negated_heading_none() -> None:
    text = discharge_summary("Actions for GP: none.\nNo GP action required.\n")
    assert read_letter(text) == []


# --- hard negatives next to the pattern families added after the first blind batch ---------------

NEAR_MISSES = [
    "It would be sensible for him to avoid heavy lifting for 6 weeks.",
    "It would be helpful for us to see her again in 3 months.",
    "A repeat scan in 6 months would be sensible and we will arrange this.",
    "She would benefit from physiotherapy, which we have arranged.",
    "She will need to continue her inhalers.",
    "He will need a follow-up appointment in our clinic in 6 weeks.",
    "She will need FBC checks in our day unit weekly.",
    "He should have a low threshold for seeking help if breathless.",
    "He will need to see his optician annually.",
    "F/U renal clinic 6/52.",
    "Review in the respiratory clinic in 3 months.",
    "RV OPD 3/12.",
    "Not urgent, please don't worry about this.",
]


@pytest.mark.parametrize("sentence", NEAR_MISSES)
def test_near_misses_of_new_patterns_are_not_reported(sentence: str) -> None:
    assert read_letter(clinic_letter(sentence)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Your GP will be sent a copy of this letter.",
        "I am writing to your GP to let them know the outcome.",
        "You will need a blood test in 2 weeks, which we will arrange.",
    ],
)
def test_letter_to_patient_mentioning_the_gp_without_asking_is_not_reported(sentence: str) -> None:
    text = "Dear Mrs Example\n\n" + sentence + "\n\nYours sincerely\n\nDr B Author\n\ncc: Dr A Example, Elm Surgery\n"
    assert read_letter(text) == []
