"""The measures coordination registers: escalations per practice, 2-hour response met and admissions avoided by kind."""

from __future__ import annotations

import datetime

from django.utils import timezone

from joinedup.coordination.models import Escalation, UrgentService
from joinedup.coordination.tests.helpers import (
    care_home_resident,
    escalate_one,
    load_directory,
    neighbourhood_actor,
    step,
)
from joinedup.core import measures, navigation, panels


def test_the_measures_header_entries_and_panels_are_registered() -> None:
    ids = {m.id for m in measures.registered()}
    assert "coordination.escalations_per_practice" in ids
    assert {"coordination.two_hour_response_met.ucr", "coordination.admissions_avoided.falls"} <= ids
    assert {"coordination:hub", "coordination:mine", "coordination:services"} <= {
        e.url_name for e in navigation.entries()
    }
    assert {"coordination.hub", "coordination.escalator"} <= {p.name for p in panels.registered()}


def test_monthly_figures_count_what_happened(icb, actor_for) -> None:
    hub, gp = actor_for("hub_coordinator"), actor_for("gp_clinician")
    load_directory(icb, hub)
    care_home_resident(icb.practices[0])
    team = neighbourhood_actor(icb)
    ucr = UrgentService.objects.get(oruk_id="ucr")
    fast, slow, conveyed = (escalate_one(gp) for _ in range(3))
    for escalation in (fast, slow, conveyed):
        step(hub, escalation, "accept", service_id=ucr.id)
    step(team, fast, "record_outcome", outcome="admission_avoided")
    step(team, slow, "record_outcome", outcome="seen_at_home")
    step(team, conveyed, "record_outcome", outcome="conveyed_to_ed")
    Escalation.objects.filter(id=slow.id).update(outcome_at=slow.escalated_at + datetime.timedelta(hours=3))
    escalate_one(gp)  # still new: counted as an escalation, not in the outcome measures
    today = timezone.localdate()
    month, next_month = today.replace(day=1), (today.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    [per_practice] = measures.get("coordination.escalations_per_practice").compute(month, next_month)
    assert (per_practice.month, per_practice.organisation_id, per_practice.numerator) == (month, icb.practices[0].id, 4)
    [met] = measures.get("coordination.two_hour_response_met.ucr").compute(month, next_month)
    assert (met.organisation_id, met.service_id, met.numerator, met.denominator) == (icb.hub.id, ucr.id, 2, 3)
    [avoided] = measures.get("coordination.admissions_avoided.ucr").compute(month, next_month)
    assert (avoided.numerator, avoided.denominator) == (2, 3)
    assert list(measures.get("coordination.admissions_avoided.falls").compute(month, next_month)) == []
