"""The seeded requests are consistent with the table: the states, versions and timelines a real life would leave."""

from __future__ import annotations

import random

import pytest

from joinedup.demo.diagnostics import seed_diagnostics
from joinedup.demo.patients import seed_patients
from joinedup.diagnostics import selectors, services
from joinedup.diagnostics.models import DiagnosticRequest, State


@pytest.mark.parametrize("demo", [True, False])
def test_seeded_requests_follow_the_table(icb, actor_for, demo: bool) -> None:
    seed_patients(practices=icb.practices, total=300, rng=random.Random(3))
    made = seed_diagnostics(
        directory=icb, count=24 if demo else 600, days=40 if demo else 365, rng=random.Random(5), demo=demo
    )
    requests = list(DiagnosticRequest.objects.prefetch_related("events"))
    assert made == len(requests) > 0
    if demo:
        assert {r.state for r in requests} == set(State.values)
        assert {r.practice_id for r in requests} == {icb.practices[0].id}
    for request in requests:
        events = list(request.events.all())
        assert request.version == len(events)
        assert events[-1].to_state == request.state
        for before, after in zip(events, events[1:], strict=False):
            assert (before.to_state, after.action) in services.TRANSITIONS
            assert services.TRANSITIONS[(before.to_state, after.action)].to == after.to_state
    if not demo:
        reported = [r for r in requests if r.state in (State.REPORTED, State.FILED)]
        assert 0 < len([r for r in reported if r.state == State.REPORTED]) < len(reported) / 5  # most are filed
        on_time = len([r for r in reported if (r.reported_in_days() or 0) <= 28])
        assert 0.6 < on_time / len(reported) < 0.98  # mostly in time, with a realistic late tail
    triage = actor_for("triage_admin")
    assert selectors.provider_worklist(triage, selectors.WorklistFilters()).count() >= 1
