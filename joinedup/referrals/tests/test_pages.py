"""The referral pages: sending through the form, the return form's required fields, worklists, counts, scoping."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from joinedup.core.models import HeldFile
from joinedup.directory.models import Service
from joinedup.referrals.models import ClinicalRequest, Kind, State
from joinedup.referrals.tests.helpers import PDF, act, patient_at, send, service_at


def _form(service: Service, **extra: object) -> dict[str, object]:
    """The form as sent from its check page (``confirm``); ``confirm=""`` is the form page's Continue."""
    fields: dict[str, object] = {
        "confirm": "1",
        "nhs_number": "999 000 0018",
        "service": str(service.id),
        "shortlist": [str(service.id)],
        "priority": "two_week_wait",
        "clinical_information": "Rectal bleeding and weight loss.",
    }
    fields.update(extra)
    return fields


def test_a_gp_sends_a_referral_with_a_shortlist_and_an_attachment(icb, signed_in) -> None:
    patient_at(icb.practices[0])
    service = service_at(icb.trusts[0])
    other = Service.objects.filter(specialty="cardiology", trust=icb.trusts[1]).first()
    assert other is not None
    upload = SimpleUploadedFile("bloods.pdf", PDF, content_type="application/octet-stream")
    response = signed_in("gp_clinician").post(
        "/referrals/new/referral/?specialty=cardiology",
        _form(service, shortlist=[str(service.id), str(other.id)], attachment=upload),
    )
    referral = ClinicalRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/referrals/{referral.id}/"
    assert referral.priority == "two_week_wait" and referral.state == State.AWAITING_TRIAGE
    assert len(referral.shortlist) == 2
    assert referral.attachments.get().content_type == "application/pdf"


def _hidden(page: str) -> list[tuple[str, str]]:
    """The answers a check page carries, as the browser would send them back."""
    return re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', page)


def test_the_gp_checks_every_answer_before_anything_is_sent_and_the_file_travels_once(icb, signed_in) -> None:
    patient = patient_at(icb.practices[0])
    service = service_at(icb.trusts[0])
    gp = signed_in("gp_clinician")
    url = "/referrals/new/referral/?specialty=cardiology"
    upload = SimpleUploadedFile("bloods.pdf", PDF, content_type="application/pdf")
    check = gp.post(
        url, _form(service, confirm="", attachment=upload, clinical_information="Chest pain.\nWorse on stairs.")
    )
    page = check.content.decode()
    assert check.status_code == 200 and not ClinicalRequest.objects.exists()
    assert "Check the referral before you send it" in page
    born = patient.date_of_birth
    assert f"{patient.full_name}, born {born.day} {born:%B %Y} (NHS number 999 000 0018)" in page
    for answer in (service.name, "Two-week wait", "Chest pain.\nWorse on stairs.", "bloods.pdf"):
        assert answer in page
    carried = _hidden(page)
    key = dict(carried)["held_attachment"]
    assert key and HeldFile.objects.get(key=key).name == "bloods.pdf"
    # Change: the form again, every answer in it, the held file named and kept.
    change = gp.post(url, dict(carried, change="priority"))
    form_page = change.content.decode()
    assert (
        change.status_code == 200 and "Continue" in form_page and "Attached: <strong>bloods.pdf</strong>" in form_page
    )
    assert 'value="two_week_wait" checked' in form_page and "Worse on stairs.</textarea>" in form_page
    assert f'name="held_attachment" value="{key}"' in form_page
    # The form sent again with one answer changed (the browser sends the answers the form shows).
    again = _hidden(gp.post(url, dict(carried, priority="urgent")).content.decode())
    assert dict(again)["priority"] == "urgent" and dict(again)["held_attachment"] == key
    sent = gp.post(url, dict(again, confirm="1"))
    referral = ClinicalRequest.objects.get()
    assert sent.status_code == 302 and sent["Location"] == f"/referrals/{referral.id}/"
    assert referral.priority == "urgent" and referral.clinical_information == "Chest pain.\nWorse on stairs."
    assert referral.attachments.get().filename == "bloods.pdf" and not HeldFile.objects.exists()


