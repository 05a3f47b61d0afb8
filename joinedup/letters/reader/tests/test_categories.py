"""One request of each category is found, quoted exactly and put in the right category."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.engine import read_letter

from .helpers import clinic_letter, discharge_summary, only_action

CASES = [
    ("medication", "Please increase his ramipril to 5 mg OD; this is not urgent."),
    ("monitoring", "Please check her U&Es in 2 weeks."),
    ("investigation", "You may wish to arrange an ultrasound of the abdomen for his intermittent pain."),
    ("results", "I would be grateful if you could follow up the low ferritin with her."),
    ("referral", "His hearing loss is unrelated to his heart; you may wish to refer him routinely to audiology."),
    ("follow_up", "I would be grateful if you would review his urinary symptoms at a routine appointment."),
    ("fit_note", "Please issue a fit note for 2 weeks."),
    (
        "specialist_prescribing",
        "Please continue to prescribe methotrexate 15 mg weekly under the shared care agreement.",
    ),
    ("admin", "Please add atrial fibrillation to his problem list."),
]


@pytest.mark.parametrize(("category", "sentence"), CASES)
def test_each_category_is_detected_and_classified(category: str, sentence: str) -> None:
    text = clinic_letter(sentence)
    action = only_action(text)
    assert action.category == category
    assert text[action.start : action.end] == action.quote
    assert sentence.startswith(action.quote.rstrip("."))


def test_impersonal_request_in_gp_section_counts() -> None:
    text = discharge_summary("GP actions:\n- U&Es 1/52\n- Needs repeat LFTs in 6 weeks\n- For DEXA scan\n")
    actions = read_letter(text)
    assert [a.category for a in actions] == ["monitoring", "monitoring", "investigation"]


def test_conditional_request_to_gp_is_an_action() -> None:
    action = only_action(clinic_letter("If her potassium is above 5.5, please stop the spironolactone."))
    assert action.category == "medication"


def test_hedged_request_is_an_action() -> None:
    action = only_action(clinic_letter("You may wish to consider starting a statin."))
    assert action.category == "medication"
    assert action.verdict == "appropriate"


def test_query_refer_shorthand_is_a_referral() -> None:
    action = only_action(discharge_summary("GP actions:\n- ? refer to dietitian re weight loss\n"))
    assert action.category == "referral"


def test_two_requests_in_one_sentence_are_split() -> None:
    text = clinic_letter(
        "Please check her U&Es in 1 week; please also refer her routinely to podiatry, which is unrelated."
    )
    actions = read_letter(text)
    assert [a.category for a in actions] == ["monitoring", "referral"]
    assert actions[0].end <= actions[1].start


def test_hard_wrapped_request_is_one_action() -> None:
    text = clinic_letter(
        "Her eGFR has been stable over the last year and her blood pressure is fine today. Please could you\n"
        "check her U&Es in 2 weeks after the change.\n"
    )
    action = only_action(text)
    assert action.quote == "Please could you\ncheck her U&Es in 2 weeks after the change."


def test_ocr_broken_please_is_read() -> None:
    action = only_action(clinic_letter("Pl ease add CKD stage 3 to her prob1em list."))
    assert action.category == "admin"


def test_thanks_for_arranging_is_a_request_but_thanks_for_referring_is_not() -> None:
    assert only_action(clinic_letter("Thanks for arranging a repeat FBC in 2 weeks.")).category == "monitoring"
    assert read_letter(clinic_letter("Thank you for referring this pleasant lady.")) == []


def test_repeat_imaging_then_re_refer_is_investigation_owned_by_hospital() -> None:
    action = only_action(clinic_letter("Please arrange a repeat ultrasound in 6 months and re-refer if enlarged."))
    assert (action.category, action.rule) == ("investigation", "provider_follow_up")
