"""Referrals to another hospital specialty, and results a letter to the patient says the GP will give (reader
version 10). Every wording here is written for the test, not taken from an annotated set."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.engine import read_letter
from joinedup.letters.reader.tests.helpers import (
    clinic_letter,
    discharge_summary,
    ed_letter,
    only_action,
    patient_letter,
    quotes,
)


@pytest.mark.parametrize(
    "letter",
    [
        clinic_letter("The carotid duplex shows a 75% stenosis. Please refer him to the vascular surgeons."),
        clinic_letter("Her symptoms are out of keeping with simple overactive bladder; please refer her to urology."),
        discharge_summary(
            "Right foot drop persists. GP to refer to the orthotics department for an ankle-foot splint."
        ),
        ed_letter("Recurrent tonsillar bleeding, settled. GP to refer to ENT outpatients."),
        # on a condition too: the hospital that saw the problem refers it on if it comes back
        clinic_letter("If the knee locks again, please refer him to the orthopaedic knee clinic."),
        clinic_letter("I would be grateful if you could refer her to the hand surgery clinic at Eastfield General."),
        # naming the practice as the one to refer does not make the referral the practice's own service
        clinic_letter("Please can the practice refer him to the neurosurgical team at Testbury."),
    ],
)
def test_a_referral_to_another_hospital_specialty_is_the_hospitals(letter: str) -> None:
    action = only_action(letter)
    assert action.category == "referral"
    assert (action.verdict, action.rule) == ("inappropriate", "onward_referral")
    # the GP reads why: not "related" or "urgent", which the letter did not say
    assert "another hospital specialty" in action.reason


@pytest.mark.parametrize(
    "letter",
    [
        # left to the practice's judgement
        clinic_letter("You may wish to refer her to gynaecology if the bleeding continues."),
        clinic_letter("If you feel it appropriate, please refer him to the rheumatology clinic."),
        # said to be routine or unrelated
        clinic_letter("Quite separately, I would be grateful if you could refer him routinely to ophthalmology."),
        # on a condition, and routine
        clinic_letter("Should her headaches persist beyond three months, please refer her routinely to neurology."),
        # a service in the community, or the practice's own
        clinic_letter("Please refer her to the community podiatry clinic for nail care."),
        clinic_letter("Please refer him to the practice's diabetes education clinic."),
        clinic_letter("Please refer her to the local sexual health clinic for a coil."),
        clinic_letter("Please refer him to the weight management clinic."),
    ],
)
def test_a_referral_left_to_the_practice_stays_the_practices(letter: str) -> None:
    action = only_action(letter)
    assert action.category == "referral"
    assert action.verdict == "appropriate"


@pytest.mark.parametrize(
    "body",
    [
        "We took a biopsy today. Your GP will be able to give you the result of the biopsy when it comes back.",
        "The blood tests were sent from clinic; your GP surgery will let you know the results.",
    ],
)
def test_a_letter_to_the_patient_that_sends_them_to_the_gp_for_a_result_is_the_hospitals(body: str) -> None:
    action = only_action(patient_letter(body))
    assert action.category == "results"
    assert (action.verdict, action.rule) == ("inappropriate", "test_results")


@pytest.mark.parametrize(
    "sentence",
    [
        "Please could you prescribe darbepoetin alfa 30 micrograms every two weeks from now on.",
        "I would be grateful if you could take over prescribing of his midodrine 5 mg three times a day.",
        "Please could the practice prescribe patiromer 8.4 g daily.",
    ],
)
def test_a_red_or_amber_drug_without_shared_care_is_the_specialists(sentence: str) -> None:
    action = only_action(clinic_letter(sentence))
    assert action.category == "specialist_prescribing"
    assert (action.verdict, action.rule) == ("inappropriate", "shared_care")


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        # a blood test by name is a test, not a repeat prescription
        ("GP to repeat the serum cortisol on Monday morning.", "monitoring"),
        # a result chased by a long name, or looked out for
        ("Please chase the plasma renin and aldosterone concentration results from clinic.", "results"),
        ("Please could the practice look out for the wound swab result and treat if it grows anything.", "results"),
    ],
)
def test_tests_by_name_and_results_looked_out_for(sentence: str, category: str) -> None:
    assert only_action(discharge_summary(sentence)).category == category


def test_an_x_ray_to_confirm_union_of_the_hospitals_fracture_is_its_follow_up() -> None:
    action = only_action(
        ed_letter(
            "Undisplaced fracture of the right fifth metatarsal. Please arrange an X-ray at 6 weeks to confirm union."
        )
    )
    assert (action.verdict, action.rule) == ("inappropriate", "provider_follow_up")


def test_taking_over_a_specialist_drug_is_not_a_referral_because_a_clinic_is_named() -> None:
    action = only_action(
        clinic_letter(
            "Please take over prescribing of rivastigmine patches from next month, as we will not see him again in "
            "the memory clinic."
        )
    )
    assert action.category == "specialist_prescribing"
    assert (action.verdict, action.rule) == ("inappropriate", "shared_care")


def test_a_ticked_form_reads_its_ticked_boxes_and_an_owner_field() -> None:
    letter = discharge_summary(
        "FOLLOW-UP\n[x] GP review within 2 weeks - re confusion and fluid intake\n[x] Repeat LFTs in 10 days - by: GP\n"
        "[ ] Memory clinic referral\n[ ] Fit note required\n[ ] Follow up in this clinic\n"
    )
    assert quotes(letter) == [
        "GP review within 2 weeks - re confusion and fluid intake",
        "Repeat LFTs in 10 days - by: GP",
    ]


def test_a_checklist_with_every_box_empty_is_the_practices_to_do_list() -> None:
    letter = discharge_summary(
        "Actions:\n[ ] GP to repeat LFTs in 10 days\n[ ] Practice nurse to check the wound on day 7\n"
    )
    assert len(quotes(letter)) == 2


@pytest.mark.parametrize(
    "line",
    [
        "- GP to repeat the sodium on Thursday 12/11/2026; please ring the ward if it is below 128.\n",
        "- GP to recheck potassium in 3 days; please let the renal team know if K is above 5.5.\n",
    ],
)
def test_a_test_whose_result_the_hospital_wants_to_hear_about_is_one_request_and_its_follow_up(line: str) -> None:
    action = only_action(discharge_summary("Plan:\n" + line))
    assert action.quote == line[2:].strip()
    assert (action.verdict, action.rule) == ("inappropriate", "provider_follow_up")


def test_the_same_words_under_an_agreed_protocol_are_the_practices_monitoring() -> None:
    action = only_action(
        clinic_letter(
            "As set out in the shared care protocol, please continue the monthly FBC and LFTs and let us know if the "
            "neutrophil count falls below 2."
        )
    )
    assert action.verdict == "appropriate"


def test_a_bullet_wrapped_after_a_semicolon_is_still_one_entry() -> None:
    # as a letter reaches the practice hard-wrapped at 65 characters (email, scanning)
    letter = discharge_summary(
        "Plan:\n- The wound swab taken on the ward was still awaited at discharge;\nGP to check it and treat if it "
        "grows anything.\n- Staples out at the practice on day 10.\n"
    )
    first = read_letter(letter)[0]
    assert first.quote.startswith("The wound swab") and first.quote.endswith("grows anything.")
    assert (first.category, first.rule) == ("results", "test_results")


RUN_ON = (
    "Dear Dr Example I saw Mrs Test today with her son and she has been much more breathless since the winter and "
    "her ankles are swollen and the echo we did in clinic shows her ejection fraction has fallen to 35 percent so "
    "we have increased her bisoprolol to 5 mg and given her two weeks from our pharmacy and she will need the "
    "furosemide going up as well, so I'd be grateful if you could increase her furosemide to 80 mg in the morning "
    "and recheck her kidney function in one week and please don't restart the naproxen, her blood cultures from "
    "the ward are still pending so please could you follow these up and treat if they grow anything, we will see "
    "her in the heart failure clinic in three months"
)


def test_requests_in_dictation_that_runs_on_without_full_stops_are_each_found() -> None:
    found = read_letter(clinic_letter(RUN_ON))
    quotes_found = [action.quote for action in found]
    # (version 9 read the whole paragraph as one sentence and found one request in it, or none)
    assert len(found) >= 3, quotes_found
    assert any(q.startswith("I'd be grateful if you could increase her furosemide") for q in quotes_found)
    results = next(action for action in found if "please could you follow these up" in action.quote)
    assert "I saw Mrs Test" not in results.quote


def test_a_request_that_points_back_at_the_clause_before_stays_with_it() -> None:
    sentence = (
        "Her sleep has been poor for many months and after a long discussion about the options in clinic today, "
        "including sleep hygiene, a trial of a sedating antidepressant and cognitive behavioural therapy for "
        "insomnia, she would like to try amitriptyline 10 mg at night and then increase it to 20 mg after two "
        "weeks if she tolerates it, and I would be grateful if you would start this for her."
    )
    assert len(quotes(clinic_letter(sentence))) == 1
