"""The GP's letter inbox in the browser: open a letter, answer its actions, add a missed one, raise a concern."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from conftest import DEMO_USERS
from joinedup.letters.inbox.tests.helpers import CHASE, CHECK, CLINIC_LETTER, MISSED, START, make_letter
from joinedup.letters.models import ActionFeedback, ActionOrigin, LetterAction
from tests.browser.conftest import World, assert_accessible, error_summary, nav_links, sign_in, submit

pytestmark = pytest.mark.browser

# Selects letter text from ``start`` to ``end`` (offsets in the letter) the way a mouse drag would.
SELECT_TEXT = """([start, end]) => {
    const runs = [...document.querySelectorAll("#letter-text [data-start]")];
    const point = (offset) => {
        for (const run of runs) {
            const from = Number(run.dataset.start);
            const node = run.firstChild;
            if (offset >= from && offset <= from + node.data.length) return [node, offset - from];
        }
        throw new Error("offset outside the letter: " + offset);
    };
    const range = document.createRange();
    range.setStart(...point(start));
    range.setEnd(...point(end));
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
}"""


def _save(page: Page, action: LetterAction, answer: str, note: str = "") -> int:
    section = page.locator(f"#action-{action.id}")
    section.get_by_label(answer, exact=True).check()
    if note:
        section.get_by_label("Note").fill(note)
    with page.expect_navigation() as navigation:
        section.get_by_role("button", name=re.compile("Save answer|Change answer")).click()
    response = navigation.value
    assert response is not None
    return response.status


def test_a_gp_works_through_a_letter_and_raises_a_concern(page: Page, world: World) -> None:
    practice, trust = world.directory.practices[0], world.directory.trusts[0]
    letter = make_letter(practice, trust, patient=world.patients["9990000018"])
    chase, check, start = (letter.actions.get(quote=q) for q in (CHASE, CHECK, START))

    sign_in(page, DEMO_USERS["gp_clinician"])
    page.goto("/letters/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Letters")
    assert ("Letters 1 new", "/letters/") in nav_links(page)
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Ada Fenwick").click()

    # Each action is highlighted over its own words, with what the reader made of it.
    marks = page.locator("#letter-text mark")
    expect(marks).to_have_text([CHASE, CHECK, START])
    first = page.locator(f"#action-{chase.id}")
    expect(first.get_by_role("heading")).to_have_text("Action 1: Results")
    expect(first).to_contain_text("Inappropriate request")
    expect(first).to_contain_text("Test results left to the GP (test_results)")
    expect(first).to_contain_text("NHS England standards for communicating test results on discharge")
    assert_accessible(page)

    # "Not for us" needs a reason: the error is shown and leads to the field.
    assert _save(page, check, "Not for us") == 400
    assert error_summary(page) == [("Enter why this action is not for the practice", f"#id_action-{check.id}-note")]
    assert_accessible(page)

    assert _save(page, check, "Done") == 200
    expect(page.get_by_role("status")).to_contain_text("Action 2: your answer is saved")
    assert (
        _save(page, start, "Wrong: wrong category", note="It is a blood pressure medicine: medication, not results")
        == 200
    )
    expect(page.locator(f"#action-{start.id}")).to_contain_text("Your practice's answer: Wrong: wrong category")
    assert {a.action_id: a.outcome for a in ActionFeedback.objects.all()} == {
        check.id: "done",
        start.id: "wrong_category",
    }

    # A missed action: select its words (with the space after them) and the script fills the form.
    at = CLINIC_LETTER.index(MISSED)
    page.evaluate(SELECT_TEXT, [at, at + len(MISSED) + 1])
    form = page.locator("#missed")
    expect(form.get_by_label("The words of the action")).to_have_value(MISSED)
    expect(form.locator("input[name='missed-start']")).to_have_value(str(at))
    form.get_by_label("Kind of action").select_option("monitoring")
    form.get_by_label("Appropriate", exact=True).check()
    assert submit(page, "Add the missed action") == 200
    added = LetterAction.objects.get(letter=letter, origin=ActionOrigin.PRACTICE)
    assert (added.start, added.end, added.quote) == (at, at + len(MISSED), MISSED)
    expect(marks).to_have_text([CHASE, CHECK, START, MISSED])
    expect(page.locator(f"#action-{added.id}")).to_contain_text("Added by the practice")
    assert_accessible(page)

    # Raising an interface concern about the inappropriate request: the form arrives filled in.
    with page.expect_navigation():
        page.get_by_role("link", name="Raise an interface concern about action 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Raise a concern")
    expect(page.get_by_label("Which organisation is the concern about?")).to_have_value(trust.ods_code)
    expect(page.get_by_label("Which rule does it break?")).to_have_value("test_results")
    expect(page.get_by_label("What the evidence says (optional)")).to_have_value(CHASE)
    expect(page.get_by_label("Evidence reference (optional)")).to_have_value(f"L-{letter.id}")
    assert_accessible(page)

    # Filed, the letter leaves the new letters (saying so for the requests still unanswered).
    page.goto(f"/letters/{letter.id}/")
    page.get_by_label("unanswered").check()
    assert submit(page, "File this letter") == 200
    expect(page.get_by_text("No new letters.")).to_be_visible()
    assert_accessible(page)
    page.goto("/letters/accuracy/")
    # One right (done), one wrong (category), one missed: accuracy 1 / 3, precision 2 / 2, recall 2 / 3.
    expect(page.get_by_role("table", name="Per month, newest first")).to_contain_text("Accuracy 33%")
    expect(page.get_by_role("table", name="Per month, newest first")).to_contain_text("Recall 67%")
    # What practices correct most: the wrong category on one reader action is a correction of its category.
    expect(page.get_by_role("table", name=re.compile("Corrections per kind of request"))).to_contain_text("Corrected 1")
    assert_accessible(page)
