"""The verdict asks whose job the task is by default (RULES.md), with cue words as evidence, and some of the
evidence sits outside the request's own sentence.

- A referral asked for just after the hospital describes a finding it suspects is cancer is the hospital's to
  make (onward_referral), even when the request itself reads like a routine "please refer her to dermatology"
  and the finding is in the paragraph above.
- Telling the patient the result of a test the hospital arranged is a results request the hospital owns
  (test_results), not an investigation for the practice to order."""

from __future__ import annotations

import pytest

from .helpers import clinic_letter, only_action

SUSPECTED = [
    "I noticed an irregular pigmented lesion on her back that looks suspicious.\n\nPlease refer her to dermatology.\n",
    "On examination the left breast lump was hard and fixed, concerning for malignancy.\n\n"
    "Would you be kind enough to refer her to the breast team.\n",
    "There is a change in the mole on his shin which I think may be a melanoma. Could you refer him to the skin clinic.\n",
]


@pytest.mark.parametrize("body", SUSPECTED)
def test_a_referral_for_a_finding_the_hospital_suspects_is_cancer_is_flagged(body: str) -> None:
    action = only_action(clinic_letter(body))
    assert (action.category, action.verdict, action.rule) == ("referral", "inappropriate", "onward_referral")


@pytest.mark.parametrize(
    "body",
    [
        # (routine: since version 10 an unqualified referral to a hospital specialty is the hospital's)
        "Her eczema is much better and there is nothing of concern on her skin.\n\nPlease refer her routinely to "
        "dermatology for her nails.\n",
        "I noticed a suspicious lesion on his ear, which I have biopsied today.\n\nQuite separately, please refer "
        "him to audiology for his hearing.\n",
    ],
)
def test_a_referral_without_such_a_finding_stays_with_the_practice(body: str) -> None:
    action = only_action(clinic_letter(body))
    assert (action.category, action.verdict, action.rule) == ("referral", "appropriate", None)


@pytest.mark.parametrize(
    "body",
    [
        "I have requested a coeliac screen. Perhaps you could let her know the coeliac result when it comes back.\n",
        "I arranged a CT of his chest last week. Could you go through the CT results with him once available.\n",
    ],
)
def test_telling_the_result_of_a_hospital_test_is_the_hospitals(body: str) -> None:
    action = only_action(clinic_letter(body))
    assert (action.category, action.verdict, action.rule) == ("results", "inappropriate", "test_results")
