"""Find the requests to the GP practice in one letter."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from . import lexicon as lx
from .classify import judge, second_opinion
from .context import (
    DOCTOR_ASKED,
    Audience,
    LetterContext,
    build_context,
    colleague_named,
    gp_asked_by_name,
    normalise,
)
from .edits import without_taken_out
from .gate import contains_any, gated
from .kept import compiled
from .restated import restatements, withdrawn
from .segment import LIST_ENTRY_VERBS, SectionKind, Unit, classify_label, segment

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
        # (every field is a plain value: asdict's deep copy took a third of the command's JSON writing)
        return {name: getattr(self, name) for name in _ACTION_FIELDS}


_ACTION_FIELDS = tuple(field.name for field in fields(Action))


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
    # "could his medications be reviewed ...?" (not every "could": "could not", "could be" are everywhere)
    "could his",
    "could her",
    "could their",
    "could the patient",
    "happy for",
    # "Pt to see PN d10 for ROS": the practice nurse, abbreviated
    " pn ",
    "pn to ",
    # "If symptoms persist, could add finasteride 5 mg": a telegraphic hedge with no subject
    "could add",
    "could start",
    "could try",
    "could trial",
    "could increase",
    "could switch",
    "might add",
    "might try",
    # "a routine podiatry referral would be very welcome", "We would also like a PIIINP level taken"
    "welcome",
    "would like",
    "would also like",
    "help if",
    "help me if",
    "help us if",
    # "I have suggested tibolone 2.5 mg daily; could this be added to her repeat prescription?"
    "could this be",
    "could these be",
    # "Candesartan 4 mg daily ... would be my choice of preventive", "... would seem sensible"
    "my choice",
    "my preference",
    "my suggestion",
    "seem sensible",
    "seem appropriate",
    "seem worthwhile",
)
# asked of every sentence, so compiled to one expression of `in` tests
_HAS_REQUEST_KEY = contains_any(_REQUEST_KEYS)
_GP_OWNER_CELL = compiled(r"\b(gp|g\.p\.|practice|surgery|primary\s+care|general\s+practi\w*)\b", re.I)
_EMPTY_CELL = compiled(r"^\s*(none|nil|n/?a|-|–|—|no|not\s+required|no\s+action|no\s+gp\s+action.*)?\s*\.?\s*$", re.I)
_NONE_THEN_NOTE = compiled(r"\s*(?:none|nil|no\s+(?:gp\s+)?action)\s*(?:[-–—:;,(]|\.\s)", re.I)
_COURTESY = gated(
    # ("please note this on his record" is a request to record it)
    r"\b(?:please|pls)\s+(?:find|note(?![^.;:]{0,40}?\s(?:on|in)\s+(?:his|her|their|the)\s+(?:gp\s+|practice\s+)?(?:records?|notes|system)\b)"
    r"|see\s+(?:the\s+)?(?:attached|enclosed|below|above)|be\s+aware|accept|tick|circle|delete)\b"
    # "I could find no cardiac indication for the bisoprolol - please correct me if I'm wrong"
    r"|\b(?:please|pls)\s+(?:do\s+)?correct\s+me\s+if\b"
    # "Copy to GP: Dr R Fairbrother (action required - see section C)": a pointer to the requests, not one
    r"|\baction\s+required\s*[-–—:,]?\s*(?:please\s+)?see\s+(?:section|below|above|overleaf|part)\b"
    # "we would of course be grateful for your continuing support of Mrs Dunmore and her family"
    r"|\bgrateful\s+for\s+(?:your|the\s+practice's)\s+(?:continu\w+|ongoing|kind)\s+(?:support|involvement|care|help)\b",
    re.I,
)
# a request after a courtesy, in a clause of its own
_ASKS_AFTER_IT = compiled(
    r"(?:[;–—]|\s-)\s*(?:and\s+)?(?:please|pls|kindly)\s+(?!find|note|see|be\s+aware|accept|do\s+not\s+hesitate|feel\s+free|"
    r"contact|call|ring|phone|let\s+(?:us|me)\s+know\s+if)[a-z]"
)
# "Thank you for referring ..." opens a letter; "Thanks for arranging a repeat FBC" is still a request
_THANKS = compiled(
    r"^\s*(?:many\s+)?thank(?:s|\s+you)\s+(?:very\s+much\s+)?(?:for\s+(?:referring|asking|your|the|sending|seeing|"
    r"letting|coming|attending|involving)\b|$)",
    re.I,
)
_SECOND_PERSON_PATIENT = compiled(r"\b(?:your|yourself|you\s+(?:should|will|can|must|need|have|are|were|may))\b", re.I)
_THIRD_PERSON = compiled(
    r"\b(?:he|she|him|her|his|they|them|their|the\s+patient|mr\s+\w+|mrs\s+\w+|ms\s+\w+|miss\s+\w+)\b", re.I
)
# a specialty named as the one that acts ("urology will book")
_A_SPECIALTY_THAT_ACTS = (
    r"(?:the\s+)?(?:urology|urologists?|cardiology|neurology|gynae(?:cology)?|ophthalmology|orthopaedics|ortho|radiology|"
    r"endoscopy|oncology|haematology|rheumatology|dermatology|gastro(?:enterology)?|vascular|plastics|omfs|maxfax|renal|"
    r"hepatology|surgeons?|anaesthetists?|physio(?:therapy)?|audiology)"
)
_HOSPITAL_SUBJECT = compiled(
    r"(?:^|[;,–—-]\s*|\b(?:and|then|which)\s+)(?:we|i|our\s+[\w\s'-]{0,40}?|(?:the\s+)?[\w\s'-]{0,30}?\b(?:team|ward|clinic|unit|department|"
    r"nurses?|service|secretar\w+|consultant)|they|dns|district\s+nurses?|"
    # a specialty named as the one that acts: "ureteroscopy to be done within 6/52 - urology will book"
    rf"{_A_SPECIALTY_THAT_ACTS})\s+(?:will(?!\s+leave\b)|have|has|are|is|'ll(?!\s+leave\b)|'ve|shall|"
    # "we would expect a rise in Hb" says what should happen, not who does it; "I will leave that with you" hands it on
    r"would(?!\s+(?:expect|anticipate|hope|think|suggest|recommend|advise|be\s+grateful|appreciate|like\s+you))|can|to)\b"
    # "not done during this admission" says the hospital did not; "the results sent to my secretary" says where they go
    # ("which can be done with his routine bloods at the practice" says what may be done, not what was; so do "to be
    # arranged" and "best done locally")
    r"|(?<!not\s)(?<!results\s)(?<!result\s)(?<!can\sbe\s)(?<!could\sbe\s)(?<!should\sbe\s)(?<!to\sbe\s)(?<!best\s)(?<!better\s)(?<!appropriately\s)\b(?:booked|arranged|organised|organized|requested|referred|sent|posted|done|"
    r"completed|accepted|issued|supplied|"
    # (", given her increased lifetime risk" weighs a reason: nothing was given, and "her increased risk" is a risk)
    r"(?<!,\s)given|made|taken|started|stopped|(?<!her\s)(?<!his\s)(?<!their\s)(?<!its\s)(?<!an\s)(?<!a\s)(?:reduced|increased))"
    r"\b(?!\s+(?:by|from)\s+(?:the\s+)?(?:gp|practice|surgery))"
    r"|\bwith\s+(?:me|us)\b"
    # a step still to come names its owner after it: "DEXA to be requested by urology CNS", "angiography to be arranged
    # as outpatient", "pregnancy test to be done on the day of surgery" (with no owner, it may be the practice's)
    r"|\bto\s+be\s+[a-z]+\s+(?:by\s+(?!(?:the\s+|your\s+)?(?:gp|practice|surgery|you|yourselves)\b)|as\s+(?:an?\s+)?out-?patients?\b|"
    r"on\s+the\s+day\b)"
    # ("in the joint H&N clinic": a team's initials may hold an ampersand or a slash)
    r"|\b(?:by|via|through|at|in|from|with)\s+(?:the\s+|our\s+)?(?:[\w&/-]+\s+){0,3}(?:ward|clinic|hospital|team|unit|"
    r"department|ed|district\s+nurses|dns|pharmacy|day\s+unit|phlebotomy|outpatients)\b"
    # (but "from when her hospital supply ends" says when the practice's task starts)
    r"(?!\s+suppl(?:y|ies)\b)"
    # "continues to be prescribed by the MS service through homecare"
    r"|\b(?:by|via|through)\s+(?:the\s+|our\s+)?(?:[\w-]+\s+){0,3}(?:service|homecare|cent(?:re|er))\b"
    # shorthand for the hospital's own follow-up: "F/U renal clinic 6/52", "Review in clinic 3/12", "RV OPD 3 months"
    r"|^\s*(?:f/u|follow[- ]?up|review|r/v|rv|see|seen|appt|appointment)\s*:?\s*(?:in\s+|at\s+|with\s+)?(?:the\s+|our\s+)?"
    r"(?:[\w&/-]+\s+){0,2}(?:clinic|opd|outpatients?|op\s+clinic)\b",
    re.I,
)


# cheap gate in front of PATIENT_TO_GP_FOR_HOSPITAL_NEWS: each of its forms holds one of these
_HOSPITAL_NEWS_KEYS = (
    "if ",
    "chas",
    "pass ",
    "behalf",
    "date",
    "know",
    "inform",
    "tell",
    "worr",
    "concern",
    "question",
    "quer",
    "appointment",
    "appt",
    "to us",
    "discuss",
    # ("we have advised him to ring the surgery to find out")
    "advis",
    "asked",
    "told",
    "suggest",
    "encourag",
    # ("please could the practice explain to the family why the referral has been returned", "as you can check the
    # waiting list position for her")
    "explain",
    " for her",
    " for him",
    " for them",
)
_HAS_HOSPITAL_NEWS_KEY = contains_any(_HOSPITAL_NEWS_KEYS)
# cheap gate in front of PATIENT_TO_GP_FOR_PRESCRIPTION: each of its forms holds one of these
_PRESCRIPTION_KEYS = (
    "from",
    "prescri",
    "rest",
    "remain",
    "more",
    "further",
    "suppl",
    "gp for",
    "practice for",
    "surgery for",
)
_HAS_PRESCRIPTION_KEY = contains_any(_PRESCRIPTION_KEYS)


def _patient_to_gp_for_results(norm: str, ctx: LetterContext) -> re.Match[str] | None:
    """The patient told to get the hospital's results from the practice (a doctor named counts if named as the GP)."""
    match = lx.PATIENT_TO_GP_FOR_RESULTS.search(norm)
    return match if match and (match.group("doctor") is None or match.group("doctor") in ctx.gp_names) else None


_AT_THE_PRACTICE = compiled(
    r"\b(?:at|through|by|via|in)\s+(?:the|your|his|her|their)\s+(?:gp\s+)?(?:practice|surgery)\b(?!\s+(?:is|was|has|had)\b)"
)


def _directed_at_reader_is_gp(unit: Unit, norm: str, ctx: LetterContext, vocative_paragraph: bool) -> bool:
    """Whether "you"/"please" in this sentence means the GP."""
    if vocative_paragraph:
        return True
    if ctx.audience is Audience.GP or unit.section is SectionKind.GP:
        # (a section the letter labels as the practice's speaks to the GP whoever else the letter is written to: "For
        # Dr Quinlan, his GP, who is copied in:" in a letter to a colleague, "For Dr Lindqvist:" in one to parents)
        return True
    if (
        ctx.audience is Audience.COLLEAGUE
        and ("practice" in norm or "surgery" in norm)
        and _AT_THE_PRACTICE.search(norm)
    ):
        # in a letter to a colleague copied to the GP, "please arrange vaccination at the practice", "please arrange a
        # DEXA scan through the practice": the place names who is asked
        return True
    if ctx.audience is Audience.PATIENT:
        if ctx.to_parents:
            return False  # to parents, the third person is their child: "please keep using her inhaler"
        # a request about the patient in the third person, with no "your", speaks to the GP copy
        return bool(_THIRD_PERSON.search(norm)) and not _SECOND_PERSON_PATIENT.search(norm)
    return False


_CONDITIONAL_ANYWHERE = compiled(r"\b(?:if|unless|should\s+(?:it|she|he|they|symptoms?|this))\b")
# a comment in a "GP action / comments" cell asks for something only with a verb of doing ("replaces simvastatin",
# "PPI cover (DAPT)" are notes; "pls add to repeats", "U&E 1/52", "will need uptitrating" ask)
_CELL_ASKS = compiled(
    rf"\b(?:{lx.PLEASE}|gp|practice|need\w*|to\s+be|check\w*|re-?check\w*|repeat\w*|add|remove|stop|start|increase|"
    r"reduce|titrat\w*|uptitrat\w*|up-titrat\w*|review|r/v|refer\w*|monitor\w*|prescribe|chase|code|record|"
    r"wean|restart|switch|update|amend)\b|[↑↓]",
    re.I,
)


def _table_decision(unit: Unit) -> bool | None:
    """True/False when a table column says who acts; None when the table does not say."""
    if unit.table_owner is not None:
        owner = unit.table_owner
        if _EMPTY_CELL.match(owner) or not _GP_OWNER_CELL.search(owner):
            return False
        # an action log's row already closed: "| Lipid profile + HbA1c | GP | 26/02 | G | done 24/02 - chol 4.1 |",
        # "| BP + statin | GP | - | already optimised in primary care - no change needed |"
        after_owner = unit.cells[unit.cells.index(owner) + 1 :] if owner in unit.cells else []
        if any(_A_CLOSED_ROW.match(cell) for cell in after_owner):
            return False
        action_text = " ".join(c for c in unit.cells if c != owner)
        if _POINTER_WORD(action_text.lower()) and any(_POINTER_ONLY.match(cell.lower()) for cell in unit.cells):
            return False  # "Hand dermatitis | Emollient + topical steroid - see below | GP": the request is below
        return not _EMPTY_CELL.match(action_text)
    if unit.table_gp_cell is not None:
        cell = unit.table_gp_cell
        return (
            not _EMPTY_CELL.match(cell)
            # "None - stop after course": nothing for the practice, and a note of what happens anyway
            and not _NONE_THEN_NOTE.match(cell)
            and not lx.NEGATION.search(cell)
            # "Do not restart unless fluid overloaded" leaves things as they are
            and not re.search(r"(?:^|\.\s+)\s*(?:do\s+not|don't|not\s+to|avoid)\b", cell, re.I)
            and bool(_CELL_ASKS.search(cell) or lx.TEST_WITH_TIME.match(cell))
        )
    return None


_A_CLOSED_ROW = compiled(
    # (not "complete by 12/03", a due date)
    r"\s*(?:done\b|completed\b|up\s+to\s+date\b|already\b|closed\b|actioned\b|no\s+(?:further\s+)?(?:action|change)s?\b)",
    re.I,
)
_NEW_CLAUSE = compiled(
    r",\s+(?:he|she|they|it|this|there|which)\s+(?:does|do|is|are|was|has|have|will|would|can|should)(?:n't|\s+not)?\b"
    # "... continue the Movicol on repeat prescription, and please do not stop it suddenly": a second instruction
    r"|,\s+and\s+(?:please|pls)\b"
    # "... take over her methotrexate prescriptions, so that you do not need to keep coming to the hospital pharmacy":
    # what the request is for, whose negation is not the request's
    r"|,?\s+so\s+that\b|\s+in\s+order\s+(?:that|to)\b"
)
# ", and I would be happy to see him again should his eGFR fall": the hospital's offer, not a second request
_HOSPITAL_OFFER = compiled(
    r"(?:i|we)(?:\s+would|'d|\s+will)\s+(?:be\s+)?(?:very\s+)?(?:happy|pleased|glad|delighted)\s+to\s+"
    r"(?:see|review|reassess|re-?review|meet)\b"
)


def _clause_with(norm: str, position: int) -> str:
    """The clause (between ; or sentence marks) that holds position."""
    # ("No GP prescribing is needed, but please could you record adalimumab ...": "but" turns to a new clause)
    turn = norm.rfind(", but ", 0, position)
    start = max(
        norm.rfind(";", 0, position),
        norm.rfind(":", 0, position),
        norm.rfind(" - ", 0, position),
        turn + 5 if turn != -1 else -1,
    )
    # (", he doesn't need to start the ..." after the request begins a clause of its own)
    new_clause = _NEW_CLAUSE.search(norm, position)
    end_candidates = [
        i
        for i in (norm.find(";", position), norm.find(" - ", position), new_clause.start() if new_clause else -1)
        if i != -1
    ]
    end = min(end_candidates) if end_candidates else len(norm)
    return norm[start + 1 : end]


def _explicit_request(norm: str) -> re.Match[str] | None:
    """The first explicit request to the practice, skipping "writing to your GP to let them know"."""
    for match in lx.EXPLICIT_GP_REQUEST.finditer(norm):
        if " who " in match.group(0):
            return match  # "the results will be sent to your GP, who will let you know them": what the GP then does
        if lx.WRITTEN_TO_GP.search(norm[max(0, match.start() - 30) : match.start()]):
            continue
        if match.group(0).startswith(("the ", "your ", "his ", "her ")) and lx.WRITTEN_TO_GP.search(
            norm[max(0, match.start() - 30) : match.start()] + match.group(0).split(" ", 1)[0] + " "
        ):
            continue
        return match
    if _TERSE_KEY(norm):
        return lx.PRACTICE_ASKED_TERSELY.search(norm)
    return None


# "Can GP refer ...", "Clips to be removed at day 12 by practice nurse", "[x] PN to remove sutures"
_TERSE_KEY = contains_any(
    (
        "can gp",
        "could gp",
        "would gp",
        "can practice",
        "could practice",
        "would practice",
        "can surgery",
        "could surgery",
        "by practice",
        "by the practice",
        "by gp",
        "by the gp",
        "pn to",
        "at his gp",
        "at her gp",
        "at their gp",
        "at the gp",
        "at the practice",
        "at the surgery",
        "appreciate gp",
        "appreciate a gp",
        "appreciate practice",
        "your reception",
        "your admin",
        "your secretar",
        # (an action line opening with the practice: "GP – attend ...", "GP (Riverbank MC) – share ...")
        "gp –",
        "gp -",
        "gp —",
        "gp (",
        # (the practice's staff by role)
        "your hca",
        "your health",
        "your pcn",
        "your practice",
        "your clinical pharm",
        "your pharmacist",
        "your social pres",
        "your care co",
        "your first contact",
        "your wellbeing",
        "your paramedic",
    )
)


