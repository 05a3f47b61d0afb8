"""Reader version 33: a request the letter states twice is found once in more of its forms; lists whose lead-in names
their owner; a date is not a duration. Each in wordings of our own (not from any annotated letter)."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.tests.helpers import (
    clinic_letter,
    discharge_summary,
    only_verdict,
    quotes,
    verdicts,
)

# --- one request, stated in the body and again in a list --------------------------------------------------------------


def test_a_lists_terse_entry_that_the_whole_sentence_of_a_request_repeats_is_that_request() -> None:
    text = clinic_letter(
        "The cinnarizine has not helped, so I have asked him to stop it, and I would be grateful if you could take it "
        "off his repeat prescription.\n\nGP actions\n- Stop cinnarizine and take off repeat."
    )
    assert quotes(text) == ["I would be grateful if you could take it off his repeat prescription."]


@pytest.mark.parametrize(
    ("prose", "entry"),
    [
        (
            "I would be grateful if you could refer him to our physiotherapy department for a shoulder programme.",
            "Physio referral for shoulder programme.",
        ),
        (
            "You might consider a routine referral to your local musculoskeletal service for his hip.",
            "Consider routine MSK referral for the hip.",
        ),
    ],
)
def test_a_service_named_in_full_and_in_short_is_one_referral(prose: str, entry: str) -> None:
    text = clinic_letter(f"{prose}\n\nRequests of the GP\n- {entry}")
    assert len(quotes(text)) == 1


def test_advice_then_the_ask_that_carries_it_out_is_one_request() -> None:
    text = clinic_letter(
        "Five years into HRT, I would suggest she moves to a continuous combined preparation.\n\n"
        "I would be grateful if you could switch her to a continuous combined HRT preparation when her packet ends."
    )
    assert quotes(text) == [
        "I would be grateful if you could switch her to a continuous combined HRT preparation when her packet ends."
    ]


def test_advice_on_one_medicine_then_an_ask_about_another_are_two_requests() -> None:
    text = clinic_letter(
        "I recommend stopping the naproxen because of his kidneys.\n\n"
        "I would be grateful if you could start paracetamol 1 g four times a day instead."
    )
    assert len(quotes(text)) == 2


def test_an_entry_that_says_it_repeats_the_request_above_is_that_request() -> None:
    text = clinic_letter(
        "I would be grateful if you could refer her to the community dietetics service for advice on a gluten-free "
        "diet.\n\nActions for the GP\n- Refer to community dietetics (as above)\n- Please code coeliac disease."
    )
    assert quotes(text) == [
        "I would be grateful if you could refer her to the community dietetics service for advice on a gluten-free "
        "diet.",
        "Please code coeliac disease.",
    ]


def test_as_above_inside_a_request_of_its_own_does_not_make_it_a_repeat() -> None:
    text = clinic_letter(
        "1. If her BP settles below 130/80, please reduce the labetalol to 100 mg TDS.\n"
        "2. Please continue the labetalol on repeat beyond the 14 days supplied, until reduced as above."
    )
    assert len(quotes(text)) == 2


def test_a_summary_lines_label_is_not_part_of_what_it_asks() -> None:
    text = clinic_letter(
        "I have supplied the first bottle; please add timolol drops to her repeat prescriptions.\n\n"
        "Actions - GP: add timolol to repeat"
    )
    assert quotes(text) == ["I have supplied the first bottle; please add timolol drops to her repeat prescriptions."]


# --- headings, pointers and lead-ins ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pointer",
    [
        "Please see GP actions at the end of this letter.",
        "Vitamin D recommended - see actions below.",
        "Colecalciferol - see pharmacy comments.",
    ],
)
def test_a_pointer_to_the_list_of_actions_asks_nothing(pointer: str) -> None:
    text = clinic_letter(f"{pointer}\n\nActions for the GP\n- Please start colecalciferol 800 units daily.")
    assert quotes(text) == ["Please start colecalciferol 800 units daily."]


@pytest.mark.parametrize(
    "heading", ["Care plan - actions for the GP practice", "Annual Review (AR) - Summary and Health Plan for GP"]
)
def test_a_heading_that_names_the_list_as_the_practices_asks_nothing(heading: str) -> None:
    text = clinic_letter(f"{heading}\n1. Please add asthma to his problem list.")
    assert quotes(text) == ["Please add asthma to his problem list."]


def test_a_lead_in_that_names_whose_the_list_is_gives_each_entry_its_owner() -> None:
    text = clinic_letter(
        "The hospital will\n- Request a CT of the sinuses\n- See him in 8 weeks with the result\n"
        "We ask the GP to\n- Recheck his blood pressure in two weeks\n"
        "Mr Oyelowo will\n- Monitor his blood glucose while on steroids"
    )
    assert quotes(text) == ["Recheck his blood pressure in two weeks"]


# --- requests found, and found whole ----------------------------------------------------------------------------------


def test_and_you_may_wish_to_starts_a_request_of_its_own() -> None:
    text = clinic_letter(
        "I would be grateful if you could check her lipid profile and HbA1c, and you may wish to consider a statin "
        "if her QRISK3 score supports this."
    )
    assert quotes(text) == [
        "I would be grateful if you could check her lipid profile and HbA1c",
        "you may wish to consider a statin if her QRISK3 score supports this.",
    ]


def test_when_of_the_request_after_it_is_no_request_of_its_own() -> None:
    text = clinic_letter(
        "I would be grateful if you could refer him to the memory service, and I would suggest this is done within "
        "the next four weeks."
    )
    assert len(quotes(text)) == 1


def test_incl_does_not_end_the_request() -> None:
    text = clinic_letter(
        "GP ACTIONS:\n  - Take over azathioprine prescribing from week 6, incl. monthly bloods\n  - Stop ibuprofen"
    )
    assert quotes(text) == ["Take over azathioprine prescribing from week 6, incl. monthly bloods", "Stop ibuprofen"]


@pytest.mark.parametrize(
    "entry", ["Annual U&E and FBC while on edoxaban (sooner if eGFR falls)", "Six-monthly TFTs while on amiodarone"]
)
def test_how_often_before_the_test_under_the_practices_heading_is_a_request(entry: str) -> None:
    assert quotes(clinic_letter(f"Actions for the GP\n- {entry}")) == [entry]


def test_when_the_hospitals_supply_ends_is_not_the_hospital_acting() -> None:
    entry = (
        "Prescribe mycophenolate 1 g twice daily under the shared care agreement, from when his hospital supply ends"
    )
    assert only_verdict(clinic_letter(f"Actions for the GP\n- {entry}"))[0] == "specialist_prescribing"


# --- a date is not a duration -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "entry", ["Colonoscopy normal (14/12/2025)", "Gastroscopy 03/12/2025: mild gastritis", "CT head 21/7/2026: normal"]
)
def test_a_test_with_its_date_in_a_list_of_diagnoses_is_no_request(entry: str) -> None:
    assert quotes(clinic_letter(f"Diagnoses\n1. Coeliac disease\n2. {entry}")) == []


def test_a_test_with_a_duration_written_the_short_way_is_still_a_request() -> None:
    assert quotes(discharge_summary("Actions for GP:\n- FBC and ferritin 3/12")) == ["FBC and ferritin 3/12"]


# --- verdicts ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("when", ["on 2nd June", "on the 2nd of June"])
def test_a_date_is_not_a_second_missed_appointment(when: str) -> None:
    text = clinic_letter(
        f"Mr Hale did not attend his first appointment in my clinic {when}. In line with the Trust's access policy he "
        "has been discharged. If you feel he still needs to be seen, please re-refer him through the e-Referral Service."
    )
    assert only_verdict(text)[1:] == ("inappropriate", "dna_discharge")


@pytest.mark.parametrize(
    "condition",
    [
        "Wound swabs were sent from clinic today. Should these grow anything, please start antibiotics.",
        "We have requested an X-ray of her wrist. If the radiology report identifies a fracture, please refer her on.",
    ],
)
def test_acting_on_what_the_hospitals_own_test_shows_is_acting_on_its_result(condition: str) -> None:
    assert only_verdict(clinic_letter(condition)) == ("results", "inappropriate", "test_results")


def test_telling_the_result_and_referring_back_should_it_show_a_lesion_is_one_request() -> None:
    text = clinic_letter(
        "Once the MRI is reported, I would be grateful if you could let him know the result and refer him back to us "
        "should it show a suspicious lesion."
    )
    assert list(verdicts(text).values()) == [("results", "inappropriate", "test_results")]


def test_please_do_contact_us_is_a_courtesy() -> None:
    text = clinic_letter("If you have any questions please do contact us through Advice and Guidance.")
    assert quotes(text) == []


# --- the hospital's result, passed to the practice to act on ----------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "The wound swab result will come to you - please check it and change the antibiotic if the organism is resistant.",
        "Sputum culture results will also come to you – please treat as appropriate.",
        "Holter report to be chased by GP and acted on as appropriate.",
    ],
)
def test_a_result_of_the_hospitals_that_comes_to_the_practice_to_act_on_is_a_test_results_breach(line: str) -> None:
    assert only_verdict(clinic_letter(line)) == ("results", "inappropriate", "test_results")


def test_chase_review_and_inform_after_histology_sent_to_the_gp_is_a_test_results_breach() -> None:
    text = clinic_letter("The histology will be sent to the GP in about ten days. Please chase, review and tell him.")
    assert only_verdict(text) == ("results", "inappropriate", "test_results")


@pytest.mark.parametrize(
    "line",
    [
        "Please check her FBC in 1 week and inform the orthogeriatric team if Hb <90.",
        "Please could you repeat a wrist X-ray before that visit and let us know if the position has slipped.",
    ],
)
def test_a_test_whose_result_goes_back_to_the_hospital_team_is_its_follow_up(line: str) -> None:
    assert only_verdict(clinic_letter(line))[1:] == ("inappropriate", "provider_follow_up")


def test_a_test_with_no_one_to_tell_but_the_practice_stays_the_practices() -> None:
    assert only_verdict(clinic_letter("Please check her FBC in 1 week and increase the iron if Hb <90."))[1] == (
        "appropriate"
    )


# --- the hospital's own dates, left to the practice -------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "If no appt heard within 2/52 GP pls chase.",
        "She is on the list for a cystoscopy. Could the surgery chase this for her if she has not heard by June?",
        "Her father asked when the hearing test will be - please could the practice follow this up for him.",
        "I would be grateful if you could keep her informed about the date of her ablation when you hear.",
    ],
)
def test_chasing_or_passing_on_the_hospitals_own_dates_is_a_contact_point_breach(line: str) -> None:
    assert only_verdict(clinic_letter(line)) == ("admin", "inappropriate", "contact_point")


def test_chasing_a_result_if_nothing_is_heard_stays_a_result() -> None:
    text = clinic_letter("Please chase his B12 result if you have not heard by Friday.")
    assert only_verdict(text)[0] == "results"


@pytest.mark.parametrize(
    "line",
    [
        "Urine culture sent - GP to chase MSU + treat if significant growth.",
        "Wound swab sensitivities to be checked on 14/03, change antibiotics if resistant.",
        "Blood cultures pending at discharge. GP pls f/u final result.",
    ],
)
def test_a_hospital_sample_chased_or_followed_up_in_shorthand_is_a_test_results_breach(line: str) -> None:
    assert only_verdict(discharge_summary(line), "discharge_summary") == ("results", "inappropriate", "test_results")


def test_a_result_sent_to_the_gp_and_what_to_do_if_positive_are_one_request() -> None:
    text = discharge_summary("CLO test - result to GP; if positive please prescribe eradication therapy.")
    assert list(verdicts(text, "discharge_summary").values()) == [("results", "inappropriate", "test_results")]


# --- what a measure has done, over time -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "finding",
    [
        "Her HbA1c has been above 80 for over a year despite metformin and sitagliptin.",
        "His creatinine has crept from 110 to 160 over two years.",
        "Her weight has dropped from 64 kg to 58 kg in four months.",
    ],
)
def test_what_a_measure_has_done_over_time_is_a_finding_not_a_request(finding: str) -> None:
    assert quotes(clinic_letter(finding)) == []


def test_a_measure_with_its_time_still_to_come_is_still_a_request() -> None:
    assert quotes(discharge_summary("Actions for GP:\n- HbA1c in 3 months")) == ["HbA1c in 3 months"]


@pytest.mark.parametrize(
    "line", ["Repeat blood cultures 12/04 - result not yet available.", "Sputum culture 03/05 - results not back."]
)
def test_a_sample_whose_result_is_not_back_asks_nothing_of_itself(line: str) -> None:
    assert quotes(discharge_summary(f"Investigations:\n{line}")) == []


def test_what_a_test_at_the_practice_showed_is_a_finding() -> None:
    assert quotes(clinic_letter("The ECG at your surgery showed atrial flutter at 140 beats a minute.")) == []
