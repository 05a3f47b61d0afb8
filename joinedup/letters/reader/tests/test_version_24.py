"""Reader version 24: forms met in new hands of letters, each in wordings of our own (not from any annotated letter)."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.engine import read_letter
from joinedup.letters.reader.tests.helpers import clinic_letter, discharge_summary, quotes
from joinedup.letters.reader.thread import practices_messages

# --- a thread's headers typed in capitals are headers too -------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "FROM: HALE NADIA (ORCHARD ROW SURGERY)\nSENT: 14 APRIL 2026 08:55\nTO: DERMATOLOGY ADMIN",
        "REQUESTER MESSAGE - 14/04/2026 08:55",
        "> ON 14 APR 2026, HALE NADIA (ORCHARD ROW SURGERY) WROTE:",
    ],
)
def test_a_practices_message_under_a_header_in_capitals_is_the_practices(header: str) -> None:
    text = (
        "Dear Dr Hale,\nPlease stop the doxycycline and start lymecycline 408 mg daily.\n\n"
        f"{header}\nCould you see her sooner? Should I refer her privately?\n"
    )
    spans = practices_messages(text)
    assert [text[start:end].count("Should I refer her privately?") for start, end in spans] == [1]
    assert all("lymecycline" not in text[start:end] for start, end in spans)


# --- text the writer struck out asks nothing (hand 165) ---------------------------------------------------------------


@pytest.mark.parametrize(
    "struck",
    [
        "[deleted: Please arrange an MRI of her lumbar spine.]",
        "[Deleted text: GP to refer to the pain clinic]",
        "<del>Please refer her to the pain clinic.</del>",
        "[struck through: Please start pregabalin 75 mg twice daily.]",
    ],
)
def test_text_the_writer_struck_out_asks_nothing(struck: str) -> None:
    letter = clinic_letter(
        f"I examined her back today. {struck}\n\nPlease increase her amitriptyline to 20 mg at night."
    )
    assert quotes(letter) == ["Please increase her amitriptyline to 20 mg at night."]


def test_a_request_beside_struck_out_text_keeps_its_place_in_the_letter() -> None:
    letter = clinic_letter("[deleted: Please check her U&E in a week.]\nPlease check her ferritin in 3 months.")
    (action,) = read_letter(letter)
    assert letter[action.start : action.end] == action.quote == "Please check her ferritin in 3 months."


def test_a_deletion_marker_left_open_takes_nothing_out() -> None:
    letter = clinic_letter("[deleted: Please check her ferritin in 3 months.\n\nPlease refer her to the falls service.")
    assert "Please refer her to the falls service." in quotes(letter)


# --- a re-referral asked for only if something new happens is the practice's call (hand 163) -------------------------


@pytest.mark.parametrize(
    "request_",
    [
        "Please re-refer urgently if she develops new night sweats, weight loss or lymphadenopathy.",
        "Please re-refer him to the rapid diagnostic service if his symptoms return or worsen.",
        "Please re-refer if the swelling grows rapidly or becomes hard.",
    ],
)
def test_a_re_referral_if_something_new_happens_is_appropriate(request_: str) -> None:
    letter = clinic_letter(f"We found no evidence of cancer at her colonoscopy.\n\n{request_}")
    (action,) = read_letter(letter)
    assert action.verdict == "appropriate"


@pytest.mark.parametrize(
    "request_",
    [
        "Please repeat her CA125 in 3 months and re-refer if she develops new symptoms or it rises.",
        "Please re-refer her to my clinic in 3 months so that we can re-assess her if she is no better.",
    ],
)
def test_a_re_referral_after_a_test_or_at_a_time_is_still_the_hospitals_recall(request_: str) -> None:
    letter = clinic_letter(f"I saw her in the gynaecology clinic today.\n\n{request_}")
    assert [a.verdict for a in read_letter(letter)] == ["inappropriate"]


# --- a record system's banners and lines for the patient ask nothing (hand 165) -------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "If received in error please notify the Cardiology secretaries on 01632 960 000.",
        "If you receive it in error please return it to the sender.",
        "Please excuse any minor typographical errors.",
        "*** GENERATED FROM THE ENDOSCOPY REPORTING SYSTEM - PLEASE CHECK ALL FIELDS ***",
        "Allergies: [Could not be loaded - please refer to GP record]",
        "Document generated: 03/02/2026 14:10 | Version 3",
        "Mrs Okafor: please bring your blood glucose diary to your next appointment.",
        "Leo and dad: please bring his inhalers and spacer to every clinic.",
        "Parents: please keep a diary of any further episodes.",
    ],
)
def test_banners_and_lines_for_the_patient_are_not_requests(line: str) -> None:
    letter = clinic_letter(f"{line}\n\nPlease check her HbA1c in 3 months.")
    assert quotes(letter) == ["Please check her HbA1c in 3 months."]


def test_a_line_for_the_gp_by_name_still_asks() -> None:
    letter = clinic_letter("Dr Example: please check her HbA1c in 3 months.")
    assert len(quotes(letter)) == 1


# --- what the hospital will consider is its own plan (hand 165) -------------------------------------------------------


def test_what_the_hospital_will_consider_at_its_next_visit_is_not_a_request() -> None:
    letter = clinic_letter(
        "We discussed a GLP-1 receptor agonist and we will consider adding tirzepatide at her next visit if her HbA1c "
        "remains above target.\n\nPlease consider adding empagliflozin 10 mg once daily."
    )
    assert quotes(letter) == ["Please consider adding empagliflozin 10 mg once daily."]


# --- one request, not two (hands 163 to 165) --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "request_",
    [
        "GP to request a repeat ultrasound in 6 months and refer back to us with the report.",
        "GP to add to repeat prescription and remove the ramipril.",
    ],
)
def test_a_step_that_follows_from_the_request_stays_with_it(request_: str) -> None:
    letter = clinic_letter(request_)
    assert quotes(letter) == [request_]


def test_a_need_then_the_request_for_it_in_other_words_is_one_request() -> None:
    letter = clinic_letter(
        "She would benefit from removal of the large sebaceous cyst on her scalp. GP to refer to the minor surgery "
        "service for the scalp cyst."
    )
    assert quotes(letter) == ["GP to refer to the minor surgery service for the scalp cyst."]


def test_a_check_that_can_be_done_at_the_practice_is_asked_of_it() -> None:
    letter = clinic_letter(
        "His liver function should be checked every 6 months while he is on methotrexate, which can be done with "
        "his annual review bloods at the practice."
    )
    assert len(quotes(letter)) == 1


# --- tables and lists that point elsewhere (hand 164) -----------------------------------------------------------------

TABLE = """| # | Problem                    | Action                               | Owner |
|---|----------------------------|--------------------------------------|-------|
| 1 | Knee osteoarthritis        | Physiotherapy - booked by us          | Ortho |
| 2 | Low vitamin D              | Colecalciferol - see below            | GP    |