# labels of the letter's own particulars ("Referrer: Dr L Fairbrother, Weir Street Surgery (GP direct access)")
_PARTICULARS_LABEL = compiled(
    r"^(?:referr(?:er|ing\s+\w+)|requested\s+by|requester|requesting\s+\w+|registered\s+gp|usual\s+gp|cc|copy\s+to|"
    r"copies\s+to|address|consultant|author|signed|typed|dictated|verified\s+by|attendance|arrival|admitted|admission|"
    r"date\s+of\s+(?:attendance|admission|arrival)|admission\s+(?:method|type|route)|method\s+of\s+admission|"
    r"(?:source\s+of\s+)?referral\s+source|source\s+of\s+referral|referred\s+by|(?:our|your)\s+ref(?:erence)?|"
    # "Referral route: 2WW (GP) 22/01/2026", "Referral received: 06/08/2026"
    r"referral\s+(?:route|received|date|type|pathway)|return\s+reason|reason\s+for\s+return)$",
    re.I,
)


_COPY_LABEL = compiled(r"^(?:cc|copy\s+to|copies\s+to)$", re.I)


def _a_note_to_the_copied_gp(label: str, norm: str) -> bool:
    """ "cc: Dr P Singh, Larkhill Surgery - Jade was referred by the school nurse. Discharged following one missed
    appointment; GP to re-refer if still required.": after the copy line's first sentence, a note to the practice copied."""
    return (
        bool(_COPY_LABEL.match(label))
        and not norm.startswith(label.lower())
        and bool(_NAMES_THE_PRACTICE.search(norm) or _PLEASE_DO.match(norm))
    )


# "Please do not stop or change his antibiotics without talking to us" asks the practice to leave things be
_NOT_TO_DO = compiled(r"^\s*(?:\d+[.)]\s*)?(?:please|pls)\s+(?:do\s+not|don't|avoid)\s+(?!hesitate)")
# "Repeat ECG unchanged.": a result, not a request to repeat
_RESULT_STATEMENT = compiled(
    # ("Repeat weight-bearing X-ray today shows no displacement")
    r"^\s*repeat\s+(?:[\w&/-]+\s+){1,3}(?:(?:today|yesterday|this\s+morning|on\s+\S+)\s+)?"
    r"(?:unchanged|normal|showed|shows|show|was|were|is|nad|satisfactory|stable|improved|confirms|confirmed|demonstrates|demonstrated)\b"
)
_WHAT_HAS_BEEN = compiled(
    r"\b(?:over|in|during|for)\s+the\s+(?:last|past|previous)\b|\bstable\s+for\b|\b(?:have|has)\s+been\s+(?:normal|stable|"
    r"satisfactory|fine|unremarkable)\b|\b(?:has|have)\s+(?:worsened|improved|deteriorated)\b"
    # "His HbA1c has been above 75 for over a year", "His eGFR has drifted from 49 to 38 over three years"
    r"|\b(?:has|have)\s+been\s+(?:above|below|over|under|around|between|consistently|persistently)\b"
    r"|\b(?:has|have)\s+(?:drifted|fallen|risen|dropped|declined|climbed|crept)\b"
)
# a repeat measurement with its value and when it was taken: "Repeat lithium level 0.8 at 18:00, tremor improved",
# "Repeat Cr 131 at 6h."
_A_REPEAT_MEASURED = compiled(
    r"\W*repeat\s+(?:[\w&/-]+\s+){1,2}[<>]?\d+(?:\.\d+)?\s*(?:mmol/l|umol/l|g/l|%)?\s+(?:at|on)\s+(?:\d{1,2}[:.]\d{2}|\d+\s*h(?:rs?|ours?)?\b|day\s+\d)"
)
# a test with the date it was taken, then its result: "Admission blood cultures (02/02): no growth at 5 days"
_DATED_RESULTS = compiled(
    r"\W*(?:(?:repeat|admission|previous|latest|recent|discharge)\s+)?(?:[\w&/-]+\s+){0,2}(?:bloods?|cultures?|swabs?|"
    r"u&es?|fbc|lfts?|crp|inr|gases|abg|vbg|urine|msu|sputum)\s+\(?(?:on\s+)?\d{1,2}/\d{1,2}(?:/\d{2,4})?"
    r"(?:\s+\d{1,2}[:.]\d{2})?(?:\s*(?:,|and|&)\s*\d{1,2}/\d{1,2}(?:/\d{2,4})?)*\)?\s*:\s*"
    r"(?:no\s+growth|no\s+\w+\s+isolated|negative|normal|unremarkable|[a-z][\w+]{0,7}\s+[<>]?\d)"
)
# ("Please continue to prescribe quetiapine and mirtazapine as above" asks in full; "Meds as above" points)
_POINTER_ONLY = compiled(
    # ("Oral iron recommended - see actions below.")
    r"^(?:[^.;]|(?<=\d)\.(?=\d)){0,80}\bsee\s+(?:the\s+)?(?:(?:gp\s+)?(?:actions?|plan|list|table|section|box)\s+)?"
    r"(?:below|above|overleaf)\s*\.?\s*$|^[^.;]{0,25}\bas\s+(?:below|above|overleaf)\s*\.?\s*$"
    # "Actions for GP: as per clinical summary": the requests are in the part it names
    r"|^[^.;]{0,25}\bas\s+per\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:summary|narrative|letter|text|notes|plan)(?:\s+(?:above|below))?\s*\.?\s*$"
    # a forwarded thread's cover note: "Please see Dr Marchetti's reply below regarding your query."
    r"|^\W*(?:please\s+)?see\s+(?:[\w'’.-]+\s+){0,4}(?:reply|response|letter|email|e-mail|message|answer|advice|comments?)"
    r"\s+(?:below|above|overleaf)(?:\s+(?:regarding|about|re|in\s+(?:response|reply)\s+to|to)\s+(?:your|the)\s+"
    r"(?:query|question|email|e-mail|message|request))?\s*\.?\s*$"
    # "Please see GP actions at the end of this letter.": the requests are in the list it names
    r"|^\W*(?:please\s+)?see\s+(?:the\s+)?(?:gp|practice)\s+actions?\s+(?:listed\s+)?(?:at\s+the\s+end|below|overleaf)"
    r"(?:\s+of\s+(?:this|the|my)\s+letter)?\s*\.?\s*$"
)
# "See narrative, medication and pending results sections.", "Tamsulosin review - see table.", "See sections 1, 4 and
# 7", a table's "See GP actions": the requests are in the parts it names
_POINTER_TO_A_PART = compiled(
    r"^(?![^.;]*\b(?:please|pls|gp\s+to|could\s+you|kindly)\b)(?:[^.;]|(?<=\d)\.(?=\d)){0,70}?\bsee\s+(?!(?:the\s+|his\s+|her\s+|their\s+|your\s+)?(?:gp|practice|surgery|doctor|nurse)\b(?!\s+actions?\b))"
    r"(?:the\s+)?(?:[\w,&()-]+\s+){0,6}?(?:narrative|table|tables|sections?|box|list|summary|comments|notes|actions(?:\s+for\s+the\s+gp)?|"
    r"[\d,\s]+(?:and\s+\d+)?)(?:\s*\([^)]{0,80}\))?\s*\.?\s*$"
)
_POINTER_WORD = contains_any(("below", "above", "overleaf", "as per", "at the end"))
_POINTER_PART_WORD = contains_any(
    ("narrative", "table", "section", "summary", "actions", " list", " box", "see sections", "comments", "notes")
)


# a line addressed to someone else who is not the practice: "DN please measure + photograph wound weekly"
_OTHER_ADDRESSEE = compiled(
    r"^\s*(?:\W*\s*)?(?:dns?|district\s+nurs\w*|community\s+nurs\w*|care\s+home(?:\s+staff)?|carers?|pharmacist|"
    r"health\s+visitor|midwife|school\s+nurse)\b(?:\s*[:,-]?\s*(?:please|pls|to)\b|\s+[–-]\s+[^.]*\b(?:please|pls)\b)"
)
# a meeting's action line that opens with another agency: "School – monitor and report any further concerns to CSC –
# ongoing", "Police (CAIT) – ABE interviews", "HV (Zofia) – home visit" (looked for only where a dash opens the line)
_ANOTHER_AGENCY_FIRST = compiled(
    r"\s*(?:school(?:\s+nurse)?|police(?:\s+\w+)?|csc|children'?s\s+social\s+care|social\s+care|social\s+work(?:er)?|sw|hv|"
    r"health\s+visit(?:or|ing)|midwi(?:fe|fery)|camhs|housing|probation|yot|education|nursery|early\s+help)"
    r"(?:\s*\([^)]{1,40}\))?\s+[–—-]\s+\S"
)


# a note to the hospital's own staff in a forwarded email: "Priya - can you fwd to the GP pls", "Jane - can you make
# sure this gets to his GP please": the practice receives the message, it is asked nothing by this line
_PASS_IT_TO_THE_GP = compiled(
    r"(?<!\bwill\s)(?<!'ll\s)(?<!\bwe\s)(?<!\bi\s)(?<!\bto\s)"
    r"\b(?:fwd|forward|send|pass|get)\b(?:\s+(?:this|it|these|them|the\s+(?:letter|reply|email|message)))?(?:\s+on)?"
    r"\s+to\s+(?:the\s+|his\s+|her\s+|their\s+|pt'?s\s+|the\s+patient's\s+)?(?:gp|practice|surgery)\b"
    r"|\bgets\s+to\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:gp|practice|surgery)\b"
)
_PASSING_WORDS = ("fwd", "forward", "send", "pass", "get")
_HAS_PASSING_WORD = contains_any(_PASSING_WORDS)


_DASH_OPENS_THE_LINE = contains_any(("– ", "- ", "— "))


# cheap gate: each addressee _OTHER_ADDRESSEE names holds one of these within a sentence's first words
_OTHER_ADDRESSEE_WORDS = ("dn", "nurs", "care", "pharmacist", "health visitor", "midwife")
_HAS_OTHER_ADDRESSEE_WORD = contains_any(_OTHER_ADDRESSEE_WORDS)
# a line for the patient or the family, by name: "Mr Holloway: please bring all of your inhalers to your next
# appointment", "Amelia and mum: please bring her spacer", "Parents: please keep a diary of her seizures" (a patient's
# name may also label the plan for the practice, "Mrs Bright: please check FBC and LFTs", so after a name alone only
# what a patient does is theirs)
_THE_PATIENT_ADDRESSED = compiled(
    r"\s*(?:(?:mr|mrs|ms|miss|mx)\.?\s+[a-z][\w'-]+\s*:\s*(?:please|pls)\s+(?:bring|keep|carry|remember|make\s+sure|ring|"
    r"call|phone|let\s+us\s+know|attend|avoid|do\s+not|don't)\b"
    r"|(?:[a-z][\w'-]+\s+(?:and|&)\s+(?:mum|dad|parents?|family)|(?:mum|dad|parents?)(?:\s+(?:and|&)\s+[a-z][\w'-]+)?)"
    r"\s*:\s*(?:please|pls)\b)"
)
# a line that speaks to someone by title and name: "Mrs Patel - please keep a diary of your pulse", "Ms Shah - could you
# arrange a carb counting refresher", "Amira and Mrs Rahman - please keep up the lunchtime boluses"
_BY_TITLE_AND_NAME = compiled(
    r"\s*(?:[a-z][\w'-]+\s+(?:and|&)\s+)?(?:mr|mrs|ms|miss|mx)\.?\s+([a-z][\w'-]+)\s*[-–—,]\s*"
    r"(?:please|pls|could\s+you|can\s+you|would\s+you|if\s+you)\b"
)


def _someone_else_by_title(norm: str, ctx: LetterContext) -> bool:
    """A line that speaks to a person by title and surname who is not the GP the letter names."""
    spoken_to = _BY_TITLE_AND_NAME.match(norm)
    return spoken_to is not None and spoken_to.group(1) not in ctx.gp_names


_HAS_A_PATIENTS_TITLE_OR_FAMILY = contains_any(("mr ", "mrs", "ms ", "miss", "mx ", "mr.", "mum", "dad", "parent"))


# a role in commas after a name: "Dr Perrin, his consultant, ..."
_AN_APPOSITIVE = compiled(r"\s*(?:his|her|their|the\s+patient's)\s+[\w' -]{2,40},", re.I)


def _to_a_colleague(unit: Unit, ctx: LetterContext) -> bool:
    """A sentence that opens by naming a hospital doctor ("Dr Hussain - grateful if you would arrange a synacthen
    test"), in a letter to that doctor and the GP: its "you" is the colleague."""
    vocative = lx.VOCATIVE_DOCTOR.match(unit.text)
    if vocative is None or _AN_APPOSITIVE.match(unit.text, vocative.end()):
        # ("Dr Perrin, his consultant, reviewed him last week ...; please could you issue him a fit note": the
        # sentence is about the doctor, not to them)
        return False
    surname = re.split(r"[\s,:–—-]+", vocative.group(0).strip(" ,:–—-"))[-1].lower()
    return colleague_named(surname, ctx)


_HAS_BOILERPLATE_WORD = contains_any(
    (
        "error",
        "found",
        "excuse",
        "please read",
        "not reply",
        "recipient",
        "legal doc",
        "all fields",
        "record",
        "notes",
        "document ",
    )
)
_ENDS_WITH_A_DAY = compiled(r"(?:day|d)\s*\d+\s*\.?\s*$")
_QUOTED_QUERY_OPENS = compiled(
    r"\s*(?:(?:gp|practice|referrer)(?:'s)?\s+)?(?:query|question|request|q)\s*[:-]\s*[\"\u201c]", re.I
)


# a report quoted in a clinic or ED letter: 'CT head (NICE anticoagulant pathway): "No acute haemorrhage ... Suggest MRI
# with contrast for characterisation."' (the radiologist's advice to the clinician who asked for the scan)
_QUOTED_REPORT_LABEL = compiled(
    r"\b(?:ct|mri?|x-?rays?|xr|cxr|ultrasound|us|scan|echo\w*|report|radiolog\w*|histolog\w*|patholog\w*)\b"
    r"[^\n:]{0,90}:\s*$"
)


def _closes_a_quotation(unit: Unit, ctx: LetterContext) -> bool:
    """The unit closes a quotation that a "Query:" line opened (the practice's own words, quoted back), or that a test's
    name opened, on its line or the line before (its report, quoted)."""
    line_start = ctx.norm.rfind("\n", 0, unit.start) + 1
    if _QUOTED_QUERY_OPENS.match(ctx.norm, line_start, unit.start):
        return True
    opened = max(ctx.norm.rfind('"', 0, unit.start), ctx.norm.rfind("\u201c", 0, unit.start))
    if opened < 0 or unit.start - opened > 1500 or ctx.norm.count('"', opened + 1, unit.start):
        return False
    label_start = ctx.norm.rfind("\n", 0, max(ctx.norm.rfind("\n", 0, opened), 0)) + 1
    return bool(_QUOTED_REPORT_LABEL.search(ctx.norm, label_start, opened))


_A_TITLE = compiled(r"\b(?:summary|letter|report|notification|record)\b")
# a form's line marked not needed ("Please refer to the diabetic eye screening programme - N/A, referral sent by the
# diabetes team"), or one whose answer only points elsewhere ("GP ACTION REQUIRED: [X] Yes - see above  [ ] No")
_MARKED_NOT_NEEDED_OR_ONLY_POINTS = compiled(
    r"\s[-–—:]\s*n/a\b|^[^:]{0,40}:\s*(?:\[[x✓✔ ]?\]\s*)?(?:yes|no)\b\W*(?:see\s+(?:above|below)\b)?\W*"
    r"(?:\[[x✓✔ ]?\]\s*(?:yes|no)\b\W*)?$"
)
# what the letter says is for information, or only for the practice to know: "For info only - you may wish to be aware
# of the episode", "GP may wish to note ..." (but not "... note it on her record", which asks for a record)
_FOR_INFORMATION = compiled(
    r"^\W*(?:for\s+(?:your\s+|the\s+gp'?s\s+|the\s+practice'?s\s+)?)?info(?:rmation)?(?:\s+only)?"
    # ("Information for GP: the patient and her son have been given the ward number ...")
    # (but "Information for GP: You may wish to recheck his blood pressure" asks)
    r"(?:\s+for\s+(?:the\s+)?(?:gp|practice))?\s*[:–—-]"
    r"(?![^.;]*\b(?:please|pls|kindly|(?:you|gp|practice)\s+(?:may|might)\s+(?:wish|want|like)\s+to\s+(?!note\b|be\s+aware\b)|"
    r"(?:could|would|can)\s+you)\b)|\bfor\s+(?:your\s+)?info(?:rmation)?\s+only\b"
    # "Action for GP: For information."
    r"|:\s*for\s+(?:your\s+)?info(?:rmation)?(?:\s+only)?\s*\.?\s*$"
    r"|\b(?:may|might)\s+(?:wish|want|like)\s+to\s+(?:be\s+aware|note|know)\b"
    r"(?![^.;]{0,60}\b(?:records?|register|problem\s+list|cod(?:e|ed|ing)|notes|summary)\b)"
)
_MANAGED_IN_PRIMARY_CARE = compiled(
    r"\bcan\s+(?:be\s+)?(?:investigated|managed|looked\s+after|treated|followed\s+up)\s+(?:in|by)\s+primary\s+care"
    r"(?:\s+(?:to\s+start\s+with|for\s+now|initially|in\s+the\s+first\s+instance))?\s*\.?\s*$"
)
_HOSPITALS_OWN_NEXT_STEP = compiled(
    # ("Our heart failure nurses will see him in six weeks and will consider switching ramipril ...")
    r"\s*(?:i|we|our\s+(?:[\w-]+\s+){0,3}?(?:nurses?|team|clinic|specialists?|doctors?))\s+(?:will|'ll|shall)\s+(?:see|review)\s+"
    r"(?:him|her|them)\b[^;]*?\b(?:consider|decide|discuss|think)\b"
)
_ACTION_WHERE_MARKED = compiled(
    r"\b(?:action|actions|act)\s+(?:\w+\s+)?where\s+(?:marked|indicated|shown|flagged|highlighted)\b"
)
# a list entry that is only a topic: "5. Follow up" (its entries below say what happens)
_ONLY_A_TOPIC = compiled(r"\W*(?:follow[- ]?up|f/u)\s*:?\s*$")
# the hospital as the subject of the verb that follows: "we will consider adding semaglutide", "I may consider"
_THE_HOSPITAL_WILL = compiled(r"\b(?:i|we)\s+(?:will|'ll|shall|may|might)\s+(?:then\s+|also\s+|now\s+)?$")
# "please re-refer him and we will arrange it directly": the hospital's step follows the practice's
_THEN_WE_DO_IT = compiled(r"\b(?:re-?refer|refer|send)\b[^.;]{0,60}\band\s+(?:we|i)\s+(?:will|'ll|shall)\b")
# an echo report's right ventricle, not a review ("RV normal size and function (TAPSE 19 mm)")
_RIGHT_VENTRICLE = compiled(
    r"\s*rv\s+(?:is\s+|was\s+)?(?:normal|size|function|dilat\w*|impair\w*|systolic|hypertroph\w*|not\s+dilated|mildly|"
    r"moderately|severely|free\s+wall)\b"
)
_FOR_A_NAMED_DOCTOR = compiled(r"^[ \t]*for\s+dr\.?\s+(?:\w\.?\s+)?([\w'-]+)[ \t]*:?[ \t]*$", re.M)
_A_HEADINGS_REACH = 600  # characters: how far back a list's "For Dr ..." heading is looked for


