"""Bulk loading for the demo and ICB-scale seeds: one way to write many rows fast.

On PostgreSQL rows go in with COPY (many times faster than INSERT), optionally with the tables'
secondary indexes and foreign keys dropped while loading; elsewhere (SQLite) with ``bulk_create``.
Every seed writes through these three functions, so a change to how loading works is made once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection, models
from django.db.models.expressions import DatabaseDefault

BATCH = 2000


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"


def write_rows(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    prepare: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> int:
    """Writes plain rows (values in ``columns`` order, ids included if wanted) and returns how many.

    On PostgreSQL the table's id sequence is moved past the largest id afterwards, so later inserts
    that let the database choose ids do not collide with ids the rows carried. ``prepare`` turns a
    row's fields into model field values where COPY's text form differs (JSON given as text).
    """
    if not on_postgresql():
        fields = (dict(zip(columns, row, strict=True)) for row in rows)
        return _bulk_create(model, (prepare(f) for f in fields) if prepare else fields)
    table = model._meta.db_table
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)  # "end" is an SQL keyword
    count = 0
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        if "id" in columns:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, 'id'), GREATEST((SELECT MAX(id) FROM {table}), 1))",
                [table],
            )
    return count


def insert_objects(model: type[models.Model], objects: list[Any]) -> None:
    """Inserts unsaved model instances and gives each its id (so later rows can point at them)."""
    if not on_postgresql():
        created = model._default_manager.bulk_create(objects, batch_size=BATCH)
        if created and created[0].pk is None:  # a backend that does not return ids
            raise RuntimeError("bulk_create did not return ids")
        return
    table = model._meta.db_table
    fields = model._meta.concrete_fields
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")  # ids are handed out here, not by the sequence
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        first_id = cursor.fetchone()[0] + 1
        for offset, obj in enumerate(objects):
            obj.pk = first_id + offset
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for obj in objects:
                copy.write_row([_value_for_copy(obj, field) for field in fields])
        if objects:
            cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, first_id + len(objects) - 1])


def _value_for_copy(obj: models.Model, field: models.Field) -> Any:
    """The column's value as COPY writes it; a field left to its ``db_default`` gets that default here
    (COPY names every column, so the database would not fill it in)."""
    value = getattr(obj, field.attname)
    if isinstance(value, DatabaseDefault):
        value = field.db_default
    return field.get_db_prep_save(value, connection)


@contextmanager
def without_indexes(*models_: type[models.Model]) -> Iterator[None]:
    """Loads with the tables' secondary indexes and foreign keys dropped, then puts them back.

    PostgreSQL's advice for bulk loading ("Populating a Database"): building an index once is faster
    than updating it row by row, and re-adding a foreign key checks every row in one join instead of
    one look-up per row at commit. Unique and primary keys stay, so a duplicate still fails the load.
    Runs inside the caller's transaction: on failure, everything is rolled back as it was. Does
    nothing on other databases.
    """
    if not on_postgresql():
        yield
        return
    tables = [model._meta.db_table for model in models_]
    with connection.cursor() as cursor:
        # Checks still pending in this transaction must run first: PostgreSQL will not alter a table
        # with pending trigger events.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)",
            [tables],
        )
        foreign_keys = cursor.fetchall()
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid::regclass::text = ANY(%s) AND NOT i.indisprimary AND NOT i.indisunique",
            [tables],
        )
        indexes = cursor.fetchall()
        for table, name, _ in foreign_keys:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    yield
    with connection.cursor() as cursor:
        for _, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in foreign_keys:
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # back to Django's default for the rest of the transaction


def refresh_statistics() -> None:
    """Tells PostgreSQL's planner how big the tables now are (its docs: run ANALYZE after a bulk load).

    Without it the planner keeps whatever it last saw: a test database analysed while nearly empty
    planned a five-row page of the worklist as nested loops over every organisation, service and
    patient (seconds per query, hours per test run). Inside a transaction ANALYZE counts that
    transaction's own new rows, so it helps the seeded test databases too. Does nothing elsewhere.
    """
    if on_postgresql():
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _bulk_create(model: type[models.Model], rows: Iterable[dict[str, Any]]) -> int:
    count = 0
    batch: list[models.Model] = []
    for fields in rows:
        batch.append(model(**fields))
        if len(batch) >= BATCH:
            model._default_manager.bulk_create(batch)
            count += len(batch)
            batch = []
    model._default_manager.bulk_create(batch)
    return count + len(batch)
