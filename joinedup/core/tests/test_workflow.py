"""The shared workflow machinery, on a small made-up table (no domain's): parties, permissions, guards."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest

from joinedup.core.workflow import Step, Workflow, organisation_parties
from joinedup.directory.access import Permission


@dataclass
class Record:
    state: str
    sender_id: int
    receiver_id: int
    ready: bool = True
    history: list[str] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class GuardedStep(Step):
    only_when_ready: bool = False


def actor(org_id: int, *permissions: Permission) -> Any:
    """Just enough of an Actor: an organisation and the permissions of a role."""
    return SimpleNamespace(organisation=SimpleNamespace(id=org_id), can=lambda p: p in permissions)


TABLE = {
    ("open", "accept"): GuardedStep("accepted", "receiver", "Accept", Permission.TRIAGE_REFERRALS),
    ("open", "finish"): GuardedStep("done", "receiver", "Finish", only_when_ready=True),
    ("open", "cancel"): GuardedStep("cancelled", "sender", "Cancel"),
    ("accepted", "cancel"): GuardedStep("cancelled", "sender", "Cancel after acceptance"),
}
WORKFLOW: Workflow[Record, GuardedStep] = Workflow(
    TABLE,
    position=lambda record: record.state,
    parties=lambda a, record: organisation_parties(a, sender=record.sender_id, receiver=record.receiver_id),
    guard=lambda step, record: not step.only_when_ready or record.ready,
)


def test_allowed_is_exactly_the_steps_of_this_party_with_the_permission_in_this_state() -> None:
    record = Record("open", sender_id=1, receiver_id=2)
    assert [a for a, _ in WORKFLOW.allowed(actor(1), record)] == ["cancel"]
    assert [a for a, _ in WORKFLOW.allowed(actor(2, Permission.TRIAGE_REFERRALS), record)] == ["accept", "finish"]
    # The receiving organisation without the step's permission: only the step that needs none.
    assert [a for a, _ in WORKFLOW.allowed(actor(2), record)] == ["finish"]
    # An organisation that plays no part: nothing, whatever its permissions.
    assert WORKFLOW.allowed(actor(3, Permission.TRIAGE_REFERRALS), record) == []


def test_a_guard_closes_a_step_until_its_condition_holds() -> None:
    record = Record("open", sender_id=1, receiver_id=2, ready=False)
    receiver = actor(2, Permission.TRIAGE_REFERRALS)
    assert "finish" not in dict(WORKFLOW.allowed(receiver, record))
    assert not WORKFLOW.may(receiver, record, TABLE[("open", "finish")])
    record.ready = True
    assert WORKFLOW.may(receiver, record, TABLE[("open", "finish")])


def test_step_looks_up_by_position_and_any_step_by_action_alone() -> None:
    accepted = Record("accepted", sender_id=1, receiver_id=2)
    assert WORKFLOW.step(accepted, "cancel") is TABLE[("accepted", "cancel")]
    assert WORKFLOW.step(accepted, "accept") is None
    assert WORKFLOW.any_step("finish").button == "Finish"
    with pytest.raises(KeyError):
        WORKFLOW.any_step("teleport")
    assert WORKFLOW.actions == ["accept", "cancel", "finish"]


def test_one_organisation_can_play_two_parties() -> None:
    record = Record("open", sender_id=5, receiver_id=5)
    assert WORKFLOW.parties_of(actor(5), record) == {"sender", "receiver"}
    assert organisation_parties(actor(5), sender=None, receiver=5) == {"receiver"}


def test_the_confirmation_says_where_the_record_now_stands_in_words() -> None:
    from joinedup.core.steps import done_message

    labels = {"open": "Awaiting triage", "accepted": "Accepted"}
    accept, recancel = TABLE[("open", "accept")], GuardedStep("open", "receiver", "Change the appointment")
    assert done_message("Referral 1234", accept, "open", labels) == "Referral 1234 is now accepted"
    assert done_message("Request 9", recancel, "open", labels) == "Request 9: change the appointment, saved"