def _under_a_colleagues_name(unit: Unit, ctx: LetterContext) -> bool:
    """The unit's section is headed "For Dr <name>" and the letter names that doctor as a hospital colleague."""
    reach = max(0, unit.start - _A_HEADINGS_REACH)
    if ctx.norm.find("for dr", reach, unit.start) == -1:
        return False
    headings = _FOR_A_NAMED_DOCTOR.findall(ctx.norm, reach, unit.start)
    return bool(headings) and colleague_named(headings[-1], ctx)  # (the last one before the unit heads its list)


# ("Repeat urine culture 16/03 - result not yet available.")
_ONLY_SAYS_PENDING = compiled(
    r"[^;:]*\b(?:pending|(?:results?\s+)?not\s+(?:yet\s+)?(?:available|back|reported))(?:\s+at\s+(?:d/c|discharge))?\s*\.?\s*$"
)
_A_LIST_HEADING = compiled(
    r"\W*(?:section\s+\d+\s*[-–:.]\s*)?(?:(?:gp|practice)\s+)?(?:jobs|actions?|tasks?|to[- ]?dos?|requests?|information|info|comments|instructions|notes|"
    r"advice|recommendations)(?:\s+(?:for|to|from)\s+(?:the\s+)?"
    r"(?:gp|practice|surgery|primary\s+care)(?:\s+practice)?)?(?:\s+(?:required|requested))?\W*$"
)
# a heading that names what follows as the practice's: "Initial Health Assessment (IHA) - Summary and Health Plan for GP"
_A_HEADING_FOR_THE_GP = compiled(
    r"[^.;:!?]{0,60}\b(?:plan|actions?|summary|jobs|tasks|requests|information|recommendations|points)\s+for\s+(?:the\s+)?"
    r"(?:gp|practice|surgery)(?:\s+practice)?\s*$"
)
_WHAT_WE_ASK_HEADING = compiled(
    r"\s*what\s+(?:we|i)\s+(?:would\s+(?:be\s+grateful\s+for|like)|have\s+asked|are\s+asking|need)\s+"
    r"(?:the\s+|your\s+|his\s+|her\s+)?(?:gp|practice|surgery|you)(?:\s+(?:practice|surgery))?\s+to\s+do\W*$"
)
_BOILERPLATE = compiled(
    r"\b(?:receive[ds]?|reached)\s+(?:(?:this|it)\s+(?:\w+\s+)?)?in\s+error\b|^\s*if\s+found,?\s+(?:please\s+)?return\b"
    # "dictated via speech recognition, please excuse errors", "Please excuse any minor typographical errors"
    r"|\bexcuse\s+(?:any\s+)?(?:\w+\s+)?(?:errors|typos|mistakes|typographical|formatting|layout)\b"
    # a record system's banner: "*** AUTO-GENERATED FROM THEATRE SYSTEM - PLEASE CHECK ALL FIELDS ***", "[Medication
    # list could not be retrieved - please refer to GP record]"
    r"|^\s*document\s+(?:generated|created|printed|produced|amended)\b|\bcheck\s+all\s+fields\b|\brefer\s+to\s+(?:the\s+)?(?:gp|practice|patient'?s?)\s+(?:record|notes)\b"
    # "** PLEASE DO NOT REPLY TO THIS ADDRESS **", "If you are not the intended recipient please notify the sender",
    # "This is a legal document; please retain in the patient's record"
    r"|\bdo\s+not\s+reply\s+to\s+this\b|\bintended\s+recipient\b|\blegal\s+document\b"
    # "*** Completed by discharging nurse - please read with e-discharge letter ***", "Please read today."
    r"|\bplease\s+read\s+(?:today|urgently|in\s+full|with|alongside|carefully)\b"
)
# "Check X-rays show a well-fixed prosthesis", "Check XR in plaster: position maintained": the check films, a result
_CHECK_FILMS_SHOW = compiled(
    r"\s*check\s+(?:x-?rays?|xr|films?|radiographs?|imaging)\b[^.;]{0,30}?(?:\b(?:show|shows|showed|demonstrate\w*|confirm\w*)\b|:)"
)
_RESULT_ON_A_DAY = compiled(
    rf"\s*(?:{lx.LAB_TESTS})\s+[<>]?\d+(?:\.\d+)?\s*(?:[a-z]+/l\b\s*)?(?:on\s+)?(?:day|d)\s*\d+\s*\.?\s*$"
)


_HOW_LONG_RESULTS_TAKE = compiled(
    r"\W*(?:[\w&/-]+\s+){0,3}(?:results?|reports?)\s+(?:usually\s+|normally\s+|can\s+|will\s+|may\s+|should\s+)?"
    r"(?:take|takes)\s+(?:about\s+|around\s+|up\s+to\s+)?\d[\d\s–-]*(?:to\s+\d+\s+)?(?:working\s+)?(?:weeks?|days?|months?)"
    r"(?:\s+to\s+(?:come\s+)?(?:back|through))?\s*\.?\s*$"
)


def _asks_a_colleague_by_name(norm: str, ctx: LetterContext) -> bool:
    """ "I would be grateful if Dr Adeyemi would continue his cardiology follow-up locally", where the letter names
    Dr Adeyemi as a hospital consultant: the request is the colleague's (unless it also asks the practice)."""
    asked = [m for m in DOCTOR_ASKED.finditer(norm) if m.lastindex]
    return (
        bool(asked)
        and all(colleague_named(m.group(m.lastindex or 0), ctx) for m in asked)
        and not lx.EXPLICIT_GP_REQUEST.search(norm)
        and not _NAMES_THE_PRACTICE.search(norm)
    )


def is_gp_request(unit: Unit, ctx: LetterContext, vocative_paragraph: bool) -> bool:
    if unit.quoted:
        return False  # the practice's own question, quoted back in an advice and guidance reply
    norm = ctx.norm_of(unit.start, unit.end)
    if ("dr " in norm or "dr." in norm) and (_to_a_colleague(unit, ctx) or _asks_a_colleague_by_name(norm, ctx)):
        return False
    if unit.text.isupper() and _A_TITLE.search(norm):
        return False  # "EMERGENCY DEPARTMENT - ATTENDANCE SUMMARY FOR GP": the letter's title
    if len(norm) < 12 and _ONLY_A_TOPIC.match(norm):
        return False  # "5. Follow up", its entries below
    if norm.endswith(":") and len(norm) < 40:
        return False  # "We would suggest:", "For GP:": the heading of the list below, which holds the requests
    if _HAS_BOILERPLATE_WORD(norm) and _BOILERPLATE.search(norm):
        return False  # a confidentiality notice: "If you have received it in error please notify the sender"
    if _ENDS_WITH_A_DAY.search(norm, len(norm) - 12) and _RESULT_ON_A_DAY.match(norm):
        return False  # "Hb 118 day 1.": a result, with the day it was taken
    if norm.startswith("check", len(norm) - len(norm.lstrip())) and _CHECK_FILMS_SHOW.match(norm):
        return False  # "Check X-rays show the prosthesis well fixed": the check films' result
    opening = norm[:24]
    if _HAS_OTHER_ADDRESSEE_WORD(opening) and _OTHER_ADDRESSEE.match(norm):
        return False
    if _HAS_A_PATIENTS_TITLE_OR_FAMILY(opening) and (
        _THE_PATIENT_ADDRESSED.match(norm) or _someone_else_by_title(norm, ctx)
    ):
        return False  # "Mr Holloway: please bring all of your inhalers": a line for the patient, by name
    if _DASH_OPENS_THE_LINE(norm[:60]) and _ANOTHER_AGENCY_FIRST.match(norm):
        return False  # "School – monitor and report any further concerns to CSC – ongoing": another agency's action
    if _HAS_PASSING_WORD(norm) and _PASS_IT_TO_THE_GP.search(norm):
        return False  # "Bev - pls send to GP.": a note to a colleague about the message the practice is reading
    label = unit.heading_label.strip()
    if label and _PARTICULARS_LABEL.match(label) and not _a_note_to_the_copied_gp(label, norm):
        return False
    if ("n/a" in norm or ("see " in norm and "]" in norm)) and _MARKED_NOT_NEEDED_OR_ONLY_POINTS.search(norm):
        return False
    if unit.section is SectionKind.GP and _under_a_colleagues_name(unit, ctx):
        return False  # "For Dr Hussain:": a list for a colleague the letter is copied to, not the GP

    if len(norm) < 120 and (
        (_POINTER_WORD(norm) and _POINTER_ONLY.match(norm))
        or ("see " in norm and _POINTER_PART_WORD(norm) and _POINTER_TO_A_PART.match(norm))
    ):
        return False  # "Consider SGLT2 inhibitor - see below": the request itself is elsewhere
    if ("not" in opening or "n't" in opening or "avoid" in opening) and _NOT_TO_DO.match(norm):
        return False
    if "repeat" in opening and (_RESULT_STATEMENT.match(norm) or _A_REPEAT_MEASURED.match(norm)):
        return False
    if ":" in norm[:60] and "/" in norm[:40] and _DATED_RESULTS.match(norm) and _explicit_request(norm) is None:
        # "Repeat cultures 12/01 and 14/01: no growth", "Repeat bloods 08/01 07:00: WCC 10.1, CRP 71" (but "Blood cultures
        # 10/04: no growth at 48 hrs, final report pending - GP to check the final result" asks after its result)
        return False
    if "take" in norm and _HOW_LONG_RESULTS_TAKE.match(norm):
        return False  # "Biopsy results take 2-3 weeks.": when to expect the result, not who acts on it
    table = _table_decision(unit)
    if table is not None:
        return table
    if _NEW_REFERRAL_KEY(norm) and _NEW_REFERRAL_FROM_THE_PRACTICE.search(norm) and ctx.dna:
        return True
    if not _HAS_REQUEST_KEY(norm) and not (ctx.gp_names and "dr" in norm and gp_asked_by_name(norm, ctx)):
        # no word that can carry a request to the reader (nor the GP's name: "I would like Dr Marsh to chase
        # this"): only an impersonal request is possible
        return _impersonal_request(unit, norm, ctx)
    # (asked only of a unit with a word that can carry a request)
    if unit.text.endswith(('"', "”")) and _closes_a_quotation(unit, ctx):
        return False  # 'Query: "Calcium 2.78 ... Please advise."': the practice's question, quoted in the reply
    if len(norm) < 40 and _A_LIST_HEADING.match(norm):
        return False  # "Jobs for GP", without its colon
    if len(norm) < 90 and _A_HEADING_FOR_THE_GP.match(norm):
        return False  # "Health plan - actions for the GP practice": the heading of the requests below it
    if len(norm) < 90 and "where " in norm and _ACTION_WHERE_MARKED.search(norm):
        return False  # "Medication plan (please action where marked GP)": the heading of a table that says who acts
    if norm.lstrip().startswith("what") and _WHAT_WE_ASK_HEADING.match(norm):
        return False  # "What we would be grateful for the practice to do": the heading of the requests below it
    if "primary care" in norm and _MANAGED_IN_PRIMARY_CARE.search(norm):
        return False  # "... this can be investigated in primary care to start with.": the verdict, the requests follow
    if ("info" in norm or "aware" in norm or "note" in norm) and _FOR_INFORMATION.search(norm):
        return False  # "Info only: GP may wish to note recurrent tinea pedis": plain information (GUIDELINES.md)
    if _THANKS.match(norm) and not _REQUEST_FURTHER_ON.search(norm, 120):
        return False
    courtesy = _COURTESY.search(norm)
    if courtesy and not lx.EXPLICIT_GP_REQUEST.search(norm) and not _ASKS_AFTER_IT.search(norm, courtesy.end()):
        # (but "Please note that alfacalcidol and sevelamer have been stopped - please remove these from her repeat
        # template" asks after its courtesy)
        return False
    explicit = _explicit_request(norm) or lx.PATIENT_WILL_SEE_GP.search(norm) or gp_asked_by_name(norm, ctx)
    if unit.section is SectionKind.ELSEWHERE and not explicit:
        return False  # under "For St Aldhelm's stroke team:", "Please repeat CT head on day 5" asks that team
    # (read only when it can change the answer: the patient sent to the practice matters when nothing explicit asks,
    # or when the clause of an explicit request is negated)
    sent_to_gp = None if explicit else _sent_to_gp(norm, ctx)
    directed = explicit or sent_to_gp
    if not directed:
        # (a question may end with a full stop when it opens as one: "Could his U&Es be checked before then and the
        # result sent across to me, as I may add spironolactone.")
        polite = lx.REQUEST_TO_READER.search(norm) or (
            _A_TASK_ASKED_AS_A_QUESTION.search(norm)
            if norm.rstrip().endswith("?")
            else _A_TASK_ASKED_AS_A_QUESTION.match(norm.lstrip())
        )
        if polite and lx.CONTACT_COURTESY.search(norm) and not _CALL_THE_PATIENT.search(norm):
            polite = None
        # (but "I will leave that with you" hands the step on)
        if (
            polite
            and not polite.group(0).startswith("leave")
            and (
                _HOSPITALS_OWN_NEXT_STEP.match(norm)
                or _THE_HOSPITAL_WILL.search(norm, max(0, polite.start() - 30), polite.start())
            )
        ):
            # "I will see him again in four months, when we will consider a biologic", "we will consider adding
            # semaglutide at his next visit": the hospital's own decision
            polite = None
        if polite and _directed_at_reader_is_gp(unit, norm, ctx, vocative_paragraph):
            directed = polite
    if directed:
        clause = _clause_with(norm, directed.start())
        # ("please start amlodipine 5mg OD (please avoid diltiazem and verapamil ...)", "please prescribe colecalciferol
        # (she does not need a loading course ...)": an aside in brackets, where "(not for GP repeat)" still negates)
        if lx.NEGATION.search(_AN_ASIDE.sub(" ", clause) if "(" in clause else clause) and not (
            sent_to_gp if sent_to_gp is not None else _sent_to_gp(norm, ctx)
        ):
            return False
        if _NOTHING_NEW.search(norm):
            return False  # "Please ensure his podiatry continues - already known to them, no new referral needed"
        if not explicit and not sent_to_gp and lx.SAFETY_NET.search(norm) and lx.CONDITIONAL_START.search(norm):
            return False
        if (
            not explicit
            and not sent_to_gp
            and lx.HOSPITAL_TAKES_IT.search(clause)
            and not _THEN_WE_DO_IT.search(clause)
        ):
            return False
        return True
    return _impersonal_request(unit, norm, ctx)


# "Could rheumatoid arthritis be coded on her practice record?", "Could she be added to the practice's SMI register?",
# "HbA1c next due April - can this be done with her annual review bloods at the practice?": a task asked as a question
_A_TASK_ASKED_AS_A_QUESTION = compiled(
    r"\b(?:could|can|would|might)\s+(?:[\w'&/+-]+\s+){1,4}?be\s+(?:coded|added|recorded|checked|re-?checked|repeated|arranged|"
    r"referred|started|stopped|reviewed|increased|reduced|switched|prescribed|done|booked|removed|updated|offered|invited|"
    r"chased|monitored|measured|taken|given|issued|continued|put|included|organised|organized)\b"
)


_GP_TO_REFER_AGAIN = compiled(
    r"\b(?:see|make\s+an\s+appointment\s+with|contact|speak\s+to)\s+(?:your|the)\s+(?:gp|practice|surgery)"
    # ("please see your GP in six months, who can send you back to us for the repeat hearing test")
    r"(?:\s+(?:in|within|after)\s+[^,.;]{1,25})?,?\s+who\s+"
    r"(?:can|will|could)\s+(?:re-?refer|refer|send)\s+(?:you|him|her|them|your\s+child)\b"
)

