"""The substring gates in front of the reader's patterns only ever skip a search that could not match."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from joinedup.letters.reader import classify, engine, segment
from joinedup.letters.reader import lexicon as lx
from joinedup.letters.reader.gate import (
    _READ_ONCE,
    Either,
    Gated,
    Requirement,
    _checker,
    _condition,
    _factored,
    _literal_prefixes,
    _matches_at_prefixes,
    _one_read,
    _required,
    _sre_parse,
    _top_level_branches,
    by_first_letter,
    contains_any,
    gated,
    requirement,
)

LETTERS = Path(__file__).parent


def test_requirement_is_read_off_every_branch() -> None:
    either = Gated(re.compile(r"\b(?:please|kindly)\s+check\b|\bgp\s+to\b", re.I))
    assert either.requirement == (
        "any",
        (
            ("all", (frozenset({"kindly", "please"}), frozenset({"check"}))),
            ("all", (frozenset({"gp"}), frozenset({"to"}))),
        ),
    )
    assert either._present is not None  # the gate shuts on text without one branch's words, opens on text with them
    assert not either._present("please do not worry") and either._present("kindly check her bloods")
    # a branch with no fixed text, or a literal too short to filter, leaves the pattern ungated
    assert requirement(re.compile(r"\bgp\b|[a-z]+\d", re.I)) is None
    assert requirement(re.compile(r"\bgp\b|\bk\b", re.I)) is None
    assert requirement(re.compile(r"\bgp\b|\w+ing\b", re.I)) == frozenset({"gp", "ing"})
    # an everyday word is checked after the rarer ones
    assert requirement(re.compile(r"\b(?:i|we)\s+will\s+refer\b")) == (
        "all",
        (frozenset({"refer"}), frozenset({"will"})),
    )
    assert requirement(re.compile(r"\b(?:i|we)\s+will\b")) == frozenset({"will"})
    # an optional part is not required; a repeated one is
    assert requirement(re.compile(r"(?:kindly\s+)?refer")) == frozenset({"refer"})
    assert requirement(re.compile(r"(?:re-?)+refer")) == frozenset({"refer"})


def test_top_level_branches() -> None:
    assert _top_level_branches(r"a|(b|c)|[|(]|d\|e") == ["a", "(b|c)", "[|(]", r"d\|e"]
    assert _top_level_branches(r"[]|]|a|b|c") == ["[]|]", "a", "b", "c"]
    assert _top_level_branches(r"a|b") is None  # too few to be worth searching one by one


def test_gate_answers_as_the_pattern_does() -> None:
    pattern = gated(r"\bshared[- ]care\b", re.I)
    assert pattern.search("Shared care is agreed") is not None
    assert pattern.search("no such words here") is None
    # "ſ" (long s) matches "s" case-insensitively and does not lower-case to it: the gate must stand aside
    assert pattern.search("ſhared care") is not None
    assert list(pattern.finditer("shared care, then shared-care")) != []
    assert pattern.match("x shared care") is None


@functools.cache
def _letter_pieces() -> tuple[list[str], list[str]]:
    """The annotated letters' texts, and every sentence of them as the reader sees it (lower case), once each."""
    texts = []
    for path in sorted(LETTERS.glob("*/*.json")):
        texts += [record["text"] for record in json.loads(path.read_text(encoding="utf-8"))]
    sentences = dict.fromkeys(s for text in texts for s in re.split(r"(?<=[.!?\n])\s*", text.lower()) if s)
    return texts, list(sentences)


SHARDS = 6


# The gates are shared out over several tests so that the test runners share the work.
@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_gate_agrees_with_its_pattern_on_the_letters(shard: int) -> None:
    every_gate = [
        value
        for module in (lx, classify, engine, segment)
        for value in vars(module).values()
        if isinstance(value, Gated)
    ]
    assert len(every_gate) > SHARDS * 10
    gates = every_gate[shard::SHARDS]
    texts, sentences = _letter_pieces()
    # every sentence, and a few whole letters as they come
    pieces = texts[:5] + sentences
    for gate in gates:
        for piece in pieces:
            found, expected = gate.search(piece), gate.regex.search(piece)
            assert (found and found.span()) == (expected and expected.span()), (gate.regex.pattern[:60], piece)
        for piece in texts[:5] + sentences[-200:]:
            spans = [m.span() for m in gate.finditer(piece)]
            assert spans == [m.span() for m in gate.regex.finditer(piece)], (gate.regex.pattern[:60], piece)


