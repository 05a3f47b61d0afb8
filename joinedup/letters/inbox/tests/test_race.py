"""Two people filing, or answering, at the same moment, on two real database connections."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from joinedup.audit.models import AuditEvent
from joinedup.letters.inbox import services
from joinedup.letters.models import ActionFeedback, Letter

from .helpers import CHECK, make_letter


def _at_once(work: Callable[[], Any], times: int = 2) -> list[str]:
    barrier = threading.Barrier(times)
    outcomes: list[str] = []

    def run() -> None:
        try:
            barrier.wait()
            work()
            outcomes.append("applied")
        except services.StaleAction:
            outcomes.append("stale")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a real row lock needs PostgreSQL")
def test_two_people_filing_at_once_one_wins_the_other_is_told(icb, actor_for) -> None:
    letter = make_letter(icb.practices[0], icb.trusts[0])
    gp = actor_for("gp_clinician")
    outcomes = _at_once(
        lambda: services.file_letter(actor=gp, letter_id=letter.id, expected_version=1, file_unanswered=True)
    )
    assert outcomes == ["applied", "stale"]
    assert Letter.objects.get(id=letter.id).version == 2
    assert AuditEvent.objects.filter(action="letter.filed").count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a real row lock needs PostgreSQL")
def test_two_answers_at_once_keep_one_answer_and_audit_both(icb, actor_for) -> None:
    letter = make_letter(icb.practices[0], icb.trusts[0])
    action = letter.actions.get(quote=CHECK)
    gp = actor_for("gp_clinician")
    outcomes = _at_once(
        lambda: services.give_feedback(actor=gp, letter_id=letter.id, action_id=action.id, outcome="done")
    )
    assert outcomes == ["applied", "applied"]
    assert ActionFeedback.objects.filter(action=action).count() == 1
    previous = sorted(e.details["previous"] for e in AuditEvent.objects.filter(action="letter.action_feedback"))
    assert previous == ["", "done"]  # the second saw the first's answer: nothing lost, nothing doubled
