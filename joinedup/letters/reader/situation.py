"""What the letter says happened, as evidence for the learned verdict (decision 0035).

Whose job a request is turns on the situation more than on its wording: whether the hospital operated, ordered
tests or has results pending, started a medicine and supplied it or not, promised its own follow-up or discharged
the patient, suspects cancer, or is treating something that keeps the patient off work. Each such fact is found
once per letter, and again in the request with the sentence before it, and given to the model crossed with the
request's category, so that "the hospital ordered tests" weighs for a request about results and not for a repeat
prescription. The same terms are made for training (from the gold request, its category and its letter) and for
reading (from the request the rules found), so the weights do not depend on the rules' verdicts.
"""

from __future__ import annotations

from . import lexicon as lx
from .context import LetterContext
from .gate import Either, Gated, gated
from .learned import terms

# Each fact: a short name (part of the model's terms) and what says it, behind the cheap substring gate each
# pattern's own text allows (gate.py). Written once, for letters in general, not for any annotated letter's wording.
FACTS: dict[str, Gated | Either] = {
    "operated": gated(
        r"\b(?:underwent|had|performed|undergone)\b[^.]{0,60}\b(?:operation|surgery|repair|excision|\w+ectomy|\w+otomy"
        r"|\w+plasty|arthroscop\w*|laparoscop\w*|biopsy|procedure)\b|\bpost[- ]?op|\bday[- ]case\b"
    ),
    "hospital_tests": gated(
        r"\b(?:i|we)\s+(?:have\s+)?(?:also\s+)?(?:requested|arranged|ordered|sent|booked|taken|took)\b|\bpending\b"
        r"|\bawaited\b|\boutstanding\b|\bnot\s+yet\s+(?:back|available)"
    ),
    "hospital_follows_up": gated(
        r"\b(?:i|we)\s+will\s+(?:see|review|follow)|\bfollow[- ]up\s+(?:in|appointment)"
        r"|\breview\s+(?:her|him|them)?\s*in\s+(?:the\s+)?(?:\w+\s+)?clinic|\bclinic\s+in\s+\d|\bsee\s+(?:him|her|them)\s+again"
    ),
    "discharged": gated(
        r"\bdischarg\w*\s+(?:him|her|them|the\s+patient)?\s*(?:back\s+)?(?:to|from)\s+(?:your|the|gp|our)"
        r"|\bno\s+(?:further\s+)?(?:follow[- ]up|appointment)|\bnot\s+(?:arranged|booked|made)\s+(?:any\s+)?(?:further|a\s+further)"
    ),
    "supplied": gated(r"\bsupplied\b|\btto\b|\bdays?'?\s+(?:supply|of\s+tablets)\b|\bgiven\s+\d+\s+days"),
    "not_supplied": gated(
        r"\bnot\s+(?:been\s+)?supplied\b|\bno\s+(?:medication|medicines|tto)\s+(?:was\s+)?(?:supplied|given)"
    ),
    "hospital_started": gated(
        r"\b(?:i|we)\s+(?:have\s+)?(?:started|commenced|initiated)\b|\bnew(?:ly)?\s+started\b|\bstarted\s+on\b"
    ),
    "suspected_cancer": gated(r"\bsuspicio|\bmalignan|\bcancer\b|\b2\s?ww\b|\btwo[- ]week"),
    "off_work": gated(r"\bunfit\b|\boff\s+work\b|\bfit\s+note\b|\bsick\s+note\b|\bmed\s?3\b|\breturn\s+to\s+work"),
    "specialist_drug": lx.SPECIALIST_DRUG_RE,
    "hospital_voice": gated(r"\b(?:we|our|us|i)\b"),
    "second_person": gated(r"\byour?\b"),
    "patient_to_gp": gated(
        r"\b(?:see|contact|ask|speak\s+to|make\s+an\s+appointment\s+with)\s+(?:your|his|her|their)\s+gp\b"
    ),
}


def _facts_in(text: str) -> list[str]:
    return [name for name, says in FACTS.items() if says.found_in(text)]


def _letter_facts(ctx: LetterContext) -> list[str]:
    """The facts anywhere in the letter, found once however many requests it holds."""
    key = "situation.letter_facts"
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = _facts_in(ctx.norm)
    return found  # type: ignore[return-value]


def situation_terms(quote: str, norm: str, before: str, category: str, ctx: LetterContext) -> list[str]:
    """The model's terms for one request: its own words, then its category with the kind of letter and whom it
    addresses, then each fact of the letter and of the request's own sentences, alone and crossed with the category.

    `norm` is the request's normalised text and `before` the normalised sentence before it in its paragraph."""
    made = terms(quote)
    made += [f"cat={category}", f"cat={category}|doc={ctx.doc_type}", f"cat={category}|audience={ctx.audience.value}"]
    for name, holds in (("dna", ctx.dna), ("advice", ctx.advice_only), ("direct_access", ctx.gp_direct_access)):
        if holds:
            made.append(f"cat={category}|{name}")
    made.append(f"cat={category}|shared_care={ctx.shared_care_in_place}")
    for name in _letter_facts(ctx):
        made += [f"letter:{name}", f"cat={category}|letter:{name}"]
    for name in _facts_in(f"{before} {norm}"):
        made += [f"request:{name}", f"cat={category}|request:{name}"]
    return made


# How each fact reads in the reason a GP sees
_FACT_TEXT = {
    "operated": "an operation or procedure",
    "hospital_tests": "tests the hospital ordered or awaits",
    "hospital_follows_up": "the hospital's own follow-up",
    "discharged": "a discharge back to the practice",
    "supplied": "medicines supplied",
    "not_supplied": "medicines not supplied",
    "hospital_started": "a medicine the hospital started",
    "suspected_cancer": "suspected cancer",
    "off_work": "time off work",
    "specialist_drug": "a specialist drug",
    "hospital_voice": "the hospital speaking of itself",
    "second_person": "words to 'you'",
    "patient_to_gp": "the patient sent to the GP",
}
_LETTER_KINDS = {"clinic_letter": "clinic letter", "discharge_summary": "discharge summary", "ed_letter": "ED letter"}


def describe(term: str) -> str:
    """A model term as a GP would read it in a reason: a word in quotes, or what the letter says."""
    fact = term.rpartition(":")[2] if ":" in term else ""
    if term.startswith(("letter:", "cat=")) and "letter:" in term:
        return f"the letter mentions {_FACT_TEXT.get(fact, fact)}"
    if "request:" in term:
        return f"the request mentions {_FACT_TEXT.get(fact, fact)}"
    if term.startswith("cat=") and "|doc=" in term:
        kind = term.rpartition("=")[2]
        return f"a {term[4:].split('|')[0].replace('_', ' ')} request in a {_LETTER_KINDS.get(kind, kind)}"
    if term.startswith("cat="):
        return f"a {term[4:].split('|')[0].replace('_', ' ')} request"
    return f"'{term}'"
