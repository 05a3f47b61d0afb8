"""Split a letter into units (sentences, bullet items, table rows) that keep exact offsets.

Every unit records `start`/`end` into the original text, so whatever the engine reports
can be checked with `text[start:end] == quote`. Nothing here rewrites the text.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from enum import Enum

from .context import normalise
from .gate import gated
from .kept import compiled
from .thread import practices_messages


class SectionKind(Enum):
    """Who a section of the letter is about, as its heading says."""

    NONE = "none"  # before any heading, or after a paragraph break
    GP = "gp"  # "Actions for GP", "For GP", "GP actions", "Requests to GP"
    PLAN = "plan"  # "Plan", "Follow-up / actions", "Recommendations": owner not stated
    HOSPITAL = "hospital"  # "Hospital follow-up", "Arranged by the hospital"
    ELSEWHERE = "elsewhere"  # "For St Aldhelm's stroke team": a list for another hospital's team, not the practice
    PATIENT = "patient"  # "Advice to patient", "Safety-net", "Information given"
    INFO = "info"  # "Investigations", "Medication on discharge", "Diagnosis"


@dataclass
class Unit:
    """One candidate request: a sentence, a bullet or a table row."""

    start: int
    end: int
    text: str
    section: SectionKind
    paragraph: int  # index of the paragraph/block, to find neighbours
    is_bullet: bool = False
    table_owner: str | None = None  # owner cell of a table with an owner column
    table_gp_cell: str | None = None  # "GP action" cell of a table that has one
    heading_label: str = ""  # inline label on the same line ("For GP", "Plan")
    cells: list[str] = field(default_factory=list)
    quoted: bool = False  # under a heading that quotes the GP's own question ("Question from GP:")
    lead_in: str = ""  # the sentence that asked the practice for the list this entry is in ("Please prescribe:")


# --- headings -----------------------------------------------------------------------------

_GP_HEADING = gated(
    r"\b(gp|g\.p\.|practice|primary care|surgery)\b.*\b(action|actions|request|requests|to do|please|task|tasks)\b"
    r"|\b(action|actions|request|requests|tasks?|to do)\b.*\b(gp|practice|primary care)\b"
    r"|^\s*for\s+(the\s+)?(gp|practice)\b|^\s*(gp|practice)\s*(please|pls|plz|to)?\s*$"
    # "For Dr Lindqvist:" in a letter to parents copied to the GP (the reader checks the name is the GP's)
    r"|^\s*for\s+dr\.?\s+(\w\.?\s+)?[\w'-]+\s*$"
    # in a letter to a colleague: "For Dr Quinlan, his GP, who is copied in:", "With regard to his GP, to whom I am
    # copying this letter:"
    r"|^\s*(for|with\s+regard\s+to|regarding)\s+(dr\.?\s+(\w\.?\s+)?[\w'-]+,?\s+)?(the\s+|his\s+|her\s+|their\s+)(gp|practice)\b"
    r"|^\s*(for|with\s+regard\s+to|regarding)\s+dr\.?\s+(\w\.?\s+)?[\w'-]+\s*(,|\()\s*(the\s+)?(gp|practice)\b"
    # ("Plan - for GP")
    r"|\b(recommendations?|suggestions?|advice|plan)\s+([-–—:(]\s*)?(for|to)\s+(the\s+)?(gp|pcp|practice|primary care|family doctor)\b"
    r"|\b(pcp|primary care physician|family (doctor|physician))\b.*\b(action|actions|request|requests|to do|tasks?)\b",
    re.I,
)
# a list's lead-in that asks the reader: "Dr Santangelo, could you please:", "I would be grateful if you could:" (kept
# apart from _GP_HEADING so that each keeps a gate on the fixed text it needs)
_ASKING_LEAD_IN = gated(
    r"^\s*(?:dr\.?\s+(?:\w\.?\s+)?[\w'-]+,?\s+)?(?:(?:please\s+)?(?:could|would|can)\s+(?:you|the\s+(?:practice|gp|surgery))"
    r"(?:\s+please|\s+also)?|(?:i|we)\s+would\s+be\s+(?:very\s+|most\s+)?grateful\s+if\s+(?:you|the\s+practice)\s+(?:could|would)"
    r"(?:\s+please|\s+also)?|(?:i|we)\s+(?:would\s+(?:ask|like)|ask)\s+you\s+to"
    # "We ask the GP to", "The practice will" over a list
    r"|(?:(?:i|we)\s+(?:would\s+)?ask\s+)?(?:the\s+|your\s+)?(?:gp|practice|surgery)(?:\s+team)?\s+(?:to|will|should))\s*$",
    re.I,
)
_HOSPITAL_HEADING = gated(
    r"\b(hospital|ward|trust|our|team|clinic)\b.*\b(follow|f/u|action|arranged|plan)|"
    r"\b(arranged|booked|organised)\s+by\b|\bhospital\s+(f/u|follow|actions?)\b"
    # the team's own decisions: "MDT outcome: ADT plus enzalutamide; referral to oncology"
    r"|\bmdt\s+(outcome|decision|discussion|recommendations?)\b|\bmultidisciplinary\s+team\s+(outcome|decision|discussion)\b"
    # a checklist line's owner: "[ ] Ward: book his duplex scan in 6 weeks"
    r"|^\s*(ward|hospital|clinic|team|consultant|registrar|outpatients?|opd|secretar\w*|ward\s+pharmacy|ed|a&e)\s*$"
    # the writer's own list: "We will:", "We have:", "I will:"
    r"|^\s*(we|i)\s+(will|shall|have|have\s+already|are\s+going\s+to)\s*$"
    # "The hospital will", "The eye clinic will" over a list
    r"|^\s*(the\s+|our\s+)?(hospital|ward|clinic|trust|([\w&'-]+\s+){0,2}(team|clinic|unit|department|service))\s+will\s*$",
    re.I,
)
# a transfer letter's list for the hospital taking the patient on: "Plan for receiving team (St Aldhelm's)",
# "Requests to Kestrel Bay Heart Centre", "For Castlebrook renal team (Dr Lindqvist)"
_ANOTHER_TEAMS_HEADING = gated(
    r"^\s*((plan|requests?|actions?|recommendations?|tasks?|jobs)\s+)?(for|to)\s+(the\s+)?"
    r"(?![^(]*\b(gp|practice|surgery|primary\s+care|patient|parents?)\b)"
    r"((?!discharge\b|follow\b|review\b|ongoing\b|after\b|from\b|on\b|at\b|in\b)[\w'’.&-]+\s+){0,4}?"
    r"(team|hospital|unit|ward|centre|center|service|paediatricians?|consultants?)\s*(\([^)]*\))?\s*$"
    # a list or a line for a service outside the practice: "Information for community pharmacist", "Community
    # pharmacy: DMS stage 2/3 please", "For district nurses"
    r"|^\s*((information|actions?|requests?|plan|notes?)\s+)?((for|to)\s+)?(the\s+)?(community\s+pharmac(y|ist)|"
    r"district\s+nurs(e|es|ing)(\s+team)?|health\s+visitors?|school\s+nurses?|care\s+home(\s+staff)?|social\s+workers?)"
    r"\s*(\([^)]*\))?\s*$"
    # a letter copied to several readers, a part for each: "For Larkfield House staff", "For Well Pharmacy", "FOR
    # ST CUTHBERT'S HOSPICE", "To Mr and Mrs Brennan", "To the school nurse and Mrs Coyle"
    r"|^\s*(for|to)\s+(the\s+)?(?![^(]*\b(gp|practice|surgery|primary\s+care)\b)([\w'’.&-]+\s+){0,3}?(pharmacy|pharmacist|"
    r"hospice|staff|carers?|homecare|care\s+agency|school(\s+nurse)?|nursery|mr|mrs|ms|miss)\b[^:]{0,40}$",
    re.I,
)
_PATIENT_HEADING = gated(
    r"\b(patient|pt|advice given|advice to|advised|safety[- ]?net\w*|information given|info given|discussed with)\b"
    # "Mr Nkemelu will" over a list
    r"|^\s*(mr|mrs|ms|miss|mx|master)\.?\s+[\w'’-]+\s+(will|should|needs\s+to)\s*$",
    re.I,
)
# the adviser's lead-in to its suggestions: "In the meantime I'd suggest", "We would recommend the following"
_FOR_NOW = r"(?:(?:in\s+the\s+meantime|meanwhile|for\s+now),?\s+)?"
_WE_WOULD = r"(?:i|we)(?:\s+would|'d)\s+"
_SUGGEST = r"(?:suggest|recommend|advise)(?:\s+the\s+following)?"
_RECOMMEND_HEADING = compiled(
    r"^\s*(?:my\s+|our\s+)?(advice|recommendations?|suggestions?|suggested\s+(management|plan))\s*$"
    rf"|^\s*{_FOR_NOW}{_WE_WOULD}{_SUGGEST}\s*$",
    re.I,
)
_PLAN_HEADING = gated(
    r"\b(plan|follow[- ]?up|f/u|actions?|recommendations?|management plan|next steps|what happens next|ongoing|"
    r"further management|going forward|after[- ]?care|care plan|onward care|"
    r"to do|outcome|disposal|summary of actions|post[- ]discharge)\b",
    re.I,
)
_INFO_HEADING = gated(
    r"\b(investigations?|results?|bloods|diagnos[ie]s|dx|history|medications?|meds|drugs?|tto|examination|o/e|"
    r"presentation|presenting|course|summary|background|pmh|dh|social|allerg\w*|procedure|indication|findings|"
    r"obs|imp|impression|ix|rx|mx|pc|hx|comorbidities|re(?!-)|treatment|progress|swallow|wounds?|bone health|"
    r"microbiology|imaging|conclusion|complications|resuscitation|infection control|current|problems?(?!\s+for\b)|"
    r"immunosuppression|"
    # the GP's own question quoted back in an advice and guidance reply
    r"question|query|queries|reason for (?:referral|appointment|admission|attendance|visit|review)|referral reason|"
    r"original (?:request|referral)|(?:your|gp'?s?) (?:request|referral))\b",
    re.I,
)


def classify_heading(label: str) -> SectionKind:
    """Map a heading to the owner it implies. Order matters: 'Actions for GP' beats 'Plan'."""
    return classify_label(label) or SectionKind.INFO


# Headings and labels repeat from letter to letter ("Plan", "Diagnosis", "GP actions"): on the 702 annotated
# letters three in four calls ask about a label already seen. The answer depends on the label alone.
@functools.lru_cache(maxsize=4096)
def classify_label(label: str) -> SectionKind | None:
    """Like classify_heading, but None for a label that names no kind of section ("Hyperglycaemia")."""
    if any(d in label for d in "015"):
        label = normalise(label)  # a scanned "Medicati0ns on discharge" is still the medicines list
    if _GP_HEADING.search(label) or _RECOMMEND_HEADING.match(label) or _ASKING_LEAD_IN.search(label):
        return SectionKind.GP
    if _HOSPITAL_HEADING.search(label):
        return SectionKind.HOSPITAL
    if _ANOTHER_TEAMS_HEADING.search(label):
        return SectionKind.ELSEWHERE
    if _PATIENT_HEADING.search(label):
        return SectionKind.PATIENT
    if _PLAN_HEADING.search(label):
        return SectionKind.PLAN
    if "if not" in label.lower() and _UNLESS_DONE.search(label):
        return None  # "Bloods if not already done: TFTs, FBC": a test still to do, not a heading of results
    if _INFO_HEADING.search(label):
        return SectionKind.INFO
    return None


_UNLESS_DONE = compiled(r"\bif\s+not\s+(?:already\s+)?(?:been\s+)?(?:done|checked|performed|sent)\b", re.I)


# (a checklist's tick box, ticked or not, marks an entry too: "[x] Please code ...", "[ ] GP: increase ...")
_BULLET = compiled(
    # (an arrow opens an entry in telegraphic notes: "-> GP: pls refer to audiology")
    # (but "H. pylori biopsy - result to GP", "E. coli in the urine": a genus, not an entry's letter)
    # (and a number set off by two spaces or more: "1  GP to refer for physiotherapy", typed without a stop)
    # (or by one space before a request's first word: "1 pleae switch metformin", "4 GP to let pt know the result")
    r"^(\s*)((?:->|=>|→|>>|»|[-*•·●▪‣–—>☐☑☒□■]|\(?\d{1,2}[.)]|\d{1,2}(?=\s{2,}[A-Za-z])|"
    r"\d{1,2}(?=\s(?i:pl\w*|please|pls|gp|refer|re-?check|check|review|start|stop|add|increase|reduce|continue|arrange|"
    r"repeat|chase|code)\b)|"
    r"\(?[a-hA-H][.)](?!\s+(?:pylori|coli|diff\w*|aureus|faecalis)\b)|"
    r"\(?[ivx]{1,4}[.)]|\[\s*[xX✓✔*]?\s*\])\s+)"
)
# A form with ticked boxes: the boxes left empty are the options not chosen ("[ ] Community matron referral",
# "[ ] Fit note required"; in the annotated sets no such entry is a request). An empty box that names the practice
# ("[ ] GP: increase the bisoprolol") may be a task still to do, and in a checklist where every box is empty the
# entries are the practice's to-do list: both stay.
_TICKED_BOX = compiled(r"^[ \t]*(?:\[\s*[xX✓✔*]\s*\]|[☑☒■])\s", re.M)
_EMPTY_BOX = compiled(r"\[\s*\]|[☐□]")
_A_BOX = compiled(r"\[\s*[xX✓✔*]?\s*\]")
_NAMES_THE_PRACTICE = compiled(r"\b(?:gp|practice(?:\s+nurse)?|surgery)\s*(?::|to\b)|\bplease\b|\bpls\b", re.I)
_PURE_HEADING = compiled(r"^\s*([A-Za-z0-9][^.:!?|]{0,60}?)\s*:?\s*$")
_INLINE_LABEL = compiled(r"^\s*([A-Za-z][A-Za-z0-9 /&'()\-]{0,45}?)\s*[:]\s+(?=\S)")
_TABLE_BORDER = compiled(r"^[+|]?[-=+|: ]*[-=]{3,}[-=+|: ]*$")
_PAGE_NOISE = compiled(r"^\s*(page \d+( of \d+)?|-{3,}|={3,}|_{3,}|continued\b.*|scanned document.*)\s*$", re.I)

# abbreviations after which a full stop does not end a sentence
_NO_BREAK_BEFORE = compiled(
    r"(?:\b(?:dr|mr|mrs|ms|miss|prof|st|no|nos|approx|e\.g|i\.e|eg|ie|vs|etc|cont|inc|incl|excl|esp|ref|tel|hosp|dept|mg|ml|"
    r"wk|wks|yr|yrs|pt|pts|sr|jr|fig|vol|max|min|a\.m|p\.m|d\.o\.b|co)\.)$",
    re.I,
)
_UNIT_STOP = compiled(r"\d\s?(?:mg|ml)\.$", re.I)
# ("... simvastatin 20 mg. I would be grateful if you could:")
_NEXT_WORD = compiled(r"\s+(?:[A-Z][a-z]{3,}|I|He|She|We|It|The|His|Her|Our|They)\b(?!\.)")
# a sentence starts with a capital, a digit, a quote or bullet, or a pronoun "i" typed or scanned ("l would ...");
# in hurried typing, also with a request in small letters ("... after IV iron.. please also ensure ...")
_SENTENCE_END = compiled(
    # ("... at GP. ?ACEi restart when Cr <120": a telegraphic query or arrow opens a sentence too)
    r"[.!?](?:[\"')\]]*(?=\s+(?:[A-Z0-9\"'(•?↑↓]|i\s|l\s+(?:would|will|have|am|think|suggest)\b|[a-z]{1,2}[A-Z]{2}|$))"
    r"|(?<=[a-z0-9)]\.)\.?(?=\s+(?:please|pls|kindly)\b)"
    # dictation typed all in small letters ("... no heavy lifting / climbing. has been on co-codamol since the op"):
    # a stop after a word of three small letters or digits, before a word in small letters
    r"|(?<=[a-z0-9][a-z0-9][a-z0-9]\.)(?=[ \t]+[a-z]{2,}\b))"
)
# A typed line that closes with its "pls" or "thanks" ends there, full stop or not ("... check the wound pls\nShe
# works part time ..."); so does a line without a stop before one that opens "GP to" or "GP pls", or opens as
# sentences do ("... on her repeat list\nOn general exam I noted"): a wrapped sentence goes on in small letters.
# (Looked for at each line break, not at every character: a zero-width pattern in _SENTENCE_END would be tried at
# every position of every letter.)
_CLOSES_WITH_THANKS = compiled(r"\b(?:pls|thx|thanks)$")
_LINE_OPENS_A_SENTENCE = compiled(
    r"[ \t]*(?:(?:GP|gp)\s+(?:to|pls|please)\b|(?:She|He|They|We|On|The|This|His|Her|Thanks|Also|Please|Pls)\s"
    # a request typed on its own line in small letters: "... to the morning\ncould you also send an MSU"
    r"|(?:[Cc]ould|[Cc]an|[Ww]ould)\s+you\s|(?:please|pls)\s)"
)


# a medicines list entry: a name then a dose, or a status in capitals ("Celecoxib 100 mg BD   NEW   14 days supplied")
# (a scanned "lbuprofen" or "0meprazole" starts with a small l or a zero); the dose is followed by how it is taken,
# so a wrapped sentence ("Please increase the amlodipine 5 mg to\n10 mg daily") is not mistaken for one
_LIST_ENTRY = compiled(
    r"^\s*[A-Za-z0][\w'()/+.-]*(?:\s+[\w'()/+.-]+){0,4}?\s+\d+(?:\.\d+)?\s*(?:mg|g|mcg|micrograms?|units?|ml|sachets?|tabs?|"
    r"tablets?|caps?|capsules?|puffs?|drops?)\s+"
    r"(?:[\w/.-]+\s+){0,2}?(?:od|0d|bd|tds|qds|on|om|nocte|mane|prn|weekly|daily|once|twice|sc|po|iv|mr|sr|stat|m/r|at\s+night|"
    r"in\s+the\s+(?:morning|evening)|every|three\s+times|four\s+times)\b"
    r"|(?-i:\b(?:NEW|STOPPED|ST0PPED|CONTINUED|C0NTINUED|CHANGED|WITHHELD|REDUCED|INCREASED|HELD)\b)",
    re.I,
)


# (or a medicine or topic named first: "Oxycodone MR - please reduce to 5mg BD after one week")
_OPENS_A_REQUEST = compiled(
    r"(?:Please|Pls|PLEASE|GP|Practice|Kindly)\b|[A-Z][\w-]*(?:\s+[\w/-]+){0,3}\s*[-–:]\s*(?:please|pls|kindly|gp\b)",
    re.I,
)
# in unpunctuated dictation, a line that opens with a subject and its verb starts a sentence ("i would be grateful ...")
_OPENS_A_CLAUSE = compiled(
    r"(?:i|we|he|she|they|his|her|this|the\s+patient)\s+(?:would|will|has|have|had|is|was|should|can|could|must|am|are)\b",
    re.I,
)
# ("Practice asthma nurse to check inhaler technique" then "Pt needs 1/52 off work - pls issue fit note")
_SHORTHAND_ASK = compiled(
    r"(?:\s[-–]\s*|^\s*)(?:gp|practice)(?:\s+(?:[a-z]+\s+)?nurses?)?\s*(?:please|pls|to)\b[^.;]{3,}$", re.I
)
# a line that asks for something in its own words: "pls consider referral to RACPC", "please treat as above"
_ASKS_ON_THE_LINE = compiled(
    r"\b(?:pls|please|kindly)\s+(?!find\b|note\b|see\b|contact\b|call\b|ring\b|could\b|would\b|can\b)[a-z][\w-]{2,}"
    r"|\byou\s+(?:may|might)\s+(?:wish|want|like)\s+to\s+[a-z]{3,}|\b(?:could|would|can)\s+you\s+(?:please\s+)?[a-z]{3,}",
    re.I,
)
# a line that stops mid-phrase wraps onto the next whatever that starts with ("... asked the\nGP to ...")
_ENDS_MID_PHRASE = compiled(
    r"\b(?:the|a|an|to|and|or|of|for|with|by|your|his|her|their|our|that|which|if|please|pls|kindly|would|could|be|from|at|in|"
    r"next|each|every|this|these|those|same|first|last|on|as|then)\s*$",
    re.I,
)
_CARRIES_A_PHRASE_ON = compiled(
    r"(?:and|or|but|with|which|who|to|of|for|in|on|at|by|as|then|than|if|so|because|that|is|are|was|were|has|have|"
    r"will|would|should|can|could|may|might|not|also|after|before|until|when|while|from|into|over|under|per|[-–(,&+])(?:\b|\s)",
    re.I,
)
# a line whose first word ends a clause carries on the line before it: "document; please retain in the record"
_CLOSES_A_CLAUSE_FIRST = compiled(r"[\w'-]+[;,:)]")
# a line shorter than this share of the letter's widest line was ended by hand, not wrapped
_ENDED_SHORT = 0.8
_TYPED_LINE = 110  # characters: a line of a plan shorter than this, before one that opens a request, was ended by hand
_OPENS_A_LOWER_CASE_REQUEST = compiled(
    r"(?:pls|please|plz|kindly|gp\s+(?:to|pls|please|too)|(?:can|could)\s+(?:the\s+)?(?:gp|practice|surgery)|repeat|suggest|"
    r"refer|check|re-?check|continue|stop|start|restart|increase|reduce|review|arrange)\b",
    re.I,
)
# a token that starts with small letters but is not a word carried over: "eGFR", "pCO2", "mRNA"
_LOWER_LED_TOKEN = compiled(r"[a-z]{1,2}[A-Z]{2}")
_TICK_BOXES = compiled(r"(?:\s*\[\s*[xX✓✔]?\s*\]\s*(?:yes|no|n/?a)\b)+\s*$", re.I)

# compiled once here: these run for every line of every letter
_ASCII_LOWER = compiled(r"[a-z]")
_ENDS_LIST_MARK = compiled(r"[.;,]$")
_ENDS_SENTENCE_MARK = compiled(r"[.;,?!)]$")
_ENDS_CLAUSE_MARK = compiled(r"[.:;?!)]$")
_SENTENCE_WORD = compiled(r"\b(please|pls|will|should|must|is|are|was|has|had|if)\b|\bto\s+(?!do\b)\w+", re.I)
_TITLE_WORD = compiled(
    r"\b(summary|letter|report|discharge|attendance|clinic|department|problems|problem\s+list|"
    # "Current DMARD therapy", "Current medications": the list of what the patient takes
    r"current\s+(?:[\w-]+\s+)?(?:therapy|treatment|medications?|medicines|drugs))\b",
    re.I,
)
_DIGIT = compiled(r"\d")
_ONE_INITIAL = compiled(r"(?:^|\s)[A-Z]\.$")


_UNWRAPPED_WIDTH = 160
_ASKS_IN_SHORTHAND = compiled(r"\b(?:pls|please|gp\s+to|practice\s+to)\b", re.I)
_TRAILING_NOTE = compiled(r"\s*[(\[][a-z ]{2,20}[)\]]$", re.I)


# a clause left open over a list, naming whose the entries are: "The hospital will", "We ask the GP to", "Mr Nkemelu will"
_LEAD_IN_TO_A_LIST = compiled(r"^[A-Za-z][\w'’ .&-]{0,50}?\s(?:will|to|should|needs\s+to|must)\s*:?$")


def _a_lead_in_to_a_list(stripped: str, lines: list[_Line], i: int) -> bool:
    return (
        len(stripped) <= 60
        and i + 1 < len(lines)
        and bool(_BULLET.match(lines[i + 1].text))
        and bool(_LEAD_IN_TO_A_LIST.match(stripped))
        and classify_label(stripped.rstrip(":")) in (SectionKind.GP, SectionKind.HOSPITAL, SectionKind.PATIENT)
    )


def _is_heading_line(line: str) -> bool:
    """A short line with no sentence punctuation that ends in a colon or is in capitals."""
    # a form's tick boxes after a heading ("GP ACTION REQUIRED: [X] Yes  [ ] No") are not its content
    stripped = _TICK_BOXES.sub("", line).strip() if "[" in line else line.strip()
    if not stripped or "|" in stripped or len(stripped) > 70:
        return False
    if stripped.endswith(":"):
        return True
    if stripped.endswith((")", "]")):
        # a form's note on its own heading: "GP ACTIONS (free text)", "Actions for GP [free text]"
        stripped = _TRAILING_NOTE.sub("", stripped) or stripped
    # (a lower-case ASCII letter already rules out a line in capitals, and most lines have one)
    letters = [c for c in stripped if c.isalpha()] if not _ASCII_LOWER.search(stripped) else []
    if len(letters) >= 3 and all(c.isupper() for c in letters) and not _ENDS_LIST_MARK.search(stripped):
        return True
    # a short title line with no sentence punctuation: "Actions for GP", "ED Clinical Summary for GP"
    words = stripped.split()
    if (
        len(words) <= 6
        # ("for GP" typed in small letters heads the practice's list as "For GP" does, and "plan" the plan)
        and (stripped[0].isupper() or classify_label(stripped) in (SectionKind.GP, SectionKind.PLAN))
        and not _ENDS_SENTENCE_MARK.search(stripped)
        # (a part of a letter for another reader may open "To": "To Mr and Mrs Brennan")
        and not _SENTENCE_WORD.search(stripped[3:] if stripped[:3].lower() == "to " else stripped)
        and not _DIGIT.search(stripped)
        and (
            classify_heading(stripped)
            in (SectionKind.GP, SectionKind.PLAN, SectionKind.HOSPITAL, SectionKind.ELSEWHERE, SectionKind.PATIENT)
            or _TITLE_WORD.search(stripped)
        )
    ):
        return True
    return False


_INITIAL = compiled(
    r"(?:\b(?:dr|mr|mrs|ms|miss|mx|prof|professor|sr|sister|nurse|rev|sir|dame)\.?\s+(?:[A-Z]\.?\s*)*[A-Z]\.$"
    r"|\b[A-Z]\.\s?[A-Z]\.$|^\s*[A-Z]\.$)",
    re.I,
)


# Dictation run on without full stops: one "sentence" of many clauses, each after a comma, several of them requests
# ("..., so I'd be grateful if you could recheck her sodium in two weeks ..., please could you stop the
# bendroflumethiazide, ..."). In a sentence this long, a comma before a request's opening starts a new one.
_RUN_ON_LENGTH = 300
# (a thanks that closes a request, "... if you could request that I would be grateful.", opens nothing)
_GRATEFUL = r"(?:i|we)(?:'d|\s+would)\s+(?:also\s+)?be\s+(?:very\s+|most\s+|really\s+)?grateful\s+(?:if|for|to)\b"
_RUN_ON_OPENER = (
    rf"(?:{_GRATEFUL}|please\b|pls\b|could\s+you\b|would\s+you\b|can\s+you\b|i\s+wonder\s+if\b"
    r"|if\s+you\s+(?:could|would|can|are\s+able\s+to)\b"
    # "..., and if the potassium is above 5.5 on either of those checks please stop the spironolactone"
    r"|if\b(?:[^,.;]|\.\d){0,120}?\b(?:please|pls)\b"
    r"|i\s+have\s+said\s+(?:that\s+)?(?:the\s+|your\s+)?(?:gp|surgery|practice)\b)"
)
_RUN_ON_REQUEST = compiled(
    rf",\s+(?=(?:so\s+|and\s+|but\s+|then\s+|also\s+)?(?:also\s+)?{_RUN_ON_OPENER})"
    rf"|\s+(?=(?:so|and|but|then|also)\s+(?:please\b|pls\b|{_GRATEFUL}|if\s+you\s+(?:could|would|can)\b"
    r"|would\s+be\s+(?:very\s+)?grateful\s+if\b))"
    # ("... which fits with post stroke depression I'd be grateful if you could start ...": no comma at all)
    rf"|\s+(?={_GRATEFUL}|(?:so\s+)?i\s+wonder\s+if\b|i\s+have\s+said\s+(?:that\s+)?(?:the\s+|your\s+)?(?:gp|surgery|practice)\b)",
    re.I,
)
# ... and where a request ends: a comma, then a new subject and its verb (", we will repeat her lung function",
# ", she knows to come to the emergency department"), or "please" straight after the last word of a statement
# ("... on amlodipine and ramipril please continue to monitor ...")
_RUN_ON_NEW_CLAUSE = compiled(
    r",\s+(?=(?:and\s+|so\s+|but\s+|also\s+|incidentally\s+)?"
    r"(?:(?:i|we|he|she|they|it|there)(?:'ll|'d|'ve|'s|'re|'m)\b"
    r"|(?:i|we|he|she|they|it|there|his|her|their|our|the\s+[a-z]+|this|these)\b(?:\s+[\w'-]+){0,3}?\s+"
    r"(?:was|were|is|are|has|had|have|will|would|knows?|told|tells|asked|mentioned|said|showed|shows|did|does|"
    r"came|went|remains?|should|can|may|might|need|needs|gave|saw|took|spoke|sent|kept|left|got|put|made|found|felt|"
    r"thought|began|became|brought|[a-z]{3,}ed)\b))"
    r"|(?<=[a-z0-9])\s+(?=please\s+[a-z]+\b)",
    re.I,
)
# ("could you please", "and please", "so please" are one request with what comes before)
# ("could the practice please refer him", "GP please follow up": the asker before its please)
_JOINS_PLEASE = compiled(
    r"\b(?:you|could|would|can|will|kindly|and|so|then|if|to|but|also|or|now|therefore|just|practice|surgery|gp)$", re.I
)
# a comma that closes an opening condition ("if her sodium falls, she will need ...") does not end a request
_SUBORDINATE_OPENING = compiled(
    r"\s*(?:(?:and|so|then|but|also)\s+)?(?:if(?!\s+(?:you|she|he|they)\s+(?:could|would|can|might|are\s+able))|when|once|should"
    r"|unless|as\s+soon\s+as|although|because|since|until)\b",
    re.I,
)


_MAIN_CLAUSE = compiled(r"\b(?:please|pls|then|could\s+you|would\s+you|can\s+you)\b", re.I)
_JOINING_WORD = compiled(r"(?:so|and|but|then|also)\s+(?:also\s+)?", re.I)
# a request that points back at the clause before it ("..., and I would be grateful if you would start this for
# her") is one request with it
_POINTS_BACK = compiled(
    r"[^,.;]{0,70}?\b(?:do|start|arrange|prescribe|continue|issue|give|check|action|organise|sort|request|book|provide)\s+"
    r"(?:(?:him|her|them)\s+)?(?:this|that|it|these|them|those|one)\b",
    re.I,
)


# (a clause is looked for this far back at most, so that a megabyte without a comma is still read in linear time)
_LONGEST_CLAUSE = 400


def _clause_opening(text: str, start: int, position: int) -> int:
    """Where the clause holding position opens: after the last comma before it (or the sentence's start)."""
    floor = max(start, position - _LONGEST_CLAUSE)
    comma = text.rfind(",", floor, position)
    return comma + 1 if comma != -1 else floor


def _run_on_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if end - start <= _RUN_ON_LENGTH:
        return [(start, end)]
    cuts = [start]
    for match in _RUN_ON_REQUEST.finditer(text, start, end):
        # the request starts at its opening, after any "so" or "and" that joined it on
        cut = match.end()
        if not match.group(0).startswith(","):
            # ("if her heart rate is still above 70 ... then please increase the bisoprolol": one request)
            opened = _clause_opening(text, start, match.start())
            if _SUBORDINATE_OPENING.match(text, opened, match.start()):
                continue
        joined = _JOINING_WORD.match(text, cut, end)
        cut = joined.end() if joined else cut
        if not _POINTS_BACK.match(text, cut, min(end, cut + 90)):
            cuts.append(cut)
    request_cuts = cuts[:]  # (in order: the clause a comma closes starts at the last of them before it, or a comma)
    for match in _RUN_ON_NEW_CLAUSE.finditer(text, start, end):
        cut = match.end()
        if not match.group(0).startswith(",") and _JOINS_PLEASE.search(
            text, max(start, match.start() - 12), match.start()
        ):
            continue
        # the clause this comma closes: from the last comma (or cut) before it
        before = bisect.bisect_left(request_cuts, match.start())
        opened = max(request_cuts[before - 1] if before else start, _clause_opening(text, start, match.start()))
        joined = _JOINING_WORD.match(text, cut, end)
        if _POINTS_BACK.match(text, joined.end() if joined else cut, min(end, cut + 95)):
            continue
        # (a condition already followed by what to do on it, "if ... then please increase ...", is closed)
        if not _SUBORDINATE_OPENING.match(text, opened, match.start()) or _MAIN_CLAUSE.search(
            text, opened, match.start()
        ):
            cuts.append(cut)
    cuts = sorted(set(cuts)) + [end]
    return list(zip(cuts, cuts[1:], strict=False))


def _line_ends(text: str) -> list[int]:
    """Where a typed line without a stop ends a sentence (see _CLOSES_WITH_THANKS)."""
    ends: list[int] = []
    newline = text.find("\n")
    while newline != -1:
        end = newline
        while end > 0 and text[end - 1] in " \t":
            end -= 1
        if end > 0 and (
            _CLOSES_WITH_THANKS.search(text, max(0, end - 7), end)
            or (text[end - 1] in _ENDS_A_TYPED_LINE and _LINE_OPENS_A_SENTENCE.match(text, newline + 1))
            or (text[end - 1] == "." and _STOP_ENDS_THE_LINE.search(text, max(0, end - 12), end))
        ):
            ends.append(end)
        newline = text.find("\n", newline + 1)
    return ends


# a full stop after a word of three or more small letters or digits, at the end of a typed line, ends the sentence
# whatever the next line starts with: dictation typed in small letters ("... GP please oversee the reduction.\nsutures
# not removed today as clinic overrunning - pls can practice nurse remove sutures") starts its sentences that way
# (an abbreviation's stop, "approx." or "incl.", does not)
# (so does one after a word of two that is no abbreviation: "... she takes furosemide 40 mg at 6 pm.\nyou might consider")
_STOP_ENDS_THE_LINE = compiled(
    r"(?<![\w.])(?!(?:approx|incl|inc|excl|esp|resp|cont|etc|vs)\.)(?:[a-z0-9]{3,}|pm|am|it|up|us|me|in|on|ok|go)\.$"
)
_ENDS_A_TYPED_LINE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789)")


