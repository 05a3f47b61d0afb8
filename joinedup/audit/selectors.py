from __future__ import annotations

from django.db.models import QuerySet

from joinedup.directory.access import Actor, Permission, require

from .models import AuditEvent


def nhs_number_filter(typed: str) -> str:
    """The NHS number to filter by, as typed with spaces or dashes: its digits, at most 10."""
    return "".join(ch for ch in typed if ch.isdigit())[:10]


def audit_events_for(actor: Actor, *, nhs_number: str = "", action: str = "") -> QuerySet[AuditEvent]:
    """Recent audit events, for a system administrator only."""
    require(actor, Permission.VIEW_AUDIT)
    events = AuditEvent.objects.all()
    if nhs_number:
        events = events.filter(patient_nhs_number=nhs_number)
    if action:
        events = events.filter(action=action)
    return events
