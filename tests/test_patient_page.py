"""The patient's page across domains: each registers its section (core.panels.register_for_patient)."""

from __future__ import annotations

from joinedup.diagnostics.tests.helpers import send_one
from joinedup.letters.inbox.tests.helpers import make_letter
from joinedup.referrals.tests.helpers import patient_at, send


def test_the_patient_page_gathers_every_domain_and_starts_work_without_retyping(icb, actor_for, signed_in) -> None:
    """Issue 12: a GP's patient page with referrals, tests, letters and escalations, and buttons from there."""
    gp = actor_for("gp_clinician")
    patient = patient_at(icb.practices[0])
    referral = send(gp, icb.trusts[0], patient=patient)
    test = send_one(gp, icb.trusts[0], nhs_number=patient.nhs_number)
    letter = make_letter(icb.practices[0], icb.trusts[0], patient=patient)
    page = signed_in("gp_clinician").get(f"/patients/{patient.nhs_number}/").content.decode()
    for heading in ("Referrals and advice", "Direct-access tests", "Hospital letters", "Urgent escalations"):
        assert f">{heading}</h2>" in page
    assert referral.reference in page and test.reference in page and f"/letters/{letter.id}/" in page
    assert f"/referrals/new/referral/?patient={patient.nhs_number}" in page
    assert f"/diagnostics/new/?nhs_number={patient.nhs_number}" in page
    assert f"/coordination/new/?nhs_number={patient.nhs_number}" in page
    # A trust's consultant sees the referrals they hold, not the practice's letters, and starts nothing.
    trust_page = signed_in("consultant").get(f"/patients/{patient.nhs_number}/")
    assert trust_page.status_code == 200  # a trust finds its ICB's patients by exact NHS number
    body = trust_page.content.decode()
    assert referral.reference in body and "Hospital letters" not in body and "Send a referral" not in body
