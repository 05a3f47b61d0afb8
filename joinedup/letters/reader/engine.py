"""Find the requests to the GP practice in one letter."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from . import lexicon as lx
from .classify import judge
from .context import Audience, LetterContext, build_context
from .gate import gated
from .segment import SectionKind, Unit, segment

# Real letters are a few kilobytes; 1 MB reads in about two seconds. Anything bigger is refused
# loudly rather than cut, because cutting would silently drop the requests at the end.
MAX_LETTER_CHARS = 2_000_000


class LetterTooLarge(ValueError):
    """The letter is longer than MAX_LETTER_CHARS; nothing was read."""


@dataclass
class Action:
    quote: str
    start: int
    end: int
    category: str
    verdict: str
    rule: str | None
    reason: str

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


# cheap substring gate in front of the request patterns; every request cue contains one of these
_REQUEST_KEYS = (
    "pl",
    "kind",
    "gp",
    "g.p",
    "practi",
    "surgery",
    "primary care",
    "you",
    "grateful",
    "apprecia",
    "thank",
    "suggest",
    "recommend",
    "advis",
    "propos",
    "worth",
    "consider",
    "reasonable",
    "helpful",
    "useful",
    "sensible",
    "ask",
    "prudent",
    "wise",
    "idea",
    "benefi",
    "appropriate",
    "wonder",
    "perhaps",
    "leave",
    "discretion",
    "question",
    "quer",
    "concern",
)
_GP_OWNER_CELL = re.compile(r"\b(gp|g\.p\.|practice|surgery|primary\s+care|general\s+practi\w*)\b", re.I)
_EMPTY_CELL = re.compile(r"^\s*(none|nil|n/?a|-|–|—|no|not\s+required|no\s+action|no\s+gp\s+action.*)?\s*\.?\s*$", re.I)
_COURTESY = gated(
    r"\b(?:please|pls)\s+(?:find|note|see\s+(?:the\s+)?(?:attached|enclosed|below|above)|be\s+aware|accept)\b", re.I
)
# "Thank you for referring ..." opens a letter; "Thanks for arranging a repeat FBC" is still a request
_THANKS = re.compile(
    r"^\s*(?:many\s+)?thank(?:s|\s+you)\s+(?:very\s+much\s+)?(?:for\s+(?:referring|asking|your|the|sending|seeing|"
    r"letting|coming|attending|involving)\b|$)",
    re.I,
)
_SECOND_PERSON_PATIENT = re.compile(
    r"\b(?:your|yourself|you\s+(?:should|will|can|must|need|have|are|were|may))\b", re.I
)
_THIRD_PERSON = re.compile(
    r"\b(?:he|she|him|her|his|they|them|their|the\s+patient|mr\s+\w+|mrs\s+\w+|ms\s+\w+|miss\s+\w+)\b", re.I
)
_HOSPITAL_SUBJECT = re.compile(
    r"(?:^|[;,–—-]\s*|\b(?:and|then)\s+)(?:we|i|our\s+[\w\s'-]{0,40}?|(?:the\s+)?[\w\s'-]{0,30}?(?:team|ward|clinic|unit|department|"
    r"nurses?|service|secretar\w+|consultant)|they|dns|district\s+nurses?)\s+(?:will|have|has|are|is|'ll|'ve|shall|would|"
    r"can|to)\b"
    r"|\b(?:booked|arranged|organised|organized|requested|referred|sent|posted|done|completed|accepted|issued|supplied|"
    r"given|made|taken|started|stopped|reduced|increased)\b(?!\s+(?:by|from)\s+(?:the\s+)?(?:gp|practice|surgery))"
    r"|\b(?:by|via|through|at|in|from|with)\s+(?:the\s+|our\s+)?(?:[\w-]+\s+){0,3}(?:ward|clinic|hospital|team|unit|"
    r"department|ed|district\s+nurses|dns|pharmacy|day\s+unit|phlebotomy|outpatients)\b"
    # shorthand for the hospital's own follow-up: "F/U renal clinic 6/52", "Review in clinic 3/12", "RV OPD 3 months"
    r"|^\s*(?:f/u|follow[- ]?up|review|r/v|rv|see|seen|appt|appointment)\s*:?\s*(?:in\s+|at\s+|with\s+)?(?:the\s+|our\s+)?"
    r"(?:[\w-]+\s+){0,2}(?:clinic|opd|outpatients?|op\s+clinic)\b",
    re.I,
)


def _directed_at_reader_is_gp(unit: Unit, norm: str, ctx: LetterContext, vocative_paragraph: bool) -> bool:
    """Whether "you"/"please" in this sentence means the GP."""
    if vocative_paragraph:
        return True
    if ctx.audience is Audience.GP:
        return True
    if ctx.audience is Audience.PATIENT:
        # a request about the patient in the third person, with no "your", speaks to the GP copy
        return bool(_THIRD_PERSON.search(norm)) and not _SECOND_PERSON_PATIENT.search(norm)
    return False


def _table_decision(unit: Unit) -> bool | None:
    """True/False when a table column says who acts; None when the table does not say."""
    if unit.table_owner is not None:
        owner = unit.table_owner
        if _EMPTY_CELL.match(owner) or not _GP_OWNER_CELL.search(owner):
            return False
        action_text = " ".join(c for c in unit.cells if c != owner)
        return not _EMPTY_CELL.match(action_text)
    if unit.table_gp_cell is not None:
        return not _EMPTY_CELL.match(unit.table_gp_cell) and not lx.NEGATION.search(unit.table_gp_cell)
    return None


def _clause_with(norm: str, position: int) -> str:
    """The clause (between ; or sentence marks) that holds position."""
    start = max(norm.rfind(";", 0, position), norm.rfind(":", 0, position), norm.rfind(" - ", 0, position))
    end_candidates = [i for i in (norm.find(";", position), norm.find(" - ", position)) if i != -1]
    end = min(end_candidates) if end_candidates else len(norm)
    return norm[start + 1 : end]


def _explicit_request(norm: str) -> re.Match[str] | None:
    """The first explicit request to the practice, skipping "writing to your GP to let them know"."""
    for match in lx.EXPLICIT_GP_REQUEST.finditer(norm):
        if lx.WRITTEN_TO_GP.search(norm[max(0, match.start() - 30) : match.start()]):
            continue
        if match.group(0).startswith(("the ", "your ", "his ", "her ")) and lx.WRITTEN_TO_GP.search(
            norm[max(0, match.start() - 30) : match.start()] + match.group(0).split(" ", 1)[0] + " "
        ):
            continue
        return match
    return None


def is_gp_request(unit: Unit, ctx: LetterContext, vocative_paragraph: bool) -> bool:
    norm = ctx.norm_of(unit.start, unit.end)
    table = _table_decision(unit)
    if table is not None:
        return table
    if not any(key in norm for key in _REQUEST_KEYS):
        # no word that can carry a request to the reader: only an impersonal request is possible
        return _impersonal_request(unit, norm, ctx)
    if _THANKS.match(norm) or _COURTESY.search(norm) and not lx.EXPLICIT_GP_REQUEST.search(norm):
        return False
    explicit = _explicit_request(norm) or lx.PATIENT_WILL_SEE_GP.search(norm)
    sent_to_gp = lx.PATIENT_SENT_TO_GP.search(norm) or ("note" in norm and lx.PATIENT_TO_GP_FOR_FIT_NOTE.search(norm))
    polite = lx.REQUEST_TO_READER.search(norm)
    if polite and lx.CONTACT_COURTESY.search(norm) and not explicit and not sent_to_gp:
        polite = None
    directed = explicit or sent_to_gp
    if not directed and polite and _directed_at_reader_is_gp(unit, norm, ctx, vocative_paragraph):
        directed = polite
    if directed:
        clause = _clause_with(norm, directed.start())
        if lx.NEGATION.search(clause) and not sent_to_gp:
            return False
        if not explicit and not sent_to_gp and lx.SAFETY_NET.search(norm) and lx.CONDITIONAL_START.search(norm):
            return False
        if not explicit and not sent_to_gp and lx.HOSPITAL_TAKES_IT.search(norm):
            return False
        return True
    return _impersonal_request(unit, norm, ctx)


_DRUG_FIRST_CHANGE = re.compile(
    r"^\s*[a-z][\w-]+(?:\s+[a-z][\w-]+)?\s*(?:[↑↓]|increased?|reduced?|up-?titrated?|down-?titrated?|titrated?)\s+(?:to\b)?"
)
_LATER_STEP = re.compile(
    r"\bthen\s+(?:to\s+)?(?:\d|increase|reduce|up|down|stop|wean|titrate)"
    r"|\b(?:increasing|reducing|titrating|weaning)\s+(?:to|by)\b[^.;]{0,30}\b(?:every|after|in|over)\b"
)
_THRESHOLD_CONDITION = re.compile(
    rf"^\s*(?:if|should|once|when)\s+(?:his|her|their|the)?\s*(?:{lx.LAB_TESTS})\b[^,;]{{0,60}}?"
    r"(?:above|below|over|under|exceeds?|falls?|rises?|drops?|>|<|≥|≤|greater|less|more|higher|lower)[^,;]{0,40},\s*",
)


_DASH_JOIN = re.compile(r"\s[–—-]\s")  # compiled once: split for nearly every sentence


def _impersonal_request(unit: Unit, norm: str, ctx: LetterContext) -> bool:
    """A request with no owner ("U&Es in 1/52", "for DEXA scan") counts only where the letter gives no other owner."""
    if unit.section in (SectionKind.HOSPITAL, SectionKind.PATIENT, SectionKind.INFO):
        return False
    if ctx.audience is not Audience.GP and unit.section is not SectionKind.GP:
        return False
    body = norm
    label = unit.heading_label.lower()
    if label and body.startswith(label):
        body = body[len(label) :].lstrip(" :")
    # in a dash-joined line ("New AF – add to AF register") the request may follow the dash
    pieces = [body] + [p for p in _DASH_JOIN.split(body)[1:]]
    cue = False
    # "If her potassium rises above 5.5, stop the ramipril": acting on a test threshold is the GP's in a GP letter
    threshold = _THRESHOLD_CONDITION.match(body)
    if threshold and lx.IMPERATIVE_START.match(body[threshold.end() :]):
        cue = True
    for piece in pieces:
        if lx.IMPERATIVE_START.match(piece) and not (
            lx.PLAN_ONLY_IMPERATIVE.match(piece) and unit.section is not SectionKind.GP
        ):
            cue = True
        # a dose change with a later step ("Bisoprolol ↑ to 5 mg, then 7.5 mg in 4 weeks") is done after the letter
        if (lx.PLAN_ONLY_IMPERATIVE.match(piece) or _DRUG_FIRST_CHANGE.match(piece)) and _LATER_STEP.search(piece):
            cue = True
        if lx.TEST_WITH_TIME.match(piece) or lx.QUERY_REFER.search(piece) or lx.IMPERSONAL_NEED.search(piece):
            cue = True
    if not cue:
        return False
    if lx.NEGATION.search(norm):
        return False
    if lx.SAFETY_NET.search(norm):
        return False
    if _HOSPITAL_SUBJECT.search(norm) or lx.PATIENT_OWNER.search(norm):
        # the GP section may still name the practice ("Practice nurse to remove clips")
        return bool(re.search(r"\b(?:gp|practice|surgery)\b", norm)) and unit.section is SectionKind.GP
    return True


def _split_multi(unit: Unit, ctx: LetterContext) -> list[tuple[int, int]]:
    """Cut a sentence holding two separate requests ("...; please also refer ...") into two spans."""
    text = unit.text
    norm = ctx.norm_of(unit.start, unit.end)
    cuts = [0]
    for match in re.finditer(
        r";\s+|,\s+and\s+(?=(?:i\s+would|could\s+you|please|can\s+you|gp\s+to)\b)|,\s+(?=\S)", norm
    ):
        right = norm[match.end() :]
        left = norm[cuts[-1] : match.start()]
        if match.group(0).startswith(","):
            # "GP: r/v BP 2/52, ↑amlodipine to 10 if still high": a new imperative after a comma is a second request
            if not (_SECOND_IMPERATIVE.match(right) and (_has_trigger(left) or _starts_imperative(left))):
                continue
            if lx.NEGATION.search(right[:60]):
                continue
            cuts.append(match.end())
            continue
        if _has_trigger(left) and _has_trigger(right) and not lx.NEGATION.search(right[:60]):
            cuts.append(match.end())
    spans = []
    for k, s in enumerate(cuts):
        e = cuts[k + 1] if k + 1 < len(cuts) else len(text)
        seg = text[s:e].rstrip(" ;,")
        if k + 1 < len(cuts):
            seg = re.sub(r",\s+and$", "", seg)
        spans.append((unit.start + s, unit.start + s + len(seg)))
    return spans


# a second request after a comma opens with a verb that changes treatment or asks for a new step
_SECOND_IMPERATIVE = re.compile(
    r"(?!then\b)(?:[↑↓]|(?:increase|reduce|stop|start|switch|restart|refer|re-?refer|arrange|request|add|code|"
    r"uptitrate|up-titrate|titrate|wean)\b(?!\s+(?:it|them|this)\b[^,]{0,20}$))",
    re.I,
)


def _starts_imperative(norm: str) -> bool:
    body = re.sub(r"^\s*(?:[\w /&-]{1,30}:\s*)", "", norm)
    return bool(lx.IMPERATIVE_START.match(body) or lx.TEST_WITH_TIME.match(body))


def _has_trigger(norm: str) -> bool:
    return bool(
        lx.EXPLICIT_GP_REQUEST.search(norm) or re.search(rf"\b{lx.PLEASE}\b|\bcould\s+you\b|\bgrateful\b", norm)
    )


def read_letter(text: str, doc_type: str | None = None) -> list[Action]:
    """Every request to the GP practice in the letter, in reading order."""
    if len(text) > MAX_LETTER_CHARS:
        raise LetterTooLarge(f"letter has {len(text)} characters; the limit is {MAX_LETTER_CHARS}")
    ctx = build_context(text, doc_type)
    units = segment(text)
    actions: list[Action] = []
    vocative_paragraphs: set[int] = set()
    previous_specialist: dict[int, bool] = {}
    previous_unit: Unit | None = None
    for unit in units:
        if lx.VOCATIVE_DOCTOR.match(unit.text):
            vocative_paragraphs.add(unit.paragraph)
        before_unit, previous_unit = previous_unit, unit
        if not is_gp_request(unit, ctx, unit.paragraph in vocative_paragraphs):
            continue
        # the sentence before, in the same paragraph, may qualify this one ("Quite separately, ...")
        before = ""
        # the finding just before, even in the paragraph above ("an irregular pigmented lesion ... Please refer")
        prior = ctx.norm_of(before_unit.start, before_unit.end) if before_unit is not None else ""
        if before_unit is not None and before_unit.paragraph == unit.paragraph:
            before = ctx.norm_of(before_unit.start, before_unit.end)
        for start, end in _split_multi(unit, ctx):
            quote = text[start:end]
            if not quote.strip():
                continue
            after_specialist = previous_specialist.get(unit.paragraph, False)
            judgement = judge(ctx.norm_of(start, end), ctx, unit.cells, after_specialist, before, prior)
            before = ctx.norm_of(start, end)
            if judgement.category == "specialist_prescribing" and judgement.rule == "shared_care":
                previous_specialist[unit.paragraph] = True
            actions.append(
                Action(
                    quote=quote,
                    start=start,
                    end=end,
                    category=judgement.category,
                    verdict=judgement.verdict,
                    rule=judgement.rule,
                    reason=judgement.reason,
                )
            )
    return actions
