"""An onward referral to a service that follows from the condition the letter is about is the
hospital's to make (RULES.md onward_referral): cardiac rehabilitation after a heart attack, the falls
service after a fall, speech and language therapy after a stroke, pulmonary rehabilitation after a
COPD exacerbation. The same service asked for in a letter about something else stays the GP's."""

from __future__ import annotations

import pytest

from .helpers import clinic_letter, discharge_summary, only_action

RELATED = [
    "Diagnosis: inferior STEMI, treated with primary PCI.\n\nActions for GP:\n1. Kindly refer him on to the cardiac rehabilitation programme.\n",
    "Diagnosis: mechanical fall at home, no fracture.\n\nActions for GP:\n1. Please refer to the local falls prevention service.\n",
    "Diagnosis: left MCA stroke with mild dysphagia.\n\nActions for GP:\n1. Would the GP please refer to community speech and language therapy.\n",
    "Diagnosis: infective exacerbation of COPD.\n\nActions for GP:\n1. GP please refer her to pulmonary rehab once recovered.\n",
]


@pytest.mark.parametrize("body", RELATED)
def test_a_referral_that_follows_from_the_admission_is_flagged(body: str) -> None:
    action = only_action(discharge_summary(body), "discharge_summary")
    assert (action.category, action.verdict, action.rule) == ("referral", "inappropriate", "onward_referral")


@pytest.mark.parametrize(
    "body",
    [
        "I saw her about her eczema, which is much better.\n\nPlease refer her to the falls service, as she tells me "
        "she is unsteady at home.\n",
        "His psoriasis is controlled on the current plan.\n\nPlease refer him to cardiac rehab when convenient.\n",
    ],
)
def test_the_same_service_in_a_letter_about_something_else_is_not_flagged_for_it(body: str) -> None:
    action = only_action(clinic_letter(body), "clinic_letter")
    assert action.category == "referral" and action.rule is None


def test_a_related_referral_is_the_hospitals_even_when_routine() -> None:
    body = (
        "Diagnosis: fall with a wrist fracture.\n\nActions for GP:\n1. Routine referral to the falls clinic please.\n"
    )
    action = only_action(discharge_summary(body), "discharge_summary")
    assert action.rule == "onward_referral"


def test_a_related_service_said_to_be_for_another_matter_is_not_flagged() -> None:
    body = (
        "Diagnosis: NSTEMI.\n\nActions for GP:\n1. Quite separately from this admission, please refer her to "
        "the falls service for her longstanding unsteadiness.\n"
    )
    action = only_action(discharge_summary(body), "discharge_summary")
    assert action.rule is None


@pytest.mark.parametrize(
    ("body", "rule"),
    [
        (
            "Please could you issue the new dose of bumetanide today, as we cannot prescribe in clinic.\n",
            "outpatient_medication",
        ),
        ("Please issue her usual inhaler on repeat when it next runs out.\n", None),
    ],
)
def test_issuing_a_medicine_that_must_start_today_is_the_hospitals(body: str, rule: str | None) -> None:
    assert only_action(clinic_letter(body), "clinic_letter").rule == rule


@pytest.mark.parametrize(
    "body",
    [
        "Diagnosis: deliberate overdose of sertraline.\n\nPlan:\n- GP to refer to the community mental health team.\n",
        "Diagnosis: infected diabetic foot ulcer, left hallux.\n\nActions for GP:\n1. Please refer to podiatry.\n",
        "Operation: Hartmann's procedure, end colostomy.\n\nActions for GP:\n1. Please refer to the community stoma "
        "nurses for supplies.\n",
        "Diagnosis: low-trauma fracture of the left wrist.\n\nActions for GP:\n1. Refer to the fracture liaison "
        "service please.\n",
        "He had a transient ischaemic attack last week.\n\nActions for GP:\n1. Please refer him to the stroke "
        "prevention clinic.\n",
    ],
)
def test_services_that_follow_from_what_the_hospital_treated_are_its_to_refer_to(body: str) -> None:
    action = only_action(discharge_summary(body), "discharge_summary")
    assert (action.category, action.rule) == ("referral", "onward_referral")


def test_podiatry_for_a_patient_the_hospital_saw_for_something_else_is_the_gps() -> None:
    body = (
        "Diagnosis: community-acquired pneumonia.\n\nActions for GP:\n1. Routine referral to podiatry for nail care.\n"
    )
    assert only_action(discharge_summary(body), "discharge_summary").rule is None


def test_a_node_the_consultant_thinks_sinister_is_the_hospitals_to_refer() -> None:
    body = (
        "There is a hard 2 cm node in the right neck which I think could be sinister.\n\n"
        "I would be grateful if you would arrange a referral to the head and neck team.\n"
    )
    assert only_action(clinic_letter(body), "clinic_letter").rule == "onward_referral"
