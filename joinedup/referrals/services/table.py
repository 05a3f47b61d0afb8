"""A request's life: the one table of steps (over ``core.workflow``), who may take each, and its clocks.

A request's life is ``TRANSITIONS``: (kind, state, action) -> the step, who may take it and what
it needs. Nothing else moves a request on.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings

from joinedup.core.workflow import Step, Workflow, organisation_parties
from joinedup.core.working_days import add_working_days
from joinedup.directory.access import Actor, Permission

from ..models import ClinicalRequest, Kind, State


class Party(StrEnum):
    REQUESTER = "requester"  # the practice that sent it
    PROVIDER = "provider"  # the trust whose service received it


@dataclass(frozen=True, kw_only=True)
class Transition(Step):
    """A row of the request table (``core.workflow.Step``), and what the step asks for."""

    note_label: str
    note_required: bool
    note_missing: str = ""
    needs_reason: bool = False  # a coded reason as well as the note (rule referral_return_reason)
    asks_priority: bool = False  # the step makes a referral, whose priority the actor sets
    takes_attachments: bool = False
    only_if_conversion_allowed: bool = False
    makes_referral: bool = False
    tells_requester: bool = False  # the practice must see this: email, header count, "unseen"
    tells_provider: bool = False  # the trust must act on this: email to its clinicians
    # The step names a service: where a referral is redirected (required), or which service the
    # referral made from A&G goes to (optional: the A&G's own by default).
    chooses_service: bool = False
    may_change_priority: bool = False  # triage may set the priority the GP chose (optional)
    asks_appointment: bool = False  # the step books the first appointment: its date and clinic
    amends: bool = False  # the GP amends a returned referral and sends it again: a new triage clock


R, A = Kind.REFERRAL, Kind.ADVICE
ADVICE_NOTE = "Your advice to the GP"
CONVERT_NOTE = "Your advice, and why it needs a referral"

# The GP may turn their own A&G into a referral, whatever they allowed the provider, while it is open.
_REFER = Transition(
    State.CONVERTED,
    Party.REQUESTER,
    "Turn into a referral",
    Permission.SEND_REQUESTS,
    note_label="Why the patient needs a referral",
    note_required=True,
    note_missing="Enter why the patient needs a referral",
    asks_priority=True,
    makes_referral=True,
)

# The one table of a request's life.
TRANSITIONS: dict[tuple[str, str, str], Transition] = {
    # Referral triage (the consultant).
    (R, State.AWAITING_TRIAGE, "accept"): Transition(
        State.ACCEPTED,
        Party.PROVIDER,
        "Accept the referral",
        Permission.TRIAGE_REFERRALS,
        note_label="Note to the referrer (optional)",
        note_required=False,
        tells_requester=True,
        may_change_priority=True,
    ),
    (R, State.AWAITING_TRIAGE, "return"): Transition(
        State.RETURNED,
        Party.PROVIDER,
        "Return to the referrer with advice",
        Permission.TRIAGE_REFERRALS,
        note_label="Clinical advice to the referrer",
        note_required=True,
        note_missing="Enter your clinical advice to the referrer",
        needs_reason=True,
        takes_attachments=True,
        tells_requester=True,
    ),
    (R, State.AWAITING_TRIAGE, "reject"): Transition(
        State.REJECTED,
        Party.PROVIDER,
        "Reject the referral",
        Permission.TRIAGE_REFERRALS,
        note_label="Clinical advice to the referrer",
        note_required=True,
        note_missing="Enter your clinical advice to the referrer",
        needs_reason=True,
        tells_requester=True,
    ),
    # e-RS's "redirect": the referral belongs with another service (this trust's or another's).
    (R, State.AWAITING_TRIAGE, "redirect"): Transition(
        State.AWAITING_TRIAGE,
        Party.PROVIDER,
        "Redirect to another service",
        Permission.TRIAGE_REFERRALS,
        note_label="Why it belongs with that service",
        note_required=True,
        note_missing="Enter why the referral belongs with that service",
        chooses_service=True,
        tells_requester=True,
    ),
    # e-RS lets the referrer revise a returned referral and send it back for triage.
    (R, State.RETURNED, "resend"): Transition(
        State.AWAITING_TRIAGE,
        Party.REQUESTER,
        "Amend and send again",
        Permission.SEND_REQUESTS,
        note_label="What you have changed or added, in answer to the advice",
        note_required=True,
        note_missing="Enter what you have changed or added",
        takes_attachments=True,
        tells_provider=True,
        amends=True,
    ),
    # The booking side (e-RS: administrative staff book accepted referrals): the GP and the patient see it.
    (R, State.ACCEPTED, "book"): Transition(
        State.BOOKED,
        Party.PROVIDER,
        "Book the appointment",
        Permission.BOOK_APPOINTMENTS,
        note_label="Note to the GP (optional)",
        note_required=False,
        asks_appointment=True,
        tells_requester=True,
    ),
    (R, State.BOOKED, "rebook"): Transition(
        State.BOOKED,
        Party.PROVIDER,
        "Change the appointment",
        Permission.BOOK_APPOINTMENTS,
        note_label="Why it changed (optional)",
        note_required=False,
        asks_appointment=True,
        tells_requester=True,
    ),
    (R, State.AWAITING_TRIAGE, "cancel"): Transition(
        State.CANCELLED,
        Party.REQUESTER,
        "Cancel the referral",
        Permission.SEND_REQUESTS,
        note_label="Why you are cancelling it",
        note_required=True,
        note_missing="Enter why you are cancelling the referral",
        tells_provider=True,
    ),
    # The A&G conversation.
    (A, State.AWAITING_ADVICE, "reply"): Transition(
        State.ADVICE_GIVEN,
        Party.PROVIDER,
        "Send advice",
        Permission.ANSWER_ADVICE,
        note_label=ADVICE_NOTE,
        note_required=True,
        note_missing="Enter your advice to the GP",
        takes_attachments=True,
        tells_requester=True,
    ),
    (A, State.AWAITING_ADVICE, "ask"): Transition(
        State.INFORMATION_REQUESTED,
        Party.PROVIDER,
        "Ask for more information",
        Permission.ANSWER_ADVICE,
        note_label="What you need to know",
        note_required=True,
        note_missing="Enter what you need to know",
        tells_requester=True,
    ),
    (A, State.INFORMATION_REQUESTED, "answer"): Transition(
        State.AWAITING_ADVICE,
        Party.REQUESTER,
        "Send the information",
        Permission.SEND_REQUESTS,
        note_label="Your answer",
        note_required=True,
        note_missing="Enter your answer",
        takes_attachments=True,
        tells_provider=True,
    ),
    (A, State.AWAITING_ADVICE, "convert"): Transition(
        State.CONVERTED,
        Party.PROVIDER,
        "Advise and convert to a referral",
        Permission.ANSWER_ADVICE,
        note_label=CONVERT_NOTE,
        note_required=True,
        note_missing="Enter your advice, and why it needs a referral",
        asks_priority=True,
        only_if_conversion_allowed=True,
        makes_referral=True,
        chooses_service=True,
        tells_requester=True,
    ),
    (A, State.ADVICE_GIVEN, "convert"): Transition(
        State.CONVERTED,
        Party.PROVIDER,
        "Convert to a referral",
        Permission.ANSWER_ADVICE,
        note_label="Note to the GP (optional)",
        note_required=False,
        asks_priority=True,
        only_if_conversion_allowed=True,
        makes_referral=True,
        chooses_service=True,
        tells_requester=True,
    ),
    (A, State.ADVICE_GIVEN, "refer"): _REFER,
    (A, State.INFORMATION_REQUESTED, "refer"): _REFER,
    (A, State.ADVICE_GIVEN, "close"): Transition(
        State.CLOSED,
        Party.REQUESTER,
        "Close: advice taken",
        Permission.SEND_REQUESTS,
        note_label="Comment on the advice (optional)",
        note_required=False,
    ),
    (A, State.AWAITING_ADVICE, "withdraw"): Transition(
        State.CLOSED,
        Party.REQUESTER,
        "Withdraw the request",
        Permission.SEND_REQUESTS,
        note_label="Why you are withdrawing it",
        note_required=True,
        note_missing="Enter why you are withdrawing the request",
        tells_provider=True,
    ),
}
ACTIONS = sorted({action for _, _, action in TRANSITIONS})
FINISHING = {State.ACCEPTED, State.RETURNED, State.REJECTED, State.CANCELLED, State.CONVERTED, State.CLOSED}


def triage_due(on: datetime.date) -> datetime.date:
    return add_working_days(on, settings.REFERRAL_TRIAGE_WORKING_DAYS)


def advice_due(on: datetime.date) -> datetime.date:
    return add_working_days(on, settings.AG_RESPONSE_WORKING_DAYS)


def due_for(kind: str, on: datetime.date) -> datetime.date:
    return triage_due(on) if kind == Kind.REFERRAL else advice_due(on)


def _parties(actor: Actor, request: ClinicalRequest) -> set[str]:
    return organisation_parties(actor, requester=request.requester_org_id, provider=request.trust_id)


def _conversion_allowed(step: Transition, request: ClinicalRequest) -> bool:
    """The provider converts an A&G request only where the GP allowed it."""
    return not step.only_if_conversion_allowed or request.conversion_allowed


# One model holds both kinds, so a request's position in the table is (kind, state).
WORKFLOW: Workflow[ClinicalRequest, Transition] = Workflow(
    {((kind, state), action): step for (kind, state, action), step in TRANSITIONS.items()},
    position=lambda request: (request.kind, request.state),
    parties=_parties,
    guard=_conversion_allowed,
)
# e-RS's "available actions": exactly the steps this actor may take on this request now.
allowed_actions = WORKFLOW.allowed
# The step an action would be for a request as it stands (whoever asks).
step_named = WORKFLOW.step
parties_of = WORKFLOW.parties_of
