"""Run-on dictation, and requests whose owner only the situation shows (reader version 11). Every wording here is
written for the test, not taken from an annotated set."""

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

# a dictated paragraph is one "sentence" of many clauses: long, with commas and hardly a full stop
_HISTORY = (
    "I reviewed Mr Dale today with his daughter and he has been a good deal steadier on his feet since we last met, "
    "his weight has been stable and he is eating well though he still tires by the afternoon, "
)


def _run_on(*clauses: str) -> str:
    return clinic_letter(_HISTORY + ", ".join(clauses) + ".")


@pytest.mark.parametrize(
    ("clauses", "asked", "hospital_statement"),
    [
        (
            (
                "I would be grateful if you could check his potassium at the surgery in a week",
                "we will repeat his echocardiogram and see him back in the heart failure clinic in four months",
            ),
            "check his potassium",
            "repeat his echocardiogram",
        ),
        (
            (
                "so please could you review his blood pressure at the practice",
                "he knows to come straight to the emergency department if he becomes more breathless",
            ),
            "review his blood pressure",
            "emergency department",
        ),
        (
            (
                "I'd be grateful if you could stop the doxazosin",
                "our pharmacist went through his tablets with him and he has a new list",
            ),
            "stop the doxazosin",
            "our pharmacist",
        ),
    ],
)
def test_in_run_on_dictation_a_request_ends_where_a_new_subject_begins(
    clauses: tuple[str, ...], asked: str, hospital_statement: str
) -> None:
    action = only_action(_run_on(*clauses))
    assert asked in action.quote
    assert hospital_statement not in action.quote


@pytest.mark.parametrize(
    ("clauses", "expected"),
    [
        (
            (
                "he has run out of his emollients so if you could add them to his repeat that would be a great help",
                "also if you could arrange a routine B12 level at the practice that would be sensible",
            ),
            ["add them to his repeat", "B12"],
        ),
        (
            (
                "his mood has been low and I'd be grateful if you could start sertraline 50 mg daily",
                "he also mentioned longstanding tinnitus which has nothing to do with this so I wonder if you would "
                "consider referring him routinely to audiology",
            ),
            ["sertraline", "audiology"],
        ),
    ],
)
def test_each_request_of_a_run_on_paragraph_is_read(clauses: tuple[str, ...], expected: list[str]) -> None:
    found = quotes(_run_on(*clauses))
    assert len(found) == len(expected), found
    for quote, words in zip(found, expected, strict=True):
        assert words in quote


@pytest.mark.parametrize(
    "clause",
    [
        "if his heart rate is still over 80 when you see him in a fortnight then please increase the bisoprolol to 5 mg",
        "and if the sodium is below 130 on that check please stop the indapamide and let us know",
    ],
)
def test_a_condition_in_run_on_dictation_stays_with_what_to_do_on_it(clause: str) -> None:
    action = only_action(_run_on("his blood pressure was 128/74 today", clause))
    assert action.quote.lstrip().startswith(("if", "and if")), action.quote
    assert action.category == "medication"


@pytest.mark.parametrize(
    "closing",
    [
        "he will need a repeat chest X-ray in eight weeks and if you could request that I would be grateful",
        "his ferritin needs rechecking in three months and if you could do that for us we would be most grateful",
    ],
)
def test_a_thanks_that_closes_a_request_is_not_a_request_of_its_own(closing: str) -> None:
    found = quotes(_run_on(closing, "we will see him again in the spring"))
    assert len(found) == 1, found
    assert "grateful" in found[0]


def test_please_straight_after_a_statement_starts_the_request() -> None:
    action = only_action(
        _run_on(
            "his blood pressure today was 142 over 88 on amlodipine please continue to monitor it at the practice "
            "aiming for below 140 over 90",
            "he has been told by us not to drive for a month",
        )
    )
    assert action.quote.startswith("please continue to monitor")
    assert "drive" not in action.quote


