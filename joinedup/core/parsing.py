"""Numbers people (and attackers) type into addresses and forms, parsed safely.

``str.isdigit`` is true for "²" and "٣", and ``int`` of a 5,000-digit string raises; a record id
is ASCII digits and fits a database column, or it is not an id at all.
"""

from __future__ import annotations

import re

_ID = re.compile(r"[0-9]{1,18}")  # fits PostgreSQL's bigint and SQLite's integer


def parse_id(value: object) -> int | None:
    """The id ``value`` names, or None when it is not one (empty, not ASCII digits, too long)."""
    text = str(value).strip() if value is not None else ""
    return int(text) if _ID.fullmatch(text) else None


def parse_year(value: str) -> int | None:
    """A four-digit year in ASCII digits, or None."""
    text = value.strip()
    return int(text) if re.fullmatch(r"[0-9]{4}", text) else None
