"""Verdicts that follow from the situation the letter describes rather than a stock phrase (issue 18).

Each wording here is new: none is in the shared letters or the letters used to tune the reader.
- The medicine a request acts on is the first one it names: "Folic acid ... (not on the methotrexate day)" asks
  for folic acid, not methotrexate; "These are on the red list here, but ..." asks for a specialist drug.
- A week or more already supplied by the hospital makes "the remaining two months" an ordinary repeat.
- A referral to the hospital's own service ("our", or named after the trust) is the hospital's to make.
- Acting on a report the hospital will send is acting on its result.
- A discharged patient "re-referred if it comes back" is the GP's call; "refer you back to us for the other eye"
  is the hospital's own follow-up.
"""

from __future__ import annotations

import pytest

from joinedup.letters.reader.engine import read_letter

from .helpers import clinic_letter, discharge_summary, only_action


@pytest.mark.parametrize(
    "sentence",
    [
        "Calcium and vitamin D: please add to his repeats (he is on weekly methotrexate).",
        "Please give him the shingles vaccine before the azathioprine is started.",
        "Omeprazole 20 mg: please continue while she takes the mycophenolate.",
    ],
)
def test_an_ordinary_medicine_named_first_is_not_the_specialist_one(sentence: str) -> None:
    action = only_action(clinic_letter(sentence))
    assert action.category != "specialist_prescribing" and action.rule is None


def test_a_request_that_says_its_drug_is_on_the_red_list_breaks_shared_care() -> None:
    action = only_action(
        clinic_letter("Melatonin is amber-listed locally, but please could you prescribe it from the surgery.")
    )
    assert action.rule == "shared_care"


def test_a_month_from_the_hospital_pharmacy_is_not_a_short_supply() -> None:
    action = only_action(
        clinic_letter(
            "She has a month's supply from our pharmacy; please continue the mometasone spray for the remaining "
            "two months."
        )
    )
    assert action.rule is None


def test_a_medicine_started_today_with_four_weeks_supplied_is_not_left_to_the_practice() -> None:
    action = only_action(
        clinic_letter("I started bisoprolol 1.25 mg today, with 28 days from our pharmacy; please continue it.")
    )
    assert action.rule is None


TRUST_LETTER = """Oakridge Hospitals NHS Trust
Rheumatology

Dr A Example
Elm Tree Surgery

Dear Dr Example

{body}

Yours sincerely
Dr B Author
"""


@pytest.mark.parametrize(
    "body",
    [
        "Please could you refer her to the Oakridge hand therapy service.",
        "I'd be grateful if you would refer him to our fatigue management programme.",
    ],
)
def test_a_referral_to_the_hospitals_own_service_is_its_to_make(body: str) -> None:
    action = only_action(TRUST_LETTER.format(body=body))
    assert (action.category, action.rule) == ("referral", "onward_referral")


def test_a_referral_elsewhere_for_another_matter_stays_with_the_gp() -> None:
    action = only_action(TRUST_LETTER.format(body="Quite separately, please refer her to audiology for her hearing."))
    assert action.rule is None


def test_acting_on_a_report_the_hospital_will_send_is_acting_on_its_result() -> None:
    action = only_action(
        clinic_letter(
            "We will send you the echo report, and if it shows a reduced ejection fraction, please start ramipril."
        )
    )
    assert (action.category, action.rule) == ("results", "test_results")


def test_re_referral_only_if_it_comes_back_after_discharge_is_the_gps_call() -> None:
    action = only_action(
        clinic_letter("I have discharged him, but if the bleeding comes back please re-refer him to us.")
    )
    assert action.rule is None


def test_referring_back_for_the_other_eye_is_the_hospitals_own_follow_up() -> None:
    action = only_action(clinic_letter("Please could you refer him back to us for his right cataract."))
    assert (action.category, action.rule) == ("follow_up", "provider_follow_up")


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Please could you chase the MRI appointments, as she cannot get through to radiology.", "contact_point"),
        ("I'd be grateful if you could provide sick notes until we see her again.", "fit_note"),
        ("Her coeliac serology was negative. Please refer her to the dietitian for a low FODMAP diet.", None),
    ],
)
def test_plurals_and_ruled_out_conditions(sentence: str, rule: str | None) -> None:
    assert only_action(clinic_letter(sentence)).rule == rule


@pytest.mark.parametrize(
    "sentence",
    [
        "Please arrange a repeat chest X-ray in 6 weeks to check the consolidation has cleared.",
        "I would like the liver ultrasound repeated in a year to check the lesion is stable; could the practice arrange this?",
    ],
)
def test_repeating_the_hospitals_own_imaging_is_its_follow_up(sentence: str) -> None:
    assert only_action(clinic_letter(sentence)).rule == "provider_follow_up"


DIRECT_ACCESS_REPORT = """Testbury Hospitals NHS Trust
Radiology - Ultrasound report
Referrer: Dr A Example, Elm Tree Surgery (GP direct access)

Patient: Mr Test PATIENT  NHS 999 000 0004

Findings: 5 mm gallbladder polyp.
Recommendation: repeat ultrasound in 12 months to check the size of the polyp.
"""


def test_a_report_on_the_gps_own_test_leaves_its_follow_up_with_the_gp() -> None:
    action = only_action(DIRECT_ACCESS_REPORT)
    assert (action.category, action.rule) == ("investigation", None)


def test_the_referrer_line_is_not_a_referral() -> None:
    assert all("Referrer" not in a.quote for a in read_letter(DIRECT_ACCESS_REPORT))


