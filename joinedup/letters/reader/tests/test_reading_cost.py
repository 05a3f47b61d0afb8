"""What keeps the reader's cost in line with the letter's length (decision 0051): each request's statement is made
once, and a summary line is compared only with the requests near it."""

from __future__ import annotations

import pytest

from joinedup.letters.reader import restated
from joinedup.letters.reader.segment import SectionKind, Unit

_BOX = "Clenil 100mcg 2 puffs BD - please prescribe | Salbutamol 100mcg inhaler - repeat | Asthma nurse review 2/52"
_STATED = [
    "Please prescribe Clenil 100mcg 2 puffs BD from now on.",
    "Please add the salbutamol 100mcg inhaler to his repeat.",
]


def _found(quote: str, category: str = "medication") -> tuple[str, str, Unit]:
    return (quote, category, Unit(start=0, end=len(quote), text=quote, section=SectionKind.NONE, paragraph=0))


def _between(count: int) -> list[tuple[str, str, Unit]]:
    """Requests of another kind, each naming its own service."""
    return [_found(f"Please refer her to service number {k} for assessment.", "referral") for k in range(count)]


def test_a_one_line_box_near_the_requests_it_lists_is_their_summary() -> None:
    found = [_found(_BOX, "admin"), *_between(5), *(_found(quote) for quote in _STATED)]
    assert 0 in restated.restatements(found)


def test_a_one_line_box_is_not_compared_with_requests_far_beyond_it() -> None:
    """On a letter of a megabyte, every box compared with every request was the reading's one cost that grew with the
    square of its length; a box and the requests it lists stand within _WITHIN_REQUESTS of one another."""
    far = restated._WITHIN_REQUESTS + 1
    found = [_found(_BOX, "admin"), *_between(far), *(_found(quote) for quote in _STATED)]
    assert 0 not in restated.restatements(found)


def test_each_requests_statement_is_made_once(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []
    statement = restated._statement

    def counted(quote: str, category: str, unit: Unit) -> restated._Statement:
        made.append(quote)
        return statement(quote, category, unit)

    monkeypatch.setattr(restated, "_statement", counted)
    found = [_found(_BOX), *(_found(quote) for quote in _STATED), _found("Please refer her to podiatry.", "referral")]
    restated.restatements(found)
    requests = [quote for quote, _, _ in found]
    assert all(made.count(quote) <= 1 for quote in requests)
    assert set(_STATED) <= set(made)  # (and the box's entries are read as statements of their own)
