"""The database role the application runs as cannot erase or rewrite the audit log (issue 11, item 4).

The runtime role is given its rights by ``manage.py grant_runtime_role`` and owns nothing, so
PostgreSQL itself refuses it TRUNCATE, DDL, trigger changes and replacing the trigger's
function; the audit table allows it only SELECT and INSERT.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from joinedup.audit import services as audit
from joinedup.audit.models import AuditEvent

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="database roles are PostgreSQL's")

# Roles belong to the whole cluster, not to one test database: one name per xdist worker.
ROLE = f"joinedup_runtime_test_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
AUDIT = AuditEvent._meta.db_table


@pytest.fixture
def as_runtime_role(icb: object) -> Iterator[None]:
    """Run the statements inside the test as the runtime role (role and grants vanish with the test's transaction)."""
    call_command("grant_runtime_role", ROLE, "--create", stdout=open("/dev/null", "w"))
    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {ROLE}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")


def refused(statement: str) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    except DatabaseError as error:
        return "permission denied" in str(error) or "must be owner" in str(error)
    return False


REFUSED = [
    f"TRUNCATE {AUDIT}",
    f"DELETE FROM {AUDIT}",
    f"UPDATE {AUDIT} SET action = 'nothing.happened'",
    f"ALTER TABLE {AUDIT} DISABLE TRIGGER audit_event_append_only",
    f"DROP TRIGGER audit_event_append_only ON {AUDIT}",
    f"DROP TABLE {AUDIT}",
    "CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ "
    "LANGUAGE plpgsql",
    "DROP FUNCTION audit_event_refuse_change()",
    "CREATE TABLE smuggled (id int)",
    "TRUNCATE directory_organisation CASCADE",
]


@pytest.mark.parametrize("statement", REFUSED)
def test_the_runtime_role_is_refused(as_runtime_role: None, statement: str) -> None:
    assert refused(statement), statement


def test_the_runtime_role_can_do_the_applications_work(as_runtime_role: None, actor_for) -> None:
    event = audit.record(actor=actor_for("gp_clinician"), action="patient.viewed", patient_nhs_number="9990000018")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {AUDIT} WHERE id = %s", [event.id])
        assert cursor.fetchone()[0] == 1
        cursor.execute(
            "UPDATE directory_organisation SET name = name WHERE id IN (SELECT id FROM directory_organisation LIMIT 1)"
        )
        assert cursor.rowcount == 1


def test_a_superuser_is_refused_as_the_runtime_role(db: None) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        superuser = cursor.fetchone()[0]
    with pytest.raises(CommandError, match="superuser"):
        call_command("grant_runtime_role", superuser)
