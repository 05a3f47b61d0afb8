"""Facts about the whole letter that change how a single sentence is read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property

from . import lexicon as lx
from .gate import Gated, contains_any, gated
from .kept import compiled


class Audience(Enum):
    """Who "you" is in the letter."""

    GP = "gp"
    PATIENT = "patient"
    COLLEAGUE = "colleague"  # another hospital clinician; the GP is only a copy


_ANY_TEST = frozenset(("scan", "scans", "blood", "bloods", "imaging", "bp", "tests", "test"))
# a letter's sentences, and the entries of its lists (which often end with no stop)
# (a table's row is an entry of its own: "| Arterial duplex R leg (surveillance) | Vascular lab |" names no surveillance
# for the row above it)
_SENTENCES_AND_ENTRIES = re.compile(r"(?<=[.!?])\s+|\n(?=\s*(?:[-*•·●▪–—]|\(?\d{1,2}[.)]|\n))|\n(?=[^\n]*\|)")


@dataclass
class LetterContext:
    doc_type: str
    audience: Audience
    norm: str = ""  # normalise(text), same length as the text
    # an advice and guidance reply, or a referral returned with advice: the hospital has not taken the patient on, so
    # the referrals and follow-up it advises are the practice's own (decision 0030)
    advice_only: bool = False
    # a letter to a child's parents ("Dear Mr and Mrs Hendra"): "her" in it is the child, not someone the GP is asked about
    to_parents: bool = False
    # what a judgement found by scanning the whole letter, kept so that a long letter is scanned once, not once per
    # request (a 1 MB letter holds over a thousand)
    memo: dict[object, object] = field(default_factory=dict, repr=False, compare=False)

    def norm_of(self, start: int, end: int) -> str:
        return self.norm[start:end]

    # What the whole letter says, each found the first time a judgement asks (most letters need only a few of them,
    # and each is a scan of the whole letter).

    @cached_property
    def dna(self) -> bool:
        """Discharged after one missed appointment (after a second, one already rebooked, discharge is the hospital's
        published policy)."""
        return bool(lx.DNA_LETTER.search(self.norm)) and not _REPEATED_DNA.search(self.norm)

    @cached_property
    def shared_care_in_place(self) -> bool | None:
        """Whether the letter says a shared care agreement is in place; None when it does not say."""
        if lx.SHARED_CARE_NOT_IN_PLACE.search(self.norm):
            return False
        running = lx.SHARED_CARE_IN_PLACE.search(self.norm) or lx.SHARED_CARE_SAID_AS_RUNNING.search(self.norm)
        return True if running else None

    @cached_property
    def specialist_names(self) -> set[str]:
        """Medicines the letter itself calls amber or red list."""
        return _declared_names(self.norm, _AMBER_RED, lx.LETTER_DECLARED_SPECIALIST)

    @cached_property
    def ordinary_names(self) -> set[str]:
        """Medicines the letter itself says need no shared care."""
        # (every word before the declaration: "In our area donepezil is a green-list drug" names donepezil, not "area";
        # a word that names no medicine matches no request's medicine, so the extra words are harmless here)
        return _declared_names(self.norm, _NOT_SHARED, lx.LETTER_DECLARED_ORDINARY, every_word=True)

    @cached_property
    def surveillance_terms(self) -> set[str]:
        """The tests a sentence about surveillance names."""
        found: set[str] = set()
        for sentence in _SENTENCES_AND_ENTRIES.split(self.norm) if "surveillance" in self.norm else []:
            if _about_hospital_surveillance(sentence):
                found.update(m.group(0).strip() for m in lx.LAB_RE.finditer(sentence))
                found.update(m.group(0).strip() for m in lx.IMAGING_RE.finditer(sentence))
        # ("his 3-monthly surveillance scan" does not make "at his last scan his BP was 162/90 - please check his blood
        # pressure" a scan: a word that names no test in particular names no surveillance either)
        return found - _ANY_TEST

    @cached_property
    def gp_names(self) -> frozenset[str]:
        """The surnames the letter gives the patient's GP ("I have asked Dr Patel to start you on Fostair")."""
        return frozenset(_gp_names(self.norm))

    @cached_property
    def trust_names(self) -> tuple[str, ...]:
        """The writing trust's own name ("westbridge" for Westbridge Hospitals NHS Foundation Trust)."""
        return _trust_names(self.norm)

    @cached_property
    def gp_direct_access(self) -> bool:
        """A report on a test the GP asked for directly: its recommendations follow from the GP's test (not when its
        header names a hospital clinician as who asked for it, whatever it says of the GP's first referral)."""
        return _is_direct_access_report(self.norm[:_REPORT_HEAD]) and not self.ordered_by_the_hospital

    @cached_property
    def ordered_by_the_hospital(self) -> bool:
        """A report whose header says a hospital clinician asked for the test ("Requested by: Ms R Achebe, Consultant
        ENT Surgeon"): what its result calls for is the hospital's to act on (RULES.md test_results)."""
        found = _REQUESTER.search(self.norm[:_REPORT_HEAD])
        # ("Ms R Achebe, Consultant ENT Surgeon, ENT clinic (GP referral for left-sided tinnitus)": the brackets say why)
        requester = re.sub(r"\([^()]*\)", " ", found.group(1)) if found else ""
        return bool(_HOSPITAL_REQUESTER.search(requester) and not _GP_REQUESTER.search(requester))

    @cached_property
    def own_services(self) -> tuple[re.Pattern[str], ...]:
        """The clinics of the specialty whose heading the letter carries (lexicon.OWN_SPECIALTY_SERVICES)."""
        return _own_services(self.norm)


