"""Referrals' home-page panel (registered from ReferralsConfig.ready with core/panels.py)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.urls import reverse

from joinedup.core import measures, panels
from joinedup.directory.access import Actor, Permission

from . import selectors
from .models import Kind


def requests(actor: Actor) -> dict[str, Any] | None:
    """Sending and working referrals and A&G: a practice's and a trust's home pages."""
    if actor.is_system_admin or not (actor.in_practice or actor.in_trust):
        return None
    # Those who book see how many wait for them (issue 12: the triage administrator's work).
    return {"to_book": selectors.to_book_count(actor) if actor.can(Permission.BOOK_APPOINTMENTS) else None}


def for_patient(actor: Actor, patient: Any) -> dict[str, Any] | None:
    """The patient's referrals and A&G requests, and (at their own practice) buttons to send one."""
    if not (actor.can(Permission.VIEW_PRACTICE_REQUESTS) or actor.can(Permission.VIEW_PROVIDER_WORKLISTS)):
        return None
    found = selectors.requests_for_patient(actor, patient.id, panels.PATIENT_SECTION_ROWS + 1)
    rows = [
        {
            "text": f"{r.get_kind_display()} {r.reference}: {r.service.name}",
            "href": reverse("referrals:detail", args=[r.id]),
            "detail": r.get_state_display(),
            "when": r.sent_at,
        }
        for r in found
    ]
    starts = []
    if actor.can(Permission.SEND_REQUESTS) and patient.registered_practice_id == actor.organisation.id:
        query = f"?patient={patient.nhs_number}"
        starts = [
            panels.Link("Send a referral", reverse("referrals:new", args=["referral"]) + query),
            panels.Link("Ask for advice and guidance", reverse("referrals:new", args=["advice"]) + query),
        ]
    return panels.patient_section(
        "requests", "Referrals and advice", rows, empty="No referrals or A&G requests you can see.", starts=starts
    )


def register_measures() -> None:
    """What referrals counts per trust (and service) and month for insights' charts."""
    measures.register(
        measures.Measure(
            id="referrals.advice_answered_in_clock",
            label="Advice and guidance answered within 5 working days",
            domain="referrals",
            unit=measures.Unit.PERCENT,
            better=measures.Better.HIGHER,
            compute=partial(selectors.answered_in_clock, Kind.ADVICE),
            records=partial(selectors.records_in_clock, Kind.ADVICE),
            description="Of A&G requests sent in the month whose clock has ended, those first answered "
            "on or before their due date (5 working days, or the clock restarted by a question).",
        )
    )
    measures.register(
        measures.Measure(
            id="referrals.triaged_in_clock",
            label="Referrals triaged within their clock",
            domain="referrals",
            unit=measures.Unit.PERCENT,
            better=measures.Better.HIGHER,
            compute=partial(selectors.answered_in_clock, Kind.REFERRAL),
            records=partial(selectors.records_in_clock, Kind.REFERRAL),
            description="Of referrals sent in the month whose triage clock has ended, those triaged "
            "on or before their due date.",
        )
    )
    measures.register(
        measures.Measure(
            id="referrals.returned_or_rejected",
            label="Referrals returned with advice or rejected",
            domain="referrals",
            unit=measures.Unit.PERCENT,
            better=measures.Better.LOWER,
            compute=selectors.returned_or_rejected,
            description="Of referrals sent in the month and triaged, those returned with advice or rejected.",
        )
    )
    for outcome, label, better, what in (
        ("converted", "A&G converted to a referral", measures.Better.NEITHER, "the consultant converted to a referral"),
        ("avoided", "A&G that avoided a referral", measures.Better.HIGHER, "the GP closed with no referral made"),
    ):
        measures.register(
            measures.Measure(
                id=f"referrals.advice_{outcome}",
                label=label,
                domain="referrals",
                unit=measures.Unit.PERCENT,
                better=better,
                compute=partial(selectors.advice_outcomes, outcome),
                description=f"Of A&G requests finished in the month (closed or converted), those {what}.",
            )
        )
    # The work the hospital's answers put on general practice, per practice (insights' demand view).
    for kind, label, what in (
        (Kind.REFERRAL, "Returned or rejected referrals to act on", "referrals returned with advice or rejected"),
        (Kind.ADVICE, "Advice and guidance answers to act on", "A&G requests answered with advice or a question"),
    ):
        measures.register(
            measures.Measure(
                id=f"referrals.practice_{kind}_answers",
                label=label,
                domain="referrals",
                unit=measures.Unit.COUNT,
                better=measures.Better.NEITHER,
                compute=partial(selectors.answered_to_practices, kind),
                per="practice",
                description=f"The practice's {what} that month.",
            )
        )


def register() -> None:
    register_measures()
    panels.register("referrals.requests", "referrals/_home_panel.jinja", requests, order=40)
    panels.register_for_patient("referrals.patient", panels.PATIENT_SECTION_TEMPLATE, for_patient, order=10)
