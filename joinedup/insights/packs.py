"""The board packs: one PDF per trust and one for the ICB, rendered from HTML by WeasyPrint, and the ICB's
pack emailed to its board (decision 0022).

Who may read a pack is decided before these functions are called (``selectors.trust_for``,
``selectors.icb_for_pack``); the emailed pack is produced by the system for the ICB's own people.
"""

from __future__ import annotations

import base64
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone

from joinedup.concerns import selectors as concerns
from joinedup.core import measures
from joinedup.directory import selectors as directory
from joinedup.directory.models import Organisation

from . import charts, presenters, selectors
from .spc import Chart


def _image(measure: measures.Measure, drawn: Chart) -> str:
    picture = charts.svg(drawn, presenters.UNIT_LABEL[measure.unit])
    return "data:image/svg+xml;base64," + base64.b64encode(picture.encode()).decode() if picture else ""


def _item(trust: Organisation, measure: measures.Measure, drawn: Chart) -> dict[str, Any]:
    return {
        "trust": trust,
        "measure": measure,
        "variation": presenters.variation_text(drawn),
        "assurance": presenters.assurance_text(drawn),
        "summary": presenters.summary(measure, drawn),
        "image": _image(measure, drawn),
    }


def board_rows(board: list[tuple[Organisation, list[tuple[measures.Measure, Chart]]]]) -> list[dict[str, Any]]:
    """The board table: each trust's latest figure, variation and assurance per measure, the most flagged first."""
    rows: list[dict[str, Any]] = []
    for trust, trust_charts in board:
        cells = [
            {
                "measure": measure,
                "latest": presenters.formatted(measure, chart.latest.value if chart.latest else None),
                "variation": presenters.variation_text(chart),
                "assurance": presenters.assurance_text(chart),
                "flagged": sum(1 for p in chart.points if p.flags),
            }
            for measure, chart in trust_charts
        ]
        rows.append({"trust": trust, "cells": cells, "flagged": sum(c["flagged"] for c in cells)})
    rows.sort(key=lambda row: (-row["flagged"], row["trust"].name))
    return rows


def _pdf(html: str) -> bytes:
    import weasyprint

    # Every picture is a data address: WeasyPrint fetches nothing (the base address is never used).
    return weasyprint.HTML(string=html, base_url=settings.SITE_URL).write_pdf()  # type: ignore[no-any-return]


def trust_pack(trust: Organisation) -> bytes:
    items = [_item(trust, measure, selectors.chart(measure, trust)) for measure in selectors.trust_measures()]
    html = render_to_string(
        "insights/pack.html",
        {
            "trust": trust,
            "items": items,
            "produced": timezone.localdate(),
            "concerns": concerns.board_pack(trust.icb_id, trust.id) if trust.icb_id else None,
        },
    )
    return _pdf(html)


def icb_pack(icb: Organisation) -> bytes:
    """The ICB's pack: the board table of every trust, the chart of each trust's measure with a special cause,
    the open escalations, the referee decisions and the improvement projects before and after."""
    board = selectors.icb_board(icb)
    flagged = [
        _item(trust, measure, drawn)
        for trust, trust_charts in board
        for measure, drawn in trust_charts
        if any(p.flags for p in drawn.points)
    ]
    html = render_to_string(
        "insights/icb_pack.html",
        {
            "icb": icb,
            "rows": board_rows(board),
            "charts": flagged,
            "produced": timezone.localdate(),
            "concerns": concerns.board_pack(icb.id),
        },
    )
    return _pdf(html)


def pack_filename(organisation: Organisation) -> str:
    return f"board-pack-{organisation.ods_code}-{timezone.localdate():%Y-%m}.pdf"


def board_members(icb: Organisation) -> list[str]:
    """The addresses the ICB's pack goes to: the ICB's people holding a role in ``INSIGHTS_PACK_ROLES``."""
    roles = set(settings.INSIGHTS_PACK_ROLES)
    return sorted(
        {a.person.email for a in directory.people_at(icb) if a.role in roles and a.person.email and a.person.is_active}
    )


def email_icb_pack(icb: Organisation) -> int:
    """Send the ICB's pack as an attachment to each board member (one email each); return how many were sent."""
    recipients = board_members(icb)
    if not recipients:
        return 0
    pdf = icb_pack(icb)
    month = timezone.localdate()
    sent = 0
    for to in recipients:
        message = EmailMessage(
            subject=f"{settings.SERVICE_NAME}: interface board pack for {icb.name}, {month:%B %Y}",
            body=f"The interface board pack for {icb.name} is attached ({month:%B %Y}): every trust on every "
            f"measure, the charts with a special cause, open escalations, referee decisions and improvement "
            f"projects.\n\nThe figures, charts and records behind them are in {settings.SERVICE_NAME}: "
            f"{settings.SITE_URL}/insights/",
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[to],
        )
        message.attach(pack_filename(icb), pdf, "application/pdf")
        sent += message.send(fail_silently=False)
    return sent