# "I have discharged him to the primary care PSA surveillance pathway": surveillance the letter gives the practice
_PRIMARY_CARE_SURVEILLANCE = compiled(
    r"\b(?:primary[- ]care|gp[- ]led|practice[- ]led|community)\s+(?:[\w-]+\s+){0,2}surveillance\b"
    r"|\bsurveillance\b[^.;]{0,30}?\b(?:in|by|through)\s+(?:primary\s+care|(?:the\s+|your\s+)?(?:gp|practice|surgery))\b"
)


def _about_hospital_surveillance(sentence: str) -> bool:
    """Whether a sentence speaks of surveillance other than surveillance it gives the practice ("discharged to the
    primary care PSA surveillance pathway")."""
    return "surveillance" in sentence and not _PRIMARY_CARE_SURVEILLANCE.search(sentence)


def names_hospital_surveillance(sentence: str) -> bool:
    """Whether a sentence names a test kept as the hospital's surveillance ("Her annual surveillance mammograms are due
    from October")."""
    return _about_hospital_surveillance(sentence) and bool(lx.IMAGING_RE.search(sentence) or lx.LAB_RE.search(sentence))


_NOT_NAMES = {"this", "that", "which", "drug", "it"}
# a word of four letters or more, as a medicine's name is written ("co-amoxiclav", "donepezil")
WORD_OF_FOUR = compiled(r"[a-z][a-z-]{3,}")
_IS_OR_ARE = compiled(r"\s(?:is|are)\s")


def _declared_names(norm: str, cue: Gated, declared: Gated, every_word: bool = False) -> set[str]:
    """The medicines named where a sentence declares their status (the declaration patterns are costly, so they run
    only on sentences that hold the cue, and those are looked for only in a letter that holds it). With
    `every_word`, each word of four letters or more between the match's start and its "is"/"are" is taken."""
    if not cue.search(norm):
        return set()
    names: set[str] = set()
    for sentence in re.split(r"(?<=[.!?])\s+", norm):
        if cue.search(sentence):
            for m in declared.finditer(sentence):
                name = next(g for g in m.groups() if g)
                names.add(name)
                if every_word:
                    before_the_verb = _IS_OR_ARE.split(m.group(0), maxsplit=1)[0]
                    names.update(WORD_OF_FOUR.findall(before_the_verb))
    return names - _NOT_NAMES


_DEAR = compiled(r"^\s*dear\s+(.+?)\s*,?\s*$", re.I | re.M)
_GP_ADDRESS = compiled(
    r"\b(surgery|practice|medical cent(?:re|er)|health cent(?:re|er)|medical group|general practi)", re.I
)
_COLLEAGUE_ADDRESS = compiled(
    r"\b(consultant|registrar|specialty doctor|professor|physician|surgeon|geriatrician|specialist nurse|fellow)\b",
    re.I,
)


