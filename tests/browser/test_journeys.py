"""Journeys across pages: choosing a role, changing a service's capacity, signing out; and the remaining pages."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from conftest import DEMO_USERS
from joinedup.audit.models import AuditEvent
from joinedup.directory.models import CapacityStatus, Organisation, Service
from joinedup.patients.models import Patient
from tests.browser.conftest import World, assert_accessible, error_summary, header_role, sign_in, submit

pytestmark = pytest.mark.browser


def test_gp_switches_practice(page: Page, world: World) -> None:
    first, second = world.directory.practices[0], world.directory.practices[1]
    sign_in(page, DEMO_USERS["gp_clinician"])
    assert header_role(page) == f"GP clinician, {first.name} (change)"
    expect(page.get_by_role("heading", level=1)).to_have_text(first.name)

    page.get_by_role("link", name=f"GP clinician, {first.name} (change)").click()
    assert urlsplit(page.url).path == "/role/"
    roles = page.get_by_role("group", name="Which role are you working in?")
    expect(roles.get_by_role("radio")).to_have_count(2)
    expect(roles.get_by_label(f"GP clinician, {first.name}")).to_be_checked()
    assert_accessible(page)

    roles.get_by_label(f"GP clinician, {second.name}").check()
    assert submit(page, "Continue") == 200
    assert urlsplit(page.url).path == "/"
    assert header_role(page) == f"GP clinician, {second.name} (change)"
    expect(page.get_by_role("heading", level=1)).to_have_text(second.name)
    patients = page.get_by_role("table", name="Patients (first 25 by name)").locator("tbody tr")
    expect(patients).to_have_count(1)
    expect(patients).to_contain_text("PEMBERTON, Carys")
    assert_accessible(page)

    # The choice sticks for the rest of the session.
    page.goto("/patients/?q=Fenwick")
    expect(page.get_by_role("table", name="0 patients found")).to_be_visible()
    assert header_role(page) == f"GP clinician, {second.name} (change)"


def test_triage_admin_limits_a_service(page: Page, world: World) -> None:
    trust = world.directory.trusts[0]
    service = Service.objects.filter(trust=trust, capacity_status=CapacityStatus.NORMAL).order_by("name").first()
    assert service is not None
    version = service.version
    sign_in(page, DEMO_USERS["triage_admin"])
    row = page.get_by_role("table", name="Our services").get_by_role("row").filter(has_text=service.name)
    expect(row.locator(".nhsuk-tag")).to_have_text("Normal")
    row.get_by_role("link", name=f"Change {service.name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Change {service.name}")
    expect(page.get_by_label("Normal")).to_be_checked()
    assert_accessible(page)

    # An out-of-range wait is refused, and nothing changes.
    page.get_by_label("Indicative wait in weeks").fill("200")
    page.get_by_label("Limited capacity").check()
    assert submit(page, "Save changes") == 400
    assert error_summary(page) == [("Indicative wait must be 104 weeks or fewer", "#id_indicative_wait_weeks")]
    expect(page.get_by_label("Limited capacity")).to_be_checked()
    service.refresh_from_db()
    assert (service.capacity_status, service.version) == (CapacityStatus.NORMAL, version)
    assert_accessible(page)

    page.get_by_label("Indicative wait in weeks").fill("12")
    assert submit(page, "Save changes") == 200
    assert urlsplit(page.url).path == f"/directory/{trust.ods_code}/"
    expect(page.get_by_role("status")).to_have_text(f"{service.name} updated")
    row = page.get_by_role("table", name="Services").get_by_role("row").filter(has_text=service.name)
    tag = row.locator(".nhsuk-tag")
    expect(tag).to_have_text("Limited capacity")
    expect(tag).to_have_class(re.compile(r"\bnhsuk-tag--orange\b"))
    expect(row).to_contain_text("12 weeks")
    service.refresh_from_db()
    assert service.capacity_status == CapacityStatus.LIMITED
    assert service.indicative_wait_weeks == 12
    assert service.version == version + 1
    assert_accessible(page)


def test_sign_out(page: Page, world: World) -> None:
    sign_in(page, DEMO_USERS["hub_coordinator"])
    expect(page.get_by_role("heading", level=1)).to_have_text(world.directory.hub.name)
    page.get_by_role("banner").get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/sign-in/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to JoinedUp")
    expect(page.get_by_role("navigation", name="Account")).to_have_count(0)
    # The session is gone: home sends you back to sign in.
    page.goto("/")
    assert urlsplit(page.url)[2:4] == ("/sign-in/", "next=/")


def test_admin_pages_are_accessible(page: Page, world: World) -> None:
    """Pages the menus do not reach directly: organisation pages, the forms, a patient, the plain pages."""
    trust, lead_less = world.directory.trusts[0], world.directory.trusts[-1]
    practice = world.directory.practices[0]
    service = Service.objects.filter(trust=trust).order_by("name").first()
    assert service is not None
    sign_in(page, DEMO_USERS["system_admin"])
    pages = {
        f"/directory/{trust.ods_code}/": trust.name,
        f"/directory/{practice.ods_code}/": practice.name,
        f"/directory/services/{service.id}/edit/": f"Change {service.name}",
        f"/directory/{lead_less.ods_code}/interface-lead/": "Designated interface lead",
        "/directory/new/": "Add an organisation",
        "/patients/?q=Fenwick": "Find a patient",
        "/patients/9990000018/": "Ada Fenwick",
        "/role/": "Which role are you working in?",
        "/accessibility/": "Accessibility statement",
        "/privacy/": "Privacy and audit",
        "/audit/?nhs_number=9990000018": "Audit record",
    }
    for path, heading in pages.items():
        response = page.goto(path)
        assert response is not None and response.status == 200, f"{path} answered {response and response.status}"
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(page)

    # The patient view above was audited, and the audit page shows it.
    assert AuditEvent.objects.filter(action="patient.viewed", patient_nhs_number="9990000018").count() == 1
    patient_id = Patient.objects.get(nhs_number="9990000018").id
    expect(page.get_by_role("table", name="The 200 most recent events")).to_contain_text(
        f"Patient {patient_id}: viewed"
    )

    # The add-organisation form with every error showing; the radio group's link leads to its first radio.
    organisations = Organisation.objects.count()
    page.goto("/directory/new/")
    assert submit(page, "Add organisation") == 400
    assert [href for _, href in error_summary(page)] == ["#id_kind", "#id_ods_code", "#id_name"]
    assert Organisation.objects.count() == organisations
    assert_accessible(page)
    page.locator(".nhsuk-error-summary a[href='#id_kind']").click()
    expect(page.get_by_role("group", name="Kind of organisation").get_by_role("radio").first).to_be_focused()


def test_error_pages_are_accessible(page: Page, world: World) -> None:
    sign_in(page, DEMO_USERS["icb_analyst"])
    response = page.goto("/audit/")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot see this page")
    assert_accessible(page)
    response = page.goto("/directory/NO-SUCH-ORG/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(page)
