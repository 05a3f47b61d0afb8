"""Back, then submit again, makes one record, not two (issue 12, bug 2)."""

from __future__ import annotations

import re

from django.core.files.uploadedfile import SimpleUploadedFile

from joinedup.core.models import SubmittedForm
from joinedup.letters.models import Letter
from joinedup.letters.tests.intake_helpers import letter_bytes, register_patient
from joinedup.referrals.models import ClinicalRequest
from joinedup.referrals.tests.helpers import patient_at, service_at


def _token(page: str) -> str:
    found = re.search(r'name="form_token" value="([0-9a-f]{32})"', page)
    assert found, "the form carries a one-time token"
    return found.group(1)


def test_the_same_referral_form_sent_twice_makes_one_referral_and_shows_it(icb, signed_in) -> None:
    patient_at(icb.practices[0])
    service = service_at(icb.trusts[0])
    client = signed_in("gp_clinician")
    form_page = client.get("/referrals/new/referral/?specialty=cardiology").content.decode()
    token = _token(form_page)
    assert _token(client.get("/referrals/new/referral/?specialty=cardiology").content.decode()) != token
    data = {
        "form_token": token,
        "nhs_number": "999 000 0018",
        "service": str(service.id),
        "shortlist": [str(service.id)],
        "priority": "urgent",
        "clinical_information": "Exertional chest pain.",
    }
    check = client.post("/referrals/new/referral/?specialty=cardiology", data).content.decode()
    assert _token(check) == token and not ClinicalRequest.objects.exists()  # the check page carries it
    data["confirm"] = "1"  # the check page's send button
    first = client.post("/referrals/new/referral/?specialty=cardiology", data)
    again = client.post("/referrals/new/referral/?specialty=cardiology", data, follow=True)
    made = ClinicalRequest.objects.get()
    assert first["Location"] == f"/referrals/{made.id}/"
    assert again.redirect_chain[-1][0] == f"/referrals/{made.id}/"
    assert "You sent this already" in again.content.decode()


def test_a_refused_form_keeps_its_token_free_for_the_corrected_one(icb, signed_in) -> None:
    register_patient(icb)
    client = signed_in("consultant")
    token = _token(client.get("/letters/upload/").content.decode())
    empty = client.post("/letters/upload/", {"form_token": token})
    assert empty.status_code == 400 and not SubmittedForm.objects.exists()
    sent = {"form_token": token, "file": SimpleUploadedFile("doc.json", letter_bytes(icb))}
    assert client.post("/letters/upload/", sent).status_code == 302
    twice = {"form_token": token, "file": SimpleUploadedFile("doc.json", letter_bytes(icb))}
    again = client.post("/letters/upload/", twice, follow=True)
    assert Letter.objects.count() == 1 and "taken in once" in again.content.decode()


def test_every_create_form_carries_a_token_and_a_concern_sent_twice_is_raised_once(icb, signed_in) -> None:
    from joinedup.concerns.models import Concern

    gp = signed_in("gp_clinician")
    for page in ("/concerns/new/", "/diagnostics/new/", "/coordination/new/"):
        _token(gp.get(page).content.decode())
    _token(signed_in("practice_admin").get("/patients/register/").content.decode())
    token = _token(gp.get("/concerns/new/").content.decode())
    data = {
        "form_token": token,
        "about": icb.trusts[0].ods_code,
        "rule": "test_results",
        "severity": "moderate",
        "what_happened": "Asked us to chase a CT result.",
    }
    first = gp.post("/concerns/new/", data)
    again = gp.post("/concerns/new/", data, follow=True)
    concern = Concern.objects.get()
    assert first["Location"] == again.redirect_chain[-1][0] == f"/concerns/{concern.id}/"