# speech recognition left unchecked types the punctuation it was told: "... as he has no supply full stop I have also
# requested an echocardiogram ... new paragraph he is aware to call 999"
_SPOKEN_STOP = compiled(r"\b(?:full\s+stop|new\s+paragraph|next\s+paragraph)\b")


def _split_sentences(text: str, base: int) -> list[tuple[int, int]]:
    """Sentence spans (absolute offsets) inside one block of text."""
    ends: list[int] = []
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if _NO_BREAK_BEFORE.search(text[max(0, end - 8) : end]) and not (
            # "... please restart ramipril 5 mg. Bendroflumethiazide to remain off": a unit ends a sentence before a word
            _UNIT_STOP.search(text, max(0, end - 6), end) and _NEXT_WORD.match(text, end)
        ):
            continue
        # a single capital letter before the stop is an initial ("Dr R. Okonjo")
        # ("vitamin D. A DEXA scan" ends a sentence: the letter is an initial only after a title or another initial)
        if _ONE_INITIAL.search(text[max(0, end - 3) : end]) and _INITIAL.search(text[max(0, end - 40) : end]):
            continue
        ends.append(end)
    if "\n" in text:
        ends = sorted(set(ends).union(_line_ends(text)))
    if "full stop" in text or "paragraph" in text:
        ends = sorted(set(ends).union(m.end() for m in _SPOKEN_STOP.finditer(text)))
    spans: list[tuple[int, int]] = []
    cursor = 0
    for end in ends:
        if end > cursor:
            spans.append((cursor, end))
            cursor = end
    spans.append((cursor, len(text)))
    if len(text) > _RUN_ON_LENGTH:
        spans = [piece for s, e in spans for piece in _run_on_clauses(text, s, e)]
    result: list[tuple[int, int]] = []
    for s, e in spans:
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if chunk.strip():
            result.append((base + s + lead, base + e - trail))
    return result