# After one missed appointment: "we would be happy to accept a new referral from the practice", "it will need a fresh
# request from the practice". The hospital's offer is the practice's task (dna_discharge), so it is read as a request.
_NEW_REFERRAL_KEY = contains_any(
    (
        "referral from",
        "request from",
        "referral by",
        "request by",
        "referral will",
        "referral would",
        "accept a",
        "welcome a",
        "receive a",
        "accept new",
        "welcome new",
        "receive new",
        # "Discharged back to GP, who may re-refer if pain ongoing"
        "who may re",
        "who can re",
    )
)
_NEW_REFERRAL_FROM_THE_PRACTICE = compiled(
    r"\b(?:new|fresh|further|another|re-?)\s*(?:referral|request)\s+(?:from|by)\s+(?:you|the\s+(?:practice|gp|surgery)|"
    rf"your\s+(?:practice|gp|surgery|team))\b|{lx.NEW_REFERRAL_OFFERED}"
    r"|\b(?:gp|practice|surgery),?\s+who\s+(?:may|can)\s+re-?refer\b"
)


def _sent_to_gp(norm: str, ctx: LetterContext) -> re.Match[str] | None:
    """The patient sent to the practice for something the hospital owes them (or for a task of the practice's).

    The forms are asked in this order, and the first that matches is the answer (its start marks the clause)."""
    found = lx.PATIENT_SENT_TO_GP.search(norm)
    if found is None and _HAS_HOSPITAL_NEWS_KEY(norm):
        found = lx.PATIENT_TO_GP_FOR_HOSPITAL_NEWS.search(norm)
    if found is None and "result" in norm:
        found = _patient_to_gp_for_results(norm, ctx) or lx.RESULTS_PASSED_FOR_ACTION.search(norm)
    if found is None and _HAS_PRESCRIPTION_KEY(norm):
        found = lx.PATIENT_TO_GP_FOR_PRESCRIPTION.search(norm)
    if found is None and ("refer" in norm or "send" in norm):
        # "If you still need to be seen, please make an appointment with your GP, who can refer you again": the
        # condition is the patient's, and the re-referral is asked of the practice
        found = _GP_TO_REFER_AGAIN.search(norm)
    # "see your practice nurse in a week ..." asks; "... if it has not settled" is a safety net
    conditional = found is None and _CONDITIONAL_ANYWHERE.search(norm) is not None
    if found is None and ctx.audience is Audience.PATIENT and not conditional:
        found = lx.PATIENT_TO_BOOK_WITH_GP.search(norm)
    if found is None and ("note" in norm or "cert" in norm or ("med" in norm and "3" in norm)):
        # ("advised to obtain a Med 3 from his own doctor", "sick cert from GP": each form names a note, a certificate
        # or a Med 3)
        found = lx.PATIENT_TO_GP_FOR_FIT_NOTE.search(norm)
    if found is None and not conditional:
        found = lx.PATIENT_SENT_FOR_REVIEW.search(norm)
    return found


_DRUG_FIRST_CHANGE = compiled(
    r"^\s*[a-z][\w-]+(?:\s+[a-z][\w-]+)?\s*(?:[↑↓]|increased?|reduced?|up-?titrated?|down-?titrated?|titrated?)\s+(?:to\b)?"
)
_LATER_STEP = compiled(
    r"\bthen\s+(?:to\s+)?(?:\d|increase|reduce|up|down|stop|wean|titrate)"
    r"|\b(?:increasing|reducing|titrating|weaning)\s+(?:to|by)\b[^.;]{0,30}\b(?:every|after|in|over)\b"
    # "Uptitrate ramipril as BP/renal fn allow, aim 10 mg OD": steps after discharge, as results allow
    r"|\bas\s+(?:(?:his|her|their|the)\s+)?(?:[\w/]+\s+){1,3}(?:allows?|permits?)\b|\baim(?:ing)?\s+(?:for\s+)?\d"
)
# "Recommendation: If symptoms persist, consider referral to the upper GI surgical team"
_SYMPTOM_CONDITION = compiled(
    r"^\s*(?:if|should)\s+(?:his|her|their|the)?\s*(?:symptoms?|pain|it|this|they)\s+(?:persists?|continues?|recurs?|returns?|"
    r"worsens?|gets?\s+worse|do(?:es)?\s+not\s+(?:settle|improve|resolve))\b[^,;]{0,40},\s*(?=consider|refer|re-?refer|arrange|request)"
)
_THRESHOLD_CONDITION = compiled(
    rf"^\s*(?:if|should|once|when)\s+(?:his|her|their|the)?\s*(?:{lx.LAB_TESTS})\b[^,;]{{0,60}}?"
    r"(?:above|below|over|under|exceeds?|falls?|rises?|drops?|>|<|≥|≤|greater|less|more|higher|lower)[^,;]{0,40},\s*",
)


# a clause that looks ahead ("until she has been on a stable dose"); "once weekly" is a frequency, not a clause
_UNTIL = compiled(r"\b(?:until|till|unless)\b|\b(?:once|when|after|before)\s+(?:she|he|they|the|his|her|it|you|we)\b")


# cheap substring gate in front of GP_AS_AGENT: each of its forms holds one of these
_AGENT_KEYS = (
    "practi",
    "surgery",
    "gp",
    "g.p",
    "community",
    "primary",
    "pn",
    "your nurse",
    "your anticoag",
    "your phlebot",
)
_HAS_AGENT_KEY = contains_any(_AGENT_KEYS)


def _practice_named_as_agent(unit: Unit, norm: str, ctx: LetterContext) -> bool:
    """A planned task the letter places at the practice ("HbA1c + BP in 4/52 at practice") in a letter to it, or one a
    letter to the patient says they need there ("You will need a blood test at your GP surgery in a week")."""
    if unit.section in (SectionKind.HOSPITAL, SectionKind.ELSEWHERE, SectionKind.PATIENT):
        return False
    if ctx.audience is not Audience.GP and not (ctx.audience is Audience.PATIENT and _YOU_NEED.search(norm)):
        return False
    agent = lx.GP_AS_AGENT.search(norm) if _HAS_AGENT_KEY(norm) else None
    if agent is None:
        return False
    if unit.heading_label and _HISTORY_LABEL.match(unit.heading_label.lower()):
        return False  # "Indication: Dyspepsia ... Routine direct access referral (GP).": the practice named referred
    if unit.section is SectionKind.INFO and _WHAT_THE_PRACTICE_DOES_NOW.search(norm):
        return False  # a medicine list's "Omeprazole 20 mg OD - Existing (GP)", "[x] Signed by GP practice"
    if "(" in norm and _DONE_BY_THE_PRACTICE_ALREADY.search(norm):
        return False  # "PMH: AF on warfarin (INR monitored by GP practice)": the brackets say who does it already
    if not (lx.ACTION_CONTENT.search(norm) or lx.LAB_RE.search(norm) or lx.IMAGING_RE.search(norm)):
        return False
    # a clause that asks ahead ("Only the first 3 days of edoxaban have been dispensed, so an ongoing prescription is
    # needed from the practice", "... remain outstanding at discharge; results to be followed up in primary care") is
    # read on its own for what has happened and what the patient does; otherwise the whole sentence is
    clause = _clause_around(norm, agent.start(), agent.end())
    ahead = _ASKS_AHEAD.search(clause) is not None
    if ahead and _NONE_NEEDED.search(clause):
        return False  # "Mepolizumab continues via hospital homecare - no prescribing needed from the practice."
    read = clause if ahead else norm
    # "until she has been on a stable dose" looks ahead, so only the main clause is read for a past event
    main = _UNTIL.split(read, 1)[0]
    if lx.PAST_EVENT.search(main) or lx.NEGATION.search(norm) or lx.SAFETY_NET.search(norm):
        return False
    return not lx.PATIENT_OWNER.search(read)


# a clause break strong enough to part what has happened from what is asked: "; ", ", so ", ", and ", " - "
_CLAUSE_BREAK = compiled(r";\s|,\s+(?:so|and|but)\s|\s[–—-]\s")
_ASKS_AHEAD = compiled(
    r"\bto\s+be\s+[a-z]+ed\b|\b(?:needed|required|needs?|should|to\s+(?:come|follow|obtain|get|transfer))\b"
)
_NONE_NEEDED = compiled(r"\bno\s+(?:[\w-]+\s+){0,5}?(?:needed|required)\b")


def _clause_around(norm: str, start: int, end: int) -> str:
    """The clause of a sentence that holds norm[start:end], between the strong breaks either side."""
    before = [m.end() for m in _CLAUSE_BREAK.finditer(norm, 0, start)]
    after = _CLAUSE_BREAK.search(norm, end)
    return norm[before[-1] if before else 0 : after.start() if after else len(norm)]


# under a heading of information, what the practice already does ("Existing (GP)", "shared care with practice")
_WHAT_THE_PRACTICE_DOES_NOW = compiled(r"\b(?:existing|signed|already|current|shared\s+care\s+with)\b")
# a line's label that says the line is history ("Indication:", "Reason for referral:", "PMH:")
_HISTORY_LABEL = compiled(
    r"(?:indications?|reasons?\s+for\s+(?:referral|admission|attendance|test|request|scan|investigation)|referred\s+by|"
    r"source\s+of\s+referral|clinical\s+(?:details|indication|information|history)|"
    r"referral\s+(?:source|reason)|(?:past\s+medical\s+|presenting\s+)?history|pmh|hpc|hx|presenting\s+complaint|pc)\s*$"
)
# "Routine referral to podiatry for nail care": a referral named as a noun, the owner left unsaid
_YOU_NEED = compiled(r"\byou\s+(?:will\s+)?(?:need|should\s+have|must\s+have)\b")
_RECEIVED = compiled(r"\b(?:received|dated|made|sent|accepted)\b")
_GP_LABEL = compiled(
    r"^(?:gp|g\.p\.?|for\s+(?:the\s+)?gp|gp\s+to|gp\s+action|gp\s+please|practice|for\s+(?:the\s+)?practice)$"
)
_NAMES_A_PRACTICE = compiled(
    r"^\s*(?:dr\.?\s|the\s+\w+\s+(?:surgery|practice))|\b(?:surgery|practice|medical\s+(?:centre|center|group)|health\s+cent(?:re|er))\b"
)
_CHECK_NOUN = compiled(r"\b(?:check|review|assessment|appointment|visit|injections?|vaccin\w*|immunis\w*|bloods?)\b")
_BRACKETED = compiled(r"\([^()]{0,120}\)")
# a bracket that names neither the practice nor its prescribing, and asks nothing itself (but a caution it asks)
_AN_ASIDE = compiled(
    r"\((?:(?:please\s+)?avoid\b|(?![^()]*\b(?:gp|practice|surgery|you|your|repeat|prescri\w*|please|kindly|pls)\b))"
    r"[^()]{0,120}\)"
)
_DONE_BY_THE_PRACTICE_ALREADY = compiled(
    r"\([^()]{0,60}\b(?:monitored|managed|prescribed|checked|done|followed|reviewed)\s+(?:up\s+)?by\s+(?:the\s+|her\s+|his\s+)?"
    r"(?:gp|practice|surgery)\b[^()]{0,40}\)"
)
_REFERRAL_NOUN = compiled(
    # ("pt declined referral to stop smoking service" is what happened; "Reason for referral to HTT" heads its history)
    r"^\s*(?:(?:routine|urgent|non-urgent|soon|(?!declined|refused|offered|made|sent|done|accepted|reasons?|for\b|of\b|"
    r"source|date|indication)[a-z]+)\s+){0,2}"
    r"(?:re-?)?referral\s+(?:to|for)\b"
)
# the specialty first, the whole of what follows a label: "likely psoriatic arthritis: rheumatology referral"
_REFERRAL_NOUN_LAST = compiled(
    r"^\s*(?:(?:routine|urgent|soon|2ww)\s+)?(?!self\b|gp\b|a\b|the\b|no\b|new\b|e-?rs\b)[a-z]{4,}\s+referral\s*\.?\s*$"
)
_CONDITIONAL_NEXT_STEP = compiled(
    r"^\s*(?:if|should|where)\b[^→.;]{3,80}?→\s*(?:(?:start|try|switch|add|increase|consider|then)\b|[a-z][\w-]+\s+\d)"
    # "If propranolol is not tolerated, amitriptyline 10 mg nocte titrating to 30 mg could be considered as second line"
    r"|^\s*if\b[^.;]{3,60}?\bnot\s+(?:tolerated|effective|helpful|working)\b[^.;]{0,80}?\b(?:could|may|might|can)\s+be\s+"
    r"(?:considered|tried|started|added|used)\b",
    re.I,
)
# a medicines list entry whose instruction waits on something after discharge: "Ramipril 5 mg OD – WITHHELD –
# restart once BP > 130 systolic", "Metformin ... – if eGFR < 30 stop metformin"
_DOSE = r"\d+(?:\.\d+)?\s*(?:mg|g|mcg|micrograms?|units?|ml)"
_LIST_MEDICINE = compiled(rf"\b{_DOSE}\b", re.I)
_DEFERRED_INSTRUCTION = compiled(
    r"(?:^|\s[–—-]\s|\s{2,}|\b(?:withheld|held|suspended)\s+)(?:(?:re-?start|restart|stop|reduce|increase|start|resume|reintroduce)\s+(?:\w+\s+){0,2}?"
    r"(?:once|if|when|after|at|in)\b"
    r"|(?:if|once|when)\b[^–—;]{3,60}?\b(?:re-?start|restart|stop|reduce|increase|start|resume|reintroduce)\b)",
    re.I,
)


def _deferred_medicine_instruction(unit: Unit, norm: str, ctx: LetterContext) -> bool:
    """A discharge medicines list line that says what to do with the medicine later, in a letter to the practice."""
    if ctx.audience is not Audience.GP or unit.section is not SectionKind.INFO or unit.cells:
        return False
    instruction = _DEFERRED_INSTRUCTION.search(norm) if _LIST_MEDICINE.search(norm) else None
    if instruction is None:
        return False
    # "REDUCED to 500 mg" before the instruction is the ward's change; only the instruction itself is read for an owner
    return not (lx.NEGATION.search(norm) or _HOSPITAL_SUBJECT.search(norm[instruction.start() :].lstrip(" –—-")))


_SENDS_THE_PATIENT = compiled(
    r"\s*(?:please\s+)?(?:see|visit|contact|consult)\s+(?:the\s+|your\s+|a\s+|their\s+|his\s+|her\s+)?"
    r"(?:gp|g\.p|practice|pn|nurse|doctor|surgery|pharmacist)"
)
_A_MEDICINE_THEN_ITS_STEP = compiled(
    r"\s*[a-z][\w-]+(?:\s+\d+(?:\.\d+)?\s*(?:mg|mcg|micrograms?|g|units))?\s*[-–:]\s*(?:continue|stop|start|restart|"
    r"increase|reduce|titrate|wean|withhold|hold|(?:annual|yearly|monthly|\d+-?monthly|three-monthly|six-monthly|weekly)\s+\S)"
)
# "He may need his analgesia reviewing in the meantime", "He may need this going up to 5 mg", "she may need a larger
# supply of her emollient": something the patient needs done, in a letter to the practice
_NEEDS_IT_DONE = compiled(
    r"\b(?:may|might|will|would)\s+need\s+(?:his|her|their|the|this|it)\s+(?:[\w-]+\s+){0,3}?(?:reviewing|checking|"
    r"increasing|reducing|adjusting|changing|repeating|titrating|going\s+(?:up|down)|reviewed|checked|re-?checked|"
    r"repeated|measured|adjusted|increased|reduced)\b"
    # "She may need to be told the result when it comes through"
    r"|\b(?:may|might|will|would)\s+need\s+to\s+be\s+(?:told|informed\s+of|given)\s+(?:the\s+|her\s+|his\s+)?results?\b"
    # "She will need re-booking with the diabetic eye screening programme"
    r"|\b(?:may|might|will|would)\s+need\s+re-?booking\b"
    r"|\b(?:may|might|will|would)\s+need\s+(?:a\s+)?(?:larger|bigger|further|more|increased)\s+(?:supply|supplies|quantity|"
    r"prescription)\b"
    # "his sick note will need continuing for another two months", "her fit note ... will need extending"
    r"|\b(?:fit|sick)\s*note\b[^.;]{0,60}?\b(?:will|would|may)\s+need\s+(?:to\s+be\s+)?(?:continu|extend|renew|re-?issu|issu)\w*"
)
_ARRANGED_BY_THE_HOSPITAL = compiled(
    r"\b(?:requested|arranged|booked|organised|organized|ordered)\s+by\s+(?:us|me|the\s+(?:ward|team|hospital|clinic|"
    r"department|consultant)|(?:the\s+)?(?:amu|sdec|ed|a&e))\b"
    # "DEXA at 12 months (requested by oncology)": the writing specialty
    r"|\b(?:requested|arranged|booked|organised|organized|ordered)\s+by\s+(?:the\s+)?[a-z]+olog(?:y|ists?)\b"
    # "Histology to be reviewed by Miss Okonkwo-Baines's team": a surgeon (a GP is "Dr") and their team
    r"|\bto\s+be\s+\w+\s+by\s+(?:mr|miss|mrs|ms|prof\w*)\.?\s+[\w'-]+"
    r"|\b(?:appointment|appt)\s+(?:has\s+been\s+|already\s+)?(?:sent|booked)\b"
)
# "If creatinine back near his baseline, ok to restart ramipril 5 mg": what the practice may then do
_OK_TO_CHANGE = r"(?:ok|okay|fine|safe|reasonable)\s+to\s+(?:re-?start|start|stop|increase|reduce|add)\b"
_OK_TO = compiled(rf"\s*(?:it\s+is\s+|it's\s+)?{_OK_TO_CHANGE}")
_OK_TO_AFTER_A_CONDITION = compiled(rf"(?<=[\s)]){_OK_TO_CHANGE}")
_OPENS_WITH_A_CONDITION = compiled(r"\s*(?:if|should|unless|once|when|in\s+the\s+event\s+that)\s")


def _instruction_on_a_condition(body: str) -> str | None:
    """The main clause of "If <condition>, <instruction>" when it opens with a verb of doing; None otherwise.

    The condition may hold commas of its own ("If the TSH is 10 or more at that point, or he remains symptomatic,
    start levothyroxine"), so each comma in the sentence's first 200 characters is tried, first to last."""
    if not _OPENS_WITH_A_CONDITION.match(body):
        return None
    comma = body.find(",", 0, 200)
    while comma != -1:
        main = body[comma + 1 :]
        if lx.IMPERATIVE_START.match(main) or _OK_TO.match(main):
            # ("If symptoms persist, see GP": the patient is told where to go, a safety net)
            return None if _SENDS_THE_PATIENT.match(main) else main
        comma = body.find(",", comma + 1, 200)
    # (with no comma: "If creatinine back near his baseline (~90s) ok to restart ramipril 5 mg")
    ok = _OK_TO_AFTER_A_CONDITION.search(body, 0, 200)
    return body[ok.start() :] if ok else None


