"""Whole numbers typed or sent from outside, read strictly.

Python's ``int()`` reads "٣" and "３" as 3, "+3" and " 3" as 3, "3_0" as 30, and refuses a string of
more than 4,300 digits with a ValueError. An id, a count or a version arriving in an address, a
header or a body is a number here only when it is plain ASCII digits of a bounded length.
"""

from __future__ import annotations


def whole_number(text: str, max_digits: int) -> int | None:
    """``text`` as a number when it is 1 to ``max_digits`` ASCII digits, else None."""
    if text.isascii() and text.isdigit() and len(text) <= max_digits:
        return int(text)
    return None