@dataclass
class _Line:
    start: int
    end: int
    text: str


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        first, last = (body.find("|"), body.rfind("|")) if "|" in body else (-1, -1)
        if body.count("||") >= 2 and body.count("|") >= 6:
            # a table flattened onto one line, its rows joined by "||" ("Action | Responsible | Detail || Azithromycin
            # ... | GP | Please prescribe ... || ..."): each row is a line of its own
            offset = 0
            for row in body.split("||"):
                out.append(_Line(pos + offset, pos + offset + len(row), row))
                offset += len(row) + 2
        elif first != last and body.count("|") == 2 and not body[:first].strip() and not body[last + 1 :].strip():
            # a box drawn round lines of text ("| SUMMARY FOR GP |", "| - GP please: ... |") holds lines, not a table
            out.append(_Line(pos + first + 1, pos + last, body[first + 1 : last]))
        else:
            out.append(_Line(pos, pos + len(body), body))
        pos += len(raw)
    return out


def _table_cells(line: str) -> list[str]:
    if "|" not in line:
        # a table laid out with tabs ("Ticagrelor\t90 mg BD\tNEW\t28\tContinue for 12 months then stop")
        return [c.strip() for c in re.split(r"\t+", line.strip())]
    cells = [c.strip() for c in line.split("|")]
    if cells and cells[0] == "":
        cells = cells[1:]
    if cells and cells[-1] == "":
        cells = cells[:-1]
    return cells


