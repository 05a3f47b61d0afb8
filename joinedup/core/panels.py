"""Home-page panels: each domain adds what its people should see first, core names none of them.

A domain calls ``register`` from its ``AppConfig.ready`` with a function that builds its panel
for an actor (or returns None when the panel is not this actor's) and the template that draws
it. The home page asks every registered panel, in ``order``, and draws those that answered, so
a new domain reaches the home page without an edit in ``core``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from joinedup.directory.access import Actor

PanelBuilder = Callable[[Actor], dict[str, Any] | None]


@dataclass(frozen=True)
class Panel:
    name: str  # unique; registering the same name again replaces the panel
    template: str  # drawn with the builder's answer as ``panel`` and the actor as ``actor``
    build: PanelBuilder
    order: int


@dataclass(frozen=True)
class DrawnPanel:
    template: str
    context: dict[str, Any]


_PANELS: dict[str, Panel] = {}


def register(name: str, template: str, build: PanelBuilder, *, order: int) -> None:
    """Add a home-page panel (once: registering the same name again replaces it)."""
    _PANELS[name] = Panel(name, template, build, order)


def registered() -> list[Panel]:
    return sorted(_PANELS.values(), key=lambda panel: (panel.order, panel.name))


def panels_for(actor: Actor) -> list[DrawnPanel]:
    """The panels this actor's home page shows, in order, each with what its builder answered."""
    drawn = []
    for panel in registered():
        context = panel.build(actor)
        if context is not None:
            drawn.append(DrawnPanel(panel.template, context))
    return drawn
