"""A request said twice in one letter is one request.

Template letters ask once in a summary box ("Actions for GP: 1. Increase bisoprolol 2.5 mg -> 5 mg OD") and again in
the body ("please increase his bisoprolol from 2.5 mg to 5 mg OD"); discharge summaries put a medicine's request in the
medication table and again in the free text; reports give a finding with its advice and then the task for the GP. A
practice asked twice has one task, and annotators record it once: where the letter addresses the practice
("please", "GP to"), or, when both statements do, in the body rather than in the list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from . import lexicon as lx
from .kept import compiled
from .segment import Unit

# how far apart two statements of one request may stand, counted in requests (a summary box and the body of one
# letter; a bound that keeps the comparison linear on a very long letter)
_WITHIN_REQUESTS = 40

# test names too general to say which request it is ("bloods", "a scan", "BP")
_GENERAL_TESTS = frozenset(
    "blood bloods levels level weight bp urine obs observations scan scans screen imaging pulse height na k hb swab "
    "swabs smear biopsy echo".split()
) | {"blood test", "blood tests", "blood pressure"}

# one name for a test a box abbreviates and the body spells out ("U&E 1/52", "please check U&Es in 1 week"; "CXR 6/52",
# "please repeat his chest X-ray in 6-8 weeks")
_ONE_NAME_FOR = {
    **dict.fromkeys(("u&es", "ues", "u+e", "u+es", "u & e", "u & es", "u and e", "u and es", "renal function"), "u&e"),
    **dict.fromkeys(("cxr", "chest x-ray", "chest xray", "chest x ray", "cxrs"), "x-ray"),
    **dict.fromkeys(("lft", "liver function", "liver function tests"), "lfts"),
    **dict.fromkeys(("tft", "thyroid function", "thyroid function tests"), "tfts"),
    "full blood count": "fbc",
}

_REFERRED_TO = compiled(
    r"\brefer\w*\s+(?:him|her|them|the\s+patient)?\s*(?:on\s+)?(?:to|for)\s+"
    r"(?:the\s+|a\s+|an\s+|our\s+|your\s+|their\s+|local\s+|community\s+)*([a-z][a-z\-]+)"
)

_REFERRAL_SHORTHAND = compiled(
    r"^\W*(?:please\s+|pls\s+)?(?:re-?)?refer\s+(?!to\b|for\b|him\b|her\b|them\b|back\b|on\b)([a-z][a-z\-]+)"
    r"|\b([a-z][a-z\-]+)\s+(?:clinic\s+|service\s+|team\s+)?(?:re-?)?referral\b"
)
# one name for a service a list abbreviates and the body spells out ("Consider routine MSK referral" beside "a routine
# referral to your local musculoskeletal service")
_ONE_SERVICE = {
    "msk": "musculoskeletal",
    **dict.fromkeys(("physio", "physiotherapist", "physiotherapists"), "physiotherapy"),
    **dict.fromkeys(("dietitian", "dietitians", "dietician", "dieticians", "dietetic"), "dietetics"),
    **dict.fromkeys(("podiatrist", "podiatrists"), "podiatry"),
    **dict.fromkeys(("audiologist", "audiological"), "audiology"),
    "salt": "speech",
    "ot": "occupational",
}
_NOT_A_SERVICE = frozenset(
    "a an the new further urgent routine onward fresh another this that same suspected cancer your local community "
    "his her their consider considering make made arrange arranged request requested send sent accept accepted "
    "complete completed need needs needed appropriate gp practice".split()
)

# what is done to the medicine or test; two statements that do different things ("increase ramipril", "if potassium
# rises, reduce ramipril") are two requests
_DOING = {
    **dict.fromkeys(("start", "started", "commence", "initiate"), "start"),
    **dict.fromkeys(("stop", "stopped", "discontinue", "withdraw"), "stop"),
    "continue": "continue",
    **dict.fromkeys(("increase", "increased", "uptitrate", "titrate"), "up"),
    **dict.fromkeys(("reduce", "reduced", "decrease", "wean", "taper"), "down"),
    **dict.fromkeys(("change", "changed", "switch"), "change"),
    **dict.fromkeys(("prescribe", "issue"), "prescribe"),
    "remove": "remove",
    "chase": "chase",
    "restart": "restart",
}
_WORD = compiled(r"[a-z][a-z0-9&\-]+")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?")
# a duration in clinical shorthand, "6/52", "3/12", "10/7": six weeks, three months, ten days (the denominator is
# the unit, not a number the other statement would repeat)
_SHORTHAND_DURATION = re.compile(r"(?<![\w./])(\d+)\s*/\s*(?:52|12|7)(?![\d/])")
_LIST_MARK = re.compile(r"^\s*(?:\[\d+\]|\(?\d+[.)]|[a-z][.)])\s*")
_ADDRESSED = compiled(
    r"\b(?:please|pls|plz|kindly|grateful|could\s+you|would\s+you|can\s+you|gp\s+to|gp\s+please|gp\s+pls|"
    r"practice\s+to|surgery\s+to|(?:ask|asked)\s+(?:your|the)\s+(?:gp|surgery|practice))\b"
)
_LITTLE_WORDS = frozenset(
    "the and for with from that this his her him she you your our was are gp please pls could would kindly".split()
)


@dataclass(frozen=True)
class _Statement:
    """What one found request says, as far as telling it from another request needs."""

    category: str
    subject: frozenset[str]  # the medicines, tests or service it names
    numbers: frozenset[str]  # doses, intervals, dates
    doing: frozenset[str]  # start, stop, increase ...
    words: frozenset[str]
    sentence_words: frozenset[str] | None  # of the whole sentence, when the request is only part of it
    addressed: bool  # it says whom it asks: "please", "GP to"
    listed: bool  # a list entry or a table row
    row: bool  # a table row


def _subject(said: str, category: str) -> frozenset[str]:
    if category in ("medication", "specialist_prescribing"):
        named = {" ".join(m.group(0).split()) for m in lx.DRUG_NAME.finditer(said)}
        if category == "specialist_prescribing":
            named.update(" ".join(m.group(0).split()) for m in lx.SPECIALIST_DRUG_RE.finditer(said))
        return frozenset(named)
    if category in ("monitoring", "investigation", "results"):
        tests = {" ".join(m.group(0).split()) for m in lx.LAB_RE.finditer(said)}
        tests.update(" ".join(m.group(0).split()) for m in lx.IMAGING_RE.finditer(said))
        return frozenset(_ONE_NAME_FOR.get(test, test) for test in tests - _GENERAL_TESTS)
    if category == "referral":
        named = {m.group(1) for m in _REFERRED_TO.finditer(said)}
        # a box's shorthand: "Refer podiatry (high risk foot)", "Falls clinic referral please"
        named.update(m.group(m.lastindex or 0) for m in _REFERRAL_SHORTHAND.finditer(said))
        return frozenset(_ONE_SERVICE.get(name, name) for name in named - _NOT_A_SERVICE)
    return frozenset()


def _content(words: list[str]) -> frozenset[str]:
    return frozenset(
        _ONE_SERVICE.get(w, w).rstrip("s")
        for w in words
        if (len(w) > 2 or w in _ONE_SERVICE) and w not in _LITTLE_WORDS
    )


# a label the request is written after: "Actions - GP: add latanoprost to repeat"
# (only a label that says whose the list is: "Rivaroxaban:" and "Diabetes:" name what the request is about)
_INLINE_LABEL = re.compile(r"^\s*(?:[a-z]+\s+){0,2}?(?:actions?|gp|plan|jobs|tasks|requests?)\b[a-z\s&/()-]{0,20}:\s+")


def _statement(quote: str, category: str, unit: Unit) -> _Statement:
    said = quote.lower()
    if ":" in said[:34]:
        said = _INLINE_LABEL.sub("", said)
    words = _WORD.findall(said)
    listed = unit.is_bullet or bool(unit.cells) or unit.table_owner is not None
    return _Statement(
        category=category,
        subject=_subject(said, category),
        # (a number as written: "09/04" and "9 April" share 9)
        numbers=frozenset(
            n.lstrip("0") or "0" for n in _NUMBER.findall(_SHORTHAND_DURATION.sub(r"\1", _LIST_MARK.sub("", said)))
        ),
        doing=frozenset(_DOING[w] for w in words if w in _DOING),
        words=_content(words),
        # (the whole sentence of a request quoted in part: "I have suggested she stops it, and I would be grateful if
        # you could remove it from her repeat prescription" says all that "Stop betahistine and remove from repeat" does)
        sentence_words=_content(_WORD.findall(unit.text.lower()))
        if not listed and len(unit.text) > len(quote) + 2
        else None,
        addressed=bool(_ADDRESSED.search(said)),
        listed=listed,
        row=bool(unit.cells),
    )


def _same_doing(a: _Statement, b: _Statement) -> bool:
    if not a.doing or not b.doing or a.doing & b.doing:
        return True
    both = a.doing | b.doing
    return "change" in both and bool(both & {"up", "down"})  # "Changed: metformin 500 mg -> 1 g" is an increase


# a test asked for in a box as monitoring ("FBC + ferritin 3/12") may read as an investigation in the body ("a repeat
# FBC and ferritin in 3 months would be helpful"): one family for telling requests apart
_FAMILY = {"monitoring": "tests", "investigation": "tests"}


def _family(category: str) -> str:
    return _FAMILY.get(category, category)


def _same_request(a: _Statement, b: _Statement) -> bool:
    if _family(a.category) != _family(b.category):
        return False
    shorter, longer = (a, b) if len(a.words) <= len(b.words) else (b, a)
    # a terse entry whose every word and number the other statement repeats ("Stop naproxen")
    if 2 <= len(shorter.words) <= 10 and shorter.words <= longer.words and shorter.numbers <= longer.numbers:
        return True
    # a list's terse entry that the whole sentence of a request in the body repeats, word for word
    terse, sentence = (a, b) if a.listed else (b, a)
    if (
        terse.listed
        and sentence.sentence_words is not None
        and 2 <= len(terse.words) <= 8
        and terse.words <= sentence.sentence_words
        and terse.numbers <= sentence.numbers
    ):
        return True
    # a summary's terse entry that most of whose words the other statement says, with no number or step that differs
    # ("Take over sacubitril/valsartan prescribing | GP | from 09/04" beside "After the first 4 weeks please take over
    # prescribing of sacubitril/valsartan")
    if (
        shorter.listed
        # (two rows of one table share their columns' words; two medicines are two requests)
        and not (shorter.row and longer.row)
        and (not shorter.subject or not longer.subject or bool(shorter.subject & longer.subject))
        and 2 <= len(shorter.words) <= 10
        and 2 * len(shorter.words & longer.words) >= len(shorter.words) + 1
        and (not shorter.numbers or not longer.numbers or bool(shorter.numbers & longer.numbers))
        and _same_doing(a, b)
    ):
        return True
    # the same medicine or test (a box's "FBC 6-monthly" within the body's "FBC, U&E and LFTs every 6 months"), with a
    # dose or interval in common and nothing different done to it
    if not a.subject or not b.subject:
        return False
    if a.subject != b.subject:
        fewer, more = (a, b) if len(a.subject) < len(b.subject) else (b, a)
        # (only a terse list entry against prose: two requests that share a medicine, "start candesartan" and "if
        # candesartan is not tolerated, consider amitriptyline", are two)
        if not (fewer.subject < more.subject and fewer.listed and not more.listed and len(fewer.words) <= 8):
            return False
    if (a.numbers or b.numbers) and not a.numbers & b.numbers:
        return False
    return _same_doing(a, b)


def _the_restatement(i: int, a: _Statement, j: int, b: _Statement) -> int | None:
    """Which of two statements of one request to drop, or None to keep both."""
    if a.addressed != b.addressed:
        return i if b.addressed else j
    if a.listed != b.listed:
        return i if a.listed else j
    # both alike: a terse line that the other states in full is the summary ("Falls clinic referral please" beside
    # "please refer her to the community falls service")
    if len(a.words) <= 6 < len(b.words):
        return i
    if len(b.words) <= 6 < len(a.words):
        return j
    return None


def restatements(found: Sequence[tuple[str, str, Unit]]) -> set[int]:
    """The indexes of found requests (quote, category, unit) that another found request already states."""
    # (only requests of one category can state one another: most letters ask one thing of each kind, and so are
    # compared not at all)
    by_category: dict[str, list[int]] = {}
    for index, (_, category, _) in enumerate(found):
        by_category.setdefault(_family(category), []).append(index)
    dropped: set[int] = set()
    said: dict[int, _Statement] = {}  # each request's statement, made once for both comparisons below
    for indexes in by_category.values():
        if len(indexes) < 2:
            continue
        statements = {i: _statement_of(i, found, said) for i in indexes}
        for position, i in enumerate(indexes):
            if i in dropped:
                continue
            for j in indexes[position + 1 :]:
                if j - i > _WITHIN_REQUESTS:
                    break
                if j in dropped or not _same_request(statements[i], statements[j]):
                    continue
                drop = _the_restatement(i, statements[i], j, statements[j])
                if drop is not None:
                    dropped.add(drop)
                    if drop == i:
                        break
        dropped.update(_summaries(statements, dropped))
    dropped.update(_advice_then_the_ask(found, dropped, said))
    dropped.update(_as_above(found, dropped, said))
    dropped.update(_one_line_boxes(found, dropped, said))
    return dropped


# a list's entry that says it repeats the body: "Refer to community dietetics (as above)", "Up-titrate ramipril as above"
# (in brackets, or straight after what it names: "until reduced as above" qualifies a request of its own)
_AS_ABOVE = compiled(
    r"[(\[]\s*(?:[\w\s-]{0,20}?[-–,]\s*)?(?:as|see)\s+(?:per\s+)?(?:above|earlier)\s*[)\]]"
    r"|^\W*(?:\S+\s+){1,4}as\s+(?:per\s+)?(?:above|earlier)\b"
)


def _as_above(found: Sequence[tuple[str, str, Unit]], dropped: set[int], said: dict[int, _Statement]) -> list[int]:
    """Entries that say they repeat a request above, where a request above names what they name."""
    repeats = []
    for i, (quote, _, _) in enumerate(found):
        if i in dropped or ("above" not in quote and "earlier" not in quote) or not _AS_ABOVE.search(quote.lower()):
            continue
        entry = _statement_of(i, found, said)
        if not entry.listed or len(entry.words) > 12:
            continue  # (in prose, "until reduced as above" qualifies a request of its own)
        words = entry.words - {"above", "earlier"}
        for j in range(max(0, i - _WITHIN_REQUESTS), i):
            before = _statement_of(j, found, said)
            if j not in dropped and (entry.subject & before.subject or len(words & before.words) >= 2):
                repeats.append(i)
                break
    return repeats


# advice names neither the reader nor a task of its own in the passive ("co-codamol to be removed from her repeat list")
_NAMES_THE_READER = compiled(r"\b(?:you|your|gp|gps|practice|surgery|primary\s+care)\b|\bto\s+be\s+[a-z]+ed\b")


def _advice_then_the_ask(
    found: Sequence[tuple[str, str, Unit]], dropped: set[int], said: dict[int, _Statement]
) -> list[int]:
    """Advice in the body, then the ask that carries it out: "To that end I recommend starting an SGLT2 inhibitor and
    optimising his ACE inhibitor." then "I would be grateful if you could start dapagliflozin 10 mg once daily"."""
    advice = []
    for i in range(len(found) - 1):
        if i in dropped or i + 1 in dropped:
            continue
        a, b = _statement_of(i, found, said), _statement_of(i + 1, found, said)
        unit_a, unit_b = found[i][2], found[i + 1][2]
        if (
            _family(a.category) == _family(b.category)
            and not a.addressed
            and a.sentence_words is None  # (a sentence of its own, not a second request after another)
            and not _NAMES_THE_READER.search(found[i][0].lower())
            and b.addressed
            and not a.listed
            and not b.listed
            and unit_a is not unit_b
            and 0 <= unit_b.paragraph - unit_a.paragraph <= 2  # (the next paragraph: a blank line counts one)
            and (bool(a.subject & b.subject) or len(a.words & b.words) >= 2)
        ):
            advice.append(i)
    return advice


