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


def test_the_interface_lead_assigns_a_team_exchanges_messages_and_opens_the_letter(page: Page, world: World) -> None:
    """Issue 12: what the interface lead expected and did not find, walked in the browser."""
    import datetime

    from django.utils import timezone

    from joinedup.concerns.tests.helpers import raise_one
    from joinedup.directory.access import Actor
    from joinedup.directory.models import RoleAssignment, Service
    from joinedup.letters.models import Letter, LetterKind, LetterSource

    trust, practice = world.directory.trusts[0], world.directory.practices[0]
    letter = Letter.objects.create(
        patient=world.patients["9990000018"],
        practice=practice,
        trust=trust,
        kind=LetterKind.CLINIC_LETTER,
        source=LetterSource.SEED,
        event_at=timezone.now() - datetime.timedelta(days=2),
        text="Please could the GP chase the echocardiogram we requested.",
    )
    gp = RoleAssignment.objects.select_related("person", "organisation").filter(
        person__username=DEMO_USERS["gp_clinician"], organisation=practice
    )[0]
    concern = raise_one(
        Actor(person=gp.person, assignment=gp), trust, evidence_kind="letter", evidence_reference=f"L-{letter.id}"
    )
    team = Service.objects.filter(trust=trust).earliest("name")

    sign_in(page, DEMO_USERS["trust_interface_lead"])
    page.goto(f"/concerns/{concern.id}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Assign to a clinical team").click()
    assert submit(page, "Assign to a clinical team") == 400  # no team chosen
    page.get_by_label("Which clinical team?").select_option(str(team.id))
    page.locator("textarea[name=note]").fill("Please look at who chases echoes.")
    assert_accessible(page)
    assert submit(page, "Assign to a clinical team") == 200
    expect(page.locator("main")).to_contain_text(team.name)
    # Wait for the message page itself: axe run while the old page unloads finds no document.
    with page.expect_navigation():
        page.get_by_role("link", name="Send a message to the person who raised it").click()
    assert_accessible(page)
    page.get_by_label("Your message").fill("Which clinic was it, please?")
    assert submit(page, "Send the message") == 200
    page.context.clear_cookies()

    sign_in(page, DEMO_USERS["gp_clinician"])
    page.goto(f"/concerns/{concern.id}/")
    expect(page.locator("main")).to_contain_text("Which clinic was it, please?")
    page.get_by_role("link", name="Send a message to the organisation it is about").click()
    page.get_by_label("Your message").fill("The heart failure clinic, last Tuesday.")
    assert submit(page, "Send the message") == 200
    page.context.clear_cookies()

    sign_in(page, DEMO_USERS["trust_interface_lead"])
    page.goto(f"/concerns/{concern.id}/")
    expect(page.locator("main")).to_contain_text("The heart failure clinic, last Tuesday.")
    assert_accessible(page)
    page.get_by_role("link", name="Open the letter this concern is about").click()
    expect(page.locator("main")).to_contain_text("Please could the GP chase the echocardiogram we requested.")
    assert_accessible(page)