def _is_table_row(stripped: str) -> bool:
    if "|" in stripped:
        return len(_table_cells(stripped)) >= 2
    return stripped.count("\t") >= 2 and len(_table_cells(stripped)) >= 3


_OWNER_HEADER = compiled(r"\b(by whom|who|responsib\w*|owner|lead|action by|done by|person)\b", re.I)
# a bare "By" column names who is to act only beside a column of tasks ("| Item | By | When |"; in "| Date | Event |
# Outcome | By |" it names who did what happened)
_BARE_BY = compiled(r"\s*by\s*$", re.I)
_TASKS_COLUMN = compiled(r"\s*(?:actions?|items?|tasks?|requests?|plan|recommendations?|to\s+do)\s*$", re.I)


_GP_ACTION_HEADER = compiled(
    r"\b(gp action|action for gp|gp to|actions? \(gp\)|for gp|gp)\b"
    r"|\b(actions?|to do|tasks?|requests?)\s+(for|by)\s+(the\s+)?(practice|surgery|primary care)\b"
    r"|\b(practice|surgery|primary care)\s+(actions?|to do|tasks?|to)\b",
    re.I,
)


# a line that asks the practice for what the list under it says: "Please amend his prescription as follows:"
_ASKS_FOR_A_LIST = compiled(
    # ("Before re-referral please:", "In the meantime, please:")
    r"^\s*(?:(?:before|prior\s+to|in\s+the\s+meantime|meanwhile)\b[^.:?!]{0,40}?,?\s+)?"
    r"(?:(?:please|pls|kindly)(?:\s+|(?=:))(?:could\s+you\s+|can\s+you\s+)?|(?:could|would|can)\s+(?:you|the\s+practice)\s+"
    r"(?:please\s+)?|(?:i|we)(?:\s+would|'d)\s+(?:therefore\s+|also\s+|now\s+)?be\s+(?:very\s+|most\s+)?grateful\s+if\s+you\s+"
    r"(?:could|would)\s*|gp\s+to\s+)"
    # ("I would be grateful if you could:", the verbs in the list under it)
    r"(?:(?!note\b|be\s+aware\b|find\b|see\b|ignore\b|contact\s+(?:us|me)\b|call\b|ring\b|phone\b)[a-z]+\b[^.?!]*)?:\s*$"
    # "We would suggest:", "I would recommend the following:", "In the meantime I'd suggest:", "Suggest:"
    rf"|^\s*{_FOR_NOW}(?:{_WE_WOULD})?{_SUGGEST}\s*:\s*$"
    # "To help us keep our list accurate, we would be grateful for the following:"
    # ("Summary of plan - we would be grateful for the following from the medical centre:")
    r"|^\s*(?:to\s+help\s+us\b[^.:?!]{0,60},\s*|[\w ]{3,30}\s[-–]\s+)?(?:i|we)(?:\s+would|'d)\s+be\s+(?:very\s+)?grateful\s+for\s+"
    r"(?:the\s+following|your\s+help\s+with\s+the\s+following)"
    r"(?:\s+from\s+(?:the\s+|your\s+)?(?:gp|practice|surgery|medical\s+cent(?:re|er)|health\s+cent(?:re|er)|practice\s+team))?\s*:\s*$",
    re.I,
)
# the entry under it: a bullet, or a medicine change written "STOP: ...", "START: ..." (the engine reads the same
# verbs as the request when they label a line in the practice's section)
LIST_ENTRY_VERBS = r"(?:stop|start|change|increase|reduce|decrease|add|continue|amend|remove|switch)"
_LIST_ENTRY_LINE = compiled(rf"^\s*{LIST_ENTRY_VERBS}\s*:\s*\S", re.I)


