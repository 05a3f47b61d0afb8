"""Synthetic registered patients, inserted in bulk (COPY on PostgreSQL)."""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator

from django.db import transaction

from joinedup.demo import bulk
from joinedup.demo.names import FAMILY_NAMES, GIVEN_NAMES, synthetic_nhs_numbers
from joinedup.directory.models import Organisation
from joinedup.patients.models import Patient

COLUMNS = ("nhs_number", "given_name", "family_name", "date_of_birth", "registered_practice_id")


def list_sizes(total: int, practices: int, rng: random.Random) -> list[int]:
    """Practice list sizes that vary as real ones do (roughly 0.4 to 1.8 times the mean) and add up to ``total``."""
    weights = [rng.uniform(0.4, 1.8) for _ in range(practices)]
    scale = total / sum(weights)
    sizes = [int(w * scale) for w in weights]
    sizes[0] += total - sum(sizes)
    return sizes


def patient_rows(practices: list[Organisation], sizes: list[int], rng: random.Random) -> Iterator[tuple]:
    numbers = synthetic_nhs_numbers()
    today = datetime.date(2026, 11, 1)
    for practice, size in zip(practices, sizes, strict=True):
        for _ in range(size):
            age_days = int(rng.triangular(0, 100 * 365, 40 * 365))
            yield (
                next(numbers),
                rng.choice(GIVEN_NAMES),
                rng.choice(FAMILY_NAMES),
                today - datetime.timedelta(days=age_days),
                practice.id,
            )


def seed_patients(*, practices: list[Organisation], total: int, rng: random.Random) -> int:
    rows = patient_rows(practices, list_sizes(total, len(practices), rng), rng)
    with transaction.atomic():
        return bulk.write_rows(Patient, COLUMNS, rows)
