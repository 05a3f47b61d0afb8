"""A&G to referral to return, in the browser: GP asks, consultant asks back, GP answers, consultant advises and
converts, triage returns the referral with a coded reason and advice, and the GP sees why."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from conftest import DEMO_USERS
from joinedup.referrals.models import ClinicalRequest, Kind, State
from tests.browser.conftest import World, assert_accessible, error_summary, sign_in, submit

pytestmark = pytest.mark.browser


def _as(page: Page, role: str) -> None:
    page.context.clear_cookies()
    sign_in(page, DEMO_USERS[role])


def _service_at_first_trust(world: World) -> int:
    """A cardiology service of the trust where the demo consultant works, taking A&G and referrals."""
    from joinedup.directory.models import Service

    trust = world.directory.trusts[0]
    return Service.objects.filter(trust=trust, specialty="cardiology", takes_advice_and_guidance=True).earliest("id").id


def _open_step(page: Page, request_id: int, button: str) -> None:
    page.goto(f"/referrals/{request_id}/")
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()  # an NHS.UK button that is a link
    expect(page.get_by_role("heading", level=1)).to_have_text(button)


def test_advice_and_guidance_becomes_a_referral_that_is_returned_with_advice(page: Page, world: World) -> None:
    # The GP asks for advice, allowing conversion.
    _as(page, "gp_clinician")
    page.goto("/referrals/")
    assert_accessible(page)
    page.get_by_role("button", name="Ask for advice and guidance").click()
    page.get_by_label("Which specialty?").select_option("cardiology")
    assert_accessible(page)
    submit(page, "Continue")
    page.get_by_label("Patient's NHS number").fill("999 000 0018")
    page.locator(f"input[name=service][value='{_service_at_first_trust(world)}']").check()
    page.get_by_label("Your question").fill("Palpitations for 2 months, Holter shows frequent ectopics. Beta-blocker?")
    page.get_by_label("The provider may turn this into a referral if the patient needs one").check()
    assert_accessible(page)
    assert submit(page, "Continue") == 200  # check your answers: nothing sent yet
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your request before you send it")
    expect(page.locator("main")).to_contain_text("Ada Fenwick, born 12 April 1961 (NHS number 999 000 0018)")
    assert not ClinicalRequest.objects.exists()
    assert_accessible(page)
    assert submit(page, "Send the request") == 200
    advice = ClinicalRequest.objects.get(kind=Kind.ADVICE)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Advice and guidance {advice.reference}")
    assert_accessible(page)

    # The consultant finds it on the A&G worklist and asks for more information.
    _as(page, "consultant")
    expect(page.locator("header nav.nhsuk-header__navigation")).to_contain_text("Worklists 1")
    page.goto("/referrals/worklists/?list=advice")
    assert_accessible(page)
    expect(page.get_by_role("link", name=advice.reference)).to_be_visible()
    _open_step(page, advice.id, "Ask for more information")
    assert_accessible(page)
    page.get_by_label("What you need to know").fill("Any syncope, and what is the QTc?")
    assert submit(page, "Ask for more information") == 200

    # The GP sees the question in its own list, with the question, and answers it.
    _as(page, "gp_clinician")
    expect(page.locator("header nav.nhsuk-header__navigation")).to_contain_text("Requests 1")
    page.goto("/referrals/?list=asked")
    expect(page.get_by_role("link", name=advice.reference)).to_be_visible()
    expect(page.get_by_text("Their question: Any syncope, and what is the QTc?")).to_be_visible()
    _open_step(page, advice.id, "Send the information")
    page.get_by_label("Your answer").fill("No syncope; QTc 410 ms.")
    assert submit(page, "Send the information") == 200
    expect(page.get_by_text("Any syncope, and what is the QTc?")).to_be_visible()

    # The consultant advises and converts it to a referral.
    _as(page, "consultant")
    _open_step(page, advice.id, "Advise and convert to a referral")
    assert submit(page, "Advise and convert to a referral") == 400  # the form asks for what it needs
    assert [m for m, _ in error_summary(page)] == [
        "Select the priority of the referral",
        "Enter your advice, and why it needs a referral",
    ]
    assert_accessible(page)
    page.get_by_label("Routine").check()
    page.get_by_label("Your advice, and why it needs a referral").fill("Start bisoprolol 1.25 mg; needs an echo.")
    assert submit(page, "Advise and convert to a referral") == 200
    referral = ClinicalRequest.objects.get(kind=Kind.REFERRAL)
    assert referral.ubrn == advice.ubrn and referral.converted_from_id == advice.id

    # Triage: the consultant returns the referral, which needs a coded reason and advice.
    page.goto("/referrals/worklists/")
    assert_accessible(page)
    expect(page.get_by_role("link", name=referral.reference)).to_be_visible()
    _open_step(page, referral.id, "Return to the referrer with advice")
    assert submit(page, "Return to the referrer with advice") == 400
    assert [m for m, _ in error_summary(page)] == ["Select the reason", "Enter your clinical advice to the referrer"]
    page.get_by_label("Reason").select_option("INVESTIGATIONS_FIRST")
    page.get_by_label("Clinical advice to the referrer").fill("Please arrange an echo first; re-refer if EF < 50%.")
    assert_accessible(page)
    assert submit(page, "Return to the referrer with advice") == 200
    assert ClinicalRequest.objects.get(id=referral.id).state == State.RETURNED

    # The GP sees the return, with the reason and the advice.
    _as(page, "gp_clinician")
    page.goto("/referrals/?list=returned")
    assert_accessible(page)
    page.get_by_role("link", name=referral.reference).click()
    page.wait_for_url(f"**/referrals/{referral.id}/")
    expect(page.locator("main")).to_contain_text("Investigations needed before referral")
    expect(page.locator("main")).to_contain_text("Please arrange an echo first; re-refer if EF < 50%.")
    assert_accessible(page)

    # Issue 12: the GP amends the returned referral and sends it again, instead of typing a new one.
    _open_step(page, referral.id, "Amend and send again")
    expect(page.locator("main")).to_contain_text("Please arrange an echo first")
    assert submit(page, "Amend and send again") == 400
    assert [m for m, _ in error_summary(page)] == ["Enter what you have changed or added"]
    page.get_by_label("What you have changed or added, in answer to the advice").fill("Echo: EF 42%.")
    assert_accessible(page)
    assert submit(page, "Amend and send again") == 200
    assert ClinicalRequest.objects.get(id=referral.id).state == State.AWAITING_TRIAGE

    # The consultant accepts it; the triage administrator books it from the list of accepted referrals.
    _as(page, "consultant")
    _open_step(page, referral.id, "Accept the referral")
    assert submit(page, "Accept the referral") == 200
    _as(page, "triage_admin")
    page.goto("/referrals/worklists/?list=to_book")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name=f"Book {referral.reference}").click()
    assert submit(page, "Book the appointment") == 400
    assert [m for m, _ in error_summary(page)] == ["Enter the appointment date", "Enter the clinic"]
    day = timezone.localdate() + datetime.timedelta(days=30)
    page.get_by_label("Day").fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))
    page.get_by_label("Clinic").fill("Heart failure clinic, Saltmere")
    assert_accessible(page)
    assert submit(page, "Book the appointment") == 200

    # The GP sees the appointment.
    _as(page, "gp_clinician")
    page.goto(f"/referrals/{referral.id}/")
    expect(page.locator("main")).to_contain_text("Heart failure clinic, Saltmere")
    assert_accessible(page)


def test_the_referral_form_with_its_shortlist_and_a_wrong_file(page: Page, world: World, tmp_path) -> None:
    _as(page, "gp_clinician")
    page.goto("/referrals/new/referral/?specialty=cardiology")
    expect(page.locator("main")).to_contain_text("Indicative wait")
    bad = tmp_path / "referral.pdf"
    bad.write_bytes(b"MZ\x90\x00 not a pdf at all")
    page.get_by_label("Patient's NHS number").fill("9990000018")
    page.locator(f"input[name=service][value='{_service_at_first_trust(world)}']").check()
    page.locator(f"input[name=shortlist]:not([value='{_service_at_first_trust(world)}'])").first.check()
    page.get_by_label("Clinical information").fill("Exertional chest pain.")
    page.get_by_label("Attach a file (optional)").set_input_files(str(bad))
    assert submit(page, "Continue") == 400
    assert [m for m, _ in error_summary(page)] == ["referral.pdf is not a PDF, PNG, JPEG or plain text file"]
    assert_accessible(page)
    good = tmp_path / "note.txt"
    good.write_text("ECG: sinus rhythm.")
    page.get_by_label("Attach a file (optional)").set_input_files(str(good))
    assert submit(page, "Continue") == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the referral before you send it")
    assert_accessible(page)
    # Change an answer: the form comes back with every answer, and the file chosen before is kept.
    assert submit(page, "Change clinical information") == 200
    expect(page.get_by_label("Clinical information")).to_have_value("Exertional chest pain.")
    expect(page.locator("main")).to_contain_text("Attached: note.txt")
    page.get_by_label("Clinical information").fill("Exertional chest pain, 3 weeks.")
    assert submit(page, "Continue") == 200
    expect(page.locator("main")).to_contain_text("Exertional chest pain, 3 weeks.")
    expect(page.locator("main")).to_contain_text("note.txt")
    assert not ClinicalRequest.objects.exists()
    assert submit(page, "Send the referral") == 200
    referral = ClinicalRequest.objects.get()
    assert len(referral.shortlist) == 2 and referral.attachments.get().content_type == "text/plain"
    expect(page.get_by_role("heading", name="Patient choice shortlist")).to_be_visible()
    assert_accessible(page)


def test_the_consultant_filters_by_priority_and_redirects_a_referral_to_another_service(
    page: Page, world: World
) -> None:
    """Issue 12: worklists filtered by priority, and e-RS's redirect, walked by the consultant."""
    from joinedup.directory.access import Actor
    from joinedup.directory.models import RoleAssignment
    from joinedup.referrals.tests.helpers import send

    assignment = RoleAssignment.objects.select_related("person", "organisation").filter(
        person__username=DEMO_USERS["gp_clinician"], organisation=world.directory.practices[0]
    )[0]
    gp = Actor(person=assignment.person, assignment=assignment)
    trust = world.directory.trusts[0]
    routine = send(gp, trust, priority="routine", patient=world.patients["9990000018"])
    urgent = send(gp, trust, priority="urgent", patient=world.patients["9990000026"])

    _as(page, "consultant")
    page.goto("/referrals/worklists/")
    page.get_by_label("Priority").select_option("urgent")
    assert submit(page, "Apply filters") == 200
    expect(page.get_by_role("link", name=urgent.reference)).to_be_visible()
    expect(page.get_by_role("link", name=routine.reference)).to_have_count(0)
    assert_accessible(page)

    _open_step(page, routine.id, "Redirect to another service")
    assert submit(page, "Redirect to another service") == 400
    assert "Enter why the referral belongs with that service" in [m for m, _ in error_summary(page)]
    service = page.locator("select[name=service]")
    chosen = service.locator("option").nth(1)
    target, target_name = chosen.get_attribute("value"), chosen.inner_text()
    service.select_option(target)
    page.locator("textarea[name=note]").fill("Rhythm clinic, not heart failure.")
    assert_accessible(page)
    assert submit(page, "Redirect to another service") == 200
    routine.refresh_from_db()
    assert str(routine.service_id) == target and routine.state == State.AWAITING_TRIAGE
    # Redirected to another trust, it leaves this consultant's sight: the page says where it went.
    expect(page.locator("main")).to_contain_text(target_name.split(",")[0])