def _opens_the_practices_list(heading: str) -> bool:
    """A heading line that asks the practice for the list under it. A short line of prose may end by opening the list
    ("... the raised CRP fits. I would suggest:"); a lead-in holds no full stop, so only its last sentence can be one."""
    sentences = _split_sentences(heading, 0)
    last_start, last_end = sentences[-1] if sentences else (0, len(heading))
    return bool(_ASKS_FOR_A_LIST.match(heading[last_start:last_end]))


_BARE_NUMBER = compiled(r"\s*(\d{1,2})\s+[A-Za-z]")


def _next_in_a_numbered_list(line: str, next_line: str) -> bool:
    """The next line carries the number after the one this line opens with ("1 START ..." then "2 she is ...")."""
    this, after = _BARE_NUMBER.match(line), _BARE_NUMBER.match(next_line)
    return this is not None and after is not None and int(after.group(1)) == int(this.group(1)) + 1


def _opens_a_list(line: str) -> bool:
    return bool(_BULLET.match(line) or _LIST_ENTRY_LINE.match(line))


# an advice and guidance reply quoting the practice's own question back: its "Would you see her?" asks nothing
_GPS_QUESTION = compiled(
    r"^\s*(?:(?:the\s+|your\s+)?(?:gp|practice|referrer)(?:'s)?\s+(?:question|query|request)|your\s+(?:question|query)\b|(?:question|query)\s+(?:from|by|asked\s+by)\s+"
    r"(?:the\s+)?(?:gp|practice|referrer|referring\s+clinician)|(?:original\s+)?(?:question|query)\s+asked|reason\s+for\s+referral|"
    # "Original request:" then the practice's words, quoted back
    r"original\s+(?:request|referral|question|query))\b"
    # an advice reply's "Q (Dr Roe): 58M, 3 months of palpitations ... Please advise ?refer." then "A: ..." (or
    # "Q (GP):")
    r"|^\s*q\s*(?:\(\s*(?:dr\.?\s+[\w'-]+|gp|practice|referrer)\s*\))?\s*$",
    re.I,
)


