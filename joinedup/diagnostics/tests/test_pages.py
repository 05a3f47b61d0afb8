"""The diagnostics pages: sending through the form, the steps' forms, the lists, what each person sees."""

from __future__ import annotations

import re

from django.utils import timezone

from joinedup.audit.models import AuditEvent
from joinedup.diagnostics.models import DiagnosticRequest, State
from joinedup.diagnostics.tests.helpers import patient_at, send_one, step, ultrasound_at


def _form(icb) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The form as sent from its check page (``confirm``)."""
    return {
        "confirm": "1",
        "nhs_number": "999 000 0018",
        "test": "ultrasound",
        "service": str(ultrasound_at(icb.trusts[0]).id),
        "priority": "urgent",
        "clinical_question": "Right upper quadrant pain after meals: gallstones?",
        "body_site": "Upper abdomen",
    }


def test_a_gp_sends_a_request_through_the_form(icb, signed_in) -> None:
    patient_at(icb.practices[0])
    response = signed_in("gp_clinician").post("/diagnostics/new/", _form(icb))
    sent = DiagnosticRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/diagnostics/{sent.id}/"
    assert sent.priority == "urgent" and sent.trust == icb.trusts[0] and sent.patient_nhs_number == "9990000018"


def test_the_gp_checks_the_request_before_it_is_sent_and_can_change_an_answer(icb, signed_in) -> None:
    patient = patient_at(icb.practices[0])
    gp = signed_in("gp_clinician")
    token = re.search(r'name="form_token" value="(\w+)"', gp.get("/diagnostics/new/").content.decode())
    assert token
    answers = {**_form(icb), "confirm": "", "form_token": token.group(1)}
    check = gp.post("/diagnostics/new/", answers)
    page = check.content.decode()
    assert check.status_code == 200 and not DiagnosticRequest.objects.exists()
    assert "Check the request before you send it" in page and f"{patient.full_name}, born" in page
    for shown in ("Ultrasound scan", "Urgent", "gallstones?", "Upper abdomen"):
        assert shown in page
    carried = dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', page))
    assert carried["body_site"] == "Upper abdomen" and carried["form_token"] == token.group(1)
    change = gp.post("/diagnostics/new/", {**carried, "change": "body_site"})
    assert change.status_code == 200 and 'value="Upper abdomen"' in change.content.decode()
    assert not DiagnosticRequest.objects.exists()
    sent = gp.post("/diagnostics/new/", {**carried, "body_site": "Right upper quadrant", "confirm": "1"})
    made = DiagnosticRequest.objects.get()
    assert sent["Location"] == f"/diagnostics/{made.id}/" and made.body_site == "Right upper quadrant"


def test_form_errors_are_summarised_and_what_was_typed_is_kept(icb, signed_in) -> None:
    patient_at(icb.practices[0])
    mri = next(s for s in icb.trusts[0].services.all() if s.name == "Direct access MRI")
    response = signed_in("gp_clinician").post(
        "/diagnostics/new/", {**_form(icb), "service": str(mri.id), "nhs_number": "9990000026"}
    )
    html = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in html
    assert "No patient with this NHS number is registered at your practice" in html
    assert "Direct access MRI does not do ultrasound scan" in html
    assert "gallstones?" in html
    assert DiagnosticRequest.objects.count() == 0


def test_steps_through_their_forms_and_the_gp_reads_the_report(icb, signed_in, actor_for) -> None:
    patient_at(icb.practices[0])
    sent = send_one(actor_for("gp_clinician"), icb.trusts[0])
    triage = signed_in("triage_admin")
    today = timezone.localdate()
    first_look = triage.get(f"/diagnostics/{sent.id}/").content.decode()
    assert "Book the test" in first_look and "Send the report" not in first_look
    assert "Ultrasound scan <span class='nhsuk-hint'>(SNOMED CT 16310003)</span>" in first_look
    date = {"appointment_on_0": today.day, "appointment_on_1": today.month, "appointment_on_2": today.year}
    response = triage.post(f"/diagnostics/{sent.id}/book/", {"version": 1, **date})
    assert response.status_code == 302
    assert triage.post(f"/diagnostics/{sent.id}/done/", {"version": 2}).status_code == 302
    consultant = signed_in("consultant")
    refused = consultant.post(f"/diagnostics/{sent.id}/report/", {"version": 3, "report": ""})
    assert refused.status_code == 400 and "Enter the report" in refused.content.decode()
    consultant.post(f"/diagnostics/{sent.id}/report/", {"version": 3, "report": "Gallstones, no cholecystitis."})
    sent.refresh_from_db()
    assert sent.state == State.REPORTED

    gp = signed_in("gp_clinician")
    listed = gp.get("/diagnostics/?tab=reported").content.decode()
    assert sent.reference in listed and ">New<" in listed and "jn-nav-count" in listed
    page = gp.get(f"/diagnostics/{sent.id}/").content.decode()
    assert "Gallstones, no cholecystitis." in page and "Reported by" in page
    sent.refresh_from_db()
    assert sent.outcome_opened_at is not None
    viewed = AuditEvent.objects.filter(action="diagnostic_request.viewed", object_id=str(sent.id))
    assert viewed.filter(organisation_ods_code=icb.practices[0].ods_code, patient_nhs_number="9990000018").exists()
    assert ">New<" not in gp.get("/diagnostics/?tab=reported").content.decode()


def test_the_gp_files_the_report_from_its_page_and_can_refer_from_there(icb, signed_in, actor_for) -> None:
    patient_at(icb.practices[0])
    sent = send_one(actor_for("gp_clinician"), icb.trusts[0])
    for role, action in [("triage_admin", "book"), ("triage_admin", "done"), ("consultant", "report")]:
        step(
            actor_for(role),
            sent,
            action,
            **({"report": "Gallstones, <b>no</b> cholecystitis."} if action == "report" else {}),
        )
    admin = signed_in("practice_admin")
    assert "File the report" not in admin.get(f"/diagnostics/{sent.id}/").content.decode()  # a GP's decision
    gp = signed_in("gp_clinician")
    assert "File the report" in gp.get(f"/diagnostics/{sent.id}/").content.decode()
    form = gp.get(f"/diagnostics/{sent.id}/file/").content.decode()
    assert "Gallstones, &lt;b&gt;no&lt;/b&gt; cholecystitis." in form and "Refer the patient" in form
    refused = gp.post(f"/diagnostics/{sent.id}/file/", {"version": 4})
    assert (
        refused.status_code == 400 and "Select what the practice will do about the result" in refused.content.decode()
    )
    filed = gp.post(f"/diagnostics/{sent.id}/file/", {"version": 4, "filed_action": "refer", "note": "Surgeons."})
    assert filed.status_code == 302
    page = gp.get(f"/diagnostics/{sent.id}/").content.decode()
    assert "Reported and filed" in page and "Filed by the practice" in page
    assert "/referrals/new/referral/?patient=9990000018" in page
    assert sent.reference in gp.get("/diagnostics/?tab=filed").content.decode()
    assert sent.reference not in gp.get("/diagnostics/?tab=reported").content.decode()


def test_a_stale_form_is_told_and_applies_nothing(icb, signed_in, actor_for) -> None:
    patient_at(icb.practices[0])
    sent = send_one(actor_for("gp_clinician"), icb.trusts[0])
    step(actor_for("triage_admin"), sent, "book")
    gp = signed_in("gp_clinician")
    response = gp.post(f"/diagnostics/{sent.id}/cancel/", {"version": 1, "note": "Changed my mind"}, follow=True)
    assert "Someone else changed this request" in response.content.decode()
    sent.refresh_from_db()
    assert sent.state == State.BOOKED


def test_a_rejection_without_advice_is_refused_on_the_page(icb, signed_in, actor_for) -> None:
    patient_at(icb.practices[0])
    sent = send_one(actor_for("gp_clinician"), icb.trusts[0])
    response = signed_in("consultant").post(f"/diagnostics/{sent.id}/reject/", {"version": 1, "reason": "better_test"})
    html = response.content.decode()
    assert response.status_code == 400 and "Enter your clinical advice to the practice" in html
    sent.refresh_from_db()
    assert sent.state == State.REQUESTED


def test_the_worklist_filters_and_pages(icb, signed_in, actor_for) -> None:
    patient_at(icb.practices[0])
    gp = actor_for("gp_clinician")
    for index in range(55):
        send_one(gp, icb.trusts[0], priority="urgent" if index < 3 else "routine")
    triage = signed_in("triage_admin")
    first = triage.get("/diagnostics/worklist/").content.decode()
    assert "55 requests" in first and "Page 2 of 2" in first
    urgent = triage.get("/diagnostics/worklist/?priority=urgent").content.decode()
    assert "3 requests" in urgent
    assert "No requests match" in triage.get("/diagnostics/worklist/?clock=overdue").content.decode()
    assert triage.get("/diagnostics/worklist/?page=2&state=bogus").status_code == 200


def test_home_pages_show_the_diagnostics_waiting(icb, signed_in, actor_for) -> None:
    patient_at(icb.practices[0])
    send_one(actor_for("gp_clinician"), icb.trusts[0])
    assert "Awaiting booking: 1" in signed_in("triage_admin").get("/").content.decode()
    practice_home = signed_in("practice_admin").get("/").content.decode()
    assert "Awaiting report: 1" in practice_home and "New reports or rejections to read: 0" in practice_home
    assert "Direct-access diagnostics" not in signed_in("icb_analyst").get("/").content.decode()


def test_booking_past_the_report_date_needs_a_reason_which_the_timeline_keeps(icb, signed_in, actor_for) -> None:
    import datetime

    patient_at(icb.practices[0])
    sent = send_one(actor_for("gp_clinician"), icb.trusts[0])
    triage = signed_in("triage_admin")
    form_page = triage.get(f"/diagnostics/{sent.id}/book/").content.decode()
    assert "This test should be done and reported by" in form_page
    late = sent.report_due + datetime.timedelta(days=400)
    date = {"appointment_on_0": late.day, "appointment_on_1": late.month, "appointment_on_2": late.year}
    refused = triage.post(f"/diagnostics/{sent.id}/book/", {"version": 1, **date})
    assert refused.status_code == 400
    assert f"The appointment is after {sent.report_due:%d %B %Y}" in refused.content.decode()
    sent.refresh_from_db()
    assert sent.state == State.REQUESTED  # nothing booked
    booked = triage.post(
        f"/diagnostics/{sent.id}/book/", {"version": 1, **date, "late_reason": "No MRI slots until the new scanner."}
    )
    assert booked.status_code == 302
    sent.refresh_from_db()
    assert sent.state == State.BOOKED and sent.appointment_on == late
    detail = signed_in("gp_clinician").get(f"/diagnostics/{sent.id}/").content.decode()
    assert "No MRI slots until the new scanner." in detail
    # In time, no reason is asked for.
    other = send_one(actor_for("gp_clinician"), icb.trusts[0])
    soon = other.report_due
    in_time = {"appointment_on_0": soon.day, "appointment_on_1": soon.month, "appointment_on_2": soon.year}
    assert triage.post(f"/diagnostics/{other.id}/book/", {"version": 1, **in_time}).status_code == 302


def test_imaging_asks_what_radiology_needs_and_irmer_before_an_exposure(icb, signed_in) -> None:
    """Issue 12: the clinical details a radiology department needs before it can accept the request."""
    patient_at(icb.practices[0])
    ct = next(s for s in icb.trusts[0].services.all() if s.name == "Direct access CT")
    gp = signed_in("gp_clinician")
    form = gp.get("/diagnostics/new/").content.decode()
    assert "current wait about" in form and "Could the patient be pregnant?" in form
    fields = {**_form(icb), "test": "ct", "service": str(ct.id), "body_site": ""}
    refused = gp.post("/diagnostics/new/", fields).content.decode()
    for message in (
        "Enter the part of the body to image",
        "Select whether the patient could be pregnant",
        "Enter why the exposure to radiation is justified (IR(ME)R)",
        "most recent eGFR, in case contrast is needed",
    ):
        assert message in refused, message
    unsure = {
        **fields,
        "body_site": "Chest",
        "pregnancy_status": "unsure",
        "justification": "Haemoptysis.",
        "egfr": "٣٣",
    }
    refused = gp.post("/diagnostics/new/", unsure).content.decode()
    assert "Find out whether the patient is pregnant" in refused and "from 1 to 200" in refused
    assert DiagnosticRequest.objects.count() == 0
    ready = {**unsure, "pregnancy_status": "not_pregnant", "egfr": "74"}
    assert gp.post("/diagnostics/new/", ready).status_code == 302
    sent = DiagnosticRequest.objects.get()
    assert (sent.body_site, sent.pregnancy_status, sent.egfr, sent.justification) == (
        "Chest",
        "not_pregnant",
        74,
        "Haemoptysis.",
    )
    page = signed_in("consultant").get(f"/diagnostics/{sent.id}/").content.decode()
    assert "Justification (IR(ME)R)" in page and "74 mL/min/1.73 m²" in page


def test_an_ultrasound_keeps_only_what_it_asks_for(icb, signed_in) -> None:
    patient_at(icb.practices[0])
    extra = {"pregnancy_status": "pregnant", "egfr": "50", "justification": "Not needed."}
    assert signed_in("gp_clinician").post("/diagnostics/new/", {**_form(icb), **extra}).status_code == 302
    sent = DiagnosticRequest.objects.get()
    assert (sent.body_site, sent.pregnancy_status, sent.egfr, sent.justification) == ("Upper abdomen", "", None, "")
