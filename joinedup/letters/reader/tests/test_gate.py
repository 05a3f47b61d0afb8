"""The substring gates in front of the reader's patterns only ever skip a search that could not match."""

from __future__ import annotations

import json
import re
from pathlib import Path

from joinedup.letters.reader import lexicon as lx
from joinedup.letters.reader.gate import Gated, gated, requirement

LETTERS = Path(__file__).parent


def test_requirement_is_read_off_every_branch() -> None:
    either = Gated(re.compile(r"\b(?:please|kindly)\s+check\b|\bgp\s+to\b", re.I))
    assert either.requirement == (
        "any",
        (frozenset({"gp"}), ("all", (frozenset({"kindly", "please"}), frozenset({"check"})))),
    )
    assert either._cannot_match("please do not worry") and not either._cannot_match("kindly check her bloods")
    # a branch with no fixed text, or a literal too short to filter, leaves the pattern ungated
    assert requirement(re.compile(r"\bgp\b|[a-z]+\d", re.I)) is None
    assert requirement(re.compile(r"\bgp\b|\bk\b", re.I)) is None
    assert requirement(re.compile(r"\bgp\b|\w+ing\b", re.I)) == frozenset({"gp", "ing"})
    # an everyday word is checked only when nothing better is needed
    assert requirement(re.compile(r"\b(?:i|we)\s+will\s+refer\b")) == frozenset({"refer"})
    assert requirement(re.compile(r"\b(?:i|we)\s+will\b")) == frozenset({"will"})
    # an optional part is not required; a repeated one is
    assert requirement(re.compile(r"(?:kindly\s+)?refer")) == frozenset({"refer"})
    assert requirement(re.compile(r"(?:re-?)+refer")) == frozenset({"refer"})


def test_gate_answers_as_the_pattern_does() -> None:
    pattern = gated(r"\bshared[- ]care\b", re.I)
    assert pattern.search("Shared care is agreed") is not None
    assert pattern.search("no such words here") is None
    # "ſ" (long s) matches "s" case-insensitively and does not lower-case to it: the gate must stand aside
    assert pattern.search("ſhared care") is not None
    assert list(pattern.finditer("shared care, then shared-care")) != []
    assert pattern.match("x shared care") is None


def test_every_gate_agrees_with_its_pattern_on_the_letters() -> None:
    gates = [value for value in vars(lx).values() if isinstance(value, Gated)]
    assert gates
    texts = []
    for path in sorted(LETTERS.glob("*/*.json")):
        texts += [record["text"] for record in json.loads(path.read_text(encoding="utf-8"))]
    for text in texts:
        for piece in [text, text.lower(), *re.split(r"(?<=[.!?\n])\s*", text)]:
            for gate in gates:
                assert bool(gate.search(piece)) == bool(gate.regex.search(piece)), (gate.regex.pattern[:60], piece)
