"""Cheap substring gates in front of the reader's long patterns, derived from each pattern's own text.

Most sentences of a letter match none of the big alternations in lexicon.py, and Python's `re` cannot skip
ahead in a case-insensitive alternation that opens with `\\b`: it tries every branch at every position. Yet
every branch of such a pattern needs some fixed text ("gp" and "to", "please" and "check"), and
`str.__contains__` finds that far faster. `gated(pattern)` reads what each branch needs off the parsed pattern
at import, so a branch added to a pattern later is covered without anyone keeping a word list in step; a
branch with no fixed text (a character class, a bare `\\w+`) simply leaves that branch, or the whole pattern
when it is the only branch, ungated. A long alternation is then searched one branch at a time, so that only
the branches whose words are in the sentence are tried at all.

The answer is always the pattern's own: the gate only skips a search that could not have matched.
"""

from __future__ import annotations

import itertools
import marshal
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from types import CodeType
from typing import Any

from . import kept
from .kept import Store, python_build, source_of

try:  # the parser `re` itself uses (Python 3.11+); without it every gate is open
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    _sre_parse = None

# Characters outside ASCII that an ASCII letter matches case-insensitively ("ſ" for s, Kelvin sign for k,
# dotted/dotless i). Lower-casing does not turn them into the ASCII letter, so text holding one skips the gate.
_FOLDS_ONTO_ASCII = ("\u017f", "\u0130", "\u212a", "\u0131")
# The generated gate functions' compiled code, kept between runs (marshal's format is this Python build's own)
_GATE_CODE = Store("gate-code", python_build(), source_of("gate.py"))
# a literal shorter than this filters nothing; past that many literals, checking them costs what the search would
_MIN_LITERAL = 2
_MAX_LITERALS = 150
# of the parts a sequence needs, check at most this many (the likeliest to be missing first)
_MAX_PARTS = 3
# on a text longer than this (a whole letter), a case-sensitive twin's search costs less than a gate of more than
# _GATE_OUTRUNS_TWIN words (each word is a read of the whole text), so such a gate is not asked
_LONG_TEXT = 600
_GATE_OUTRUNS_TWIN = 40
# an alternation with at least this many branches is searched branch by branch (Gated)
_MIN_BRANCHES = 4
# a set of at least this many words is looked for in one read of the text (_one_read), not one `in` test a word
_READ_ONCE = 30

# words found in nearly every sentence: a part one of them satisfies is checked last, and dropped first when a
# sequence needs more than _MAX_PARTS parts
_COMMON = frozenset(
    "a an and are at be by can could for has have he her his if in is it not of on or she should the their they "
    "this to was we will with would you your".split()
)

# What a match needs in the (lower-cased) text: a frozenset of literals (one of them is there), or
# ("all", parts) / ("any", parts) over such requirements.
Requirement = frozenset[str] | tuple[str, tuple[Any, ...]]


def _shortest_form(literals: set[str] | frozenset[str]) -> frozenset[str]:
    """Drop a literal that holds another one: wherever "asked" is, "ask" is too."""
    return frozenset(x for x in literals if not any(y != x and y in x for y in literals))


def _strength(req: Requirement) -> tuple[bool, int]:
    """How well a requirement is likely to filter: free of everyday words first, then longer literals."""
    if isinstance(req, frozenset):
        return (not (req & _COMMON), min(len(x) for x in req))
    kind, parts = req
    scores = [_strength(part) for part in parts]
    return max(scores) if kind == "all" else min(scores)


def _size(req: Requirement) -> int:
    return len(req) if isinstance(req, frozenset) else sum(_size(part) for part in req[1])


def _implies(stronger: frozenset[str], weaker: frozenset[str]) -> bool:
    """Every literal of `stronger` holds one of `weaker`'s: "refer" there means "re" is there."""
    return all(any(w in s for w in weaker) for s in stronger)


def _all_of(parts: list[Requirement]) -> Requirement | None:
    parts = sorted(dict.fromkeys(parts), key=_strength, reverse=True)
    leaves = [part for part in parts if isinstance(part, frozenset)]
    parts = [
        part
        for part in parts
        if not (isinstance(part, frozenset) and any(o != part and _implies(o, part) for o in leaves))
    ]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else ("all", tuple(parts[:_MAX_PARTS]))


