"""Referrals' home-page panel (registered from ReferralsConfig.ready with core/panels.py)."""

from __future__ import annotations

from typing import Any

from joinedup.core import panels
from joinedup.directory.access import Actor


def requests(actor: Actor) -> dict[str, Any] | None:
    """Sending and working referrals and A&G: a practice's and a trust's home pages."""
    if actor.is_system_admin or not (actor.in_practice or actor.in_trust):
        return None
    return {}


def register() -> None:
    panels.register("referrals.requests", "referrals/_home_panel.jinja", requests, order=40)