def test_a_good_file_is_kept_while_other_answers_are_corrected(icb, signed_in) -> None:
    """Nothing lost: a refused form does not make the GP choose the file again."""
    patient_at(icb.practices[0])
    service = service_at(icb.trusts[0])
    gp = signed_in("gp_clinician")
    url = "/referrals/new/referral/?specialty=cardiology"
    upload = SimpleUploadedFile("bloods.pdf", PDF, content_type="application/pdf")
    refused = gp.post(url, _form(service, confirm="", attachment=upload, clinical_information=""))
    page = refused.content.decode()
    assert refused.status_code == 400 and "Enter the clinical information" in page
    assert "Attached: <strong>bloods.pdf</strong>" in page
    key = re.search(r'name="held_attachment" value="([^"]+)"', page)
    assert key and HeldFile.objects.get(key=key.group(1)).name == "bloods.pdf"
    fixed = _form(service, confirm="", clinical_information="Palpitations.", held_attachment=key.group(1))
    carried = dict(_hidden(gp.post(url, fixed).content.decode()))
    assert gp.post(url, dict(carried, confirm="1")).status_code == 302
    assert ClinicalRequest.objects.get().attachments.get().filename == "bloods.pdf"


def test_a_held_file_is_its_owners_alone(icb, signed_in) -> None:
    patient_at(icb.practices[0])
    service = service_at(icb.trusts[0])
    upload = SimpleUploadedFile("bloods.pdf", PDF, content_type="application/pdf")
    url = "/referrals/new/referral/?specialty=cardiology"
    carried = dict(
        _hidden(signed_in("gp_clinician").post(url, _form(service, confirm="", attachment=upload)).content.decode())
    )
    # Someone else at the practice sending with that key sends no file: the key is not theirs.
    other = signed_in("practice_admin").post(url, dict(carried, confirm="1", form_token=""))
    assert other.status_code == 302 and not ClinicalRequest.objects.get().attachments.exists()
    assert HeldFile.objects.filter(key=carried["held_attachment"]).exists()


def test_the_check_page_is_not_shown_for_answers_that_cannot_be_sent(icb, signed_in) -> None:
    patient_at(icb.practices[0])
    service = service_at(icb.trusts[0])
    response = signed_in("gp_clinician").post(
        "/referrals/new/referral/?specialty=cardiology", _form(service, confirm="", nhs_number="999 000 0026")
    )
    assert response.status_code == 400 and "Check the referral" not in response.content.decode()
    assert "No patient with this NHS number is registered at your practice" in response.content.decode()
    assert not HeldFile.objects.exists()


def test_the_send_form_summarises_errors_and_keeps_what_was_typed(icb, signed_in) -> None:
    patient_at(icb.practices[0])
    service = service_at(icb.trusts[0])
    bad_file = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00binary", content_type="application/pdf")
    response = signed_in("gp_clinician").post(
        "/referrals/new/referral/?specialty=cardiology",
        _form(service, nhs_number="999 000 0019", attachment=bad_file, priority=""),
    )
    html = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in html
    assert "the check digit does not match" in html
    assert "Select the priority" in html
    assert "Rectal bleeding and weight loss.</textarea>" in html
    assert ClinicalRequest.objects.count() == 0
    with override_settings(ATTACHMENT_MAX_BYTES=10):
        big = SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf")
        html = (
            signed_in("gp_clinician")
            .post("/referrals/new/referral/?specialty=cardiology", _form(service, attachment=big))
            .content.decode()
        )
    assert f"scan.pdf is {len(PDF)} bytes: a file must be 10 bytes or smaller" in html
    assert ClinicalRequest.objects.count() == 0


