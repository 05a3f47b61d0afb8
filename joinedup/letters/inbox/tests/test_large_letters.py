"""Issue 11 item 5: a letter with thousands of requests stays a page a practice can use.

The reader's actions are capped per letter (the first ones in the letter's order, with a note of
how many more there were), and a long letter is shown a part at a time, never cutting a request.
"""

from __future__ import annotations

import re

from django.test import override_settings

from joinedup.letters.inbox import presenters, selectors
from joinedup.letters.models import LetterAction

from .helpers import make_letter

# Each request differs (and all have one length): the reader reads the same words written again close by as one
# block pasted twice (hazard H-132).
REQUEST = "Please check her U&Es in {:02d} days and let me know the result.\n"


def _long_letter(requests: int) -> str:
    body = "".join(REQUEST.format(day) for day in range(requests))
    return "Dear Dr Hale\n\nRe: Mrs Ada FENWICK\n\n" + body + "\nYours sincerely\nDr Qureshi\n"


@override_settings(LETTER_MAX_READER_ACTIONS=20)
def test_the_reader_keeps_the_first_requests_up_to_the_cap_and_counts_the_rest(icb) -> None:
    letter = make_letter(icb.practices[0], icb.trusts[0], text=_long_letter(35))
    kept = list(LetterAction.objects.filter(letter=letter).order_by("start"))
    assert len(kept) == letter.action_count == 20
    assert letter.reader_actions_left_out == 15
    # The first twenty in the letter's order: nothing after the twentieth request is kept.
    assert kept[-1].start == letter.text.index(REQUEST.format(0)) + 19 * len(REQUEST.format(0))


@override_settings(LETTER_MAX_READER_ACTIONS=20)
def test_the_letter_page_says_how_many_more_requests_there_are(icb, signed_in) -> None:
    letter = make_letter(icb.practices[0], icb.trusts[0], text=_long_letter(35))
    page = signed_in("gp_clinician").get(f"/letters/{letter.id}/").content.decode()
    assert "This letter asks for more than JoinedUp lists" in page
    assert "The reader found 15 more requests in this letter than the 20 it lists below" in page
    small = make_letter(icb.practices[0], icb.trusts[0])
    assert (
        "asks for more than JoinedUp lists"
        not in signed_in("gp_clinician").get(f"/letters/{small.id}/").content.decode()
    )


@override_settings(LETTER_PAGE_CHARACTERS=500)
def test_a_long_letter_is_shown_a_part_at_a_time_with_links_to_each_part(icb, signed_in) -> None:
    letter = make_letter(icb.practices[0], icb.trusts[0], text=_long_letter(40))
    client = signed_in("gp_clinician")
    first = client.get(f"/letters/{letter.id}/").content.decode()
    text_region = re.search(r'<div class="jn-letter-text".*?</div>', first, re.S)
    assert text_region is not None and len(text_region.group(0)) < 10 * 500  # one part, not the letter
    assert "You are reading part 1" in first and 'href="?part=2#letter-text-heading"' in first
    # Every action is still listed, and one outside this part links to the part that holds it.
    assert first.count('class="jn-letter-action nhsuk-card"') == letter.action_count
    assert re.search(r'href="\?part=\d+#quote-\d+">Action \d+ is in part \d+ of the letter', first)
    last = client.get(f"/letters/{letter.id}/?part=999").content.decode()  # past the end: the last part
    assert "Yours sincerely" in last and "Dear Dr Hale" not in last.split('class="jn-letter-text"')[1]


def test_parts_break_at_a_line_and_never_through_a_request(icb) -> None:
    letter = make_letter(icb.practices[0], icb.trusts[0], text=_long_letter(40))
    actions = selectors.actions_of(letter)
    parts = presenters.letter_parts(letter.text, actions, 300)
    assert parts[0][0] == 0 and parts[-1][1] == len(letter.text)
    assert all(high == next_low for (_, high), (next_low, _) in zip(parts, parts[1:], strict=False))
    for _low, high in parts:
        assert high == len(letter.text) or letter.text[high - 1] == "\n"
        assert not any(a.start < high < a.end for a in actions)
    assert presenters.letter_parts("short", [], 300) == [(0, 5)]
    marked = presenters.mark_actions(letter.text, actions, parts[1])
    assert "".join(segment.text for segment in marked.segments) == letter.text[parts[1][0] : parts[1][1]]
    assert not marked.unplaced  # actions in other parts are not "misplaced"
