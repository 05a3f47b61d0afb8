"""The shape every workflow shares: a table of steps, who may take each, and which are allowed now.

Each domain keeps its own table (decision 0009: the steps differ in what they ask for), built
from ``Step`` or a subclass of it that adds what that domain's steps need. What is shared is
the machinery around the table:

- ``Workflow.step(record, action)``: the step ``action`` would be for the record as it stands;
- ``Workflow.allowed(actor, record)``: exactly the steps this actor may take now (the page
  offers these and nothing else);
- ``Workflow.any_step(action)``: any row for ``action`` (for its button and form on a page
  reached when the step is no longer allowed);
- ``Workflow.actions``: every action name, for URL patterns and tests.

A record's *position* is what the table is keyed on besides the action: its state, or
(kind, state) where one model holds two kinds of request. A *party* is the part an actor plays
in a record (the practice that sent it, the trust that received it, the ICB); a domain says
which parties an actor plays and, optionally, a guard for steps allowed only sometimes
(a clock has run out, the appointment day has come).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from joinedup.directory.access import Actor, Permission

R = TypeVar("R")  # the record: a concern, a referral, an escalation
S = TypeVar("S", bound="Step")


@dataclass(frozen=True)
class Step:
    """One row of a workflow table: where it leads, who may take it, and its button."""

    to: str
    party: str
    button: str
    # The permission the actor's role needs as well as playing ``party``; None when the party
    # alone decides (e.g. the party is itself defined by a permission).
    permission: Permission | None = None


class Workflow(Generic[R, S]):
    """A domain's table of steps, keyed by (position, action), and the rules for taking them."""

    def __init__(
        self,
        table: Mapping[tuple[Any, str], S],
        *,
        position: Callable[[R], Hashable],
        parties: Callable[[Actor, R], set[str]],
        guard: Callable[[S, R], bool] | None = None,
    ) -> None:
        self.table = dict(table)
        self._position = position
        self._parties = parties
        self._guard = guard
        self.actions: list[str] = sorted({action for _, action in self.table})

    def step(self, record: R, action: str) -> S | None:
        """The step ``action`` would be for this record as it stands (whoever asks)."""
        return self.table.get((self._position(record), action))

    def any_step(self, action: str) -> S:
        """Any row of the table for ``action``; KeyError for an action the workflow does not have."""
        for (_, name), step in self.table.items():
            if name == action:
                return step
        raise KeyError(action)

    def parties_of(self, actor: Actor, record: R) -> set[str]:
        return self._parties(actor, record)

    def may(self, actor: Actor, record: R, step: S) -> bool:
        """Whether this actor may take this step on this record now."""
        if step.party not in self._parties(actor, record):
            return False
        if step.permission is not None and not actor.can(step.permission):
            return False
        return self._guard is None or self._guard(step, record)

    def allowed(self, actor: Actor, record: R) -> list[tuple[str, S]]:
        """Exactly the steps this actor may take on this record now, in table order."""
        here = self._position(record)
        parties = self._parties(actor, record)
        return [
            (action, step)
            for (position, action), step in self.table.items()
            if position == here and step.party in parties and self.may(actor, record, step)
        ]


def organisation_parties(actor: Actor, **org_ids: Any) -> set[str]:
    """The parties whose organisation is the actor's: ``organisation_parties(actor, practice=1, provider=7)``."""
    mine = actor.organisation.id
    return {party for party, org_id in org_ids.items() if org_id is not None and org_id == mine}
