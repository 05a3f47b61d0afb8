from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from joinedup.audit.models import AuditEvent
from joinedup.demo.names import synthetic_nhs_numbers
from joinedup.patients import selectors, services
from joinedup.patients.models import Patient
from joinedup.patients.nhs_numbers import nhs_number_error

VALID = "9994021184"  # 999 402 118 4: valid check digit
WRONG_CHECK_DIGIT = "9994021185"


@pytest.fixture
def patients(icb) -> dict[str, Patient]:
    numbers = synthetic_nhs_numbers()
    here, there = icb.practices[0], icb.practices[1]
    return {
        "ours": Patient.objects.create(
            nhs_number=next(numbers),
            given_name="Esme",
            family_name="Hallett",
            date_of_birth=datetime.date(1950, 3, 4),
            registered_practice=here,
        ),
        "theirs": Patient.objects.create(
            nhs_number=next(numbers),
            given_name="Esme",
            family_name="Halloran",
            date_of_birth=datetime.date(1961, 5, 6),
            registered_practice=there,
        ),
    }


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Enter the patient's NHS number"),
        ("12345", "10 digits"),
        ("99940211845", "10 digits"),
        ("999402118A", "10 digits"),
        (WRONG_CHECK_DIGIT, "check digit does not match"),
    ],
)
def test_an_invalid_nhs_number_gets_a_clear_message(value: str, message: str) -> None:
    error = nhs_number_error(value)
    assert error is not None and message in error


@pytest.mark.parametrize("value", [VALID, "999 402 1184", "999-402-1184"])
def test_valid_nhs_numbers_in_the_usual_formats_pass(value: str) -> None:
    assert nhs_number_error(value) is None


def test_every_synthetic_nhs_number_is_valid_and_in_the_999_test_range() -> None:
    import itertools

    import nhs_number

    sample = list(itertools.islice(synthetic_nhs_numbers(), 2000))
    assert len(set(sample)) == 2000
    assert all(n.startswith("999") and nhs_number.is_valid(n) for n in sample)


def test_a_practice_admin_registers_a_patient_at_their_practice_with_audit(icb, actor_for) -> None:
    admin = actor_for("practice_admin")
    patient = services.patient_register(
        actor=admin,
        nhs_number_value="999 402 1184",
        given_name=" Alan ",
        family_name="Prescott",
        date_of_birth=datetime.date(1951, 7, 4),
    )
    assert (patient.nhs_number, patient.given_name, patient.registered_practice) == (VALID, "Alan", admin.organisation)
    assert AuditEvent.objects.get(action="patient.registered").patient_nhs_number == VALID


def test_a_wrong_check_digit_saves_nothing(icb, actor_for) -> None:
    with pytest.raises(ValidationError) as refused:
        services.patient_register(
            actor=actor_for("practice_admin"),
            nhs_number_value=WRONG_CHECK_DIGIT,
            given_name="A",
            family_name="B",
            date_of_birth=datetime.date(1990, 1, 1),
        )
    assert "check digit" in refused.value.message_dict["nhs_number"][0]
    assert not Patient.objects.exists()


def test_registering_the_same_nhs_number_twice_is_a_clear_error(icb, actor_for) -> None:
    admin = actor_for("practice_admin")

    def register() -> Patient:
        return services.patient_register(
            actor=admin,
            nhs_number_value=VALID,
            given_name="A",
            family_name="B",
            date_of_birth=datetime.date(1990, 1, 1),
        )

    register()
    with pytest.raises(ValidationError, match="already registered"):
        register()
    assert Patient.objects.count() == 1


def test_a_date_of_birth_in_the_future_is_refused(icb, actor_for) -> None:
    with pytest.raises(ValidationError):
        services.patient_register(
            actor=actor_for("practice_admin"),
            nhs_number_value=VALID,
            given_name="A",
            family_name="B",
            date_of_birth=datetime.date.today() + datetime.timedelta(days=2),
        )


def test_a_gp_clinician_cannot_register_patients(icb, actor_for) -> None:
    with pytest.raises(PermissionDenied):
        services.patient_register(
            actor=actor_for("gp_clinician"),
            nhs_number_value=VALID,
            given_name="A",
            family_name="B",
            date_of_birth=datetime.date(1990, 1, 1),
        )


