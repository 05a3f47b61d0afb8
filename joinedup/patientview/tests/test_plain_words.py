"""Issue 15 / decision 0023: what patients read aims at a reading age of about 9, and staff shorthand
("A&G", "2WW", "TTO", "A&E") never appears without what it means.

Every text the patient's view shows (presenters.patient_sentences) and every text another domain
registered with core.patient_items (urgent escalations) is measured with textstat (pinned in
requirements/test.txt; its syllable counts come from the bundled CMU dictionary, nothing downloaded).

- The whole body of text: Flesch-Kincaid grade at most 4.5 (a reading age of about 9 to 10) and
  Flesch reading ease at least 75 ("fairly easy" to "easy").
- Each text of 7 words or more that is sentences (headings are not: the formula assumes sentences,
  so they count in the whole body only): Flesch-Kincaid grade at most 8. The formula is noisy on short
  sentences (it scores "The hospital has your referral." at grade 7.6 for its two 3-syllable words,
  which no patient can be spared), so this is a ceiling against an outlier, not the target.
- Each sentence: 20 words or fewer (the NHS content guide's long-sentence limit).
"""

from __future__ import annotations

import re

import pytest
import textstat

from joinedup.core import patient_items
from joinedup.patientview import presenters

CORPUS_GRADE_CEILING = 4.5
CORPUS_EASE_FLOOR = 75.0
TEXT_GRADE_CEILING = 8.0
SENTENCE_WORDS = 20

# Shorthand staff use, and words that must appear beside it (its meaning) when a patient reads it.
SHORTHAND = {
    "A&G": "advice and guidance",
    "2WW": "2-week wait",
    "TTO": "to take out",
    "A&E": "emergency department",
    "UCR": "urgent community response",
    "SDEC": "same-day emergency care",
}


def is_sentences(text: str) -> bool:
    return text.rstrip().endswith((".", "?", "!", '"'))


def all_texts() -> list[str]:
    registered = patient_items.registered_sentences()
    return presenters.patient_sentences() + [text for texts in registered.values() for text in texts]


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def words(text: str) -> int:
    return len(text.split())


def unexplained_shorthand(text: str) -> list[str]:
    return [
        short
        for short, meaning in SHORTHAND.items()
        if re.search(rf"(?<![\w&]){re.escape(short)}(?![\w&])", text) and meaning.lower() not in text.lower()
    ]


def test_domains_beside_the_patients_view_give_their_texts_too() -> None:
    registered = patient_items.registered_sentences()
    assert "coordination.escalations" in registered and registered["coordination.escalations"]


def test_the_whole_body_of_text_reads_at_about_age_9() -> None:
    corpus = " ".join(t if is_sentences(t) else f"{t}." for t in all_texts())
    assert textstat.flesch_kincaid_grade(corpus) <= CORPUS_GRADE_CEILING
    assert textstat.flesch_reading_ease(corpus) >= CORPUS_EASE_FLOOR


@pytest.mark.parametrize("text", all_texts())
def test_no_text_is_hard_to_read(text: str) -> None:
    if words(text) >= 7 and is_sentences(text):
        assert textstat.flesch_kincaid_grade(text) <= TEXT_GRADE_CEILING, text
    for sentence in sentences(text):
        assert words(sentence) <= SENTENCE_WORDS, sentence


@pytest.mark.parametrize("text", all_texts())
def test_no_shorthand_without_its_meaning(text: str) -> None:
    assert unexplained_shorthand(text) == [], text


def test_the_checks_catch_hard_words_and_bare_shorthand() -> None:
    """The measures above can fail: a text in staff language fails each of them."""
    staff = (
        "Referral triaged as clinically inappropriate; recommend primary care management "
        "with consideration of alternative pharmacological interventions."
    )
    assert textstat.flesch_kincaid_grade(staff) > TEXT_GRADE_CEILING
    assert unexplained_shorthand("Your A&G request was answered.") == ["A&G"]
    assert unexplained_shorthand("Your 2WW referral, TTO medicines") == ["2WW", "TTO"]
    assert unexplained_shorthand('Staff call this "advice and guidance" or "A&G".') == []
    assert unexplained_shorthand("A&GX") == []
