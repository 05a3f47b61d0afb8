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


# --- pattern families added after the first blind batch ------------------------------------------

HEDGED_IMPERSONAL = [
    ("monitoring", "A repeat sodium in a fortnight would be sensible."),
    ("monitoring", "Repeat U&Es in two weeks would be advisable."),
    ("monitoring", "It might be worthwhile rechecking her ferritin in 3 months."),
    ("investigation", "A DEXA scan would be a good idea given her steroid use."),
    ("referral", "She would benefit from referral to pulmonary rehabilitation."),
]


@pytest.mark.parametrize(("category", "sentence"), HEDGED_IMPERSONAL)
def test_hedge_after_an_impersonal_subject_is_a_request(category: str, sentence: str) -> None:
    assert only_action(clinic_letter(sentence)).category == category


POLITE_FORMS = [
    "Would you be kind enough to refer him to podiatry?",
    "I wonder whether you might arrange a DEXA scan.",
    "Perhaps you could review her inhaler technique.",
    "Could I ask you to arrange an ultrasound of her abdomen?",
    "Can I leave it with you to start a statin?",
    "Plase refer her to the falls clinic.",
]


@pytest.mark.parametrize("sentence", POLITE_FORMS)
def test_polite_and_misspelt_request_forms_are_read(sentence: str) -> None:
    only_action(clinic_letter(sentence))


PATIENT_AS_SUBJECT_OF_A_NEED = [
    "She will need FBC, U&E and LFTs monthly while on this treatment.",
    "He will need his renal function checked in a week.",
    "She should have her BP checked every year.",
    "He should have an annual HbA1c.",
    "Her B12 needs checking.",
    "Her eGFR wants rechecking in 3 months.",
]


@pytest.mark.parametrize("sentence", PATIENT_AS_SUBJECT_OF_A_NEED)
def test_need_with_the_patient_as_subject_is_a_monitoring_request(sentence: str) -> None:
    assert only_action(clinic_letter(sentence)).category == "monitoring"


def test_review_shorthand_and_arrows_are_requests_and_split_at_the_comma() -> None:
    text = discharge_summary("Plan:\n1. GP: r/v BP 2/52, ↑amlodipine to 10 mg if still >140/90.\n")
    actions = read_letter(text)
    assert [(a.quote, a.category) for a in actions] == [
        ("GP: r/v BP 2/52", "monitoring"),
        ("↑amlodipine to 10 mg if still >140/90.", "medication"),
    ]
    assert only_action(clinic_letter("Low mood - GP r/v when convenient pls.")).category == "follow_up"


def test_then_clause_of_one_drug_is_not_split() -> None:
    action = only_action(clinic_letter("Please continue lansoprazole 30 mg BD for 8 weeks, then reduce to 30 mg OD."))
    assert action.category == "medication"


def test_conditional_on_a_test_threshold_reaches_the_gp() -> None:
    for sentence in (
        "Should her sodium fall below 130, kindly stop the sertraline.",
        "If her potassium rises above 5.5, stop the ramipril.",
    ):
        assert only_action(clinic_letter(sentence)).category == "medication"


def test_letters_to_the_patient_naming_the_gp_as_the_one_to_act() -> None:
    patient_letter = (
        "Testbury Hospitals NHS Trust\n\nMrs Test Patient\n1 Road\n\nDear Mrs Patient\n\n{}\n\nYours sincerely\n\n"
        "Dr B Author\n\ncc: Dr A Example, Elm Tree Surgery\n"
    )
    for sentence, category in (
        ("We have asked your GP to check your kidney function in two weeks.", "monitoring"),
        ("We\u2019ve asked your doctor to repeat your blood test.", "monitoring"),
        ("I have written to your GP asking them to increase your ramipril.", "medication"),
        ("Your GP practice will check your kidney function in a week.", "monitoring"),
    ):
        assert only_action(patient_letter.format(sentence)).category == category


def test_new_problem_test_is_an_investigation_and_known_problem_test_is_monitoring() -> None:
    assert only_action(clinic_letter("Please check fasting lipids and HbA1c; he has never had a QRisk.")).category == (
        "investigation"
    )
    text = clinic_letter("Hyperglycaemia: random glucose 14 in a man with no known diabetes. HbA1c to be checked.")
    assert only_action(text).category == "investigation"
    assert only_action(clinic_letter("Please check U&Es in a week to confirm the AKI has resolved.")).category == (
        "monitoring"
    )
    assert only_action(clinic_letter("You might consider ambulatory BP monitoring.")).category == "investigation"


def test_timing_clause_does_not_make_a_medicine_a_review() -> None:
    text = clinic_letter("Please also start alendronic acid 70 mg weekly; this can wait until you next see her.")
    assert only_action(text).category == "medication"


def test_pcp_heading_is_a_gp_section() -> None:
    text = discharge_summary(
        "Recommendations for PCP:\n- Refer to the lung nodule clinic.\n- Check HbA1c in 3 months.\n"
    )
    assert [a.category for a in read_letter(text)] == ["referral", "monitoring"]


def test_problem_label_keeps_the_plan_section() -> None:
    text = discharge_summary("Plan:\n1. Steroid-sparing treatment: she will need FBC weekly for 8 weeks.\n")
    assert only_action(text).category == "monitoring"


CATEGORY_CUES = [
    ("medication", "Can I leave it with you to give the pneumococcal vaccine?"),
    ("medication", "Could I ask you to switch her to a combination inhaler and review her technique in 6 weeks?"),
    ("follow_up", "Could you review her in 6 weeks?"),
    ("referral", "Would benefit from memory assessment once recovered."),
    ("referral", "She would benefit from a falls service assessment."),
    ("monitoring", "She'll need her potassium rechecking two weeks after the ramipril is restarted."),
    ("medication", "Please prescribe folic acid 5 mg weekly, on a different day from the methotrexate."),
]


@pytest.mark.parametrize(("category", "sentence"), CATEGORY_CUES)
def test_category_cues_added_with_own_batch_4(category: str, sentence: str) -> None:
    assert only_action(clinic_letter(sentence)).category == category


def test_plan_dose_change_with_a_later_step_is_a_request_but_a_bare_change_is_not() -> None:
    text = discharge_summary("Plan:\n1. Bisoprolol ↑ to 5 mg OD, then 7.5 mg in 4 weeks if HR above 60.\n")
    assert only_action(text).category == "medication"
    assert read_letter(discharge_summary("Plan:\n1. Start bisoprolol 2.5 mg OD.\n")) == []