_OCR_INNER = compiled(r"[015](?<=[a-z][015])[015]?(?=[a-z])")
# a scanner's "1" for "l" at either end of a word: "protoco1", "Priade1", "1ithium", "1eve1" (at least three letters
# after a leading one and four before a trailing one, and not a count of a unit: "1week", "1tab")
# (each starts with its digit, so that re looks for the digit first)
_OCR_END_ONE = compiled(r"1(?<=[a-z]{4}1)(?![\w])")
_OCR_LEADING_ONE = compiled(
    r"1(?<![\w.,/]1)(?=[a-z]{3,}1?\b)(?!(?:weeks?|months?|years?|days|doses?|drops?|patch|tabs?|tablets?|caps?|capsules?|"
    r"sachets?|puffs?|hours?|hrs|mins|daily|nocte|mane|units?|litres?|vials?|ampoules?|times|amp|dose)1?\b)"
)
# a scanner's "l" for the pronoun "I": "l would suggest a trial of oral iron", "l have asked"
_OCR_PRONOUN = compiled(
    r"(?<![\w'-])l(?=\s+(?:would|will|have|had|am|was|think|suggest|wonder|note|agree)\b|'(?:d|m|ve|ll)\b)"
)
_OCR_LEADING_ZERO = compiled(r"0(?<![a-z0-9]0)(?=[a-z]{2})")
_OCR_FIX = {"0": "o", "1": "l", "5": "s"}
# a scanner's "t0" for "to" ("GP t0 review BP"); a tumour stage "T0" reads as "to" harmlessly
_OCR_TO = compiled(r"(?<![\w/.-]t)(?<=t)0(?= )")


# A scanner's space inside a word the judgement reads ("GP to ch eck culture result & treat", "Pl ease re fer"): every
# split of each word that leaves at least two letters on each side, none of which is two words of its own. Joining
# moves the space to the word's end, so the text keeps its length and offsets.
_SPLIT_WORDS = (
    "please check chase refer referral review arrange prescribe prescribing continue repeat result results monitor "
    "bloods"
).split()
_SPLITS = {word[:i] + " " + word[i:]: word + " " for word in _SPLIT_WORDS for i in range(2, len(word) - 1)}
_HAS_A_SPLIT = contains_any(_SPLITS)
_SPLIT = compiled(r"(?<![a-z])(?:" + "|".join(sorted(map(re.escape, _SPLITS), key=len, reverse=True)) + r")(?![a-z])")


def join_split_words(norm: str) -> str:
    """`norm` with the scanner's splits of the words above joined again ("ch eck" reads "check ")."""
    if not _HAS_A_SPLIT(norm):
        return norm
    return _SPLIT.sub(lambda m: _SPLITS[m.group(0)], norm)


_YOUR_GOOD_SELF = compiled(r"\byour\s+good\s?self\b")
# misspellings of the words requests are made of, each mended to a word of the same length (offsets keep)
_SLIP_MENDED = {
    "reveiw": "review",
    "recie": "recei",
    "perscri": "prescri",
    "prescib": "prescri",
    "reffer": "refer ",
    "reffered": "referred",
    "reffering": "referring",
    "refferal": "referral",
    "refre": "refer",
    "untill": "until ",
    "pleas": "pls  ",
}
_HAS_A_COMMON_SLIP = contains_any(("reveiw", "recie", "perscri", "prescib", "reff", "refre", "untill", "pleas "))
_COMMON_SLIP = compiled(
    r"\breveiw|\brecie|\bperscri|\bprescib|\breffer(?:ed|ing|al)?\b|\brefre\b|\buntill\b|\bpleas\b(?!e)"
)


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
    if " l " in lowered or "\nl " in lowered or " l'" in lowered or "\nl'" in lowered:
        lowered = _OCR_PRONOUN.sub("i", lowered)
    if _HAS_A_COMMON_SLIP(lowered):
        # "pls reveiw", "perscribe", "reffer her", "if no appt recieved", "untill": the common slips, mended letter for
        # letter
        lowered = _COMMON_SLIP.sub(lambda m: _SLIP_MENDED[m.group(0)], lowered)
    if "good" in lowered and "self" in lowered:
        # "I leave to your good self to repeat the renal function", "she may contact your goodself": the practice
        lowered = _YOUR_GOOD_SELF.sub(lambda m: "your practice".ljust(len(m.group(0))), lowered)
    if not any(d in lowered for d in "015"):
        return lowered
    lowered = _OCR_INNER.sub(lambda m: "".join(_OCR_FIX[c] for c in m.group(0)), lowered)
    if "1" in lowered:
        lowered = _OCR_END_ONE.sub("l", _OCR_LEADING_ONE.sub("l", lowered))
    if "t0 " in lowered:
        lowered = _OCR_TO.sub("o", lowered)
    return _OCR_LEADING_ZERO.sub("o", lowered)


