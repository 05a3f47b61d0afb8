"""A practice system answers a request found in a letter by updating its Task (decision 0025).

The answer is what the inbox page records (``letters.inbox.services.give_feedback``, audited there):
``businessStatus`` may name any answer of the practice-feedback CodeSystem; otherwise ``status``
says it (completed: done; rejected: not for us; entered-in-error: not an action). ``note`` carries
the reason the page asks for. Nothing else of the Task may change: it is the hospital's request.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from joinedup.directory.access import Actor
from joinedup.letters.inbox import services as inbox

from . import fhir_documents as documents


class AnswerRefused(ValueError):
    """The Task update is valid FHIR but not an answer the practice can give; the message says why."""


FIXED = ("code", "description", "for", "owner", "requester", "focus", "intent")


def _outcome(resource: dict[str, Any]) -> str:
    business = resource.get("businessStatus")
    codings = business.get("coding") if isinstance(business, dict) else None
    for coding in codings if isinstance(codings, list) else []:
        if isinstance(coding, dict) and coding.get("system") == documents.FEEDBACK and coding.get("code") != "waiting":
            return str(coding.get("code") or "")
    outcome = documents.FEEDBACK_FOR_TASK_STATUS.get(str(resource.get("status")))
    if outcome is None:
        raise AnswerRefused(
            "Set status to completed (done), rejected (not for us) or entered-in-error (not an action), or "
            f"businessStatus to a code of {documents.FEEDBACK}"
        )
    return outcome


def _note(resource: dict[str, Any]) -> str:
    notes = resource.get("note")
    first = notes[0] if isinstance(notes, list) and notes else {}
    return str(first.get("text") or "") if isinstance(first, dict) else ""


def answer(actor: Actor, action: Any, resource: dict[str, Any]) -> None:
    """Records the practice's answer to ``action`` (already scoped to the actor) from the Task sent."""
    current = documents.gp_action_task(action)  # the caller has checked the id is the address's
    changed = [name for name in FIXED if name in resource and resource[name] != current.get(name)]
    if changed:
        raise AnswerRefused(f"Only status, businessStatus and note may change; not {', '.join(changed)}")
    try:
        inbox.give_feedback(
            actor=actor,
            letter_id=action.letter_id,
            action_id=action.id,
            outcome=_outcome(resource),
            note=_note(resource),
        )
    except ValidationError as refused:
        raise AnswerRefused("; ".join(refused.messages)) from refused
