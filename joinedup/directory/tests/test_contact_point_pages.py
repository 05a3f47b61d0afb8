"""A practice keeps the contact point its patients see up to date itself (decision 0023).

The practice administrator changes their own practice's phone, hours and email from the practice's
directory page; nobody at a practice changes another practice's, and the GP clinician role does not
carry the permission at all. The hub's coordinators keep their hub's the same way. (The audit event is checked
in joinedup/audit/tests/test_directory_changes.py: directory cannot import audit.)"""

from __future__ import annotations

from joinedup.directory.models import Organisation

NEW_POINT = {
    "phone": "01632 960 777",
    "hours": "Monday to Friday, 8am to 6.30pm",
    "email": "reception@joinedup.example",
}


def test_the_practice_administrator_changes_their_own_practices_contact_point(icb, signed_in) -> None:
    client = signed_in("practice_admin")
    practice = icb.practices[0]
    page = client.get(f"/directory/{practice.ods_code}/")
    assert f"/directory/{practice.ods_code}/contact/" in page.content.decode()
    response = client.post(f"/directory/{practice.ods_code}/contact/", NEW_POINT)
    assert response.status_code == 302
    practice.refresh_from_db()
    assert (practice.phone, practice.hours, practice.email) == tuple(NEW_POINT.values())


def test_a_bad_number_is_refused_with_a_message_and_nothing_saved(icb, signed_in) -> None:
    client = signed_in("practice_admin")
    practice = icb.practices[0]
    before = (practice.phone, practice.hours, practice.email)
    response = client.post(f"/directory/{practice.ods_code}/contact/", {**NEW_POINT, "phone": "<b>999</b>"})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    practice.refresh_from_db()
    assert (practice.phone, practice.hours, practice.email) == before


def test_nobody_at_a_practice_changes_another_practices_contact_point(icb, signed_in) -> None:
    other = icb.practices[1]
    client = signed_in("practice_admin")
    assert f"/directory/{other.ods_code}/contact/" not in client.get(f"/directory/{other.ods_code}/").content.decode()
    assert client.post(f"/directory/{other.ods_code}/contact/", NEW_POINT).status_code == 403
    assert Organisation.objects.get(id=other.id).phone != NEW_POINT["phone"]


def test_the_gp_clinician_role_does_not_change_contact_points(icb, signed_in) -> None:
    practice = icb.practices[0]
    assert signed_in("gp_clinician").post(f"/directory/{practice.ods_code}/contact/", NEW_POINT).status_code == 403


def test_the_hub_coordinator_keeps_the_hubs_contact_point(icb, signed_in) -> None:
    response = signed_in("hub_coordinator").post(f"/directory/{icb.hub.ods_code}/contact/", NEW_POINT)
    assert response.status_code == 302
    icb.hub.refresh_from_db()
    assert icb.hub.phone == NEW_POINT["phone"]
