"""Two people acting on one diagnostic request at the same moment, on two real database connections."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from joinedup.diagnostics import services
from joinedup.diagnostics.models import DiagnosticEvent, DiagnosticRequest, State
from joinedup.diagnostics.tests.helpers import patient_at, send_one


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a real row lock needs PostgreSQL")
def test_the_trust_booking_while_the_practice_cancels_one_wins_the_other_is_told(icb, actor_for) -> None:
    patient_at(icb.practices[0])
    request = send_one(actor_for("gp_clinician"), icb.trusts[0])
    triage, gp = actor_for("triage_admin"), actor_for("gp_clinician")
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def act(who: str) -> None:
        try:
            barrier.wait()
            if who == "triage":
                from django.utils import timezone

                services.request_act(
                    actor=triage,
                    request_id=request.id,
                    action="book",
                    expected_version=1,
                    appointment_on=timezone.localdate(),
                )
            else:
                services.request_act(actor=gp, request_id=request.id, action="cancel", expected_version=1, note="")
            outcomes[who] = "applied"
        except services.StaleAction:
            outcomes[who] = "stale"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act, args=(who,)) for who in ("triage", "gp")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values()) == ["applied", "stale"]
    request = DiagnosticRequest.objects.get(id=request.id)
    winner = next(who for who, outcome in outcomes.items() if outcome == "applied")
    assert request.state == (State.BOOKED if winner == "triage" else State.CANCELLED)
    assert request.version == 2
    assert DiagnosticEvent.objects.filter(request=request).exclude(action="requested").count() == 1