def _audience(text: str, match: re.Match[str] | None) -> Audience:
    """Who "you" is, from the salutation `match` (_DEAR in the text) and the address block above it."""
    if not match:
        return Audience.GP  # discharge and ED summaries are written to the GP without a salutation
    # (read through the same OCR repairs as the rest of the letter: "Dear Dr 0kafor" is Dr Okafor)
    name = normalise(match.group(1)).strip()
    if re.match(r"(mr|mrs|ms|miss|mx|master)\b", name):
        return Audience.PATIENT
    # ("Dear Dr," with no name, from a minor injuries unit: a doctor, the GP)
    if re.match(r"(colleague|gp|doctor|partners|practice|sir|dr\.?\s|dr\.?$)", name):
        block = normalise(_address_block(text, match.start()))
        if re.match(r"dr\.?\s", name):
            # the block that names this doctor, when it is not the one just above ("Dr S Marchetti / Riverside Health
            # Centre", then the clinic's "Clinic: Dr V Szabo, Consultant ...", then "Dear Dr Marchetti")
            named = re.search(
                rf"\bdr\.?\s+(?:[a-z]\.?\s+)*{re.escape(name.split()[-1])}\b", normalise(text[: match.start()])
            )
            if named is not None:
                block = normalise(_paragraph_around(text, named.start()))
            elif name.split()[-1] not in block:
                # no block above names this doctor: the lines above the salutation are the letter's own particulars
                # ("Consultant: Mr V Rao / Dictated by: Ms H Quayle, Specialty Registrar"), not an address, and a
                # hospital's "Dear Dr Fenwick," with no address is written to the GP
                block = ""
        if (
            re.match(r"dr\.?\s", name)
            and _COLLEAGUE_ADDRESS.search(block)
            and not _GP_ADDRESS.search(block)
            and name.split()[-1] not in _gp_names(normalise(text[: match.start()]))
        ):
            # addressed to a hospital colleague, unless the letter names this doctor as the patient's GP
            return Audience.COLLEAGUE
        return Audience.GP
    # first name only: decide from the address block above the salutation, or from the block that names this
    # doctor ("Dr Helen Okafor / Fernside Medical Practice" above the clinic dates, then "Dear Helen,")
    block = normalise(_address_block(text, match.start()))
    first = name.split()[0] if name.split() else ""
    doctor = re.search(rf"\bdr\.?\s+{re.escape(first)}\b", text[: match.start()], re.I) if first.isalpha() else None
    if doctor is not None:
        block = normalise(_paragraph_around(text, doctor.start()))
    elif first[:1].isalpha():
        # "Dr T Wisniewski / Kestrel Bank Medical Centre" above the clinic dates, then "Dear Tom,": the addressee named
        # by the first name's initial at the head of a practice's address block (a "GP: Dr J Wisniewski" line in a
        # letter to the patient names the GP, not the addressee; nor is it the GP when the first name is the patient's)
        header = text[: match.start()]
        initial = re.search(rf"^[ \t]*dr\.?\s+{re.escape(first[0])}\.?\s+[a-z'-]{{2,}}", header, re.I | re.M)
        patients = re.search(rf"^[ \t]*(?:re|patient|name)\b[^\n]*\b{re.escape(first)}\b", header, re.I | re.M)
        if (
            initial is not None
            and patients is None
            and _GP_ADDRESS.search(normalise(_paragraph_around(text, initial.start())))
        ):
            return Audience.GP
    if _GP_ADDRESS.search(block):
        return Audience.GP
    if _COLLEAGUE_ADDRESS.search(block):
        return Audience.COLLEAGUE
    return Audience.PATIENT


def _paragraph_around(text: str, at: int) -> str:
    """The lines between the blank lines either side of position `at`."""
    start = text.rfind("\n\n", 0, at)
    end = text.find("\n\n", at)
    return text[start + 1 if start >= 0 else 0 : end if end >= 0 else len(text)]


_PARENTS = compiled(
    r"^(?:(?:mr|mrs|ms|miss|mx)\.?\s+(?:[\w'-]+\s+)?(?:and|&)\s+(?:mr|mrs|ms|miss|mx)\b|parents?\b|mum\b|carers?\b)"
)


def _to_parents(match: re.Match[str] | None) -> bool:
    """Whether the salutation `match` (_DEAR in the text) is to a child's parents."""
    return bool(match and _PARENTS.match(match.group(1).strip().lower()))


# each specialty heading behind the gate of the words it needs (most letters name one specialty of eighteen)
_SPECIALTY_HEADINGS = [(Gated(heading), services) for heading, services in lx.OWN_SPECIALTY_SERVICES]


def _own_services(norm: str) -> tuple[re.Pattern[str], ...]:
    """The clinics of the specialty named in the letter's heading, before the salutation or the patient's details."""
    head = norm[:600]
    cut = re.search(r"^\s*(?:dear|re\s*:|patient\s*:|pt\s*:|name\s*:)", head, re.M)
    head = head[: cut.start()] if cut else head
    return tuple(services for heading, services in _SPECIALTY_HEADINGS if heading.search(head))


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