# where a line's request may start after its first words: a dash between spaces, a colon or a semicolon
_PIECE_BREAK = compiled(r"\s[–—-]\s|:\s|;\s")
_HAS_A_PIECE_BREAK = contains_any(("-", "–", "—", ":", ";"))


_A_TASK_LABEL = compiled(
    r"(?:add|record|code|update|start|stop|continue|register|book|refer)\b|[\w/ ]+\bto\s+be\s+\w+ed\b"
)
_PRESCRIBE_LEAD_IN = compiled(r"\b(?:prescribe|prescribing|start|commence|issue|supply)\b[^.]*:\s*$", re.I)


# the verbs a list's entries open with, beyond those lexicon.IMPERATIVE_START knows in any sentence
_AN_ENTRYS_VERB = compiled(
    r"^\s*(?:complete|include|perform|undertake|carry\s+out|discuss|explain|confirm|establish|contact|seek|"
    r"make\s+sure|take)\b"
)


# a review with only its time (and what to bring), "Review here in 6 months", "Review in 6 weeks with DAS28"
_A_BARE_REVIEW = compiled(
    r"\s*(?:review|r/v|f/u|follow[- ]?up)\s+(?:here\s+)?(?:in\s+)?(?:\d+|one|two|three|four|six|twelve)\s*(?:/\s*(?:52|12)|"
    r"(?:weeks?|months?|wks?|mths?|years?))\b(?:\s+(?:with|for|to\s+see)\b[^.;]*)?\s*\.?\s*$"
)


def _impersonal_request(unit: Unit, norm: str, ctx: LetterContext) -> bool:
    """A request with no owner ("U&Es in 1/52", "for DEXA scan") counts only where the letter gives no other owner."""
    if "rv " in norm[:8] and _RIGHT_VENTRICLE.match(norm):
        return False  # "RV normal.": the echo's right ventricle
    if "centile" in norm and _A_GROWTH_MEASUREMENT.match(norm):
        return False  # "Weight 9th centile (previously 25th at 2 years); height 50th": a child's growth, measured
    if ("pending" in norm or "not " in norm) and _ONLY_SAYS_PENDING.match(norm):
        return False  # "Repeat urine cx (09/02) pending at d/c.": a test still out, with no one asked to act on it
    if _practice_named_as_agent(unit, norm, ctx) or _deferred_medicine_instruction(unit, norm, ctx):
        return True
    if unit.section in (SectionKind.HOSPITAL, SectionKind.ELSEWHERE, SectionKind.PATIENT, SectionKind.INFO):
        return False
    if ctx.audience is not Audience.GP and unit.section is not SectionKind.GP:
        return False
    if unit.section is not SectionKind.GP and ctx.doc_type == "clinic_letter" and _A_BARE_REVIEW.match(norm):
        return False  # "Review in 3 months with UAS7 diary." closing a clinic letter: the clinic's own next review
    body = norm
    vaccine = needs_it_done = onto_repeat = False
    label = unit.heading_label.lower()
    after_a_label = bool(label) and body.startswith(label)
    if after_a_label:
        body = body[len(label) :].lstrip(" :")
    # in a dash-joined line ("New AF – add to AF register") the request may follow the dash; after a label it may
    # follow the colon
    # ("Low-trauma # + early menopause: for DEXA")
    pieces = [body] + _PIECE_BREAK.split(body)[1:] if _HAS_A_PIECE_BREAK(body) else [body]
    # a ticked form's line under the practice's heading, "[X] Add diagnosis to problem list / coding: Type 1 diabetes":
    # its label is the request, what follows it the content
    if label and unit.is_bullet and unit.section is SectionKind.GP and _A_TASK_LABEL.match(label):
        pieces.append(label)
    # "GP: 6-8 week postnatal check for mother": a line the letter labels as the GP's
    # (but "GP: Dr M Vasquez, Harbour Lane Medical Practice" only names the GP)
    cue = (
        bool(_GP_LABEL.match(label))
        and not _NAMES_A_PRACTICE.search(body)
        and bool(lx.ACTION_CONTENT.search(body) or _CHECK_NOUN.search(body))
        and not lx.NEGATION.search(body)
    )
    # "Please amend his prescription:" then "STOP: SenSura flat, 60 per month": the label is the verb
    if unit.section is SectionKind.GP and _VERB_LABEL.match(label) and body:
        cue = True
    # under the practice's heading, "Ticagrelor to stop on 21/11/2027; aspirin to continue lifelong"
    to_change = unit.section is SectionKind.GP and _MEDICINE_TO_CHANGE.match(body) and lx.DRUG_NAME.match(body.lstrip())
    if to_change:
        cue = True
    # under "We would suggest:", "- a trial of mirtazapine 15 mg at night"; under "GP actions", "Continue ferrous
    # sulfate 200 mg OD for 3 months" (the practice is to keep prescribing it)
    goes_on = unit.section is SectionKind.GP and bool(
        _CONTINUE_A_MEDICINE.match(body) or (_CONTINUE_A_NAMED_ONE.match(body) and lx.DRUG_NAME.search(body))
    )
    if goes_on or (unit.section is SectionKind.GP and _A_TRIAL_OF.match(body)):
        cue = True
    # under the practice's heading, a terse line that names its task: "continue ferrous fumarate for 3/12", "rx remaining
    # 25/7 dalteparin", "fit note 6/52 (bus driver)"
    if unit.section is SectionKind.GP and _a_terse_task(body):
        cue = True
    # under "Actions for GP:", "When creatinine is back near her baseline, ramipril can be restarted at 2.5 mg OD"
    # (its "and gliclazide stopped at that point" is under the same "may be", not a stop already made)
    # (and anywhere in a letter to the GP, "Lactulose can be stopped")
    may_change = (unit.section is SectionKind.GP and _MAY_BE_CHANGED.search(body) and lx.DRUG_NAME.search(body)) or (
        " be " in body and _A_MEDICINE_MAY_CHANGE.match(body) and lx.DRUG_NAME.match(body.lstrip())
    )
    if may_change:
        cue = True
    # under the practice's heading, "Loperamide - continue, can titrate down if output <600 ml/day", "Apixaban -
    # annual U&E/FBC/weight for dose check": a medicine, then what to do with it
    if unit.section is SectionKind.GP and _A_MEDICINE_THEN_ITS_STEP.match(body) and lx.DRUG_NAME.match(body.lstrip()):
        cue = True
    # in an advice reply's list under the practice's heading, a medicine with its dosing ("Enstilar foam
    # (calcipotriol/betamethasone) once daily for 4 weeks, then twice weekly"): what the reply suggests the practice
    # prescribes (in a letter about a patient the hospital saw, such a line may be its own plan)
    if (
        ctx.advice_only
        and unit.section is SectionKind.GP
        and unit.is_bullet
        and lx.A_DOSING.search(body)
        and lx.A_MEDICINE_FORM.search(body)
    ):
        cue = True
    # under "Please prescribe:", "- hydroxocobalamin 1 mg IM every 3 months, given at the practice": each medicine of the
    # list is asked for by its lead-in
    if (
        unit.lead_in
        and _PRESCRIBE_LEAD_IN.search(unit.lead_in)
        and (lx.DRUG_NAME.search(body) or lx.A_MEDICINE_FORM.search(body) or lx.A_DOSING.search(body))
    ):
        cue = True
    # under "Please could you:" or "Before re-referral please:", "- complete a cognitive screening test (6CIT) and
    # include the score", "- arrange a dementia screen blood panel: FBC, U&E ...": the lead-in asks, and the entry's
    # opening verb (or its label, when the entry is written "task: details") names the task
    if (
        unit.lead_in
        and unit.is_bullet
        and (
            _AN_ENTRYS_VERB.match(norm)
            # (not "See medication table re: ramipril", which points to the request)
            or (label and not label.startswith("see") and lx.IMPERATIVE_START.match(label) is not None)
        )
    ):
        cue = True
    # in an advice reply about a patient the hospital has not seen, "I would start levothyroxine 25 micrograms once
    # daily now": what the adviser would do is what it advises the practice to do; and in a medicines review to the GP,
    # "Aspirin - she takes this for primary prevention only and I would stop it", "I would be happy for this to stop as
    # well": the deprescribing the writer advises the practice to do
    advised = (ctx.advice_only and _WHAT_I_WOULD_DO.match(norm) is not None) or (
        ("would" in norm or "'d " in norm) and _I_WOULD_STOP_IT.search(norm) is not None
    )
    if advised:
        cue = True
    unless_done = _a_test_unless_done(norm)
    if unless_done:
        cue = True
    # "If candesartan not tolerated → amitriptyline 10 mg nocte": what to do next if a treatment fails
    if _CONDITIONAL_NEXT_STEP.match(body):
        cue = True
    # "If her potassium rises above 5.5, stop the ramipril": acting on a test threshold is the GP's in a GP letter
    threshold = _THRESHOLD_CONDITION.match(body) or _SYMPTOM_CONDITION.match(body)
    if threshold and lx.IMPERATIVE_START.match(body[threshold.end() :]):
        cue = True
    # "If he is not treated, monitor TFTs once a year", "If the ALT doubles, withhold the statin": what the reader is
    # to do on a condition (only its main clause is read for a negation or a safety net; the condition is not asked)
    asked_on_a_condition = None if cue else _instruction_on_a_condition(body)
    if asked_on_a_condition is not None:
        cue = True
    for index, piece in enumerate(pieces):
        # (in an advice reply the hospital treats nothing itself: "Start prednisolone 15 mg once daily" is advice to
        # the practice, where elsewhere it may be the clinic's own plan)
        if lx.IMPERATIVE_START.match(piece) and not (
            lx.PLAN_ONLY_IMPERATIVE.match(piece) and unit.section is not SectionKind.GP and not ctx.advice_only
        ):
            cue = True
        # a dose change with a later step ("Bisoprolol ↑ to 5 mg, then 7.5 mg in 4 weeks") is done after the letter;
        # a new medicine's starting schedule ("Start levetiracetam 250 mg BD for two weeks, then 500 mg BD") is the
        # prescriber's instruction to the patient
        if (
            (lx.PLAN_ONLY_IMPERATIVE.match(piece) or _DRUG_FIRST_CHANGE.match(piece))
            and _LATER_STEP.search(piece)
            and not _NEW_MEDICINE_START.match(piece)
        ):
            cue = True
        need = lx.IMPERSONAL_NEED.search(piece)
        # (not a history: "her glucose control has worsened over the last 6 months", "eGFR 58, stable for 3 years")
        tested = lx.TEST_WITH_TIME.match(piece) and not _WHAT_HAS_BEEN.search(piece)
        if tested or lx.QUERY_REFER.search(piece) or need:
            cue = True
        if need is not None and (
            need.group(0).startswith(("may need", "might need"))
            or "suitable" in need.group(0)
            or (
                need.group(0).endswith("benefit from")
                and _REFERRAL_IT_WOULD_BENEFIT_FROM.match(piece, need.end()) is not None
            )
        ):
            # "He may need a referral to pulmonary rehabilitation", "she may benefit from referral to the NHS Diabetes
            # Prevention Programme", "she would be suitable for a referral to tier 3": what he needs, not does
            needs_it_done = True
        if need is not None and "adding to" in need.group(0):
            # "Sodium bicarbonate 500mg tds started today, 28 days supplied from clinic, will need adding to repeat
            # thereafter": what the clinic started, then what the practice is to do with it
            onto_repeat = True
        if "need" in piece and _NEEDS_IT_DONE.search(piece):
            cue = needs_it_done = True
        if "vacc" in piece and lx.VACCINE_NEED.search(piece):
            cue = vaccine = True
        if ("from" in piece and _FURTHER_FROM_THE_PRACTICE.match(piece)) or _THE_PRACTICES_CHECK.match(piece):
            cue = True
        # "Continue lithium 400mg ON from next week ... - shared care paperwork to follow": a plan for the practice
        if lx.PLAN_ONLY_IMPERATIVE.match(piece) and _SHARED_CARE_TO_FOLLOW.search(body):
            cue = True
        # "Referral to gastro?" is a question; "GP direct referral for hearing assessment, received 12/09" is history
        if _REFERRAL_NOUN.match(piece) and not piece.rstrip().endswith("?") and not _RECEIVED.search(piece):
            cue = True
        # (only what follows a label or a dash: "Urgent ophthalmology referral" alone is a heading)
        if (index or after_a_label) and "referral" in piece and _REFERRAL_NOUN_LAST.match(piece):
            cue = True
    if not cue:
        return False
    if ("by" in norm or "sent" in norm or "booked" in norm) and _ARRANGED_BY_THE_HOSPITAL.search(norm):
        # "Repeat CXR 6/52 - requested by us, pt to attend walk-in X-ray", "review at orthotics clinic in 3 months,
        # appointment sent": the hospital's own booking
        return False
    read = norm if asked_on_a_condition is None else asked_on_a_condition
    if lx.NEGATION.search(read):
        return False
    if lx.SAFETY_NET.search(read):
        return False
    # "U&E in 1 week (ramipril and eplerenone started)": what the brackets say happened is background
    unbracketed = _BRACKETED.sub(" ", norm) if "(" in norm else norm
    if vaccine:
        # "He should also receive pneumococcal vaccine if not already given": the patient receives it, the practice
        # gives it (unless the hospital gives it, or the patient is to ask for it: "she will ask at her next appointment")
        return not (
            _WE_OR_I.search(unbracketed) or lx.PATIENT_OWNER.search(lx.VACCINE_NEED.regex.sub(" ", unbracketed))
        )
    # (what the patient needs is read in its own clause: "She will need her INR checked on Monday; I have spoken to
    # your anticoagulation nurse" tells the practice what the hospital did about it)
    # (under the practice's heading, a line that opens by telling it what to do is its task, whatever the hospital did
    # to what it names: "chase TFTs sent in ED and act if abnormal")
    opens_with_its_task = (
        unit.section is SectionKind.GP
        and lx.IMPERATIVE_START.match(body) is not None
        and lx.PLAN_ONLY_IMPERATIVE.match(body) is None
    )
    told = unbracketed.split(";")[0] if needs_it_done else unbracketed
    if unless_done:
        told = told[unless_done.end() :]  # ("if not already done" says nothing of who did what)
    done = _HOSPITAL_SUBJECT.search(told)
    said_as_done = done and not (
        to_change
        or may_change
        # ("Continue codeine if still required after the 7 days supplied": how much was supplied, not the task done)
        or (done.group(0) == "supplied" and _AFTER_WHAT_WAS_SUPPLIED.search(told) is not None)
        or advised
        or onto_repeat
        # ("Continue Toujeo on repeat - 18 units at night, the nurse will adjust it by phone": who titrates it, after)
        or goes_on
        or (opens_with_its_task and _describes_what_it_names(done, told))
    )
    # ("He may need his analgesia reviewing": what the patient needs done, not what he does)
    if said_as_done or (lx.PATIENT_OWNER.search(unbracketed) and not needs_it_done):
        # the GP section may still name the practice ("Practice nurse to remove clips"); "to be reduced" is to come
        # (so under the practice's heading it is the practice's)
        return bool(re.search(r"\b(?:gp|practice|surgery)\b", norm)) and unit.section is SectionKind.GP
    return True


_AFTER_WHAT_WAS_SUPPLIED = compiled(
    r"\b(?:after|once|when)\s+(?:the\s+)?\d+\s+(?:days?|weeks?)\s+(?:supplied|supply)\b"
)
# "has been", "will be" before "requested": the hospital's own step, said in the passive
_PASSIVE_BEFORE = compiled(r"\b(?:be|been|being|is|are|was|were)\s+$")


def _describes_what_it_names(done: re.Match[str], told: str) -> bool:
    """Whether the hospital's word is a bare participle on what the request names ("TFTs sent in ED"), not a subject
    and its verb ("we have requested this") nor a passive step ("will be requested by the team")."""
    return done.group(0).isalpha() and not _PASSIVE_BEFORE.search(told, max(0, done.start() - 12), done.start())


_CODES = compiled(r"\b(?:code|record)\b")
_CODES_IT = compiled(r"(?:also\s+)?(?:please\s+)?(?:code|record)\s")
_ADDED_TO_THE_RECORD = compiled(
    r"\badd\b[^.;]{0,60}\bto\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:[\w/-]+\s+){0,3}?(?:register|list|record|notes)\b"
)
_ADDS_TO_THE_RECORD = compiled(
    r"(?:also\s+)?(?:please\s+)?add\s+(?:(?:him|her|them|\w+)\s+to\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:[\w/-]+\s+){0,3}?"
    r"(?:register|list)|an?\s+(?:\w+\s+)?(?:alert|warning))\b"
)
_CONTINUE_A_MEDICINE = compiled(
    # ("Continue oral iron (ferrous fumarate 322 mg BD)": the medicine's name in brackets)
    rf"\s*continue\s+(?:with\s+|on\s+)?(?:the\s+|his\s+|her\s+|their\s+)?(?:\(?[a-z][\w-]+\s+){{1,5}}(?:{_DOSE}|\d+(?:\.\d+)?\s*puffs?)\b"
    # "continue above meds", "continue all other medications": the list the letter gives
    r"|\s*continue\s+(?:all\s+|the\s+|his\s+|her\s+)?(?:above|current|other|regular|usual|remaining|listed)\s+"
    r"(?:\w+\s+)?(?:meds|medications?|medicines|drugs|tablets)\b"
    # "Continue Tresiba on repeat - 16 units OD", "Continue all the above on repeat prescription after the 14 day supply"
    r"|\s*cont(?:inue)?\.?\s+(?:[\w/-]+\s+){1,4}?on\s+(?:the\s+|his\s+|her\s+)?repeat\b"
)
# "Cont tamsulosin until the stent is removed": a medicine the letter names, to go on with (lexicon.DRUG_NAME says which)
_CONTINUE_A_NAMED_ONE = compiled(r"\s*cont(?:inue)?\.?\s+(?:with\s+|on\s+)?(?:the\s+|his\s+|her\s+|their\s+)?[a-z]")
_CONTINUE_OR_PRESCRIBE = compiled(
    r"\s*(?:continue|rx|prescribe)\s+(?:with\s+|on\s+)?(?:the\s+|his\s+|her\s+|their\s+)?(?:remaining\s+)?(?:[\d/]+\s+)?"
)
_A_FIT_NOTE_LINE = compiled(r"\s*(?:fit|sick)\s+note\b|\s*med\s*3\b")


