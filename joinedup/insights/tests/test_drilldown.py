"""The drill-down below a trust's figure: its services, and the referrals, A&G requests, tests and concerns
behind one month, as each domain lists them and scopes them (issue 13, decision 0022)."""

from __future__ import annotations

import datetime
import random

import pytest

from joinedup.core import measures
from joinedup.demo.concerns import seed_concerns
from joinedup.demo.diagnostics import seed_diagnostics
from joinedup.demo.patients import seed_patients
from joinedup.demo.referrals import seed_referrals
from joinedup.insights import services
from joinedup.insights.models import MonthlyFact


@pytest.fixture
def seeded(icb) -> None:
    rng = random.Random(13)
    seed_patients(practices=icb.practices, total=600, rng=rng)
    seed_concerns(directory=icb, count=80, days=200, rng=rng, demo=False)
    seed_referrals(directory=icb, referrals=300, advice=200, days=120, rng=rng, demo=False)
    seed_diagnostics(directory=icb, count=200, days=120, rng=rng, demo=False)
    services.rebuild()


def _a_month_with_figures(measure_id: str, trust_ids: list[int]) -> MonthlyFact:
    fact = (
        MonthlyFact.objects.filter(measure_id=measure_id, organisation_id__in=trust_ids, service__isnull=True)
        .filter(month__lt=datetime.date.today().replace(day=1))  # charts end at the last whole month
        .exclude(denominator=0)
        .order_by("-denominator")
        .first()
    )
    assert fact is not None, f"the seed gave {measure_id} no figures"
    return fact


@pytest.mark.parametrize(
    "measure_id",
    [
        "referrals.triaged_in_clock",
        "referrals.advice_answered_in_clock",
        "diagnostics.reported_in_time",
        "concerns.acknowledge_in_clock",
        "concerns.respond_in_clock",
    ],
)
def test_each_months_figure_lists_the_records_behind_it(icb, seeded, signed_in, measure_id) -> None:
    assert measures.get(measure_id).records is not None
    fact = _a_month_with_figures(measure_id, [t.id for t in icb.trusts])
    trust = fact.organisation
    analyst = signed_in("icb_analyst")
    chart = analyst.get(f"/insights/{trust.ods_code}/{measure_id}/").content.decode()
    url = f"/insights/{trust.ods_code}/{measure_id}/{fact.month:%Y-%m}/"
    assert url in chart
    page = analyst.get(url).content.decode()
    # The records agree with the stored figure: as many rows (up to 200) and as many met.
    assert page.count("nhsuk-tag--green") == int(fact.numerator) or fact.denominator > 200
    assert page.count("nhsuk-tag--green") + page.count("nhsuk-tag--red") == min(int(fact.denominator), 200)
    # Another ICB's view: the trust's lead sees only their own trust.
    lead = signed_in("trust_interface_lead")
    other = next(t for t in icb.trusts if t.id != icb.trusts[0].id)
    assert lead.get(f"/insights/{other.ods_code}/{measure_id}/{fact.month:%Y-%m}/").status_code == 404


def test_a_trusts_services_have_their_own_chart_and_records(icb, seeded, signed_in) -> None:
    measure_id = "referrals.triaged_in_clock"
    fact = (
        MonthlyFact.objects.filter(measure_id=measure_id, service__isnull=False)
        .filter(month__lt=datetime.date.today().replace(day=1))
        .exclude(denominator=0)
        .order_by("-denominator")
        .select_related("service", "organisation")
        .first()
    )
    assert fact is not None and fact.service is not None
    trust, service = fact.organisation, fact.service
    analyst = signed_in("icb_analyst")
    chart = analyst.get(f"/insights/{trust.ods_code}/{measure_id}/").content.decode()
    assert f"?service={service.id}" in chart
    page = analyst.get(f"/insights/{trust.ods_code}/{measure_id}/?service={service.id}").content.decode()
    assert service.name in page
    records = analyst.get(f"/insights/{trust.ods_code}/{measure_id}/{fact.month:%Y-%m}/?service={service.id}")
    text = records.content.decode()
    assert text.count("nhsuk-tag--green") + text.count("nhsuk-tag--red") == min(int(fact.denominator), 200)
    assert analyst.get(f"/insights/{trust.ods_code}/{measure_id}/?service=99999").status_code == 404
    assert analyst.get(f"/insights/{trust.ods_code}/{measure_id}/?service=x'%3E").status_code == 404


def test_referee_decisions_are_counted_and_listed(icb, seeded, signed_in) -> None:
    from joinedup.concerns.models import Concern, DecisionOutcome, State

    decided = Concern.objects.filter(state=State.DECIDED).exclude(decision_outcome="").select_related("about_org")
    concern = decided.first()
    if concern is None:  # the seed decided none at this size: decide one the way the ICB would be recorded
        concern = Concern.objects.filter(about_org__in=icb.trusts).first()
        assert concern is not None
        Concern.objects.filter(id=concern.id).update(
            state=State.DECIDED, decision_outcome=DecisionOutcome.UPHELD, closed_at=concern.raised_at
        )
        concern.refresh_from_db()
        services.rebuild()
    month = concern.closed_at.date().replace(day=1)  # type: ignore[union-attr]
    fact = MonthlyFact.objects.get(
        measure_id="concerns.referee_upheld", organisation=concern.about_org, month=month, service__isnull=True
    )
    expected = Concern.objects.filter(
        state=State.DECIDED,
        about_org=concern.about_org,
        closed_at__date__gte=month,
        closed_at__date__lt=(month + datetime.timedelta(days=32)).replace(day=1),
    ).exclude(decision_outcome="")
    assert fact.denominator == expected.count()
    page = signed_in("icb_analyst").get(
        f"/insights/{concern.about_org.ods_code}/concerns.referee_upheld/{month:%Y-%m}/"
    )
    assert concern.reference in page.content.decode()
