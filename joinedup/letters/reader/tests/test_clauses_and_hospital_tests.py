"""Requests inside longer sentences, the hospital's own tests and procedures, and lines that only look like
requests (reader version 7). Every wording here is written for the test, not taken from an annotated set."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.engine import read_letter
from joinedup.letters.reader.tests.helpers import clinic_letter, discharge_summary, only_action, quotes


@pytest.mark.parametrize(
    ("body", "starts"),
    [
        (
            "It would be helpful if you could check her thyroid function yearly, and we would be pleased to review "
            "her again should the TSH rise above 10.\n",
            "It would be helpful",
        ),
        (
            "It would be useful if the practice could keep an eye on his weight, and I will be happy to see him "
            "again if it falls further.\n",
            "It would be useful",
        ),
    ],
)
def test_a_request_then_the_hospitals_offer_is_the_request(body: str, starts: str) -> None:
    action = only_action(clinic_letter(body))
    assert action.quote.startswith(starts)


@pytest.mark.parametrize(
    "body",
    [
        "I'd be grateful if you could continue the lactulose on repeat, and please do not stop it before she is seen.\n",
        "Please add the new inhaler to her repeat prescription, and please don't change the device.\n",
    ],
)
def test_a_caution_after_a_request_does_not_cancel_it(body: str) -> None:
    assert only_action(clinic_letter(body)).category == "medication"


@pytest.mark.parametrize(
    "body",
    [
        "Temazepam was started on the ward for sleep - please do not continue this once the supply runs out.\n",
        "Please do not renew the codeine prescription.\n",
    ],
)
def test_asking_the_practice_not_to_continue_a_medicine_asks_nothing(body: str) -> None:
    assert quotes(discharge_summary(body), "discharge_summary") == []


@pytest.mark.parametrize(
    "body",
    [
        "Plan:\n1. Please arrange for removal of the ureteric stent in 6 weeks.\n",
        "Plan:\n1. GP to organise stent removal at around 3 weeks.\n",
    ],
)
def test_taking_out_the_stent_the_hospital_placed_is_its_own_follow_up(body: str) -> None:
    action = only_action(discharge_summary(body), "discharge_summary")
    assert (action.category, action.rule) == ("follow_up", "provider_follow_up")


def test_a_plan_line_then_the_request_for_the_same_thing_is_one_request() -> None:
    body = "Plan:\n1. Catheter to be removed in 2 weeks. Please arrange catheter removal with the urology nurses.\n"
    action = only_action(discharge_summary(body), "discharge_summary")
    assert action.quote.startswith("Please arrange catheter removal")


def test_a_test_for_an_ordinary_medicine_after_a_specialist_handover_is_the_practices() -> None:
    body = (
        "Actions:\n- Please take over prescribing of lithium at the new dose; shared care paperwork to follow.\n"
        "- Please check TFTs in 6 weeks and adjust levothyroxine accordingly.\n"
    )
    actions = read_letter(discharge_summary(body), "discharge_summary")
    assert [(a.category, a.verdict) for a in actions][-1] == ("monitoring", "appropriate")
    assert actions[0].rule == "shared_care"


@pytest.mark.parametrize(
    "body",
    [
        "We sent a wound swab today. If it grows MRSA, please could the practice start treatment and let her know.\n",
        "I have sent her urine for culture. If it shows a resistant organism, please change the antibiotic.\n",
        "MRSA screen: swabs taken in clinic, result to follow.\n\nIf MRSA screen positive, please prescribe "
        "decolonisation.\n",
        "GBS swab sent today; result awaited.\n\nIf the GBS swab is positive, please let the midwife know.\n",
    ],
)
def test_acting_on_what_the_hospitals_own_sample_shows_is_its_result(body: str) -> None:
    action = read_letter(clinic_letter(body))[-1]
    assert (action.category, action.rule) == ("results", "test_results")


def test_acting_on_a_sample_the_letter_does_not_say_the_hospital_took_is_the_practices() -> None:
    action = only_action(clinic_letter("If her urine culture grows E. coli, please treat with nitrofurantoin.\n"))
    assert action.verdict == "appropriate"


def test_home_oxygen_assessment_for_the_copd_the_team_treats_is_its_referral() -> None:
    body = "Diagnosis: COPD with resting hypoxaemia (SpO2 87%).\n\nPlease refer him for a home oxygen assessment.\n"
    assert only_action(clinic_letter(body)).rule == "onward_referral"


def test_chasing_equipment_the_hospital_ordered_is_its_job() -> None:
    body = (
        "If the walking frame has not been delivered within a fortnight, could the surgery please chase the supplier.\n"
    )
    assert only_action(clinic_letter(body)).rule == "contact_point"


def test_taking_over_the_amber_drug_named_just_before_is_shared_care() -> None:
    body = (
        "Riluzole is on the amber list locally and our shared care document is still being agreed. Until then, "
        "please take over prescribing once our 4-week supply ends.\n"
    )
    action = read_letter(clinic_letter(body))[-1]
    assert (action.category, action.rule) == ("specialist_prescribing", "shared_care")


def test_a_fit_note_from_a_service_that_never_saw_the_patient_is_the_gps() -> None:
    body = (
        "He did not attend his first physiotherapy appointment and has been discharged. He had asked us for a fit "
        "note; as he has not yet been assessed by us, he will need to get this from you.\n"
    )
    action = read_letter(clinic_letter(body))[-1]
    assert (action.category, action.verdict) == ("fit_note", "appropriate")


def test_none_in_the_practice_column_then_a_note_asks_nothing() -> None:
    body = (
        "| Medicine | Dose | Supplied | Action for GP |\n"
        "| Prednisolone | 30 mg OD | 5 days (full course) | None - course ends 12/03 |\n"
        "| Amlodipine | 5 mg OD | 14 days | Please add to repeat |\n"
    )
    actions = read_letter(discharge_summary(body), "discharge_summary")
    assert len(actions) == 1 and "Amlodipine" in actions[0].quote


@pytest.mark.parametrize(
    "body",
    [
        "Post-op: uneventful. Check X-ray satisfactory. Mobilising with a frame.\n",
        "Check film showed the plate in good position.\n",
        "Copy to GP: Dr A Example, Elm Tree Surgery (action required - see below)\n",
        "Reason for appointment: Review of psoriasis and methotrexate\n",
    ],
)
def test_lines_that_only_look_like_requests(body: str) -> None:
    assert quotes(discharge_summary(body), "discharge_summary") == []


def test_a_need_then_a_separate_request_are_two_requests() -> None:
    body = "She will need a repeat DEXA scan in two years; please add osteoporosis to her problem list.\n"
    assert len(read_letter(clinic_letter(body))) == 2