def _a_terse_task(body: str) -> bool:
    """A list line under the practice's heading that is its task in shorthand: a medicine to continue or prescribe,
    named, or a fit note."""
    if _A_FIT_NOTE_LINE.match(body):
        return True
    opening = _CONTINUE_OR_PRESCRIBE.match(body)
    return opening is not None and lx.DRUG_NAME.match(body[opening.end() :]) is not None


_A_TRIAL_OF = compiled(r"\s*(?:a\s+)?(?:(?:further|short|\d+[- ]\w+)\s+)?(?:trial|course)\s+of\s+\w")
# "GP postnatal check at 6-8 weeks, including mental health, contraception and BP": a check the line names as the practice's
_THE_PRACTICES_CHECK = compiled(
    r"\s*(?:gp|practice\s+nurse|practice)\s+(?:[\w-]+\s+){0,2}(?:check|review|appointment|visit|assessment)\b(?!\s+(?:on|was|showed))"
)
# what may be done to a medicine after "can be", "may be" ("re-?started" is "started" too)
_A_MEDICINES_CHANGE = (
    r"(?:re-?started|re-?introduced|increased|reduced|stopped|(?:up-?|down-?)?titrated|switched|weaned|tapered|"
    r"resumed)\b"
)
_MAY_BE_CHANGED = compiled(
    r"\b(?:can|may|could|should)\s+(?:then\s+|now\s+|safely\s+)?be\s+"
    + _A_MEDICINES_CHANGE
    # "amlodipine could go up to 10 mg"
    + r"|\b(?:can|may|could)\s+(?:then\s+|now\s+|safely\s+)?go\s+(?:up|down)\s+to\b"
)
# in a letter to the GP, a medicine that "can be stopped" is left to the practice's prescribing: "Lactulose can be
# stopped", "Propranolol can now be weaned and stopped over the next 2 weeks"
_A_MEDICINE_MAY_CHANGE = compiled(
    r"\s*[a-z][\w-]+(?:\s+\d+(?:\.\d+)?\s*(?:mg|mcg|micrograms?|g|units))?\s+(?:can|may|could)\s+(?:then\s+|now\s+|safely\s+)?"
    r"be\s+" + _A_MEDICINES_CHANGE
)
_I_WOULD_STOP_IT = compiled(
    r"\b(?:i|we)(?:\s+would|'d)\s+(?:(?:also|now|probably|suggest|recommend)\s+)?(?:stop|stopping|discontinu\w+|deprescrib\w+|"
    r"withdraw\w*)\s+(?:it|this|them|these|that)\b"
    r"|\b(?:i|we)(?:\s+would|'d)\s+be\s+(?:happy|content)\s+for\s+(?:this|it|them|these)\s+to\s+(?:stop|be\s+stopped)\b"
)
_WHAT_I_WOULD_DO = compiled(
    r"\s*(?:i|we)(?:\s+would|'d)\s+(?:(?:also|then|now|probably|first)\s+)?(?:start|stop|increase|reduce|add|switch|check|"
    r"repeat|refer|arrange|try|offer|continue|titrate|request|swap|change)\b"
)
# a test to do unless it is done already ("Renal ultrasound if not done previously.",
# "Bloods if not already done: TFTs, FBC")
_A_TEST_IF_NOT_DONE = compiled(
    r"\s*(?:[\w/&+-]+\s+){1,6}?if\s+not\s+(?:already\s+)?(?:been\s+)?(?:done|checked|performed|had|sent)\b"
)


def _a_test_unless_done(norm: str) -> re.Match[str] | None:
    """The phrase of a test to do unless it is done already, if the line names a test (the match ends after "done",
    which says nothing of who did what)."""
    found = _A_TEST_IF_NOT_DONE.match(norm) if "if not" in norm else None
    if found and (lx.LAB_RE.search(norm) or lx.IMAGING_RE.search(norm) or "blood" in norm):
        return found
    return None


_WE_OR_I = compiled(r"\b(?:we|our|us|i)\b")
# "Further fit note, if required, from GP", "Further supplies from the practice", "3 days supplied; further supply from GP"
_FURTHER_FROM_THE_PRACTICE = compiled(
    r"\s*(?:[^;.]{0,80};\s*)?(?:any\s+)?(?:further|repeat|ongoing|subsequent)(?:\s+(?:fit\s*notes?|sick\s*notes?|supplies|supply|prescriptions?|"
    r"scripts?|ones?))?\b[^.;]{0,30}\bfrom\s+(?:the\s+|your\s+)?(?:gp|practice|surgery)\b"
)
_MEDICINE_TO_CHANGE = compiled(
    # ("co-trimoxazole (PCP prophylaxis) and omeprazole to continue on repeat")
    r"\s*[a-z][\w-]+(?:\s+\d+(?:[./]\d+)?\s*(?:mg|mcg|micrograms?|g|units)?)?(?:\s+\([^()]{1,30}\))?"
    # ("Oramorph PRN dose to be increased to 10mg")
    r"(?:\s+(?:prn|regular|breakthrough|rescue|maintenance|night|morning)(?:\s+doses?)?|\s+doses?)?"
    r"(?:\s+and\s+[a-z][\w-]+(?:\s+\d+(?:\.\d+)?\s*(?:mg|mcg|micrograms?|g|units))?)?\s+to\s+(?:be\s+)?"
    r"(?:stop(?:ped)?|continue[d]?|reduce[d]?|increase[d]?|with(?:held|hold)|restart(?:ed)?|remain\s+(?:off|on|stopped))\b"
)
# a dictated sentence that opens with thanks and runs on into a request ("Thank you for asking me to see Mr B, ...
# and I would be grateful if you could start him on Trimbow ...")
_REQUEST_FURTHER_ON = compiled(
    r"\b(?:i|we)(?:\s+would|'d)\s+(?:be\s+grateful|ask)\s+if\s+you\b|\b(?:please|could\s+you|would\s+you)\s+(?!let\s+me\s+know)"
)
_VERB_LABEL = compiled(rf"{LIST_ENTRY_VERBS}$")
_PLEASE_DO = compiled(r"(?:please|pls|kindly)\s+(?!see\b|note\b|be\s+aware\b)[a-z]")
_NEEDS = compiled(r"\b(?:will|would)\s+(?:also\s+)?need\b")
# "...; please could you arrange this": the request is for what the clause before named
_POINTS_BACK_SOON = compiled(
    r"(?:please|pls|kindly)\s+(?:(?:could|would|can)\s+(?:you|the\s+\w+)\s+)?\w+\s+(?:this|these|them|it|that|those)\b"
)


# "... and, if not normalising": a condition the request before the comma has just opened
_A_CONDITION_JUST_OPENED = compiled(r"\b(?:and|then)\s*,?\s+if\b[^,;.]{0,60}$")
_REFER_BACK = compiled(r"(?:please\s+|pls\s+)?(?:re-?refer\b|refer\s+(?:(?:him|her|them|the\s+patient)\s+)?back\b)")
_FOR_WHAT_WAS_NEEDED = compiled(r"\bfor\s+(?:this|that|it|these|them)\s*\.?\s*$")
_OPENS_A_CONDITION = compiled(r"\s*(?:(?:and|so|but|also)\s+)?(?:if|when|once|should|unless)\b")


_SEND_ITS_RESULT = compiled(
    r"\s*(?:please\s+|pls\s+|and\s+)?(?:send|forward|copy|email|fax)\s+(?:the\s+|its\s+|his\s+|her\s+|a\s+copy\s+of\s+the\s+)?"
    r"(?:report|results?|films?|images?|tracing|ecg)\s+(?:to|through\s+to|on\s+to)\b"
)


def _split_multi(unit: Unit, ctx: LetterContext) -> list[tuple[int, int, int]]:
    """Cut a sentence holding two separate requests ("...; please also refer ...") into two spans.

    Each span is (start, end, judged_from): the request's own words are start..end, and judged_from..end is what
    its verdict is read from, which takes in findings written before it in the same sentence ("The histology
    will be sent to you, and I would be grateful if you could discuss the result with her")."""
    text = unit.text
    norm = ctx.norm_of(unit.start, unit.end)
    cuts = [0]
    context_only: set[int] = set()
    dropped: set[int] = set()  # parts that ask nothing and say nothing the next part is judged by
    points = list(_SPLIT_POINT.finditer(norm))
    if _HAS_RARE_SPLIT_TEXT(norm):
        # (a rare point inside a common one, ", and I would be grateful", is the common one)
        rare = [
            m
            for m in _RARE_SPLIT_POINT.finditer(norm)
            if m.lastgroup == "titration" or not any(p.start() < m.end() and m.start() < p.end() for p in points)
        ]
        # (", then uptitrate ramipril" is the titration's point, not the comma's)
        titrations = [m for m in rare if m.lastgroup == "titration"]
        points = [p for p in points if not any(p.start() < m.end() and m.start() < p.end() for m in titrations)]
        points = sorted(points + rare, key=lambda m: m.start())
    if unit.cells and ". " in norm:
        # a table's comment cell of sentences ("postural hypotension. GP to recheck lying/standing BP in 2-4 wks.
        # Restart at 5 mg only if systolic consistently >150"): each sentence that asks is a request of its own
        points = sorted(points + list(_CELL_STOP.finditer(norm)), key=lambda m: m.start())
    for match in points:
        kind = match.lastgroup
        right = norm[match.end() :]
        left = norm[cuts[-1] : match.start()]
        if _SEND_ITS_RESULT.match(right):
            # "Repeat CXR 6 weeks after discharge; please send the report to Dr Ledger's secretary": where the result
            # goes is part of the one request
            continue
        if kind == "joined":
            # "increase his ramipril to 5 mg and recheck his potassium a week later": a second verb with its
            # own object is a second request, when what comes before it is already a request; but taking over a
            # medicine's prescribing "and arranging its bloods" is one handover
            # (continuing lithium "and arranging her lithium levels" is the same shared care)
            # (but recording a red drug "and checking FBC weekly" is two requests: the first hands over no prescribing)
            handover = _TAKE_OVER.search(left) or (
                lx.SPECIALIST_DRUG_RE.search(left) and lx.LAB_RE.search(right[:80]) and _PRESCRIBING.search(left)
            )
            # "repeat the ultrasound in 6 months and re-refer if enlarged" is one request (RULES.md)
            # and so is "check it in 4-6 weeks and add a second agent if needed": a follow-on that hangs on a condition
            # (every referral _REFERRAL_IF finds ends in an 'if' before any '.' or ';', so _FOLLOW_ON_IF covers it)
            # ("see her to discuss this and consider a LARC": what the discussion may lead to)
            # ("see her fairly soon and arrange a two-week-wait referral to the breast clinic": the visit is for it)
            follow_on = (
                _FOLLOW_ON_IF.match(right)
                or (_CONSIDER.match(right) and _ASSESS.search(left))
                or (_SEE_THEM.search(left) and _A_REFERRAL_TO_MAKE.match(right))
            )
            if match.group(0).strip(", ").startswith("then") and _OPENS_A_CONDITION.match(left):
                # "if her TSH remains above 10 on that check then please increase her to 100 micrograms": the
                # condition and what to do on it are one request
                continue
            if _OPENS_A_CONDITION.match(left) and "," in left and not _A_REFERRAL_NEXT.match(right):
                # "If Na < 130 on that sample, please reduce sertraline to 25 mg and repeat the sodium a week later":
                # what to do on one condition is one request
                continue
            if _CODES.search(left) and _ADDS_TO_THE_RECORD.match(right):
                continue  # "code COPD and add him to the COPD register": one update of the record
            if _ADDED_TO_THE_RECORD.search(left) and _CODES_IT.match(right):
                continue  # "add Crohn's disease to his problem list and code him as immunosuppressed": the same update
            if _A_BARE_VERB.match(_LAST_CLAUSE.split(left)[-1]):
                # "Please discuss and arrange reliable contraception": two verbs sharing one object (also after a
                # finding the sentence opens with: "His QRISK3 is 18.4%; please discuss and consider starting ...")
                continue
            if _A_REPEAT_OF_IT.match(right):
                # "let her know the result and arrange a repeat in a month's time": a repeat of what the first part
                # named, with no object of its own, is the same request
                continue
            if _UPDATES_THE_REPEATS.search(left) and _CHANGES_AN_ENTRY.match(right):
                continue  # "Please update olanzapine dose on repeat and remove sertraline": one update of the repeats
            if _one_visit_to_the_wound(left, right):
                continue
            if (_is_request_clause(left) or cuts[-1] == 0) and not handover and not follow_on:
                if _NO_TASK.match(left):
                    # "Recommend clinical correlation and repeat imaging in 6 weeks": the first asks nothing
                    context_only.add(len(cuts) - 1)
                cuts.append(match.end())
            continue
        if kind == "enum":
            if lx.IMPERATIVE_START.match(right) or lx.TEST_WITH_TIME.match(right) or _CHECK_WITH_TIME.match(right):
                cuts.append(match.end())
            continue
        if kind == "dash":
            # (or, under the practice's heading, a test then a step to consider: "postural BP recheck 2/52 - consider
            # reducing amlodipine if still symptomatic drop")
            if (
                _DASHED_LIST_AFTER_A_LABEL.search(norm)
                and (
                    lx.IMPERATIVE_START.match(right)
                    or lx.TEST_WITH_TIME.match(right)
                    or _THE_PRACTICE_FIRST.match(right)
                    or (_A_MEDICINE_THEN_WHAT_TO_DO.match(right) and lx.DRUG_NAME.match(right.lstrip()))
                )
            ) or (
                unit.section is SectionKind.GP
                and cuts[-1] == 0
                and lx.TEST_WITH_TIME.match(left)
                and _CONSIDER.match(right)
            ):
                if left.rstrip().endswith(":"):
                    context_only.add(len(cuts) - 1)  # the label itself asks nothing
                cuts.append(match.end())
            continue
        if kind == "stop":
            # (a cell's sentences before its first request stay with it: the row's medicine names what it is about)
            if (_THE_PRACTICE_FIRST.match(right) or lx.IMPERATIVE_START.match(right) or _PLEASE_DO.match(right)) and (
                _is_request_clause(left) or _starts_imperative(left)
            ):
                cuts.append(match.end())
            continue
        if kind == "titration":
            if _A_KIDNEY_CHECK.search(left) and _AN_ACE_OR_ARB.search(norm):
                cuts.append(match.end())
            continue
        if kind == "arrow":
            if (_is_request_clause(left) or _starts_imperative(left)) and (
                lx.TEST_WITH_TIME.match(right) or lx.IMPERATIVE_START.match(right)
            ):
                cuts.append(match.end())
            continue
        if kind == "andnew":
            if lx.NEGATION.search(right[:60]) or _HOSPITAL_OFFER.match(right) or _WHEN_OF_IT.match(right):
                continue
            if not _is_request_clause(left):
                # "Her bloods showed ..., and I would be grateful if you could add CKD 3b to her problem list": the
                # findings before are context, not a request of their own
                context_only.add(len(cuts) - 1)
            cuts.append(match.end())
            continue
        if match.group(0).startswith(",") and _one_visit_to_the_wound(left, right):
            continue
        if match.group(0).startswith(",") and _A_CONDITION_JUST_OPENED.search(left) and _REFER_BACK.match(right):
            # "please repeat LFTs in one week and, if not normalising, refer her back to the acute medical team": a
            # re-referral that hangs on the test's result is one request with it (RULES.md: "repeat the ultrasound in
            # 6 months and re-refer if enlarged")
            continue
        if match.group(0).startswith(","):
            # "GP: r/v BP 2/52, ↑amlodipine to 10 if still high": a new imperative after a comma is a second request
            second = _SECOND_IMPERATIVE.match(right)
            # (", please check ..." after a request that asks in so many words: "... the practice can continue it
            # from there, please check lipids"; after findings it is the one request)
            asked_before = _has_trigger(left) or (_starts_imperative(left) and not right.startswith(("please", "pls")))
            if not (second and asked_before):
                continue
            if lx.NEGATION.search(right[:60]):
                continue
            cuts.append(match.end())
            continue
        if (
            lx.NEGATION.search(right[:60])
            or _OTHER_BRANCH.match(right)
            # "H. pylori biopsy - result to GP; if positive please prescribe eradication therapy": what to do on the
            # result is the one request about it
            or ("result" in left and _IF_THE_RESULT_SAYS.match(right))
        ):
            # "...please restart ramipril; if not, please leave it withheld": the other branch of one request
            continue
        if match.group(0).startswith(";") and _TELL_US_IF.match(right):
            continue
        if match.group(0).startswith(";") and _NEEDS.search(left) and _FOR_WHAT_WAS_NEEDED.search(right):
            # "He will need a repeat OGD for further banding in 2-4 weeks; please refer him back to the endoscopy unit
            # for this": the referral is for the need the first part states, one request
            continue
        if match.group(0).startswith(";") and _gp_list_line(unit) and not _CONDITIONAL_ACTION.match(right):
            # "GP actions: clips out at surgery d12-14; sick note for 6/52; pls chase fracture clinic appt": a line
            # the letter labels as the practice's is a list, and each part is a request of its own (a part that asks
            # for nothing, "no need to recheck bloods", is left as context)
            if lx.NEGATION.search(left):
                dropped.add(len(cuts) - 1)
            cuts.append(match.end())
            continue
        if match.group(0).startswith(";") and _OUR_OWN_REVIEW.match(left) and _has_trigger(right):
            # "Review in our clinic in 3 months; please check her FBC the week before": the review is the hospital's
            context_only.add(len(cuts) - 1)
            cuts.append(match.end())
            continue
        if _has_trigger(left) and _has_trigger(right) and not _AT_THE_SAME_VISIT.search(right):
            # (but "...; please check the wound at the same time" is one visit's task)
            cuts.append(match.end())
        elif (
            (_is_request_clause(left) or _gp_cell_asks(unit, left))
            # a new test, or a new step on a condition, after the semicolon; not one that qualifies the first
            # ("Pls continue; review dose once renal function settled")
            and (_TEST_FIRST.match(right) and _is_request_clause(right) or _CONDITIONAL_ACTION.match(right))
            and not _REFERRAL_IF.match(right)
        ):
            # "↑ to 5 mg at 2/52 if SBP > 110; U&E 1/52 after each ↑" or "...; if not at target, add ezetimibe"
            cuts.append(match.end())
        elif (
            _starts_imperative(left)
            and (_PLEASE_DO.match(right) or unit.cells and lx.IMPERATIVE_START.match(right))
            and not _POINTS_BACK_SOON.match(right)
        ):
            # "U&Es and lipids in 6 weeks after starting ramipril; please titrate ramipril as BP allows": a request in
            # shorthand, then one in so many words
            cuts.append(match.end())
        elif (
            _PLEASE_DO.match(right)
            and _NEEDS.search(left)
            and (lx.LAB_RE.search(left) or lx.IMAGING_RE.search(left))
            and not _POINTS_BACK_SOON.match(right)
        ):
            # "She will need a fasting glucose at her 6-8 week check ...; please add gestational diabetes to her
            # record so that she is recalled": a test needed, then a request of its own (but "He will need 3 weeks
            # off; please could you provide the necessary certification" is one request)
            cuts.append(match.end())
    spans = []
    for k, s in enumerate(cuts):
        if k in context_only or k in dropped:
            continue
        e = cuts[k + 1] if k + 1 < len(cuts) else len(text)
        seg = text[s:e].rstrip(" ;,")
        if k + 1 < len(cuts):
            seg = _SPLIT_LEFTOVER.sub("", seg)
        judged_from = cuts[k - 1] if k - 1 in context_only else s
        if s - judged_from > _CONTEXT_REACH:
            # a long dictated run-on before the request: only its last clauses qualify it
            judged_from = text.find(" ", s - _CONTEXT_REACH, s) + 1 or judged_from
        spans.append((unit.start + s, unit.start + s + len(seg), unit.start + judged_from))
    return spans