def _any_of(parts: list[Requirement]) -> Requirement:
    flat: list[Requirement] = []
    for part in parts:
        flat.extend(part[1] if isinstance(part, tuple) and part[0] == "any" else [part])
    literals = _shortest_form(set().union(*(part for part in flat if isinstance(part, frozenset))))

    def covered(part: Requirement) -> bool:
        """An "all" one of whose parts always holds one of `literals` adds nothing to them."""
        return isinstance(part, tuple) and any(
            isinstance(sub, frozenset) and all(any(x in y for x in literals) for y in sub) for sub in part[1]
        )

    merged = ([literals] if literals else []) + [p for p in flat if not isinstance(p, frozenset) and not covered(p)]
    return merged[0] if len(merged) == 1 else ("any", tuple(merged))


def _required(items: Any) -> Requirement | None:
    """What every match of this parsed sequence needs in the text, or None when it needs nothing fixed."""
    parts: list[Requirement] = []
    run: list[str] = []

    def close_run() -> None:
        if len(run) >= _MIN_LITERAL:
            parts.append(frozenset(["".join(run)]))
        run.clear()

    for op, av in items:
        if op is _c.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        close_run()
        found: Requirement | None = None
        if op is _c.SUBPATTERN:
            found = _required(av[-1])
        elif op is _c.ATOMIC_GROUP:
            found = _required(av)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            found = _required(av[2])
        elif op is _c.BRANCH:
            branches = [_required(branch) for branch in av[1]]
            if all(branch is not None for branch in branches):
                found = _any_of([branch for branch in branches if branch is not None])
        if found is not None:
            parts.append(found)
    close_run()
    return _all_of(parts)


def requirement(pattern: re.Pattern[str]) -> Requirement | None:
    """What every match of `pattern` needs in the lower-cased text; None when that cannot be said cheaply."""
    if _sre_parse is None:
        return None
    try:
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - an unreadable pattern just goes ungated
        return None
    return _within_size(_required(list(parsed)))


def _within_size(found: Requirement | None) -> Requirement | None:
    return None if found is None or _size(found) > _MAX_LITERALS else found


def _condition(req: Requirement, read_once: list[str]) -> str:
    """The requirement as a Python expression over the lower-cased text `t`. A set of at least _READ_ONCE words is
    asked as one search for any of them (its pattern, _one_read, is added to `read_once`; the expression calls
    `_any_of[k]`)."""
    if isinstance(req, frozenset):
        words = tuple(sorted(req, key=lambda x: (len(x), x)))
        if len(words) >= _READ_ONCE:
            read_once.append(_one_read(words))
            return f"_any_of[{len(read_once) - 1}](t) is not None"
        return " or ".join(f"{literal!r} in t" for literal in words)
    kind, parts = req
    if kind == "all":
        # most texts fail a gate, so the first part to fail ends it: ask the cheapest parts (fewest words) first
        parts = tuple(sorted(parts, key=_size))
    return f" {'and' if kind == 'all' else 'or'} ".join(f"({_condition(part, read_once)})" for part in parts)


def _one_read(words: tuple[str, ...]) -> str:
    """A pattern matching wherever one of `words` starts, written as a tree of their shared beginnings
    ("re(?:fer|view)"): `re` then reads the text once, trying at each place only the letters that can come next,
    where a test per word would read the whole text once per word that is not there."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}  # a word ends here: any text that reaches this point holds it

    def written(node: dict[str, Any]) -> str:
        if "" in node:
            return ""  # (a shorter word is enough: whatever would follow it adds nothing)
        branches = [re.escape(character) + written(rest) for character, rest in sorted(node.items())]
        return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"

    return written(tree)


def _factored(req: Requirement) -> Requirement:
    """The same requirement with the words that several alternatives all need asked once, ahead of them:
    any(all(F, A), all(F, B), C) is any(all(F, any(A, B)), C), and F ("gp" or "surgery" or "practice") is in a dozen
    of one gate's alternatives."""
    if isinstance(req, frozenset):
        return req
    kind, parts = req[0], [_factored(part) for part in req[1]]
    if kind == "all":
        return ("all", tuple(parts))
    while True:
        shared = Counter(
            sub
            for part in parts
            if isinstance(part, tuple) and part[0] == "all"
            for sub in set(part[1])
            if isinstance(sub, frozenset)
        )
        common = max(shared, key=lambda sub: (shared[sub], -_size(sub)), default=None)
        if common is None or shared[common] < 2:
            return parts[0] if len(parts) == 1 else ("any", tuple(parts))
        holding = [part for part in parts if isinstance(part, tuple) and part[0] == "all" and common in part[1]]
        rests = [tuple(sub for sub in part[1] if sub != common) for part in holding]
        # (an alternative needing only the common words makes the others' extra needs moot)
        merged: Requirement = (
            common
            if any(not rest for rest in rests)
            else (
                "all",
                (common, _factored(("any", tuple(rest[0] if len(rest) == 1 else ("all", rest) for rest in rests)))),
            )
        )
        parts = [part for part in parts if not any(part is held for held in holding)] + [merged]


