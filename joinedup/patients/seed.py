"""Synthetic registered patients, inserted in bulk (COPY on PostgreSQL)."""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator

from django.db import connection, transaction

from joinedup.core.synthetic import FAMILY_NAMES, GIVEN_NAMES, synthetic_nhs_numbers
from joinedup.directory.models import Organisation

from .models import Patient

BATCH = 20_000
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
        if connection.vendor == "postgresql":
            return _copy_rows(rows)
        return _bulk_create_rows(rows)


def _copy_rows(rows: Iterator[tuple]) -> int:
    count = 0
    table = Patient._meta.db_table
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor: COPY is many times faster than INSERT
        with raw.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
    return count


def _bulk_create_rows(rows: Iterator[tuple]) -> int:
    count = 0
    batch: list[Patient] = []
    for row in rows:
        batch.append(Patient(**dict(zip(COLUMNS, row, strict=True))))
        if len(batch) >= BATCH:
            Patient.objects.bulk_create(batch)
            count += len(batch)
            batch = []
    Patient.objects.bulk_create(batch)
    return count + len(batch)
