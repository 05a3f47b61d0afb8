"""The synthetic data keeps the rules the application keeps: every step in the table, clocks, links."""

from __future__ import annotations

import random

from django.utils import timezone

from joinedup.demo.patients import seed_patients
from joinedup.demo.referrals import seed_referrals
from joinedup.patients.models import Patient
from joinedup.referrals import services
from joinedup.referrals.models import AWAITING_PROVIDER, ClinicalRequest, Kind, State
from joinedup.referrals.tests.helpers import send


def _follows_the_table(request: ClinicalRequest) -> None:
    events = list(request.events.order_by("at", "id"))
    assert events[0].action in ("sent", "created")
    for event in events[1:]:
        step = services.TRANSITIONS[(request.kind, event.from_state, event.action)]
        assert step.to == event.to_state
        if step.needs_reason:
            assert event.reason and event.note  # rule referral_return_reason holds in the seed too
    assert events[-1].to_state == request.state
    assert request.version == len(events)


def test_the_demo_has_every_state_for_the_demo_practice_and_trust(icb) -> None:
    seed_patients(practices=icb.practices, total=300, rng=random.Random(1))
    seed_referrals(directory=icb, referrals=0, advice=0, days=365, rng=random.Random(2), demo=True)
    ours = ClinicalRequest.objects.filter(requester_org=icb.practices[0], trust=icb.trusts[0])
    assert set(ours.values_list("state", flat=True)) == set(State.values)
    assert ClinicalRequest.objects.exclude(trust=icb.trusts[0]).exists()  # some elsewhere, to show scoping
    assert ours.filter(state__in=AWAITING_PROVIDER, due_date__lt=timezone.localdate()).exists()
    for request in ClinicalRequest.objects.all():
        _follows_the_table(request)


def test_a_year_keeps_clocks_links_and_a_backlog_at_the_busiest_trust(icb, actor_for) -> None:
    seed_patients(practices=icb.practices, total=500, rng=random.Random(1))
    referrals, advice = seed_referrals(
        directory=icb, referrals=3000, advice=500, days=365, rng=random.Random(3), demo=False
    )
    assert referrals == 3000 and advice == 500
    for converted in ClinicalRequest.objects.filter(kind=Kind.REFERRAL, converted_from__isnull=False)[:50]:
        origin = converted.converted_from
        assert origin is not None and origin.ubrn == converted.ubrn and origin.state == State.CONVERTED
    busiest = ClinicalRequest.objects.filter(trust=icb.trusts[0], state__in=AWAITING_PROVIDER)
    elsewhere = ClinicalRequest.objects.filter(trust=icb.trusts[-1], state__in=AWAITING_PROVIDER)
    assert busiest.count() > 3 * max(1, elsewhere.count())
    assert busiest.filter(due_date__lt=timezone.localdate()).exists()
    returned = ClinicalRequest.objects.filter(state=State.RETURNED)
    assert returned.exists() and not returned.filter(outcome_reason="").exists()
    for request in ClinicalRequest.objects.order_by("?")[:200]:
        _follows_the_table(request)
    # A request sent through the service after seeding gets an id past the seeded ones (the sequence moved on).
    gp = actor_for("gp_clinician")
    patient = Patient.objects.filter(registered_practice=icb.practices[0]).first()
    assert patient is not None
    sent = send(gp, icb.trusts[0], patient=patient)
    assert sent.id > ClinicalRequest.objects.exclude(id=sent.id).order_by("-id").first().id  # type: ignore[union-attr]
