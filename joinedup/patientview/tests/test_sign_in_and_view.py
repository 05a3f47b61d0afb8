"""Issue 15: patients sign in with NHS login (a local provider) and see only their own items, audited."""

from __future__ import annotations

import pytest
from django.test import Client

from joinedup.audit.models import AuditEvent
from joinedup.referrals.tests.helpers import act, patient_at, send

from .oidc import nhs_login_user, provider, settings_for, sign_in

ADA = "9990000018"
OTHER = "9990000026"
UNKNOWN = "9990000034"


@pytest.fixture
def nhs_login(settings):  # type: ignore[no-untyped-def]
    users = (
        nhs_login_user("ada", ADA),
        nhs_login_user("other", OTHER),
        nhs_login_user("stranger", UNKNOWN),
        nhs_login_user("low", ADA, proofing="P5"),
        nhs_login_user("nonumber", ""),
    )
    with provider(*users) as base:
        for name, value in settings_for(base).items():
            setattr(settings, name, value)
        yield base


@pytest.fixture
def returned_referral(icb, actor_for):  # type: ignore[no-untyped-def]
    gp = actor_for("gp_clinician")
    consultant = actor_for("consultant")
    referral = send(gp, consultant.organisation, patient=patient_at(gp.organisation, ADA))
    act(
        consultant,
        referral,
        "return",
        "Start a statin and check cholesterol in 3 months.",
        reason="MANAGE_IN_PRIMARY_CARE",
    )
    other = send(
        gp,
        consultant.organisation,
        patient=patient_at(gp.organisation, OTHER),
        clinical_information="Another person's secret story.",
    )
    return referral, other


def test_a_patient_signs_in_and_sees_the_returned_referral_in_plain_words(nhs_login, returned_referral) -> None:
    referral, other = returned_referral
    client = Client()
    response = sign_in(client, "ada")
    assert response.status_code == 302 and response["Location"] == "/my/"
    page = client.get("/my/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "sent your referral back to your GP practice" in text
    assert "Start a statin and check cholesterol in 3 months." in text
    assert "your GP practice can look after this" in text
    assert "Your GP practice" in text and referral.requester_org.name in text
    # The practice has the next step: its contact point from the directory, as links a phone can use.
    practice = referral.requester_org
    assert practice.phone and practice.email
    assert f'href="tel:{practice.phone.replace(" ", "")}"' in text and f'href="mailto:{practice.email}"' in text
    assert practice.hours in text
    assert f"referral-{other.id}" not in text and "secret story" not in text
    event = AuditEvent.objects.filter(action="patientview.viewed").get()
    assert event.patient_nhs_number == ADA and event.role == "patient"
    assert event.details == {"requests": [referral.id], "tests": [], "letters": [], "others": []}
    assert AuditEvent.objects.filter(action="patientview.signed_in", patient_nhs_number=ADA).exists()


def test_the_other_patient_sees_only_their_own(nhs_login, returned_referral) -> None:
    referral, other = returned_referral
    client = Client()
    sign_in(client, "other")
    text = client.get("/my/", {"nhs_number": ADA, "patient": referral.patient_id}).content.decode()
    assert f"referral-{other.id}" in text
    assert f"referral-{referral.id}" not in text and "statin" not in text


def test_a_patient_with_no_record_sees_a_clear_page(nhs_login, icb) -> None:
    client = Client()
    sign_in(client, "stranger")
    page = client.get("/my/")
    assert page.status_code == 200
    assert "JoinedUp does not have any referrals or hospital letters for you" in page.content.decode()
    assert AuditEvent.objects.filter(action="patientview.no_record_viewed", patient_nhs_number=UNKNOWN).exists()


def test_low_proofing_or_no_nhs_number_is_refused_with_a_message(nhs_login, returned_referral) -> None:
    for sub, words in (("low", "prove who you are"), ("nonumber", "did not tell us your NHS number")):
        client = Client()
        response = sign_in(client, sub)
        assert response["Location"] == "/my/sign-in/"
        assert client.get("/my/").status_code == 302
        assert words in client.get("/my/sign-in/").content.decode()


def test_a_forged_callback_signs_no_one_in(nhs_login, icb) -> None:
    client = Client()
    client.get("/my/sign-in/nhs-login/")
    response = client.get("/my/sign-in/callback/", {"code": "made-up", "state": "not-ours"})
    assert response.status_code == 302
    assert client.get("/my/")["Location"] == "/my/sign-in/"


def test_staff_cannot_use_patient_pages_and_patients_cannot_use_staff_pages(
    nhs_login, signed_in, returned_referral
) -> None:
    staff = signed_in("gp_clinician")
    for path in ("/my/", "/my/sign-in/", "/my/sign-in/nhs-login/"):
        assert staff.get(path).status_code == 403
    patient = Client()
    sign_in(patient, "ada")
    for path in ("/", "/patients/", f"/referrals/{returned_referral[0].id}/", "/audit/"):
        response = patient.get(path)
        assert response.status_code == 302 and "/sign-in/" in response["Location"], path


def test_signing_out_ends_the_patient_session(nhs_login, returned_referral) -> None:
    client = Client()
    sign_in(client, "ada")
    client.post("/my/sign-out/")
    assert client.get("/my/")["Location"] == "/my/sign-in/"


def test_without_nhs_login_settings_the_start_page_says_so(icb, settings) -> None:
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = ""
    page = Client().get("/my/sign-in/")
    assert "not set up on this site yet" in page.content.decode()
    assert Client().get("/my/sign-in/nhs-login/")["Location"] == "/my/sign-in/"


def test_nhs_login_not_answering_is_a_clear_message_not_an_error(nhs_login, icb, settings) -> None:
    client = Client()
    start = client.get("/my/sign-in/nhs-login/")
    state = dict(part.split("=", 1) for part in start["Location"].split("?", 1)[1].split("&"))["state"]
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:9/oauth2/token"  # nothing listens on the discard port
    response = client.get("/my/sign-in/callback/", {"code": "any", "state": state})
    assert response["Location"] == "/my/sign-in/"
    assert "NHS login is not answering" in client.get("/my/sign-in/").content.decode()


def test_a_rejected_direct_access_test_shows_the_advice_and_a_cancelled_one_is_not_shown(
    nhs_login, returned_referral, actor_for
) -> None:
    from joinedup.diagnostics.tests.helpers import send_one, step

    gp, consultant = actor_for("gp_clinician"), actor_for("consultant")
    rejected = step(consultant, send_one(gp, consultant.organisation, ADA), "reject")
    cancelled = step(gp, send_one(gp, consultant.organisation, ADA), "cancel", note="Not needed now.")
    client = Client()
    sign_in(client, "ada")
    text = client.get("/my/").content.decode()
    assert f'id="test-{rejected.id}"' in text and f'id="test-{cancelled.id}"' not in text
    assert "The hospital did not do this test" in text
    assert "a different test would be better for you" in text
    assert "Liver function tests first; refer if deranged." in text
    event = AuditEvent.objects.filter(action="patientview.viewed").latest("id")
    assert event.details["tests"] == [rejected.id]