_AMBER_RED = gated(
    r"\b(?:amber|red)(?:[- ]list)?\s+(?:\([^()]{1,30}\)\s+)?(?:drug|medicine|medication)|\b(?:amber|red)[- ]list"
    r"|\b(?:amber|red)\s+(?:on|in)\s+(?:the|our)\s+(?:local\s+|joint\s+|area\s+)?(?:formulary|traffic[- ]light)"
)
_NOT_SHARED = gated(
    r"\bnot\s+(?:an?\s+)?(?:shared[- ]care|amber|red|specialist)|\bgreen(?:[- ]list(?:ed)?)?\s+(?:drug|medic)"
    r"|\bnot\s+on\s+(?:the|our)\s+(?:local\s+)?(?:shared[- ]care|amber|red)\s+list|\bgreen\s+on\s+(?:the|our)\s+"
    r"|\bon\s+(?:the|our)\s+(?:local\s+)?green\s+list\b"
    r"|\bno\s+shared[- ]care\s+(?:agreement\s+|protocol\s+)?(?:is\s+)?(?:needed|required|necessary)\b"
)


# where a letter names the patient's GP: "GP: Dr G Pemberton, Canalside Medical Group", "your GP, Dr Rajesh Patel",
# "cc: Dr R Patel, Kestrel Medical Practice"
_GP_NAMED = gated(
    # (an advice and guidance reply names the practice's doctor as "Requesting clinician: Dr ...")
    r"\b(?:gp|general\s+practitioner|family\s+doctor|requesting\s+(?:clinician|gp|doctor)|referring\s+(?:gp|clinician))\s*"
    r"(?:name)?\s*[:,]?\s*(?:is\s+)?dr\.?\s+"
    r"(?:[a-z]\.?\s+|[a-z][\w'-]+\s+)?([a-z][\w'-]{2,})\b"
    r"|\bdr\.?\s+(?:[a-z]\.?\s+|[a-z][\w'-]+\s+)?([a-z][\w'-]{2,})\s*(?:,|\n)\s*[^\n,]{0,40}?\b(?:surgery|practice|"
    r"medical\s+(?:centre|center|group)|health\s+cent(?:re|er))\b"
)


# a hospital doctor the letter names with their post ("To: Dr A. Hussain, Consultant Endocrinologist")
_COLLEAGUE_NAMED = gated(
    r"\bdr\.?\s+(?:[a-z]\.?\s+|[a-z][\w'-]+\s+)?([a-z][\w'-]{2,})\s*[,(]?\s*(?:consultant|registrar|specialty\s+doctor|"
    r"associate\s+specialist|professor|clinical\s+(?:lead|director|fellow)|specialist\s+registrar|spr|sho)\b"
)
# the post before the name: "Local paediatrician: Dr G. Sutherland, Children's Unit, St Aldhelm's Hospital" (found from
# its colon, so that the search jumps from colon to colon rather than trying every word of the letter)
_NAMED_AFTER_A_COLON = compiled(r":\s*dr\.?\s+(?:[a-z]\.?\s+|[a-z][\w'-]+\s+)?([a-z][\w'-]{2,})\b")
_A_POST = compiled(
    r"\b(?:paediatrician|physician|surgeon|cardiologist|neurologist|nephrologist|oncologist|haematologist|"
    r"geriatrician|psychiatrist|obstetrician|consultant)\s*$"
)


def colleague_named(surname: str, ctx: LetterContext) -> bool:
    """Whether the letter names this doctor as a hospital doctor and not as the patient's GP."""
    if surname in ctx.gp_names:
        return False
    names = ctx.memo.get(_COLLEAGUE_NAMED)
    if names is None:
        names = ctx.memo[_COLLEAGUE_NAMED] = {m.group(1) for m in _COLLEAGUE_NAMED.finditer(ctx.norm)} | {
            m.group(1)
            for m in _NAMED_AFTER_A_COLON.finditer(ctx.norm)
            if _A_POST.search(ctx.norm, max(0, m.start() - 30), m.start())
        }
    return surname in names  # type: ignore[operator]


def _gp_names(norm: str) -> set[str]:
    """Surnames the letter gives the patient's GP."""
    return {m.group(1) or m.group(2) for m in _GP_NAMED.finditer(norm)} if "dr" in norm else set()


