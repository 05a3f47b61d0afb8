"""Reads of the directory, scoped to the asking actor."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from .access import Actor, Permission, require
from .models import Organisation, OrganisationKind, Person, Role, RoleAssignment, Service


def organisations_for(actor: Actor, *, kind: str = "", query: str = "") -> QuerySet[Organisation]:
    """The directory is shared across the ICB: anyone signed in may browse organisations."""
    require(actor, Permission.VIEW_DIRECTORY)
    orgs = Organisation.objects.select_related("icb")
    if not actor.is_system_admin:
        orgs = orgs.filter(Q(icb_id=actor.icb_id) | Q(id=actor.icb_id))
    if kind:
        orgs = orgs.filter(kind=kind)
    if query:
        orgs = orgs.filter(Q(name__icontains=query) | Q(ods_code__iexact=query.strip()))
    return orgs


def organisation_for(actor: Actor, ods_code: str) -> Organisation:
    return get_object_or_404(organisations_for(actor), ods_code=ods_code.upper())


def services_of(actor: Actor, trust: Organisation) -> QuerySet[Service]:
    require(actor, Permission.VIEW_DIRECTORY)
    return Service.objects.filter(trust=trust).order_by("specialty", "name")


def editable_service(actor: Actor, service_id: int) -> Service:
    """A service the actor may change: one of their own trust's (or any, for a system administrator)."""
    require(actor, Permission.EDIT_SERVICES)
    services = Service.objects.select_related("trust")
    if not actor.is_system_admin:
        services = services.filter(trust=actor.organisation)
    return get_object_or_404(services, id=service_id)


def icb_for(actor: Actor, ods_code: str | None = None) -> Organisation:
    """The ICB an analyst (or a system administrator) reviews."""
    require(actor, Permission.VIEW_ICB_OVERVIEW)
    icbs = Organisation.objects.filter(kind=OrganisationKind.ICB)
    icb_id = actor.icb_id
    if not actor.is_system_admin:
        icbs = icbs.filter(pk=icb_id or 0)
    if ods_code:
        return get_object_or_404(icbs, ods_code=ods_code.upper())
    if icb_id is not None:
        return get_object_or_404(icbs, pk=int(icb_id))
    icb = icbs.first()
    if icb is None:
        raise Http404("No ICB is set up")
    return icb


def icb_members(icb: Organisation, kind: str) -> QuerySet[Organisation]:
    members = Organisation.objects.filter(icb=icb, kind=kind)
    if kind == OrganisationKind.NHS_TRUST:
        members = members.select_related("designated_interface_lead").annotate(service_count=Count("services"))
    elif kind == OrganisationKind.GP_PRACTICE:
        members = members.annotate(patient_count=Count("registered_patients"))
    return members.order_by("name")


def trusts_without_interface_lead(icb: Organisation) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        icb=icb, kind=OrganisationKind.NHS_TRUST, designated_interface_lead__isnull=True
    ).order_by("name")


def interface_lead_candidates(trust: Organisation) -> QuerySet[Person]:
    """People who hold the trust interface lead role at this trust."""
    return Person.objects.filter(
        role_assignments__organisation=trust, role_assignments__role=Role.TRUST_INTERFACE_LEAD
    ).order_by("last_name", "first_name")


def people_at(organisation: Organisation) -> QuerySet[RoleAssignment]:
    return (
        RoleAssignment.objects.filter(organisation=organisation)
        .select_related("person")
        .order_by("person__last_name", "role")
    )


def hub_of(icb_id: int | None) -> Organisation | None:
    """The care coordination hub of an ICB (the first, if an ICB runs more than one), or None."""
    if icb_id is None:
        return None
    return Organisation.objects.filter(icb_id=icb_id, kind=OrganisationKind.HUB).order_by("id").first()


def organisations_by_ods(icb_id: int | None, codes: set[str]) -> dict[str, Organisation]:
    """The organisations of an ICB with these ODS codes, by code (those it does not have are left out)."""
    if icb_id is None or not codes:
        return {}
    return {org.ods_code: org for org in Organisation.objects.filter(icb_id=icb_id, ods_code__in=codes)}


def people_who_may(organisation_id: int, permission: Permission) -> QuerySet[Person]:
    """Everyone holding a role at an organisation that allows ``permission`` (whom an email goes to)."""
    from .access import ROLE_PERMISSIONS

    roles = [role for role, allowed in ROLE_PERMISSIONS.items() if permission in allowed]
    return Person.objects.filter(
        role_assignments__organisation_id=organisation_id, role_assignments__role__in=roles
    ).distinct()


