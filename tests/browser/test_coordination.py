"""Integrated care coordination in the browser: a GP escalates a care home resident after a fall, the hub
accepts for UCR, the UCR team records "admission avoided", and the GP's open page shows it without a reload."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from conftest import DEMO_USERS
from joinedup.coordination.models import Escalation, State, UrgentService
from joinedup.coordination.tests.helpers import NEIGHBOURHOOD_USERNAME, load_directory, neighbourhood_actor
from joinedup.demo.directory import DEMO_PASSWORD
from joinedup.directory.access import Actor
from joinedup.directory.models import Organisation, OrganisationKind, Person, Role, RoleAssignment
from tests.browser.conftest import TIMEOUT_MS, World, assert_accessible, nav_links, sign_in, submit

pytestmark = pytest.mark.browser


@pytest.fixture
def other_page(chromium: Browser, live_server) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    """A second browser, for the people working on the escalation while the GP's page stays open."""
    context: BrowserContext = chromium.new_context(
        base_url=live_server.url, locale="en-GB", timezone_id="Europe/London"
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def _person(username: str, organisation: Organisation, role: str) -> None:
    person = Person.objects.create(username=username, first_name="Test", last_name=username)
    person.set_password(DEMO_PASSWORD)
    person.save()
    RoleAssignment.objects.create(person=person, organisation=organisation, role=role)


def _card(page: Page, name: str):  # type: ignore[no-untyped-def]
    return page.locator(".jn-match").filter(has=page.get_by_role("heading", name=name, exact=True))


def test_a_fall_in_a_care_home_from_escalation_to_admission_avoided(page: Page, other_page: Page, world: World) -> None:
    icb = world.directory
    hub_assignment = RoleAssignment.objects.select_related("person", "organisation").get(person__username="hub")
    load_directory(icb, Actor(person=hub_assignment.person, assignment=hub_assignment))
    neighbourhood_actor(icb)
    ucr = UrgentService.objects.get(oruk_id="ucr")

    # The GP escalates Ada Fenwick, who lives in a care home, after a fall.
    sign_in(page, DEMO_USERS["gp_clinician"])
    page.goto("/coordination/new/")
    assert_accessible(page)
    page.get_by_label("Patient's NHS number").fill("999 000 0018")
    page.get_by_label("In a care home").check()
    page.get_by_label("Presenting problem").select_option("fall")
    page.get_by_label("What has happened").fill(
        "Found on the floor by carers at 06:00; sore left hip; can stand with help."
    )
    page.get_by_label("NEWS2 score (optional)").fill("2")
    page.get_by_label("Within 2 hours").check()
    page.get_by_label("What has been tried (optional)").fill("Paracetamol; hip X-ray not needed on examination.")
    page.get_by_label("The patient (or their representative) agrees").check()
    assert submit(page, "Find services") == 200

    # The falls service and UCR fit, with reasons; the virtual ward is shown as closed.
    falls, ucr_card, ward = (
        _card(page, "Pellbridge Falls Response"),
        _card(page, "Pellbridge Urgent Community Response"),
        _card(page, "Pellbridge Frailty Virtual Ward"),
    )
    for card in (falls, ucr_card):
        expect(card.locator(".nhsuk-tag")).to_have_text("Fits")
        expect(card).to_contain_text("Eligible: takes fall, aged 65, care home residents")
        expect(card).to_contain_text("Open now, 24 hours")
        expect(card).to_contain_text(f"Covers {icb.practices[0].name}'s patients")
        expect(card).to_contain_text("Responds within 2 hours")
    expect(ward.locator(".nhsuk-tag")).to_have_text("Closed now")
    expect(ward).to_contain_text("Closed now: opens")
    expect(_card(page, "Saltmere ARI Hub")).to_contain_text("does not take care home residents")
    assert_accessible(page)
    page.get_by_label("Leave it to the hub to choose").check()
    assert submit(page, "Send to the hub") == 200
    escalation = Escalation.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Escalation {escalation.reference}")
    expect(page.locator("#escalation-status")).to_contain_text("With the hub to find a service")
    assert_accessible(page)

    # The coordinator sees it at the top of the queue and accepts it for UCR.
    sign_in(other_page, DEMO_USERS["hub_coordinator"])
    assert ("Hub queue 1 new or overdue", "/coordination/hub/") in nav_links(other_page)
    other_page.goto("/coordination/hub/")
    expect(other_page.get_by_role("link", name=escalation.reference)).to_be_visible()
    assert_accessible(other_page)
    other_page.goto(f"/coordination/{escalation.id}/")
    with other_page.expect_navigation():
        other_page.get_by_role("button", name="Accept for a service").click()
    assert_accessible(other_page)
    other_page.get_by_label("Which service?").select_option(str(ucr.id))
    assert submit(other_page, "Accept for a service") == 200
    expect(other_page.get_by_role("status")).to_contain_text(f"Escalation {escalation.reference} is now accepted")

    # The UCR team (a neighbourhood team at the community provider) records what happened.
    other_page.context.clear_cookies()
    sign_in(other_page, NEIGHBOURHOOD_USERNAME)
    other_page.goto("/coordination/")
    assert_accessible(other_page)
    with other_page.expect_navigation():
        other_page.get_by_role("link", name=escalation.reference).click()
    with other_page.expect_navigation():
        other_page.get_by_role("button", name="Record what happened").click()
    other_page.get_by_label("Admission avoided").check()
    assert_accessible(other_page)
    assert submit(other_page, "Record what happened") == 200
    escalation.refresh_from_db()
    assert (escalation.state, escalation.outcome) == (State.OUTCOME_RECORDED, "admission_avoided")

    # The GP's page, open all along, shows it without a reload (it polls every 10 seconds).
    expect(page.locator("#escalation-status")).to_contain_text("What happened: Admission avoided", timeout=25_000)
    expect(page.locator("#escalation-status")).to_contain_text("Pellbridge Urgent Community Response")
    expect(page.locator("#escalation-timeline")).to_contain_text("Admission avoided")
    assert_accessible(page)

    # Another practice's GP, and another ICB's hub: 404.
    _person("gp.elsewhere", icb.practices[1], Role.GP_CLINICIAN)
    far_icb = Organisation.objects.create(ods_code="QZ9", name="Far ICB", kind=OrganisationKind.ICB)
    far_hub = Organisation.objects.create(ods_code="ZH9", name="Far Hub", kind=OrganisationKind.HUB, icb=far_icb)
    _person("far.hub", far_hub, Role.HUB_COORDINATOR)
    for username in ("gp.elsewhere", "far.hub"):
        other_page.context.clear_cookies()
        sign_in(other_page, username)
        response = other_page.goto(f"/coordination/{escalation.id}/")
        assert response is not None and response.status == 404, username
        expect(other_page.get_by_role("heading", level=1)).to_have_text("Page not found")
