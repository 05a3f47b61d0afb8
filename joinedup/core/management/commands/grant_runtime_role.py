"""Give the role the application runs as exactly the rights it needs, and no more.

Production runs migrations as the role that owns the tables (``DATABASE_URL`` of the migrate
step) and serves as another role that owns nothing (decision 0010's production section). The
owner runs this after every ``migrate``:

    python manage.py grant_runtime_role joinedup_app

The runtime role may read and write rows; on tables whose model says ``APPEND_ONLY = True``
(the audit log) it may only read and add. Because it owns nothing it cannot TRUNCATE, ALTER
or DROP a table, disable or drop a trigger, or replace the trigger's function: PostgreSQL
allows those to the owner alone. With ``--create`` the role is made; ``--password-env`` names an environment variable holding
its password (the role may then log in; without it the role is NOLOGIN, for deployments whose
platform provides the login role and its credentials).
"""

from __future__ import annotations

import os
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from psycopg import sql

READ_WRITE = "SELECT, INSERT, UPDATE, DELETE"
APPEND_ONLY = "SELECT, INSERT"


def append_only_tables() -> list[str]:
    return sorted(model._meta.db_table for model in apps.get_models() if getattr(model, "APPEND_ONLY", False))


class Command(BaseCommand):
    help = "Grant the runtime database role read/write rights (read and insert only on append-only tables)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("role", help="the role the application connects as at run time")
        parser.add_argument("--create", action="store_true", help="create the role if it does not exist")
        parser.add_argument("--password-env", default="", help="environment variable with the role's password")

    def handle(self, *args: Any, role: str, create: bool, password_env: str, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Database roles are a PostgreSQL deployment's concern; this database is not one.")
        password = os.environ.get(password_env, "") if password_env else ""
        if password_env and not password:
            raise CommandError(f"The environment variable {password_env} is empty.")
        name = sql.Identifier(role)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
            exists = cursor.fetchone() is not None
            if not exists and not create:
                raise CommandError(f"There is no role {role}: create it, or pass --create.")
            login = sql.SQL("LOGIN PASSWORD {}").format(sql.Literal(password)) if password else sql.SQL("NOLOGIN")
            if not exists:
                cursor.execute(sql.SQL("CREATE ROLE {} {}").format(name, login).as_string(cursor.connection))
            elif password:  # a new password (rotated by the deployment) takes effect at once
                cursor.execute(sql.SQL("ALTER ROLE {} {}").format(name, login).as_string(cursor.connection))
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [role])
            if cursor.fetchone()[0]:
                raise CommandError(f"{role} is a superuser: the application must run as a role without such rights.")
            for statement in self._statements(role, cursor):
                cursor.execute(statement.as_string(cursor.connection))
        self.stdout.write(f"{role}: read and write on every table; read and insert only on {append_only_tables()}.")

    def _statements(self, role: str, cursor: Any) -> list[sql.Composable]:
        name = sql.Identifier(role)
        cursor.execute("SELECT current_database(), current_schema()")
        database, schema = cursor.fetchone()
        statements: list[sql.Composable] = [
            sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), name),
            sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sql.Identifier(schema), name),
            sql.SQL("REVOKE CREATE ON SCHEMA {} FROM {}").format(sql.Identifier(schema), name),
            # Everything first, then take back from the append-only tables; TRUNCATE, REFERENCES and
            # TRIGGER are never granted.
            sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA {} FROM {}").format(sql.Identifier(schema), name),
            sql.SQL(f"GRANT {READ_WRITE} ON ALL TABLES IN SCHEMA {{}} TO {{}}").format(sql.Identifier(schema), name),
            sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {} TO {}").format(sql.Identifier(schema), name),
        ]
        for table in append_only_tables():
            statements.append(sql.SQL("REVOKE ALL ON {} FROM {}").format(sql.Identifier(table), name))
            statements.append(sql.SQL(f"GRANT {APPEND_ONLY} ON {{}} TO {{}}").format(sql.Identifier(table), name))
        return statements
