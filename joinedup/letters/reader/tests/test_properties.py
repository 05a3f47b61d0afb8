"""Whatever the input, every reported quote is exactly text[start:end]."""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from joinedup.letters.reader.cli import process_line
from joinedup.letters.reader.engine import MAX_LETTER_CHARS, LetterTooLarge, read_letter

from .helpers import clinic_letter

FRAGMENTS = st.sampled_from(
    [
        "Please check U&Es in 1/52.",
        "GP to refer to ENT.",
        "Actions for GP:\n",
        "- ? refer\n",
        "Pl ease add to prob1em list.",
        "Action | By whom\nRepeat FBC | GP\n",
        "İstanbul ﬁle ß ǅ",
        "\n\n",
        "We will see her.",
        "Dear Mrs X\n",
    ]
)


def _check(text: str) -> None:
    for action in read_letter(text):
        assert 0 <= action.start < action.end <= len(text)
        assert text[action.start : action.end] == action.quote
        assert action.quote.strip() == action.quote


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_offsets_match_on_any_text(text: str) -> None:
    _check(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=40)), max_size=25).map("".join))
def test_offsets_match_on_letter_like_text(text: str) -> None:
    _check(text)


def test_empty_text_has_no_actions() -> None:
    assert read_letter("") == []
    assert read_letter("   \n\n") == []


def test_non_english_text() -> None:
    text = "Lieber Herr Doktor,\nbitte überprüfen Sie die Nierenwerte. 请检查肾功能。 İİİ Please check U&Es in 1/52."
    _check(text)
    assert any(a.category == "monitoring" for a in read_letter(text))


def test_one_megabyte_letter_is_read_in_full_and_fast() -> None:
    body = clinic_letter("Her HbA1c was 58. ") * 600
    text = (body * (1_000_000 // len(body) + 1))[:1_000_000] + "\nPlease check her U&Es in 2 weeks.\n"
    began = time.perf_counter()
    actions = read_letter(text)
    assert time.perf_counter() - began < 20
    # the request at the very end of a 1 MB letter is still found
    assert [a.quote for a in actions] == ["Please check her U&Es in 2 weeks."]
    assert text[actions[0].start : actions[0].end] == actions[0].quote


def test_letter_over_the_limit_is_refused_not_cut() -> None:
    with pytest.raises(LetterTooLarge):
        read_letter("x" * (MAX_LETTER_CHARS + 1))
    result = process_line(json.dumps({"id": "big", "text": "x" * (MAX_LETTER_CHARS + 1)}))
    assert result is not None and result["id"] == "big" and "limit" in result["error"]
