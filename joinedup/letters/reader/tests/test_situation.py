"""The learned verdict reads what the letter says happened (situation.py, decision 0035): the facts it finds, the
rule its flag carries for medicines and referrals, the reasons against a flag the rules know, and a reason a GP
can read."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from joinedup.letters.reader import classify, learned
from joinedup.letters.reader.context import build_context
from joinedup.letters.reader.engine import read_letter
from joinedup.letters.reader.situation import describe, situation_terms
from joinedup.letters.reader.tests.helpers import clinic_letter, discharge_summary, ed_letter, only_action


@pytest.fixture
def model_sure_everywhere(monkeypatch: pytest.MonkeyPatch) -> Callable[[float], None]:
    def set_to(threshold: float) -> None:
        model = dataclasses.replace(learned.shipped_model(), threshold=threshold)
        monkeypatch.setattr(classify, "shipped_model", lambda: model)

    return set_to


def _terms_for(letter: str, quote: str, category: str) -> list[str]:
    ctx = build_context(letter, None)
    at = letter.index(quote)
    return situation_terms(quote, ctx.norm_of(at, at + len(quote)), "", category, ctx)


@pytest.mark.parametrize(
    ("body", "fact"),
    [
        ("She underwent a laparoscopic cholecystectomy on Monday.", "operated"),
        ("Blood cultures are still pending at discharge.", "hospital_tests"),
        ("We have arranged an MRI of his lumbar spine.", "hospital_tests"),
        ("I will see her again in the clinic in three months.", "hospital_follows_up"),
        ("Discharged with 7 days of tablets supplied from pharmacy.", "supplied"),
        ("No medication was supplied from the department.", "not_supplied"),
        ("We have commenced bisoprolol 1.25 mg daily.", "hospital_started"),
        ("The lesion looks suspicious of a melanoma.", "suspected_cancer"),
        ("He is unfit for work while the cast is on.", "off_work"),
    ],
)
def test_a_fact_of_the_letter_is_found_and_crossed_with_the_request_category(body: str, fact: str) -> None:
    request = "Please see him at the surgery next week."
    letter = clinic_letter(f"{body}\n\n{request}")
    made = _terms_for(letter, request, "follow_up")
    assert f"letter:{fact}" in made
    assert f"cat=follow_up|letter:{fact}" in made
    # the request's own sentence says none of it
    assert f"request:{fact}" not in made


def test_a_letter_that_says_nothing_of_the_kind_gives_no_such_fact() -> None:
    request = "Please check her blood pressure in a month."
    made = _terms_for(clinic_letter(f"Her knee is better.\n\n{request}"), request, "monitoring")
    assert not [term for term in made if "letter:operated" in term or "letter:hospital_tests" in term]
    assert "cat=monitoring|doc=clinic_letter" in made


def test_what_the_hospital_ordered_makes_a_request_about_results_more_its_own() -> None:
    model = learned.shipped_model()
    request = "Please could you let her know the result."
    plain = clinic_letter(f"Her abdomen was soft.\n\n{request}")
    ordered = clinic_letter(f"I have requested an ultrasound of her abdomen; the result is awaited.\n\n{request}")
    assert model.opinion(_terms_for(ordered, request, "results")).probability > (
        model.opinion(_terms_for(plain, request, "results")).probability
    )


@pytest.mark.parametrize(
    ("letter", "rule"),
    [
        (clinic_letter("Please could you start lansoprazole 30 mg each morning.\n"), "outpatient_medication"),
        (discharge_summary("GP to start lansoprazole 30 mg each morning."), "discharge_medication"),
        (ed_letter("GP to start lansoprazole 30 mg each morning."), "discharge_medication"),
        (clinic_letter("Please refer her for physiotherapy.\n"), "onward_referral"),
    ],
)
def test_the_models_flag_on_a_medicine_or_referral_carries_the_rule_for_its_letter(
    letter: str, rule: str, model_sure_everywhere: Callable[[float], None]
) -> None:
    model_sure_everywhere(1.01)
    assert only_action(letter).verdict == "appropriate"
    model_sure_everywhere(0.0)
    action = only_action(letter)
    assert (action.verdict, action.rule) == ("inappropriate", rule)


def test_after_a_missed_appointment_the_models_referral_flag_is_the_missed_appointments(
    model_sure_everywhere: Callable[[float], None],
) -> None:
    letter = clinic_letter(
        "Mrs Test did not attend her appointment today and has been discharged.\n\n"
        "Please refer her for physiotherapy.\n"
    )
    model_sure_everywhere(1.01)
    assert [a.verdict for a in read_letter(letter) if a.category == "referral"] == ["appropriate"]
    model_sure_everywhere(0.0)
    assert [a.rule for a in read_letter(letter) if a.category == "referral"] == ["dna_discharge"]


@pytest.mark.parametrize(
    "body",
    [
        # a start the patient chose to put off, or that the letter says is not urgent
        "Please could you start sertraline 50 mg; she would like time to think about it first.",
        "Please start ramipril 2.5 mg at your convenience.",
        # left to the practice's judgement, or its own, an open-access, a screening, a memory or a lifestyle service
        "You may wish to refer her to the gynaecology clinic if the bleeding continues.",
        "Please refer him to the weight management service.",
        "Please refer him to the memory clinic.",
        "GP pls re-refer to the diabetic eye screening programme.",
        "Please refer her to the local sexual health clinic for a coil.",
        # a service for a condition the letter rules out
        "Her coeliac serology was negative. Please refer her to the dietitian for a low FODMAP diet.",
    ],
)
def test_a_medicine_or_referral_the_rules_know_is_the_practices_stays_so(
    body: str, model_sure_everywhere: Callable[[float], None]
) -> None:
    model_sure_everywhere(0.0)
    assert [a.verdict for a in read_letter(clinic_letter(body + "\n"))] == ["appropriate"]


def test_a_related_service_in_the_community_is_still_left_to_the_model(
    model_sure_everywhere: Callable[[float], None],
) -> None:
    # "community" alone is no reason: a dietitian for the renal clinic's own low-potassium diet follows from its care
    letter = clinic_letter(
        "Her potassium was 6.1 in the renal clinic.\n\n"
        "I would be grateful if you could refer her to the community dietetic service for low-potassium advice.\n"
    )
    model_sure_everywhere(0.0)
    assert only_action(letter).verdict == "inappropriate"


@pytest.mark.parametrize(
    ("term", "reads"),
    [
        ("refer", "'refer'"),
        ("cat=results|letter:hospital_tests", "the letter mentions tests the hospital ordered or awaits"),
        ("letter:not_supplied", "the letter mentions medicines not supplied"),
        ("cat=fit_note|request:off_work", "the request mentions time off work"),
        ("cat=medication|doc=discharge_summary", "a medication request in a discharge summary"),
        ("cat=specialist_prescribing", "a specialist prescribing request"),
    ],
)
def test_a_term_reads_as_words_a_gp_understands(term: str, reads: str) -> None:
    assert describe(term) == reads


def test_the_reason_for_a_learned_flag_shows_no_raw_model_terms(model_sure_everywhere: Callable[[float], None]) -> None:
    model_sure_everywhere(0.0)
    action = only_action(discharge_summary("TTO supplied. GP to start lansoprazole 30 mg each morning."))
    assert learned.REASON_MARK in action.reason
    assert "cat=" not in action.reason and "letter:" not in action.reason and "request:" not in action.reason
