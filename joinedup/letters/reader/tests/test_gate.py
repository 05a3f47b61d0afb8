"""The substring gates in front of the reader's patterns only ever skip a search that could not match."""

from __future__ import annotations

import json
import re
from pathlib import Path

from joinedup.letters.reader import lexicon as lx
from joinedup.letters.reader.gate import Gated, gated, required_literals

LETTERS = Path(__file__).parent


def test_required_literals_are_read_off_every_branch() -> None:
    assert required_literals(re.compile(r"\b(?:please|pls)\s+check\b|\bgp\s+to\b", re.I)) == ("gp", "check")
    # a branch with no fixed text, or a literal too short to filter, leaves the pattern ungated
    assert required_literals(re.compile(r"\bgp\b|[a-z]+\d", re.I)) is None
    assert required_literals(re.compile(r"\bgp\b|\bk\b", re.I)) is None
    assert required_literals(re.compile(r"\bgp\b|\w+ing\b", re.I)) == ("gp", "ing")
    assert required_literals(re.compile(r"\b(?:i|we)\s+will\b")) == ("will",)
    # an optional part is not required; a repeated one is
    assert required_literals(re.compile(r"(?:kindly\s+)?refer")) == ("refer",)
    assert required_literals(re.compile(r"(?:re-?)+refer")) == ("refer",)


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
