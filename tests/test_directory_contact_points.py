"""Decision 0023: an organisation's contact point for patients (a practice, a hub, a trust's main number).

Here, not in the directory's tests, because it reads the audit log, a layer above the directory.
"""

from __future__ import annotations

from joinedup.audit.models import AuditEvent
from joinedup.directory.models import Organisation


def test_a_system_administrator_sets_a_practices_contact_point_audited(icb, signed_in) -> None:
    practice = icb.practices[1]
    admin = signed_in("system_admin")
    page = admin.get(f"/directory/{practice.ods_code}/").content.decode()
    assert f"/directory/{practice.ods_code}/contact/" in page
    response = admin.post(
        f"/directory/{practice.ods_code}/contact/",
        {"phone": "01632  960 777", "hours": "Weekdays, 8am to 6pm", "email": "reception@joinedup.example"},
    )
    assert response.status_code == 302
    practice.refresh_from_db()
    assert (practice.phone, practice.hours, practice.email) == (
        "01632 960 777",
        "Weekdays, 8am to 6pm",
        "reception@joinedup.example",
    )
    assert AuditEvent.objects.filter(action="organisation.contact_point_changed", object_id=str(practice.id)).exists()


def test_a_bad_phone_or_email_is_a_message_and_nothing_changes(icb, signed_in) -> None:
    practice = icb.practices[1]
    before = (practice.phone, practice.email)
    response = signed_in("system_admin").post(
        f"/directory/{practice.ods_code}/contact/", {"phone": "0800 FLOWERS", "hours": "", "email": "nope@"}
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "Enter a UK phone number" in text and "Enter an email address in the correct format" in text
    practice.refresh_from_db()
    assert (practice.phone, practice.email) == before


def test_a_trust_changes_its_own_main_number_but_no_one_elses(icb, signed_in) -> None:
    own, other = icb.trusts[0], icb.trusts[1]
    triage = signed_in("triage_admin")
    assert triage.post(f"/directory/{own.ods_code}/contact/", {"phone": "01632 960 111"}).status_code == 302
    assert Organisation.objects.get(id=own.id).phone == "01632 960 111"
    assert triage.get(f"/directory/{other.ods_code}/contact/").status_code in (403, 404)
    assert triage.post(f"/directory/{other.ods_code}/contact/", {"phone": "01632 960 112"}).status_code in (403, 404)
    assert Organisation.objects.get(id=other.id).phone != "01632 960 112"
    gp = signed_in("gp_clinician")
    assert gp.get(f"/directory/{icb.practices[0].ods_code}/contact/").status_code in (403, 404)
    assert f"/directory/{own.ods_code}/contact/" not in gp.get(f"/directory/{own.ods_code}/").content.decode()
