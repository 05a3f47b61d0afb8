"""Insights' pages: the board view (every visible trust on every measure) and one trust's chart of one measure."""

from __future__ import annotations

from typing import Any

from csp.decorators import csp_replace
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from joinedup.core.views import current_actor

from . import charts, presenters, selectors


@login_required
def board(request: HttpRequest) -> HttpResponse:
    actor = current_actor(request)
    rows: list[dict[str, Any]] = []
    for trust, trust_charts in selectors.board(actor):
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
    rows.sort(key=lambda row: (-row["flagged"], row["trust"].name))  # the most special causes first
    return render(
        request,
        "insights/board.jinja",
        {"title": "Interface measures by trust", "rows": rows, "measures": selectors.trust_measures()},
    )


@login_required
def chart(request: HttpRequest, ods_code: str, measure_id: str) -> HttpResponse:
    actor = current_actor(request)
    trust = selectors.trust_for(actor, ods_code)
    measure = selectors.measure_for(measure_id)
    service = selectors.service_for(measure, trust, request.GET.get("service"))
    drawn = selectors.chart(measure, trust, service)
    points = [
        {
            "month": p.period,
            "value": presenters.formatted(measure, p.value),
            "mean": presenters.formatted(measure, p.limits.mean) if p.limits else "",
            "lower": presenters.formatted(measure, p.limits.lower) if p.limits else "",
            "upper": presenters.formatted(measure, p.limits.upper) if p.limits else "",
            "flags": presenters.flag_text(dict(p.flags)),
        }
        for p in drawn.points
    ]
    return render(
        request,
        "insights/chart.jinja",
        {
            "title": f"{measure.label}: {service.name + ', ' if service else ''}{trust.name}",
            "trust": trust,
            "service": service,
            "services": selectors.measured_services(measure, trust),
            "query": f"?service={service.id}" if service else "",
            "measure": measure,
            "summary": presenters.summary(measure, drawn),
            "variation": presenters.variation_text(drawn),
            "assurance": presenters.assurance_text(drawn),
            "points": points,
            "has_chart": bool(drawn.points),
            "has_records": measure.records is not None,
        },
    )


# matplotlib's SVG styles each line inline; the picture, loaded as an image, runs no script.
@csp_replace({"style-src": ["'self'", "'unsafe-inline'"]})  # type: ignore[arg-type]  # django-csp types views as taking the request alone
@login_required
def chart_svg(request: HttpRequest, ods_code: str, measure_id: str) -> HttpResponse:
    actor = current_actor(request)
    trust = selectors.trust_for(actor, ods_code)
    measure = selectors.measure_for(measure_id)
    drawn = selectors.chart(measure, trust, selectors.service_for(measure, trust, request.GET.get("service")))
    return HttpResponse(charts.svg(drawn, presenters.UNIT_LABEL[measure.unit]), content_type="image/svg+xml")


@login_required
def pack(request: HttpRequest, ods_code: str) -> HttpResponse:
    """The trust's board pack as a PDF: every measure's flag, summary and chart (rendered with WeasyPrint)."""
    import base64

    import weasyprint
    from django.template.loader import render_to_string
    from django.utils import timezone
    from django.utils.http import content_disposition_header

    actor = current_actor(request)
    trust = selectors.trust_for(actor, ods_code)
    items = []
    for measure in selectors.trust_measures():
        drawn = selectors.chart(measure, trust)
        picture = charts.svg(drawn, presenters.UNIT_LABEL[measure.unit])
        items.append(
            {
                "measure": measure,
                "variation": presenters.variation_text(drawn),
                "assurance": presenters.assurance_text(drawn),
                "summary": presenters.summary(measure, drawn),
                "image": "data:image/svg+xml;base64," + base64.b64encode(picture.encode()).decode() if picture else "",
            }
        )
    html = render_to_string(
        "insights/pack.html", {"trust": trust, "items": items, "produced": timezone.localdate()}, request=request
    )
    pdf = weasyprint.HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"board-pack-{trust.ods_code}-{timezone.localdate():%Y-%m}.pdf"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename) or "attachment"
    return response


@login_required
def records(request: HttpRequest, ods_code: str, measure_id: str, month: str) -> HttpResponse:
    """The records behind one month's figure, as the owning domain lists them (and scopes them)."""
    import datetime

    from django.http import Http404

    actor = current_actor(request)
    trust = selectors.trust_for(actor, ods_code)
    measure = selectors.measure_for(measure_id)
    try:
        first = datetime.datetime.strptime(month, "%Y-%m").date()
    except ValueError as error:
        raise Http404("No such month") from error
    if measure.records is None:
        raise Http404("This measure has no records to show")
    service = selectors.service_for(measure, trust, request.GET.get("service"))
    rows = measure.records(actor, trust.id, first)
    if service is not None:
        rows = [row for row in rows if row.get("service_id") == str(service.id)]
    return render(
        request,
        "insights/records.jinja",
        {
            "title": f"{measure.label}: {service.name + ', ' if service else ''}{trust.name}, {first:%B %Y}",
            "trust": trust,
            "service": service,
            "query": f"?service={service.id}" if service else "",
            "measure": measure,
            "month": first,
            "rows": rows,
        },
    )


@login_required
def demand(request: HttpRequest) -> HttpResponse:
    """The demand the interface puts on general practice, with the estimate's method and assumptions."""
    actor = current_actor(request)
    found = selectors.demand(actor, timezone.localdate())
    return render(
        request,
        "insights/demand.jinja",
        {
            "title": "Demand on general practice from the interface",
            "demand": found,
            "assumptions": presenters.demand_assumptions(found.kinds),
            "appointment_minutes": settings.GP_APPOINTMENT_MINUTES,
            "inappropriate": selectors.INAPPROPRIATE,
            "practice_view": actor.in_practice,
        },
    )