def test_a_branch_with_a_fixed_start_is_tried_only_where_that_start_is() -> None:
    assert _literal_prefixes(r"\bshared[- ]care", re.I) == ("shared",)
    assert _literal_prefixes(r"(?<!not )Signed\s+by", 0) == ("signed",)
    assert _literal_prefixes(r"\b(?:shared|joint)\s+care", re.I) == ("shared", "joint")
    assert _literal_prefixes(r"\b(?:needs?|requires)\b", re.I) == ("need", "requires")
    assert _literal_prefixes(r"\b(?:start|starting|begin)\b", re.I) == ("start", "begin")
    assert _literal_prefixes(r"\b(?:" + "|".join(f"{c}rug" for c in "abcdefghi") + ")", re.I) is None  # too many
    assert _literal_prefixes(r"\b(?:shared|gp)\s+care", re.I) == ("shared", "gp")
    assert _literal_prefixes(r"\b(?:shared|i)\s+care", re.I) is None  # "i" is too short to be worth the jumps
    # re's parser draws a shared first letter out of an alternation ("g" then "p|eneral"): the starts are still whole
    assert _literal_prefixes(r"\b(?:gp|general\s+practitioner)\b", 0) == ("gp", "general")
    assert _literal_prefixes(r"\bre(?:fer|view)|\bre-refer", 0) == ("refer", "review", "re-refer")
    assert _literal_prefixes(r"\bre(?:fer|\w+)", 0) == ("re",)  # one branch has no fixed start: the text before it
    assert _literal_prefixes(r"\b(?:shared\s+)?care", re.I) is None  # a match may start at "care"
    assert _literal_prefixes(r"(?i:shared)", 0) is None  # flags set inside: left to re
    amber_red = gated(r"\b(?:amber|red)[- ]list\b", re.I)
    text = "Bored of lists. A RED-LIST drug; amber list too"
    assert [m.span() for m in amber_red.finditer(text)] == [m.span() for m in amber_red.regex.finditer(text)]
    pattern = gated(r"\bshared[- ]care\b|\bagreed\s+by\b|\bsigned\s+by\b|\bas\s+per\s+scp\b", re.I)
    # the first place the prefix is fails \b ("unshared"), the next one matches; capitals are found too
    text = "Unshared notes. SHARED-CARE agreed by the practice; Signed by Dr Okafor"
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in pattern.regex.finditer(text)]
    assert pattern.search(text).span() == pattern.regex.search(text).span()  # type: ignore[union-attr]
    # a new text object that equals an earlier one, and a different text, each get their own lower-casing
    for other in ("Nothing to see", "AGREED BY ALL", text):
        found, expected = pattern.search(other), pattern.regex.search(other)
        assert (found and found.span()) == (expected and expected.span())


def test_contains_any_answers_as_any_does() -> None:
    words = ("pl", "g.p", "primary care", "you'", "a\\b")
    has = contains_any(words)
    for text in ("please", "the g.p will", "primary  care", "you're", "a\\b", "", "nothing here", "PLEASE"):
        assert has(text) == any(word in text for word in words), text


def test_either_reads_its_parts_as_one_alternation() -> None:
    either = Either(gated(r"\bplease\s+check\b", re.I), gated(r"\bgp\s+to\s+\w+", re.I))
    text = "GP to review; please check U&E; GP to stop it"
    first = either.search(text)
    assert first is not None and first.group(0) == "GP to review"
    assert [m.group(0) for m in either.finditer(text)] == ["GP to review", "please check", "GP to stop"]
    at_start = either.match("please check it")
    assert at_start is not None and at_start.group(0) == "please check"
    assert either.search("nothing asked here") is None