def _checker(req: Requirement) -> Callable[[str], bool]:
    """A function telling whether a lower-cased text meets the requirement. It runs for every sentence, so it
    is compiled to one expression of `in` tests, which costs a fraction of the same tests made by nested calls;
    the expression is built only from the pattern's own literals (repr), nothing from the letters."""

    def source() -> tuple[CodeType, list[str]]:
        read_once: list[str] = []
        lines = ["def present(t):", f"    return bool({_condition(_factored(req), read_once)})"]
        return compile("\n".join(lines), "<gate>", "exec"), read_once

    checker: Callable[[str], bool] = _defined(("checker", req), source)["present"]
    return checker


def _defined(key: Any, build: Callable[[], tuple[CodeType, list[str]]]) -> dict[str, Any]:
    """The namespace a generated gate function is defined in, with the one-read searches its code refers to."""
    code, read_once = _generated(key, build)
    namespace: dict[str, Any] = {"_any_of": tuple(kept.compiled(pattern).search for pattern in read_once)}
    exec(code, namespace)  # noqa: S102
    return namespace


def _generated(key: Any, build: Callable[[], tuple[CodeType, list[str]]]) -> tuple[CodeType, list[str]]:
    """The compiled code of a generated gate function and the one-read patterns it uses, from what is kept for it if
    any (compiling the gates' Python source was a third of the reader's start-up; building the one-read patterns again
    at every start would cost 14 ms more). Code is kept as marshal's bytes, for this Python build."""
    kept_bytes = _GATE_CODE.get(key)
    if kept_bytes is not None:
        try:
            code, read_once = marshal.loads(kept_bytes)
            if isinstance(code, CodeType) and isinstance(read_once, list):
                return code, read_once
        except Exception:  # noqa: BLE001, S110 - a damaged entry: compile afresh
            pass
    made = build()
    _GATE_CODE.put(key, marshal.dumps(made))
    return made


def _top_level_branches(source: str) -> list[str] | None:
    """The source text of each top-level alternative of a pattern ("a|(b|c)|d" -> "a", "(b|c)", "d")."""
    if re.match(r"\(\?[aiLmsux]+\)", source):
        return None  # flags set inline for the whole pattern would apply to the first branch only
    branches: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += 2 if source.startswith("^]", i + 1) else 1 if source.startswith(("^", "]"), i + 1) else 0
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            branches.append(source[start:i])
            start = i + 1
        i += 1
    branches.append(source[start:])
    return branches if len(branches) >= _MIN_BRANCHES else None


# the last text the gates lowered, and its lowered form (strings are immutable, so the same object has the same form)
_last: tuple[str | None, str | None] = (None, None)


# the zero-width codes a branch may open with before its first literal ("\\b", "^", a look-behind)
_ZERO_WIDTH = ("AT", "ASSERT", "ASSERT_NOT")
# a one-letter prefix is found too often in a letter for the jumps to pay ("gp", "dr" still pay: str.find skips
# ahead far faster than re tries each place)
_MIN_PREFIX = 2
# each prefix is looked for separately, so a long word list (every specialist drug) is left to re
_MAX_PREFIXES = 6


def _literal_prefixes(source: str, flags: int) -> tuple[str, ...] | None:
    """The lower-cased ASCII texts one of which every match of the pattern starts with ("shared" for
    "\\bshared[- ]care...", "amber" and "red" for "\\b(?:amber|red)\\s+drug"), or None when some match could
    start otherwise, with fewer than _MIN_PREFIX fixed characters, or with too many different texts."""
    try:
        return _prefixes_of(list(_sre_parse.parse(source, flags)))
    except Exception:  # pragma: no cover - no prefix, searched as before
        return None


def _prefixes_of(items: Any) -> tuple[str, ...] | None:
    """_literal_prefixes of a pattern already parsed."""
    found = _prefixes(items)
    if found is None:
        return None
    # "start" already finds every place "starting" is
    found = tuple(p for p in found if not any(q != p and p.startswith(q) for q in found))
    return found if len(found) <= _MAX_PREFIXES else None


