"""The inbox's pages without JavaScript: what they show, to whom, and what a form post does."""

from __future__ import annotations

import re

import pytest

from joinedup.audit.models import AuditEvent
from joinedup.letters.models import ActionFeedback, ActionOrigin
from joinedup.letters.reader import READER_VERSION

from .helpers import CHASE, CHECK, CLINIC_LETTER, MISSED, make_letter


@pytest.fixture
def letter(icb):
    return make_letter(icb.practices[0], icb.trusts[0])


def test_the_inbox_lists_new_letters_and_the_header_counts_them(letter, icb, signed_in) -> None:
    make_letter(icb.practices[0], icb.trusts[0], read=False)
    page = signed_in("gp_clinician").get("/letters/").content.decode()
    assert letter.patient.full_name in page
    assert "Being read" in page
    assert "1 inappropriate" in page
    assert re.search(r'Letters <span class="jn-nav-count">2<', page)
    home = signed_in("gp_clinician").get("/").content.decode()
    assert "2 new letters, 1 asking the practice for something the hospital should do" in home


def test_the_letter_page_highlights_each_action_in_place_and_audits_the_opening(letter, signed_in) -> None:
    page = signed_in("gp_clinician").get(f"/letters/{letter.id}/").content.decode()
    chase = letter.actions.get(quote=CHASE)
    assert (
        f'<mark class="jn-action-mark jn-action-mark--inappropriate" id="quote-{chase.id}" data-start="{chase.start}">'
        in page
    )
    assert "Test results left to the GP (test_results)" in page
    assert "NHS England standards for communicating test results" in page
    assert "the hospital should act on and tell the patient about tests it ordered" in page
    event = AuditEvent.objects.get(action="letter.viewed")
    assert event.patient_nhs_number == letter.patient.nhs_number


def test_the_letter_page_says_which_version_of_the_reader_found_its_actions(letter, signed_in) -> None:
    page = signed_in("gp_clinician").get(f"/letters/{letter.id}/").content.decode()
    assert f"Found by the letter reader, version {READER_VERSION}." in page


def test_each_highlight_and_its_link_carry_the_verdict_in_text_and_a_key_explains_the_styles(letter, signed_in) -> None:
    page = signed_in("gp_clinician").get(f"/letters/{letter.id}/").content.decode()
    chase, check = letter.actions.get(quote=CHASE), letter.actions.get(quote=CHECK)
    # Hidden words come right before each highlight, so they are read in order with it.
    assert re.search(
        r'<span class="nhsuk-u-visually-hidden">Request 1: inappropriate, test results left to the GP:</span>'
        rf'<mark class="jn-action-mark jn-action-mark--inappropriate" id="quote-{chase.id}"',
        page,
    )
    assert re.search(
        r'<span class="nhsuk-u-visually-hidden">Request 2: for the practice, monitoring:</span>'
        rf'<mark class="jn-action-mark" id="quote-{check.id}"',
        page,
    )
    link = re.search(rf'<a class="jn-action-ref" href="#action-{chase.id}">(.*?)</a>', page)
    assert link is not None
    assert re.sub(r"<[^>]+>", " ", link.group(1)).split() == (
        "[ End of request 1 (inappropriate): what the reader made of it and your answer ]".split()
    )
    assert "Key to the highlights" in page
    assert "with a solid underline inside a dashed box: an inappropriate request" in page


