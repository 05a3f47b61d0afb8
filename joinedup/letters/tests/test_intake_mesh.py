"""Letters through NHS England's mesh-sandbox: the poller takes them in, the database worker reads them.

The sandbox runs as a real process on a loopback port for this module and is killed at the end.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from joinedup.demo import mesh_sandbox as sandbox
from joinedup.demo.directory import SeededDirectory
from joinedup.letters.models import Letter, QuarantinedMessage, ReadingState

from .intake_helpers import OTHER_NHS_NUMBER, letter_bytes, register_patient

REPO = Path(__file__).resolve().parents[3]
DYING_POLLER = Path(__file__).resolve().parent / "mesh_poll_dying_before_acknowledge.py"


@pytest.fixture(scope="module")
def mesh_url() -> Iterator[str]:
    with sandbox.running_sandbox() as url:
        yield url


@pytest.fixture
def mesh(mesh_url: str) -> Iterator[str]:
    """The sandbox with an empty letters inbox, and the poller's settings pointing at it."""
    with sandbox.client(mesh_url, sandbox.RECIPIENT) as inbox:
        for message_id in inbox.list_messages():
            inbox.acknowledge_message(message_id)
    with override_settings(**sandbox.mesh_settings(mesh_url)):
        yield mesh_url


def send(url: str, contents: list[tuple[bytes, str]]) -> list[str]:
    with sandbox.client(url, sandbox.SENDER) as trust:
        trust.handshake()
        return [
            trust.send_message(sandbox.RECIPIENT, content, workflow_id=workflow, subject="Transfer of care")
            for content, workflow in contents
        ]


def waiting_in_inbox(url: str) -> list[str]:
    with sandbox.client(url, sandbox.RECIPIENT) as inbox:
        return list(inbox.list_messages())


@pytest.mark.django_db(transaction=True)
def test_letters_sent_through_mesh_are_taken_in_and_read_by_the_database_worker(
    icb: SeededDirectory, mesh: str
) -> None:
    register_patient(icb)
    register_patient(icb, OTHER_NHS_NUMBER)
    sent = send(
        mesh,
        [
            (letter_bytes(icb), "TOC_FHIR_IP_DISCH"),
            (letter_bytes(icb, nhs_number=OTHER_NHS_NUMBER, kind="clinic_letter"), "TOC_FHIR_OP_ATTEN"),
            (letter_bytes(icb, nhs_number="9990000034"), "TOC_FHIR_EC_DISCH"),  # nobody has this number
        ],
    )
    call_command("mesh_poll", once=True, stdout=open(os.devnull, "w"))
    assert waiting_in_inbox(mesh) == []  # every message acknowledged, once stored
    letters = list(Letter.objects.order_by("id"))  # taken in by parallel workers: in any order
    kinds = {letter.mesh_message_id: letter.kind for letter in letters}
    assert kinds == {sent[0]: "discharge_summary", sent[1]: "clinic_letter"}
    assert all(letter.reading_state == ReadingState.WAITING for letter in letters)
    held = QuarantinedMessage.objects.get()
    assert held.mesh_message_id == sent[2] and held.sender == sandbox.SENDER
    assert held.workflow_id == "TOC_FHIR_EC_DISCH" and "Unknown patient" in held.reason
    assert DBTaskResult.objects.count() == 2

    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    for letter in letters:
        letter.refresh_from_db()
        assert letter.reading_state == ReadingState.READ
        assert letter.actions.exists()
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


def _subprocess_database_url() -> str:
    settings_dict = connection.settings_dict
    user, password = settings_dict["USER"], settings_dict["PASSWORD"]
    auth = f"{user}:{password}@" if password else f"{user}@"
    return f"postgres://{auth}{settings_dict['HOST']}:{settings_dict['PORT']}/{settings_dict['NAME']}"


def run_poller(url: str, *, crash: bool) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        **sandbox.mesh_settings(url),
        "DATABASE_URL": _subprocess_database_url(),
        "PYTHONPATH": str(REPO),
    }
    return subprocess.run(
        # One worker for the crash run, so exactly one message is stored before the process dies;
        # the restart takes the rest in with the default (parallel) workers.
        # The crash run goes through a wrapper that dies where the acknowledgement would be sent.
        [sys.executable, str(DYING_POLLER), "--once", "--workers", "1"]
        if crash
        else [sys.executable, "manage.py", "mesh_poll", "--once"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a second process sees the test database only on PostgreSQL"
)
def test_a_poller_killed_between_storing_and_acknowledging_loses_and_doubles_nothing(
    icb: SeededDirectory, mesh: str
) -> None:
    register_patient(icb)
    sent = send(mesh, [(letter_bytes(icb), "TOC_FHIR_IP_DISCH") for _ in range(3)])

    crashed = run_poller(mesh, crash=True)
    assert crashed.returncode == 3, crashed.stderr
    # The first message is stored (committed) but was never acknowledged: it is still in MESH.
    assert list(Letter.objects.values_list("mesh_message_id", flat=True)) == [sent[0]]
    assert sorted(waiting_in_inbox(mesh)) == sorted(sent)

    restarted = run_poller(mesh, crash=False)
    assert restarted.returncode == 0, restarted.stderr
    assert "2 letters, 0 quarantined, 1 already taken in" in restarted.stdout
    assert waiting_in_inbox(mesh) == []
    assert sorted(str(m) for m in Letter.objects.values_list("mesh_message_id", flat=True)) == sorted(sent)
    assert DBTaskResult.objects.count() == 3  # one reading per letter, none queued twice


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a second process sees the test database only on PostgreSQL"
)
def test_the_poller_keeps_polling_and_stops_cleanly_on_sigterm(icb: SeededDirectory, mesh: str) -> None:
    import signal
    import time

    register_patient(icb)
    env = {
        **os.environ,
        **sandbox.mesh_settings(mesh),
        "DATABASE_URL": _subprocess_database_url(),
        "PYTHONPATH": str(REPO),
    }
    poller = subprocess.Popen(
        [sys.executable, "manage.py", "mesh_poll", "--interval", "0.2"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        sent = send(mesh, [(letter_bytes(icb), "TOC_FHIR_IP_DISCH")])  # arrives while the poller waits
        deadline = time.monotonic() + 60
        while not Letter.objects.filter(mesh_message_id=sent[0]).exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert Letter.objects.filter(mesh_message_id=sent[0]).exists()
    finally:
        poller.send_signal(signal.SIGTERM)
        out, err = poller.communicate(timeout=30)
    assert poller.returncode == 0, err
    assert "1 letters" in out
    assert waiting_in_inbox(mesh) == []
