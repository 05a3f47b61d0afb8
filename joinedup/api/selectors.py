"""Reads about client systems, for the system administrator's "Connected systems" pages."""

from __future__ import annotations

from django.db.models import Max, QuerySet
from django.http import Http404

from joinedup.directory.access import Actor, Permission, require

from .models import ClientSystem


def client_systems(actor: Actor) -> QuerySet[ClientSystem]:
    """Every registered system with its organisation and when its latest token ran out (or runs out)."""
    require(actor, Permission.MANAGE_CLIENT_SYSTEMS)
    return (
        ClientSystem.objects.select_related("role_assignment__organisation")
        .annotate(latest_token_expiry=Max("tokens__expires_at"))
        .order_by("role_assignment__organisation__name", "name", "id")
    )


def client_system_for(actor: Actor, client_id: str) -> ClientSystem:
    found = client_systems(actor).filter(client_id=client_id[:64]).first()
    if found is None:
        raise Http404("No such client system")
    return found
