"""Form error flows: each error state is announced, linked to its field, accessible, and saves nothing."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

import pytest
from axes.models import AccessAttempt
from playwright.sync_api import Page, expect

from conftest import DEMO_USERS
from joinedup.patients.models import Patient
from tests.browser.conftest import (
    UNUSED_VALID_NHS_NUMBER,
    WRONG_CHECK_DIGIT_NHS_NUMBER,
    World,
    assert_accessible,
    error_summary,
    header_role,
    sign_in,
    submit,
)

pytestmark = pytest.mark.browser

CHECK_DIGIT_ERROR = "Enter a valid NHS number: the check digit does not match"


def test_register_patient_errors_then_success(page: Page, world: World) -> None:
    practice = world.directory.practices[0]
    patients_before = Patient.objects.count()
    sign_in(page, DEMO_USERS["practice_admin"])
    page.get_by_role("main").get_by_role("link", name="Register a patient").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Register a patient")
    assert_accessible(page)

    # A wrong check digit: nothing saved, the summary links to the field, what was typed is kept.
    page.get_by_label("NHS number").fill(WRONG_CHECK_DIGIT_NHS_NUMBER)
    page.get_by_label("Given name").fill("Dora")
    page.get_by_label("Family name").fill("Quill")
    date_of_birth = page.get_by_role("group", name="Date of birth")
    date_of_birth.get_by_label("Day").fill("3")
    date_of_birth.get_by_label("Month").fill("7")
    date_of_birth.get_by_label("Year").fill("1990")
    assert submit(page, "Register patient") == 400
    expect(page).to_have_title("Error: Register a patient – JoinedUp")
    assert error_summary(page) == [(CHECK_DIGIT_ERROR, "#id_nhs_number")]
    expect(page.locator(".nhsuk-form-group--error")).to_contain_text(CHECK_DIGIT_ERROR)
    expect(page.get_by_label("NHS number")).to_have_value(WRONG_CHECK_DIGIT_NHS_NUMBER)
    expect(page.get_by_label("Given name")).to_have_value("Dora")
    assert not Patient.objects.filter(nhs_number=WRONG_CHECK_DIGIT_NHS_NUMBER).exists()
    assert Patient.objects.count() == patients_before
    assert_accessible(page)
    page.locator(".nhsuk-error-summary").get_by_role("link", name=CHECK_DIGIT_ERROR).click()
    expect(page.get_by_label("NHS number")).to_be_focused()

    # A valid number but half a date: the summary links to the first date box.
    page.get_by_label("NHS number").fill(UNUSED_VALID_NHS_NUMBER)
    page.get_by_role("group", name="Date of birth").get_by_label("Year").fill("")
    assert submit(page, "Register patient") == 400
    assert error_summary(page) == [("Date of birth must include a day, month and year", "#id_date_of_birth_0")]
    assert not Patient.objects.filter(nhs_number=UNUSED_VALID_NHS_NUMBER).exists()
    assert_accessible(page)

    # Put right: the patient is registered at the admin's practice and their page is shown.
    page.get_by_role("group", name="Date of birth").get_by_label("Year").fill("1990")
    assert submit(page, "Register patient") == 200
    assert urlsplit(page.url).path == f"/patients/{UNUSED_VALID_NHS_NUMBER}/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Dora Quill")
    expect(page.get_by_role("status")).to_have_text("Dora Quill registered")
    summary = page.locator(".nhsuk-summary-list")
    expect(summary).to_contain_text("999 402 1184")
    expect(summary).to_contain_text("3 July 1990")
    expect(summary).to_contain_text(f"{practice.name} ({practice.ods_code})")
    patient = Patient.objects.get(nhs_number=UNUSED_VALID_NHS_NUMBER)
    assert (patient.given_name, patient.family_name) == ("Dora", "Quill")
    assert patient.date_of_birth == datetime.date(1990, 7, 3)
    assert patient.registered_practice_id == practice.id
    assert Patient.objects.count() == patients_before + 1
    assert_accessible(page)


def test_wrong_password_shows_an_error(page: Page, world: World) -> None:
    sign_in(page, DEMO_USERS["gp_clinician"], password="not-the-demo-password")
    assert urlsplit(page.url).path == "/sign-in/"
    expect(page).to_have_title("Error: Sign in – JoinedUp")
    assert error_summary(page) == [
        ("Please enter a correct username and password. Note that both fields may be case-sensitive.", "#id_username")
    ]
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    assert AccessAttempt.objects.get(username="gp").failures_since_start == 1
    assert_accessible(page)

    # The right password still works, and the failure count is reset.
    sign_in(page, DEMO_USERS["gp_clinician"])
    assert urlsplit(page.url).path == "/"
    assert header_role(page).startswith("GP clinician, ")
    assert not AccessAttempt.objects.filter(username="gp").exists()


def test_patient_search_errors_and_scope(page: Page, world: World) -> None:
    sign_in(page, DEMO_USERS["gp_clinician"])
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Patients").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a patient")
    search_box = page.get_by_label("NHS number or name")

    search_box.fill("999 402 1185")
    assert submit(page, "Search") == 400
    expect(page).to_have_title("Error: Find a patient – JoinedUp")
    assert error_summary(page) == [(CHECK_DIGIT_ERROR, "#q")]
    expect(page.get_by_role("table")).to_have_count(0)
    assert_accessible(page)

    search_box.fill("999 123")
    assert submit(page, "Search") == 400
    assert error_summary(page) == [("Enter an NHS number with 10 digits, like 999 000 0018", "#q")]

    # A valid number finds the practice's own patient...
    search_box.fill("999 000 0018")
    assert submit(page, "Search") == 200
    results = page.get_by_role("table", name="1 patient found")
    expect(results.locator("tbody tr")).to_have_count(1)
    expect(results).to_contain_text("FENWICK, Ada")
    expect(page.locator(".nhsuk-error-summary")).to_have_count(0)
    assert_accessible(page)

    # ...but not another practice's patient, by name or by number.
    for query in ("Pemberton", "999 000 0034"):
        search_box.fill(query)
        assert submit(page, "Search") == 200
        expect(page.get_by_role("table", name="0 patients found")).to_contain_text(
            "No patients found that you can see."
        )


def test_trust_role_cannot_search_by_name(page: Page, world: World) -> None:
    sign_in(page, DEMO_USERS["consultant"])
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Patients").click()
    page.get_by_label("NHS number", exact=True).fill("Fenwick")
    assert submit(page, "Search") == 400
    assert error_summary(page) == [("Search by the patient's NHS number", "#q")]
    assert_accessible(page)


def test_register_a_connected_system_errors_then_success(page: Page, world: World) -> None:
    """The system administrator registers a trust's system: a bad key is refused beside its field, then it works."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    from joinedup.api.models import ClientSystem

    trust = world.directory.trusts[0]
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
    public = key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    sign_in(page, DEMO_USERS["system_admin"])
    page.goto("/connected-systems/")  # in the header (the menu test checks), perhaps under "More"
    page.get_by_role("link", name="Register a system").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Register a system")
    assert_accessible(page)

    page.get_by_label("Name of the system").fill("Pellbridge EPR")
    page.get_by_label("ODS code of its organisation").fill(trust.ods_code)
    page.get_by_label("Triage administrator (NHS trust)").check()
    page.get_by_label("The system's public key (PEM)").fill("-----BEGIN PUBLIC KEY-----\nnonsense\n")
    assert submit(page, "Register the system") == 400
    key_error = "Paste the system's RSA public key in PEM form (-----BEGIN PUBLIC KEY-----)"
    assert error_summary(page) == [(key_error, "#id_public_key_pem")]
    expect(page.get_by_label("Name of the system")).to_have_value("Pellbridge EPR")
    assert not ClientSystem.objects.filter(name="Pellbridge EPR").exists()
    assert_accessible(page)

    page.get_by_label("The system's public key (PEM)").fill(public)
    assert submit(page, "Register the system") == 200
    client = ClientSystem.objects.get(name="Pellbridge EPR")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pellbridge EPR")
    expect(page.locator(".nhsuk-summary-list").first).to_contain_text(client.client_id)
    assert_accessible(page)
