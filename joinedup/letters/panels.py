"""Letters' home-page panels (registered from LettersConfig.ready with core/panels.py)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.urls import reverse

from joinedup.core import measures, panels
from joinedup.core.panels import Link, links_panel
from joinedup.directory.access import Actor, Permission

from .inbox import selectors as inbox
from .intake import selectors as intake
from .models import TimelinessRule


def practice_inbox(actor: Actor) -> dict[str, Any] | None:
    """New letters at the practice, and how many ask for what the hospital should do."""
    if actor.is_system_admin or not actor.in_practice or not actor.can(Permission.VIEW_LETTERS):
        return None
    return inbox.home_panel(actor)


def trust_letters(actor: Actor) -> dict[str, Any] | None:
    if actor.is_system_admin or not actor.in_trust:
        return None
    return {"can_see_timeliness": actor.can(Permission.VIEW_LETTER_TIMELINESS)}


def admin_links(actor: Actor) -> dict[str, Any] | None:
    if not actor.is_system_admin:
        return None
    return links_panel(
        Link("Quarantined letters", reverse("letters:quarantine"), "messages that could not be taken in")
    )


def for_patient(actor: Actor, patient: Any) -> dict[str, Any] | None:
    """The hospital letters about the patient that reached the practice, with what each asks."""
    if not (actor.in_practice and actor.can(Permission.VIEW_LETTERS)):
        return None
    found = inbox.letters_for_patient(actor, patient.id, panels.PATIENT_SECTION_ROWS + 1)
    rows = [
        {
            "text": f"{letter.get_kind_display()} from {letter.trust.name if letter.trust else 'the hospital'}",
            "href": reverse("letters:letter", args=[letter.id]),
            "detail": _asks(letter),
            "when": letter.received_at,
        }
        for letter in found
    ]
    return panels.patient_section("letters", "Hospital letters", rows, empty="No hospital letters for this patient.")


def _asks(letter: Any) -> str:
    if letter.reading_state != "read":
        return "Not read by JoinedUp yet"
    if not letter.action_count:
        return "Asks nothing of the practice"
    requests = f"{letter.action_count} {'request' if letter.action_count == 1 else 'requests'} of the practice"
    if letter.inappropriate_count:
        requests += f", {letter.inappropriate_count} the hospital should do itself"
    return requests + ("" if letter.filed_at is None else " (filed)")


def register_measures() -> None:
    """What letters counts per trust and month for insights' charts (from letters' own tables)."""
    for rule in (TimelinessRule.DISCHARGE_SUMMARY_24H, TimelinessRule.CLINIC_LETTER_7_DAYS):
        measures.register(
            measures.Measure(
                id=f"letters.{rule.value}",
                label=str(rule.label),
                domain="letters",
                unit=measures.Unit.PERCENT,
                better=measures.Better.HIGHER,
                compute=partial(intake.timeliness_figures, rule.value),
                records=partial(intake.timeliness_records, rule.value),
                description="Of the trust's letters counted at intake, those sent on time, by the month of "
                "discharge or clinic (when the letter was sent, or received if the sending time is unknown).",
            )
        )
    measures.register(
        measures.Measure(
            id="letters.inappropriate_per_1000",
            label="Inappropriate requests to GPs per 1,000 letters",
            domain="letters",
            unit=measures.Unit.RATE_PER_1000,
            better=measures.Better.LOWER,
            compute=intake.inappropriate_requests_per_1000,
            description="Requests in the trust's letters that the reader judged against the interface rules, "
            "per 1,000 letters, by the month the letter arrived.",
        )
    )
    measures.register(
        measures.Measure(
            id="letters.flags_confirmed",
            label="Reader's inappropriate-request flags confirmed by practices",
            domain="letters",
            unit=measures.Unit.PERCENT,
            better=measures.Better.HIGHER,
            compute=intake.flags_confirmed,
            description="Of the requests the reader flagged as the hospital's to do, answered by the practice in "
            "the month, those the practice confirmed (done, or not for the practice) rather than corrected (not "
            "a request, or the wrong verdict): how far the flags shown to trusts can be trusted.",
        )
    )


def register_demand() -> None:
    """The work letters put on each practice (per practice and month), for insights' demand view."""
    for verdict, label in (
        ("appropriate", "Requests in hospital letters, appropriate to ask the GP"),
        ("inappropriate", "Requests in hospital letters the hospital should have done itself"),
    ):
        measures.register(
            measures.Measure(
                id=f"letters.practice_requests_{verdict}",
                label=label,
                domain="letters",
                unit=measures.Unit.COUNT,
                better=measures.Better.NEITHER if verdict == "appropriate" else measures.Better.LOWER,
                compute=partial(intake.gp_actions_for_practices, verdict),
                per="practice",
                description="Requests of the practice found in the letters it received that month (by the reader, "
                "or added by the practice), less those the practice marked as not a request.",
            )
        )


def register() -> None:
    register_measures()
    register_demand()
    panels.register_for_patient("letters.patient", panels.PATIENT_SECTION_TEMPLATE, for_patient, order=30)
    panels.register("letters.inbox", "letters/_home_inbox.jinja", practice_inbox, order=20)
    panels.register("letters.trust", "letters/_home_trust.jinja", trust_letters, order=55)
    panels.register("letters.admin", panels.LINKS_TEMPLATE, admin_links, order=40)
