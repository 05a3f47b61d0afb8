"""Issue 15 at a phone's size: a patient signs in through the local NHS login provider, sees a returned
referral with the specialist's advice in plain words and whom to contact, asks the hospital a question that
the trust's staff answer from their worklist, and sees the answer; every patient page passes axe."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import DEMO_USERS
from joinedup.coordination.models import UrgentService
from joinedup.coordination.tests.helpers import escalate_one, load_directory, step
from joinedup.core import patient_items
from joinedup.directory.access import Actor
from joinedup.patientview.tests.oidc import nhs_login_user, provider, settings_for
from joinedup.referrals.tests.helpers import act, patient_at, send
from tests.browser.conftest import TIMEOUT_MS, UNUSED_VALID_NHS_NUMBER, World, assert_accessible, sign_in, submit

pytestmark = pytest.mark.browser

ADA = "9990000018"
PHONE = {"width": 375, "height": 740}


@pytest.fixture
def other_page(chromium: Browser, live_server) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    """A second browser: the trust's staff, while the patient's stays open."""
    context = chromium.new_context(base_url=live_server.url, locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


@pytest.fixture
def nhs_login(settings) -> Iterator[str]:  # type: ignore[no-untyped-def]
    with provider(nhs_login_user("ada-demo", ADA), nhs_login_user("nobody-demo", UNUSED_VALID_NHS_NUMBER)) as base:
        for name, value in settings_for(base).items():
            setattr(settings, name, value)
        yield base


def test_a_patient_on_a_phone_sees_a_returned_referral_with_its_advice_and_whom_to_ask(
    page: Page, other_page: Page, world: World, nhs_login: str, actor_for: Callable[[str], Actor]
) -> None:
    gp, consultant = actor_for("gp_clinician"), actor_for("consultant")
    referral = send(gp, consultant.organisation, patient=patient_at(gp.organisation, ADA))
    act(
        consultant,
        referral,
        "return",
        "Start a statin and check cholesterol in 3 months.",
        reason="MANAGE_IN_PRIMARY_CARE",
    )
    page.set_viewport_size(PHONE)

    page.goto("/my/")
    expect(page.get_by_role("heading", level=1)).to_have_text("See your referrals and hospital letters")
    assert_accessible(page)
    page.get_by_role("button", name="Continue to NHS login").click()
    page.get_by_role("button", name="ada-demo").click()  # the local provider's one-click user

    expect(page.get_by_role("heading", level=1)).to_have_text("Your referrals, tests and hospital letters")
    card = page.locator(f"#referral-{referral.id}")
    expect(card).to_contain_text("sent your referral back to your GP practice")
    expect(card).to_contain_text("your GP practice can look after this")
    expect(card).to_contain_text("Start a statin and check cholesterol in 3 months.")
    expect(card).to_contain_text(referral.requester_org.name)
    # The practice has the next step: its contact point from the directory, as links a phone dials.
    practice = referral.requester_org
    expect(card.locator(f'a[href="tel:{practice.phone.replace(" ", "")}"]')).to_have_text(practice.phone)
    expect(card.locator(f'a[href="mailto:{practice.email}"]')).to_have_text(practice.email)
    expect(card).to_contain_text(practice.hours)
    # Mobile first: nothing wider than the phone.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)

    # A question about it goes to the practice, which has the next step; this one asks the hospital.
    waiting = send(gp, consultant.organisation, patient=patient_at(gp.organisation, ADA))
    page.reload()
    page.locator(f"#referral-{waiting.id}").get_by_role("link", name="I have a question about this").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask a question")
    assert_accessible(page)
    assert submit(page, "Send question") == 400  # nothing typed: an error summary, nothing sent
    assert_accessible(page)
    page.get_by_label("Your question").fill("How long will I wait to be seen?")
    submit(page, "Send question")
    expect(page.locator(f"#referral-{waiting.id}")).to_contain_text("How long will I wait to be seen?")

    # The trust's staff answer it from their worklist (another browser).
    staff = other_page
    sign_in(staff, DEMO_USERS["consultant"])
    entry = staff.locator("header a[href='/patient-questions/']")  # may sit under "More" on a narrow screen
    expect(entry).to_contain_text("Patient questions")
    expect(entry).to_contain_text("1")
    staff.goto("/patient-questions/")
    assert_accessible(staff)
    expect(staff.locator("table")).to_contain_text("working day")
    staff.locator("table").get_by_role("link").first.click()
    staff.get_by_label("Your answer to the patient").fill("About 12 weeks. We will write to you with a date.")
    assert_accessible(staff)
    submit(staff, "Send answer")

    page.reload()
    expect(page.locator(f"#referral-{waiting.id}")).to_contain_text("About 12 weeks. We will write to you with a date.")
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("See your referrals and hospital letters")


def test_a_patient_unknown_to_joinedup_sees_a_clear_accessible_page(page: Page, world: World, nhs_login: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/my/sign-in/")
    page.get_by_role("button", name="Continue to NHS login").click()
    page.get_by_role("button", name="nobody-demo").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("We do not have any records for you")
    assert_accessible(page)


def test_a_patient_on_a_phone_sees_an_urgent_escalation_with_whom_to_contact(
    page: Page, world: World, nhs_login: str, actor_for: Callable[[str], Actor]
) -> None:
    """Decision 0023: care coordination's items reach the patient's page through core.patient_items."""
    load_directory(world.directory, actor_for("hub_coordinator"))
    escalation = escalate_one(actor_for("gp_clinician"), ADA)
    hub = world.directory.hub
    page.set_viewport_size(PHONE)
    page.goto("/my/sign-in/")
    page.get_by_role("button", name="Continue to NHS login").click()
    page.get_by_role("button", name="ada-demo").click()
    card = page.locator(f"#escalation-{escalation.id}")
    expect(card).to_contain_text("The hub is finding a team to help you.")
    expect(card).to_contain_text(patient_items.OWNER_LABELS[patient_items.HUB])
    expect(card.locator(f'a[href="tel:{hub.phone.replace(" ", "")}"]')).to_have_text(hub.phone)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)

    step(actor_for("hub_coordinator"), escalation, "accept", service_id=UrgentService.objects.get(oruk_id="ucr").id)
    page.reload()
    expect(card).to_contain_text(patient_items.OWNER_LABELS[patient_items.URGENT_SERVICE])
    expect(card.locator('a[href="tel:01632960001"]')).to_be_visible()
    card.get_by_role("link", name="I have a question about this").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask a question")
    assert_accessible(page)