def test_either_refuses_a_part_that_can_match_empty_text() -> None:
    """re's finditer can go on to a longer match where an empty one was found, which no merge of the parts' own
    searches can do: such a part is refused when the reader is built, rather than read differently (or for ever)."""
    with pytest.raises(ValueError, match="can match empty text"):
        Either(gated(r"\b"), gated(r"ab"))
    with pytest.raises(ValueError, match="can match empty text"):
        Either(gated(r"gp"), gated(r"(?=a)"))
    # a part with no fixed text that still needs a character is read as the alternation reads it
    either = Either(gated(r"\w+(?=!)"), gated(r"\bgp\b"))
    assert _spans(list(either.finditer("gp! gp no!"))) == _spans(list(re.finditer(r"\w+(?=!)|\bgp\b", "gp! gp no!")))


_OVERLAPPING_PARTS = (r"\bgp\s+to\s+\w+(?:\s+\w+)?", r"\bto\s+(?:check|review)\b", r"\bcheck\s+\w+", r"\bgp\b")


@given(st.lists(st.sampled_from(["GP", "gp", "to", "check", "review", "it", "U&E", ";"]), max_size=12).map(" ".join))
@settings(max_examples=300, deadline=None)
def test_either_finds_every_match_the_alternation_finds_and_no_overlapping_one(text: str) -> None:
    """Parts that can match inside one another's matches ("GP to check bloods" and "to check"): the alternation finds
    "GP to check bloods" and goes on after it, and so must Either, or a caller taking the second match reads a piece of
    the first."""
    either = Either(*(gated(part, re.I) for part in _OVERLAPPING_PARTS))
    alternation = re.compile("|".join(_OVERLAPPING_PARTS), re.I)
    assert _spans(list(either.finditer(text))) == _spans(list(alternation.finditer(text)))
    assert _spans(either.search(text)) == _spans(alternation.search(text))


def test_every_long_lexicon_pattern_keeps_its_whole_pattern_gate() -> None:
    """A pattern grown past what one gate may check loses the gate that skips most sentences at once (and its
    finditer searched the whole alternation); split it with Either instead. Patterns with a branch that needs no
    fixed text cannot have that gate at all (they are gated for their branches' gates, or their case-sensitive twin)."""
    for name, value in vars(lx).items():
        parts = [value] if isinstance(value, Gated) else list(value.parts) if isinstance(value, Either) else []
        for part in parts:
            needs = _required(list(_sre_parse.parse(part.regex.pattern, part.regex.flags)))
            # (a word list grown past the gate's size, as the specialist drugs with their brand names did, loses it too)
            if needs is not None:
                assert part.requirement is not None, name


def test_a_word_list_grouped_by_first_letter_finds_what_the_list_finds() -> None:
    assert (
        by_first_letter("mtx|methotrexate|azathioprine|amiodarone") == "m(?:tx|ethotrexate)|a(?:zathioprine|miodarone)"
    )
    # a word that does not open with a plain letter keeps the list as it is, unless asked only yes or no
    assert by_first_letter("(?:serum\\s+)?bilirubin|sodium|sbr|psa") == "(?:serum\\s+)?bilirubin|sodium|sbr|psa"
    assert by_first_letter("(?:a|b)x|sodium|sbr|psa", exact=False) == "s(?:odium|br)|p(?:sa)|(?:a|b)x"
    texts = []
    for path in sorted(LETTERS.glob("*/*.json")):
        texts += [record["text"] for record in json.loads(path.read_text(encoding="utf-8"))]
    pieces = [s for text in texts for s in re.split(r"(?<=[.!?\n])\s*", text) if s]
    for words in (lx.LAB_TESTS, lx.IMAGING_TESTS, lx.SPECIALIST_DRUGS, f"{lx.LAB_TESTS}|{lx.IMAGING_TESTS}"):
        grouped = by_first_letter(words)
        assert grouped != words  # every word of the reader's lists opens with a plain letter
        plain, fast = re.compile(rf"\b(?:{words})\b", re.I), re.compile(rf"\b(?:{grouped})\b", re.I)
        for piece in pieces:
            assert [m.span() for m in fast.finditer(piece)] == [m.span() for m in plain.finditer(piece)], piece


