"""Reader version 23 (decision 0047): the forms behind the misses in hands 150 (email threads and portal message
chains), 152 (screening and surveillance programmes) and 156 (letters between hospitals copied to the GP), in wordings
of our own that are not in any annotated set."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.context import build_context
from joinedup.letters.reader.engine import read_letter
from joinedup.letters.reader.segment import SectionKind, classify_label
from joinedup.letters.reader.tests.helpers import clinic_letter, discharge_summary, quotes
from joinedup.letters.reader.thread import practices_messages

# --- an email thread: the practice's own messages ask nothing of it (hand 150) -------------------------------------

THREAD = """From: Osei Kwame (BRANTWOOD HOSPITALS NHS TRUST)
Sent: 03 March 2026 16:20
To: Fenwick Lucy (MAPLEWAY SURGERY)
Subject: RE: Mr Tobias GRAYLING NHS 999 000 0003 - gout query

Dear Dr Fenwick,

Thank you for your email. Please start febuxostat 80 mg once daily once the flare has settled.
Please check his urate in 3 months.

Kwame Osei
Consultant Rheumatologist

{quoted}
Sent: 27 February 2026 09:02
To: Rheumatology Secretaries (BRANTWOOD HOSPITALS NHS TRUST)
Subject: Mr Tobias GRAYLING NHS 999 000 0003

Dear Dr Osei,

Could you advise whether he should switch from allopurinol? Please let me know if you would like me to refer him.

Lucy Fenwick
GP, Mapleway Surgery
"""


@pytest.mark.parametrize(
    "quoted",
    [
        "From: Fenwick Lucy (MAPLEWAY SURGERY)",
        "-----Original Message-----\nFrom: Reception (Mapleway Medical Centre)",
        "From: Dr Lucy Fenwick (GP)",
    ],
)
def test_the_practices_own_email_quoted_below_a_reply_asks_nothing(quoted: str) -> None:
    letter = THREAD.format(quoted=quoted)
    assert quotes(letter) == [
        "Please start febuxostat 80 mg once daily once the flare has settled.",
        "Please check his urate in 3 months.",
    ]


def test_a_hospital_colleagues_message_in_the_thread_still_asks_the_practice() -> None:
    letter = THREAD.format(quoted="From: Osei Kwame (BRANTWOOD HOSPITALS NHS TRUST)").replace(
        "Could you advise whether he should switch from allopurinol?", "Please stop his allopurinol today."
    )
    assert "Please stop his allopurinol today." in quotes(letter)


def test_a_reply_quoting_the_gp_with_on_a_date_they_wrote_marks_what_the_gp_wrote() -> None:
    text = (
        "Dear Dr Fenwick,\nPlease reduce his bisoprolol to 2.5 mg.\nThanks, Kwame\n\n"
        "> On 2 Mar 2026, at 14:05, Fenwick Lucy (MAPLEWAY SURGERY) wrote:\n> Could you advise on his bisoprolol dose?\n"
    )
    spans = practices_messages(text)
    assert len(spans) == 1
    assert "Could you advise" in text[spans[0][0] : spans[0][1]]
    assert "Please reduce" not in text[spans[0][0] : spans[0][1]]


def test_a_portals_referrer_message_is_the_practices_and_the_providers_reply_is_not() -> None:
    text = (
        "Advice and Guidance - message thread\n\n"
        "[Message 2 of 2]  09/04/2026 10:12  Dr Amara Quinn, Consultant Endocrinologist (Provider)\n"
        "Please repeat her TFTs in 6 weeks and re-refer if the TSH is still suppressed.\n\n"
        "[Message 1 of 2]  02/04/2026 15:40  Dr Lucy Fenwick (Referrer)\n"
        "Please could you see her? Would you suggest carbimazole?\n"
    )
    found = quotes(text, "clinic_letter")
    assert any("repeat her TFTs" in q for q in found)
    assert not any("could you see her" in q.lower() or "carbimazole" in q for q in found)


def test_a_letter_with_a_from_line_and_no_email_headers_has_no_practice_messages() -> None:
    assert practices_messages("From: Dr B Author, Consultant\nRe: Mr Test PATIENT\n\nPlease check his U&E.\n") == []


@pytest.mark.parametrize(
    "note",
    [
        "Mo - pls forward to GP.",
        "Hannah - can you send this on to the practice please.",
        "Priti, please make sure this gets to her GP today.",
    ],
)
def test_a_note_asking_a_colleague_to_pass_the_message_to_the_gp_asks_the_gp_nothing(note: str) -> None:
    letter = clinic_letter(f"{note}\n\nPlease increase her sertraline to 100 mg once daily.")
    assert quotes(letter) == ["Please increase her sertraline to 100 mg once daily."]


def test_a_request_that_also_says_the_hospital_will_send_something_to_the_surgery_still_asks() -> None:
    letter = clinic_letter(
        "Please take over prescribing of her mesalazine from next month; we will send the shared care agreement to "
        "the surgery this week."
    )
    assert len(quotes(letter)) == 1


def test_a_cover_note_pointing_to_the_consultants_reply_below_is_not_a_request() -> None:
    letter = clinic_letter(
        "Please see Mr Adebayo's response below regarding your question.\n\nPlease refer him to the falls service."
    )
    assert quotes(letter) == ["Please refer him to the falls service."]


def test_a_later_message_taking_back_a_request_below_removes_that_request() -> None:
    letter = clinic_letter(
        "Please also disregard my request for a chest X-ray below - we did one in clinic and it was clear.\n\n"
        "Earlier message:\nPlease stop his amlodipine.\nPlease arrange a chest X-ray in 2 weeks."
    )
    assert quotes(letter) == ["Please stop his amlodipine."]


def test_taking_back_a_request_of_an_earlier_letter_removes_nothing_in_this_one() -> None:
    letter = clinic_letter(
        "Please disregard the previous request to stop her amlodipine.\n\nPlease arrange a chest X-ray in 2 weeks."
    )
    assert quotes(letter) == ["Please arrange a chest X-ray in 2 weeks."]


# --- letters between hospitals, copied to the GP (hand 156) --------------------------------------------------------

COLLEAGUE_LETTER = """Brantwood Hospitals NHS Trust
Regional Liver Service