# an action line that opens with who acts: "GP (Riverbank MC) – share ...", "Police (CAIT) – ABE interviews ..."
_OWNER_THEN_TASK = compiled(r"[A-Z][\w()&'’./ ]{0,40}?\s[–—-]\s+\S")

_HEADER_CELL = 30  # characters: the longest a column's name runs


def _owner_column(cells: list[str]) -> int | None:
    """The header's column naming who is to act, if it has one."""
    for k, cell in enumerate(cells):
        if len(cell) > _HEADER_CELL:
            continue
        if _OWNER_HEADER.search(cell) or (_BARE_BY.match(cell) and any(_TASKS_COLUMN.match(c) for c in cells)):
            return k
    return None


# a table whose columns were flattened to single spaces when it was copied out of a record system: its header
# names an owner column ("Action Owner Due", "Task By whom When"), and each line under it is a row
_FLAT_TABLE_HEADER = compiled(
    r"^\s*(?:actions?|tasks?|requests?|items?)\s+(?:owner|by\s+whom|responsible|who|lead|action\s+by)"
    r"(?:\s+(?:due|date|when|timescale|deadline|status|by\s+when))?\s*:?\s*$",
    re.I,
)
# ... or to cells joined by " / " ("RECOMMENDATIONS   Recommendation / Owner / Timescale"), where a row's owner is the
# cell under the header's owner
_SLASHED_TABLE_HEADER = compiled(
    r"^\s*(?:[A-Z][A-Z ]+\s+)?(?:actions?|tasks?|requests?|items?|recommendations?)\s+/\s+(?:owner|by\s+whom|responsible|"
    r"who|lead|action\s+by)(?:\s+/\s+(?:due|date|when|timescale|deadline|status|by\s+when))?\s*:?\s*$",
    re.I,
)
# the owner in a flattened row: "GP" or "Practice" near its end, before any due date ("... before 16/11 GP 16/11/2026")
# a slashed row's owner cell that names the practice from its start: "GP", "GP practice", "PN" (not the engine's
# _GP_OWNER_CELL, which searches a real table's owner cell anywhere and does not take "PN")
_PRACTICE_OWNER_CELL = compiled(r"^\s*(?:the\s+)?(?:gp|practice|surgery|pn|gp\s+practice|practice\s+nurse)\b", re.I)
_FLAT_ROW_GP_OWNER = compiled(
    r"\s(?:gp|practice(?:\s+nurse)?|surgery|pn)\s*(?:\S+\s*)?$|\s(?:gp|practice|surgery)\s+\S+\s+\S+$", re.I
)


def _flat_row(line: _Line, section: SectionKind, paragraph: int, slashed: bool = False) -> Unit:
    body = line.text.strip()
    start = line.start + line.text.index(body)
    if slashed:
        cells = body.split(" / ")
        owner = "GP" if len(cells) > 1 and _PRACTICE_OWNER_CELL.search(cells[1]) else "another"
    else:
        owner = "GP" if _FLAT_ROW_GP_OWNER.search(body) else "another"
    return Unit(
        start=start,
        end=start + len(body),
        text=body,
        section=section,
        paragraph=paragraph,
        table_owner=owner,
        cells=[body, owner],
    )


