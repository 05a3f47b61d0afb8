"""Concerns, the letter inbox and the reader share one rule vocabulary, kept beside the reader."""

from __future__ import annotations

import subprocess
import sys

from joinedup.concerns.models import Rule
from joinedup.letters.inbox import presenters as inbox
from joinedup.letters.reader import classify, vocabulary


def test_concern_rules_are_the_vocabularys_rules_with_the_same_ids_labels_and_order() -> None:
    assert Rule.choices == [(rule.id, rule.label) for rule in vocabulary.INTERFACE_RULES]
    assert Rule.TEST_RESULTS == "test_results"
    assert Rule.OTHER.label == "Something else"


def test_the_inbox_shows_the_vocabularys_labels_and_sources() -> None:
    assert inbox.rule_label("shared_care") == "Specialist drug handed over without shared care"
    assert inbox.rule_source("dna_discharge") == "Standard Contract SC6 (since 2016/17)"
    assert inbox.rule_label("not_a_rule") == "not_a_rule"
    assert [rule for rule, _ in inbox.rule_choices()] == list(vocabulary.LETTER_RULES)
    assert "ag_response" not in vocabulary.LETTER_RULES  # a timeliness rule: no letter sentence breaks it


def test_the_reader_explains_every_category_of_the_vocabulary() -> None:
    assert set(classify._CATEGORY_TEXT) == set(vocabulary.CATEGORIES)
    assert set(vocabulary.VERDICTS) == {"appropriate", "inappropriate"}


def test_the_vocabulary_loads_without_django() -> None:
    code = (
        "import sys; import joinedup.letters.reader.vocabulary; "
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
