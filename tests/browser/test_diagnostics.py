"""A direct-access request in the browser: GP requests, triage books and records it done, consultant reports, GP reads it."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from conftest import DEMO_USERS
from joinedup.diagnostics.models import DiagnosticRequest, State
from joinedup.directory.models import Service
from tests.browser.conftest import World, assert_accessible, error_summary, nav_links, sign_in, submit

pytestmark = pytest.mark.browser


def _open_step(page: Page, request_id: int, role: str, button: str) -> None:
    page.context.clear_cookies()
    sign_in(page, DEMO_USERS[role])
    page.goto(f"/diagnostics/{request_id}/")
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()  # an NHS.UK button that is a link
    expect(page.get_by_role("heading", level=1)).to_have_text(button)


def test_a_request_from_the_gp_to_its_report(page: Page, world: World) -> None:
    trust = world.directory.trusts[0]
    ultrasound = Service.objects.get(trust=trust, name="Direct access ultrasound")
    sign_in(page, DEMO_USERS["gp_clinician"])
    page.goto("/diagnostics/")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Request a diagnostic test").click()
    page.get_by_label("Patient's NHS number").fill("999 000 0034")  # registered at another practice
    page.get_by_label("Which test?").select_option("ultrasound")
    page.get_by_label("Which service?").select_option(str(ultrasound.id))
    page.get_by_label("Urgent").check()
    assert submit(page, "Continue") == 400
    assert [m for m, _ in error_summary(page)] == [
        "No patient with this NHS number is registered at your practice",
        "Enter the clinical question the test should answer",
        "Enter the part of the body to image",  # what the imaging department needs (issue 12)
    ]
    assert_accessible(page)
    page.get_by_label("Patient's NHS number").fill("999 000 0018")
    page.get_by_label("Clinical question").fill("Right upper quadrant pain after meals: gallstones?")
    page.get_by_label("Part of the body to image").fill("Upper abdomen")
    assert submit(page, "Continue") == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the request before you send it")
    assert_accessible(page)
    assert submit(page, "Send the request") == 200
    request = DiagnosticRequest.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Request {request.reference}")
    expect(page.get_by_text("28 days left")).to_be_visible()
    assert_accessible(page)

    # The triage administrator sees it waiting, books it and records it as done.
    page.context.clear_cookies()
    sign_in(page, DEMO_USERS["triage_admin"])
    assert ("Diagnostic requests 1 awaiting action", "/diagnostics/worklist/") in nav_links(page)
    page.goto("/diagnostics/worklist/?priority=urgent")
    expect(page.get_by_role("link", name=request.reference)).to_be_visible()
    assert_accessible(page)
    _open_step(page, request.id, "triage_admin", "Book the test")
    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    assert_accessible(page)
    assert submit(page, "Book the test") == 200
    _open_step(page, request.id, "triage_admin", "Record the test as done")
    assert_accessible(page)
    assert submit(page, "Record the test as done") == 200

    # The consultant reports it; an empty report is refused first.
    _open_step(page, request.id, "consultant", "Send the report")
    assert submit(page, "Send the report") == 400
    assert [m for m, _ in error_summary(page)] == ["Enter the report"]
    assert_accessible(page)
    page.get_by_label("Report").fill("Multiple small gallstones. No duct dilatation.")
    assert submit(page, "Send the report") == 200
    expect(page.locator("main .nhsuk-tag").first).to_have_text("Reported, to file")
    assert_accessible(page)

    # The GP sees it as new among the reported requests, and reads it.
    page.context.clear_cookies()
    sign_in(page, DEMO_USERS["gp_clinician"])
    assert ("Diagnostics 1 new results", "/diagnostics/") in nav_links(page)
    page.goto("/diagnostics/?tab=reported")
    row = page.get_by_role("row").filter(has_text=request.reference)
    expect(row.get_by_text("New")).to_be_visible()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name=request.reference).click()
    expect(page.get_by_text("Multiple small gallstones. No duct dilatation.").first).to_be_visible()
    assert_accessible(page)
    assert DiagnosticRequest.objects.get().state == State.REPORTED
    assert DiagnosticRequest.objects.get().outcome_opened_at is not None

    # The GP files it with what the practice will do (issue 12): refer, and the referral form is a click away.
    with page.expect_navigation():
        page.get_by_role("button", name="File the report").click()
    assert submit(page, "File the report") == 400
    assert [m for m, _ in error_summary(page)] == ["Select what the practice will do about the result"]
    assert_accessible(page)
    page.get_by_label("Refer the patient").check()
    assert submit(page, "File the report") == 200
    expect(page.locator("main .nhsuk-tag").first).to_have_text("Reported and filed")
    expect(page.locator('main a[href^="/referrals/new/referral/?patient=9990000018"]')).to_be_visible()
    assert_accessible(page)
    assert DiagnosticRequest.objects.get().state == State.FILED


def test_a_consultant_rejects_with_a_coded_reason_and_advice(page: Page, world: World) -> None:
    from joinedup.diagnostics.services import ClinicalDetails, request_send
    from joinedup.directory.access import Actor
    from joinedup.directory.models import RoleAssignment

    trust = world.directory.trusts[0]
    assignment = RoleAssignment.objects.filter(person__username="gp").select_related("person", "organisation")[0]
    request = request_send(
        actor=Actor(person=assignment.person, assignment=assignment),
        nhs_number="9990000018",
        test="mri",
        service=Service.objects.get(trust=trust, name="Direct access MRI"),
        priority="routine",
        clinical_question="Low back pain for 3 weeks, no red flags.",
        details=ClinicalDetails(body_site="Lumbar spine", egfr="78"),
    )
    _open_step(page, request.id, "consultant", "Reject with advice")
    page.get_by_label("Outside the direct-access criteria for this test").check()
    assert submit(page, "Reject with advice") == 400
    assert [m for m, _ in error_summary(page)] == ["Enter your clinical advice to the practice"]
    assert_accessible(page)
    page.get_by_label("Clinical advice to the practice").fill("Manage in primary care; MRI only with red flags.")
    assert submit(page, "Reject with advice") == 200
    expect(page.get_by_role("heading", name="Rejected with advice", level=2)).to_be_visible()
    assert_accessible(page)
