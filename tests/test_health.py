"""Liveness and readiness answer what a load balancer needs to know, without signing in."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from joinedup.core import health
from joinedup.letters.intake import tasks


def test_liveness_answers_without_a_database_call(client: Client) -> None:
    # No database access is allowed in this test: a query would raise.
    response = client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_ready_when_the_database_answers_migrations_are_applied_and_no_work_waits(client: Client) -> None:
    response = client.get("/health/ready")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {name: check["ok"] for name, check in body["checks"].items()} == {
        "database": True,
        "migrations": True,
        "worker": True,
    }


@pytest.mark.django_db
def test_not_ready_when_queued_work_has_waited_past_the_stall_limit(client: Client, settings) -> None:
    settings.WORKER_STALL_SECONDS = 60
    result = tasks.read_letter.enqueue(0)
    later = timezone.now() + datetime.timedelta(seconds=61)
    assert health.worker(now=later).ok is False
    assert health.worker(now=timezone.now()).ok is True
    assert result.id


@pytest.mark.django_db
def test_not_ready_when_a_migration_is_not_applied(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(health.MigrationExecutor, "migration_plan", lambda self, targets: [("app", False)])
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == {"ok": False, "detail": "1 not applied"}
