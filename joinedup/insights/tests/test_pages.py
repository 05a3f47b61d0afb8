"""Insights' pages: the ICB sees its trusts; a trust's interface lead only its own; others nothing."""

from __future__ import annotations

import datetime

import pytest

from joinedup.insights.models import MonthlyFact

MEASURE = "letters.clinic_letter_7_days"
# 14 months: 7 near 90% then 7 near 40%. Worked by hand: mean 910 / 14 = 65%; moving ranges sum to 74,
# so the mean moving range is 74 / 13 and the limits 65 ± 2.66 × 5.69 = 49.9% to 80.1%: every month
# lies outside them (and the last seven are a run below the mean).
SHARES = [90, 91, 89, 90, 92, 88, 90, 40, 41, 39, 40, 42, 38, 40]


def _months(count: int) -> list[datetime.date]:
    months, month = [], datetime.date(2025, 10, 1)
    for _ in range(count):
        months.append(month)
        month = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return months


@pytest.fixture
def shifted(icb) -> None:
    for month, share in zip(_months(len(SHARES)), SHARES, strict=True):
        MonthlyFact.objects.create(
            measure_id=MEASURE, organisation=icb.trusts[0], month=month, numerator=share, denominator=100
        )
        MonthlyFact.objects.create(
            measure_id=MEASURE, organisation=icb.trusts[1], month=month, numerator=80, denominator=100
        )


def test_the_icb_analyst_sees_every_trust_with_the_shift_flagged_first(icb, shifted, signed_in) -> None:
    page = signed_in("icb_analyst").get("/insights/")
    assert page.status_code == 200
    text = page.content.decode()
    for trust in icb.trusts:
        assert trust.name in text
    first, second = text.index(icb.trusts[0].name), text.index(icb.trusts[1].name)
    assert first < second  # the trust with special causes stands first
    assert "Special cause in 14 months" in text
    assert "Special cause in" not in text[second:]  # the steady trust has none


def test_the_chart_page_states_the_shift_and_lists_every_month(icb, shifted, signed_in) -> None:
    page = signed_in("icb_analyst").get(f"/insights/{icb.trusts[0].ods_code}/{MEASURE}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Special cause concern (low)" in text
    assert "a run of 7 on one side of the mean" in text and "outside the process limits" in text
    assert "49.9%" in text and "80.1%" in text
    assert text.count("nhsuk-table__row") == len(SHARES) + 1  # a header row and one row a month
    assert "65.0%" in text  # the mean of the fourteen months


def test_a_trusts_interface_lead_sees_only_their_own_trust(icb, shifted, signed_in) -> None:
    lead = signed_in("trust_interface_lead")
    own = lead.get(f"/insights/{icb.trusts[0].ods_code}/{MEASURE}/")
    assert own.status_code == 200
    assert lead.get(f"/insights/{icb.trusts[1].ods_code}/{MEASURE}/").status_code == 404
    board = lead.get("/insights/").content.decode()
    assert icb.trusts[0].name in board and icb.trusts[1].name not in board


@pytest.mark.parametrize("role", ["gp_clinician", "consultant", "hub_coordinator"])
def test_other_roles_are_refused(icb, shifted, signed_in, role) -> None:
    client = signed_in(role)
    assert client.get("/insights/").status_code == 403
    assert client.get(f"/insights/{icb.trusts[0].ods_code}/{MEASURE}/").status_code == 403


def test_an_unknown_measure_or_trust_is_a_plain_404(icb, shifted, signed_in) -> None:
    client = signed_in("icb_analyst")
    assert client.get(f"/insights/{icb.trusts[0].ods_code}/no.such.measure/").status_code == 404
    assert client.get(f"/insights/ZZZ99/{MEASURE}/").status_code == 404


def test_the_chart_is_drawn_as_svg_for_those_who_may_see_it(icb, shifted, signed_in) -> None:
    analyst = signed_in("icb_analyst")
    page = analyst.get(f"/insights/{icb.trusts[0].ods_code}/{MEASURE}/").content.decode()
    assert f"/insights/{icb.trusts[0].ods_code}/{MEASURE}/chart.svg" in page
    drawn = analyst.get(f"/insights/{icb.trusts[0].ods_code}/{MEASURE}/chart.svg")
    assert drawn.status_code == 200 and drawn["Content-Type"] == "image/svg+xml"
    svg = drawn.content.decode()
    assert "<svg" in svg and "#fab428" in svg.lower()  # the concern colour: these points are special causes
    lead = signed_in("trust_interface_lead")
    assert lead.get(f"/insights/{icb.trusts[1].ods_code}/{MEASURE}/chart.svg").status_code == 404


def test_the_board_pack_is_a_pdf_naming_the_trust_the_measure_and_the_flag(icb, shifted, signed_in) -> None:
    import io

    from pypdf import PdfReader

    analyst = signed_in("icb_analyst")
    assert f"/insights/{icb.trusts[0].ods_code}/pack.pdf" in analyst.get("/insights/").content.decode()
    response = analyst.get(f"/insights/{icb.trusts[0].ods_code}/pack.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert icb.trusts[0].name in text
    assert "Clinic letter within 7 days" in text
    assert "Special cause concern (low)" in text
    lead = signed_in("trust_interface_lead")
    assert lead.get(f"/insights/{icb.trusts[1].ods_code}/pack.pdf").status_code == 404
    assert signed_in("gp_clinician").get(f"/insights/{icb.trusts[0].ods_code}/pack.pdf").status_code == 403


def test_a_months_point_leads_to_the_letters_behind_it(icb, shifted, signed_in) -> None:
    from joinedup.letters.intake import services as intake
    from joinedup.letters.tests.intake_helpers import EVENT, letter_bytes, register_patient

    register_patient(icb)
    intake.take_in_mesh_message(
        content=letter_bytes(icb, sent_at=EVENT + datetime.timedelta(hours=40)), mesh_message_id="D1"
    )
    analyst = signed_in("icb_analyst")
    trust = icb.trusts[0].ods_code
    chart = analyst.get(f"/insights/{trust}/letters.discharge_summary_24h/").content.decode()
    assert chart.count("the records behind the figure") == 0  # no facts stored for it yet: no months listed
    month = f"{EVENT:%Y-%m}"
    page = analyst.get(f"/insights/{trust}/letters.discharge_summary_24h/{month}/")
    assert page.status_code == 200
    assert "Late: sent after 40 hours" in page.content.decode()
    listed = analyst.get(f"/insights/{trust}/{MEASURE}/").content.decode()
    assert f"/insights/{trust}/{MEASURE}/2025-10/" in listed  # each month of the chart links to its records
    assert analyst.get(f"/insights/{trust}/letters.discharge_summary_24h/not-a-month/").status_code == 404
    lead = signed_in("trust_interface_lead")
    assert lead.get(f"/insights/{icb.trusts[1].ods_code}/letters.discharge_summary_24h/{month}/").status_code == 404