# a request to a doctor by name; it is to the GP when the name is the one the letter gives the GP. One pattern for every
# letter (a pattern built from each letter's names would be compiled again for every letter with a new name).
_DOCTOR = r"dr\.?\s+(?:[a-z]\.?\s+|[a-z][\w'-]+\s+)?([a-z][\w'-]{2,})\b"
DOCTOR_ASKED = gated(
    rf"\b(?:asked|ask|asking|requested|request|requesting)\s+{_DOCTOR}\s+(?:to|if|whether)\b"
    rf"|\b(?:written|writing|wrote|write)\s+to\s+{_DOCTOR}[^.]{{0,30}}?\b(?:asking|to\s+ask|requesting)\b"
    rf"|\b{_DOCTOR}\s+(?:will|to|could|can|should|would|please|is\s+going\s+to|has\s+agreed\s+to)\b"
    r"(?!\s+(?:be\s+(?:sent|copied|informed)|receive|get\s+a\s+copy))"
    # "Please could Dr Lee arrange a 7-day ambulatory ECG"
    rf"|\b(?:could|would|can)\s+{_DOCTOR}\s+(?:please\s+)?(?!be\b|not\b|have\b)[a-z]{{3,}}"
    # the GP spoken to by name mid-sentence in a letter to the patient: "I have encouraged you to talk to your GP about
    # this, and Dr Sandhu, I would be grateful if you could review her mood"
    rf"|(?:[,;:–-]|\band)\s+{_DOCTOR}\s*,\s*(?:i\s+would\s+be\s+grateful\s+if\s+you|(?:could|would|can)\s+you|please)\b"
)


def gp_asked_by_name(norm: str, ctx: LetterContext) -> re.Match[str] | None:
    """The first request in ``norm`` to a doctor the letter names as the patient's GP."""
    if not ctx.gp_names or "dr" not in norm:
        return None
    for match in DOCTOR_ASKED.finditer(norm):
        if match.group(match.lastindex or 0) in ctx.gp_names:
            return match
    return None


_TRUST_NAME = compiled(
    r"^\W*((?:[a-z][a-z'-]+\s+){0,2}?[a-z][a-z'-]{3,})\s+(?:(?:and|&)\s+(?:[a-z][\w'-]+\s+){1,2})?(?:university\s+|teaching\s+|"
    r"general\s+|royal\s+)?(?:hospitals?|nhs|healthcare|health\s+care|infirmary|university|community\s+health|"
    r"health\s+(?:services|partnership))\b",
    re.M,
)
_NOT_A_NAME = {
    "the",
    "department",
    "emergency",
    "trust",
    "foundation",
    "university",
    "general",
    "royal",
    "teaching",
    "county",
}


def _trust_names(norm: str) -> tuple[str, ...]:
    """The place names the writing trust goes by, from the letter's first lines."""
    names = []
    for match in _TRUST_NAME.finditer(norm[:400]):
        words = [w for w in match.group(1).split() if w not in _NOT_A_NAME]
        if words:
            names.append(" ".join(words))
    return tuple(dict.fromkeys(names))


_GP_DIRECT_ACCESS = compiled(
    r"\b(?:gp\s+)?direct[- ]access\b"
    # "DXA REPORT (GP DIRECT REFERRAL)", "GP open-access echo request"
    r"|\bgp\s+(?:direct\s+(?:referral|request)|open[- ]access)\b"
    # a pathology report's specimen taken by the practice: "Source: Dr Y. Bannerjee, Coombe Cross Surgery (GP minor
    # surgery)"
    r"|^\s*source\s*:[^\n]*\b(?:surgery|practice|medical\s+cent(?:re|er)|health\s+cent(?:re|er))\b"
    # ("Sender / requesting clinician: Dr S Okafor (GP), The Maltings Surgery"; not "Referrer:", which a clinic letter
    # or a missed-appointment notice also heads with the practice that referred the patient to the hospital)
    r"|^\s*(?:sender\s*/\s*)?(?:requested\s+by|requesting\s+(?:clinician|gp|doctor)|requester|requestor)\s*:[^\n]*\b(?:surgery|practice|medical\s+"
    r"cent(?:re|er)|health\s+cent(?:re|er)|gp)\b",
    re.M,
)


# "Please would you request this via the direct access endoscopy service": a request to use the practice's direct
# access, not a report on a test it asked for
# ("please could you arrange a direct access ultrasound of the abdominal aorta" asks the same)
_VIA_DIRECT_ACCESS = compiled(
    r"\b(?:through|via|using)\s+(?:your\s+|the\s+)?(?:gp\s+)?direct[- ]access\b"
    r"|\b(?:arrange|request|book|order)\s+(?:him\s+|her\s+|them\s+)?(?:a\s+|an\s+|the\s+)?(?:gp\s+)?direct[- ]access\b"
)


