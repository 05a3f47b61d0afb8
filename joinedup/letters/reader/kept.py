"""What the reader derives from its own patterns, kept between runs so that a new process need not derive it again.

A new process (the JSON-lines command, each server worker) would otherwise compile the reader's seven hundred
patterns at start-up. Python's `re` compiles in Python: it parses a pattern, then emits the list of integers its C
engine runs, and that was two thirds of the reader's start-up. `compiled` keeps that list in a file beside this
module, and a later process hands it straight to the engine (`_sre.compile`, the call `re` itself ends with), as
Python keeps a module's bytecode in `.pyc` files.

The file is named for the exact Python build and the engine's code version (`_sre.MAGIC`), so another Python starts
afresh. The engine checks the code it is given and raises on code it cannot run; such a pattern is compiled again.
Only the patterns written in the reader's code are kept (a pattern built from a letter's words is not: it would grow
the file without end). `Store` also keeps the gates' analyses of the patterns (see gate.py).
"""

from __future__ import annotations

import atexit
import hashlib
import os
import pickle
import re
import sys
from pathlib import Path
from typing import Any

try:  # the compiler `re` itself uses (Python 3.11+); without it every pattern is compiled the ordinary way
    import _sre
    from re import _compiler as _sre_compile  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    _sre = None  # type: ignore[assignment]


class Store:
    """A dict kept in a file beside this module between runs. It is written once, at exit, and only if it grew,
    whole or not at all (whichever process writes last); a directory that cannot be written to (a read-only install)
    just means deriving everything at each start."""

    def __init__(self, name: str, version: str) -> None:
        self.name = name
        self.path = Path(__file__).with_name("__pycache__") / f"{name}-{version}.pickle"
        self.values: dict[Any, Any] = self._load()
        self.grown = False
        atexit.register(self.save)

    def _load(self) -> dict[Any, Any]:
        try:
            with self.path.open("rb") as stored:
                loaded = pickle.load(stored)  # noqa: S301 - a file this module wrote itself, beside its own code
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError, TypeError):
            return {}
        return loaded if isinstance(loaded, dict) else {}

    def get(self, key: Any) -> Any:
        return self.values.get(key)

    def put(self, key: Any, value: Any) -> None:
        self.values[key] = value
        self.grown = True

    def save(self) -> None:
        if not self.grown:
            return
        try:
            self.path.parent.mkdir(exist_ok=True)
            partial = self.path.with_suffix(f".{os.getpid()}.tmp")
            with partial.open("wb") as out:
                pickle.dump(self.values, out)
            os.replace(partial, self.path)
            self.grown = False
            for stale in self.path.parent.glob(f"{self.name}-*.pickle"):
                if stale != self.path:  # kept for an earlier version of the code or of Python
                    stale.unlink(missing_ok=True)
        except OSError:
            pass


def _build() -> str:
    """The Python build and the engine's code version the kept code was emitted for."""
    magic = getattr(_sre, "MAGIC", None), getattr(_sre, "CODESIZE", None)
    return hashlib.sha256(f"{sys.version}|{sys.implementation.cache_tag}|{magic}".encode()).hexdigest()[:16]


_CODE = Store("regex-code", _build())


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)` for a pattern written in the reader's code, from the code kept for it if any."""
    if _sre is None:  # pragma: no cover
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    parts = _CODE.get(key)
    if parts is not None:
        try:
            return _sre.compile(pattern, *parts)
        except (RuntimeError, TypeError, ValueError, OverflowError):
            pass  # code this engine will not run: compile it afresh
    parts = engine_code(pattern, int(flags))
    _CODE.put(key, parts)
    return _sre.compile(pattern, *parts)


def engine_code(pattern: str, flags: int) -> tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]:
    """What `re` hands its C engine for a pattern: the steps of `re._compiler.compile`, kept as plain values."""
    parsed = _sre_parse.parse(pattern, flags)
    code = [int(op) for op in _sre_compile._code(parsed, flags)]  # (its opcodes are int subclasses that do not pickle)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)
