"""Facts about the whole letter that change how a single sentence is read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from . import lexicon as lx


class Audience(Enum):
    """Who "you" is in the letter."""

    GP = "gp"
    PATIENT = "patient"
    COLLEAGUE = "colleague"  # another hospital clinician; the GP is only a copy


@dataclass
class LetterContext:
    doc_type: str
    audience: Audience
    dna: bool
    shared_care_in_place: bool | None  # None when the letter does not say
    specialist_names: set[str] = field(default_factory=set)
    ordinary_names: set[str] = field(default_factory=set)
    surveillance_terms: set[str] = field(default_factory=set)
    norm: str = ""  # normalise(text), same length as the text

    def norm_of(self, start: int, end: int) -> str:
        return self.norm[start:end]


_DEAR = re.compile(r"^\s*dear\s+(.+?)\s*,?\s*$", re.I | re.M)
_GP_ADDRESS = re.compile(
    r"\b(surgery|practice|medical cent(?:re|er)|health cent(?:re|er)|medical group|general practi)", re.I
)
_COLLEAGUE_ADDRESS = re.compile(
    r"\b(consultant|registrar|specialty doctor|professor|physician|surgeon|geriatrician|specialist nurse|fellow)\b",
    re.I,
)


# Each opens with the digit and looks behind it afterwards, so `re` can skip straight to the next digit
# (opening with the look-behind, it tried every position of the letter): "(?<=[a-z])[015](?=[a-z])" and
# "(?<![a-z0-9])0(?=[a-z]{2})" in effect.
_OCR_INNER = re.compile(r"[015](?<=[a-z][015])(?=[a-z])")
_OCR_LEADING_ZERO = re.compile(r"0(?<![a-z0-9]0)(?=[a-z]{2})")
_OCR_FIX = {"0": "o", "1": "l", "5": "s"}


def normalise(text: str) -> str:
    """Lower-case, straighten curly apostrophes and undo OCR digit swaps inside words ("Va1ley", "0rthopaedics").

    Every replacement is one character for one character, so offsets into the result are offsets
    into the original text. (str.lower() keeps length for the scripts letters use; the engine
    falls back to the original if it ever does not.)
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    if "\u2019" in lowered or "\u2018" in lowered:
        # typographic apostrophes ("we\u2019ve", "GP\u2019s") read as plain ones
        lowered = lowered.replace("\u2019", "'").replace("\u2018", "'")
    if not any(d in lowered for d in "015"):
        return lowered
    lowered = _OCR_INNER.sub(lambda m: _OCR_FIX[m.group(0)], lowered)
    return _OCR_LEADING_ZERO.sub("o", lowered)


def _audience(text: str) -> Audience:
    match = _DEAR.search(text)
    if not match:
        return Audience.GP  # discharge and ED summaries are written to the GP without a salutation
    name = match.group(1).strip().lower()
    if re.match(r"(mr|mrs|ms|miss|mx|master)\b", name):
        return Audience.PATIENT
    if re.match(r"(colleague|gp|doctor|partners|practice|sir|dr\.?\s)", name):
        block = _address_block(text, match.start())
        if re.match(r"dr\.?\s", name) and _COLLEAGUE_ADDRESS.search(block) and not _GP_ADDRESS.search(block):
            return Audience.COLLEAGUE
        return Audience.GP
    # first name only: decide from the address block above the salutation
    block = _address_block(text, match.start())
    if _GP_ADDRESS.search(block):
        return Audience.GP
    if _COLLEAGUE_ADDRESS.search(block):
        return Audience.COLLEAGUE
    return Audience.PATIENT


def _address_block(text: str, salutation_at: int) -> str:
    """The contiguous non-blank lines just above the salutation."""
    before = text[:salutation_at].rstrip("\n")
    lines = before.split("\n")
    block: list[str] = []
    for line in reversed(lines):
        if not line.strip():
            if block:
                break
            continue
        block.append(line)
        if len(block) >= 8:
            break
    return "\n".join(reversed(block))


def infer_doc_type(text: str) -> str:
    head = text[:600].lower()
    if re.search(r"\b(emergency department|ed discharge|ed attendance|a&e|ed clinical summary|ed letter)\b", head):
        return "ed_letter"
    if re.search(r"\bdischarge summary\b|\bdischarged:|\bdate of discharge\b|\bdischarge:", head):
        return "discharge_summary"
    return "clinic_letter"


_AMBER_RED = re.compile(r"\b(?:amber|red)(?:[- ]list)?\s+(?:drug|medicine|medication)")
_NOT_SHARED = re.compile(r"\bnot\s+(?:an?\s+)?(?:shared[- ]care|amber|red|specialist)")


def build_context(text: str, doc_type: str | None) -> LetterContext:
    norm = normalise(text)
    declared_in_place = bool(lx.SHARED_CARE_IN_PLACE.search(norm))
    declared_missing = bool(lx.SHARED_CARE_NOT_IN_PLACE.search(norm))
    in_place: bool | None
    if declared_missing:
        in_place = False
    elif declared_in_place:
        in_place = True
    else:
        in_place = None
    specialist: set[str] = set()
    ordinary: set[str] = set()
    # the declaration patterns are costly, so run them only on sentences that can hold one (and look for
    # those sentences only in a letter that holds one: most letters do not)
    amber_red, not_shared = bool(_AMBER_RED.search(norm)), bool(_NOT_SHARED.search(norm))
    for sentence in re.split(r"(?<=[.!?])\s+", norm) if amber_red or not_shared else []:
        if amber_red and _AMBER_RED.search(sentence):
            specialist.update(m.group(1) for m in lx.LETTER_DECLARED_SPECIALIST.finditer(sentence))
        if not_shared and _NOT_SHARED.search(sentence):
            ordinary.update(m.group(1) for m in lx.LETTER_DECLARED_ORDINARY.finditer(sentence))
    surveillance: set[str] = set()
    for sentence in re.split(r"(?<=[.!?])\s+", norm) if "surveillance" in norm else []:
        if "surveillance" in sentence:
            surveillance.update(m.group(0).strip() for m in lx.LAB_RE.finditer(sentence))
            surveillance.update(m.group(0).strip() for m in lx.IMAGING_RE.finditer(sentence))
    return LetterContext(
        doc_type=doc_type or infer_doc_type(text),
        audience=_audience(text),
        dna=bool(lx.DNA_LETTER.search(norm)),
        shared_care_in_place=in_place,
        specialist_names=specialist - {"this", "that", "which", "drug", "it"},
        ordinary_names=ordinary - {"this", "that", "which", "drug", "it"},
        surveillance_terms=surveillance,
        norm=norm,
    )