@pytest.mark.parametrize(
    "sentence",
    [
        "If she would like to discuss the results, she should contact her GP.",
        "He should ring his GP surgery if he wants an update on his place on the waiting list.",
        "If she has not heard by Monday, please could the surgery chase the eating disorders team for her.",
    ],
)
def test_sending_the_patient_to_the_practice_for_the_hospitals_news_breaks_contact_point(sentence: str) -> None:
    action = only_action(clinic_letter(sentence))
    assert (action.category, action.rule) == ("admin", "contact_point")


def test_a_repeat_test_first_and_a_referral_only_if_it_shows_something_is_the_test() -> None:
    action = only_action(
        clinic_letter("Please repeat the echo in 3 months and refer to the device clinic if the EF stays below 35%.")
    )
    assert action.category == "investigation"


def test_a_second_missed_appointment_makes_re_referral_the_gps_call() -> None:
    body = (
        "She did not attend her rebooked appointment today; this is the second appointment she has missed, and "
        "she has been discharged under our access policy.\n\nIf you feel she still needs to be seen, please re-refer."
    )
    assert only_action(clinic_letter(body)).rule is None


def test_the_next_injection_of_a_drug_declared_amber_just_before_is_specialist_prescribing() -> None:
    body = (
        "She had her first teriparatide-style injection of romosozumab today. Romosozumab is on the amber list "
        "locally. I would be grateful if the practice could give the next injection in a month's time."
    )
    action = only_action(clinic_letter(body))
    assert (action.category, action.rule) == ("specialist_prescribing", "shared_care")


def test_a_rebooked_appointment_missed_again_is_not_a_first_missed_appointment() -> None:
    body = (
        "He did not attend his rebooked appointment in the chest clinic, and has been discharged under our access "
        "policy.\n\nIf you feel he still needs to be seen, please re-refer."
    )
    assert only_action(clinic_letter(body)).rule is None


def test_a_scan_for_the_hospital_to_see_is_its_follow_up() -> None:
    action = only_action(
        clinic_letter(
            "Please arrange an echocardiogram in 8 weeks to reassess his LV function, and let us know the result."
        )
    )
    assert (action.category, action.rule) == ("investigation", "provider_follow_up")


def test_further_fit_notes_after_the_hospitals_are_the_gps() -> None:
    action = only_action(
        clinic_letter(
            "We issued a fit note for one week. If he is still unfit after that, please issue any further fit notes."
        )
    )
    assert (action.category, action.rule) == ("fit_note", None)


def test_the_practice_ringing_the_hospital_when_nothing_has_come_breaks_contact_point() -> None:
    action = only_action(
        clinic_letter(
            "If she has not heard anything within three weeks, the practice would be able to ring our booking team."
        )
    )
    assert action.rule == "contact_point"


def test_ent_for_the_asymmetric_hearing_loss_audiology_found_is_the_hospitals() -> None:
    body = "Audiogram: asymmetric sensorineural hearing loss, worse on the left.\n\nPlease refer him to ENT for assessment.\n"
    assert only_action(clinic_letter(body)).rule == "onward_referral"


def test_telling_a_named_patient_the_result_of_the_hospitals_scan_is_its_result() -> None:
    body = (
        "I have requested an echocardiogram. I would be very grateful if you could let Mrs Testperson know the "
        "results of the echocardiogram when they reach you."
    )
    assert only_action(clinic_letter(body)).rule == "test_results"


def test_the_next_step_of_the_hospitals_own_work_up_is_its_referral() -> None:
    assert only_action(
        clinic_letter("If the colonoscopy is normal, please refer to gastroenterology for an OGD.")
    ).rule == ("onward_referral")


def test_weights_sent_to_the_consultants_secretary_are_for_the_hospitals_follow_up() -> None:
    action = only_action(
        clinic_letter("Could the practice weigh him every month and send the weights to my secretary before clinic?")
    )
    assert (action.category, action.rule) == ("monitoring", "provider_follow_up")


@pytest.mark.parametrize(
    "sentence",
    [
        "Please could you prescribe it from next week; shared care paperwork will follow once she is stable.",
        "GP to take over the azithromycin prescribing from next month; we will send the shared care protocol.",
    ],
)
def test_prescribing_with_shared_care_still_to_follow_breaks_shared_care(sentence: str) -> None:
    action = only_action(clinic_letter(sentence))
    assert (action.category, action.rule) == ("specialist_prescribing", "shared_care")


def test_whether_she_is_due_a_repeat_scan_is_the_gps_own_review() -> None:
    action = only_action(
        clinic_letter("You may wish to consider whether she is due a review of her alendronic acid and a repeat DEXA.")
    )
    assert action.rule is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Should he wish to know his place on the waiting list, your surgery may be able to help.",
        "If the fracture clinic has not phoned within a week, she should contact her GP surgery, who will chase it.",
        "If you have any worries about your wound after the operation, please contact your GP.",
    ],
)
def test_the_hospitals_own_news_and_care_left_to_the_practice_breaks_contact_point(sentence: str) -> None:
    assert only_action(clinic_letter(sentence)).rule == "contact_point"


def test_a_line_labelled_for_the_gp_is_a_request_but_the_gps_address_is_not() -> None:
    text = discharge_summary("Plan:\nGP: 6-8 week postnatal check for mother.\n")
    assert only_action(text).category in ("follow_up", "monitoring")
    assert all("Elm Tree Surgery" not in a.quote for a in read_letter(text))