def _statement_of(i: int, found: Sequence[tuple[str, str, Unit]], said: dict[int, _Statement]) -> _Statement:
    statement = said.get(i)
    if statement is None:
        statement = said[i] = _statement(*found[i])
    return statement


# the entries of a box written on one line: "GP ACTIONS >> Clenil 100mcg 2 puffs BD - please prescribe | Salbutamol
# repeat | Asthma nurse r/v 2/52"
_ENTRY_BREAK = compiled(r"\s+\|\s+|\s*>>?\s+|\s+[|>]\s*")


def _one_line_boxes(
    found: Sequence[tuple[str, str, Unit]], dropped: set[int], said: dict[int, _Statement]
) -> list[int]:
    """Lines that list several requests the letter states one by one elsewhere (two or more of them): the line is a
    summary, and the statements are the requests. (Stated again within _WITHIN_REQUESTS of the line, in prose: two rows
    of one table share their columns' words, and restate nothing.)"""
    boxes: list[int] = []
    for i, (quote, _, unit) in enumerate(found):
        if i in dropped or quote.count("|") + quote.count(">") < 2:
            continue
        entries = [entry for entry in _ENTRY_BREAK.split(quote) if len(entry.split()) >= 2]
        if len(entries) < 2:
            continue
        prose = [
            (j, _statement_of(j, found, said))
            for j in range(max(0, i - _WITHIN_REQUESTS), min(len(found), i + _WITHIN_REQUESTS + 1))
            if j != i and j not in dropped and not found[j][2].cells
        ]
        stated = 0
        for entry in entries:
            read_as: dict[str, _Statement] = {}  # the entry read as each category it is compared with
            for _, other in prose:
                if other.category not in read_as:
                    read_as[other.category] = _statement(entry, other.category, unit)
                if _same_request(read_as[other.category], other):
                    stated += 1
                    break
        if stated >= 2:
            boxes.append(i)
    return boxes


