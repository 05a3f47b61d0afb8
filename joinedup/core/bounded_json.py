"""JSON from outside (MESH, uploads, the API) read within limits: never a RecursionError, never a 500.

Python's JSON decoder recurses once per level of nesting, so a document a few thousand levels
deep exhausts the stack; FHIR models recurse again over what it built. Before decoding, a scan
of the brackets alone (strings skipped) refuses anything nested deeper than ``max_depth``: real
FHIR documents are about ten levels deep.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_DEPTH = 64
_STRUCTURE = re.compile(rb'["\\\[\]{}]')


class UnreadableJSON(ValueError):
    """The bytes are not JSON this service will read; the message says why, for a person."""


def nesting_depth(data: bytes, stop_at: int | None = None) -> int:
    """The deepest nesting of arrays and objects in ``data`` (strings skipped); stops early past ``stop_at``."""
    depth = deepest = 0
    in_string = False
    escaped_at = -1  # the position of a character escaped by a backslash
    for match in _STRUCTURE.finditer(data):
        position, token = match.start(), match.group()
        if position == escaped_at:
            continue
        if in_string:
            if token == b"\\":
                escaped_at = position + 1
            elif token == b'"':
                in_string = False
        elif token == b'"':
            in_string = True
        elif token in (b"[", b"{"):
            depth += 1
            if depth > deepest:
                deepest = depth
                if stop_at is not None and deepest > stop_at:
                    return deepest
        elif token in (b"]", b"}"):
            depth -= 1
    return deepest


def loads(data: bytes, *, max_depth: int = MAX_DEPTH) -> Any:
    """The decoded JSON, or ``UnreadableJSON`` with a reason a person can act on."""
    if nesting_depth(data, stop_at=max_depth) > max_depth:
        raise UnreadableJSON(f"The JSON is nested more than {max_depth} levels deep")
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as bad:
        raise UnreadableJSON("The file is not UTF-8 text") from bad
    except json.JSONDecodeError as bad:
        raise UnreadableJSON(f"Not valid JSON: {bad.msg} at line {bad.lineno}, column {bad.colno}") from bad
    except RecursionError as bad:  # belt and braces: the scan above should make this impossible
        raise UnreadableJSON("The JSON is nested too deeply") from bad
    except ValueError as bad:  # e.g. an integer of more than 4,300 digits (Python's guard against slow parsing)
        raise UnreadableJSON(f"Not valid JSON here: {str(bad)[:120]}") from bad
