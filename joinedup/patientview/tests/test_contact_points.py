"""Issue 15 / decision 0023: each item shows the contact point of the owner of its next step, from the
directory (the service's phone, hours and email; the practice's for a practice item), and says what
to do when the directory has none."""

from __future__ import annotations

import pytest
from django.test import Client

from joinedup.core import patient_items
from joinedup.directory.models import Service
from joinedup.patientview import presenters
from joinedup.referrals.models import ClinicalRequest, ReturnReason
from joinedup.referrals.tests.helpers import act, patient_at, send

from .oidc import nhs_login_user, provider, settings_for, sign_in

ADA = "9990000018"


@pytest.fixture
def nhs_login(settings):  # type: ignore[no-untyped-def]
    with provider(nhs_login_user("ada", ADA)) as base:
        for name, value in settings_for(base).items():
            setattr(settings, name, value)
        yield base


def _waiting(icb, actor_for) -> ClinicalRequest:  # type: ignore[no-untyped-def]
    gp, consultant = actor_for("gp_clinician"), actor_for("consultant")
    return send(gp, consultant.organisation, patient=patient_at(gp.organisation, ADA))


def test_a_hospital_item_shows_the_services_phone_hours_and_email_as_links(nhs_login, icb, actor_for) -> None:
    referral = _waiting(icb, actor_for)
    Service.objects.filter(id=referral.service_id).update(
        phone="01632 960 123", hours="Monday to Friday, 9am to 5pm", email="cardio@joinedup.example"
    )
    client = Client()
    sign_in(client, "ada")
    text = client.get("/my/").content.decode()
    assert 'href="tel:01632960123"' in text and ">01632 960 123<" in text
    assert "Monday to Friday, 9am to 5pm" in text
    assert 'href="mailto:cardio@joinedup.example"' in text
    # The wait is the service's own figure from the directory.
    weeks = Service.objects.get(id=referral.service_id).indicative_wait_weeks
    assert f"The current wait is about {weeks} week" in text


def test_a_service_without_a_contact_point_falls_back_to_the_hospitals_main_number(icb, actor_for) -> None:
    referral = _waiting(icb, actor_for)
    Service.objects.filter(id=referral.service_id).update(phone="", hours="", email="")
    referral.refresh_from_db()
    item = presenters.request_item(referral, referral.patient)
    trust = referral.trust
    assert item.contact.phone == trust.phone and trust.phone
    assert referral.service.name in item.contact.note and "main number" in item.contact.note


def test_with_no_contact_point_at_all_the_page_says_what_to_do(nhs_login, icb, actor_for) -> None:
    referral = _waiting(icb, actor_for)
    Service.objects.filter(id=referral.service_id).update(phone="", hours="", email="")
    type(referral.trust).objects.filter(id=referral.trust_id).update(phone="", hours="", email="")
    client = Client()
    sign_in(client, "ada")
    text = client.get("/my/").content.decode()
    assert patient_items.NO_CONTACT_POINT in text
    assert "tel:" not in text


def test_a_returned_referral_shows_the_practices_contact_point_and_what_the_practice_will_do(icb, actor_for) -> None:
    referral = _waiting(icb, actor_for)
    act(actor_for("consultant"), referral, "return", "Try a statin first.", reason="MANAGE_IN_PRIMARY_CARE")
    referral.refresh_from_db()
    item = presenters.request_item(referral, referral.patient)
    practice = referral.requester_org
    assert item.owner == presenters.PRACTICE and item.owner_org_id == practice.id
    assert item.contact.phone == practice.phone and item.contact.email == practice.email
    assert "Your GP practice will look at the advice. Then they will contact you" in item.status
    assert item.advice_reason == presenters.PLAIN_RETURN_REASONS[ReturnReason.MANAGE_IN_PRIMARY_CARE]
    assert item.advice_text == "Try a statin first."


@pytest.mark.parametrize(
    ("phone", "ok"),
    [
        ("01632 960 123", True),
        ("(01632) 960123", True),
        ("+44 1632 960123", True),
        ("020 7946 0000", True),
        ("12345", False),
        ("01632 960 123 ext 4", False),
        ("+1 555 0100", False),
        ("<script>", False),
    ],
)
def test_the_service_edit_page_takes_only_a_uk_phone_number(icb, signed_in, phone: str, ok: bool) -> None:
    client = signed_in("triage_admin")
    service = Service.objects.filter(trust=icb.trusts[0]).earliest("id")
    version = service.version
    response = client.post(
        f"/directory/services/{service.id}/edit/",
        {
            "indicative_wait_weeks": "7",
            "capacity_status": "normal",
            "takes_referrals": "on",
            "phone": phone,
            "hours": "Monday to Friday, 9am to 5pm",
            "email": "clinic@joinedup.example",
            "version": service.version,
        },
    )
    service.refresh_from_db()
    if ok:
        assert response.status_code == 302
        assert service.phone == " ".join(phone.split()) and service.email == "clinic@joinedup.example"
    else:
        assert response.status_code == 400
        assert "Enter a UK phone number" in response.content.decode()
        assert service.version == version  # nothing half-saved


def test_the_service_edit_page_refuses_a_bad_email_with_a_message(icb, signed_in) -> None:
    client = signed_in("triage_admin")
    service = Service.objects.filter(trust=icb.trusts[0]).earliest("id")
    response = client.post(
        f"/directory/services/{service.id}/edit/",
        {
            "indicative_wait_weeks": "7",
            "capacity_status": "normal",
            "email": "not an email",
            "version": service.version,
        },
    )
    assert response.status_code == 400
    assert "Enter an email address in the correct format" in response.content.decode()
    page = client.get(f"/directory/services/{service.id}/edit/").content.decode()
    assert "Contact point for patients" in page and "Phone number for patients" in page


def test_a_rejected_referral_also_says_why_the_advice_and_what_the_practice_will_do(icb, actor_for) -> None:
    """Rejected (the older word for a referral not taken) reads like a returned one, in its own words."""
    referral = _waiting(icb, actor_for)
    act(actor_for("consultant"), referral, "return", "See the pharmacist first.", reason="INVESTIGATIONS_FIRST")
    ClinicalRequest.objects.filter(id=referral.id).update(state="rejected")
    referral.refresh_from_db()
    item = presenters.request_item(referral, referral.patient)
    assert item.owner == presenters.PRACTICE
    assert item.status.startswith("The hospital specialist could not take your referral.")
    assert "Your GP practice will look at the advice. Then they will contact you" in item.status
    assert item.advice_reason == presenters.PLAIN_RETURN_REASONS[ReturnReason.INVESTIGATIONS_FIRST]
    assert item.advice_text == "See the pharmacist first."


def test_the_directory_shows_each_contact_point_and_which_are_not_set(icb, signed_in) -> None:
    trust = icb.trusts[0]
    first, second = Service.objects.filter(trust=trust).order_by("id")[:2]
    Service.objects.filter(id=first.id).update(phone="01632 960 321")
    Service.objects.filter(id=second.id).update(phone="")
    page = signed_in("triage_admin").get(f"/directory/{trust.ods_code}/").content.decode()
    assert "Phone for patients" in page and "01632 960 321" in page and "Not set" in page
    assert trust.phone in page and trust.hours in page
