"""Playwright fixtures: one Chromium per session, a fresh context per test, and an axe-core check.

The site's Content Security Policy stays ON in these tests (no ``bypass_csp``): axe-core is
injected with ``page.evaluate``, which the policy does not govern, so every page is exercised
under the same policy a real browser enforces, and a script the policy blocks fails the test.
"""

from __future__ import annotations

import datetime
import functools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Error, Page, Playwright, Response, expect, sync_playwright

from joinedup.demo.directory import DEMO_PASSWORD, SeededDirectory

REPO_ROOT = Path(__file__).resolve().parents[2]
AXE_PATH = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # The tests run offline: a page's only outside request is the NHS.UK font (see KNOWN_PROBLEMS), and a DNS lookup
    # that times out held each page's load event for up to 5 seconds. Any name but the live server's fails at once.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
# WCAG 2.0, 2.1 and 2.2 at A and AA, plus axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
# Generous: the suite runs a browser per core beside the servers, so a slow page is not a failure; a hang still is.
TIMEOUT_MS = 30_000
# Known problems, reported and owned elsewhere; anything else the browser complains about fails the test.
KNOWN_PROBLEMS = (
    # The NHS.UK stylesheet loads Frutiger from assets.nhs.uk. JoinedUp works offline and its CSP allows only
    # its own origin, so pages fall back to Arial by design (the font is licensed, not on npm).
    "Loading the font 'https://assets.nhs.uk/fonts/",
)

# Synthetic NHS numbers in the 999 test range (valid check digits), and one with a wrong check digit.
PRACTICE_ONE_PATIENTS = [
    ("9990000018", "Ada", "Fenwick", datetime.date(1961, 4, 12)),
    ("9990000026", "Bilal", "Okafor", datetime.date(1984, 11, 3)),
]
PRACTICE_TWO_PATIENTS = [("9990000034", "Carys", "Pemberton", datetime.date(1997, 2, 28))]
UNUSED_VALID_NHS_NUMBER = "9994021184"
WRONG_CHECK_DIGIT_NHS_NUMBER = "9994021185"


@dataclass
class World:
    """The seeded ICB plus a few registered patients."""

    directory: SeededDirectory
    patients: dict[str, Any]


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    # Playwright's sync API runs an asyncio loop in this thread, so Django would refuse ORM calls from the
    # tests; allow them, only while the browser tests run (session fixtures are set up before any database).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        yield playwright
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def chromium(playwright_instance: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM_PATH).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM_PATH}: install Debian's chromium (make system-deps)")
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@functools.cache
def axe_source() -> str:
    if not AXE_PATH.exists():
        pytest.fail(f"axe-core not found at {AXE_PATH}: run npm ci")
    return AXE_PATH.read_text(encoding="utf-8")


@pytest.fixture
def world(icb: SeededDirectory) -> World:
    from joinedup.patients.models import Patient

    patients: dict[str, Any] = {}
    for practice, rows in ((icb.practices[0], PRACTICE_ONE_PATIENTS), (icb.practices[1], PRACTICE_TWO_PATIENTS)):
        for nhs_number, given, family, born in rows:
            patients[nhs_number] = Patient.objects.create(
                nhs_number=nhs_number,
                given_name=given,
                family_name=family,
                date_of_birth=born,
                registered_practice=practice,
            )
    return World(directory=icb, patients=patients)


@pytest.fixture
def page(chromium: Browser, live_server, transactional_db: None) -> Iterator[Page]:
    """A new browser context for each test, pointed at the live server, failing on script errors."""
    context = chromium.new_context(base_url=live_server.url, locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        # A failed load is reported (with its address) by on_response; the console line adds nothing.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(f"console error on {urlsplit(page.url).path}: {message.text}")

    def on_page_error(error: Error) -> None:
        problems.append(f"uncaught script error on {urlsplit(page.url).path}: {error}")

    def on_response(response: Response) -> None:
        # A page may answer 4xx on purpose (a form with errors answers 400); what it loads may not.
        if response.status >= 400 and response.request.resource_type != "document":
            problems.append(f"HTTP {response.status} for {urlsplit(response.url).path} on {urlsplit(page.url).path}")

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    page.on("response", on_response)
    yield page
    context.close()
    real = [p for p in problems if not any(known in p for known in KNOWN_PROBLEMS)]
    assert not real, "The browser reported problems:\n" + "\n".join(real)


AXE_RUN = """async ([tags, detailed]) => {
    const options = {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"], iframes: false};
    // Working out selectors and HTML snippets doubles the run time: only do it to report a failure.
    Object.assign(options, detailed ? {selectors: true} : {selectors: false, noHtml: true});
    const result = await axe.run(document, options);
    return result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({target: (n.target || []).join(" "), html: n.html || "", summary: n.failureSummary})),
    }));
}"""


def assert_accessible(page: Page) -> None:
    """Run axe-core on the page as it stands and fail with a readable list of every violation."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    if not page.evaluate(AXE_RUN, [AXE_TAGS, False]):
        return
    violations = page.evaluate(AXE_RUN, [AXE_TAGS, True])
    lines = [f"{len(violations)} accessibility violation(s) on {urlsplit(page.url).path}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} [{violation['helpUrl']}]")
        for node in violation["nodes"]:
            lines.append(f"    at {node['target']}: {node['html'][:200]}")
            lines.append(f"       {' '.join((node['summary'] or '').split())}")
    pytest.fail("\n".join(lines), pytrace=False)


def sign_in(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the real form."""
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def submit(page: Page, button: str) -> int:
    """Click a form's submit button and return the HTTP status of the page it leads to."""
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=button, exact=True).click()
    response = navigation.value
    assert response is not None
    return response.status


def header_role(page: Page) -> str:
    """The header's role and organisation text (a link to choose a role)."""
    return " ".join(page.locator("header .nhsuk-header__account-link[href='/role/']").inner_text().split())


def nav_links(page: Page) -> list[tuple[str, str]]:
    """(text, href) of each item in the header navigation."""
    links = page.locator("header nav.nhsuk-header__navigation a.nhsuk-header__navigation-link")
    return [(" ".join(link.inner_text().split()), link.get_attribute("href") or "") for link in links.all()]


def error_summary(page: Page) -> list[tuple[str, str]]:
    """The error summary's links as (message, href); fails if there is no summary or a link leads nowhere."""
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("alert").get_by_role("heading", level=2)).to_have_text("There is a problem")
    links = summary.locator(".nhsuk-error-summary__list a")
    found = [(" ".join(a.inner_text().split()), a.get_attribute("href") or "") for a in links.all()]
    for message, href in found:
        assert href.startswith("#") and len(href) > 1, f"error summary link {message!r} has href {href!r}"
        assert page.locator(f"[id='{href[1:]}']").count() == 1, f"error summary link {message!r}: no {href} on the page"
    return found
