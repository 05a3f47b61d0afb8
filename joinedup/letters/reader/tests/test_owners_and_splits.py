"""Requests that name no verb of asking, and sentences that hold two requests.

- The practice named as where or by whom a planned task is done ("B12 in 3 months at the practice",
  "dressings by the practice nurse") is a request in a letter to the practice; the same words about what
  has already happened ("prescribed by the practice", "bloods at the surgery last month") are not.
- The GP named in the letter ("GP: Dr T Okoro ...") is the GP when a letter to the patient says "I have asked
  Dr Okoro to ...".
- A scanner's "l" for "I" ("l would be grateful") still asks.
- "increase X and recheck Y" holds two requests; "stop X and start Y instead" and "remove the clips and check
  the wound" hold one.
None of the wordings here is in the annotated letters."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.engine import read_letter

from .helpers import clinic_letter, discharge_summary, only_action

PRACTICE_AS_AGENT = [
    ("Ferritin and B12 in 3 months at the practice, please.", "monitoring"),
    ("Dressing changes twice weekly by the practice nurse until the graft has taken.", "follow_up"),
    ("Lisinopril will need uptitrating in the community to 20 mg over the next two months.", "medication"),
    ("Start mirabegron 50 mg OD at her next practice review (GP, no rush).", "medication"),
]


@pytest.mark.parametrize(("sentence", "category"), PRACTICE_AS_AGENT)
def test_a_task_placed_at_the_practice_is_a_request(sentence: str, category: str) -> None:
    assert only_action(clinic_letter(sentence)).category == category


ALREADY_HAPPENED_AT_THE_PRACTICE = [
    "Her bloods at the surgery last month were normal.",
    "Background: depression, on sertraline prescribed by the practice.",
    "Osteoporosis (DEXA 03/2025, arranged by the practice: T-score -2.6).",
    "Influenza vaccine given at his surgery in October.",
    "Azathioprine 100 mg OD - shared care with the practice since 2021.",
]


@pytest.mark.parametrize("sentence", ALREADY_HAPPENED_AT_THE_PRACTICE)
def test_what_the_practice_has_done_is_not_a_request(sentence: str) -> None:
    assert read_letter(clinic_letter(sentence)) == []


PATIENT_LETTER = """Testbury Hospitals NHS Trust
Respiratory clinic

Ms Test PATIENT
1 Test Street

Dear Ms Patient

Thank you for coming to clinic. A copy of this letter goes to your GP, Dr Tunde Okoro.

{body}

Yours sincerely

Dr B Author

