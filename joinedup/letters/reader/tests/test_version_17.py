"""Reader version 17 (decision 0039): each form behind a wrong verdict or a miss in the read hands, in wordings of our
own that are not in any annotated set."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.engine import read_letter
from joinedup.letters.reader.tests.helpers import clinic_letter, discharge_summary, only_action, patient_letter

# --- specialist drugs by their brand names ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Please take over prescribing of Elvanse 30 mg each morning from next month.",
        "Could you please prescribe his Concerta XL 36 mg each morning from now on.",
        "We would be grateful if the practice would prescribe the Metoject pen 15 mg weekly from her next supply.",
    ],
)
def test_a_specialist_drug_named_by_its_brand_is_still_the_hospitals_until_shared_care(line: str) -> None:
    action = only_action(clinic_letter(line))
    assert action.verdict == "inappropriate"
    assert action.rule == "shared_care"


# --- a test asked for a finding of its own, after a specialist drug ---------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Could you please review her blood pressure, as it was high on two readings in clinic.",
        "I would be grateful if you could recheck his blood pressure since it was elevated today.",
        "Please review her weight, which was low in clinic today.",
    ],
)
def test_a_test_for_a_finding_the_request_gives_is_not_the_specialist_drugs_monitoring(line: str) -> None:
    plan = (
        "We have started azathioprine 50 mg daily and will prescribe it until the shared care agreement is signed. "
        f"{line}"
    )
    actions = {a.quote: a for a in read_letter(clinic_letter(plan))}
    assert actions[line].verdict == "appropriate"


def test_monitoring_after_a_specialist_drug_without_a_finding_is_still_shared_care() -> None:
    line = "Please check her FBC and LFTs every two weeks."
    plan = f"We have started azathioprine 50 mg daily and will prescribe it until shared care is agreed. {line}"
    actions = {a.quote: a for a in read_letter(clinic_letter(plan))}
    assert actions[line].rule == "shared_care"


# --- surveillance the letter hands to primary care ----------------------------------------------------------------


@pytest.mark.parametrize(
    "handover",
    [
        "I have discharged her to the primary care PSA surveillance pathway.",
        "He now moves to GP-led PSA surveillance.",
        "Her PSA surveillance will continue in primary care.",
    ],
)
def test_surveillance_given_to_the_practice_is_the_practices(handover: str) -> None:
    line = "Please check her PSA every six months."
    actions = {a.quote: a for a in read_letter(clinic_letter(f"{handover} {line}"))}
    assert actions[line].verdict == "appropriate"


def test_the_hospitals_own_surveillance_is_still_its_own() -> None:
    line = "Please check her PSA every six months."
    actions = {a.quote: a for a in read_letter(clinic_letter(f"She remains on our PSA surveillance. {line}"))}
    assert actions[line].rule == "provider_follow_up"


# --- supplies the hospital gave ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "supplied",
    [
        "We have given him a 28-day supply of the new dose from our pharmacy today",
        "Our pharmacy has dispensed a four-week supply of the higher dose",
        "He has been given a 14-day supply from our dispensary",
    ],
)
def test_a_hyphenated_supply_of_a_week_or_more_is_a_full_supply(supplied: str) -> None:
    text = clinic_letter(f"I have increased his sertraline to 100 mg daily. {supplied}, and I would be grateful if you "
                         "would prescribe it from then on.")  # fmt: skip
    assert all(a.rule != "outpatient_medication" for a in read_letter(text))


@pytest.mark.parametrize(
    "supplied",
    [
        "He has been supplied with the remaining prednisolone and 28 days of apixaban",
        "She was given the rest of her antibiotics and 14 days of rivaroxaban",
    ],
)
def test_a_supply_of_days_of_the_medicine_after_remaining_is_not_short(supplied: str) -> None:
    text = discharge_summary(f"{supplied}, and I would be grateful if you could continue it after that.")
    assert all(a.rule != "discharge_medication" for a in read_letter(text, "discharge_summary"))


def test_each_line_of_a_medicines_list_is_read_for_its_own_supply() -> None:
    body = (
        "Medicines on discharge:\n"
        "Zopiclone 3.75 mg at night - 2 nights supplied; pls prescribe a further 5 nights if still needed then stop\n"
        "Omeprazole 20 mg once daily - 28 days supplied"
    )
    flagged = [a for a in read_letter(discharge_summary(body), "discharge_summary") if a.verdict == "inappropriate"]
    assert any("Zopiclone" in a.quote and a.rule == "discharge_medication" for a in flagged)


# --- shared care the letter says is in place, or not needed -----------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "The practice has already agreed to the Westmoor shared care agreement for ADHD medicines, so please take over "
        "prescribing of methylphenidate from next month.",
        "Thank you for signing the shared care agreement for his azathioprine; please continue to prescribe it.",
        "Please continue amiodarone 200 mg daily and the six-monthly TFTs and LFTs set out in the agreement.",
    ],
)
def test_shared_care_said_to_be_in_place_leaves_the_specialist_drug_with_the_practice(line: str) -> None:
    assert all(a.rule != "shared_care" for a in read_letter(clinic_letter(line)))


@pytest.mark.parametrize(
    "line",
    [
        "Memantine is not on the shared care list here - please continue to prescribe it at 20 mg daily.",
        "Donepezil is green on our joint formulary - please take over prescribing from next month.",
    ],
)
def test_a_drug_the_letter_says_needs_no_shared_care_is_the_practices(line: str) -> None:
    assert all(a.rule != "shared_care" for a in read_letter(clinic_letter(line)))


# --- referrals ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "This is not something we treat in cardiology, but your GP may wish to refer you to the physiotherapy service.",
        "Her back pain is outside our remit; the practice may wish to refer her to physiotherapy.",
    ],
)
def test_a_problem_the_clinic_says_is_not_its_own_leaves_the_referral_to_the_practice(line: str) -> None:
    action = only_action(clinic_letter(line) if "her" in line.split()[:3] else patient_letter(line))
    assert action.verdict == "appropriate"


@pytest.mark.parametrize(
    "line",
    [
        "I would be grateful if you could refer him to clinical neuropsychology.",
        "Please could you refer her to the oncology team.",
        "Please refer him to maxillofacial surgery.",
    ],
)
def test_a_referral_to_another_hospital_specialty_is_the_hospitals(line: str) -> None:
    action = only_action(clinic_letter(line))
    assert action.rule == "onward_referral"


# --- the patient sent to the practice with questions, or to chase ------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "If his parents have any questions about the diagnosis before then, they should contact you in the first "
        "instance.",
        "If she has any questions about the new tablets, she should make an appointment with her GP.",
        "Should he have any questions about the course before it starts, he could ask at the surgery.",
    ],
)
def test_questions_about_the_hospitals_care_sent_to_the_practice_are_a_contact_point(line: str) -> None:
    action = only_action(clinic_letter(line))
    assert action.rule == "contact_point"


@pytest.mark.parametrize(
    "line",
    [
        "I said her GP can chase this for her if she has not heard by March.",
        "Advised to call her GP practice if she has not heard within a month.",
        "The practice will be able to chase the booking team on his behalf.",
    ],
)
def test_chasing_the_hospitals_booking_through_the_practice_is_a_contact_point(line: str) -> None:
    action = only_action(clinic_letter(line))
    assert action.rule == "contact_point"


# --- from hands 91 and 93 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "salutation"),
    [
        ("Dr T Wisniewski\nKestrel Bank Medical Centre\n41 Weir Road", "Dear Tom,"),
        ("Dr A. Mensah\nThe Old School Surgery\n2 Mill Street", "Dear Abena"),
    ],
)
def test_a_gp_greeted_by_first_name_and_addressed_by_initial_is_the_gp(header: str, salutation: str) -> None:
    text = (
        f"Endocrinology Clinic\nWestmoor Hospital\n\n{header}\n\nClinic 04/03/2026; typed 13/03/2026\n\n{salutation}\n\n"
        "Her next clinic is in June. Please arrange thyroid function tests four weeks before that appointment so the "
        "result is available to us in clinic.\n\nBest wishes\n\nDr K Asante\nConsultant Endocrinologist"
    )
    action = only_action(text)
    assert action.rule == "provider_follow_up"


@pytest.mark.parametrize(
    "line",
    [
        "Parents wishing to discuss this decision are advised to contact their GP practice.",
        "Families who wish to know more about the waiting list should speak to their GP surgery.",
        "She asked who to ring with questions about her care plan, and I suggested she speaks to her GP.",
        "Any queries he has about the dates for his scans he should raise with his GP.",
    ],
)
def test_more_ways_of_sending_the_hospitals_questions_to_the_practice(line: str) -> None:
    assert only_action(clinic_letter(line)).rule == "contact_point"


@pytest.mark.parametrize(
    "line",
    [
        "She will need a fit note from you for four weeks, after which I will review her at clinic.",
        "He will need a further fit note from you until his operation.",
    ],
)
def test_a_fit_note_the_patient_will_need_from_the_gp_is_a_request(line: str) -> None:
    assert only_action(clinic_letter(line)).rule == "fit_note"


def test_an_agreement_the_practice_accepted_is_in_place() -> None:
    line = (
        "Donepezil is amber on our formulary and your practice accepted the shared care agreement for her in January, "
        "so please continue prescribing it."
    )
    assert only_action(clinic_letter(line)).verdict == "appropriate"


def test_a_list_item_labelled_with_a_topic_of_its_own_is_not_the_specialist_drugs_monitoring() -> None:
    body = (
        "ACTIONS FOR GP\n"
        "1. Sleep: please start melatonin 2 mg at night, as the shared care agreement has not yet been sent.\n"
        "2. Iron: please repeat FBC and ferritin at the end of the 3-month course.\n"
        "3. Melatonin: please check her weight and height every six months."
    )
    verdicts = {a.quote.split(":")[0]: a for a in read_letter(clinic_letter(body))}
    assert verdicts["Iron"].verdict == "appropriate"
    assert verdicts["Melatonin"].rule == "shared_care"


@pytest.mark.parametrize(
    "line",
    [
        "Please refer her to paediatric audiology, as a hearing assessment is needed before our autism assessment.",
        "Please refer him to the dietitian; a lower BMI is required for our operation to go ahead.",
        "Please refer him to the community dental service, as a dental check is needed before our valve surgery.",
    ],
)
def test_a_referral_the_hospitals_own_step_waits_on_is_the_hospitals(line: str) -> None:
    assert only_action(clinic_letter(line)).rule == "onward_referral"


@pytest.mark.parametrize(
    "line",
    [
        "| Action | By whom |\n| Repeat CXR 6 weeks after discharge; please send the report to Dr Ledger's secretary | GP |",
        "Repeat ultrasound in 3 months; please forward the report to our nurse specialist.",
    ],
)
def test_where_a_tests_report_goes_is_part_of_the_one_request(line: str) -> None:
    actions = read_letter(discharge_summary(line), "discharge_summary")
    assert len(actions) == 1
    assert actions[0].rule == "provider_follow_up"


def test_a_tracing_sent_to_a_team_for_its_review_is_the_teams_follow_up() -> None:
    line = "12-lead ECG at the surgery this week, send the tracing to EIP for the medical review."
    assert only_action(clinic_letter(line)).rule == "provider_follow_up"


# --- what an independent review of version 17 found the first forms let through ------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "If you have any questions, please contact my secretary on 01632 960 000, who can call you back.",
        "If there are any questions about the results, the registrar will call you.",
        "Should you have any queries, my team will ring you this week.",
    ],
)
def test_the_hospital_calling_the_gp_back_is_not_a_contact_point(line: str) -> None:
    assert all(a.rule != "contact_point" for a in read_letter(clinic_letter(line)))


def test_a_patient_greeted_by_first_name_is_not_the_gp_the_header_names() -> None:
    text = (
        "Westmoor Hospital\nDermatology\n\nMr John Harper\n4 Mill Lane\nTestbury\n\n"
        "GP: Dr J Wisniewski, Kestrel Bank Medical Centre\n\nRe: John Harper, NHS No 999 123 4567\n\nDear John,\n\n"
        "The biopsy showed a harmless skin growth. Please see your GP if the swelling returns.\n\nYours sincerely\n\n"
        "Dr B Author\nConsultant Dermatologist"
    )
    assert all(a.verdict != "inappropriate" for a in read_letter(text))
    assert read_letter(text) == []


@pytest.mark.parametrize(
    "line",
    [
        "Please check FBC and LFTs every two weeks, as her white cell count was low today.",
        "Safety: please check FBC and LFTs every two weeks.",
        "Mrs Bright: please check FBC and LFTs every two weeks.",
    ],
)
def test_the_specialist_drugs_own_monitoring_stays_flagged(line: str) -> None:
    plan = f"Please prescribe azathioprine 50 mg daily. {line}"
    actions = {a.quote: a for a in read_letter(clinic_letter(plan))}
    assert actions[line].rule == "shared_care"


def test_a_request_wrapped_over_two_lines_is_read_whole_for_its_supply() -> None:
    body = "If the leg has not settled by the end of the 7-day course, please prescribe\na further 7 days of flucloxacillin."
    assert all(a.rule != "discharge_medication" for a in read_letter(discharge_summary(body), "discharge_summary"))


def test_a_lifestyle_service_before_surgery_stays_the_practices() -> None:
    line = "Please refer her to the local weight management service, as her BMI needs to be below 40 before we can operate."
    assert only_action(clinic_letter(line)).verdict == "appropriate"
