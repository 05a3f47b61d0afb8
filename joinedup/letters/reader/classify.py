"""Category and verdict for a sentence already known to be a request to the GP."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon as lx
from .context import LetterContext
from .gate import gated

_MONITOR = gated(
    rf"\b{lx.MONITOR_VERB}\w*\s+(?:(?:his|her|their|the|a|repeat|serum|yearly|annual|regular|\w+-monthly)\s+)*(?:[\w-]+\s+){{0,3}}?"
    rf"(?:(?:{lx.LAB_TESTS})\b)"
    rf"|^\s*(?:[\w/:]+\s+){{0,3}}(?:(?:{lx.LAB_TESTS})\b)(?:\s*(?:/|,|and|\+|&)\s*(?:{lx.LAB_TESTS})\b)*[^.;]{{0,30}}?(?:{lx.TIME_PHRASE})"
    rf"|\b(?:{lx.LAB_TESTS})\b[^.;]{{0,60}}\b(?:checks?|checking|checked|monitoring|monitored|repeated|repeating|"
    rf"re-?check(?:s|ed|ing)?|measur(?:ed|ing)|test(?:ed|ing))\b"
    rf"|\b(?:repeat|re-?check|check)\s+(?:them|these|the\s+bloods?|the\s+tests?|the\s+blood\s+tests?)\b",
    re.I,
)
_INVESTIGATE = re.compile(
    rf"\b(?:request|arrange|organise|organize|refer\s+for|book|consider|order|do|repeat|for|need\w*|have)\b[^.;]{{0,40}}\b(?:{lx.IMAGING_TESTS})\b"
    rf"|^\s*(?:\w+\s+){{0,2}}(?:{lx.IMAGING_TESTS})\b",
    re.I,
)
_MED_REVIEW = re.compile(
    r"\breview\b[^.]{0,30}\b(?:whether|his|her|the)\b[^.]{0,30}\b(?:"
    + r"\w+(?:pril|olol|statin|prazole)|aspirin|medication|medicines|antihypertensives?|tablets|inhalers?|dose)\b",
    re.I,
)
_SPEC_VERB = re.compile(
    r"\b(?:prescrib\w*|take\s+over|continue|increase|reduce|amend|start|stop|switch|titrate|repeats?|supply|dose|mg)\b|↑|↓",
    re.I,
)
# a test for a problem not yet known or diagnosed is a new investigation, not monitoring of a known one
NEW_PROBLEM = gated(
    r"\bnever\s+(?:had|been\s+(?:checked|tested|screened|assessed))\b|\bnot\s+(?:previously|yet|recently)\s+(?:had|been)\b"
    r"|\bto\s+(?:confirm|exclude|rule\s+out|look\s+for|screen\s+for|check\s+for|establish|investigate|diagnose|see\s+whether|"
    r"see\s+if|find\s+out)\b(?![^.;|]{0,40}\b(?:resolv|resolution|settl|improv|normali[sz]|stable|recover|return|back\s+to))|\bscreen(?:ing)?\s+for\b|\b(?:cardiovascular|cv|fracture)\s+risk\s+assess\w*|\bq-?risk\w*"
    r"|\bno\s+known\b|\bnot\s+known\s+to\s+have\b|\bundiagnosed\b|\b(?:possible|probable|suspected|new)\s+(?:diagnosis|"
    r"diabetes|hypothyroidism|hyperthyroidism|coeliac|anaemia|ckd|hypertension)\b|\bnew(?:ly)?[- ](?:raised|high|low|abnormal)\b",
    re.I,
)
# "when you next see her" times a request, it does not ask for a review
_TIMING_CLAUSE = re.compile(
    r"\b(?:until|when|whenever|next\s+time|the\s+next\s+time|once)\s+(?:you|the\s+gp|the\s+practice)\s+(?:next\s+)?"
    r"(?:see|review|r/v)s?\s+(?:him|her|them|the\s+patient)\b(?:\s+next)?",
    re.I,
)
_CONDITION_FIRST = re.compile(r"\s*(?:if|should|were|in\s+the\s+event|where|once|unless)\b", re.I)
_GP_OWNER = re.compile(r"\b(?:gp|practice|surgery|primary\s+care|general\s+practi\w+)\b", re.I)
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@dataclass
class Judgement:
    category: str
    verdict: str
    rule: str | None
    reason: str


def _mentions_specialist(norm: str, ctx: LetterContext) -> bool:
    if any(re.search(rf"\b{re.escape(name)}\b", norm) for name in ctx.ordinary_names):
        return False
    if lx.SPECIALIST_DRUG_RE.search(norm):
        return True
    return any(re.search(rf"\b{re.escape(name)}\b", norm) for name in ctx.specialist_names)


def _ordinary_first(norm: str) -> bool:
    """ "Prescribe folic acid 5 mg weekly, on a different day from the methotrexate": the drug asked for is the first
    one named after the prescribing verb, and here it is an ordinary one."""
    verb = _SPEC_VERB.search(norm)
    if not verb:
        return False
    rest = norm[verb.start() :]
    special = lx.SPECIALIST_DRUG_RE.search(rest)
    ordinary = lx.DRUG_NAME.search(rest)
    if not ordinary or lx.SPECIALIST_DRUG_RE.fullmatch(ordinary.group(0)):
        return False
    return special is None or ordinary.start() < special.start()


def categorise(norm: str, ctx: LetterContext, before: str = "") -> str:
    """The kind of request. The order encodes which cue wins when several appear.

    `before` is the text just before the request in the same paragraph ("No known diabetes. HbA1c to be
    checked."), read only for cues that qualify the request.
    """
    # in "If her Na falls below 130, please stop the sertraline" the condition names a test but the
    # request is the main clause
    if _CONDITION_FIRST.match(norm) and "," in norm:
        main = norm.split(",", 1)[1]
        if re.search(rf"\b(?:{lx.PLEASE}|gp\s+to|could\s+you|would\s+you)\b", main):
            norm = main
    norm = _TIMING_CLAUSE.sub(" ", norm)
    if lx.FIT_NOTE.search(norm):
        return "fit_note"
    if lx.CHASE_APPOINTMENT.search(norm) and not re.search(r"\b(result|histology|culture|biops)", norm):
        return "admin"
    if lx.PATIENT_SENT_TO_GP.search(norm) or lx.ANSWER_QUESTIONS.search(norm):
        return "admin"
    if lx.AFTERCARE.search(norm):
        return "follow_up"
    if lx.ADMIN.search(norm) and not re.search(r"\brepeat(?:s|\s+prescri\w*)?\b", norm):
        return "admin"
    re_refer = lx.RE_REFER.search(norm)
    if re_refer:
        monitor = _MONITOR.search(norm)
        investigate = _INVESTIGATE.search(norm)
        # "repeat the PSA in 3 months and re-refer if it rises": the first request is the main one
        if monitor and monitor.start() < re_refer.start():
            return "monitoring"
        if investigate and investigate.start() < re_refer.start():
            return "investigation"
        return "follow_up"
    if lx.RESULTS.search(norm) and not _MONITOR.search(norm.split("result")[0] if "send" in norm else ""):
        return "results"
    if lx.REFERRAL.search(norm) and not re.search(r"\bthank\w*\s+you\s+for\s+(?:your\s+)?referr", norm):
        return "referral"
    if lx.FOLLOW_UP.search(norm) and not _MED_REVIEW.search(norm) and not _MONITOR.search(norm):
        return "follow_up"
    if lx.TAKE_OVER_SPECIALIST.search(norm):
        return "specialist_prescribing"
    if (
        _mentions_specialist(norm, ctx)
        and _SPEC_VERB.search(norm)
        and not _MONITOR.search(norm)
        and not _ordinary_first(norm)
    ):
        return "specialist_prescribing"
    if _MONITOR.search(norm):
        imaging = lx.IMAGING_RE.search(norm)
        lab = lx.LAB_RE.search(norm)
        if imaging and (not lab or imaging.start() < lab.start()):
            return "investigation"
        if NEW_PROBLEM.search(norm) or NEW_PROBLEM.search(before):
            return "investigation"
        return "monitoring"
    if _INVESTIGATE.search(norm):
        return "investigation"
    if lx.MEDICATION.search(norm) or _MED_REVIEW.search(norm) or lx.DRUG_NAME.search(norm):
        return "medication"
    if lx.LAB_RE.search(norm):
        return "investigation" if NEW_PROBLEM.search(norm) or NEW_PROBLEM.search(before) else "monitoring"
    if lx.IMAGING_RE.search(norm):
        return "investigation"
    if re.search(r"\b(?:review|see|r/v|rv|reassess)\b", norm):
        return "follow_up"
    return "admin"


def _short_supply(norm: str) -> bool:
    if lx.SHORT_SUPPLY.search(norm):
        return True
    for match in lx.DAYS_SUPPLIED.finditer(norm):
        raw = match.group(1) or match.group(2)
        days = int(raw) if raw.isdigit() else _WORDS.get(raw, 99)
        if days < 7:
            return True
    return False


def _table_days_short(cells: list[str]) -> bool:
    """A bare number of days in a medication table row ("| NEW | 3 | GP to prescribe")."""
    for cell in cells[1:-1]:
        if re.fullmatch(r"\d{1,2}", cell.strip()) and int(cell) < 7:
            return True
    return False


def judge(
    norm: str,
    ctx: LetterContext,
    cells: list[str] | None = None,
    after_specialist: bool = False,
    before: str = "",
    prior: str = "",
) -> Judgement:
    """Category, verdict, rule and a reason a GP can read.

    The verdict asks whose job the task is by default (RULES.md); cue words are evidence for that, and some
    evidence sits outside the request's own sentence: the finding the hospital made just before it (`prior`,
    the unit before, in any paragraph), or the test the letter says the hospital itself ordered."""
    category = categorise(norm, ctx, before)
    if category in ("results", "medication") and lx.RESULT_TO_HOSPITAL_TEAM.search(norm) and lx.LAB_RE.search(norm):
        # "check his U&Es in 2 weeks and let me know the result so I can decide on the dose": a test for the
        # hospital's own decision, not a result to act on or a medicine to change
        category = "monitoring"
    if category == "investigation" and lx.TELL_RESULT.search(norm):
        # "let her know the coeliac result when it comes back": telling a result, not ordering a test
        category = "results"
    cells = cells or []
    rule: str | None = None
    why = ""
    if category == "fit_note":
        rule, why = "fit_note", "the hospital should issue the fit note for the period until recovery or review"
    elif category == "admin":
        if lx.CHASE_APPOINTMENT.search(norm) or lx.PATIENT_SENT_TO_GP.search(norm) or lx.ANSWER_QUESTIONS.search(norm):
            rule, why = "contact_point", "the hospital should be the patient's point of contact for its own care"
    elif category == "follow_up":
        if lx.RE_REFER.search(norm) and ctx.dna:
            rule, why = "dna_discharge", "after one missed appointment the hospital should rebook, not discharge"
        elif lx.PROVIDER_FOLLOW_UP.search(norm) or lx.AFTERCARE.search(norm):
            rule, why = (
                "provider_follow_up",
                "follow-up that the hospital's own care needs is the hospital's to arrange",
            )
    elif category == "referral":
        related = lx.ONWARD_RELATED.search(norm)
        # "Quite separately, she has hearing loss. Please refer her to audiology." sets the context a sentence earlier
        unrelated = lx.UNRELATED.search(norm) or lx.UNRELATED.search(before)
        urgent = re.search(
            r"\b2\s?ww\b|\btwo[- ]week|\burgent(?:ly)?\b|\bsuspicious|\bsuspect|\bmalignan|\bcancer\b", norm
        )
        if urgent and not lx.NOT_URGENT_REFERRAL.search(norm):
            rule = "onward_referral"
        elif (
            lx.SUSPECTED_FINDING.search(prior)
            and not lx.NOT_URGENT_REFERRAL.search(norm)
            and not _SAYS_UNRELATED.search(norm)
            and not _SAYS_UNRELATED.search(prior)
        ):
            # the hospital found something it suspects is cancer and asks the GP to refer it on: the referral
            # follows from the hospital's own finding, so it is the hospital's to make however the request is worded
            rule = "onward_referral"
        elif related and not unrelated:
            rule = "onward_referral"
        elif _follows_from_the_condition(norm, ctx) and not (
            _SAYS_UNRELATED.search(norm) or _SAYS_UNRELATED.search(before)
        ):
            # related to the condition the letter is about: the hospital's however routine (RULES.md)
            rule = "onward_referral"
        if rule:
            why = "an urgent, suspected-cancer or related onward referral is the hospital's to make"
    elif category == "results":
        if lx.HOSPITAL_ORDERED_RESULT.search(norm) or (
            lx.TELL_RESULT.search(norm) and lx.HOSPITAL_ARRANGED_TEST.search(ctx.norm)
        ):
            rule, why = "test_results", "the hospital should act on and tell the patient about tests it ordered"
    elif category in ("monitoring", "investigation"):
        if ctx.shared_care_in_place is not True and (after_specialist or _mentions_specialist(norm, ctx)):
            rule, why = "shared_care", "specialist drug monitoring stays with the hospital until shared care is agreed"
        elif lx.PROVIDER_FOLLOW_UP.search(norm) or lx.RESULT_TO_HOSPITAL_TEAM.search(norm) or _surveillance(norm, ctx):
            rule, why = "provider_follow_up", "tests that the hospital's own follow-up needs are the hospital's to do"
    elif category == "specialist_prescribing":
        if _urgent_start(norm):
            rule, why = (
                "outpatient_medication",
                "a medicine that must start straight after clinic should be supplied by the hospital",
            )
        elif ctx.shared_care_in_place is not True:
            rule, why = (
                "shared_care",
                "a specialist drug stays with the hospital until a shared care agreement is in place",
            )
    elif category == "medication":
        if _short_supply(norm) or _table_days_short(cells):
            rule, why = (
                "discharge_medication",
                "the hospital should supply at least 7 days (or the full course) on discharge",
            )
        elif _urgent_start(norm):
            if ctx.doc_type in ("discharge_summary", "ed_letter"):
                rule, why = "discharge_medication", "medicines needed straight away should be supplied on discharge"
            else:
                rule, why = (
                    "outpatient_medication",
                    "a medicine that must start straight after clinic should be supplied by the hospital",
                )
    verdict = "inappropriate" if rule else "appropriate"
    if rule == "shared_care" and lx.SHARED_CARE_IN_PLACE.search(norm) and not lx.SHARED_CARE_NOT_IN_PLACE.search(norm):
        # the sentence itself says this drug is already under an agreed shared care arrangement
        rule, verdict = None, "appropriate"
    reason = _reason(category, rule, why)
    return Judgement(category=category, verdict=verdict, rule=rule, reason=reason)


# Said to be another matter: unlike UNRELATED, "routine" here is the referral's priority, not its subject.
_SAYS_UNRELATED = re.compile(
    r"\bunrelated\b|\bnot\s+related\b|\bnot\s+connected\b|\bunconnected\b|\bseparate\s+(?:issue|problem|matter)\b"
    r"|\b(?:quite\s+)?separately\b|\bnothing\s+to\s+do\s+with\b",
    re.I,
)


def _follows_from_the_condition(norm: str, ctx: LetterContext) -> bool:
    """A referral to a service that follows from the condition the letter is about (cardiac rehab after
    a heart attack, the falls service after a fall, speech and language therapy after a stroke)."""
    letter = ctx.norm.replace(norm, " ")  # the condition is named elsewhere, not by the service's own name
    return any(service.search(norm) and condition.search(letter) for service, condition in lx.RELATED_SERVICES)


def _urgent_start(norm: str) -> bool:
    return bool(START_OR_URGENT.search(norm)) and bool(lx.URGENT_START.search(norm)) and not lx.NOT_URGENT.search(norm)


START_OR_URGENT = gated(
    r"\b(?:start|starting|commence|commencing|begin|initiate|prescribe|issue|put\s+\w+\s+on)\b", re.I
)


def _surveillance(norm: str, ctx: LetterContext) -> bool:
    return any(re.search(rf"\b{re.escape(term)}\b", norm) for term in ctx.surveillance_terms if len(term) >= 3)


_CATEGORY_TEXT = {
    "medication": "Medication request",
    "monitoring": "Monitoring request",
    "investigation": "Investigation request",
    "results": "Results request",
    "referral": "Referral request",
    "follow_up": "Follow-up request",
    "fit_note": "Fit note request",
    "specialist_prescribing": "Specialist prescribing request",
    "admin": "Administrative request",
}


def _reason(category: str, rule: str | None, why: str) -> str:
    head = _CATEGORY_TEXT[category]
    if rule:
        return f"{head} that breaches '{rule}': {why}."
    return f"{head} the practice can reasonably take on."