def test_finditer_searches_a_branch_again_only_once_its_next_match_is_passed(monkeypatch: pytest.MonkeyPatch) -> None:
    """A branch whose next match lies far ahead was searched again from every match of the others: on a long text
    that is a scan of the rest of the text per match. Its next place is kept until a match passes it."""
    pattern = gated(r"\bplease\s+check\b|\burgent\s+referral\s+to\s+\w+|\bgp\s+to\s+review\b|\bsee\s+overleaf\b", re.I)
    assert pattern._branchwise  # (a long alternation, searched branch by branch)
    text = "please check it. " * 200 + "GP to review. Urgent referral to ENT."
    searches: list[int] = []
    search = Gated._branch_search

    def counted(self: Gated, k: int, text: str, pos: int, lowered: str | None) -> re.Match[str] | None:
        searches.append(k)
        return search(self, k, text, pos, lowered)

    monkeypatch.setattr(Gated, "_branch_search", counted)
    found = [m.group(0) for m in pattern.finditer(text)]
    assert found == ["please check"] * 200 + ["GP to review", "Urgent referral to ENT"]
    assert searches.count(1) <= 2 and searches.count(2) <= 2  # not once per "please check"


def test_the_engines_hand_written_key_gates_admit_every_sentence_their_patterns_match() -> None:
    """engine keeps short word lists in front of two long patterns; a form added to a pattern without its word in the
    list would never be asked (as "Parents wishing to discuss this decision ..." was not, until "discuss" was added)."""
    texts = [
        "parents wishing to discuss this decision are advised to contact their gp practice.",
        "advised to ring his gp surgery if not heard in 6 wks.",
    ]
    for path in sorted(LETTERS.glob("*/*.json")):
        texts += [record["text"] for record in json.loads(path.read_text(encoding="utf-8"))]
    pieces = [s for text in texts for s in re.split(r"(?<=[.!?\n])\s*", text.lower()) if s]
    pairs: list[tuple[Callable[[str], bool], Gated | Either]] = [
        (engine._HAS_HOSPITAL_NEWS_KEY, lx.PATIENT_TO_GP_FOR_HOSPITAL_NEWS),
        (engine._HAS_PRESCRIPTION_KEY, lx.PATIENT_TO_GP_FOR_PRESCRIPTION),
    ]
    for has_key, pattern in pairs:
        missed = [piece for piece in pieces if pattern.search(piece) and not has_key(piece)]
        assert missed == []


def test_found_in_answers_whether_any_part_matches() -> None:
    either = Either(gated(r"\bmethotrexate\b", re.I), gated(r"\bmetoject\b", re.I))
    assert either.found_in("On Metoject 15 mg weekly")
    assert either.found_in("methotrexate started")
    assert not either.found_in("no such drug here")
    assert gated(r"\bmetoject\b", re.I).found_in("metoject pen") is True


def _spans(found: object) -> object:
    """Matches as comparable values: a match's span and groups, a list of them, or None."""
    if isinstance(found, list):
        return [_spans(each) for each in found]
    return None if found is None else (found.span(), found.groups())  # type: ignore[attr-defined]


def test_a_case_insensitive_pattern_reads_lower_case_text_with_its_case_sensitive_twin() -> None:
    """re cannot jump ahead in a case-insensitive pattern, so on text that is lower case already (the letter's
    normalised text) the pattern runs without the flag; it must find exactly what the pattern itself finds."""
    pattern = gated(r"\b(?:methotrexate|mtx|azathioprine|shared[- ]care|k(?:etamine)?)\b\s*(\d+)?", re.I)
    assert pattern._exact is not None and not pattern._exact.regex.flags & re.I
    texts = [
        "on methotrexate 15 mg weekly; shared-care agreed",  # lower case: the twin reads it
        "On Methotrexate 15 mg weekly; SHARED-CARE agreed",  # capitals: the pattern itself reads it
        "mtx ſhared care azathioprine",  # a long s folds onto "s" only case-insensitively
        "\u212a 5 and k 5",  # the Kelvin sign folds onto "k"
        "",
    ]
    for text in texts:
        for name in ("search", "match", "fullmatch"):
            assert _spans(getattr(pattern, name)(text)) == _spans(getattr(pattern.regex, name)(text)), (name, text)
        assert _spans(list(pattern.finditer(text))) == _spans(list(pattern.regex.finditer(text))), text


