"""Diagnostics' home-page panel (registered from DiagnosticsConfig.ready with core/panels.py)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse

from joinedup.core import measures, panels
from joinedup.directory.access import Actor, Permission

from . import selectors


def summary(actor: Actor) -> dict[str, Any] | None:
    """What waits on direct-access tests, for a practice or a trust that works them."""
    if actor.is_system_admin:
        return None
    rows = selectors.home_summary(actor)
    return None if rows is None else {"rows": rows}


def for_patient(actor: Actor, patient: Any) -> dict[str, Any] | None:
    """The patient's direct-access tests, and (at their own practice) a button to request one."""
    if not (actor.can(Permission.VIEW_PRACTICE_REQUESTS) or actor.can(Permission.VIEW_PROVIDER_WORKLISTS)):
        return None
    found = selectors.requests_for_patient(actor, patient.id, panels.PATIENT_SECTION_ROWS + 1)
    rows = [
        {
            "text": f"{r.get_test_display()} {r.reference}",
            "href": reverse("diagnostics:detail", args=[r.id]),
            "detail": r.get_state_display(),
            "when": r.requested_at,
        }
        for r in found
    ]
    starts = []
    if actor.can(Permission.SEND_REQUESTS) and patient.registered_practice_id == actor.organisation.id:
        starts = [panels.Link("Request a test", reverse("diagnostics:new") + f"?nhs_number={patient.nhs_number}")]
    return panels.patient_section(
        "tests", "Direct-access tests", rows, empty="No direct-access tests you can see.", starts=starts
    )


def register_measures() -> None:
    """Tests reported within their clock per trust; the reports that reach each practice to act on."""
    measures.register(
        measures.Measure(
            id="diagnostics.reported_in_time",
            label=f"Direct-access tests reported within {settings.DIAGNOSTIC_REPORT_DAYS} days",
            domain="diagnostics",
            unit=measures.Unit.PERCENT,
            better=measures.Better.HIGHER,
            compute=selectors.reported_in_time,
            records=selectors.records_reported_in_time,
            description="Of tests requested in the month whose clock has ended, those done and reported to "
            "the practice by their due date (cancelled and rejected requests left out).",
        )
    )
    measures.register(
        measures.Measure(
            id="diagnostics.practice_results",
            label="Direct-access test results to act on",
            domain="diagnostics",
            unit=measures.Unit.COUNT,
            better=measures.Better.NEITHER,
            compute=selectors.results_to_practices,
            per="practice",
            description="Reports of the practice's direct-access tests that arrived that month.",
        )
    )


def register() -> None:
    register_measures()
    panels.register("diagnostics.summary", "diagnostics/_home_panel.jinja", summary, order=50)
    panels.register_for_patient("diagnostics.patient", panels.PATIENT_SECTION_TEMPLATE, for_patient, order=20)
