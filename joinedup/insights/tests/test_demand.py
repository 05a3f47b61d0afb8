"""The demand on general practice (issue 13): each domain counts the work it sends a practice; insights
shows it per 1,000 patients with the appointments estimate, the ICB every practice by name, a practice
itself by name and its peers unnamed, a trust nothing."""

from __future__ import annotations

import datetime

from django.utils import timezone

from joinedup.core import measures
from joinedup.insights.models import MonthlyFact
from joinedup.insights.services import refresh_month
from joinedup.letters.inbox.tests.helpers import make_letter
from joinedup.letters.models import ActionFeedback, FeedbackOutcome
from joinedup.patients.models import Patient
from joinedup.referrals.tests.helpers import act, patient_at, send


def _this_month() -> datetime.date:
    return timezone.localdate().replace(day=1)


def test_each_domain_counts_the_work_it_sends_each_practice(icb, actor_for) -> None:
    gp, consultant = actor_for("gp_clinician"), actor_for("consultant")
    letter = make_letter(gp.organisation, consultant.organisation)  # the reader finds 3 requests, 1 the hospital's
    noise = letter.actions.filter(verdict="appropriate").earliest("start")
    ActionFeedback.objects.create(action=noise, outcome=FeedbackOutcome.NOT_AN_ACTION, given_by=gp.person)
    returned = send(gp, consultant.organisation, patient=patient_at(gp.organisation, "9990000026"))
    act(consultant, returned, "return", "Manage in primary care.", reason="MANAGE_IN_PRIMARY_CARE")
    send(gp, consultant.organisation, patient=patient_at(gp.organisation, "9990000034"))  # not yet answered
    refresh_month(_this_month())
    facts = {
        f.measure_id: f.numerator
        for f in MonthlyFact.objects.filter(organisation=gp.organisation, month=_this_month())
        if measures.get(f.measure_id).per == "practice"
    }
    assert facts["letters.practice_requests_inappropriate"] == 1
    assert facts["letters.practice_requests_appropriate"] == 1  # 2 found, 1 marked "not an action"
    assert facts["referrals.practice_referral_answers"] == 1
    assert "referrals.practice_advice_answers" not in facts  # nothing answered


def _facts(icb, counts: dict[int, tuple[float, float]]) -> None:  # type: ignore[no-untyped-def]
    month = _this_month()
    for index, (appropriate, inappropriate) in counts.items():
        practice = icb.practices[index]
        for measure_id, value in (
            ("letters.practice_requests_appropriate", appropriate),
            ("letters.practice_requests_inappropriate", inappropriate),
        ):
            MonthlyFact.objects.create(measure_id=measure_id, organisation=practice, month=month, numerator=value)


def _patients(practice, how_many: int, start: int) -> None:  # type: ignore[no-untyped-def]
    from joinedup.letters.inbox.tests.helpers import make_patient

    for _ in range(how_many):
        make_patient(practice)


def test_a_practice_sees_itself_by_name_and_its_peers_unnamed_per_1000_patients(icb, signed_in) -> None:
    Patient.objects.all().delete()
    for index, size in enumerate((10, 20, 5)):
        _patients(icb.practices[index], size, index)
    _facts(icb, {0: (4, 6), 1: (2, 2), 2: (10, 0)})
    page = signed_in("gp_clinician").get("/insights/demand/").content.decode()
    own, peers = icb.practices[0], icb.practices[1:]
    assert f"{own.name} (your practice)" in page
    assert all(peer.name not in page for peer in peers)
    assert "Another practice (A)" in page and "Another practice (B)" in page
    # 10 requests for 10 patients is 1,000.0 per 1,000; 6 the hospital's × 10 minutes / 10-minute appointments.
    assert "1,000.0" in page and "6.0" in page
    # Peers by their figure: 10 for 5 patients (2,000.0) before 4 for 20 (200.0).
    assert page.index("2,000.0") < page.index("200.0")
    assert "DEMAND_MINUTES" in page and "225,000" in page


def test_the_icb_names_every_practice_and_a_trust_sees_none(icb, signed_in) -> None:
    _facts(icb, {0: (1, 1)})
    icb_page = signed_in("icb_analyst").get("/insights/demand/")
    assert icb_page.status_code == 200
    assert all(p.name in icb_page.content.decode() for p in icb.practices)
    assert "your practice" not in icb_page.content.decode()
    for role in ("consultant", "trust_interface_lead", "hub_coordinator"):
        assert signed_in(role).get("/insights/demand/").status_code == 403, role


def test_the_assumed_minutes_are_settings_and_change_the_estimate(icb, signed_in, settings) -> None:
    _facts(icb, {0: (0, 3)})
    settings.DEMAND_MINUTES = {**settings.DEMAND_MINUTES, "letters.practice_requests_inappropriate": 20}
    settings.GP_APPOINTMENT_MINUTES = 15
    page = signed_in("gp_clinician").get("/insights/demand/").content.decode()
    assert "4.0" in page  # 3 × 20 / 15
    assert "20 minutes" in page and "15-minute appointment" in page