# the letter's copy line: "Copies: Brackenlea Nursing Home (Mrs Tracey Boon, Nurse Manager); Mr David Thornbury (son)"
_COPY_LINE = compiled(r"^[ \t]*(?:cc|copies|copy\s+to|copied\s+to)\b\s*:?(.*)$", re.I | re.M)
_A_NAME_WORD = compiled(r"[a-z][a-z'-]{3,}")
# words of a copy line that name no one in particular
_NO_ONE_IN_PARTICULAR = frozenset(
    "nursing home care house lodge court manager nurse sister team service services clinic hospital trust health "
    "practice surgery medical centre group patient family carer carers daughter wife husband mother father parents "
    "community district consultant registrar file notes records information only with dear".split()
)
# a heading that names who the part below is for: "FOR BRACKENLEA" (a home the letter is copied to)
_FOR_SOMEONE = compiled(r"\s*for\s+(?:the\s+)?([a-z][a-z'-]{3,})", re.I)


def _copied_names(text: str) -> frozenset[str]:
    """The names on the letter's copy lines, lower-cased, that could head a part written for that reader."""
    return frozenset(
        word
        for line in _COPY_LINE.finditer(text)
        for word in _A_NAME_WORD.findall(line.group(1).lower())
        if word not in _NO_ONE_IN_PARTICULAR
    )


def _for_someone_copied(label: str, text: str) -> bool:
    """A heading "For <name>" where the name is one the letter `text` is copied to: the part below is for that reader (a
    care home, a relative, a colleague), not the practice. (The copy lines are read only for such a heading, which few
    letters have.)"""
    found = _FOR_SOMEONE.match(label)
    return found is not None and found.group(1).lower() in _copied_names(text)


