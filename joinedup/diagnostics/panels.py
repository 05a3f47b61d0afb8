"""Diagnostics' home-page panel (registered from DiagnosticsConfig.ready with core/panels.py)."""

from __future__ import annotations

from typing import Any

from joinedup.core import panels
from joinedup.directory.access import Actor

from . import selectors


def summary(actor: Actor) -> dict[str, Any] | None:
    """What waits on direct-access tests, for a practice or a trust that works them."""
    if actor.is_system_admin:
        return None
    rows = selectors.home_summary(actor)
    return None if rows is None else {"rows": rows}


def register() -> None:
    panels.register("diagnostics.summary", "diagnostics/_home_panel.jinja", summary, order=50)
