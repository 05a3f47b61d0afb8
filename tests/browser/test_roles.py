"""Each demo role signs in through the real form, sees its own home page, and every page in its menu is accessible."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from conftest import DEMO_USERS
from joinedup.demo.directory import ICB_NAME
from joinedup.directory.models import Person
from tests.browser.conftest import World, assert_accessible, header_role, nav_links, sign_in

pytestmark = pytest.mark.browser

# What each role's menu must and must not offer (other items may be added as features arrive).
ALL_ROLES = {
    "gp_clinician",
    "practice_admin",
    "consultant",
    "triage_admin",
    "trust_interface_lead",
    "icb_analyst",
    "hub_coordinator",
    "system_admin",
}
MENU_ITEM_ROLES = {
    "Home": ALL_ROLES,
    "Organisations": ALL_ROLES,
    # An ICB analyst sees aggregates, never patients.
    "Patients": ALL_ROLES - {"icb_analyst"},
    "ICB overview": {"icb_analyst", "system_admin"},
    "Audit": {"system_admin"},
    "Connected systems": {"system_admin"},
    # Care coordination: the hub's queue, escalating (clinicians), and the urgent services' teams.
    "Hub queue": {"hub_coordinator"},
    "Urgent escalations": {"gp_clinician"},
    "Urgent services": {"consultant", "triage_admin"},
    # The work the interface sends a practice, beside its (unnamed) peers.
    "Interface demand": {"gp_clinician", "practice_admin"},
}
ROLE_LABEL = {
    "gp_clinician": "GP clinician",
    "practice_admin": "Practice administrator",
    "consultant": "Consultant",
    "triage_admin": "Triage administrator",
    "trust_interface_lead": "Trust interface lead",
    "icb_analyst": "ICB analyst",
    "hub_coordinator": "Hub coordinator",
    "system_admin": "System administrator",
}


def organisation_of(role: str, world: World) -> str:
    seeded = world.directory
    if role in ("gp_clinician", "practice_admin"):
        return seeded.practices[0].name
    if role in ("consultant", "triage_admin", "trust_interface_lead"):
        return seeded.trusts[0].name
    if role == "hub_coordinator":
        return seeded.hub.name
    return seeded.icb.name


def check_practice_home(page: Page, world: World, role: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(world.directory.practices[0].name)
    expect(page.get_by_text("2 registered patients.")).to_be_visible()
    table = page.get_by_role("table", name="Patients (first 25 by name)")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(2)
    # Ordered by family name; the other practice's patient is not listed.
    expect(rows.nth(0)).to_contain_text("FENWICK, Ada")
    expect(rows.nth(0)).to_contain_text("999 000 0018")
    expect(rows.nth(0)).to_contain_text("12 April 1961")
    expect(rows.nth(1)).to_contain_text("OKAFOR, Bilal")
    expect(table).not_to_contain_text("PEMBERTON")
    register = page.get_by_role("link", name="Register a patient")
    expect(register).to_have_count(1 if role == "practice_admin" else 0)


def check_trust_home(page: Page, world: World, role: str) -> None:
    trust = world.directory.trusts[0]
    expect(page.get_by_role("heading", level=1)).to_have_text(trust.name)
    table = page.get_by_role("table", name="Our services")
    expect(table).to_be_visible()
    expected_services = trust.services.count()
    expect(table.locator("tbody tr")).to_have_count(expected_services)
    expect(table).to_contain_text("General cardiology")
    # Only the roles that may edit services get a Change link on each row.
    change_links = table.get_by_role("link", name="Change")
    expect(change_links).to_have_count(expected_services if role != "consultant" else 0)


def check_icb_home(page: Page, world: World, role: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(ICB_NAME)
    warning = page.locator(".nhsuk-card--warning")
    expect(warning.get_by_role("heading")).to_have_text("Important: Trusts with no designated interface lead")
    expect(warning.locator("p")).to_have_text("The 2024/25 planning guidance asks every trust to name one.")
    # Seeded: the last trust has no lead, the others have one.
    expect(warning).to_contain_text(world.directory.trusts[-1].name)
    expect(warning).not_to_contain_text(world.directory.trusts[0].name)


def check_hub_home(page: Page, world: World, role: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(world.directory.hub.name)
    trust_links = page.locator("main ul li a")
    expect(trust_links).to_have_text([t.name for t in sorted(world.directory.trusts, key=lambda t: t.name)])


def check_admin_home(page: Page, world: World, role: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("System administration")
    for text in ("Add an organisation", "Organisations", "Register a patient", "Audit record"):
        expect(page.get_by_role("main").get_by_role("link", name=text, exact=True)).to_be_visible()


HOME_CHECKS: dict[str, Callable[[Page, World, str], None]] = {
    "gp_clinician": check_practice_home,
    "practice_admin": check_practice_home,
    "consultant": check_trust_home,
    "triage_admin": check_trust_home,
    "trust_interface_lead": check_trust_home,
    "icb_analyst": check_icb_home,
    "hub_coordinator": check_hub_home,
    "system_admin": check_admin_home,
}


def test_sign_in_page_is_accessible(page: Page, world: World) -> None:
    page.goto("/")
    assert urlsplit(page.url)[2:4] == ("/sign-in/", "next=/"), page.url
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to JoinedUp")
    expect(page.get_by_label("Password")).to_have_attribute("type", "password")
    expect(page.locator("header nav.nhsuk-header__navigation")).to_have_count(0)
    assert_accessible(page)


def test_axe_check_reports_violations(page: Page, world: World) -> None:
    """The check itself: break the sign-in page on purpose and it must fail, naming the rule and the element."""
    page.goto("/sign-in/")
    page.evaluate("() => document.querySelector('label[for=id_username]').remove()")
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_accessible(page)
    report = str(failure.value)
    assert "on /sign-in/" in report
    assert "- label (critical): Form elements must have labels" in report
    assert "at #id_username: <input" in report


@pytest.mark.parametrize("role", list(DEMO_USERS))
def test_role_home_and_menu(page: Page, world: World, role: str) -> None:
    sign_in(page, DEMO_USERS[role])
    assert urlsplit(page.url).path == "/", page.url

    person = Person.objects.get(username=DEMO_USERS[role])
    account = page.get_by_role("banner").get_by_role("navigation", name="Account")
    expect(account.get_by_role("listitem").first).to_have_text(person.get_full_name())
    organisation = organisation_of(role, world)
    expected_header = f"{ROLE_LABEL[role]}, {organisation}" + (" (change)" if role == "gp_clinician" else "")
    assert header_role(page) == expected_header
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    HOME_CHECKS[role](page, world, role)
    assert_accessible(page)

    menu = nav_links(page)
    texts = [text for text, _ in menu]
    assert texts[0] == "Home", texts
    expect(page.locator("header nav [aria-current=page]")).to_have_text(["Home"])
    for item, roles in MENU_ITEM_ROLES.items():
        assert (item in texts) == (role in roles), (
            f"{role}: menu {texts} should {'' if role in roles else 'not '}offer {item}"
        )
    for text, href in menu[1:]:
        response = page.goto(href)
        assert response is not None and response.status == 200, (
            f"{role}: {href} answered {response and response.status}"
        )
        # Exactly one menu item is marked as the current page: this one.
        expect(page.locator("header nav [aria-current=page]")).to_have_text([text])
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
