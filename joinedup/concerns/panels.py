"""Concerns' home-page panel (registered from ConcernsConfig.ready with core/panels.py)."""

from __future__ import annotations

from typing import Any

from joinedup.core import panels
from joinedup.directory.access import Actor, Permission

from . import selectors


def waiting(actor: Actor) -> dict[str, Any] | None:
    """For those who answer or decide concerns (a trust's lead, the ICB): what waits for them, overdue first."""
    if not (actor.can(Permission.RESPOND_TO_CONCERNS) or actor.can(Permission.DECIDE_CONCERNS)):
        return None
    return {"waiting": selectors.waiting_for_us(actor)}


def register() -> None:
    panels.register("concerns.waiting", "concerns/_home_panel.jinja", waiting, order=20)
