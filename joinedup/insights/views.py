"""Insights' pages: the board view (every visible trust on every measure) and one trust's chart of one measure."""

from __future__ import annotations

from csp.decorators import csp_replace
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from joinedup.core.views import current_actor
from joinedup.directory.access import Permission

from . import charts, packs, presenters, selectors


@login_required
def board(request: HttpRequest) -> HttpResponse:
    actor = current_actor(request)
    return render(
        request,
        "insights/board.jinja",
        {
            "title": "Interface measures by trust",
            "rows": packs.board_rows(selectors.board(actor)),
            "measures": selectors.trust_measures(),
            "icb_pack": not actor.in_trust,
            "may_email": not actor.in_trust and actor.can(Permission.VIEW_ICB_OVERVIEW),
        },
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


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    from django.utils.http import content_disposition_header

    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename) or "attachment"
    return response


@login_required
def pack(request: HttpRequest, ods_code: str) -> HttpResponse:
    """The trust's board pack as a PDF: every measure's flag, summary and chart, its open escalations and
    the ICB's referee decisions on it (rendered with WeasyPrint)."""
    trust = selectors.trust_for(current_actor(request), ods_code)
    return _pdf_response(packs.trust_pack(trust), packs.pack_filename(trust))


@login_required
def icb_pack(request: HttpRequest) -> HttpResponse:
    """The ICB's board pack as a PDF (its analyst): every trust, the flagged charts, escalations, decisions, projects."""
    icb = selectors.icb_for_pack(current_actor(request))
    return _pdf_response(packs.icb_pack(icb), packs.pack_filename(icb))


@login_required
@require_POST
def email_pack(request: HttpRequest) -> HttpResponse:
    """Email the ICB's pack to its board members now (the analyst's button; a scheduler runs send_board_pack)."""
    from django.contrib import messages
    from django.shortcuts import redirect

    icb = selectors.icb_for_pack(current_actor(request))
    sent = packs.email_icb_pack(icb)
    if sent:
        messages.success(request, f"The board pack was emailed to {sent} board member{'s' if sent != 1 else ''}.")
    else:
        messages.warning(request, "No board member has an email address: the pack was not sent.")
    return redirect("insights:board")


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


@login_required
def export(request: HttpRequest) -> HttpResponse:
    """Every measure the viewer may see, per organisation (or service) and month, as CSV: the figure, its
    numerator and denominator, the chart's mean, limits and special causes. No cell can become a formula.
    Written whole (an ICB's year is a few megabytes), so a refusal or an error is a plain page, not a cut file."""
    from django.utils.http import content_disposition_header

    from joinedup.core import csv_export

    actor = current_actor(request)
    rows = list(selectors.export_rows(actor))  # refuses (403) a role that may not see insights
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    writer = csv_export.writer(response)
    writer.writerow(selectors.EXPORT_HEADER)
    writer.writerows(rows)
    filename = f"interface-measures-{actor.organisation.ods_code}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename) or "attachment"
    return response
