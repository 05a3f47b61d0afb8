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


KEEP_DIR_VARIABLE = "JOINEDUP_READER_KEEP_DIR"


def folder() -> Path:
    """Where kept values live: beside this module, or the folder the environment names (a read-only install can point
    it at a writable cache; the tests point it at a folder of their own, so they never write into the source tree)."""
    return Path(os.environ.get(KEEP_DIR_VARIABLE) or Path(__file__).with_name("__pycache__"))


_STORES: list[Store] = []


def save_all() -> None:
    """Write every store that grew. Run at exit, and by a process before it starts another, which then finds what
    this one derived."""
    for store in _STORES:
        store.save()


atexit.register(save_all)


class Store:
    """A dict kept in a file beside this module between runs. It is written once, at exit, and only if it grew,
    whole or not at all (whichever process writes last); a directory that cannot be written to (a read-only install)
    just means deriving everything at each start."""

    def __init__(self, name: str, build: str, source: str) -> None:
        """`build` names what the kept values depend on outside the code (the Python build); `source`, the code that
        derives them. A file kept for another source of the same build is removed at the next save; one for another
        build is left alone (two Pythons may share a checkout)."""
        self.name, self.build = name, build
        self.path = folder() / f"{name}-{build}-{source}.pickle"
        self.values: dict[Any, Any] = self._load()
        self.grown = False
        _STORES.append(self)  # (saved at exit by save_all)

    def _load(self) -> dict[Any, Any]:
        try:
            with self.path.open("rb") as stored:
                loaded = pickle.load(stored)  # noqa: S301 - a file this module wrote itself, beside its own code
        except Exception:  # noqa: BLE001 - a damaged file of any kind only means deriving afresh
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
        partial = self.path.with_suffix(f".{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with partial.open("wb") as out:
                pickle.dump(self.values, out)
            os.replace(partial, self.path)
            self.grown = False
            for stale in self.path.parent.glob(f"{self.name}-{self.build}-*"):
                if stale != self.path and stale.suffix == ".pickle":  # kept for an earlier version of the code
                    stale.unlink(missing_ok=True)
        except Exception:  # noqa: BLE001 - a disk full or a failed write must not fail the process that read letters
            partial.unlink(missing_ok=True)


def python_build() -> str:
    """The Python build and the engine's code version kept values were made with."""
    magic = getattr(_sre, "MAGIC", None), getattr(_sre, "CODESIZE", None)
    return hashlib.sha256(f"{sys.version}|{sys.implementation.cache_tag}|{magic}".encode()).hexdigest()[:16]


def source_of(*names: str) -> str:
    """A digest of the reader's modules `names` (files beside this one): kept values made from other code are not
    loaded, and are removed at the next save."""
    digest = hashlib.sha256()
    for name in names:
        digest.update((Path(__file__).with_name(name)).read_bytes())
    return digest.hexdigest()[:16]


# (the modules whose patterns are kept: a change to any of them starts a new file, so the file never holds the
# patterns of code that is gone)
_CODE = Store(
    "regex-code",
    python_build(),
    source_of("kept.py", "gate.py", "lexicon.py", "context.py", "segment.py", "classify.py", "engine.py"),
)


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)` for a pattern written in the reader's code, from the code kept for it if any."""
    if _sre is None:  # pragma: no cover
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    parts = _CODE.get(key)
    if parts is not None:
        try:
            return _sre.compile(pattern, *parts)
        except Exception:  # noqa: BLE001, S110 - code this engine will not run, or a damaged entry: compile afresh
            pass
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
