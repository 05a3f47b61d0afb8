"""Issue 17: what axe cannot see. The letter's verdicts in the accessibility tree, and phone-width pages."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from conftest import DEMO_USERS
from joinedup.audit import services as audit
from joinedup.concerns import services as concerns
from joinedup.directory.access import Actor
from joinedup.directory.models import RoleAssignment
from joinedup.letters.inbox.tests.helpers import CHASE, CHECK, START, make_letter
from tests.browser.conftest import World, assert_accessible, sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}

# The computed colours of a highlight's edges and fills, and the WCAG contrast ratio between two of them.
EDGES = """(mark) => {
    const style = getComputedStyle(mark);
    const rgb = (value) => (value.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
    const luminance = ([r, g, b]) => {
        const c = [r, g, b].map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    };
    const ratio = (a, b) => {
        const [hi, lo] = [luminance(rgb(a)), luminance(rgb(b))].sort((x, y) => y - x);
        return (hi + 0.05) / (lo + 0.05);
    };
    const page = getComputedStyle(document.getElementById("letter-text")).backgroundColor;
    const fill = style.backgroundColor;
    const result = {underline: style.borderBottomStyle, outline: style.outlineStyle};
    result.underlineWidth = parseFloat(style.borderBottomWidth);
    result.underlineOnPage = ratio(style.borderBottomColor, page);
    result.underlineOnFill = ratio(style.borderBottomColor, fill);
    if (style.outlineStyle !== "none") {
        result.outlineOnPage = ratio(style.outlineColor, page);
        result.outlineOnFill = ratio(style.outlineColor, fill);
    }
    return result;
}"""


def test_the_letter_page_reads_out_the_verdict_of_every_highlighted_request(page: Page, world: World) -> None:
    letter = make_letter(world.directory.practices[0], world.directory.trusts[0], patient=world.patients["9990000018"])
    chase, check, start = (letter.actions.get(quote=q) for q in (CHASE, CHECK, START))
    assert [a.verdict for a in (chase, check, start)] == ["inappropriate", "appropriate", "appropriate"]

    sign_in(page, DEMO_USERS["gp_clinician"])
    page.goto(f"/letters/{letter.id}/")

    # What a screen reader meets, in order: the verdict, the highlighted words, then a link that says it again.
    tree = page.get_by_role("region", name="The letter").aria_snapshot()
    lines = [line.strip() for line in tree.splitlines()]
    expected = [
        (1, chase, "inappropriate", "Request 1: inappropriate, test results left to the GP:"),
        (2, check, "for the practice", "Request 2: for the practice, monitoring:"),
        (3, start, "for the practice", "Request 3: for the practice, medication:"),
    ]
    position = 0
    for number, action, verdict, said in expected:
        text = next(i for i in range(position, len(lines)) if lines[i].startswith("- text:"))
        assert lines[text].rstrip('"').endswith(said), f"request {number} is not announced: {lines[text]}"
        assert lines[text + 1] in (f"- mark: {action.quote}", f'- mark: "{action.quote}"'), tree
        link = f'link "End of request {number} ({verdict}): what the reader made of it and your answer"'
        assert lines[text + 2].removeprefix("- ").removesuffix(":").strip("'") == link, tree
        assert lines[text + 3] == f'- /url: "#action-{action.id}"'
        position = text + 4
    link = page.get_by_role("link", name="End of request 1 (inappropriate)")
    box = link.bounding_box()  # on screen only "[1]": the words for screen readers are hidden
    assert box is not None and box["width"] < 40, box

    # A key on screen explains the two styles.
    key = page.locator("#highlight-key")
    expect(key).to_be_visible()
    expect(key).to_contain_text("with a solid underline: a request the hospital may make of the practice")
    expect(key).to_contain_text("with a solid underline inside a dashed box: an inappropriate request")

    # Every boundary is a dark line of at least 3:1 against the page and the highlight's own fill, and the
    # two kinds differ in pattern (a dashed box for inappropriate), not only in hue.
    marks = page.locator("#letter-text mark")
    inappropriate, appropriate = marks.nth(0).evaluate(EDGES), marks.nth(1).evaluate(EDGES)
    for edges in (inappropriate, appropriate):
        assert edges["underline"] == "solid" and edges["underlineWidth"] >= 2
        assert edges["underlineOnPage"] >= 3 and edges["underlineOnFill"] >= 3, edges
    assert appropriate["outline"] == "none"
    assert inappropriate["outline"] == "dashed"
    assert inappropriate["outlineOnPage"] >= 3 and inappropriate["outlineOnFill"] >= 3, inappropriate
    assert_accessible(page)


def _actor(role: str) -> Actor:
    assignment = (
        RoleAssignment.objects.select_related("organisation", "person")
        .filter(person__username=DEMO_USERS[role], role=role)
        .earliest("id")
    )
    return Actor(person=assignment.person, assignment=assignment)


def _fits_the_screen(page: Page, path: str) -> None:
    page.goto(path)
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{path} scrolls sideways at {widths[1]} px: the page is {widths[0]} px wide"
    assert_accessible(page)


def test_at_phone_width_wide_tables_scroll_on_their_own_and_the_page_does_not(page: Page, world: World) -> None:
    trust, practice, icb = world.directory.trusts[0], world.directory.practices[0], world.directory.icb
    # Rows for the ICB's tables and the audit record, with long names as real ones are.
    concerns.concern_raise(
        actor=_actor("gp_clinician"),
        about_org=trust,
        rule="test_results",
        severity="moderate",
        what_happened="Asked us to chase a CT result the hospital ordered.",
    )
    concerns.project_create(
        actor=_actor("icb_analyst"),
        icb=icb,
        title="Test results handled by the hospital that ordered them",
        owner="Dr Ada Example, Associate Medical Director for Primary Care",
        rules=["test_results", "fit_note"],
        measure="Concerns about test results per month",
        start_date=timezone.localdate(),
    )
    audit.record(actor=_actor("gp_clinician"), action="patient.viewed", obj=practice, patient_nhs_number="9990000018")
    page.set_viewport_size(PHONE)

    sign_in(page, DEMO_USERS["triage_admin"])
    _fits_the_screen(page, "/")  # the trust home: its services
    # The services table is wider than the screen: its own region scrolls, by keyboard too.
    region = page.get_by_role("region", name="Our services")
    assert region.evaluate("(el) => el.scrollWidth > el.clientWidth"), "the table fits: nothing is tested"
    expect(region).to_have_attribute("tabindex", "0")
    region.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.activeElement.scrollLeft > 0")
    _fits_the_screen(page, f"/directory/{trust.ods_code}/")  # the organisation page
    _fits_the_screen(page, "/diagnostics/worklist/")  # its status filter
    status = page.get_by_label("Status").bounding_box()
    assert status is not None and status["x"] + status["width"] <= PHONE["width"]

    page.context.clear_cookies()
    sign_in(page, DEMO_USERS["icb_analyst"])
    for path in ("/concerns/review/", "/concerns/projects/"):
        _fits_the_screen(page, path)
    expect(page.get_by_role("region", name="Improvement projects")).to_have_attribute("tabindex", "0")

    page.context.clear_cookies()
    sign_in(page, DEMO_USERS["system_admin"])
    _fits_the_screen(page, "/audit/")
    expect(page.get_by_role("region", name="The 200 most recent events")).to_be_visible()


def test_no_page_breaks_its_own_content_security_policy(page: Page, world: World) -> None:
    """A new user's walk found every page blocking the NHS.UK typeface (the frontend's CSS loads it from
    assets.nhs.uk): the font fell back silently and the console filled with CSP violations."""
    violations: list[str] = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    sign_in(page, DEMO_USERS["gp_clinician"])
    for path in ("/", "/referrals/", "/letters/", "/concerns/"):
        page.goto(path)
        page.wait_for_load_state("load")
    assert violations == []
