"""A task worker killed while reading a letter: the letter is read once when work resumes (issue 11, faults).

Real processes on PostgreSQL: the database task worker (``manage.py db_worker``) is killed with
SIGKILL while it reads a long letter; its task is left marked running and nothing would pick
it up again. ``manage.py requeue_reading`` (run at every start of the workers) queues it again,
the restarted worker reads it, and the letter has exactly the reader's actions, none twice.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django_tasks_db.models import DBTaskResult

from joinedup.demo.directory import SeededDirectory
from joinedup.letters.intake.documents import section
from joinedup.letters.intake.services import take_in_mesh_message
from joinedup.letters.intake.tasks import read_letter
from joinedup.letters.models import Letter, LetterAction, ReadingState
from joinedup.letters.reader.engine import read_letter as reader
from joinedup.letters.reading import store_reading

from .intake_helpers import letter_bytes, register_patient
from .test_intake_mesh import _subprocess_database_url

REPO = Path(__file__).resolve().parents[3]
# A long discharge summary (about 400 KB): reading it takes long enough to be killed in the middle.
LONG_PLAN = [
    section(
        "Plan",
        [f"Day {n}: please could the GP repeat the U&Es in one week and review the ramipril." for n in range(5000)],
    )
]


def manage(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "DATABASE_URL": _subprocess_database_url(), "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_a_reading_task_run_twice_reads_the_letter_once(icb: SeededDirectory) -> None:
    register_patient(icb)
    letter = take_in_mesh_message(
        content=letter_bytes(icb), mesh_message_id="twice", workflow_id="TOC_FHIR_IP_DISCH"
    ).letter
    assert letter is not None
    read_letter.call(letter.id)
    first = list(LetterAction.objects.filter(letter=letter).values_list("id", "start", "end"))
    read_letter.call(letter.id)  # e.g. the worker died after the reading committed, before the task was marked done
    assert list(LetterAction.objects.filter(letter=letter).values_list("id", "start", "end")) == first
    assert first


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a second process sees the test database only on PostgreSQL"
)
def test_a_worker_killed_mid_reading_leaves_the_letter_to_be_read_once_on_restart(icb: SeededDirectory) -> None:
    register_patient(icb)
    intake = take_in_mesh_message(
        content=letter_bytes(icb, sections=LONG_PLAN), mesh_message_id="long", workflow_id="TOC_FHIR_IP_DISCH"
    )
    letter = intake.letter
    assert letter is not None and letter.reading_state == ReadingState.WAITING

    worker = manage("db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.05", "-v0")
    try:
        assert wait_for(lambda: DBTaskResult.objects.filter(status="RUNNING").exists()), "the worker never started"
        worker.send_signal(signal.SIGKILL)  # mid-reading: no chance to finish or to mark anything
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    letter.refresh_from_db()
    assert letter.reading_state == ReadingState.WAITING  # the half-done reading rolled back
    assert not LetterAction.objects.filter(letter=letter).exists()
    assert DBTaskResult.objects.get().status == "RUNNING"  # orphaned: no worker will ever take it again

    requeue = manage("requeue_reading")
    out, err = requeue.communicate(timeout=120)
    assert requeue.returncode == 0, err
    assert "1 letters queued" in out
    restarted = manage("db_worker", "--no-reload", "--no-startup-delay", "--batch", "-v0")
    _, err = restarted.communicate(timeout=300)
    assert restarted.returncode == 0, err

    letter.refresh_from_db()
    assert letter.reading_state == ReadingState.READ
    spans = list(LetterAction.objects.filter(letter=letter).values_list("start", "end"))
    assert len(spans) == len(set(spans))  # nothing twice
    found = len(reader(letter.text, letter.kind))
    kept = min(found, settings.LETTER_MAX_READER_ACTIONS)  # the rest are counted, not stored (item 5)
    assert len(spans) == kept == letter.action_count
    assert letter.reader_actions_left_out == found - kept > 0

    # Queued again later (another sweep, another unit): still read once.
    again = manage("requeue_reading")
    again.communicate(timeout=120)
    assert again.returncode == 0
    assert Letter.objects.get(id=letter.id).reading_state == ReadingState.READ
    assert "0 letters queued" in manage("requeue_reading").communicate(timeout=120)[0]


def test_each_reading_is_audited_as_the_reader_not_a_person(icb: SeededDirectory) -> None:
    """Issue 10: a write outside a person's request (the reader storing actions) still leaves an audit event."""
    from joinedup.audit.models import AuditEvent

    register_patient(icb)
    taken = take_in_mesh_message(content=letter_bytes(icb), mesh_message_id="audited", workflow_id="TOC_FHIR_IP_DISCH")
    assert taken.letter is not None
    letter = store_reading(taken.letter.id)
    event = AuditEvent.objects.get(action="letter.read", object_id=str(letter.id))
    assert (event.person, event.person_name, event.role) == (None, "JoinedUp letter reader", "system")
    assert event.patient_nhs_number == letter.patient.nhs_number
    assert event.details["actions"] == letter.action_count