def _prefixes(items: Any, head: str = "") -> tuple[str, ...] | None:
    """The fixed texts, each after `head` (the fixed text before this parsed sequence), one of which every match of
    the sequence starts with; None when some match may start with fewer than _MIN_PREFIX fixed characters.
    (re's parser draws a shared first letter out of an alternation: "gp|general" is "g" then "p|eneral".)"""
    prefix = head
    for op, av in items:
        if not prefix and str(op) in _ZERO_WIDTH:
            continue  # matches nothing, so the match still starts at what follows
        if op is _c.LITERAL and av < 128:
            prefix += chr(av).lower()
            continue
        if op is _c.SUBPATTERN and not av[1] and not av[2]:  # a group with no flags of its own
            return _prefixes(av[-1], prefix)
        if op is _c.BRANCH:
            found = [_prefixes(branch, prefix) for branch in av[1]]
            if any(each is None for each in found):
                break  # (the text before the alternation is still where every match starts)
            return tuple(dict.fromkeys(p for each in found for p in each or ()))
        break
    return (prefix,) if len(prefix) >= _MIN_PREFIX else None


def _search_at_prefixes(
    pattern: re.Pattern[str], prefixes: tuple[str, ...], text: str, lowered: str, pos: int
) -> re.Match[str] | None:
    """pattern.search(text, pos) for a pattern whose every match starts with one of `prefixes`: `str.find`
    jumps from one place a prefix is to the next, and the pattern is tried only there, leftmost first.
    (`lowered` is the text lower-cased character for character, so the places line up; match with a position
    still sees the text before it, for \\b and look-behinds.)"""
    if len(prefixes) == 1:
        prefix = prefixes[0]
        at = lowered.find(prefix, pos)
        while at != -1:
            found = pattern.match(text, at)
            if found is not None:
                return found
            at = lowered.find(prefix, at + 1)
        return None
    return next(_matches_at_prefixes(pattern, prefixes, text, lowered, pos), None)


def _matches_at_prefixes(
    pattern: re.Pattern[str], prefixes: tuple[str, ...], text: str, lowered: str, pos: int = 0
) -> Iterator[re.Match[str]]:
    """pattern.finditer(text, pos) for a pattern whose every match starts with one of `prefixes`, so that none is
    empty: each next match is the first one from where the last ended, as in re's own finditer. Each prefix's next
    place is kept until the matches pass it: found again after every match, a rare prefix's search would read the rest
    of the text each time (on a letter of 1 MB, a tenth of its reading)."""
    # (each prefix's next place, with none read as "after the end" so that min finds the leftmost)
    end = len(lowered)
    places = [place if (place := lowered.find(prefix, pos)) != -1 else end for prefix in prefixes]
    while (at := min(places)) != end:
        found = pattern.match(text, at)
        if found is not None:
            yield found
        pos = found.end() if found is not None else at + 1
        for k, place in enumerate(places):
            if place < pos:
                places[k] = place if (place := lowered.find(prefixes[k], pos)) != -1 else end


def _opener(needs: list[Requirement | None]) -> Callable[[str], list[int]]:
    """A function giving the branches whose gates a lower-cased text opens (a branch with no gate is always open).

    One generated function answers for all the branches at once: asked branch by branch, the calls to the
    branches' own checkers cost more than the `in` tests they make. Built from the patterns' literals only."""

    def source() -> tuple[CodeType, list[str]]:
        read_once: list[str] = []
        lines = ["def open_branches(t):", "    found = []"]
        for k, need in enumerate(needs):
            lines.append(
                f"    found.append({k})"
                if need is None
                else f"    if {_condition(_factored(need), read_once)}:\n        found.append({k})"
            )
        lines.append("    return found")
        return compile("\n".join(lines), "<gate>", "exec"), read_once

    opener: Callable[[str], list[int]] = _defined(("opener", tuple(needs)), source)["open_branches"]
    return opener


# What _analyse finds for each pattern: (branch sources or None, their requirements, their fixed starts, the whole
# pattern's requirement, the whole pattern's fixed starts, whether it names no upper-case character).
Analysis = tuple[
    "list[str] | None",
    "list[Requirement | None]",
    "list[tuple[str, ...] | None]",
    "Requirement | None",
    "tuple[str, ...] | None",
    bool,
]


def _analyse(regex: re.Pattern[str]) -> Analysis:
    """Read what a pattern's matches need and start with off its parsed form (parsing is most of the start-up)."""
    lower_case_only = bool(regex.flags & re.IGNORECASE) and _sre_parse is not None and _lower_case_only(regex)
    return (*_gates_of(regex), lower_case_only)