def icb_choices() -> list[tuple[str, str]]:
    """Every ICB, as (id, name) choices for the organisation form."""
    icbs = Organisation.objects.filter(kind=OrganisationKind.ICB).order_by("name")
    return [(str(icb.id), icb.name) for icb in icbs]


def icb_by_id(icb_id: int) -> Organisation | None:
    return Organisation.objects.filter(id=icb_id, kind=OrganisationKind.ICB).first()


def ods_code_taken(code: str) -> bool:
    return Organisation.objects.filter(ods_code=code).exists()


def practice_named_by_admin(actor: Actor, ods_code: str) -> Organisation | None:
    """A system administrator names the practice; everyone else registers at their own (None)."""
    if not actor.is_system_admin or not ods_code:
        return None
    return Organisation.objects.filter(ods_code=ods_code.strip().upper(), kind=OrganisationKind.GP_PRACTICE).first()


def service_among(service_id: int, trusts: QuerySet[Organisation] | list[Organisation]) -> Service | None:
    """The service with this id if one of ``trusts`` runs it, else None."""
    return Service.objects.filter(id=service_id, trust__in=trusts).select_related("trust").first()


def referral_service_in_icb(service_id: int, icb_id: int | None) -> Service | None:
    """A service of one of the ICB's trusts that takes referrals, or None."""
    if icb_id is None:
        return None
    return (
        Service.objects.select_related("trust")
        .filter(id=service_id, takes_referrals=True, trust__icb_id=icb_id)
        .first()
    )


def referral_services_in_icb(icb_id: int | None) -> QuerySet[Service]:
    """Every service in the ICB that takes referrals, by specialty, trust and name (a redirect's choices)."""
    return (
        Service.objects.select_related("trust")
        .filter(takes_referrals=True, trust__icb_id=icb_id)
        .order_by("specialty", "trust__name", "name")
    )


# Reads other domains make of the directory (each domain asks here, never the tables) ------------


def services_of_trust(trust_id: int, specialties: list[str] | None = None) -> QuerySet[Service]:
    """A trust's services by name, optionally only those of some specialties."""
    services = Service.objects.filter(trust_id=trust_id)
    if specialties is not None:
        services = services.filter(specialty__in=specialties)
    return services.order_by("name")


def services_in_icb(icb_id: int | None, *, specialties: list[str] | None = None) -> QuerySet[Service]:
    """The services of the trusts in an ICB (with their trust), optionally of some specialties."""
    services = Service.objects.select_related("trust").filter(
        trust__icb_id=icb_id, trust__kind=OrganisationKind.NHS_TRUST
    )
    if specialties is not None:
        services = services.filter(specialty__in=specialties)
    return services


def trusts_in_icb(icb_id: int | None) -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=OrganisationKind.NHS_TRUST, icb_id=icb_id).order_by("name")


def measured_trust_ids(actor: Actor) -> set[int]:
    """The trusts whose interface figures, and the records behind them, this actor may see (insights'
    drill-down, issue 13): their own trust (its interface lead), or every trust of their ICB (the ICB
    analyst). One rule for every domain that lists the records behind a figure."""
    if actor.in_trust:
        return {actor.organisation.id} if actor.can(Permission.VIEW_LETTER_TIMELINESS) else set()
    if actor.can(Permission.VIEW_ICB_OVERVIEW) and actor.icb_id is not None:
        return set(trusts_in_icb(actor.icb_id).values_list("id", flat=True))
    return set()


def trust_by_ods(ods_code: str) -> Organisation | None:
    return Organisation.objects.filter(ods_code=ods_code, kind=OrganisationKind.NHS_TRUST).order_by().first()


def practice_by_ods(ods_code: str) -> Organisation | None:
    return Organisation.objects.filter(ods_code=ods_code, kind=OrganisationKind.GP_PRACTICE).order_by().first()


def service_named(trust: Organisation, name: str) -> Service | None:
    """A trust's service by its name, whatever its case (as a letter names it)."""
    return Service.objects.filter(trust=trust, name__iexact=name).order_by("id").first()


def organisation_names(ods_codes: set[str]) -> dict[str, str]:
    """Organisations' names by ODS code (for showing codes that records keep)."""
    if not ods_codes:
        return {}
    return dict(Organisation.objects.filter(ods_code__in=ods_codes).values_list("ods_code", "name"))


def existing_service_ids(ids: set[int]) -> set[int]:
    """Which of these ids are services in the directory."""
    return set(Service.objects.filter(id__in=ids).values_list("id", flat=True)) if ids else set()
