"""Letters' home-page panels (registered from LettersConfig.ready with core/panels.py)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from joinedup.core import panels
from joinedup.core.panels import Link, links_panel
from joinedup.directory.access import Actor, Permission

from .inbox import selectors as inbox


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


def register() -> None:
    panels.register_for_patient("letters.patient", panels.PATIENT_SECTION_TEMPLATE, for_patient, order=30)
    panels.register("letters.inbox", "letters/_home_inbox.jinja", practice_inbox, order=20)
    panels.register("letters.trust", "letters/_home_trust.jinja", trust_letters, order=55)
    panels.register("letters.admin", panels.LINKS_TEMPLATE, admin_links, order=40)