@pytest.mark.parametrize(
    ("letter", "service"),
    [
        (
            clinic_letter(
                "Diagnosis: left middle cerebral artery infarct.\n\nHis right arm remains weak. I would be grateful "
                "if you could refer him to the community neuro-physiotherapy service."
            ),
            "neuro-physiotherapy",
        ),
        (
            clinic_letter(
                "Diagnosis: right S1 radiculopathy from an L5/S1 disc prolapse.\n\nSurgery is not indicated. Please "
                "refer her to the community MSK physiotherapy team for a graded programme."
            ),
            "physiotherapy",
        ),
        (
            discharge_summary(
                "Diagnosis: alcohol-related hepatitis, improving.\n\nHe wants help to stay abstinent. GP to refer to "
                "the community drug and alcohol service."
            ),
            "alcohol",
        ),
    ],
)
def test_a_service_that_follows_from_the_condition_the_hospital_treats_is_its_referral(
    letter: str, service: str
) -> None:
    action = only_action(letter)
    assert service in action.quote
    assert (action.verdict, action.rule) == ("inappropriate", "onward_referral")


def test_physiotherapy_for_a_problem_the_letter_did_not_treat_stays_the_practices() -> None:
    action = only_action(
        clinic_letter(
            "Diagnosis: focal epilepsy.\nAlso: mechanical low back pain.\n\nHe mentioned his back has ached for a "
            "year with no red flags; I would be grateful if you could refer him to the community MSK physiotherapy "
            "service."
        )
    )
    assert action.verdict == "appropriate"


@pytest.mark.parametrize(
    "sentence",
    [
        "No GP prescribing is needed, but please could you record ustekinumab on her medication list as a hospital "
        "medicine.",
        "Nothing needs changing in her tablets, but would you please add secukinumab to her record as issued by us.",
    ],
)
def test_a_request_after_but_is_not_negated_by_the_clause_before_it(sentence: str) -> None:
    action = only_action(clinic_letter(sentence))
    assert "record" in action.quote


@pytest.mark.parametrize(
    "sentence",
    [
        "Please note the treatment escalation plan on his record.",
        "Please note her new penicillin allergy in the GP record.",
    ],
)
def test_please_note_something_on_the_record_asks_the_practice_to_record_it(sentence: str) -> None:
    assert quotes(discharge_summary("Actions for GP:\n" + sentence)) != []


def test_a_short_request_repeated_after_different_medicines_is_each_read() -> None:
    found = quotes(
        discharge_summary(
            "Medicines changed:\nRamipril 2.5 mg OD - NEW.\nPlease continue on repeat.\n"
            "Atorvastatin 80 mg ON - NEW.\nPlease continue on repeat.\n"
        )
    )
    assert len(found) == 2, found


@pytest.mark.parametrize(
    "line",
    [
        "Co-trimoxazole (prophylaxis) and lansoprazole to continue on repeat after the hospital supply.",
        "Co-codamol 30/500 to be reduced and stopped over two weeks.",
    ],
)
def test_medicines_named_first_with_what_to_do_under_the_practices_heading(line: str) -> None:
    action = only_action(discharge_summary("Actions for GP:\n" + line))
    assert action.category == "medication"


def test_a_table_flattened_onto_one_line_is_read_row_by_row() -> None:
    letter = clinic_letter(
        "Plan (from clinic template):\n"
        "Item | Who | Detail || Ferrous fumarate 210 mg BD | GP | Please prescribe for three months || "
        "Repeat FBC and ferritin | GP | Please check at 8 weeks || Colonoscopy | Hospital | Booked for 3 June"
    )
    found = quotes(letter)
    assert len(found) == 2, found
    assert "Ferrous fumarate" in found[0] and "FBC" in found[1]


@pytest.mark.parametrize(
    "sentence",
    [
        "Her blood cultures are still pending so please could you follow these up.",
        "The CA125 taken today is awaited and I would be grateful if you could chase it up.",
        "Urea and electrolytes taken on the day of discharge had not resulted when he left; GP to check these.",
    ],
)
def test_following_up_tests_named_just_before_as_pending_is_acting_on_results(sentence: str) -> None:
    action = only_action(discharge_summary(sentence))
    assert action.category == "results"
    assert (action.verdict, action.rule) == ("inappropriate", "test_results")


@pytest.mark.parametrize(
    "text",
    [
        "Dronedarone is AMBER on the local formulary and shared care has not yet been agreed. Please prescribe the "
        "dronedarone from next month.",
        "Azathioprine is red on our joint formulary. GP to continue the azathioprine 50 mg daily.",
    ],
)
def test_a_drug_the_letter_calls_amber_or_red_on_the_formulary_is_specialist_prescribing(text: str) -> None:
    action = only_action(clinic_letter(text))
    assert action.category == "specialist_prescribing"
    assert (action.verdict, action.rule) == ("inappropriate", "shared_care")