def test_the_return_form_will_not_submit_without_reason_and_advice(icb, actor_for, signed_in) -> None:
    referral = send(actor_for("gp_clinician"), icb.trusts[0])
    consultant = signed_in("consultant")
    page = consultant.get(f"/referrals/{referral.id}/").content.decode()
    assert f"/referrals/{referral.id}/return/" in page and f"/referrals/{referral.id}/reject/" in page
    response = consultant.post(f"/referrals/{referral.id}/return/", {"reason": "", "note": "", "version": "1"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Select the reason" in html and "Enter your clinical advice to the referrer" in html
    referral.refresh_from_db()
    assert referral.state == State.AWAITING_TRIAGE
    response = consultant.post(
        f"/referrals/{referral.id}/return/",
        {"reason": "INVESTIGATIONS_FIRST", "note": "Please do a FIT test first.", "version": "1"},
    )
    assert response.status_code == 302
    gp_page = signed_in("gp_clinician").get(f"/referrals/{referral.id}/").content.decode()
    assert "Investigations needed before referral" in gp_page and "Please do a FIT test first." in gp_page


def test_a_stale_second_click_is_told_and_nothing_is_applied(icb, actor_for, signed_in) -> None:
    referral = send(actor_for("gp_clinician"), icb.trusts[0])
    consultant = signed_in("consultant")
    assert consultant.post(f"/referrals/{referral.id}/accept/", {"note": "", "version": "1"}).status_code == 302
    second = consultant.post(
        f"/referrals/{referral.id}/reject/",
        {"reason": "DUPLICATE", "note": "Duplicate of an earlier one", "version": "1"},
        follow=True,
    )
    assert "Someone else changed this request" in second.content.decode()
    referral.refresh_from_db()
    assert referral.state == State.ACCEPTED


def test_each_page_offers_only_the_steps_allowed_now(icb, actor_for, signed_in) -> None:
    advice = send(actor_for("gp_clinician"), icb.trusts[0], kind=Kind.ADVICE, conversion_allowed=False)
    consultant_page = signed_in("consultant").get(f"/referrals/{advice.id}/").content.decode()
    triage_page = signed_in("triage_admin").get(f"/referrals/{advice.id}/").content.decode()
    gp_page = signed_in("gp_clinician").get(f"/referrals/{advice.id}/").content.decode()
    assert "/reply/" in consultant_page and "/ask/" in consultant_page and "/convert/" not in consultant_page
    assert "What you can do now" not in triage_page
    assert "/withdraw/" in gp_page and "/reply/" not in gp_page


def test_the_worklists_filter_and_put_the_overdue_first(icb, actor_for, signed_in) -> None:
    import datetime

    gp = actor_for("gp_clinician")
    late = send(gp, icb.trusts[0], priority="routine")
    soon = send(gp, icb.trusts[0], priority="routine", patient=patient_at(icb.practices[0], "9990000026"))
    urgent = send(gp, icb.trusts[0], priority="urgent", patient=patient_at(icb.practices[0], "9990000034"))
    send(gp, icb.trusts[0], kind=Kind.ADVICE)
    ClinicalRequest.objects.filter(id=late.id).update(due_date=datetime.date(2020, 1, 6))
    consultant = signed_in("consultant")
    html = consultant.get("/referrals/worklists/").content.decode()
    # Within a priority the overdue come first; urgent comes before routine (issue 12, bug 3).
    assert html.index(urgent.reference) < html.index(late.reference) < html.index(soon.reference)
    assert "Overdue by" in html
    urgent_only = consultant.get("/referrals/worklists/?priority=urgent").content.decode()
    assert urgent.reference in urgent_only and late.reference not in urgent_only
    overdue_only = consultant.get("/referrals/worklists/?clock=overdue").content.decode()
    assert late.reference in overdue_only and soon.reference not in overdue_only
    advice_list = consultant.get("/referrals/worklists/?list=advice").content.decode()
    assert "A&amp;G requests" in advice_list and late.reference not in advice_list


def test_the_header_counts_new_work_and_opening_it_clears_the_practices(icb, actor_for, signed_in) -> None:
    referral = send(actor_for("gp_clinician"), icb.trusts[0])
    consultant = signed_in("consultant")
    assert '1<span class="nhsuk-u-visually-hidden"> waiting' in consultant.get("/").content.decode()
    act(actor_for("consultant"), referral, "reject", "Not for this clinic.", reason="ANOTHER_SERVICE")
    gp = signed_in("gp_clinician")
    assert '1<span class="nhsuk-u-visually-hidden"> new' in gp.get("/").content.decode()
    returned = gp.get("/referrals/?list=returned").content.decode()
    assert referral.reference in returned and "New" in returned
    gp.get(f"/referrals/{referral.id}/")
    assert '<span class="nhsuk-u-visually-hidden"> new' not in gp.get("/").content.decode()


def test_another_trust_or_practice_gets_404(icb, actor_for, signed_in) -> None:
    referral = send(actor_for("gp_clinician"), icb.trusts[1], patient=patient_at(icb.practices[0]))
    assert signed_in("consultant").get(f"/referrals/{referral.id}/").status_code == 404
    assert signed_in("consultant").post(f"/referrals/{referral.id}/accept/", {"version": "1"}).status_code == 404
    assert signed_in("icb_analyst").get(f"/referrals/{referral.id}/").status_code == 403


def test_the_convert_page_shows_the_whole_conversation_the_referral_will_carry(icb, signed_in, actor_for) -> None:
    gp, consultant = actor_for("gp_clinician"), actor_for("consultant")
    advice = send(gp, icb.trusts[0], kind=Kind.ADVICE, conversion_allowed=True)
    act(consultant, advice, "ask", "Is there a family history?")
    act(gp, advice, "answer", "Father had an MI at 50.", attachments=[("ecg.pdf", PDF)])
    page = signed_in("consultant").get(f"/referrals/{advice.id}/convert/").content.decode()
    assert "What the referral will carry" in page
    for words in ("Exertional chest pain", "Is there a family history?", "Father had an MI at 50.", "ecg.pdf"):
        assert words in page


def test_a_two_week_wait_clinic_refuses_a_routine_referral_and_the_form_says_why(icb, signed_in) -> None:
    patient_at(icb.practices[0])
    clinic = Service.objects.filter(trust=icb.trusts[0], two_week_wait_only=True).earliest("id")
    response = signed_in("gp_clinician").post(
        f"/referrals/new/referral/?specialty={clinic.specialty}",
        _form(clinic, priority="routine", shortlist=[], confirm=""),
    )
    page = response.content.decode()
    assert response.status_code == 400 and not ClinicalRequest.objects.exists()
    assert f"{clinic.name} takes only two-week wait (suspected cancer) referrals" in page
    assert "Takes two-week wait (suspected cancer) referrals only." in page
    accepted = signed_in("gp_clinician").post(
        f"/referrals/new/referral/?specialty={clinic.specialty}", _form(clinic, shortlist=[])
    )
    assert accepted.status_code == 302 and ClinicalRequest.objects.get().priority == "two_week_wait"


def test_the_triage_worklist_puts_two_week_wait_then_urgent_first(icb, signed_in, actor_for) -> None:
    gp = actor_for("gp_clinician")
    general = service_at(icb.trusts[0], advice=False)
    routine = send(gp, icb.trusts[0], service=general, priority="routine")
    urgent = send(
        gp, icb.trusts[0], service=general, priority="urgent", patient=patient_at(icb.practices[0], "9990000026")
    )
    cancer = send(
        gp, icb.trusts[0], service=general, priority="two_week_wait", patient=patient_at(icb.practices[0], "9990000034")
    )
    # The routine one is the most overdue: priority still comes first.
    ClinicalRequest.objects.filter(id=routine.id).update(due_date=routine.due_date.replace(year=2020))
    page = signed_in("consultant").get("/referrals/worklists/?list=referrals").content.decode()
    positions = [page.index(r.reference) for r in (cancer, urgent, routine)]
    assert positions == sorted(positions)


def test_a_question_from_the_hospital_is_its_own_list_not_a_and_g_answered(icb, actor_for, signed_in) -> None:
    gp, consultant = actor_for("gp_clinician"), actor_for("consultant")
    asked = send(gp, icb.trusts[0], kind=Kind.ADVICE)
    act(consultant, asked, "ask", "Is there a family history?")
    answered = send(gp, icb.trusts[0], kind=Kind.ADVICE, patient=patient_at(icb.practices[0], "9990000026"))
    act(consultant, answered, "reply", "Start a statin.")
    client = signed_in("gp_clinician")
    questions = client.get("/referrals/?list=asked").content.decode()
    assert asked.reference in questions and answered.reference not in questions
    assert "Is there a family history?" in questions
    advice = client.get("/referrals/?list=answered").content.decode()
    assert answered.reference in advice and asked.reference not in advice


def test_the_redirect_page_asks_where_to_and_sends_it_there(icb, actor_for, signed_in) -> None:
    referral = send(actor_for("gp_clinician"), icb.trusts[0])
    consultant = signed_in("consultant")
    form = consultant.get(f"/referrals/{referral.id}/redirect/").content.decode()
    target = service_at(icb.trusts[1], advice=False)
    assert "Redirect to" in form and f"{target.name}, {icb.trusts[1].name}" in form
    missing = consultant.post(f"/referrals/{referral.id}/redirect/", {"version": 1, "note": "Wrong clinic"})
    assert missing.status_code == 400 and "Select the service to redirect the referral to" in missing.content.decode()
    done = consultant.post(
        f"/referrals/{referral.id}/redirect/", {"version": 1, "note": "Wrong clinic", "service": str(target.id)}
    )
    # It now sits with another trust, out of this consultant's sight: the worklist says where it went,
    # instead of the referral's own page answering "not found".
    assert done.status_code == 302 and done["Location"] == "/referrals/worklists/"
    referral.refresh_from_db()
    assert referral.service == target
    page = consultant.get(done["Location"]).content.decode()
    assert f"redirected to {target.name}, {icb.trusts[1].name}. It is no longer on your trust" in page
    assert consultant.get(f"/referrals/{referral.id}/").status_code == 404


def test_a_referral_redirected_within_the_trust_stays_in_sight(icb, actor_for, signed_in) -> None:
    referral = send(actor_for("gp_clinician"), icb.trusts[0])
    target = Service.objects.filter(trust=icb.trusts[0], takes_referrals=True).exclude(id=referral.service_id)[0]
    done = signed_in("consultant").post(
        f"/referrals/{referral.id}/redirect/", {"version": 1, "note": "Rhythm clinic", "service": str(target.id)}
    )
    assert done.status_code == 302 and done["Location"] == f"/referrals/{referral.id}/"


def test_the_triage_administrator_books_from_the_list_and_the_gp_sees_the_appointment(
    icb, signed_in, actor_for
) -> None:
    """Issue 12: the booking side of e-RS, for the trust's administrators."""
    import datetime

    from django.utils import timezone

    referral = send(actor_for("gp_clinician"), icb.trusts[0])
    act(actor_for("consultant"), referral, "accept")
    triage = signed_in("triage_admin")
    assert "Accepted referrals to book</a>: 1" in triage.get("/").content.decode()
    listed = triage.get("/referrals/worklists/?list=to_book").content.decode()
    assert "Accepted, to book" in listed and f"/referrals/{referral.id}/book/" in listed
    lead_list = signed_in("trust_interface_lead").get("/referrals/worklists/?list=to_book").content.decode()
    assert referral.reference in lead_list and f"/referrals/{referral.id}/book/" not in lead_list  # may not book
    form = triage.get(f"/referrals/{referral.id}/book/").content.decode()
    assert "Appointment date" in form and "Clinic" in form
    refused = triage.post(f"/referrals/{referral.id}/book/", {"version": 2, "note": ""})
    assert refused.status_code == 400
    assert "Enter the appointment date" in refused.content.decode() and "Enter the clinic" in refused.content.decode()
    day = timezone.localdate() + datetime.timedelta(days=28)
    date = {"appointment_on_0": day.day, "appointment_on_1": day.month, "appointment_on_2": day.year}
    done = triage.post(f"/referrals/{referral.id}/book/", {"version": 2, **date, "clinic": "Clinic <b>4</b>"})
    assert done.status_code == 302
    page = signed_in("gp_clinician").get(f"/referrals/{referral.id}/").content.decode()
    assert ">Booked<" in page and "First appointment" in page
    assert f"{day:%d %B %Y}".lstrip("0") in page or f"{day:%d %B %Y}" in page
    assert "Clinic &lt;b&gt;4&lt;/b&gt;" in page
    after = triage.get("/referrals/worklists/?list=to_book").content.decode()
    assert f"Referral {referral.reference} is now booked" in after and f"/referrals/{referral.id}/book/" not in after


def test_the_gp_amends_a_returned_referral_from_its_page(icb, signed_in, actor_for) -> None:
    referral = send(actor_for("gp_clinician"), icb.trusts[0])
    act(
        actor_for("consultant"),
        referral,
        "return",
        note="Please add a <i>recent</i> HbA1c.",
        reason="INVESTIGATIONS_FIRST",
    )
    gp = signed_in("gp_clinician")
    assert f"/referrals/{referral.id}/resend/" in gp.get(f"/referrals/{referral.id}/").content.decode()
    form = gp.get(f"/referrals/{referral.id}/resend/").content.decode()
    assert "Please add a &lt;i&gt;recent&lt;/i&gt; HbA1c." in form and "Investigations needed before referral" in form
    refused = gp.post(f"/referrals/{referral.id}/resend/", {"version": 2, "note": ""})
    assert refused.status_code == 400 and "Enter what you have changed or added" in refused.content.decode()
    done = gp.post(f"/referrals/{referral.id}/resend/", {"version": 2, "note": "HbA1c 61 on 1 December."})
    assert done.status_code == 302
    referral.refresh_from_db()
    assert referral.state == State.AWAITING_TRIAGE and "HbA1c 61 on 1 December." in referral.clinical_information
    assert referral.reference in signed_in("consultant").get("/referrals/worklists/").content.decode()


@pytest.mark.parametrize("version", ["", "9" * 5000])
def test_a_form_whose_hidden_version_is_broken_says_what_to_do(icb, actor_for, signed_in, version) -> None:
    referral = send(actor_for("gp_clinician"), icb.trusts[0])
    response = signed_in("consultant").post(f"/referrals/{referral.id}/accept/", {"note": "", "version": version})
    assert response.status_code == 400
    page = response.content.decode()
    assert "This page was out of date or incomplete. Reload the page and try again" in page
    referral.refresh_from_db()
    assert referral.state == "awaiting_triage"
