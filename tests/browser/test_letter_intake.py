"""Letter intake in the browser: upload (with errors, then a PDF), quarantine retry, timeliness; every page passes axe."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Page, expect

from conftest import DEMO_USERS
from joinedup.letters.intake import services
from joinedup.letters.intake import services as intake_services
from joinedup.letters.intake.documents import document_bytes
from joinedup.letters.models import Letter, LetterKind, LetterSource, QuarantinedMessage, QuarantineState
from joinedup.letters.tests.test_intake_pages import make_pdf
from tests.browser.conftest import World, assert_accessible, error_summary, sign_in, submit

pytestmark = pytest.mark.browser


def test_a_trust_uploads_a_pdf_after_fixing_the_errors(page: Page, world: World) -> None:
    sign_in(page, DEMO_USERS["consultant"])
    page.locator("header").get_by_role("link", name="Upload a letter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Upload a letter")
    assert_accessible(page)

    page.get_by_label("Discharge summary").check()
    assert submit(page, "Upload the letter") == 400
    summary = [text for text, _ in error_summary(page)]
    assert "Select the letter's file, or paste its text" in summary
    assert_accessible(page)

    pdf = make_pdf(["Discharge summary", "Plan: please could the GP repeat her U&Es in one week."])
    page.locator("input[type=file][name=file]").set_input_files(  # the NHS.UK file upload puts a drop zone in front
        {"name": "summary.pdf", "mimeType": "application/pdf", "buffer": pdf}
    )
    page.get_by_label("Patient's NHS number").fill("999 000 0018")
    page.get_by_label("Day").fill("2")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Time of discharge").fill("25:00")
    assert submit(page, "Upload the letter") == 400
    assert [text for text, _ in error_summary(page)] == ["Enter the time as hours and minutes, for example 14:30"]
    expect(page.get_by_label("Patient's NHS number")).to_have_value("999 000 0018")  # nothing typed is lost
    assert_accessible(page)

    page.locator("input[type=file][name=file]").set_input_files(  # the NHS.UK file upload puts a drop zone in front
        {"name": "summary.pdf", "mimeType": "application/pdf", "buffer": pdf}
    )
    page.get_by_label("Time of discharge").fill("14:30")
    assert submit(page, "Upload the letter") == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Discharge summary taken in")
    assert_accessible(page)
    letter = Letter.objects.get()
    assert "repeat her U&Es" in letter.text and letter.trust == world.directory.trusts[0]


def test_an_administrator_retries_a_quarantined_message(page: Page, world: World) -> None:
    event = datetime.datetime(2026, 11, 2, 10, tzinfo=datetime.UTC)
    content = document_bytes(
        nhs_number="9994021184",
        practice_ods=world.directory.practices[0].ods_code,
        trust_ods=world.directory.trusts[0].ods_code,
        event_at=event,
    )
    services.take_in_mesh_message(content=content, mesh_message_id="Q1", sender="X26ABC1")
    services.take_in_mesh_message(content=b"{broken", mesh_message_id="Q2", sender="X26ABC1")
    sign_in(page, DEMO_USERS["system_admin"])
    expect(page.get_by_role("link", name="Quarantine 2 waiting")).to_be_visible()
    page.get_by_role("link", name="Quarantine 2 waiting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Quarantined messages")
    assert_accessible(page)
    held = QuarantinedMessage.objects.get(mesh_message_id="Q1")
    page.get_by_role("link", name=f"Message {held.id}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Message {held.id}")
    assert_accessible(page)

    from joinedup.patients.models import Patient

    Patient.objects.create(
        nhs_number="9994021184",
        given_name="Ivy",
        family_name="Larkspur",
        date_of_birth=datetime.date(1950, 1, 1),
        registered_practice=world.directory.practices[0],
    )
    assert submit(page, "Retry taking it in") == 200
    expect(page.get_by_text("Taken in: a discharge summary for the practice.")).to_be_visible()
    held.refresh_from_db()
    assert held.state == QuarantineState.TAKEN_IN

    broken = QuarantinedMessage.objects.get(mesh_message_id="Q2")
    page.get_by_role("link", name=f"Message {broken.id}").click()
    assert submit(page, "Dismiss the message") == 400
    assert [text for text, _ in error_summary(page)] == ["Enter why the message is dismissed"]
    assert_accessible(page)
    page.get_by_label("Why is this message not a letter?").fill("A test message from the trust")
    assert submit(page, "Dismiss the message") == 200
    expect(page.get_by_text("No messages here.")).to_be_visible()


def test_timeliness_for_the_trust_lead_and_the_icb(page: Page, world: World) -> None:
    patient = world.patients["9990000018"]
    for trust, late in ((world.directory.trusts[0], False), (world.directory.trusts[1], True)):
        event = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=2)
        Letter.objects.create(
            patient=patient,
            practice=patient.registered_practice,
            trust=trust,
            kind=LetterKind.CLINIC_LETTER,
            source=LetterSource.SEED,
            event_at=event,
            sent_at=event + datetime.timedelta(days=9 if late else 1),
            timeliness_rule="clinic_letter_7_days",
            on_time=not late,
        )
    intake_services.timeliness_rebuild()  # letters made here bypass intake, which keeps the monthly counts
    sign_in(page, DEMO_USERS["trust_interface_lead"])
    page.locator("header").get_by_role("link", name="Letter timeliness").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(world.directory.trusts[0].name)
    assert_accessible(page)
    page.context.clear_cookies()

    sign_in(page, DEMO_USERS["icb_analyst"])
    page.locator("header").get_by_role("link", name="Letter timeliness").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Letter timeliness by trust")
    assert_accessible(page)
    page.get_by_role("link", name=world.directory.trusts[1].name).click()
    expect(page.locator("main table")).to_contain_text("0%")
    assert_accessible(page)
