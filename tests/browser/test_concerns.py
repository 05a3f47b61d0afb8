"""A concern's whole life in the browser: GP raises, trust lead acknowledges and responds, GP escalates, ICB decides."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from conftest import DEMO_USERS
from joinedup.concerns.models import Concern, State
from tests.browser.conftest import World, assert_accessible, sign_in
from tests.browser.test_forms import submit

pytestmark = pytest.mark.browser


def _state(page: Page, concern_id: int, role: str, expected: str) -> None:
    sign_in(page, DEMO_USERS[role])
    page.goto(f"/concerns/{concern_id}/")
    expect(page.locator("main .nhsuk-tag").first).to_have_text(expected)


def _step(page: Page, concern_id: int, role: str, button: str, note: str) -> None:
    sign_in(page, DEMO_USERS[role])
    page.goto(f"/concerns/{concern_id}/")
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()  # an NHS.UK button that is a link
    expect(page.get_by_role("heading", level=1)).to_have_text(button)
    if note:
        page.locator("textarea[name=note]").fill(note)
    if page.locator("input[name=outcome]").count():  # the ICB's decision is coded
        page.get_by_label("Partly upheld").check()
    assert_accessible(page)
    assert submit(page, button) == 200
    page.context.clear_cookies()


def test_a_concern_from_raising_to_the_icb_decision(page: Page, world: World) -> None:
    trust = world.directory.trusts[0]
    sign_in(page, DEMO_USERS["gp_clinician"])
    page.goto("/concerns/new/?rule=test_results&quote=please+chase+the+CT+result&letter=L-1")
    assert_accessible(page)
    page.get_by_label("Which organisation is the concern about?").select_option(trust.ods_code)
    page.get_by_label("High").check()
    page.get_by_label("What happened?").fill("The discharge letter asked us to chase a CT the hospital ordered.")
    assert submit(page, "Raise the concern") == 200
    concern = Concern.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Concern {concern.reference}")
    expect(page.locator("main .nhsuk-tag").first).to_have_text("Raised")
    assert_accessible(page)
    page.context.clear_cookies()

    _step(page, concern.id, "trust_interface_lead", "Acknowledge", "")
    _state(page, concern.id, "gp_clinician", "Acknowledged")
    page.context.clear_cookies()
    _step(page, concern.id, "trust_interface_lead", "Send the response", "Our teams now chase results they order.")
    _step(page, concern.id, "gp_clinician", "Escalate to the ICB", "It has happened three times this month.")

    sign_in(page, DEMO_USERS["icb_analyst"])
    page.goto("/concerns/review/")
    expect(page.get_by_role("link", name=concern.reference)).to_be_visible()
    assert_accessible(page)
    page.context.clear_cookies()
    _step(page, concern.id, "icb_analyst", "Record the ICB decision", "The trust keeps results; board review in May.")

    _state(page, concern.id, "gp_clinician", "Closed (ICB decided)")
    expect(page.get_by_text("Our teams now chase results they order.")).to_be_visible()
    assert_accessible(page)
    assert Concern.objects.get().state == State.DECIDED

    # Another trust's lead cannot see it.
    page.context.clear_cookies()
    other = world.directory.trusts[1]
    from joinedup.directory.models import Person

    sign_in(page, Person.objects.get(id=other.designated_interface_lead_id).username)
    response = page.goto(f"/concerns/{concern.id}/")
    assert response is not None and response.status == 404