def segment(text: str) -> list[Unit]:
    """Cut the letter into units, tracking sections, paragraphs and tables."""
    units: list[Unit] = []
    quoting = False
    section = SectionKind.NONE
    lead_in = ""
    section_has_content = False
    paragraph = 0
    table_header: list[str] | None = None
    flat_table = slashed_table = False
    owner_col: int | None = None
    gp_col: int | None = None
    lines = _lines(text)
    # a line is asked whether it is a heading as the next line of a block, then again as a line of its own
    heading_lines: dict[str, bool] = {}

    def is_heading_line(line: str) -> bool:
        if line not in heading_lines:
            heading_lines[line] = _is_heading_line(line)
        return heading_lines[line]

    # speech recognition's output: a sentence a line, in small letters, with hardly a full stop ("please add peanut
    # anaphylaxis to her allergy record" then "please could you prescribe 2 adrenaline auto injectors")
    unpunctuated = len(lines) >= 8 and text.count(". ") + text.count(".\n") < len(lines) // 6
    # a line shorter than this was ended on purpose, not wrapped at the letter's width (a letter with paragraphs of
    # hundreds of characters on one line is not wrapped at all: each of its line breaks was typed)
    widest = max((len(line.text) for line in lines), default=0)
    short_line = 10**6 if widest > _UNWRAPPED_WIDTH else min(60, int(0.7 * widest))
    ticked_form = ("[" in text or "☑" in text or "☒" in text or "■" in text) and bool(_TICKED_BOX.search(text))
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.text.strip()
        if not stripped:
            paragraph += 1
            table_header = None
            flat_table = False
            if section_has_content:
                section = SectionKind.NONE
                section_has_content = False
                quoting = False
                lead_in = ""
            i += 1
            continue
        if _PAGE_NOISE.match(stripped) or (("--" in stripped or "==" in stripped) and _TABLE_BORDER.match(stripped)):
            # a drawn table border ("+-----+-----+") is neither text nor a row, and keeps the table's header
            i += 1
            continue
        if flat_table and not _is_table_row(stripped):
            units.append(_flat_row(line, section, paragraph, slashed_table))
            section_has_content = True
            i += 1
            continue
        if _FLAT_TABLE_HEADER.match(stripped) or _SLASHED_TABLE_HEADER.match(stripped):
            flat_table, slashed_table = True, " / " in stripped
            i += 1
            continue
        if _is_table_row(stripped):
            cells = _table_cells(stripped)
            if table_header is None:
                table_header = cells
                # (a column's name is short: "Enoxaparin ... | supplied 3 days | GP to prescribe remaining days to
                # complete course" is a first row of data, whose last cell only opens like "GP action")
                owner_col = _owner_column(cells)
                gp_col = next(
                    (k for k, c in enumerate(cells) if len(c) <= _HEADER_CELL and _GP_ACTION_HEADER.search(c)), None
                )
                # a header row has no digits-heavy content; if it looks like data, treat as row
                if owner_col is not None or gp_col is not None or not _DIGIT.search(stripped):
                    i += 1
                    continue
            lead = len(line.text) - len(line.text.lstrip())
            body = line.text.strip().strip("|").strip()
            bstart = line.text.index(body, lead) if body else lead
            unit = Unit(
                start=line.start + bstart,
                end=line.start + bstart + len(body),
                text=body,
                section=section,
                paragraph=paragraph,
                cells=cells,
            )
            if owner_col is not None and owner_col < len(cells):
                unit.table_owner = cells[owner_col]
            if gp_col is not None and gp_col < len(cells):
                unit.table_gp_cell = cells[gp_col]
            units.append(unit)
            section_has_content = True
            i += 1
            continue
        table_header = None
        if is_heading_line(stripped) or _a_lead_in_to_a_list(stripped, lines, i):
            # a heading that names no kind of section ("Ongoing care", "Diabetes") leaves the owner unsaid
            label = _TICK_BOXES.sub("", stripped).strip() if "[" in stripped else stripped
            section = classify_label(label.rstrip(":")) or (
                SectionKind.GP
                if _opens_the_practices_list(label)
                else SectionKind.ELSEWHERE
                if _for_someone_copied(label, text)
                else SectionKind.NONE
            )
            lead_in = label if section is SectionKind.GP else ""
            quoting = bool(_GPS_QUESTION.match(label))
            section_has_content = False
            paragraph += 1
            i += 1
            continue

        # gather a block: this line plus wrapped continuation lines
        block_start = line.start
        block_end = line.end
        # a bullet's entry runs on over the lines that wrap it until one ends a sentence ("- The MRSA screen was
        # still pending at discharge;" then "GP to check and treat if positive."): the next entry has its own bullet
        in_bullet = bool(_BULLET.match(line.text))
        j = i + 1
        while j < len(lines):
            nxt = lines[j].text
            nstrip = nxt.strip()
            if not nstrip or _BULLET.match(nxt) or "|" in nstrip or is_heading_line(nstrip):
                break
            if _PAGE_NOISE.match(nstrip):
                break
            if "[" in nstrip and nstrip[0].isupper() and _A_BOX.search(nstrip):
                break  # "... + wound check please" then "Fit note issued? [ ] Yes [X] No - ...": a form's own line
            if nstrip[0].isdigit() and _next_in_a_numbered_list(lines[j - 1].text, nstrip):
                break  # "1 START levetiracetam ..." then "2 she is thinking about pregnancy ...": a list typed bare
            prev = text[block_start:block_end].rstrip()
            wrapped = nstrip[0].islower() or (len(prev) >= 60 and not _ENDS_CLAUSE_MARK.search(prev))
            if wrapped and prev.endswith((".", "!", "?")) and _LOWER_LED_TOKEN.match(nstrip):
                wrapped = False  # "...treat if positive.\neGFR 52 - GP pls repeat U&E": a new sentence on a new line
            if in_bullet and not wrapped and not prev.endswith((".", "!", "?", ":")) and len(prev) >= 50:
                wrapped = True
            elif (
                wrapped
                and (not nstrip[0].islower() or unpunctuated)
                and (_OPENS_A_REQUEST.match(nstrip) or (unpunctuated and _OPENS_A_CLAUSE.match(nstrip)))
                and not _ENDS_MID_PHRASE.search(prev)
            ):
                # "...and please check wound\nPlease add R below knee amputation to his problem list": an unbulleted
                # list of requests, one a line
                wrapped = False
            elif (
                wrapped
                and section in (SectionKind.GP, SectionKind.PLAN)
                and not in_bullet
                and len(lines[j - 1].text.rstrip()) < _TYPED_LINE
                and (
                    _OPENS_A_LOWER_CASE_REQUEST.match(nstrip)
                    # (in a letter typed with hardly a full stop, any line that does not carry a phrase on)
                    or (unpunctuated and not _CARRIES_A_PHRASE_ON.match(nstrip))
                )
                and not _ENDS_MID_PHRASE.search(prev)
                and not prev.endswith(",")
            ):
                # under a plan typed in small letters without stops, "pls could the gp reveiw him within 1 wk" then
                # "repeat lft and inr in 48 hrs pls gp to arrange": a line ended well short opens a new request
                wrapped = False
            elif (
                wrapped
                and section is SectionKind.GP
                and not in_bullet
                and (
                    len(lines[j - 1].text.rstrip()) < short_line
                    # ("BP raised x2 -> pls recheck at surgery in 2-3/52 when settled" then "Fit note 2/52 pls - ...")
                    or (nstrip[0].isupper() and _ASKS_IN_SHORTHAND.search(lines[j - 1].text))
                )
                and not _ENDS_MID_PHRASE.search(prev)
                and not prev.endswith(",")
            ):
                # under the practice's heading, "U+E 1/52 - ramipril withheld for AKI" then "restart ramipril if Cr
                # back to ~90": a line ended well short of the letter's width is a list of one request a line
                wrapped = False
            elif wrapped and _OWNER_THEN_TASK.match(nstrip) and _OWNER_THEN_TASK.match(lines[j - 1].text.strip()):
                # a meeting's agreed actions, one a line: "CSC – lead s47 enquiry – 06/05/2026" then "GP (Riverbank
                # MC) – share health information ... – within 2 working days"
                wrapped = False
            elif (
                wrapped
                and _OPENS_A_REQUEST.match(nstrip)
                and _OPENS_A_REQUEST.match(lines[j - 1].text.strip())
                and not _ENDS_MID_PHRASE.search(prev)
            ):
                # "please chase 3h troponin ... recall pt" then "please refer Rapid Access Chest Pain Clinic": a list
                # of requests in small letters, one a line, each opening as the one before did
                wrapped = False
            elif (
                wrapped
                # (in a card typed without stops, or after a line ended well short of the letter's width, a line in
                # small letters opens an entry as one in capitals does)
                and (
                    nstrip[0].isupper()
                    or (
                        (unpunctuated or len(lines[j - 1].text.rstrip()) < _ENDED_SHORT * widest)
                        and not _CARRIES_A_PHRASE_ON.match(nstrip)
                    )
                )
                and (_SHORTHAND_ASK.search(lines[j - 1].text) or _ASKS_ON_THE_LINE.search(lines[j - 1].text))
                and not _ENDS_MID_PHRASE.search(prev)
                and not prev.endswith(("-", ","))  # ("please arrange a pelvic ultra-" then "sound in 3 months")
            ):
                # an emergency card's lines: "BP 174/102 in dept - GP please recheck BP in 2-3/52 when settled" then
                # "Pt is scaffolder, cannot work - GP fit note please x 3/52": a line that asks the practice ends there
                # ("... pls consider referral to RACPC for outpt assessment" then "BP high in ED - ...")
                wrapped = False
            elif (
                wrapped
                and nstrip[0].islower()
                and len(lines[j - 1].text.rstrip()) < _ENDED_SHORT * widest
                and not _CARRIES_A_PHRASE_ON.match(nstrip)
                and not _ENDS_MID_PHRASE.search(prev)
                and not prev.endswith(("-", ","))
                and (_ASKS_ON_THE_LINE.search(nstrip) or _SHORTHAND_ASK.search(nstrip))
                and not _CLOSES_A_CLAUSE_FIRST.match(nstrip)  # ("This is a legal" then "document; please retain ...")
            ):
                # "Actions for GP: rpt LFT in 2/52 before restarting MTX" then "no record of pneumococcal vacc - pls
                # offer ...": after a line ended short of the letter's width, one in small letters that asks for
                # something of its own
                wrapped = False
            # a list of medicines without bullets: each line is its own entry, however long the one before
            if wrapped and _LIST_ENTRY.search(nstrip) and _LIST_ENTRY.search(lines[j - 1].text):
                break
            if not wrapped or _INLINE_LABEL.match(nxt) and not nstrip[0].islower():
                break
            block_end = lines[j].end
            j += 1
        block = text[block_start:block_end]
        offset = 0
        is_bullet = False
        unchosen = False
        bullet = _BULLET.match(block)
        if bullet:
            offset = bullet.end()
            is_bullet = True
            unchosen = ticked_form and bool(_EMPTY_BOX.match(bullet.group(2))) and not _NAMES_THE_PRACTICE.search(block)
        label = ""
        line_section = section
        inline = _INLINE_LABEL.match(block[offset:])
        if inline:
            label = inline.group(1).strip()
            # an inline label naming a problem ("Hyperglycaemia: ... HbA1c to be checked") keeps the section it
            # sits in; a section heading on its own line with an unknown name is still information
            kind = classify_label(label) or (section if section is not SectionKind.INFO else SectionKind.NONE)
            # a label only sets the section for this block; keep GP/hospital sections sticky for
            # bullets like "- Falls: referred by ward OT"
            if is_bullet and section is SectionKind.PLAN and kind in (SectionKind.INFO, SectionKind.NONE):
                # "Plan: 5. Steroid-sparing treatment: ... she will need FBC weekly" is still the plan
                kind = SectionKind.PLAN
            if not (is_bullet and section in (SectionKind.GP, SectionKind.HOSPITAL, SectionKind.ELSEWHERE)) or kind in (
                SectionKind.GP,
                SectionKind.HOSPITAL,
                SectionKind.ELSEWHERE,
                SectionKind.PATIENT,
            ):
                line_section = kind
        sentences = _split_sentences(block[offset:], block_start + offset)
        # (the list may follow a blank line: "... lower than usual. I would suggest:", "", "1. Please check ...")
        opens_a_list = False
        ends_with_a_colon = block.rstrip().endswith(":")
        after = j + 1 if ends_with_a_colon and j + 1 < len(lines) and not lines[j].text.strip() else j
        if sentences and ends_with_a_colon and after < len(lines) and _opens_a_list(lines[after].text):
            last_start, last_end = sentences[-1]
            if _ASKS_FOR_A_LIST.match(text[last_start:last_end]):
                # "I have changed him to a convex appliance. Please amend his prescription:" then "STOP: ...",
                # "START: ...": the entries are the requests, the sentence that introduces them is their heading
                sentences.pop()
                section, opens_a_list = SectionKind.GP, True
                lead_in = text[last_start:last_end]
                if not sentences:
                    section_has_content = False
                    paragraph += 1
                    i = j
                    continue
        for s, e in [] if unchosen else sentences:
            units.append(
                Unit(
                    start=s,
                    end=e,
                    text=text[s:e],
                    section=line_section,
                    paragraph=paragraph,
                    is_bullet=is_bullet,
                    heading_label=label,
                    quoted=quoting or bool(label and _GPS_QUESTION.match(label)),
                    lead_in=lead_in if line_section is SectionKind.GP else "",
                )
            )
        section_has_content = not opens_a_list  # (the list it opens is the section's content, not its lead-in)
        if not is_bullet and section in (SectionKind.NONE,):
            paragraph += 1
        i = j
    _quote_the_practices_messages(units, text)
    return units


def _quote_the_practices_messages(units: list[Unit], text: str) -> None:
    """In an email thread or a portal's message chain, the messages the practice wrote are quoted: they ask nothing of
    the practice."""
    spans = practices_messages(text)
    if not spans:
        return
    starts = [start for start, _ in spans]
    for unit in units:
        k = bisect.bisect_right(starts, unit.start) - 1
        if k >= 0 and unit.start < spans[k][1]:
            unit.quoted = True
