"""The care coordination pages: escalate, the hub's queue, steps, the polled status, the directory."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from joinedup.audit.models import AuditEvent
from joinedup.coordination.models import Escalation, State, UrgentService
from joinedup.coordination.tests.helpers import (
    NEIGHBOURHOOD_USERNAME,
    care_home_resident,
    directory_file,
    escalate_one,
    load_directory,
    neighbourhood_actor,
)
from joinedup.demo.directory import DEMO_PASSWORD

FORM = {
    "nhs_number": "999 000 0018",
    "place": "care_home",
    "postcode": "",
    "problem": "fall",
    "details": "Fell in the night; sore hip; walking with a frame.",
    "news2": "3",
    "urgency": "two_hours",
    "tried": "",
    "consent": "on",
}


@pytest.fixture
def hub_world(icb, actor_for):  # type: ignore[no-untyped-def]
    load_directory(icb, actor_for("hub_coordinator"))
    care_home_resident(icb.practices[0])
    return icb


def test_a_gp_finds_the_services_then_sends_the_escalation(hub_world, signed_in) -> None:
    gp = signed_in("gp_clinician")
    assert gp.get("/coordination/new/").status_code == 200
    matched = gp.post("/coordination/new/", {**FORM, "stage": "match"})
    assert matched.status_code == 200
    page = matched.content.decode()
    assert page.index("Pellbridge Falls Response") < page.index("Pellbridge Urgent Community Response")
    assert "Closed now: opens" in page and "Does not meet:</span></strong> Not eligible" in page
    assert not Escalation.objects.exists()
    falls = UrgentService.objects.get(oruk_id="falls")
    sent = gp.post("/coordination/new/", {**FORM, "stage": "send", "preferred_service": str(falls.id)})
    escalation = Escalation.objects.get()
    assert sent.status_code == 302 and sent["Location"] == f"/coordination/{escalation.id}/"
    assert escalation.preferred_service == falls
    detail = gp.get(sent["Location"])
    assert detail.status_code == 200 and b"Within 2 hours" in detail.content
    assert AuditEvent.objects.filter(action="escalation.viewed", object_id=str(escalation.id)).count() == 1


def test_a_closed_service_cannot_be_picked(hub_world, signed_in) -> None:
    ward = UrgentService.objects.get(oruk_id="vw")
    response = signed_in("gp_clinician").post(
        "/coordination/new/", {**FORM, "stage": "send", "preferred_service": str(ward.id)}
    )
    assert response.status_code == 400
    assert b"Select a service that fits, or leave it to the hub" in response.content
    assert not Escalation.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"details": "a\x00b"}, b"Remove the character that is not allowed (NUL) from what you typed"),
        ({"news2": "\u0663"}, b"NEWS2 is a score from 0 to 20"),
        ({"news2": "9" * 4}, b"NEWS2 is a score from 0 to 20"),
        ({"nhs_number": "\u0669" * 10}, b"NHS number"),
        ({"consent": ""}, b"Confirm the patient (or their representative) agrees to the referral"),
    ],
)
def test_bad_input_is_a_clear_message_not_an_error_page(hub_world, signed_in, change, message) -> None:
    response = signed_in("gp_clinician").post("/coordination/new/", {**FORM, **change, "stage": "send"})
    assert response.status_code == 400
    assert message in response.content
    assert not Escalation.objects.exists()


def test_the_status_fragment_answers_204_until_the_escalation_changes(hub_world, actor_for, signed_in) -> None:
    escalation = escalate_one(actor_for("gp_clinician"))
    gp = signed_in("gp_clinician")
    assert gp.get(f"/coordination/{escalation.id}/status/?version=1").status_code == 204
    for odd in ("٢", "9" * 5000):  # not the version: the fragment is sent, never a server error
        assert gp.get(f"/coordination/{escalation.id}/status/", {"version": odd}).status_code == 200
    hub = signed_in("hub_coordinator")
    ucr = UrgentService.objects.get(oruk_id="ucr")
    accepted = hub.post(f"/coordination/{escalation.id}/accept/", {"version": "1", "service": str(ucr.id)})
    assert accepted.status_code == 302
    fragment = gp.get(f"/coordination/{escalation.id}/status/?version=1")
    assert fragment.status_code == 200
    assert b"Accepted for" in fragment.content and b"version=2" in fragment.content
    assert (
        b'id="escalation-timeline" hx-swap-oob="true"' in fragment.content
        and b"Accepted for Pellbridge" in fragment.content
    )
    assert b"Edna" not in fragment.content  # no patient on the polled fragment (it is not audited)
    # A second coordinator on a stale page is told, and nothing applies twice.
    again = hub.post(f"/coordination/{escalation.id}/accept/", {"version": "1", "service": str(ucr.id)}, follow=True)
    assert b"Someone else changed" in again.content
    assert Escalation.objects.get().version == 2


def test_the_ucr_team_records_the_outcome_from_its_page(hub_world, actor_for) -> None:
    escalation = escalate_one(actor_for("gp_clinician"))
    from joinedup.coordination.tests.helpers import step

    step(actor_for("hub_coordinator"), escalation, "accept", service_id=UrgentService.objects.get(oruk_id="ucr").id)
    neighbourhood_actor(hub_world)
    team = Client()
    team.post("/sign-in/", {"username": NEIGHBOURHOOD_USERNAME, "password": DEMO_PASSWORD})
    listing = team.get("/coordination/")
    assert listing.status_code == 200 and escalation.reference.encode() in listing.content
    form = team.get(f"/coordination/{escalation.id}/record_outcome/")
    assert form.status_code == 200
    bad = team.post(
        f"/coordination/{escalation.id}/record_outcome/",
        {
            "version": "2",
            "outcome": "admission_avoided",
            "outcome_on_0": "1",
            "outcome_on_1": "1",
            "outcome_on_2": "99999",
            "outcome_time": "25:00",
        },
    )
    assert bad.status_code == 400
    assert b"must be a real date" in bad.content and b"Enter a real time, like 14:30" in bad.content
    from django.utils import timezone

    now = timezone.localtime()
    done = team.post(
        f"/coordination/{escalation.id}/record_outcome/",
        {
            "version": "2",
            "outcome": "admission_avoided",
            "outcome_on_0": str(now.day),
            "outcome_on_1": str(now.month),
            "outcome_on_2": str(now.year),
            "outcome_time": f"{now:%H:%M}",
        },
    )
    assert done.status_code == 302
    escalation.refresh_from_db()
    assert (escalation.state, escalation.outcome) == (State.OUTCOME_RECORDED, "admission_avoided")


def test_the_hub_queue_shows_overdue_escalations(hub_world, actor_for, signed_in) -> None:
    import datetime

    from django.utils import timezone

    late = escalate_one(actor_for("gp_clinician"))
    Escalation.objects.filter(id=late.id).update(response_due=timezone.now() - datetime.timedelta(minutes=40))
    page = signed_in("hub_coordinator").get("/coordination/hub/")
    assert page.status_code == 200
    assert b"1 escalation is past the response time" in page.content
    assert b"Overdue by 40 minutes" in page.content or b"Overdue by 39 minutes" in page.content
    assert b"jn-row-overdue" in page.content
    home = signed_in("hub_coordinator").get("/")
    assert b"Hub queue" in home.content and b"1 overdue" in home.content


def test_import_page_refuses_a_bad_file_and_names_the_error(hub_world, signed_in) -> None:
    hub = signed_in("hub_coordinator")
    bad = directory_file(hub_world)
    bad["services"].append(dict(bad["services"][0], id="new-one", name="<b>Bold</b> UCR", email="not-an-email"))
    response = hub.post(
        "/coordination/services/import/",
        {"file": SimpleUploadedFile("dos.json", json.dumps(bad).encode(), content_type="application/json")},
    )
    assert response.status_code == 400
    assert b"Nothing was imported: the file has 1 error" in response.content
    assert (
        b"&#34;&lt;b&gt;Bold&lt;/b&gt; UCR&#34;: email &#39;not-an-email&#39; is not an email address"
        in response.content
    )
    assert not UrgentService.objects.filter(oruk_id="new-one").exists()
    not_json = hub.post("/coordination/services/import/", {"file": SimpleUploadedFile("x.json", b"\xff\xfe{")})
    assert not_json.status_code == 400 and b"The file is not JSON" in not_json.content


def test_export_gives_the_directory_back_as_oruk_json(hub_world, signed_in) -> None:
    response = signed_in("hub_coordinator").get("/coordination/services/export.json")
    assert response.status_code == 200
    data = json.loads(response.content)
    assert sorted(s["id"] for s in data["services"]) == ["ari", "falls", "sdec", "ucr", "vw"]
    assert AuditEvent.objects.filter(action="urgent_service.directory_exported").count() == 1


def test_markup_in_a_capacity_note_is_escaped(hub_world, actor_for) -> None:
    neighbourhood_actor(hub_world)
    team = Client()
    team.post("/sign-in/", {"username": NEIGHBOURHOOD_USERNAME, "password": DEMO_PASSWORD})
    ucr = UrgentService.objects.get(oruk_id="ucr")
    saved = team.post(
        f"/coordination/services/{ucr.id}/capacity/",
        {"version": str(ucr.version), "capacity": "limited", "note": "<script>alert(1)</script>"},
    )
    assert saved.status_code == 302
    page = team.get("/coordination/services/")
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in page.content and b"<script>alert" not in page.content
