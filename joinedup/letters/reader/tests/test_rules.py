"""Each interface rule is flagged on a request that breaks it, and not on a close appropriate twin."""

from __future__ import annotations

import pytest

from .helpers import clinic_letter, discharge_summary, only_action

INAPPROPRIATE = [
    (
        "onward_referral",
        clinic_letter("Incidental 2 cm thyroid nodule on CT: GP to refer to endocrinology."),
        "clinic_letter",
    ),
    (
        "test_results",
        discharge_summary("Actions for GP:\n1. Blood cultures pending at discharge - GP to follow up the result.\n"),
        "discharge_summary",
    ),
    (
        "provider_follow_up",
        clinic_letter("Please check her U&Es in 1 week and send the result to us before her next clinic."),
        "clinic_letter",
    ),
    (
        "dna_discharge",
        clinic_letter(
            "She did not attend her first appointment and has been discharged. Please re-refer if still required."
        ),
        "clinic_letter",
    ),
    ("fit_note", clinic_letter("Please issue a fit note for 6 weeks."), "clinic_letter"),
    (
        "discharge_medication",
        discharge_summary(
            "Actions for GP:\n1. Only 2 days supplied: GP to prescribe the remaining 5 days of cefalexin.\n"
        ),
        "discharge_summary",
    ),
    (
        "outpatient_medication",
        clinic_letter("Please start bisoprolol 2.5 mg OD today, as it must begin without delay."),
        "clinic_letter",
    ),
    (
        "shared_care",
        clinic_letter(
            "Methotrexate is an amber drug and the shared care agreement has not yet been signed. "
            "Please take over prescribing methotrexate 15 mg weekly from next month."
        ),
        "clinic_letter",
    ),
    (
        "contact_point",
        clinic_letter("If he has not heard about his scan date within 4 weeks, GP to chase the appointment."),
        "clinic_letter",
    ),
]


@pytest.mark.parametrize(("rule", "text", "doc_type"), INAPPROPRIATE, ids=[c[0] for c in INAPPROPRIATE])
def test_each_rule_is_flagged(rule: str, text: str, doc_type: str) -> None:
    action = only_action(text, doc_type)
    assert action.verdict == "inappropriate"
    assert action.rule == rule
    assert rule in action.reason


APPROPRIATE = [
    (
        "unrelated routine referral",
        clinic_letter("This is unrelated and not urgent; please refer him routinely to podiatry."),
    ),
    (
        "GP's own result",
        clinic_letter(
            "The bloods your practice took in August showed a ferritin of 9. "
            "I would be grateful if you could follow up the low ferritin with her."
        ),
    ),
    ("routine drug monitoring", clinic_letter("Please check her U&Es two weeks after starting losartan.")),
    (
        "agreed shared care",
        clinic_letter(
            "The shared care agreement is in place. Please continue azathioprine 100 mg daily under the shared care agreement."
        ),
    ),
    (
        "full supply on discharge",
        discharge_summary(
            "Actions for GP:\n- Ferrous fumarate 210 mg BD - 28 days supplied - GP to continue for 3 months\n"
        ),
    ),
    ("non-urgent new medicine", clinic_letter("We would suggest starting amlodipine 5 mg OD; this is not urgent.")),
]


@pytest.mark.parametrize(("name", "text"), APPROPRIATE, ids=[c[0] for c in APPROPRIATE])
def test_appropriate_twins_are_not_flagged(name: str, text: str) -> None:
    action = only_action(text)
    assert action.verdict == "appropriate", name
    assert action.rule is None


def test_pending_result_in_ed_letter_is_test_results() -> None:
    text = "Emergency Department\nED discharge letter\n\nDx: cellulitis\nBlood cultures pending - GP to follow up.\n"
    action = only_action(text, "ed_letter")
    assert (action.category, action.rule) == ("results", "test_results")


def test_not_urgently_and_separate_problem_referral_is_appropriate() -> None:
    text = clinic_letter(
        "Quite separately, and nothing to do with her falls, her hearing is worse. "
        "Not urgently, I would be grateful if you could refer her to audiology."
    )
    action = only_action(text)
    assert (action.category, action.verdict) == ("referral", "appropriate")


def test_referral_for_the_finding_the_hospital_made_is_onward_referral() -> None:
    text = discharge_summary(
        "Recommendations for PCP:\n- Please refer to the lung nodule clinic for the 9 mm nodule so he gets his CT.\n"
    )
    action = only_action(text)
    assert (action.category, action.rule) == ("referral", "onward_referral")


def test_need_for_bloods_on_a_specialist_drug_without_shared_care_is_shared_care() -> None:
    text = clinic_letter(
        "No shared care agreement is yet in place. She will need FBC, U&E and LFTs weekly on azathioprine."
    )
    action = only_action(text)
    assert (action.category, action.rule) == ("monitoring", "shared_care")


def test_report_not_yet_available_is_test_results() -> None:
    action = only_action(clinic_letter("Please could you follow up the CT report, which is not yet available."))
    assert (action.category, action.rule) == ("results", "test_results")


def test_fit_note_needed_from_the_gp_is_fit_note() -> None:
    action = only_action(clinic_letter("He will need a Med3 for 2 weeks from you."))
    assert (action.category, action.rule) == ("fit_note", "fit_note")
