"""Two consultants triaging one referral at the same moment, on two real database connections."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from joinedup.referrals import services
from joinedup.referrals.models import ClinicalRequest, RequestEvent
from joinedup.referrals.tests.helpers import send


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a real row lock needs PostgreSQL")
def test_two_consultants_triaging_at_once_one_wins_the_other_is_told(icb, actor_for) -> None:
    referral = send(actor_for("gp_clinician"), icb.trusts[0])
    consultant = actor_for("consultant")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def triage(action: str) -> None:
        try:
            barrier.wait()
            services.request_act(
                actor=consultant,
                request_id=referral.id,
                action=action,
                expected_version=1,
                note="Start a statin first.",
                reason="MANAGE_IN_PRIMARY_CARE",
            )
            outcomes.append(f"{action} applied")
        except services.StaleAction:
            outcomes.append("stale")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=triage, args=(action,)) for action in ("accept", "return")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(outcomes) == 2 and outcomes.count("stale") == 1
    referral = ClinicalRequest.objects.get(id=referral.id)
    assert referral.version == 2
    assert RequestEvent.objects.filter(request=referral).exclude(action="sent").count() == 1
    winner = outcomes[0] if outcomes[0] != "stale" else outcomes[1]
    assert referral.state == ("accepted" if winner.startswith("accept") else "returned")