def _is_direct_access_report(head: str) -> bool:
    if "direct" in head:
        head = _VIA_DIRECT_ACCESS.sub(" ", head)
    # (each form _GP_DIRECT_ACCESS knows holds one of these words: "direct access", "direct referral", "requested by")
    return ("access" in head or "referr" in head or "request" in head or "source" in head) and bool(
        _GP_DIRECT_ACCESS.search(head)
    )


_REPORT_HEAD = 1500  # characters: where a report's header says who asked for the test
# a report's header line naming who asked for the test
_REQUESTER = compiled(
    r"(?m)^\s*(?:sender\s*/\s*)?(?:requested\s+by|(?:requesting|referring)\s+(?:clinician|consultant|doctor)|referrer|ordered\s+by|"
    r"requester)\s*:"
    r"\s*([^\n]+)"
)
_HOSPITAL_REQUESTER = compiled(
    r"\b(?:consultant|registrar|clinic|ward|department|dept|team|specialist\s+nurse|surgeon|physician|hospital)\b"
)
_GP_REQUESTER = compiled(
    r"\b(?:gp|general\s+practi\w+|surgery|practice|health\s+cent(?:re|er)|medical\s+cent(?:re|er)|your)\b"
)
# the header of an advice reply: "Advice & Guidance - response to GP request (e-RS)", "REFERRAL RETURNED WITH ADVICE"
_ADVICE_REPLY = compiled(
    r"(?m)\badvice\s+(?:and|&)\s+guidance\b[^\n]{0,40}\b(?:response|reply|answer|outcome)\b"
    r"|\b(?:response|reply)\s+to\s+(?:your\s+|the\s+|gp\s+)?(?:advice\s+(?:and|&)\s+guidance|a&g)\b"
    r"|\ba&g\s+(?:response|reply)\b"
    r"|\breferral\s+(?:returned|rejected|declined|not\s+accepted)\b"
    r"|\breturned\s+(?:to\s+(?:the\s+)?referrer\s+)?with\s+advice\b"
    # "REFERRAL OUTCOME: NOT ACCEPTED - RETURNED TO REFERRER"
    r"|\breturned\s+to\s+(?:the\s+)?referrer\b"
    # an e-RS advice form: "Advice and Guidance ... Response sent: 22/01/2026 ... Advice given:"
    r"|^\s*(?:response\s+sent|advice\s+given)\s*:"
    # an advice form's dates: "Date of request: 16/06/2026   Date of reply: 18/06/2026"
    r"|\bdate\s+of\s+(?:reply|response)\s*:"
    # a short title line naming the service: "Rheumatology Advice & Guidance", "ADVICE & GUIDANCE (e-RS)", "Teledermatology
    # advice & guidance - Brackenmoor dermatology"
    r"|^[^\n.]{0,40}\badvice\s+(?:and|&)\s+guidance\b[^\n.]{0,60}$"
    # "Consultant response", "Primary Care Liaison - Psychiatric Advice Line (written reply)", "Query received 02/11; reply"
    r"|^\s*(?:consultant|specialist)\s+(?:response|reply|advice)\s*:?\s*$|\badvice\s+line\b[^\n]{0,30}\b(?:reply|response)\b"
    r"|\bquery\s+received\b[^\n]{0,40}\breply\b"
)
# ... unless the hospital has seen the patient after all, or has them under its care
_SEEN_BY_US = compiled(
    # (not "there is nothing on the CT that needs him to be seen in clinic now")
    r"\b(?:i|we)\s+(?:saw|reviewed|examined|assessed)\s+(?:him|her|them|the\s+patient)\b|(?<!be\s)\bseen\s+in\s+(?:clinic|the\s+clinic)\b"
    # "She is well known to us ... under the heart failure nurses ... booked into my heart failure clinic"
    r"|\b(?:well\s+)?known\s+to\s+(?:us|me|our\s+(?:[\w-]+\s+){0,2}(?:service|team|clinic))\b"
    r"|\bunder\s+(?:our|my|the\s+(?:[\w-]+\s+){1,3})(?:care|team|clinic|nurses|follow[- ]up)\b"
    r"|\bbooked\s+in(?:to|\s+to)?\s+(?:my|our)\s+(?:[\w-]+\s+){0,2}clinic\b|\bour\s+patient\b(?!\s+information)"
    # an advice request the trust has taken on: "I have converted this request into a routine referral"
    r"|(?<!not\s)(?<!n't\s)(?<!never\s)\b(?:converted|turned|accepted)\s+(?:this|the|your)\s+(?:[\w&-]+\s+){0,2}(?:request|query)\s+(?:in)?to\s+(?:a\s+)?"
    r"(?:[\w-]+\s+)?referral\b"
)


