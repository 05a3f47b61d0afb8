"""The audit record in words people read (issue 12, bug 14): not 'gp_clinician at Z00001 letter.viewed letters.letter 941'."""

from __future__ import annotations

from joinedup.letters.inbox.tests.helpers import make_letter


def test_the_audit_page_names_role_organisation_and_what_was_done(icb, signed_in) -> None:
    letter = make_letter(icb.practices[0], icb.trusts[0])
    signed_in("gp_clinician").get(f"/letters/{letter.id}/")
    page = signed_in("system_admin").get("/audit/").content.decode()
    row = page.split(f"Letter {letter.id}: viewed")[0].rsplit("<tr", 1)[1]
    assert f"GP clinician, {icb.practices[0].name}" in row
    assert "gp_clinician" not in page and "letter.viewed" not in page and "letters.letter" not in page
    # The reader's own event is JoinedUp's, not a person's.
    assert f"Letter {letter.id}: read by the letter reader" in page and "JoinedUp itself" in page
