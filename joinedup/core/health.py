"""Liveness and readiness, for the load balancer and the orchestrator.

``/health/live`` answers as long as the process serves requests (no database call), so a
slow database never gets healthy web processes killed. ``/health/ready`` says whether this
process should be sent traffic: the database answers, every migration is applied, and the
background worker is taking work (no queued task has waited longer than
``WORKER_STALL_SECONDS``: the worker has no heartbeat of its own, and a queue that moves is
what matters to people waiting for their letters to be read).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django_tasks_db.models import DBTaskResult


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return Check("database", False, f"unreachable: {type(error).__name__}")
    return Check("database", True, connection.vendor)


def migrations() -> Check:
    try:
        executor = MigrationExecutor(connection)
        waiting = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        return Check("migrations", False, f"unknown: {type(error).__name__}")
    if waiting:
        return Check("migrations", False, f"{len(waiting)} not applied")
    return Check("migrations", True, "all applied")


def worker(now: datetime.datetime | None = None) -> Check:
    now = now or timezone.now()
    try:
        oldest = DBTaskResult.objects.ready().order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    except DatabaseError as error:
        return Check("worker", False, f"unknown: {type(error).__name__}")
    if oldest is None:
        return Check("worker", True, "no work waiting")
    waited = (now - oldest).total_seconds()
    if waited > settings.WORKER_STALL_SECONDS:
        return Check("worker", False, f"oldest task waiting {int(waited)} s")
    return Check("worker", True, f"oldest task waiting {int(waited)} s")


def readiness() -> list[Check]:
    first = database()
    if not first.ok:
        return [first]
    return [first, migrations(), worker()]
