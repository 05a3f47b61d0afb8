"""Two coordinators accepting one escalation at the same moment, on two real database connections."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from joinedup.coordination import services
from joinedup.coordination.models import Escalation, EscalationEvent, State, UrgentService
from joinedup.coordination.tests.helpers import care_home_resident, escalate_one, load_directory
from joinedup.directory.access import Actor
from joinedup.directory.models import Person, Role, RoleAssignment


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a real row lock needs PostgreSQL")
def test_two_coordinators_accepting_at_once_one_wins_the_other_is_told(icb, actor_for) -> None:
    first = actor_for("hub_coordinator")
    load_directory(icb, first)
    care_home_resident(icb.practices[0])
    escalation = escalate_one(actor_for("gp_clinician"))
    person = Person.objects.create(username="hub.two", first_name="Ravi", last_name="Odell")
    second = Actor(
        person, RoleAssignment.objects.create(person=person, organisation=icb.hub, role=Role.HUB_COORDINATOR)
    )
    choices = {"first": UrgentService.objects.get(oruk_id="ucr"), "second": UrgentService.objects.get(oruk_id="falls")}
    actors = {"first": first, "second": second}
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def accept(who: str) -> None:
        try:
            barrier.wait()
            services.take(
                actor=actors[who],
                escalation_id=escalation.id,
                action="accept",
                expected_version=1,
                service_id=choices[who].id,
            )
            outcomes[who] = "applied"
        except services.StaleAction as stale:
            outcomes[who] = "stale" if "Someone else changed" in str(stale) else str(stale)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept, args=(who,)) for who in actors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values()) == ["applied", "stale"]
    winner = next(who for who, outcome in outcomes.items() if outcome == "applied")
    escalation = Escalation.objects.get(id=escalation.id)
    assert (escalation.state, escalation.service, escalation.version) == (State.ACCEPTED, choices[winner], 2)
    assert EscalationEvent.objects.filter(escalation=escalation, action="accept").count() == 1