Dr H Lowe
Consultant Gastroenterologist
Kirkby Vale Hospital

cc: Dr A Example, Elm Tree Surgery

Dear Dr Lowe

Re: Mr Test PATIENT, NHS No 999 000 0001

{body}

Yours sincerely

Dr B Author
Consultant Hepatologist
"""


@pytest.mark.parametrize(
    "request_",
    [
        "Please give his hepatitis B vaccine course at the practice.",
        "Please arrange a bone density scan through his GP surgery.",
    ],
)
def test_in_a_letter_to_a_colleague_a_task_placed_at_the_practice_asks_the_practice(request_: str) -> None:
    assert quotes(COLLEAGUE_LETTER.format(body=request_)) == [request_]


def test_in_a_letter_to_a_colleague_a_plain_please_asks_the_colleague() -> None:
    assert quotes(COLLEAGUE_LETTER.format(body="Please repeat his liver ultrasound in 6 months.")) == []


@pytest.mark.parametrize(
    "heading",
    [
        "Plan for the receiving team (Ward 7, Kirkby Vale)",
        "Requests to Kirkby Vale Hospital",
        "For the Kirkby Vale stroke team",
        "Actions for receiving unit",
    ],
)
def test_a_transfer_letters_list_for_another_hospital_team_is_not_the_practices(heading: str) -> None:
    assert classify_label(heading) is SectionKind.ELSEWHERE
    letter = discharge_summary(
        f"{heading}:\n- Please repeat his CT head on day 7.\n- Continue enoxaparin 40 mg daily until mobile.\n"
        "- GP to add the new diagnosis of atrial fibrillation to his problem list.\n\n"
        "For GP:\n- Please review his blood pressure in 2 weeks."
    )
    assert quotes(letter, "discharge_summary") == [
        "GP to add the new diagnosis of atrial fibrillation to his problem list.",
        "Please review his blood pressure in 2 weeks.",
    ]


@pytest.mark.parametrize(
    "heading", ["For the practice team", "Actions for GP team", "Plan for discharge from the unit", "Plan for review"]
)
def test_headings_for_the_practice_or_about_a_plan_are_not_another_teams(heading: str) -> None:
    assert classify_label(heading) is not SectionKind.ELSEWHERE


def test_a_doctor_the_letter_names_by_post_before_the_name_is_a_colleague() -> None:
    letter = discharge_summary(
        "Community paediatrician: Dr R Okwu, Child Development Centre, Kirkby Vale\n\n"
        "Plan:\n- Dr Okwu - please review his growth at the next clinic.\n"
        "- Please catch up his MMR at the practice."
    )
    assert quotes(letter, "discharge_summary") == ["Please catch up his MMR at the practice."]


def test_a_line_for_the_health_visitor_set_off_by_a_dash_is_not_the_practices() -> None:
    letter = discharge_summary(
        "Plan:\n- Health visitor - fortnightly weights please until 6 months old.\n- GP to prescribe vitamin D drops."
    )
    assert quotes(letter, "discharge_summary") == ["GP to prescribe vitamin D drops."]


def test_continue_with_the_medicines_name_in_brackets_under_the_practices_heading_is_a_request() -> None:
    letter = discharge_summary("Actions for GP:\n1. Continue oral iron (ferrous sulfate 200 mg OD) for 3 months.")
    assert quotes(letter, "discharge_summary") == ["Continue oral iron (ferrous sulfate 200 mg OD) for 3 months."]


def test_please_note_then_a_request_after_a_dash_asks() -> None:
    letter = clinic_letter(
        "Please note that her nifedipine has been stopped - please remove it from her repeat prescriptions."
    )
    assert len(quotes(letter)) == 1


def test_please_note_alone_is_still_a_courtesy() -> None:
    assert quotes(clinic_letter("Please note that her nifedipine has been stopped.")) == []


# --- screening and surveillance programmes (hand 152) --------------------------------------------------------------


def test_a_lead_in_with_therefore_opens_the_practices_list() -> None:
    letter = clinic_letter(
        "He has joined the surveillance programme. We would therefore be grateful if you would:\n"
        "• recheck his blood pressure (156/94 at the time of his scan)\n"
        "• consider a statin"
    )
    found = read_letter(letter)
    assert [a.quote for a in found] == [
        "recheck his blood pressure (156/94 at the time of his scan)",
        "consider a statin",
    ]
    # the scan in brackets dates the reading; the surveillance scan is the programme's, the blood pressure the GP's
    assert found[0].verdict == "appropriate"


def test_a_general_word_for_a_test_names_no_surveillance() -> None:
    ctx = build_context(
        clinic_letter("He will have a surveillance scan and surveillance bloods with us yearly."), "clinic_letter"
    )
    assert ctx.surveillance_terms == set()


def test_surveillance_named_in_one_list_entry_does_not_spread_to_the_next() -> None:
    letter = clinic_letter(
        "Plan:\n- Add 'AAA under surveillance' to his problem list\n- Please check his lipid profile"
    )
    assert "lipid profile" not in build_context(letter, "clinic_letter").surveillance_terms


def test_asking_for_a_direct_access_test_does_not_make_the_letter_a_direct_access_report() -> None:
    letter = clinic_letter(
        "He did not attend his surveillance scan. Please could you request a direct access ultrasound of his aorta."
    )
    assert not build_context(letter, "clinic_letter").gp_direct_access


@pytest.mark.parametrize("line", ["Repeat sample required.", "Inadequate sample - repeat swab required."])
def test_a_repeat_sample_is_not_a_repeat_prescription(line: str) -> None:
    found = read_letter(clinic_letter(line))
    assert all(a.category != "medication" for a in found)


@pytest.mark.parametrize(
    "line",
    [
        "Biopsy results take 3-4 weeks.",
        "Cytology results take 10 days.",
        "Histology results usually take about 10 working days to come back.",
    ],
)
def test_how_long_a_result_takes_is_not_a_request(line: str) -> None:
    assert quotes(clinic_letter(line)) == []


def test_a_request_after_how_long_a_result_takes_still_asks() -> None:
    assert len(quotes(clinic_letter("Results usually take 6 weeks; please chase them if not back by May."))) == 1


# --- second round: the practice's people by role (hand 157), pharmacy letters (158), safeguarding (159) -----------


@pytest.mark.parametrize(
    "request_",
    [
        "Her BP was high in clinic - could your HCA recheck it in a fortnight?",
        "Rosuvastatin should go up to 20 mg - your practice pharmacist could do this at his next medication review.",
        "He is very isolated; your social prescriber may be able to put him in touch with the men's shed.",
    ],
)
def test_the_practices_own_staff_named_by_role_are_asked(request_: str) -> None:
    assert quotes(clinic_letter(request_)) == [request_]


def test_a_meetings_action_lines_are_each_their_own_and_only_the_practices_are_requests() -> None:
    letter = clinic_letter(
        "Actions agreed\n\n"
        "Children's social care – lead the enquiry and visit the family with police – 06/05/2026\n"
        "Police (CAIT) – interview both children – by 08/05/2026\n"
        "School – monitor attendance and report any concerns to CSC – ongoing\n"
        "GP (Orchard MC) – share health records for both children with the social worker – within 2 working days\n"
        "GP – attend or send a report to the child protection conference if one is held – as invited\n"
        "HV (Amy) – home visit to assess the baby – this week"
    )
    assert quotes(letter) == [
        "GP (Orchard MC) – share health records for both children with the social worker – within 2 working days",
        "GP – attend or send a report to the child protection conference if one is held – as invited",
    ]


def test_a_line_that_names_the_practice_after_a_dash_is_not_an_action_line() -> None:
    assert quotes(discharge_summary("GP - Orchard Medical Centre\n\nDiagnosis: sprained ankle.")) == []


@pytest.mark.parametrize(
    "line",
    [
        "No referral to children's social care at this stage.",
        "Not currently for autism assessment - to be reviewed at the next health assessment.",
        "Action for GP: For information.",
    ],
)
def test_a_decision_not_to_refer_and_a_line_for_information_ask_nothing(line: str) -> None:
    assert quotes(clinic_letter(line)) == []


def test_a_decision_not_to_refer_now_with_a_request_after_it_still_asks() -> None:
    letter = clinic_letter("No referral to physiotherapy at this stage, but please refer if no better in 6 weeks.")
    assert len(quotes(letter)) == 1


def test_a_list_for_the_community_pharmacist_is_not_the_practices() -> None:
    letter = discharge_summary(
        "Information for community pharmacist\n"
        "- Please complete the Discharge Medicines Service consultation.\n"
        "- Offer the New Medicine Service for apixaban.\n\n"
        "Information for GP\n"
        "Please add apixaban 5 mg BD to his repeat prescription."
    )
    assert quotes(letter, "discharge_summary") == ["Please add apixaban 5 mg BD to his repeat prescription."]


def test_two_verbs_sharing_one_object_are_one_request() -> None:
    assert quotes(clinic_letter("Please discuss and arrange long-acting contraception with her.")) == [
        "Please discuss and arrange long-acting contraception with her."
    ]


def test_updating_the_repeats_and_removing_an_entry_is_one_update() -> None:
    assert len(quotes(clinic_letter("Please update the quetiapine dose on her repeats and remove the zopiclone."))) == 1


def test_a_follow_on_at_that_point_is_part_of_the_request() -> None:
    letter = clinic_letter(
        "Please review his mobility in 6 weeks and refer to the falls clinic at that point if needed."
    )
    assert len(quotes(letter)) == 1


@pytest.mark.parametrize(
    ("lead_in", "entries"),
    [
        ("Plan summary - we would be grateful for the following from the surgery:", ["recheck her BP", "code CKD 3a"]),
    ],
)
def test_a_labelled_lead_in_asking_for_the_following_opens_the_practices_list(lead_in: str, entries: list[str]) -> None:
    letter = clinic_letter(lead_in + "\n" + "\n".join(f"{n}. {e}" for n, e in enumerate(entries, 1)))
    assert quotes(letter) == entries


def test_a_line_naming_a_gp_reply_without_a_date_heads_no_message() -> None:
    letter = clinic_letter("GP reply requested\nPlease check her ferritin in 3 months.")
    assert practices_messages(letter) == []
    assert quotes(letter) == ["Please check her ferritin in 3 months."]