def _gates_of(regex: re.Pattern[str]) -> tuple[Any, ...]:
    """_analyse's gates and fixed starts."""
    sources = _top_level_branches(regex.pattern) if _sre_parse is not None and not regex.flags & re.VERBOSE else None
    try:
        # (each branch is parsed once, for both its gate and its fixed start)
        parsed = [list(_sre_parse.parse(source, regex.flags)) for source in sources or ()]
        needs = [_within_size(_required(items)) for items in parsed]
    except Exception:  # pragma: no cover - a branch that does not stand alone: search whole
        sources = None
    if sources:
        # a match of the whole is a match of one of its branches, so it needs what one of them needs
        whole = None if any(need is None for need in needs) else _any_of([need for need in needs if need])
        return sources, needs, [_prefixes_of(items) for items in parsed], _within_size(whole), None
    if _sre_parse is None:  # pragma: no cover
        return None, [], [], None, None
    try:
        whole_parsed = list(_sre_parse.parse(regex.pattern, regex.flags))
    except Exception:  # pragma: no cover - an unreadable pattern just goes ungated
        return None, [], [], None, None
    return None, [], [], _within_size(_required(whole_parsed)), _prefixes_of(whole_parsed)


# The analyses kept between runs: every new process (the JSON-lines command, each server worker) would otherwise
# parse every pattern again. The file is named for this module's own source and the Python version, so a change to
# either starts afresh.
_ANALYSES = Store("gate-analyses", f"{sys.version_info[0]}{sys.version_info[1]}", source_of("gate.py"))


