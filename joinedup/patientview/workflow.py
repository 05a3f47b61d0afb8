"""The question's table of steps (decision 0011): the owning organisation answers."""

from __future__ import annotations

from joinedup.core.workflow import Step, Workflow, organisation_parties
from joinedup.directory.access import Actor

from .models import PatientQuestion, QuestionState


def _parties(actor: Actor, question: PatientQuestion) -> set[str]:
    return organisation_parties(actor, owner=question.owner_id)


WORKFLOW: Workflow[PatientQuestion, Step] = Workflow(
    {(QuestionState.ASKED, "answer"): Step(to=QuestionState.ANSWERED, party="owner", button="Send answer")},
    position=lambda question: question.state,
    parties=_parties,
)
