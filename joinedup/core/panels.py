"""Home-page panels: each domain adds what its people should see first, core names none of them.

A domain calls ``register`` from its ``AppConfig.ready`` with a function that builds its panel
for an actor (or returns None when the panel is not this actor's) and the template that draws
it. The home page asks every registered panel, in ``order``, and draws those that answered, so
a new domain reaches the home page without an edit in ``core``.

A panel that is only a few links (a system administrator's home) answers ``links_panel(...)``
with ``LINKS_TEMPLATE``; neighbouring link panels are drawn as one list.
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


@dataclass(frozen=True)
class Link:
    text: str
    url: str
    description: str = ""  # read after the link: "Quarantined letters: messages that could not be taken in"


LINKS_TEMPLATE = "core/_links_panel.jinja"


def links_panel(*links: Link) -> dict[str, Any]:
    """A panel that is a bulleted list of links (draw it with ``LINKS_TEMPLATE``)."""
    return {"links": list(links)}


_PANELS: dict[str, Panel] = {}


def register(name: str, template: str, build: PanelBuilder, *, order: int) -> None:
    """Add a home-page panel (once: registering the same name again replaces it)."""
    _PANELS[name] = Panel(name, template, build, order)


def registered() -> list[Panel]:
    return sorted(_PANELS.values(), key=lambda panel: (panel.order, panel.name))


def panels_for(actor: Actor) -> list[DrawnPanel]:
    """The panels this actor's home page shows, in order, each with what its builder answered."""
    drawn: list[DrawnPanel] = []
    for panel in registered():
        context = panel.build(actor)
        if context is None:
            continue
        if panel.template == LINKS_TEMPLATE and drawn and drawn[-1].template == LINKS_TEMPLATE:
            # One list, not several: the links of neighbouring link panels join the one before.
            joined = {"links": [*drawn[-1].context["links"], *context["links"]]}
            drawn[-1] = DrawnPanel(LINKS_TEMPLATE, joined)
            continue
        drawn.append(DrawnPanel(panel.template, context))
    return drawn


# The patient's page ----------------------------------------------------------------------------
# The same idea for a patient: each domain adds what it holds about one patient (and the buttons to
# start its work for them), the patients app names none of them.

PatientPanelBuilder = Callable[[Actor, Any], dict[str, Any] | None]


@dataclass(frozen=True)
class PatientPanel:
    name: str
    template: str  # drawn with the builder's answer as ``panel``, and ``actor`` and ``patient``
    build: PatientPanelBuilder
    order: int


_PATIENT_PANELS: dict[str, PatientPanel] = {}


def register_for_patient(name: str, template: str, build: PatientPanelBuilder, *, order: int) -> None:
    """Add a section to the patient's page (once: registering the same name again replaces it)."""
    _PATIENT_PANELS[name] = PatientPanel(name, template, build, order)


def patient_panels_for(actor: Actor, patient: Any) -> list[DrawnPanel]:
    """The sections of this patient's page that this actor may see, in order."""
    drawn = []
    for panel in sorted(_PATIENT_PANELS.values(), key=lambda p: (p.order, p.name)):
        context = panel.build(actor, patient)
        if context is not None:
            drawn.append(DrawnPanel(panel.template, context))
    return drawn


PATIENT_SECTION_TEMPLATE = "core/_patient_section.jinja"
PATIENT_SECTION_ROWS = 10


def patient_section(
    key: str, heading: str, rows: list[dict[str, Any]], *, empty: str, starts: list[Link] | None = None
) -> dict[str, Any]:
    """A section of the patient's page drawn with PATIENT_SECTION_TEMPLATE: the newest rows (each
    text, href, detail, when), and buttons that start the domain's work for this patient."""
    return {
        "key": key,
        "heading": heading,
        "rows": rows[:PATIENT_SECTION_ROWS],
        "more": len(rows) > PATIENT_SECTION_ROWS,
        "empty": empty,
        "starts": starts or [],
    }