def test_a_practice_finds_only_its_own_patients_by_name(patients, actor_for) -> None:
    found, error = selectors.patient_search(actor_for("gp_clinician"), "Esme Hal")
    assert error is None
    assert list(found) == [patients["ours"]]


def test_a_practice_cannot_find_another_practices_patient_by_number(patients, actor_for) -> None:
    found, _ = selectors.patient_search(actor_for("gp_clinician"), patients["theirs"].nhs_number)
    assert list(found) == []
    with pytest.raises(Http404):
        selectors.patient_for(actor_for("gp_clinician"), patients["theirs"].nhs_number)


def test_a_trust_finds_an_icb_patient_by_exact_nhs_number_but_not_by_name(patients, actor_for) -> None:
    consultant = actor_for("consultant")
    found, _ = selectors.patient_search(consultant, patients["theirs"].nhs_number)
    assert list(found) == [patients["theirs"]]
    found, error = selectors.patient_search(consultant, "Hallett")
    assert list(found) == [] and error == "Search by the patient's NHS number"


def test_an_icb_analyst_sees_no_patients(patients, actor_for) -> None:
    with pytest.raises(PermissionDenied):
        selectors.patient_search(actor_for("icb_analyst"), patients["ours"].nhs_number)


def test_a_search_with_a_bad_nhs_number_says_why(patients, actor_for) -> None:
    _, error = selectors.patient_search(actor_for("gp_clinician"), WRONG_CHECK_DIGIT)
    assert error is not None and "check digit" in error


def test_viewing_a_patients_page_is_audited(patients, signed_in) -> None:
    client = signed_in("gp_clinician")
    response = client.get(f"/patients/{patients['ours'].nhs_number}/")
    assert response.status_code == 200
    assert b"Hallett" in response.content
    view = AuditEvent.objects.get(action="patient.viewed")
    assert view.person is not None
    assert (view.patient_nhs_number, view.person.username) == (patients["ours"].nhs_number, "gp")


def test_the_register_form_shows_an_error_summary_for_a_bad_nhs_number(icb, signed_in) -> None:
    response = signed_in("practice_admin").post(
        "/patients/register/",
        {
            "nhs_number": WRONG_CHECK_DIGIT,
            "given_name": "Ada",
            "family_name": "Byron",
            "date_of_birth_0": "10",
            "date_of_birth_1": "12",
            "date_of_birth_2": "1985",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body and "check digit does not match" in body
    assert 'href="#id_nhs_number"' in body
    assert not Patient.objects.exists()


def test_the_register_form_rejects_an_impossible_date(icb, signed_in) -> None:
    response = signed_in("practice_admin").post(
        "/patients/register/",
        {
            "nhs_number": VALID,
            "given_name": "Ada",
            "family_name": "Byron",
            "date_of_birth_0": "31",
            "date_of_birth_1": "2",
            "date_of_birth_2": "1985",
        },
    )
    assert response.status_code == 400
    assert "Date of birth must be a real date" in response.content.decode()


def test_a_date_of_birth_from_another_century_and_a_taken_number_are_explained(icb, actor_for) -> None:
    """Issue 12, bug 12: 1850 was accepted, and a duplicate did not say where the patient is."""
    import datetime

    import pytest
    from django.core.exceptions import ValidationError

    from joinedup.patients.services import patient_register

    gp = actor_for("practice_admin")  # who registers patients
    with pytest.raises(ValidationError) as old:
        patient_register(
            actor=gp,
            nhs_number_value="9990000018",
            given_name="Ada",
            family_name="Fenwick",
            date_of_birth=datetime.date(1850, 4, 12),
        )
    assert "check the year" in old.value.message_dict["date_of_birth"][0]
    Patient.objects.create(
        nhs_number="9990000018",
        given_name="Ada",
        family_name="Fenwick",
        date_of_birth=datetime.date(1950, 4, 12),
        registered_practice=icb.practices[1],
    )
    with pytest.raises(ValidationError) as elsewhere:
        patient_register(
            actor=gp,
            nhs_number_value="9990000018",
            given_name="Ada",
            family_name="Fenwick",
            date_of_birth=datetime.date(1950, 4, 12),
        )
    message = elsewhere.value.message_dict["nhs_number"][0]
    assert "registered at another practice" in message and icb.practices[1].name not in message