# a referral sent back unseen: "RETURNED REFERRAL", "Your referral ... has been returned to you via the e-Referral
# Service", "This referral has been returned because it is incomplete"
_REFERRAL_SENT_BACK = compiled(
    r"\b(?:returned\s+referral|referral\s+returned)\b"
    r"|\b(?:your|this|the)\s+referral\b[^.\n]{0,120}\b(?:has\s+been|was|is\s+being)\s+(?:returned|rejected|declined)\b"
    # "I am returning the referral with the following advice", "I have had to return this referral", "e-RS Referral Return
    # Notice", "Status: Returned - does not meet commissioning criteria"
    r"|\b(?:returning|return)\s+(?:this|the|your)\s+referral\b|\breferral\s+return\b|\bstatus\s*:\s*returned\b"
)


# an advice and guidance header ("Medicine for Older People - Advice & Guidance") over a reply to the practice's
# question ("Thank you for your query about Mrs Saltonstall's recurrent falls")
_ADVICE_HEADER = compiled(r"\badvice\s+(?:and|&)\s+guidance\b|\ba&g\b")
_THANKS_FOR_THE_QUESTION = compiled(
    r"\bthank\s+you\s+for\s+(?:your|the)\s+(?:[\w&-]+\s+)?(?:query|question|advice\s+request|a&g\s+request)\b"
)


def _is_advice_reply(norm: str) -> bool:
    """A reply about a patient the trust has not taken on: an advice reply, or a referral sent back unseen."""
    head, wider = norm[:_ADVICE_HEAD], norm[:_SENT_BACK_HEAD]
    advice_in_head = "advice" in head or "a&g" in head
    replied = (
        ("referral" in wider and _REFERRAL_SENT_BACK.search(wider) is not None)
        or (
            advice_in_head
            and _ADVICE_HEADER.search(head) is not None
            and _THANKS_FOR_THE_QUESTION.search(wider) is not None
        )
        or ((advice_in_head or "referral" in head) and _ADVICE_REPLY.search(head) is not None)
    )
    return replied and not _SEEN_BY_US.search(norm)


_ADVICE_HEAD = 400  # characters: where a letter's own header says what kind of reply it is
_SENT_BACK_HEAD = 1200  # characters: where a returned referral says so, after the practice's address block

# ("did not attend his first appointment in my clinic on 2nd June": a date, not a second appointment)
_NOT_A_DATE = r"(?!\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)"
_REPEATED_DNA = compiled(
    # "after three missed appointments and repeated attempts at contact"
    r"\b(?:two|three|four|several|multiple|repeated|2|3|4)\s+(?:consecutive\s+|successive\s+)?missed\s+(?:appointments|appts|contacts)\b|"
    # "He has not attended this second appointment either"
    r"\bnot\s+attended\s+(?:this|the|his|her|their)\s+(?:second|2nd|rebooked|further)\s+appointment\b|"
    r"\b(?:second|two|twice|both|2nd|third|3rd|three|several|multiple|further|another|repeated(?:ly)?)\s+(?:\w+\s+){0,3}"
    r"(?:appointments?|appts?)\b[^.]{0,40}"
    r"\b(?:missed|not\s+attended|dna)"
    r"|\b(?:did\s+not\s+attend|dna'?d?|missed|was\s+not\s+brought)\b[^.]{0,40}\b(?:twice|again|two\s+(?:appointments|times)|"
    rf"second|both|2nd{_NOT_A_DATE}|a\s+further)\b"
    # "did not attend his rebooked appointment", "has now not attended two consecutive appointments"
    r"|\b(?:did\s+not\s+attend|missed|not\s+attended|was\s+not\s+brought\s+to)\s+(?:his|her|their|the)\s+rebooked\b"
    r"|\b(?:not\s+attended|missed|did\s+not\s+attend)\s+(?:two|2|three|both)\b"
)


def build_context(text: str, doc_type: str | None) -> LetterContext:
    norm = normalise(text)
    salutation = _DEAR.search(text)
    audience = _audience(text, salutation)
    return LetterContext(
        doc_type=doc_type or infer_doc_type(text),
        audience=audience,
        norm=norm,
        advice_only=_is_advice_reply(norm),
        to_parents=audience is Audience.PATIENT and _to_parents(salutation),
    )
