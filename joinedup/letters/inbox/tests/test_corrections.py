"""The accuracy page: which categories and rules practices correct most, in the viewer's scope and period."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from joinedup.letters.inbox import selectors, services
from joinedup.letters.models import ActionFeedback, LetterAction
from joinedup.letters.reader.learned import REASON_MARK as LEARNED_REASON_MARK

from .helpers import CHASE, CHECK, MISSED, START, make_letter


def _answer(gp, letter, quote: str, outcome: str) -> None:
    services.give_feedback(
        actor=gp, letter_id=letter.id, action_id=letter.actions.get(quote=quote).id, outcome=outcome, note="n"
    )


@pytest.fixture
def answered(icb, actor_for):
    gp = actor_for("gp_clinician")
    ours = make_letter(icb.practices[0], icb.trusts[0])
    _answer(gp, ours, CHASE, "wrong_verdict")  # results, flagged test_results: corrected
    _answer(gp, ours, CHECK, "done")  # monitoring, not flagged: right
    _answer(gp, ours, START, "wrong_category")  # medication, not flagged: corrected
    services.add_missed_action(actor=gp, letter_id=ours.id, quote=MISSED, category="monitoring", verdict="appropriate")
    theirs = make_letter(icb.practices[1], icb.trusts[0])  # another practice of the same ICB
    ActionFeedback.objects.create(action=theirs.actions.get(quote=CHASE), outcome="not_an_action", given_by=gp.person)
    old = make_letter(icb.practices[0], icb.trusts[0])
    _answer(gp, old, CHASE, "not_an_action")
    ActionFeedback.objects.filter(action__letter=old).update(given_at=timezone.now() - datetime.timedelta(days=200))
    return ours


def _rows(rows) -> dict[str, tuple[int, int, int]]:
    return {row.key: (row.answered, row.corrected, row.missed) for row in rows}


@pytest.mark.django_db
def test_corrections_per_category_and_rule_in_the_practice_scope_and_period(answered, actor_for) -> None:
    since = timezone.now() - datetime.timedelta(days=91)
    tables = selectors.corrections(actor_for("gp_clinician"), since)
    assert _rows(tables.by_category) == {"results": (1, 1, 0), "medication": (1, 1, 0), "monitoring": (1, 0, 1)}
    assert _rows(tables.by_rule) == {"test_results": (1, 1, 0), "": (2, 1, 1)}
    assert tables.by_rule[0].key == "" and tables.by_rule[0].share == 0.5  # most corrected (with misses) first
    # The ICB sees its practices together; a year back takes in the older answer too.
    tables = selectors.corrections(actor_for("icb_analyst"), since)
    assert _rows(tables.by_category)["results"] == (2, 2, 0)
    tables = selectors.corrections(actor_for("icb_analyst"), timezone.now() - datetime.timedelta(days=366))
    assert _rows(tables.by_category)["results"] == (3, 3, 0)


@pytest.mark.django_db
def test_flags_are_counted_by_what_raised_them(answered, icb, actor_for, signed_in) -> None:
    """A deployment can see how often practices correct the learned verdict's flags next to the rules' flags."""
    gp = actor_for("gp_clinician")
    learned = make_letter(icb.practices[0], icb.trusts[0])
    flag = learned.actions.get(quote=CHECK)
    LetterAction.objects.filter(id=flag.id).update(
        verdict="inappropriate",
        rule="provider_follow_up",
        reason="Monitoring request that breaches 'provider_follow_up': no rule named a breach, but requests worded "
        f"like this one were judged the hospital's in the annotated letters ({LEARNED_REASON_MARK} 0.86; ...).",
    )
    _answer(gp, learned, CHECK, "done")
    _answer(gp, learned, CHASE, "done")
    tables = selectors.corrections(gp, timezone.now() - datetime.timedelta(days=91))
    # the rules flagged CHASE twice (corrected once), the learned verdict CHECK once (kept)
    assert _rows(tables.by_source) == {"rules": (2, 1, 0), "learned": (1, 0, 0)}
    page = signed_in("gp_clinician").get("/letters/accuracy/").content.decode()
    assert "Flags corrected, by what raised them" in page
    assert "The learned verdict (no rule named a breach)" in page and "The contract rules" in page


@pytest.mark.django_db
def test_the_accuracy_page_shows_the_corrections_and_its_period(answered, signed_in) -> None:
    client = signed_in("gp_clinician")
    page = client.get("/letters/accuracy/").content.decode()
    assert "What practices correct most" in page
    assert "Corrections per kind of request" in page and "Corrections per contract rule" in page
    assert "(test_results)" in page and "Not flagged (the reader said appropriate)" in page
    assert '<strong aria-current="true">Last 3 months</strong>' in page
    year = client.get("/letters/accuracy/?months=12").content.decode()
    assert '<strong aria-current="true">Last 12 months</strong>' in year
    for hostile in ("7", "abc", "-1", "1" * 40, "%E2%80%8B3"):
        response = client.get(f"/letters/accuracy/?months={hostile}")
        assert response.status_code == 200
        assert '<strong aria-current="true">Last 3 months</strong>' in response.content.decode()
    assert client.get("/letters/accuracy/?months=%00").status_code == 400  # the site's own NUL guard
    assert signed_in("consultant").get("/letters/accuracy/?months=1").status_code == 403


@pytest.mark.django_db
def test_no_answers_in_the_period_says_so(icb, signed_in) -> None:
    page = signed_in("gp_clinician").get("/letters/accuracy/?months=1").content.decode()
    assert "No answers in this period." in page
