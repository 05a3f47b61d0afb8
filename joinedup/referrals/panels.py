"""Referrals' home-page panel (registered from ReferralsConfig.ready with core/panels.py)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from joinedup.core import panels
from joinedup.directory.access import Actor, Permission

from . import selectors


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


def register() -> None:
    panels.register("referrals.requests", "referrals/_home_panel.jinja", requests, order=40)
    panels.register_for_patient("referrals.patient", panels.PATIENT_SECTION_TEMPLATE, for_patient, order=10)