def _summaries(statements: dict[int, _Statement], dropped: set[int]) -> list[int]:
    """Lines that sum up several requests stated one by one elsewhere: "Changed: bisoprolol 2.5 -> 5 mg (GP to action) |
    ramipril 5 -> 10 mg (GP to action)" beside "please increase his bisoprolol ..." and "... increase his ramipril ..."."""
    singles = [(i, s) for i, s in statements.items() if i not in dropped and len(s.subject) == 1]
    found = []
    for i, summary in statements.items():
        if i in dropped or len(summary.subject) < 2:
            continue
        covered = {
            name
            for j, single in singles
            if abs(j - i) <= _WITHIN_REQUESTS and single.numbers & summary.numbers
            for name in single.subject & summary.subject
        }
        if covered == summary.subject:
            found.append(i)
    return found


# a later message of a thread takes back a request an earlier one made: "Please also ignore my request for an ECG
# below - we managed to do one in clinic" (the request taken back must be in the letter: "below", "above")
_TAKEN_BACK = compiled(
    r"\b(?:ignore|disregard)\s+(?:my|our|the)\s+(?:earlier\s+|previous\s+|original\s+)?requests?\s+(?:for|to)\s+"
    r"(?P<what>(?:[a-z0-9&/-]+\s+){1,4}?)(?:in\s+my\s+(?:\w+\s+)?(?:email|e-mail|message|letter)\s+)?(?:below|above)\b"
)


def withdrawn(found: Sequence[tuple[int, str]], norm: str) -> set[int]:
    """The indexes of found requests (start, quote) that another part of the letter takes back."""
    if "ignore" not in norm and "disregard" not in norm:
        return set()
    dropped: set[int] = set()
    for taken_back in _TAKEN_BACK.finditer(norm):
        named = set(_WORD.findall(taken_back.group("what"))) - _LITTLE_WORDS - {"an", "to"}
        for index, (start, quote) in enumerate(found):
            if taken_back.start() <= start < taken_back.end():
                continue
            if named and named <= set(_WORD.findall(quote.lower())):
                dropped.add(index)
    return dropped
