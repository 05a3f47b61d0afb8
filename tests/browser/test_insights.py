"""Insights in the browser: the ICB analyst opens the board view, sees the special cause flagged on a trust,
opens that trust's chart, and downloads its board pack (whose text is read back with pypdf).

The monthly facts are written by the test (a fall from about 90% to 40% of discharge summaries on time):
seeding a year of letters would take longer than the journey itself. One late letter is taken in for
the last month, and the analyst drills down to it.
"""

from __future__ import annotations

import datetime
import io
import re

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from conftest import DEMO_USERS
from joinedup.insights.models import MonthlyFact
from joinedup.letters.intake import services as intake
from joinedup.letters.tests.intake_helpers import EVENT, letter_bytes, register_patient
from tests.browser.conftest import World, assert_accessible, nav_links, sign_in

pytestmark = pytest.mark.browser

MEASURE = "letters.discharge_summary_24h"
SHARES = [90, 91, 89, 90, 92, 88, 90, 40, 41, 39, 40, 42, 38, 40]


def test_the_icb_analyst_finds_the_special_cause_and_downloads_the_pack(page: Page, world: World) -> None:
    shifted, steady = world.directory.trusts[0], world.directory.trusts[1]
    month = datetime.date(2025, 10, 1)
    for share in SHARES:
        MonthlyFact.objects.create(
            measure_id=MEASURE, organisation=shifted, month=month, numerator=share, denominator=100
        )
        MonthlyFact.objects.create(measure_id=MEASURE, organisation=steady, month=month, numerator=80, denominator=100)
        month = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)

    register_patient(world.directory, nhs_number="9990000042")
    late = letter_bytes(world.directory, nhs_number="9990000042", sent_at=EVENT + datetime.timedelta(hours=40))
    intake.take_in_mesh_message(content=late, mesh_message_id="B1")
    assert f"{EVENT:%Y-%m}" == f"{month - datetime.timedelta(days=1):%Y-%m}"  # the chart's last month

    sign_in(page, DEMO_USERS["icb_analyst"])
    assert ("Interface measures", "/insights/") in nav_links(page)
    page.get_by_role("link", name="Interface measures").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Interface measures by trust")
    board = page.get_by_role("table").filter(has_text=shifted.name)
    expect(board.get_by_text("Special cause in 14 months")).to_be_visible()
    assert_accessible(page)

    board.get_by_role("link", name=f"Discharge summary within 24 hours at {shifted.name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Discharge summary within 24 hours")
    expect(page.get_by_text("Special cause concern (low)").first).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="April 2026")).to_contain_text("outside the process limits")
    assert_accessible(page)

    month_link = page.get_by_role("link", name=re.compile(f"^{EVENT:%B %Y}.*the records behind the figure$"))
    month_link.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("the records behind the figure")
    expect(page.get_by_role("row").filter(has_text="Late: sent after 40 hours")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Back to the chart").click()
    page.get_by_role("link", name="Every measure by trust").click()
    with page.expect_download() as download:
        page.get_by_role("link", name=f"Download the board pack for {shifted.name} (PDF)").click()
    path = download.value.path()
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert (
        shifted.name in text and "Discharge summary within 24 hours" in text and "Special cause concern (low)" in text
    )

    # The ICB's own pack, beside the trusts': every trust, the flagged chart (read back with pypdf).
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the ICB's board pack (PDF)").click()
    reader = PdfReader(io.BytesIO(download.value.path().read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert world.directory.icb.name in text and steady.name in text
    assert f"{shifted.name}: Discharge summary within 24 hours" in text and "Special cause concern (low)" in text
