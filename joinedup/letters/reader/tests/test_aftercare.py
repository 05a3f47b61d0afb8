"""After-care of the hospital's own procedure, and tests whose results go to a hospital team, are the
hospital's follow-up (RULES.md provider_follow_up), however tersely a letter asks for them."""

from __future__ import annotations

import pytest

from .helpers import clinic_letter, discharge_summary, only_action

PROVIDER_FOLLOW_UP = [
    discharge_summary(
        "Procedure: laparoscopic appendicectomy.\n\nActions for GP:\n1. Staples to come out on day 12 - practice nurse please.\n"
    ),
    discharge_summary(
        "Procedure: TURP.\n\nActions for GP:\n1. Trial without catheter in 10 days please, at the surgery.\n"
    ),
    discharge_summary("Actions for GP:\n1. Removal of sutures at 14 days by the practice nurse please.\n"),
    clinic_letter(
        "Please check her sodium in one week, with the result to our endocrine nurse specialists, who will adjust the dose.\n"
    ),
]


@pytest.mark.parametrize("letter", PROVIDER_FOLLOW_UP)
def test_aftercare_and_results_for_a_hospital_team_are_the_hospitals_follow_up(letter: str) -> None:
    action = only_action(letter)
    assert (action.verdict, action.rule) == ("inappropriate", "provider_follow_up")


def test_a_test_the_gp_now_manages_is_not_flagged() -> None:
    action = only_action(clinic_letter("Please recheck her sodium in one week and adjust the dose as you see fit.\n"))
    assert action.rule is None


@pytest.mark.parametrize(
    "letter",
    [
        clinic_letter("We took skin prick tests today. Please would you let her know the results next week.\n"),
        clinic_letter("Bloods were taken in clinic today; could you tell him the results when you have them.\n"),
    ],
)
def test_telling_the_patient_the_hospitals_own_results_is_the_hospitals(letter: str) -> None:
    action = only_action(letter)
    assert (action.verdict, action.rule) == ("inappropriate", "test_results")
