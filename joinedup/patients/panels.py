"""The patients' home-page panels (registered from PatientsConfig.ready with core/panels.py)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from joinedup.core import panels
from joinedup.core.panels import Link, links_panel
from joinedup.directory.access import Actor, Permission

from . import selectors

LIST_LENGTH = 25


def _at_practice(actor: Actor) -> bool:
    return actor.in_practice and not actor.is_system_admin


def practice_count(actor: Actor) -> dict[str, Any] | None:
    if not _at_practice(actor):
        return None
    return {"count": selectors.registered_patients(actor).count()}


def search(actor: Actor) -> dict[str, Any] | None:
    return {} if _at_practice(actor) else None


def practice_list(actor: Actor) -> dict[str, Any] | None:
    if not _at_practice(actor):
        return None
    return {
        "patients": selectors.registered_patients(actor)[:LIST_LENGTH],
        "can_register": actor.can(Permission.REGISTER_PATIENT),
    }


def admin_links(actor: Actor) -> dict[str, Any] | None:
    if not actor.is_system_admin:
        return None
    return links_panel(Link("Register a patient", reverse("patients:register")))


def register() -> None:
    panels.register("patients.count", "patients/_home_count.jinja", practice_count, order=10)
    panels.register("patients.search", "patients/_home_search.jinja", search, order=30)
    panels.register("patients.list", "patients/_home_list.jinja", practice_list, order=60)
    panels.register("patients.admin", panels.LINKS_TEMPLATE, admin_links, order=20)
