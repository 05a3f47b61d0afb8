"""Two people acting on one concern at the same moment, on two real database connections."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from joinedup.concerns import services
from joinedup.concerns.models import Concern, ConcernEvent
from joinedup.concerns.tests.helpers import raise_one


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a real row lock needs PostgreSQL")
def test_two_leads_acknowledging_at_once_one_wins_the_other_is_told(icb, actor_for) -> None:
    concern = raise_one(actor_for("gp_clinician"), icb.trusts[0])
    lead = actor_for("trust_interface_lead")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def act(action: str) -> None:
        try:
            barrier.wait()
            services.concern_act(actor=lead, concern_id=concern.id, action=action, note="", expected_version=1)
            outcomes.append("applied")
        except services.StaleAction:
            outcomes.append("stale")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act, args=("acknowledge",)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["applied", "stale"]
    concern = Concern.objects.get(id=concern.id)
    assert concern.version == 2
    assert ConcernEvent.objects.filter(concern=concern, action="acknowledge").count() == 1