class Gated:
    """A compiled pattern whose search/match/finditer first ask whether its required text is there at all.

    A long alternation is also searched branch by branch, each behind its own gate: the leftmost start
    of any branch is where the whole pattern's first match starts, so the pattern itself is then run from
    there and gives exactly its own match (look-behinds and \\b still see the text before that point).
    """

    __slots__ = (
        "regex",
        "requirement",
        "_present",
        "_branches",
        "_compiled",
        "_open",
        "_prefixes",
        "_whole_prefixes",
        "_branchwise",
        "_twin_allowed",
        "_exact",
        "_twin_outruns_gate",
    )

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        # each branch's source and what it needs (None: nothing fixed); a branch is compiled on its own the first
        # time its gate lets it through. (The gates themselves are asked all at once, by _open.)
        self._branches: list[tuple[str, Requirement | None]] | None = None
        self._compiled: list[re.Pattern[str] | None] = []
        self._open: Callable[[str], list[int]] | None = None
        self._prefixes: list[tuple[str, ...] | None] = []
        # what every match of the whole pattern starts with, for one that is not searched branch by branch
        self._whole_prefixes: tuple[str, ...] | None = None
        key = (regex.pattern, regex.flags)
        analysis = _ANALYSES.get(key)
        if analysis is not None:
            try:
                self._take(analysis)
            except Exception:  # noqa: BLE001 - a damaged kept entry: analyse afresh
                analysis = None
        if analysis is None:
            analysis = _analyse(regex)
            _ANALYSES.put(key, analysis)
            self._take(analysis)
        # finditer may go branch by branch only when every branch needs some text (so none can match empty)
        self._branchwise = self._branches is not None and all(present is not None for _, present in self._branches)
        self._exact: Gated | None = None
        self._twin_outruns_gate = False
        self._exact = self._case_sensitive_twin()
        # on a whole letter, a gate of many words (one read of the text each) costs more than the twin's one search
        self._twin_outruns_gate = (
            self._exact is not None
            and self._branches is None
            and self.requirement is not None
            and _size(self.requirement) > _GATE_OUTRUNS_TWIN
        )

    def _case_sensitive_twin(self) -> Gated | None:
        """The same pattern without re.IGNORECASE, for text already in lower case (the letter's normalised text).

        `re` cannot jump ahead to a literal, nor test a set of first characters, in a case-insensitive pattern, so it
        tries every place in full: on lower-case text the pattern without the flag finds the same matches two to three
        times faster. Only a pattern none of whose own characters is upper case has such a twin, and the twin reads
        only text that lower-casing leaves unchanged and that holds no character that folds onto an ASCII letter.
        (The twin shares this pattern's gates: what a match needs in the lower-cased text is the same for both.)"""
        if not self._twin_allowed:
            return None
        twin: Gated = object.__new__(Gated)
        for name in Gated.__slots__:
            setattr(twin, name, getattr(self, name))
        twin.regex = kept.compiled(self.regex.pattern, self.regex.flags & ~re.IGNORECASE)
        twin._compiled = [None] * len(self._compiled)
        return twin

    def _take(self, analysis: Analysis) -> None:
        self._branches, self._compiled, self._open, self._prefixes = None, [], None, []
        sources, needs, prefixes, self.requirement, self._whole_prefixes, self._twin_allowed = analysis
        if sources is not None:
            self._branches = list(zip(sources, needs, strict=True))
            self._compiled = [None] * len(sources)
            self._open = _opener(needs)
            self._prefixes = list(prefixes)
        self._present = _checker(self.requirement) if self.requirement is not None else None

    def _branch(self, k: int) -> re.Pattern[str]:
        compiled = self._compiled[k]
        if compiled is None:
            compiled = self._compiled[k] = kept.compiled(
                self._branches[k][0] if self._branches else "", self.regex.flags
            )
        return compiled

    def _lowered(self, text: str) -> str | None:
        """The text as the gates read it; None when case-folding could fool them."""
        # the engine asks a dozen patterns in a row about the same sentence object: lower it once for all of them
        # (one tuple, read and replaced whole, so two threads cannot pair one text with another's lowered form)
        global _last
        last = _last
        if last[0] is text:
            return last[1]
        lowered = None if not text.isascii() and any(c in text for c in _FOLDS_ONTO_ASCII) else text.lower()
        _last = (text, lowered)
        return lowered

    def _search_from(self, text: str, pos: int, lowered: str | None) -> re.Match[str] | None:
        if self._branches is None or self._open is None:
            prefixes = self._whole_prefixes
            if prefixes is not None and lowered is not None and len(lowered) == len(text):
                return _search_at_prefixes(self.regex, prefixes, text, lowered, pos)
            return self.regex.search(text, pos)
        first: int | None = None
        for k in self._open(lowered) if lowered is not None else range(len(self._compiled)):
            found = self._branch_search(k, text, pos, lowered)
            if found is not None and (first is None or found.start() < first):
                first = found.start()
        return None if first is None else self.regex.search(text, first)

    def _open_branches(self, lowered: str | None) -> Iterable[int]:
        """The branches whose gates the text opens (every branch when case-folding could fool the gates)."""
        return range(len(self._compiled)) if lowered is None or self._open is None else self._open(lowered)

    def _branch_search(self, k: int, text: str, pos: int, lowered: str | None) -> re.Match[str] | None:
        branch, prefix = self._compiled[k] or self._branch(k), self._prefixes[k]
        if prefix is not None and lowered is not None and len(lowered) == len(text):
            return _search_at_prefixes(branch, prefix, text, lowered, pos)
        return branch.search(text, pos)

    def _reader(self, text: str, lowered: str | None) -> Gated:
        """Who reads `text`: the case-sensitive twin when the text is lower case already, else the pattern itself."""
        return self._exact if self._exact is not None and lowered == text else self

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """regex.search(text, pos): the first match at or after `pos` (the text before it is still seen by \\b)."""
        # (self._lowered and self._reader written out where they can be: search is the reader's hottest call, and most
        # often asks about the text the call before it asked about)
        last = _last
        lowered = last[1] if last[0] is text else self._lowered(text)
        reader = self._exact if self._exact is not None and lowered == text else self
        outrun = reader is not self and self._twin_outruns_gate and len(text) > _LONG_TEXT
        if not outrun and self._present is not None and lowered is not None and not self._present(lowered):
            return None
        return reader._search_from(text, pos, lowered)

    def _for(self, text: str) -> re.Pattern[str] | None:
        """The pattern to run on `text` (its case-sensitive twin's when the text is lower case already), or None
        when the gate shows it cannot match."""
        last = _last
        lowered = last[1] if last[0] is text else self._lowered(text)
        if self._present is not None and lowered is not None and not self._present(lowered):
            return None
        return self._exact.regex if self._exact is not None and lowered == text else self.regex

    def match(self, text: str) -> re.Match[str] | None:
        pattern = self._for(text)
        return None if pattern is None else pattern.match(text)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        pattern = self._for(text)
        return None if pattern is None else pattern.fullmatch(text)

    def found_in(self, text: str) -> bool:
        return self.search(text) is not None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        lowered = self._lowered(text)
        if self._present is not None and lowered is not None and not self._present(lowered):
            return iter(())
        return self._reader(text, lowered)._finditer_from(text, lowered)

    def _finditer_from(self, text: str, lowered: str | None) -> Iterator[re.Match[str]]:
        """finditer once the gate has let the text through (the twin's is not asked the gate again)."""
        if not self._branchwise:
            prefixes = self._whole_prefixes
            if prefixes is None or lowered is None or len(lowered) != len(text):
                # (a branch with no required text may match empty: leave it to re; a pattern too big for one
                # whole-pattern gate is still searched branch by branch)
                yield from self.regex.finditer(text)
                return
            yield from _matches_at_prefixes(self.regex, prefixes, text, lowered)
            return
        searches = [partial(self._branch_search, k, text, lowered=lowered) for k in self._open_branches(lowered)]
        ahead = _NextMatches(searches, [search(0) for search in searches])
        pos = 0
        while (first := ahead.earliest_from(pos)) is not None:
            # (the branch's own match has the branch's groups: the pattern is run where it starts, for its own)
            match = self.regex.search(text, first.start())
            if match is None:
                return
            yield match
            pos = match.end()  # never empty: every match holds some required text


