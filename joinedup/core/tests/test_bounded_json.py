"""Deep or hostile JSON is refused with a reason, never a RecursionError (issue 11, items 1 and 2)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinedup.core.bounded_json import UnreadableJSON, loads, nesting_depth


def test_a_document_thousands_of_levels_deep_is_refused_without_recursing() -> None:
    bomb = b"[" * 100_000 + b"]" * 100_000
    with pytest.raises(UnreadableJSON, match="nested more than 64 levels"):
        loads(bomb)
    nested_objects = b'{"a":' * 5000 + b"1" + b"}" * 5000
    with pytest.raises(UnreadableJSON, match="nested"):
        loads(nested_objects)


def test_brackets_inside_strings_do_not_count() -> None:
    text = json.dumps({"narrative": "[[[[{{{{" * 100, "quote": 'say \\"[[[\\" and \\\\'}).encode()
    assert nesting_depth(text) == 1
    assert loads(text)["narrative"].startswith("[[[[")


def test_an_escaped_quote_does_not_end_the_string() -> None:
    text = rb'{"a": "x\"[[[[[[", "b": [1]}'
    assert nesting_depth(text) == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"{not json", "Not valid JSON"), (b"\xff\xfe\x00", "not UTF-8"), (b'{"a": 1', "Not valid JSON")],
)
def test_broken_json_says_why(data: bytes, message: str) -> None:
    with pytest.raises(UnreadableJSON, match=message):
        loads(data)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=30,
)


def _depth(value: object) -> int:
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    return 0


@given(json_values)
def test_the_scan_agrees_with_the_decoded_depth(value: object) -> None:
    data = json.dumps(value).encode()
    assert nesting_depth(data) == _depth(value)
    assert loads(data) == value