@pytest.mark.parametrize(
    "source",
    [
        r"\bGP\s+to\b",  # an upper-case literal
        r"\b[A-Z]{2,}\b",  # an upper-case range
        r"\bcaf\u00e9\b",  # a letter outside ASCII (case-insensitive matching has folds lower-casing does not make)
        r"(?-i:gp)\s+to",  # a group with flags of its own
    ],
)
def test_a_pattern_that_names_a_capital_or_a_letter_outside_ascii_has_no_twin(source: str) -> None:
    assert gated(source, re.I)._exact is None


def test_a_character_with_no_case_does_not_keep_the_flag() -> None:
    pattern = gated(r"\bcontinue\s*[–—-]\s*(?:stop|start)\b|[↑↓]\s*\d", re.I)
    assert pattern._exact is not None
    for text in ("aspirin – continue – stop", "↑ 5 mg", "CONTINUE – STOP"):
        assert _spans(pattern.search(text)) == _spans(pattern.regex.search(text))
    assert gated(r"\bcare\b")._exact is None  # a case-sensitive pattern needs no twin


_FOLDING_ALPHABET = "aAsSkKiI \u017f\u212a\u0130\u0131–.-\u00e9\u00c9"


@given(st.text(alphabet=_FOLDING_ALPHABET, max_size=30))
@settings(max_examples=400, deadline=None)
def test_twins_find_what_their_patterns_find_on_any_text(text: str) -> None:
    """Text of letters that fold onto ASCII case-insensitively (ſ, the Kelvin sign, dotted and dotless i), capitals and
    dashes: the gated pattern, twin or not, answers exactly as re does, lower-cased or not."""
    for pattern in _FOLDING_PATTERNS:
        for version in (text, text.lower()):
            for name in ("search", "match", "fullmatch"):
                assert _spans(getattr(pattern, name)(version)) == _spans(getattr(pattern.regex, name)(version))
            assert _spans(list(pattern.finditer(version))) == _spans(list(pattern.regex.finditer(version)))


_FOLDING_PATTERNS = [
    gated(r"\b(?:ask|sick|ski|kiss|aisk|sakai)\b", re.I),
    gated(r"(?:s|k)+\s*[–-]\s*(i+)", re.I),
    gated(r"\bss+|\bkk+|\bii+|\baa+|\bsk\b|\bia\b", re.I),
]


def test_finditer_jumps_to_a_whole_patterns_fixed_starts_and_finds_what_re_finds() -> None:
    """A pattern of two or three branches is not searched branch by branch, but every match of one naming the GP
    starts at "gp", "dr" or "general": finditer jumps between those places and must still find re's matches."""
    pattern = gated(r"\b(?:gp|general\s+practitioner)\s*:?\s*dr\.?\s+(\w+)|(?<!\w)dr\.?\s+(\w+)\s*,")
    assert pattern._whole_prefixes == ("gp", "general", "dr")
    texts = [
        "gp: dr okafor, cc dr lee, general practitioner dr amin; drdr dr x,dr y, gpdr dr",
        "dr a,dr b,dr c,",  # matches end where the next begins
        "no doctor named here",
        "",
    ]
    for text in texts:
        assert _spans(list(pattern.finditer(text))) == _spans(list(pattern.regex.finditer(text))), text


class _CountedFinds(str):
    """A text that counts the searches made in it."""

    finds = 0

    def find(self, *args: Any) -> int:  # type: ignore[override]
        _CountedFinds.finds += 1
        return super().find(*args)


def test_finditer_at_fixed_starts_looks_for_a_start_again_only_once_the_matches_pass_it() -> None:
    """Found again after every match, a start that is not in the text ("general") was a read of the rest of the text
    per match: on a letter of 1 MB, a tenth of its reading. Each start's next place is kept until a match passes it."""
    pattern = gated(r"\b(?:gp|general\s+practitioner)\s*:?\s*dr\.?\s+(\w+)|(?<!\w)dr\.?\s+(\w+)\s*,")
    text = "dr a, " * 300 + "gp: dr okafor"
    _CountedFinds.finds = 0
    found = list(_matches_at_prefixes(pattern.regex, ("gp", "general", "dr"), text, _CountedFinds(text)))
    assert _spans(found) == _spans(list(pattern.regex.finditer(text)))
    assert len(found) == 301 and _CountedFinds.finds < 2 * len(found)  # (three a match before)