@pytest.mark.parametrize(
    "text",
    [
        "She needs an MRI of the cervical spine. Please could you request this through your direct access "
        "radiology service, as our list is long.",
        "He will need a repeat gastroscopy in eight weeks to check healing; GP to request via open access endoscopy.",
    ],
)
def test_a_hospital_test_routed_through_the_practices_direct_access_is_the_hospitals(text: str) -> None:
    action = only_action(clinic_letter(text))
    assert (action.verdict, action.rule) == ("inappropriate", "provider_follow_up")


@pytest.mark.parametrize(
    "text",
    [
        "She has had many steroid courses and I would recommend a bone density scan; please could you request "
        "this through your open-access service.",
        "Given the osteopenia, please arrange a repeat DEXA scan in three years.",
    ],
)
def test_a_bone_density_scan_is_the_practices_bone_health_care(text: str) -> None:
    action = only_action(clinic_letter(text))
    assert action.verdict == "appropriate"


def test_each_line_of_an_emergency_card_that_asks_the_practice_is_its_own_request() -> None:
    found = read_letter(
        ed_letter(
            "Dx: undisplaced fracture of the left radial head\n"
            "BP 182/104 in dept, in pain, never checked before - GP please recheck BP in 2/52 once settled\n"
            "Works as a plasterer and cannot work - GP fit note please x 2/52\n"
            "Seen by: Dr Q Test ST3"
        )
    )
    assert [a.category for a in found] == ["monitoring", "fit_note"], [a.quote for a in found]
    assert found[1].rule == "fit_note"


@pytest.mark.parametrize(
    "text",
    [
        "I have not arranged further haematology follow-up. Please re-refer if the paraprotein rises above 20 g/L.",
        "As your results are stable you no longer need to come to the clinic. If your eGFR falls below 25 your GP "
        "will refer you back to us.",
    ],
)
def test_a_re_referral_on_a_threshold_after_the_hospital_discharges_the_patient_is_the_practices(text: str) -> None:
    letter = clinic_letter(text) if text.startswith("I have") else patient_letter(text)
    for action in read_letter(letter):
        assert action.verdict == "appropriate", action.quote


@pytest.mark.parametrize(
    "line",
    [
        "GP to arrange review in the fracture clinic in 1 week.",
        "6/52 TIA clinic f/u - GP to arrange via e-RS.",
    ],
)
def test_booking_the_hospital_clinics_own_review_is_its_follow_up(line: str) -> None:
    action = only_action(ed_letter(line))
    assert action.category == "follow_up"
    assert (action.verdict, action.rule) == ("inappropriate", "provider_follow_up")


@pytest.mark.parametrize(
    "text",
    [
        "She says her employer has asked for a fit note while her wrist is in plaster. Please could you provide "
        "this for her.",
        "He will need a fit note for the next month of recovery; I would be grateful if you could issue one.",
    ],
)
def test_providing_the_fit_note_named_just_before_is_a_fit_note_request(text: str) -> None:
    found = [a for a in read_letter(clinic_letter(text)) if "provide" in a.quote or "issue one" in a.quote]
    assert len(found) == 1
    assert (found[0].category, found[0].rule) == ("fit_note", "fit_note")


def test_a_result_passed_to_the_hospitals_unit_is_its_follow_up() -> None:
    action = only_action(
        ed_letter("GP: please repeat FBC in 72 hours and pass the result to the haematology day unit.")
    )
    assert (action.verdict, action.rule) == ("inappropriate", "provider_follow_up")


@pytest.mark.parametrize(
    "sentence",
    [
        "The bloods you kindly sent last month showed a ferritin of 9.",
        "Thank you for the ultrasound you kindly arranged, which showed gallstones.",
    ],
)
def test_something_the_practice_kindly_did_is_not_a_request(sentence: str) -> None:
    assert quotes(clinic_letter(sentence)) == []


@pytest.mark.parametrize(
    "text",
    [
        "If his potassium is below 5.0, please restart spironolactone 25 mg. Furosemide to remain off unless he gains "
        "weight.",
        "Once the creatinine has settled please restart candesartan 8 mg. Indapamide to remain stopped.",
    ],
)
def test_a_dose_ends_a_sentence_and_a_medicine_to_remain_off_is_a_request_of_its_own(text: str) -> None:
    found = quotes(discharge_summary("Actions for GP:\n" + text))
    assert len(found) == 2, found
    assert found[0].rstrip().endswith("mg.")
