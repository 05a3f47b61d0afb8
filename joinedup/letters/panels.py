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


def register() -> None:
    panels.register("letters.inbox", "letters/_home_inbox.jinja", practice_inbox, order=20)
    panels.register("letters.trust", "letters/_home_trust.jinja", trust_letters, order=55)
    panels.register("letters.admin", panels.LINKS_TEMPLATE, admin_links, order=40)
