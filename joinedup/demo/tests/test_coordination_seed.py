"""The care coordination seed: every kind of urgent service, live demo escalations, and a history at scale."""

from __future__ import annotations

import random

from django.utils import timezone

from joinedup.coordination.models import Escalation, EscalationEvent, ServiceKind, State, UrgentService
from joinedup.demo.coordination import seed_coordination
from joinedup.demo.patients import seed_patients


def test_the_demo_has_every_kind_of_service_and_live_escalations(icb) -> None:
    seed_patients(practices=icb.practices, total=60, rng=random.Random(1))
    made = seed_coordination(directory=icb, rng=random.Random(2), demo=True)
    assert {s.kind for s in UrgentService.objects.all()} == set(ServiceKind.values)
    assert made == Escalation.objects.count() > 0
    states = set(Escalation.objects.values_list("state", flat=True))
    assert {State.NEW, State.ACCEPTED, State.OUTCOME_RECORDED} <= states
    overdue = [e for e in Escalation.objects.all() if e.is_overdue(timezone.now())]
    assert len(overdue) == 1


def test_a_history_has_realistic_outcomes_and_a_timeline_for_each(icb) -> None:
    seed_patients(practices=icb.practices, total=300, rng=random.Random(1))
    made = seed_coordination(directory=icb, rng=random.Random(3), demo=False, count=600, days=365)
    assert made == Escalation.objects.count() == 600
    recorded = Escalation.objects.filter(state=State.OUTCOME_RECORDED)
    assert 0.8 < recorded.count() / made < 0.97
    assert 0.02 < Escalation.objects.filter(state=State.DECLINED).count() / made < 0.15
    avoided = recorded.filter(outcome__in=["admission_avoided", "seen_at_home"]).count() / recorded.count()
    assert 0.55 < avoided < 0.9
    took = [e.responded_in_minutes() for e in recorded.filter(urgency="two_hours")]
    met = sum(1 for minutes in took if minutes is not None and minutes <= 120) / len(took)
    assert 0.6 < met < 0.9
    # Each step is on the timeline, and the version counts them.
    sample = recorded.first()
    assert sample is not None
    assert list(EscalationEvent.objects.filter(escalation=sample).values_list("action", flat=True)) == [
        "escalated",
        "accept",
        "record_outcome",
    ]
    assert sample.version == 3