class _NextMatches:
    """The next match of each of several searches, for a merge that takes the earliest from where its last match
    ended. Each is kept until the merge passes its start: a search whose next match lies far ahead would otherwise
    be run again from every match of the others (quadratic on a long text). A match found from an earlier place is
    still the search's first from any later place up to its start, as a match at a place does not depend on where
    the search began (\\b and look-behinds see the text before it)."""

    __slots__ = ("_searches", "_next")

    def __init__(
        self, searches: Sequence[Callable[[int], re.Match[str] | None]], first: list[re.Match[str] | None]
    ) -> None:
        self._searches, self._next = searches, first

    def earliest_from(self, pos: int) -> re.Match[str] | None:
        """The earliest next match at or after `pos`; of two at one place, the earlier search's."""
        earliest: re.Match[str] | None = None
        for k, found in enumerate(self._next):
            if found is not None and found.start() < pos:
                found = self._next[k] = self._searches[k](pos)
            if found is not None and (earliest is None or found.start() < earliest.start()):
                earliest = found
        return earliest


def _lower_case_only(regex: re.Pattern[str]) -> bool:
    """Whether no character the pattern itself names (a literal, a range, a set) is upper case, so that on text with
    no upper-case character the pattern matches the same with re.IGNORECASE or without it."""
    try:
        return _holds_no_upper_case(list(_sre_parse.parse(regex.pattern, regex.flags)))
    except Exception:  # pragma: no cover - an unreadable pattern keeps its flag
        return False


def _holds_no_upper_case(items: Any) -> bool:
    for op, av in items:
        if op in (_c.LITERAL, _c.NOT_LITERAL):
            if not _no_upper_case(av, av):
                return False
        elif op is _c.RANGE:
            if not _no_upper_case(av[0], av[1]):
                return False
        elif op is _c.SUBPATTERN:
            if av[1] or av[2] or not _holds_no_upper_case(av[-1]):  # (a group with flags of its own keeps the flag)
                return False
        elif op in (_c.IN, _c.ATOMIC_GROUP):
            if not _holds_no_upper_case(av):
                return False
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            if not _holds_no_upper_case(av[2]):
                return False
        elif op is _c.BRANCH:
            if not all(_holds_no_upper_case(branch) for branch in av[1]):
                return False
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            if not _holds_no_upper_case(av[1]):
                return False
        elif op is _c.GROUPREF_EXISTS:
            if not all(_holds_no_upper_case(part) for part in av[1:] if part is not None):
                return False
        elif op not in (_c.AT, _c.ANY, _c.CATEGORY, _c.NEGATE, _c.GROUPREF):
            return False  # a code not thought through here keeps the flag
    return True


def _no_upper_case(first: int, last: int) -> bool:
    """Every character from `first` to `last` is an ASCII character that is not an upper-case letter, or a character
    with no case at all ("–", "→"). (A letter outside ASCII keeps the flag: case-insensitive matching knows folds,
    such as "ſ" for "s", that lower-casing the text does not make.)"""
    return not any(
        65 <= code <= 90 or (code > 127 and not chr(code).lower() == chr(code) == chr(code).upper())
        for code in range(first, last + 1)
    )


def contains_any(words: Iterable[str]) -> Callable[[str], bool]:
    """A function telling whether a text holds one of `words`: `any(word in text for word in words)` as one
    compiled expression of `in` tests, which spares a generator step per word (several times faster for the
    engine's word lists, which it asks about every sentence)."""
    return _checker(frozenset(words))


