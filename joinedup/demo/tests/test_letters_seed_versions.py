"""The ICB-scale letters seed writes each letter's reader version, so reread_letters leaves seeded readings alone."""

from __future__ import annotations

import itertools
import random
from array import array

import pytest

from joinedup.demo import letters as seed
from joinedup.letters.reader import READER_VERSION
from joinedup.patients.models import Patient


@pytest.mark.django_db
def test_icb_rows_carry_the_reader_version_of_their_reading(icb) -> None:
    practice = icb.practices[0]
    patient = Patient.objects.create(
        nhs_number="9990000026",
        given_name="Ada",
        family_name="Seed",
        date_of_birth="1960-01-01",
        registered_practice=practice,
    )
    seed._NAMES.clear()
    seed._NAMES[patient.id] = (patient.given_name, patient.family_name, patient.nhs_number)
    services = {t.id: [(s.id, s.name) for s in t.services.all()] or [(None, "")] for t in icb.trusts}
    rows = seed._icb_rows(
        random.Random(3), icb.trusts, services, array("q", [patient.id]), array("q", [practice.id]), [0], 1, []
    )
    taken = list(itertools.islice(rows, 400))
    at = seed.LETTER_COLUMNS.index("reader_version")
    state = seed.LETTER_COLUMNS.index("reading_state")
    assert all(len(row) == len(seed.LETTER_COLUMNS) for row in taken)
    assert {row[at] for row in taken if row[state] == "read"} == {READER_VERSION}
    assert {row[at] for row in taken if row[state] != "read"} == {0}
