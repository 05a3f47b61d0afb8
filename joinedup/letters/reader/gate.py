"""Cheap substring gates in front of the reader's long patterns, derived from each pattern's own text.

Most sentences of a letter match none of the big alternations in lexicon.py, and Python's `re` cannot skip
ahead in a case-insensitive alternation that opens with `\\b`: it tries every branch at every position. Yet
every branch of such a pattern needs some fixed text ("gp", "please", "refer"), and `str.__contains__` finds
that far faster. `gated(pattern)` reads those required strings off the parsed pattern at import, so a branch
added to a pattern later is covered without anyone keeping a word list in step; a branch with no fixed text
(a character class, a bare `\\w+`) simply turns the gate off for that pattern.

The answer is always the pattern's own: the gate only skips a search that could not have matched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

try:  # the parser `re` itself uses (Python 3.11+); without it every gate is open
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    _sre_parse = None

# Characters outside ASCII that an ASCII letter matches case-insensitively ("ſ" for s, Kelvin sign for k,
# dotted/dotless i). Lower-casing does not turn them into the ASCII letter, so text holding one skips the gate.
_FOLDS_ONTO_ASCII = ("\u017f", "\u0130", "\u212a", "\u0131")
# a literal shorter than this filters nothing; more literals than that and checking them costs what the search would
_MIN_LITERAL = 2
_MAX_LITERALS = 100


# words found in nearly every sentence: a set holding one of them lets nearly every sentence through
_COMMON = frozenset(
    "a an and are at be by can could for has have he her his if in is it not of on or she should the their they "
    "this to was we will with would you your".split()
)


def _shortest_form(literals: set[str] | frozenset[str]) -> frozenset[str]:
    """Drop a literal that holds another one: wherever "asked" is, "ask" is too."""
    return frozenset(x for x in literals if not any(y != x and y in x for y in literals))


def _best(options: list[frozenset[str]]) -> frozenset[str] | None:
    """Of several sets each of which a match needs, the one likely to filter best: no everyday word,
    longest shortest member, fewest members."""
    if not options:
        return None
    return max(options, key=lambda s: (not (s & _COMMON), min(len(x) for x in s), -len(s)))


def _required(items: Any) -> frozenset[str] | None:
    """A set of strings one of which every match of this parsed sequence contains, or None."""
    options: list[frozenset[str]] = []
    run: list[str] = []

    def close_run() -> None:
        if len(run) >= _MIN_LITERAL:
            options.append(frozenset(["".join(run)]))
        run.clear()

    for op, av in items:
        if op is _c.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        close_run()
        found: frozenset[str] | None = None
        if op is _c.SUBPATTERN:
            found = _required(av[-1])
        elif op is _c.ATOMIC_GROUP:
            found = _required(av)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            found = _required(av[2])
        elif op is _c.BRANCH:
            union: set[str] = set()
            for branch in av[1]:
                one = _required(branch)
                if one is None:
                    union.clear()
                    break
                union |= one
            found = _shortest_form(union) if union else None
        if found is not None:
            options.append(found)
    close_run()
    return _best(options)


def required_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-case strings one of which every match of `pattern` contains, shortest (likeliest) first; None when
    that cannot be said."""
    if _sre_parse is None or pattern.flags & re.VERBOSE:
        return None
    try:
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - an unreadable pattern just goes ungated
        return None
    found = _required(list(parsed))
    if found is None or len(found) > _MAX_LITERALS:
        return None
    return tuple(sorted(found, key=lambda x: (len(x), x)))


class Gated:
    """A compiled pattern whose search/match/finditer first ask whether its required text is there at all."""

    __slots__ = ("regex", "literals")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self.literals = required_literals(regex)

    def _cannot_match(self, text: str) -> bool:
        if self.literals is None:
            return False
        if not text.isascii() and any(c in text for c in _FOLDS_ONTO_ASCII):
            return False
        lowered = text.lower()
        for literal in self.literals:  # a plain loop: this runs for every sentence, and any() costs a third more
            if literal in lowered:
                return False
        return True

    def search(self, text: str) -> re.Match[str] | None:
        return None if self._cannot_match(text) else self.regex.search(text)

    def match(self, text: str) -> re.Match[str] | None:
        return None if self._cannot_match(text) else self.regex.match(text)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return None if self._cannot_match(text) else self.regex.fullmatch(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return iter(()) if self._cannot_match(text) else self.regex.finditer(text)


def gated(pattern: str, flags: int = 0) -> Gated:
    """re.compile(pattern, flags) behind the gate its own text allows."""
    return Gated(re.compile(pattern, flags))
