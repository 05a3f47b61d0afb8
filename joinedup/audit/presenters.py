"""The audit record as people read it: who, in which role and organisation, did what to which record.

Stored rows keep codes (stable for search and export); the page shows words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from joinedup.directory import selectors as directory
from joinedup.directory.models import Role

from .models import AuditEvent

# Steps and events in the past tense; anything else is shown as written, underscores as spaces.
PAST = {
    "accept": "accepted",
    "acknowledge": "acknowledged",
    "answer": "answered",
    "ask": "asked a question",
    "book": "booked",
    "cancel": "cancelled",
    "close": "closed",
    "convert": "converted to a referral",
    "decide": "decided by the ICB",
    "done": "recorded as done",
    "escalate": "escalated",
    "file": "filed by the practice",
    "message": "message sent",
    "read": "read by the letter reader",
    "rebook": "rebooked",
    "redirect": "redirected",
    "refer": "turned into a referral",
    "reject": "rejected",
    "reply": "advice given",
    "report": "reported",
    "resend": "amended and sent again",
    "respond": "responded to",
    "return": "returned",
    "withdraw": "withdrawn",
}


@dataclass(frozen=True)
class AuditRow:
    event: AuditEvent
    who: str
    role_and_organisation: str
    what: str


def rows(events: Iterable[AuditEvent]) -> list[AuditRow]:
    events = list(events)
    names = directory.organisation_names({e.organisation_ods_code for e in events if e.organisation_ods_code})
    roles = dict(Role.choices)
    return [
        AuditRow(
            event=e,
            who=e.person_name or "JoinedUp",
            role_and_organisation=_role_and_organisation(e, roles, names),
            what=_what(e),
        )
        for e in events
    ]


def _role_and_organisation(event: AuditEvent, roles: dict[str, str], names: dict[str, str]) -> str:
    if event.role == "system":
        return "JoinedUp itself"
    role = roles.get(event.role, event.role.replace("_", " "))
    organisation = names.get(event.organisation_ods_code, event.organisation_ods_code)
    return f"{role}, {organisation}" if organisation else role


def _what(event: AuditEvent) -> str:
    """'Letter 941: viewed', 'Referral 57: accepted', 'Patient search results viewed'."""
    subject, _, verb = event.action.partition(".")
    verb_words = PAST.get(verb, verb.replace("_", " "))
    thing = subject.replace("_", " ")
    if event.object_id:
        return f"{thing[:1].upper()}{thing[1:]} {event.object_id}: {verb_words}"
    return f"{thing[:1].upper()}{thing[1:]} {verb_words}".strip()
