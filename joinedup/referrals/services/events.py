"""The timeline row each change writes."""

from __future__ import annotations

from joinedup.core.timeline import taken_by
from joinedup.directory.access import Actor

from ..models import ClinicalRequest, RequestEvent


def record_event(
    actor: Actor, request: ClinicalRequest, action: str, from_state: str, note: str, reason: str = ""
) -> RequestEvent:
    return RequestEvent.objects.create(
        request=request,
        **taken_by(actor),
        action=action,
        from_state=from_state,
        to_state=request.state,
        reason=reason,
        note=note,
    )
