"""The directory's home-page panels (registered from DirectoryConfig.ready with core/panels.py)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from joinedup.core import panels
from joinedup.core.panels import Link, links_panel

from . import selectors
from .access import Actor, Permission
from .models import OrganisationKind


def interface_lead(actor: Actor) -> dict[str, Any] | None:
    """A trust's designated interface lead, or that it has none."""
    if actor.is_system_admin or not actor.in_trust:
        return None
    return {"lead": actor.organisation.designated_interface_lead}


def trust_services(actor: Actor) -> dict[str, Any] | None:
    if actor.is_system_admin or not actor.in_trust:
        return None
    return {
        "services": selectors.services_of(actor, actor.organisation),
        "can_edit_services": actor.can(Permission.EDIT_SERVICES),
        "caption": "Our services",
    }


def icb_overview(actor: Actor) -> dict[str, Any] | None:
    """An ICB's practices and trusts, and the trusts that have named no interface lead."""
    if actor.is_system_admin or actor.organisation.kind != OrganisationKind.ICB:
        return None
    icb = selectors.icb_for(actor)
    return {
        "practice_count": selectors.icb_members(icb, OrganisationKind.GP_PRACTICE).count(),
        "trusts": selectors.icb_members(icb, OrganisationKind.NHS_TRUST),
        "trusts_without_lead": selectors.trusts_without_interface_lead(icb),
    }


def icb_trusts(actor: Actor) -> dict[str, Any] | None:
    """For a hub (or any other organisation in an ICB): the ICB's trusts."""
    kind = actor.organisation.kind
    if actor.is_system_admin or kind in (
        OrganisationKind.GP_PRACTICE,
        OrganisationKind.NHS_TRUST,
        OrganisationKind.ICB,
    ):
        return None
    return {"trusts": selectors.organisations_for(actor, kind=OrganisationKind.NHS_TRUST)}


def admin_links(actor: Actor) -> dict[str, Any] | None:
    if not actor.is_system_admin:
        return None
    return links_panel(
        Link("Add an organisation", reverse("directory:organisation_create")),
        Link("Organisations", reverse("directory:organisations")),
    )


def admin_icb_link(actor: Actor) -> dict[str, Any] | None:
    if not actor.is_system_admin or not actor.icb_id:
        return None
    icb = selectors.icb_for(actor)
    return links_panel(Link(f"ICB overview: {icb.name}", reverse("directory:icb")))


def register() -> None:
    panels.register("directory.interface_lead", "directory/_home_interface_lead.jinja", interface_lead, order=10)
    panels.register("directory.icb_overview", "directory/_home_icb.jinja", icb_overview, order=10)
    panels.register("directory.icb_trusts", "directory/_home_trusts.jinja", icb_trusts, order=10)
    panels.register("directory.trust_services", "directory/_home_services.jinja", trust_services, order=70)
    panels.register("directory.admin", panels.LINKS_TEMPLATE, admin_links, order=10)
    panels.register("directory.admin_icb", panels.LINKS_TEMPLATE, admin_icb_link, order=90)
