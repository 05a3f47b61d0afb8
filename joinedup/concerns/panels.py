"""Concerns' home-page panel (registered from ConcernsConfig.ready with core/panels.py)."""

from __future__ import annotations

from functools import partial
from typing import Any

from joinedup.core import measures, panels
from joinedup.directory.access import Actor, Permission

from . import selectors


def waiting(actor: Actor) -> dict[str, Any] | None:
    """For those who answer or decide concerns (a trust's lead, the ICB): what waits for them, overdue first."""
    if not (actor.can(Permission.RESPOND_TO_CONCERNS) or actor.can(Permission.DECIDE_CONCERNS)):
        return None
    return {"waiting": selectors.waiting_for_us(actor)}


def register_measures() -> None:
    """What concerns counts per trust and month for insights' charts."""
    for step, label in (("acknowledge", "acknowledged"), ("respond", "responded to")):
        measures.register(
            measures.Measure(
                id=f"concerns.{step}_in_clock",
                label=f"Concerns {label} within their clock",
                domain="concerns",
                unit=measures.Unit.PERCENT,
                better=measures.Better.HIGHER,
                compute=partial(selectors.answered_in_clock, step),
                records=partial(selectors.records_in_clock, step),
                description=f"Of concerns about the trust raised in the month whose clock to be {label} has "
                f"ended, those {label} by the due day (England working days).",
            )
        )
    measures.register(
        measures.Measure(
            id="concerns.escalated",
            label="Concerns escalated to the ICB",
            domain="concerns",
            unit=measures.Unit.COUNT,
            better=measures.Better.LOWER,
            compute=selectors.escalated_to_the_icb,
            records=selectors.records_escalated,
            description="Concerns about the trust that the raiser escalated to the ICB, by the month escalated.",
        )
    )
    measures.register(
        measures.Measure(
            id="concerns.referee_upheld",
            label="ICB referee decisions upholding the concern",
            domain="concerns",
            unit=measures.Unit.PERCENT,
            better=measures.Better.NEITHER,
            compute=selectors.referee_decisions,
            records=selectors.records_decided,
            description="Of the ICB's decisions as referee on concerns about the trust in the month (by the day "
            "decided), those that upheld the concern wholly or partly; the records list every decision.",
        )
    )


def register() -> None:
    register_measures()
    panels.register("concerns.waiting", "concerns/_home_panel.jinja", waiting, order=20)
