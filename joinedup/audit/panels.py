"""The audit record's home-page panel: a link on a system administrator's home."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from joinedup.core import panels
from joinedup.core.panels import Link, links_panel
from joinedup.directory.access import Actor


def admin_links(actor: Actor) -> dict[str, Any] | None:
    if not actor.is_system_admin:
        return None
    return links_panel(Link("Audit record", reverse("audit:events")))


def register() -> None:
    panels.register("audit.admin", panels.LINKS_TEMPLATE, admin_links, order=30)