def _holds(req: Requirement, text: str) -> bool:
    """What a requirement means, read the plain way: a set of words, any of them; an "all" or "any" of parts."""
    if isinstance(req, frozenset):
        return any(word in text for word in req)
    kind, parts = req
    return (all if kind == "all" else any)(_holds(part, text) for part in parts)


# few words, so that alternatives often share a set of them (and "p" is in "gp": one word inside another)
_WORDS = st.frozensets(st.sampled_from(["gp", "p", "see", "to"]), min_size=1, max_size=2)
_REQUIREMENTS = st.recursive(
    _WORDS,
    lambda parts: st.tuples(st.sampled_from(["all", "any"]), st.lists(parts, min_size=2, max_size=4).map(tuple)),
    max_leaves=12,
)


@st.composite
def _alternatives_sharing_words(draw: st.DrawFn) -> Requirement:
    """An "any" some of whose alternatives need the same words (and each, something more)."""
    common = draw(_WORDS)
    alternatives = draw(st.lists(_REQUIREMENTS, min_size=2, max_size=4))
    sharing = draw(st.lists(st.booleans(), min_size=len(alternatives), max_size=len(alternatives)))
    return (
        "any",
        tuple(("all", (common, alt)) if shares else alt for alt, shares in zip(alternatives, sharing, strict=True)),
    )


@given(st.one_of(_REQUIREMENTS, _alternatives_sharing_words()), st.text(alphabet="gpseto ", max_size=12))
@settings(max_examples=500, deadline=None)
def test_a_gate_written_out_with_shared_words_asked_once_means_what_its_requirement_means(
    req: Requirement, text: str
) -> None:
    """The generated gate reorders an "all" (cheapest part first) and asks the words that several alternatives share
    once, ahead of them: neither may change its answer on any text."""
    assert _holds(_factored(req), text) == _holds(req, text)
    assert eval(f"lambda t: bool({_condition(_factored(req), [])})")(text) == _holds(req, text)  # noqa: S307


def test_the_words_a_gates_alternatives_share_are_asked_once() -> None:
    shared = frozenset({"gp", "practice"})
    req: Requirement = ("any", (("all", (shared, frozenset({"please"}))), ("all", (frozenset({"can"}), shared))))
    assert _factored(req) == ("all", (shared, ("any", (frozenset({"please"}), frozenset({"can"})))))
    assert _condition(_factored(req), []).count("'gp' in t") == 1
    # an alternative that needs only the shared words makes the others' further needs moot
    alone: Requirement = ("any", (("all", (shared, shared)), ("all", (shared, frozenset({"please"})))))
    assert _factored(alone) == shared
    assert _checker(req)("can the gp") and not _checker(req)("can the surgery")


@given(
    st.lists(st.text(alphabet="ab.(|*?\\ -", min_size=1, max_size=4), min_size=1, max_size=12),
    st.text(alphabet="ab.(|*?\\ -", max_size=16),
)
@settings(max_examples=500, deadline=None)
def test_one_read_of_a_word_set_finds_a_word_exactly_when_one_is_in_the_text(words: list[str], text: str) -> None:
    """A longer word set is looked for in one read (a tree of the words' shared beginnings): whatever the words hold,
    characters that mean something to `re` included, and with one word starting another, it answers as the `in` tests
    it replaces."""
    one_read = re.compile(_one_read(tuple(sorted(set(words)))))
    assert (one_read.search(text) is not None) == any(word in text for word in words)


def test_a_gate_with_a_long_word_set_reads_it_at_once_and_answers_as_the_in_tests() -> None:
    words = frozenset(f"word{k}x" for k in range(_READ_ONCE)) | {"gp"}
    read_once: list[str] = []
    assert _condition(words, read_once) == "_any_of[0](t) is not None"
    assert read_once == [_one_read(tuple(sorted(words, key=lambda x: (len(x), x))))]
    present = _checker(("all", (words, frozenset({"please"}))))
    assert present("please see word7x today") and present("gp please")
    assert not present("please see word7 today") and not present("word7x, gp")
    # a shorter set stays a chain of `in` tests
    assert "_any_of" not in _condition(frozenset({"gp", "practice"}), [])