def test_the_letter_text_is_escaped_inside_and_outside_highlights(icb, signed_in) -> None:
    text = CLINIC_LETTER.replace("Dear Dr Hale", "Dear Dr <script>alert(1)</script> Hale").replace(
        "Please check her U&Es", "Please check her <b>U&Es</b>"
    )
    letter = make_letter(icb.practices[0], icb.trusts[0], text=text)
    page = signed_in("gp_clinician").get(f"/letters/{letter.id}/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Please check her &lt;b&gt;U&amp;Es&lt;/b&gt; in two weeks.</mark>" in page


def test_the_raise_concern_link_carries_rule_quote_letter_and_trust(letter, icb, signed_in) -> None:
    client = signed_in("gp_clinician")
    page = client.get(f"/letters/{letter.id}/").content.decode()
    link = re.search(r'href="(/concerns/new/\?[^"]+)"', page)
    assert link is not None
    form = client.get(link.group(1).replace("&amp;", "&")).content.decode()
    assert re.search(r"<option value=\"test_results\"\s+selected", form)
    assert CHASE in form
    assert f"L-{letter.id}" in form
    assert f'value="{icb.trusts[0].ods_code}" selected' in form


def test_another_practice_gets_404_and_other_roles_403(letter, icb, signed_in) -> None:
    theirs = make_letter(icb.practices[1], icb.trusts[0])
    assert signed_in("gp_clinician").get(f"/letters/{theirs.id}/").status_code == 404
    assert signed_in("consultant").get(f"/letters/{letter.id}/").status_code == 403


def test_not_for_us_without_a_reason_shows_the_error_and_keeps_the_answer(letter, signed_in) -> None:
    action = letter.actions.get(quote=CHECK)
    response = signed_in("gp_clinician").post(
        f"/letters/{letter.id}/actions/{action.id}/feedback/", {f"action-{action.id}-outcome": "not_for_us"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert f'href="#id_action-{action.id}-note"' in page
    assert re.search(r'value="not_for_us"[^>]*checked|checked[^>]*value="not_for_us"', page)
    assert not ActionFeedback.objects.exists()


def test_feedback_without_javascript_is_saved_and_shown(letter, signed_in) -> None:
    action = letter.actions.get(quote=CHASE)
    client = signed_in("practice_admin")
    response = client.post(
        f"/letters/{letter.id}/actions/{action.id}/feedback/", {f"action-{action.id}-outcome": "done"}, follow=True
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Your practice's answer: <strong>Done</strong>" in page
    assert ActionFeedback.objects.get().outcome == "done"


def test_a_missed_action_pasted_without_javascript_is_added(letter, signed_in) -> None:
    client = signed_in("gp_clinician")
    response = client.post(
        f"/letters/{letter.id}/missed/",
        {"missed-quote": MISSED, "missed-category": "monitoring", "missed-verdict": "appropriate", "missed-rule": ""},
    )
    assert response.status_code == 302
    added = letter.actions.get(origin=ActionOrigin.PRACTICE)
    assert CLINIC_LETTER[added.start : added.end] == MISSED
    response = client.post(
        f"/letters/{letter.id}/missed/",
        {"missed-quote": "words that are not there", "missed-category": "admin", "missed-verdict": "appropriate"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "These words are not in the letter" in page
    assert "words that are not there" in page  # nothing typed is lost


def test_filing_takes_the_letter_off_the_new_list(letter, signed_in) -> None:
    client = signed_in("gp_clinician")
    # Its requests are unanswered: filing needs the person to say so (issue 12, bug 13).
    refused = client.post(f"/letters/{letter.id}/file/", {"version": letter.version}, follow=True)
    assert "no answer yet" in refused.content.decode()
    letter.refresh_from_db()
    assert letter.filed_at is None
    response = client.post(f"/letters/{letter.id}/file/", {"version": letter.version, "file_unanswered": "on"})
    assert response.status_code == 302
    link = f'href="/letters/{letter.id}/"'
    assert link not in client.get("/letters/").content.decode()
    assert link in client.get("/letters/?which=filed").content.decode()
    again = client.post(
        f"/letters/{letter.id}/file/", {"version": letter.version, "file_unanswered": "on"}, follow=True
    )
    assert "already filed" in again.content.decode()
    back = client.post(f"/letters/{letter.id}/unfile/", {"version": letter.version + 1}, follow=True)
    assert "back among the new letters" in back.content.decode()
    assert link in client.get("/letters/").content.decode()
    assert AuditEvent.objects.filter(action="letter.unfiled").count() == 1
    stale = client.post(f"/letters/{letter.id}/unfile/", {"version": letter.version + 1}, follow=True)
    assert "changed while you had it open" in stale.content.decode()


def test_the_accuracy_page_explains_its_figures(letter, signed_in) -> None:
    action = letter.actions.get(quote=CHASE)
    client = signed_in("gp_clinician")
    client.post(f"/letters/{letter.id}/actions/{action.id}/feedback/", {f"action-{action.id}-outcome": "done"})
    page = client.get("/letters/accuracy/").content.decode()
    assert "right ÷ (right + wrong + missed)" in page
    assert "100%" in page
    assert signed_in("icb_analyst").get("/letters/accuracy/").status_code == 200
    assert signed_in("consultant").get("/letters/accuracy/").status_code == 403


def test_a_letter_the_reader_could_not_read_says_so_and_shows_the_text(icb, signed_in) -> None:
    letter = make_letter(icb.practices[0], icb.trusts[0], read=False, reading_state="failed", reading_error="Too big")
    page = signed_in("gp_clinician").get(f"/letters/{letter.id}/").content.decode()
    assert "The reader could not read this letter" in page
    assert "Read it in full yourself" in page
    assert "Please start amlodipine 5 mg OD." in page
    assert "Could not be read" in signed_in("gp_clinician").get("/letters/").content.decode()
