"""Reader version 28: forms met in new hands of letters (226, allergy and immunology; 228, vascular, foot and wound
clinics), each in wordings of our own (not from any annotated letter)."""

from __future__ import annotations

import pytest

from joinedup.letters.reader.tests.helpers import clinic_letter, quotes, the_one_holding, verdicts

# --- the practice made the first point of contact for the hospital's own care (hands 225, 226, 228) ---------------------


@pytest.mark.parametrize(
    "line",
    [
        "If he has any trouble with his home oxygen supplier or the concentrator, he should ring his GP surgery in the "
        "first instance.",
        "She asked who she should phone if the new brace rubs before her fitting appointment - I have told her to "
        "contact her GP in the first instance.",
        "I have asked his daughter to contact your practice in the first instance if she has concerns about his "
        "memory before we meet again.",
    ],
)
def test_the_practice_named_first_contact_for_the_hospitals_care_is_a_contact_point_breach(line: str) -> None:
    (found,) = verdicts(clinic_letter(line)).values()
    assert found[1:] == ("inappropriate", "contact_point")


def test_seeing_the_gp_first_if_a_symptom_returns_is_no_request() -> None:
    assert quotes(clinic_letter("If the rash comes back she should see her GP in the first instance.")) == []


# --- asking the practice to book the way to the hospital's appointments (hand 228) -------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "She asked about hospital transport for her weekly dressing clinic visits - please could the practice arrange "
        "this for her.",
        "He cannot drive while in the cast, so I would be grateful if the surgery could organise patient transport to "
        "his fracture clinic visits.",
    ],
)
def test_booking_transport_to_the_hospitals_appointments_is_a_contact_point_breach(line: str) -> None:
    (found,) = verdicts(clinic_letter(line)).values()
    assert found[1:] == ("inappropriate", "contact_point")


# --- limb fitting after the hospital's amputation (hands 228, 168) -----------------------------------------------------


def test_a_referral_for_a_prosthesis_after_the_hospitals_amputation_is_the_hospitals() -> None:
    letter = clinic_letter(
        "We performed a right above-knee amputation on 14/05/2026. Please refer him to the regional limb fitting "
        "centre for a prosthetic assessment when the wound has healed."
    )
    assert the_one_holding("limb fitting", letter)[1:] == ("inappropriate", "onward_referral")


# --- medicines of the immunology service (hand 226) ---------------------------------------------------------------------


@pytest.mark.parametrize("drug", ["berotralstat 150 mg daily", "lanadelumab 300 mg every 2 weeks"])
def test_hereditary_angioedema_prophylaxis_asked_of_the_practice_is_flagged(drug: str) -> None:
    letter = clinic_letter(f"Please could you prescribe {drug} from next month.")
    assert the_one_holding(drug.split()[0], letter) == ("specialist_prescribing", "inappropriate", "shared_care")


def test_a_blood_pressure_check_after_a_specialist_drug_in_the_list_is_the_practices() -> None:
    letter = clinic_letter(
        "Plan:\n1. Please could you prescribe berotralstat 150 mg daily from next month.\n"
        "2. Please recheck his blood pressure at the surgery in a fortnight."
    )
    assert the_one_holding("blood pressure", letter)[1:] == ("appropriate", None)


def test_pulse_and_blood_pressure_handed_over_with_a_stimulant_are_still_its_monitoring() -> None:
    letter = clinic_letter(
        "Methylphenidate is an amber drug here and our shared care protocol is enclosed. From March please take over "
        "prescribing of methylphenidate XL 36 mg each morning. His pulse and blood pressure need checking every six "
        "months."
    )
    assert the_one_holding("pulse", letter)[1:] == ("inappropriate", "shared_care")


# --- the clinic's own next review, and its courtesies (hand 226) -------------------------------------------------------


@pytest.mark.parametrize("line", ["Review in 4 months with her symptom diary.", "Review here in 9 months."])
def test_a_bare_review_closing_a_clinic_letter_is_the_clinics_own(line: str) -> None:
    letter = clinic_letter(f"Please could you check her ferritin next month.\n\n{line}")
    assert quotes(letter) == ["Please could you check her ferritin next month."]


def test_a_bare_review_under_the_practices_heading_is_still_its_task() -> None:
    letter = clinic_letter("Actions for the GP:\n- Check her ferritin next month.\n- Review in 3 months.")
    assert "Review in 3 months." in quotes(letter)


@pytest.mark.parametrize(
    "line",
    [
        "I could see no reason for the doxazosin in his notes - please correct me if I have missed something.",
        "She was very grateful for the time the team spent with her.",
    ],
)
def test_a_courtesy_or_the_patients_thanks_asks_nothing(line: str) -> None:
    assert quotes(clinic_letter(line)) == []


def test_a_time_named_as_the_start_of_a_season_is_no_urgent_start() -> None:
    line = (
        "We did not treat this today, but you may wish to consider adding fluticasone nasal spray from the start of "
        "the tree pollen season."
    )
    assert the_one_holding("fluticasone", clinic_letter(line))[1:] == ("appropriate", None)


# --- a table's surveillance row names no surveillance for the rows around it (hand 228) ----------------------------------


def test_a_statin_check_beside_a_surveillance_scan_in_a_table_is_the_practices() -> None:
    letter = clinic_letter(
        "| Action | By whom | When |\n"
        "| Increase atorvastatin to 80 mg | GP | Now |\n"
        "| Lipid profile and LFT 3 months after the increase | GP | Sept 2026 |\n"
        "| Arterial duplex (surveillance) | Vascular lab | 6 months |\n"
    )
    assert the_one_holding("Lipid profile", letter)[1:] == ("appropriate", None)