class Either:
    """Several gated patterns read as one alternation: its first match is the earliest of theirs.

    A pattern whose fixed text grows past what one whole-pattern gate can check loses that gate; splitting
    it into parts keeps each part's gate."""

    __slots__ = ("parts",)

    def __init__(self, *parts: Gated) -> None:
        empty = [part.regex.pattern for part in parts if _can_match_empty(part)]
        if empty:
            # (re's finditer may go on to a longer match at the place of an empty one, which no merge of the parts'
            # own searches can do: such a part would be read differently from the alternation)
            raise ValueError(f"a part of Either must need some text; these can match empty text: {empty}")
        self.parts = parts

    def search(self, text: str) -> re.Match[str] | None:
        first: re.Match[str] | None = None
        for part in self.parts:
            found = part.search(text)
            if found is not None and (first is None or found.start() < first.start()):
                first = found
        return first

    def match(self, text: str) -> re.Match[str] | None:
        for part in self.parts:
            found = part.match(text)
            if found is not None:
                return found
        return None

    def found_in(self, text: str) -> bool:
        """Whether any part matches: the first part that does answers, so a long text is not searched by every part
        (a closed gate still reads the whole text once per word it checks)."""
        for part in self.parts:
            if part.search(text) is not None:
                return True
        return False

    def fullmatch(self, text: str) -> re.Match[str] | None:
        for part in self.parts:
            found = part.fullmatch(text)
            if found is not None:
                return found
        return None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches the alternation's own finditer gives: each the earliest from where the last one ended (on a tie
        the earlier part's), so none overlaps another."""
        # most sentences match one part or none: only a sentence matching two pays for merging them
        started: list[tuple[re.Match[str], Iterator[re.Match[str]], Gated]] = []
        for part in self.parts:
            matches = part.finditer(text)
            first = next(matches, None)
            if first is not None:
                started.append((first, matches, part))
        if not started:
            return iter(())
        if len(started) == 1:
            return itertools.chain((started[0][0],), started[0][1])
        return self._merged(text, [part for _, _, part in started], [first for first, _, _ in started])

    @staticmethod
    def _merged(text: str, parts: list[Gated], firsts: list[re.Match[str] | None]) -> Iterator[re.Match[str]]:
        ahead = _NextMatches([partial(part.search, text) for part in parts], firsts)
        pos = 0
        while pos <= len(text) and (match := ahead.earliest_from(pos)) is not None:
            yield match
            # (no part matches empty text, which __init__ holds; a step of one at least ends the loop whatever)
            pos = max(match.end(), match.start() + 1)


def _can_match_empty(part: Gated) -> bool:
    """Whether a match of the pattern can be empty: not if every match holds some fixed text (its gate's words)."""
    if part.requirement is not None or _sre_parse is None:
        return False  # (without the parser no pattern has a gate, nor can this be told: the reader's parts need words)
    # (parsed only for a part with no gate, which no part of the reader's is: start-up parses nothing)
    minimum_width: int = _sre_parse.parse(part.regex.pattern, part.regex.flags).getwidth()[0]
    return minimum_width == 0


def by_first_letter(alternation: str, *, exact: bool = True) -> str:
    """A word list's alternation ("methotrexate|mtx|azathioprine|...") regrouped by each word's first letter
    ("m(?:ethotrexate|tx)|a(?:zathioprine)|...").

    Python's `re` tries every branch of an alternation at every place it could start, so a list of a hundred words is
    a hundred tries at each word of a letter; grouped, it is one try per letter of the alphabet, then the few words
    that share that letter. At any place at most one group can match (its first letter is fixed), and each group keeps
    its words in their order, so the pattern finds the same match. A word whose first letter is not a plain literal
    (a group, a class, a letter made optional) cannot be grouped: with `exact` the alternation is then returned as it
    is; without it, such words go after the groups, which can change which word a match is made of, but never whether
    there is a match (for patterns that are only asked yes or no)."""
    words = _top_level_branches(alternation) if _sre_parse is not None else None
    if words is None:
        words = alternation.split("|") if "(" not in alternation else None
    if not words:
        return alternation
    groups: dict[str, list[str]] = {}
    others: list[str] = []
    for word in words:
        if word[:1].isascii() and word[:1].isalnum() and word[1:2] not in ("?", "*", "+", "{"):
            groups.setdefault(word[0], []).append(word[1:])
        elif exact:
            return alternation
        else:
            others.append(word)
    grouped = [f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items()]
    return "|".join(grouped + others)


def gated(pattern: str, flags: int = 0) -> Gated:
    """re.compile(pattern, flags) behind the gate its own text allows."""
    return Gated(kept.compiled(pattern, flags))