cc: Dr T Okoro, Riverside Surgery, Testbury
"""


@pytest.mark.parametrize(
    "body",
    [
        "I have asked Dr Okoro to increase your amlodipine to 10 mg once a day.",
        "Dr Okoro will check your kidney blood test in two weeks.",
    ],
)
def test_the_gp_named_in_a_letter_to_the_patient_is_asked(body: str) -> None:
    assert len(read_letter(PATIENT_LETTER.format(body=body))) == 1


def test_naming_the_gp_as_the_copy_is_not_a_request() -> None:
    assert read_letter(PATIENT_LETTER.format(body="Please keep taking your inhalers as before.")) == []


def test_a_scanned_l_for_i_still_asks_and_starts_a_sentence() -> None:
    text = clinic_letter("Her ferritin was 9 and she is iron deficient. l would suggest a trial of ferrous sulfate.")
    action = only_action(text)
    assert action.quote.startswith("l would suggest")
    assert action.category == "medication"


def test_questions_left_for_the_gp_to_discuss_break_contact_point() -> None:
    action = only_action(
        clinic_letter(
            "He had several questions about the fluid restriction that I could not answer today; "
            "I suggested that he discuss them with you at the surgery."
        )
    )
    assert (action.category, action.rule) == ("admin", "contact_point")


@pytest.mark.parametrize(
    ("sentence", "categories"),
    [
        ("Please increase her bisoprolol to 5 mg and repeat the ECG in a fortnight.", ["medication", "investigation"]),
        ("Could you code heart failure and add a carer flag to his record.", ["admin", "admin"]),
        ("GP to reduce the prednisolone to 10 mg and recheck her glucose next week.", ["medication", "monitoring"]),
    ],
)
def test_a_second_verb_with_its_own_object_is_a_second_request(sentence: str, categories: list[str]) -> None:
    assert [a.category for a in read_letter(clinic_letter(sentence))] == categories


@pytest.mark.parametrize(
    "sentence",
    [
        "Please check her potassium and repeat it in a week.",
        "We would suggest stopping the amlodipine and starting lercanidipine 10 mg instead.",
        "Practice nurse to remove the sutures and check the wound on day 10.",
    ],
)
def test_one_task_in_two_verbs_stays_one_request(sentence: str) -> None:
    only_action(clinic_letter(sentence))


def test_an_annual_health_check_is_monitoring() -> None:
    assert only_action(
        discharge_summary("GP actions:\n- Annual physical health check at the practice.\n")
    ).category == ("monitoring")


def test_an_emergency_department_review_in_two_days_is_its_own_follow_up() -> None:
    text = (
        "Testbury Hospitals NHS Trust\nEmergency Department\nED DISCHARGE SUMMARY\n\n"
        "Patient: Mr Test PATIENT  NHS 999 000 0003\n\nPlan:\n"
        "Told to see the GP within 2 days for a review of the abscess after drainage.\n"
        "If the redness spreads, return to ED.\n"
    )
    action = only_action(text, "ed_letter")
    assert (action.category, action.rule) == ("follow_up", "provider_follow_up")


def test_seeing_the_gp_only_if_worse_is_a_safety_net() -> None:
    text = discharge_summary("Plan:\nIf the swelling has not settled, advised to see GP in 1 week for review.\n")
    assert read_letter(text, "discharge_summary") == []


MEDICINES_LIST = """Medicati0ns on discharge:
Bisoprolol 2.5 mg OD          NEW        14 days supplied
lndapamide 2.5 mg OM          WITHHELD   restart once sodium back above 135
Gliclazide 80 mg BD           REDUCED to 40 mg BD - if HbA1c > 58 at 3/12 increase back to 80 mg BD
0xycodone MR 5 mg BD          NEW        3 days supplied, then stop (not for GP repeat)
"""


def test_a_medicines_list_line_that_waits_on_something_later_is_a_request() -> None:
    actions = read_letter(discharge_summary(MEDICINES_LIST), "discharge_summary")
    assert [a.quote.split()[0] for a in actions] == ["lndapamide", "Gliclazide"]
    assert {a.category for a in actions} == {"medication"}


def test_comments_in_a_gp_action_column_ask_only_with_a_verb() -> None:
    table = (
        "Drug | Dose | Status | GP action / comments\n"
        "Rosuvastatin | 10 mg ON | NEW | replaces atorvastatin\n"
        "Omeprazole | 20 mg OD | NEW | gastroprotection\n"
        "Edoxaban | 60 mg OD | NEW | pls add to repeats; U&E 6-monthly\n"
    )
    actions = read_letter(discharge_summary(table), "discharge_summary")
    assert [a.category for a in actions] == ["medication", "monitoring"]


def test_a_conditional_next_step_after_an_arrow_is_a_request() -> None:
    text = clinic_letter("Plan:\n1. If propranolol not tolerated → topiramate 25 mg nocte, ↑ by 25 mg every 2/52.\n")
    assert only_action(text).category == "medication"


def test_a_request_after_a_label_colon() -> None:
    text = discharge_summary("Plan:\n- Long-term steroids + previous vertebral #: for DEXA.\n")
    assert only_action(text).category == "investigation"


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("Folate to be checked - not done during this admission.", "monitoring"),
        ("TFTs to be repeated in six weeks, with the results sent to our endocrine nurses.", "monitoring"),
        ("Calcichew D3: plea se add to repeat prescription.", "medication"),
    ],
)
def test_what_the_hospital_did_not_do_or_where_results_go_leaves_the_request(sentence: str, category: str) -> None:
    assert only_action(discharge_summary(f"GP actions:\n- {sentence}\n")).category == category


def test_and_if_then_please_starts_a_second_request() -> None:
    text = clinic_letter(
        "Please check her sodium a week after the change, and if it is below 130, please stop the indapamide."
    )
    assert [a.category for a in read_letter(text)] == ["monitoring", "medication"]


def test_a_test_done_through_the_practice_is_a_request() -> None:
    text = clinic_letter(
        "I would like the liver ultrasound repeated in a year - could this be done through the surgery?"
    )
    assert only_action(text).category == "investigation"


def test_what_a_request_points_back_to_sets_its_category() -> None:
    text = clinic_letter(
        "She needs amoxicillin 500 mg TDS for five days, starting today. We have none in clinic, so I would be "
        "grateful if the surgery could issue these this morning."
    )
    action = only_action(text)
    assert (action.category, action.rule) == ("medication", "outpatient_medication")


def test_a_service_named_as_the_prescriber_is_not_a_referral() -> None:
    text = clinic_letter(
        "Memantine is a green drug here once started by the memory service, so please continue it on repeat."
    )
    assert only_action(text).category in ("medication", "specialist_prescribing")


def test_the_other_branch_of_a_condition_is_the_same_request() -> None:
    text = clinic_letter(
        "If her sodium is back above 133, please restart the indapamide; if not, please leave it stopped and "
        "recheck in a week."
    )
    assert only_action(text).category == "medication"


@pytest.mark.parametrize(
    "sentence",
    [
        "Please do not stop his anticoagulation before his clinic appointment.",
        "Repeat ECG unchanged.",
        "Review with me in 6 weeks in the clinic.",
    ],
)
def test_instructions_to_leave_alone_results_and_the_hospitals_own_review_are_not_requests(sentence: str) -> None:
    assert read_letter(clinic_letter(sentence)) == []


def test_tick_boxes_after_a_heading_do_not_hide_it() -> None:
    body = (
        "INVESTIGATIONS OUTSTANDING AT DISCHARGE: [X] Yes  [ ] No\n"
        " - Urine culture 02/03 - pending at 48 hours\n\n"
        "GP ACTION REQUIRED: [X] Yes  [ ] No\n"
        "1. Outstanding results above: GP to follow up and act on them.\n"
    )
    action = only_action(discharge_summary(body))
    assert (action.category, action.rule) == ("results", "test_results")


def test_you_can_keep_prescribing_asks() -> None:
    assert only_action(
        clinic_letter("He can stay on finasteride, which you can keep prescribing as before.")
    ).category == ("medication")


@pytest.mark.parametrize(
    "sentence",
    [
        "Please repeat the ultrasound in 6 months and re-refer if the cyst has grown.",
        "GP to arrange a repeat X-ray of the wrist in 2 weeks and refer back to fracture clinic if it has slipped.",
    ],
)
def test_a_referral_that_hangs_on_the_request_before_it_is_the_same_request(sentence: str) -> None:
    assert only_action(clinic_letter(sentence)).rule == "provider_follow_up"


def test_a_gp_cell_that_qualifies_its_first_request_stays_one_request() -> None:
    table = (
        "Drug | Dose | Status | GP action / comments\n"
        "Edoxaban | 30 mg OD | NEW | Dose reduced for weight. Pls continue; review dose once weight stable\n"
        "Digoxin | 62.5 mcg OD | WITHHELD | Level high. Do not restart unless AF rate uncontrolled\n"
    )
    actions = read_letter(discharge_summary(table), "discharge_summary")
    assert [a.quote.split()[0] for a in actions] == ["Edoxaban"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("DN please measure and photograph the ulcer weekly.", 0),
        ("Care home staff to encourage fluids and record weights.", 0),
        ("6 week postnatal check with GP as routine.", 1),
        ("Please ensure her physiotherapy continues - already known to the community team, no new referral needed.", 0),
    ],
)
def test_lines_for_someone_else_or_with_nothing_new_to_do(line: str, expected: int) -> None:
    assert len(read_letter(discharge_summary(f"Plan:\n- {line}\n"), "discharge_summary")) == expected


def test_checking_biopsy_results_the_hospital_took_is_its_result() -> None:
    text = discharge_summary(
        "Endoscopy: gastric biopsies taken.\n\nGP actions:\n- Please check biopsy results and treat H. pylori if present.\n"
    )
    action = only_action(text, "discharge_summary")
    assert (action.category, action.rule) == ("results", "test_results")


def test_a_request_after_findings_in_one_run_on_sentence_is_quoted_alone_and_judged_with_them() -> None:
    text = clinic_letter(
        "The biopsy was sent from clinic today, and I would be grateful if you could discuss the result with her "
        "when it reaches you."
    )
    action = only_action(text)
    assert action.quote.startswith("I would be grateful")
    assert (action.category, action.rule) == ("results", "test_results")


def test_a_follow_on_that_hangs_on_if_needed_stays_with_its_request() -> None:
    text = clinic_letter("Please could you check her BP at the practice in 4 weeks and add a second agent if needed.")
    assert only_action(text).category == "monitoring"


def test_a_table_laid_out_with_tabs_is_read_by_its_gp_column() -> None:
    table = (
        "Drug\tDose\tStatus\tGP action\n"
        "Aspirin\t75 mg OD\tNEW\t-\n"
        "Ramipril\t1.25 mg OD\tNEW\tPls uptitrate to 10 mg as BP and U&Es allow\n"
    )
    actions = read_letter(discharge_summary(table), "discharge_summary")
    assert [a.quote.split()[0] for a in actions] == ["Ramipril"]


def test_the_hospital_taking_on_something_else_later_in_the_sentence_leaves_the_request() -> None:
    text = clinic_letter(
        "I would be grateful if you could add heart failure to her problem list; her ferritin is low and I have "
        "booked this on our day unit."
    )
    assert only_action(text).category == "admin"