# "... and consider ..." after a check is what the check may lead to ("recheck this and consider ambulatory
# monitoring"); after adding to a register or offering an intervention it is a second request
_CONSIDER = compiled(r"(?:also\s+)?(?:please\s+)?consider\b")
_A_REFERRAL_NEXT = compiled(r"(?:also\s+)?(?:please\s+|pls\s+)?(?:re-?refer|refer)\b")
_ASSESS = compiled(r"\b(?:review|re-?check|check|repeat|assess|re-?assess|calculate|monitor|measure|r/v|discuss)\b")
_LAST_CLAUSE = compiled(r"[;:]")
# a second verb whose only object is "a repeat" (of the test the first part named), then when
_A_REPEAT_OF_IT = compiled(
    r"(?:also\s+)?(?:please\s+)?(?:arrange|book|do|organi[sz]e|request)\s+a\s+repeat\s*(?:$|[.,;]|(?:in|at|after|within)\s)"
)

_SEE_THEM = compiled(r"\bsee\s+(?:him|her|them)\b")
_A_REFERRAL_TO_MAKE = compiled(
    r"(?:also\s+)?(?:please\s+)?(?:arrange|make|send|do)\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}?(?:referral|2ww)\b"
)

_CONTEXT_REACH = 200  # characters of a sentence before a request that its verdict is read from

# where one sentence may hold two requests: a semicolon, ", and please ...", a comma before a new verb, and
# " and <verb> <object>" / " then <verb> <object>" (handled with care: "check and repeat it" stays one)
_SPLIT_POINT = compiled(
    r";\s+"
    # ", and I'd suggest ...", ", and if her potassium is 6.0 or above, please go back to 2.5 mg"
    r"|(?P<andnew>,\s+and\s+(?=(?:i\s+would|i'd|we\s+would|we'd|could\s+you|please|can\s+you|gp\s+to"
    # ", and you may wish to consider starting a statin if his QRISK3 score supports this"
    r"|you\s+(?:may|might)\s+(?:wish|want|like)\s+to)\b"
    # ", and at his annual COPD review could you please check his inhaler technique": a time or occasion, then the ask
    r"|(?:at|for|on|in|when|once|after)\s+[^,.;()]{3,40}?\b(?:could|would|can)\s+you\s+(?:please\s+)?[a-z]"
    # ", and I am happy for the practice to continue to prescribe apixaban"
    r"|(?:i\s+am|i'm|we\s+are|we're)\s+(?:very\s+)?(?:happy|content)\s+for\s+(?:you|the\s+practice|the\s+gp|the\s+surgery)\b"
    # ", and for his blood pressure please start amlodipine"
    r"|(?:for|regarding|as\s+for)\s+[^,.;]{3,40}?\b(?:please|pls)\b"
    r"|if\b(?:[^.;]|\.(?=\d)){0,120}?,?\s+(?:please|pls|could\s+you|would\s+you|kindly)\b"
    # ", and if treatment is indicated I would be happy for you to start it"
    r"|if\b[^.;,]{0,80}?\b(?:i|we)(?:\s+would|'d)\s+be\s+(?:happy|grateful|pleased)\s+(?:for|if)\s+you\b))"
    # "..., and review his cardiovascular risk": after a comma, a verb that elsewhere qualifies the request before
    # it ("check his BP and titrate as you see fit") starts one of its own
    r"|(?P<joined>,\s+and\s+(?=(?:please\s+|pls\s+)?(?:also\s+)?(?:review|complete|titrate|ensure)\s+"
    r"(?!(?:it|them|this|that|these|those|as|accordingly|again|the\s+same|the\s+dose|dose|to|if|when|once)\b)"
    r"(?![^.;]*\bif\b)[\w\"'“(-])"
    r"|,?\s+(?:and|then)\s+(?=ask\s+that\s+"
    # "... and refer to the community dietitian": a referral of its own (one that hangs on an 'if' is a follow-on)
    r"|(?:also\s+)?(?:please\s+|pls\s+)?(?:re-?refer|refer)\s+to\s+(?!us\b|you\b|me\b)[\w\"'“(-]"
    r"|(?:also\s+)?(?:will\s+|to\s+|please\s+|pls\s+)?(?:also\s+)?"
    r"(?:add|record|code|re-?check|check|repeat|refer|re-?refer|remove|arrange|request|prescribe|chase|"
    r"increase|reduce|starting|stopping|adding|checking|repeating|referring|rechecking|offer|offering|consider)\s+"
    r"(?!(?:it|them|this|that|these|those|in|at|after|if|when|once|as|accordingly|again|back\s+to\s+the|"
    r"weekly|daily|monthly|fortnightly|yearly|annually|regularly|every|each|periodically|"
    r"the\s+same|the\s+dose|dose|to|from|by|on|with|within|for|of|and|or|then|"
    # "remove the clips on day 10 and check the port sites": the wound care is one visit
    r"(?:the\s+)?(?:wounds?|port\s+sites?|incisions?|scars?))\b)"
    # "stopping the ramipril and starting losartan ... instead" is one switch
    r"(?![^.;]*\b(?:instead|in\s+(?:its|their)\s+place)\b)[\w\"'“(-]))"
    r"|,\s+(?=\S)",
    re.I,
)
_THE_WOUND_LOOKED_AT = compiled(
    r"\b(?:(?:have\s+a\s+)?look\s+at|inspect|check|review)\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:surgical\s+)?(?:wounds?|"
    r"sockets?|port\s+sites?|incisions?|scars?|sites?|suture\s+lines?)\b"
)
_ITS_STITCHES_OUT = compiled(
    r"(?:also\s+)?(?:please\s+)?remove\s+(?:any\s+|the\s+|his\s+|her\s+)?(?:remaining\s+)?(?:\d+\s+)?(?:sutures|stitches|clips|staples)\b"
)


def _one_visit_to_the_wound(left: str, right: str) -> bool:
    """A look at the wound and its stitches out, either way round, is one visit: "have a look at the sockets at about a
    week and remove any sutures", "Remove 6 sutures R shin, check wound"."""
    return bool(
        (_THE_WOUND_LOOKED_AT.search(left) and _ITS_STITCHES_OUT.match(right))
        or (_ITS_STITCHES_OUT.search(left) and _THE_WOUND_LOOKED_AT.match(right))
    )


_UPDATES_THE_REPEATS = compiled(
    r"\b(?:update|amend|add)\b[^.;]{0,40}\b(?:repeats?|template|prescriptions?|medication\s+list|med(?:ication)?s?\s+record)\b"
)
_CHANGES_AN_ENTRY = compiled(r"\s*(?:also\s+)?(?:add|remove|delete|stop|take\s+off)\b")
# a verb with no object of its own, before "and" and the verb that has it ("Please discuss and arrange ...")
_A_BARE_VERB = compiled(r"\W*(?:(?:please|pls|kindly)\s+)?(?:(?:could|can|would)\s+you\s+)?(?:also\s+)?[a-z]+\s*$")
# "BP check 2/52": what to check, then when
_CHECK_WITH_TIME = compiled(
    rf"\s*(?:[\w&/+-]+\s+){{0,2}}(?:check|review|r/v)\b[^.;]{{0,20}}?(?:{lx.TIME_PHRASE})", re.I
)
# split points that few sentences hold, looked for only when a sentence holds their fixed text
_ARROW = r"(?:->|=>|→)"
_LIST_NUMBER = r"\((?:[2-9]|[b-e]|ii|iii|iv)\)"
_CELL_STOP = compiled(r"(?<!\be\.g)(?<!\bi\.e)(?<!\bdr)(?<!\bapprox)(?P<stop>\.\s+)")
_ACE_OR_ARB = r"(?:ramipril|lisinopril|perindopril|enalapril|candesartan|losartan|irbesartan|valsartan)"
_RARE_SPLIT_POINT = compiled(
    # "pls start atorvastatin 80 mg ON -> LFTs + lipids at 3/12": an arrow to the next step in telegraphic notes
    rf"(?P<arrow>\s+{_ARROW}\s+)"
    # "GP to: (1) stop amlodipine (2) start indapamide 2.5 mg OD (3) BP check 2/52": a list written on one line
    rf"|(?P<enum>\s+{_LIST_NUMBER}\s+)"
    # "GP to: - f/u sputum culture, chase lab if needed - repeat CXR 6/52 - check inhaler technique": a list written
    # on one line with dashes after the practice's label
    r"|(?P<dash>\s+-\s+)"
    # "U&E 1-2/52 post discharge (ramipril started) and uptitrate ramipril towards 10 mg": the kidneys' check after an
    # ACE inhibitor or ARB starts, then its titration (5 of 5 annotated such sentences hold two requests)
    rf"|(?P<titration>,?\s+(?:and\s+|then\s+)+(?=(?:up-?)?titrate\s+(?:(?:the\s+|his\s+|her\s+)?{_ACE_OR_ARB}\b|to\s+\d)))"
    # "... and who describes breathlessness on the flat and I would be grateful if you could start him on ..."
    r"|(?P<andnew>\s+and\s+(?=(?:i|we)(?:\s+would|'d)\s+be\s+grateful\s+if\s+you\b"
    # "... increase his amlodipine to 10 mg and the practice nurse could check his blood pressure in 4 weeks"
    r"|(?:the|your)\s+(?:practice(?:\s+(?:nurse|pharmacist|team))?|gp|surgery)\s+(?:could|can|should|to|will|may|might|would|please)\b))"
)
# items of such a list that open with the practice or with a medicine then what to do with it ("Plan: - PSA in 3/12 (GP)
# - flow rate here in 3/12 - tamsulosin continue - GP to add finasteride 5 mg OD")
_THE_PRACTICE_FIRST = compiled(r"\s*(?:gp|practice\s+nurse|pn|practice)\s+(?:to|please|pls)\b")
_A_MEDICINE_THEN_WHAT_TO_DO = compiled(
    r"\s*[a-z][\w-]+(?:\s+\d+(?:\.\d+)?\s*(?:mg|mcg|micrograms?|g|units))?\s+(?:to\s+)?(?:continue|stop|start|restart|"
    r"increase|reduce|withhold|hold)\b"
)
_DASHED_LIST_AFTER_A_LABEL = compiled(r"\b(?:(?:gp|practice|surgery)(?:\s+(?:to|pls|please|actions?))?|plan)\s*:\s*-\s")
# what a split point leaves at the end of the part before it: ", and", an arrow, the next entry's number, a dash
_SPLIT_LEFTOVER = compiled(rf",\s+and$|\s*{_ARROW}\s*$|\s+{_LIST_NUMBER}$|\s+-$")
_HAS_RARE_SPLIT_TEXT = contains_any(
    (": - ", ":- ", " - consider")  # a dashed list after a label, or a step to consider after a dash
    + (
        "->",
        "=>",
        "→",
        "(2)",
        "(3)",
        "(b)",
        "(ii)",
        " and i would be",
        " and we would be",
        " and i'd be",
        " and we'd be",
    )
    + (
        " and the practice",
        " and your practice",
        " and the gp ",
        " and your gp ",
        " and the surgery",
        " and your surgery",
    )
    + ("titrate ramipril", "titrate lisinopril", "titrate perindopril", "titrate enalapril", "titrate candesartan")
    + ("titrate losartan", "titrate irbesartan", "titrate valsartan", "titrate the ramipril", "titrate his ramipril")
    + ("titrate her ramipril", "uptitrate to ", "up-titrate to ")
)
_AN_ACE_OR_ARB = compiled(rf"\b{_ACE_OR_ARB}\b")
_A_KIDNEY_CHECK = compiled(r"\b(?:u\s*[&+]\s*es?|ues?|renal\s+function|creatinine|egfr|potassium)\b")
_NEW_MEDICINE_START = compiled(r"^\s*(?:start|commence|begin|initiate)\b", re.I)
# a referral that hangs on the request before it: "and refer back to fracture clinic if there is displacement"
_REFERRAL_IF = compiled(
    r"\s*(?:also\s+)?(?:to\s+|will\s+|then\s+)?(?:re-?refer|refer|send)\b[^.;]{0,60}?\b(?:back|to\s+(?:us|the\s+\w+|our)|"
    r"him|her|them|you)\b[^.;]*\bif\b"
)
_FOLLOW_ON_IF = compiled(
    r"[^.;]*\bif\b"
    # "let him know the result and refer him back to us should it show a PI-RADS 3 or higher lesion"
    r"|[^.;]*\bshould\s+(?:it|this|that|they|these|the\s+(?:[\w-]+\s+){0,2}?(?:result|scan|test|biopsy|report)s?)\s+"
    r"(?:show|reveal|confirm|demonstrate|identify|grow|find|be\s+(?:positive|abnormal))\b"
    # "re-assess her cognition at 6-8 weeks and re-refer to our frailty clinic at that point": what follows from it
    r"|[^.;]*\bat\s+that\s+(?:point|time|stage|review|appointment)\b"
    # "arrange an arterial duplex in 6 months and re-refer him to us with the result": the test and its result
    r"|(?:also\s+)?(?:re-?refer|refer\s+(?:(?:him|her|them)\s+)?back)\b[^.;]*\bwith\s+(?:the|this|that|these|those|its|their)\s+"
    r"(?:results?|report|findings)\b"
    # "let him know the result and arrange whatever follow-up imaging you feel is appropriate": what follows from it
    r"|(?:also\s+)?(?:arrange|organise|organize|do|request|consider)\s+(?:whatever|any)\b[^.;]*\b(?:you\s+(?:feel|think)|appropriate|needed|necessary)\b"
)
# a second part after ";" that is a test ("; U&E 1/52 after each ↑") is a second request
_TEST_FIRST = compiled(rf"\s*(?:[\w/&+-]+\s+){{0,2}}(?:{lx.TESTS_GROUPED})\b", re.I)
_NOTHING_NEW = compiled(
    r"\b(?:already\s+known\s+to|no\s+(?:new|further)\s+(?:referral|action))\b[^.]*\b(?:needed|required)\b"
)
_IF_THE_RESULT_SAYS = compiled(
    r"\s*if\s+(?:positive|negative|abnormal|raised|low|high|significant|resistant|(?:it|this|they|these)\s+(?:shows?|is|are|comes?|"
    r"grows?))\b"
)
_OTHER_BRANCH = compiled(
    r"\s*(?:if\s+not|otherwise|or\s+else|if\s+(?:it\s+|she\s+|he\s+)?(?:is|has|does)\s*(?:not|n't))\b"
)
# not a courtesy but a task: "please contact Mr Nuttall today to explain the chest X-ray finding"
_CALL_THE_PATIENT = compiled(
    r"\b(?:contact|ring|call|phone|telephone)\s+(?:him|her|them|the\s+(?:patient|family)|(?:mr|mrs|ms|miss|mx)\s+[\w'-]+)\s+"
    r"(?:today\s+|urgently\s+|as\s+soon\s+as\s+possible\s+)?to\s+(?:explain|discuss|tell|let|inform|arrange|go\s+through)\b"
)
# "GP to repeat serum bilirubin on Friday; please ring the PAU if it is above 250": telling the hospital what the
# request finds is part of that request (and is what makes it the hospital's follow-up), not a request of its own
_TELL_US_IF = compiled(
    r"\s*(?:please\s+|pls\s+|kindly\s+)?(?:ring|call|phone|bleep|contact|inform|tell|let)\s+(?:us|me|the\s+[\w-]+(?:\s+[\w-]+)?)"
    r"(?:\s+know)?\s+(?:if|should|when)\b"
)
_SHARED_CARE_TO_FOLLOW = compiled(
    r"\bshared[- ]care\b[^.]{0,40}\b(?:to\s+follow|will\s+follow|in\s+due\s+course|being\s+(?:sent|drawn\s+up|prepared))\b"
)
# a report's stock phrase that asks for no task of its own
_AT_THE_SAME_VISIT = compiled(r"\bat\s+the\s+same\s+(?:time|visit|appointment)\b")
_A_GROWTH_MEASUREMENT = compiled(
    r"\W*(?:weight|height|length|bmi|head\s+circumference|ofc)\b[^.;]{0,30}?\b\d+(?:st|nd|rd|th)\s+centile"
)
_OUR_OWN_REVIEW = compiled(
    r"^\W*(?:review|f/u|follow[- ]?up|see\s+(?:him|her|them)|appointment)\b[^;]{0,40}?\b(?:in|at)\s+(?:our|my)\s+"
    r"(?:[\w-]+\s+){0,2}(?:clinic|unit|department|service)\b"
)
_NO_TASK = compiled(
    r"^\s*(?:(?:i\s+|we\s+)?(?:would\s+)?(?:recommend|suggest|advise)\w*\s+)?clinical\s+correlation\b[\s,]*$"
)
_PRESCRIBING = compiled(
    r"\b(?:prescrib\w*|continue|continuing|issue|issuing|supply|start|starting|dispens\w*|repeats?)\b"
)
_TAKE_OVER = compiled(r"\btak(?:e|ing)\s+over\b|\bassume\s+(?:the\s+)?prescrib", re.I)
# "if not at target, add ezetimibe": a condition followed by what to do
_CONDITIONAL_ACTION = compiled(r"^\s*(?:if|once|when|should)\b[^,;]{0,80},\s*(?:then\s+)?(?:[↑↓]|[a-z]+\b)", re.I)