2. Her vitamin D is 21 nmol/L. Please prescribe colecalciferol 20,000 units weekly for 7 weeks.
"""


def test_a_table_row_whose_action_is_see_below_is_not_a_request() -> None:
    assert quotes(clinic_letter(TABLE)) == ["Please prescribe colecalciferol 20,000 units weekly for 7 weeks."]


@pytest.mark.parametrize("heading", ["Medicines (please action where marked GP)", "4. Follow up"])
def test_a_heading_over_the_requests_is_not_one(heading: str) -> None:
    letter = clinic_letter(f"{heading}\n  - Please stop the amlodipine.\n  - Clinic in 6 months.")
    assert quotes(letter) == ["Please stop the amlodipine."]


# --- a summary box and the body state one request once (hands 168 and 172) ------------------------------------------


@pytest.mark.parametrize(
    ("box", "body"),
    [
        ("- CXR 6/52 for resolution", "Please repeat her chest X-ray in 6 weeks to confirm resolution."),
        ("- U&E 1/52 (ramipril up)", "Please check her U&Es in 1 week after the ramipril increase."),
        (
            "- Refer podiatry (high risk foot)",
            "I would be grateful if you could refer her to the community podiatry team.",
        ),
        (
            "- Falls clinic referral please",
            "She fell twice last month; please refer her to the community falls service.",
        ),
        ("- FBC 6-monthly", "Please could you check his FBC, U&E and LFTs every 6 months."),
        ("- Take over apixaban prescribing from 02/05", "Please take over prescribing of apixaban from 2 May."),
    ],
)
def test_a_terse_box_entry_and_the_body_asking_the_same_are_one_request(box: str, body: str) -> None:
    letter = clinic_letter(f"GP ACTIONS\n{box}\n\nDear colleague,\n\n{body}")
    assert quotes(letter) == [body]


def test_a_table_row_and_the_sentence_saying_the_same_are_one_request() -> None:
    letter = clinic_letter(
        "| Action | Who |\n|---|---|\n| Stop ibuprofen | GP |\n\nI would suggest that the ibuprofen is stopped for good; "
        "paracetamol and topical diclofenac are reasonable alternatives."
    )
    assert len(quotes(letter)) == 1


@pytest.mark.parametrize(
    "letter_body",
    [
        # two medicines on repeat
        "- Please continue sertraline 100 mg once daily on repeat.\n\nCitalopram: please continue on repeat once our "
        "supply runs out and review it at six weeks.",
        # two rows of one table share their columns' words
        "| Medicine | Change | Note |\n|---|---|---|\n| Bisoprolol | dose increased | please update repeat |\n"
        "| Furosemide | dose increased | please update repeat to 80 mg |",
    ],
)
def test_requests_that_share_words_but_not_their_subject_stay_two(letter_body: str) -> None:
    assert len(quotes(clinic_letter(letter_body))) == 2


# --- requests and non-requests in long and mixed letters (hands 168 to 170) -----------------------------------------


def test_a_passive_question_ending_in_a_full_stop_asks() -> None:
    letter = clinic_letter(
        "We have booked her echo. Could her U&Es be checked before then and the result sent to me, as I may add "
        "eplerenone at that visit."
    )
    assert len(quotes(letter)) == 1


def test_the_hospitals_own_review_before_a_semicolon_is_not_a_request() -> None:
    letter = clinic_letter("6. Review in our clinic in 4 months; please check her FBC and LFTs the week before.")
    assert quotes(letter) == ["please check her FBC and LFTs the week before."]


@pytest.mark.parametrize(
    "line",
    [
        "Weight 2nd centile (previously 9th at 3 years); height 25th centile.",
        "I do not think she needs imaging.",
        "Repeat cultures 11/03 and 13/03: no growth (bacteraemia cleared by 48 h).",
        "Admission blood cultures (03/02): no growth at 5 days (final).",
        "Repeat bloods 14/03 08:00: WCC 9.8, CRP 45, Na 134, creatinine 98.",
        "Incidental 1.8 cm renal cyst on ultrasound - simple - see below",
        "We would of course be grateful for your continued support of Mr Test and his family.",
        "This is a red drug and will continue to be prescribed and monitored by the regional cancer centre.",
        "Her glucose control has worsened over the last 6 months, with fasting readings of 12-15.",
        "CKD G3a - eGFR 52, stable for 4 years.",
        "His LFTs at the practice every 12 weeks have been normal throughout.",
    ],
)
def test_findings_history_and_courtesies_in_a_long_letter_are_not_requests(line: str) -> None:
    letter = clinic_letter(f"{line}\n\nPlease check her HbA1c in 3 months.")
    assert quotes(letter) == ["Please check her HbA1c in 3 months."]


def test_a_box_on_one_line_whose_entries_the_body_states_is_a_summary() -> None:
    body = [
        "We had no stock of Fostair 100/6; please prescribe two puffs twice daily from today.",
        "Please add salbutamol to his repeat prescription.",
        "Please arrange a review with the practice asthma nurse in 2 weeks.",
    ]
    letter = clinic_letter(
        "GP ACTIONS >> Fostair 100/6 2 puffs BD - please prescribe | Salbutamol repeat | Asthma nurse r/v 2/52\n\n"
        + "\n\n".join(body)
    )
    assert quotes(letter) == body


# --- a letter for several readers: only the practice's parts ask it (hand 173) ----------------------------------------


@pytest.mark.parametrize(
    "part",
    [
        "For Hollybank Lodge staff:\n- Weigh her daily before breakfast, please.\n- Please use the sensor mat at night.",
        "For Well Pharmacy: this is a new medicine for her - please offer the New Medicine Service.",
        "To Mr and Mrs Okoro\n- Please keep a diary of his headaches.\n- Please bring his inhalers to clinic.",
        "Mrs Patel - please keep a diary of your pulse and blood pressure.",
        "Ms Shah - could you arrange a carb counting session before his pump start?",
    ],
)
def test_a_part_for_another_reader_is_not_the_practices(part: str) -> None:
    letter = clinic_letter(f"{part}\n\nFor the GP:\n- Please check her U&E in 1 week.")
    assert quotes(letter) == ["Please check her U&E in 1 week."]


def test_a_line_to_the_gp_by_title_and_name_still_asks() -> None:
    assert len(quotes(clinic_letter("Dr Example - please could you check her U&E in 1 week."))) == 1


# --- asking for what the practice's record holds (hand 174) -----------------------------------------------------------


@pytest.mark.parametrize(
    "request_",
    [
        "Could you let me know whether she has had a DEXA scan before?",
        "I would be grateful if you could send copies of any previous EEG reports.",
        "Please send his thyroid function results from the last two years.",
    ],
)
def test_asking_for_what_the_record_holds_is_an_admin_request_the_practice_can_meet(request_: str) -> None:
    (action,) = read_letter(clinic_letter(request_))
    assert (action.category, action.verdict) == ("admin", "appropriate")


def test_a_test_to_do_with_its_result_sent_is_still_the_hospitals_follow_up() -> None:
    (action,) = read_letter(clinic_letter("Please check her U&E and send us the result before her next clinic."))
    assert action.category != "admin"


# --- terse lines under the practice's heading, typed on a phone (hand 177) -------------------------------------------


def test_terse_tasks_under_the_practices_heading_are_requests() -> None:
    letter = discharge_summary(
        "gp pls:\n- rx remaining 21/7 enoxaparin, daughter can inject\n- continue ferrous sulfate for 3/12\n"
        "- fit note 4/52 (delivery driver)\n\ncompleted on mobile, pls excuse formatting"
    )
    assert quotes(letter, "discharge_summary") == [
        "rx remaining 21/7 enoxaparin, daughter can inject",
        "continue ferrous sulfate for 3/12",
        "fit note 4/52 (delivery driver)",
    ]


# --- verdicts (hands 170, 173, 174) -----------------------------------------------------------------------------------


def test_going_on_prescribing_under_an_agreement_is_not_a_start_after_clinic() -> None:
    letter = clinic_letter(
        "Please continue to prescribe rotigotine patches under the shared care agreement - no dose change today."
    )
    (action,) = read_letter(letter)
    assert action.rule != "outpatient_medication"


def test_a_reading_of_its_own_after_a_specialist_drug_is_not_drug_monitoring() -> None:
    letter = clinic_letter(
        "Plan:\n1. Azathioprine 50 mg daily; the first 4 weeks were supplied today. I would be grateful if you would take "
        "over the prescribing from week 5 - the shared care paperwork will follow.\n"
        "2. Please offer him pneumococcal vaccination as he is now immunosuppressed.\n"
        "3. His BP was 162/98 in clinic today - please could you recheck it and manage as appropriate."
    )
    rechecked = [a for a in read_letter(letter) if "recheck" in a.quote]
    assert [a.rule for a in rechecked] == [None]


def test_a_test_the_hospital_sent_on_a_date_then_follow_up_is_its_result() -> None:
    letter = discharge_summary("GP actions:\n- Ferritin and folate (sent 14/05) - please follow up.")
    (action,) = read_letter(letter, "discharge_summary")
    assert (action.category, action.rule) == ("results", "test_results")