_NAMES_THE_PRACTICE = compiled(r"\b(?:gp|g\.p\.?|practice|surgery|primary\s+care|family\s+doctor)\b")


def _gp_list_line(unit: Unit) -> bool:
    """A line under an inline label naming the practice ("GP actions: ...", "For GP: ...")."""
    label = unit.heading_label.lower()
    return bool(_NAMES_THE_PRACTICE.search(label)) and classify_label(label) is SectionKind.GP


def _gp_cell_asks(unit: Unit, left: str) -> bool:
    """In a table row with a GP action column, whether the cell text before the cut asks on its own."""
    return unit.table_gp_cell is not None and "|" in left and _is_request_clause(left.rsplit("|", 1)[-1])


# a request asked without a trigger word: "It would be helpful if you could ...", "X would be appropriate"
_ASKED_WITHOUT_A_TRIGGER = compiled(
    r"\bit\s+would\s+be\s+(?:very\s+|most\s+)?(?:helpful|useful)\s+if\s+(?:you|the\s+(?:gp|practice))\b"
    # "A DEXA scan and calculation of his FRAX score would be appropriate"
    r"|^[^,;]{3,80}\b(?:would|will)\s+be\s+(?:appropriate|sensible|reasonable|advisable|worthwhile)\b"
)


def _is_request_clause(norm: str) -> bool:
    """A clause that asks for something on its own: a trigger, an imperative, or a test with a time."""
    return (
        _has_trigger(norm)
        or bool(_ASKED_WITHOUT_A_TRIGGER.search(norm))
        or _starts_imperative(norm)
        or bool(re.search(r"\b(?:gp|practice|surgery)\s+(?:to|will|should|could|please|pls)\b", norm))
    )


# a second request after a comma opens with a verb that changes treatment or asks for a new step
_SECOND_IMPERATIVE = compiled(
    r"(?!then\b)(?:please\s+|pls\s+)?(?:[↑↓]|(?:check|recheck|re-check|repeat|increase|reduce|stop|start|switch|restart|refer|re-?refer|arrange|request|add|code|"
    r"uptitrate|up-titrate|titrate|wean)\b(?!\s+(?:with\s+)?(?:it|them|this)\b[^,]{0,20}$))",
    re.I,
)


_A_LABEL_FIRST = compiled(r"^\s*(?:[\w /&-]{1,30}:\s*)")


def _starts_imperative(norm: str) -> bool:
    body = _A_LABEL_FIRST.sub("", norm) if ":" in norm else norm
    return bool(lx.IMPERATIVE_START.match(body) or lx.TEST_WITH_TIME.match(body))


_ASKS_POLITELY = gated(rf"\b{lx.PLEASE}\b|\bcould\s+you\b|\bgrateful\b")


def _has_trigger(norm: str) -> bool:
    return bool(lx.EXPLICIT_GP_REQUEST.search(norm) or _ASKS_POLITELY.search(norm))


def _part_in_gp_cell(unit: Unit, ctx: LetterContext, start: int, end: int) -> str:
    """The part of a request span that lies in the row's GP action cell (a cell may hold two requests)."""
    cell = normalise(unit.table_gp_cell or "")
    row = ctx.norm_of(unit.start, unit.end)
    at = row.rfind(cell) if cell else -1
    if at < 0:
        return cell
    cell_start, cell_end = unit.start + at, unit.start + at + len(cell)
    return ctx.norm_of(max(start, cell_start), min(end, cell_end)) if start < cell_end and end > cell_start else ""


# "Please could the practice offer it", "Please arrange for these to be given": a request for what was just named
_POINTS_BACK_TO_THEM = compiled(
    r"\s*(?:please|pls|kindly|could|would|can|i\s+would|we\s+would)\b[^.;]{0,40}?\b(?:these|them|it|this|both)\b"
)
_NEEDS_A_TEST = compiled(
    rf"\b(?:needs?|will\s+need|requires?)\s+(?:an?\s+)?(?:repeat\s+|further\s+)?(?:[\w-]+\s+){{0,2}}?(?:{lx.IMAGING_TESTS}|{lx.LAB_TESTS})\b"
)
_BENEFIT = compiled(r"\b(?:would|will|may|might|could)\s+(?:also\s+)?benefit\s+from\s+((?:[\w-]+\s*){1,4})")


# what a patient would benefit from, when it is a referral: "she may benefit from referral to the NHS Diabetes
# Prevention Programme" (not "he would benefit from weight loss")
_REFERRAL_IT_WOULD_BENEFIT_FROM = compiled(
    r"\s+(?:an?\s+)?(?:urgent\s+|routine\s+|early\s+)?(?:re-?)?referral\s+(?:to|for)\b"
)
_A_MEDICINE_NEEDS_CHANGING = compiled(
    r"\b(?:needs?|will\s+need|would\s+need)\s+to\s+be\s+(?:stopped|reduced|withheld|switched|changed|increased)\b"
)
# a plan line saying what is to be done, without saying who does it
_TO_BE_DONE = compiled(
    r"\s*(?:\d+[.)]\s*)?(?:the\s+|his\s+|her\s+|their\s+)?([\w/&-]+(?:\s+[\w/&-]+){0,2})\s+"
    r"(?:to\s+be|needs?\s+to\s+be|will\s+need\s+to\s+be)\s+[a-z]+ed\b"
)


def _benefit_asked_next(unit: Unit, following: Unit, ctx: LetterContext) -> bool:
    """ "He would benefit from further physiotherapy. Please could you refer him to physiotherapy.": the need and
    the request for it are one request, and the request is the second sentence."""
    norm = ctx.norm_of(unit.start, unit.end)
    benefit = _BENEFIT.search(norm) if "benefit" in norm else None
    # "Stent to be removed by flexible cystoscopy in 4 weeks. Please arrange for stent removal in urology ..."
    to_be_done = _TO_BE_DONE.match(norm) if benefit is None and " be " in norm else None
    need = benefit or to_be_done
    if need is None and following.paragraph == unit.paragraph and not _has_trigger(norm) and _NEEDS_A_TEST.search(norm):
        # "She needs an MRI of the cervical spine. Please could you request this through your direct access ...":
        # the need and the request for it are one request
        nxt = ctx.norm_of(following.start, following.end)
        if _POINTS_BACK_TO_THEM.match(nxt) and not lx.IMAGING_RE.search(nxt) and not lx.LAB_RE.search(nxt):
            return True
    if need is None and "vaccin" in norm and following.paragraph == unit.paragraph and not _has_trigger(norm):
        # "He will need his flu vaccine and COVID booster. Please arrange for these to be given at the practice."
        nxt = ctx.norm_of(following.start, following.end)
        return bool(_POINTS_BACK_TO_THEM.match(nxt) and "vaccin" not in nxt)
    if need is None and " be " in norm and following.paragraph == unit.paragraph and not _has_trigger(norm):
        # "She is on bendroflumethiazide, which can raise calcium levels and needs to be stopped before we can interpret
        # her calcium. I would be grateful if you could stop the bendroflumethiazide ...": the need, then the request
        stopped = _A_MEDICINE_NEEDS_CHANGING.search(norm)
        if stopped is not None:
            nxt = ctx.norm_of(following.start, following.end)
            named = {m.group(0) for m in lx.DRUG_NAME.finditer(norm[: stopped.start()])}
            return (
                bool(named)
                and (_has_trigger(nxt) or lx.REQUEST_TO_READER.search(nxt) is not None)
                and any(name in nxt for name in named)
            )
    if need is None or following.paragraph != unit.paragraph or _has_trigger(norm):
        return False
    nxt = ctx.norm_of(following.start, following.end)
    if not (_has_trigger(nxt) or lx.REQUEST_TO_READER.search(nxt)):
        return False
    # (what is needed, to the end of the sentence: "rubber band ligation of the haemorrhoids", then "GP to refer ... via
    # the routine haemorrhoid pathway")
    words = [
        w[:6] for w in re.findall(r"[a-z]{5,}", norm[need.start(1) :]) if w not in ("further", "outpatient", "referral")
    ]
    return any(w in nxt for w in words)


# a request written again this near is the same block pasted twice, not a second request
_PASTED_WITHIN = 5000

# "He has enough drops (supplied from theatre) - no prescription needed."
_NO_PRESCRIPTION_NEEDED = compiled(
    r"\bno\s+(?:new\s+|further\s+)?(?:prescription|script|supply|rx)\s+(?:is\s+)?(?:needed|required|necessary)\b"
    r"|\bno\s+need\s+(?:for\s+you\s+)?to\s+prescribe\b"
)


# "I would suggest this is done as soon as possible.", "This should be done within the next two weeks.": when, of the
# request just made
_WHEN_OF_THE_REQUEST_BEFORE = (
    r"\s*(?:(?:i|we)\s+would\s+(?:suggest|recommend|advise)\s+(?:that\s+)?)?(?:this|it|these)\s+(?:is|are|should\s+be|"
    r"needs\s+to\s+be|ideally\s+be)\s+(?:done|arranged|undertaken|carried\s+out|completed)\s+(?:as\s+soon\s+as\s+(?:possible|"
    r"practicable)|soon|urgently|promptly|within\s+(?:the\s+next\s+)?[\w\s-]{1,20}?(?:days?|weeks?|months?))\s*[.!]?\s*$"
)
# a request that names nothing: "I would be grateful if you would refer.", "GP to issue.", "Please arrange."
# (or says only when)
_ASKS_FOR_NOTHING_NAMED = compiled(
    r"\s*(?:(?:i|we)(?:\s+would|'d)\s+be\s+grateful\s+if\s+you\s+(?:would|could)|please(?:\s+could\s+you)?|gp\s+to|"
    r"could\s+you)\s+(?:kindly\s+)?(?:refer|arrange|issue|prescribe|organise|organize|do|action|provide)"
    r"(?:\s+(?:this|it|that|these|them|her|him|one|accordingly))?(?:\s+please)?\s*[.!]?\s*$"
    rf"|{_WHEN_OF_THE_REQUEST_BEFORE}"
)
_WHEN_OF_IT = compiled(_WHEN_OF_THE_REQUEST_BEFORE)


def _supply_declined_next(unit: Unit, following: Unit, ctx: LetterContext) -> bool:
    """ "Continue Maxidex drops for one more week, then stop. He has enough drops - no prescription needed.": the
    instruction is the patient's, and the next sentence says the practice has nothing to prescribe."""
    if following.paragraph != unit.paragraph:
        return False
    nxt = ctx.norm_of(following.start, following.end)
    return _NO_PRESCRIPTION_NEEDED.search(nxt) is not None and not _has_trigger(nxt)


# the hospital books its own next step: "ureteroscopy to be done within 6/52 - urology will book", "she has been added
# to our waiting list"
_THE_HOSPITAL_BOOKS_IT = compiled(
    rf"\b(?:we|i|{_A_SPECIALTY_THAT_ACTS}|(?:the\s+|our\s+)?[\w-]+\s+(?:team|clinic|department|unit))\s+(?:will|'ll)\s+"
    r"(?:book|arrange|organi[sz]e|schedule|list|do)\b|\badded\s+to\s+(?:the\s+|our\s+)?(?:waiting\s+)?list\b"
)
_AT_THE_SAME_TIME = compiled(r"\bat\s+(?:the\s+)?same\s+(?:time|procedure|operation|sitting)\b")


def _done_with_the_hospitals_step(unit: Unit, before_unit: Unit, ctx: LetterContext) -> bool:
    """ "Stent to be removed at same time." after "... to be done within 6/52 - urology will book": what is done at the
    same time as the hospital's own step, with no one asked, is the hospital's too."""
    if before_unit.paragraph != unit.paragraph:
        return False
    norm = ctx.norm_of(unit.start, unit.end)
    return (
        "same" in norm
        and _AT_THE_SAME_TIME.search(norm) is not None
        and not _HAS_REQUEST_KEY(norm)
        and _THE_HOSPITAL_BOOKS_IT.search(ctx.norm_of(before_unit.start, before_unit.end)) is not None
    )


def read_letter(text: str, doc_type: str | None = None) -> list[Action]:
    """Every request to the GP practice in the letter, in reading order."""
    if len(text) > MAX_LETTER_CHARS:
        raise LetterTooLarge(f"letter has {len(text)} characters; the limit is {MAX_LETTER_CHARS}")
    # (what the writer struck out is read as blank; quotes are still taken from the letter as it came)
    read = without_taken_out(text)
    ctx = build_context(read, doc_type)
    units = segment(read)
    actions: list[Action] = []
    vocative_paragraphs: set[int] = set()
    previous_specialist: dict[int, bool] = {}
    previous_unit: Unit | None = None
    written: dict[str, int] = {}  # each request's words, and where they were last found
    found_in: list[Unit] = []  # the unit each action was found in
    for index, unit in enumerate(units):
        if lx.VOCATIVE_DOCTOR.match(unit.text) and not _to_a_colleague(unit, ctx):
            vocative_paragraphs.add(unit.paragraph)
        before_unit, previous_unit = previous_unit, unit
        # a paragraph that opens "Dr Faulkner, ..." speaks to the GP, but not every item of a list after it
        vocative = unit.paragraph in vocative_paragraphs and (
            not unit.is_bullet or bool(lx.VOCATIVE_DOCTOR.match(unit.text))
        )
        if not is_gp_request(unit, ctx, vocative):
            continue
        if (
            found_in
            and found_in[-1] is before_unit
            and before_unit.paragraph == unit.paragraph
            and _ASKS_FOR_NOTHING_NAMED.match(ctx.norm_of(unit.start, unit.end))
        ):
            # "She would benefit from district nursing input for pressure area care. I would be grateful if you would
            # refer.", "requires fit note for 2 weeks. GP to issue.": the request names nothing of its own, so it asks
            # for what the sentence before (already read as the request) names
            continue
        if before_unit is not None and _done_with_the_hospitals_step(unit, before_unit, ctx):
            continue
        following = units[index + 1] if index + 1 < len(units) else None
        if following is not None and (
            _benefit_asked_next(unit, following, ctx) or _supply_declined_next(unit, following, ctx)
        ):
            continue
        # the sentence before, in the same paragraph, may qualify this one ("Quite separately, ...")
        before = ""
        # the finding just before, even in the paragraph above ("an irregular pigmented lesion ... Please refer")
        prior = ctx.norm_of(before_unit.start, before_unit.end) if before_unit is not None else ""
        if before_unit is not None and before_unit.paragraph == unit.paragraph:
            before = ctx.norm_of(before_unit.start, before_unit.end)
        for start, end, judged_from in _split_multi(unit, ctx):
            quote = text[start:end]
            if not quote.strip():
                continue
            after_specialist = previous_specialist.get(unit.paragraph, False)
            judgement = judge(ctx.norm_of(judged_from, end), ctx, unit.cells, after_specialist, before, prior)
            if unit.table_gp_cell and judgement.category == "medication":
                # "Furosemide 40 mg | reduced; 14 days supplied | euvolaemic | U&E in 1 week": the row is about a
                # medicine, but the practice's own column says what is asked of it
                own_cell = _part_in_gp_cell(unit, ctx, start, end)
                own = (
                    judge(own_cell, ctx, unit.cells, after_specialist, before, prior) if own_cell.strip() else judgement
                )
                if own.category not in ("medication", "admin"):
                    judgement = own
            same = " ".join(quote.split())
            if len(unit.text) < 40 and before_unit is not None:
                # a short request that leans on the line before ("Bisoprolol 2.5 mg OD - NEW. Please continue on
                # repeat.") is another request when it follows another line
                same = f"{before_unit.text}|{same}"
            if start - written.get(same, -_PASTED_WITHIN) < _PASTED_WITHIN:
                continue  # a block pasted twice ("GP to: ..." again under the signature) asks once
            written[same] = start
            judgement = second_opinion(quote, ctx.norm_of(judged_from, end), judgement, ctx, before)
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
            found_in.append(unit)
    if len(actions) < 2:
        return actions
    # a request the letter states twice (in its summary box and in its body) is one request
    dropped = restatements([(a.quote, a.category, u) for a, u in zip(actions, found_in, strict=True)])
    dropped.update(withdrawn([(a.start, a.quote) for a in actions], ctx.norm))
    return [a for index, a in enumerate(actions) if index not in dropped]
