"""MESH unreachable: the poller keeps running, backs off, and takes letters in when MESH is back (issue 11, faults)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

from joinedup.demo import mesh_sandbox as sandbox
from joinedup.demo.directory import SeededDirectory
from joinedup.letters.management.commands.mesh_poll import backoff
from joinedup.letters.models import Letter

from .intake_helpers import letter_bytes, register_patient
from .test_intake_mesh import _subprocess_database_url, send

REPO = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("failures", "expected"),
    [(0, 30), (1, 60), (2, 120), (3, 240), (4, 300), (50, 300), (10**6, 300)],
)
def test_the_wait_doubles_after_each_failure_in_a_row_up_to_the_cap(failures: int, expected: float) -> None:
    assert backoff(30, failures, 300) == expected


def test_a_cap_below_the_interval_never_shortens_the_interval() -> None:
    assert backoff(30, 3, 10) == 30


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a second process sees the test database only on PostgreSQL"
)
def test_the_poller_outlives_a_mesh_outage_and_takes_letters_in_when_mesh_returns(icb: SeededDirectory) -> None:
    register_patient(icb)
    port = sandbox.free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        **sandbox.mesh_settings(url),
        "DATABASE_URL": _subprocess_database_url(),
        "PYTHONPATH": str(REPO),
        "MESH_POLL_MAX_BACKOFF_SECONDS": "1",
        "LOG_LEVEL": "ERROR",
    }
    poller = subprocess.Popen(
        [sys.executable, "manage.py", "mesh_poll", "--interval", "0.2"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # The poller's report comes after the whole poll (the letter is stored part-way through it), so its
    # output is read as it comes and the poller is stopped only once it has reported.
    lines: list[str] = []
    errors: list[str] = []
    readers = [
        threading.Thread(target=lambda: lines.extend(poller.stdout or []), daemon=True),
        threading.Thread(target=lambda: errors.extend(poller.stderr or []), daemon=True),
    ]
    for reader in readers:
        reader.start()
    try:
        # MESH is down: polls fail (each after the client's own 3 quick retries). Wait for the second failure in a
        # row rather than a fixed time: on a loaded machine the poller's start-up alone can take several seconds.
        outage_ends = time.monotonic() + 120
        while not any("poll failed (2 in a row)" in line for line in errors) and time.monotonic() < outage_ends:
            if poller.poll() is not None:
                break
            time.sleep(0.2)
        assert poller.poll() is None, "the poller stopped when MESH was unreachable"
        with sandbox.running_sandbox(port=port):
            sent = send(url, [(letter_bytes(icb), "TOC_FHIR_IP_DISCH")])
            deadline = time.monotonic() + 60
            while not Letter.objects.filter(mesh_message_id=sent[0]).exists() and time.monotonic() < deadline:
                time.sleep(0.2)
            assert Letter.objects.filter(mesh_message_id=sent[0]).count() == 1
            while not any("1 letters" in line for line in lines) and time.monotonic() < deadline:
                time.sleep(0.2)
    finally:
        poller.send_signal(signal.SIGTERM)
        poller.wait(timeout=30)
        for reader in readers:
            reader.join(timeout=5)
    out, err = "".join(lines), "".join(errors)
    assert poller.returncode == 0, err
    assert "poll failed (2 in a row)" in err  # it said so, kept counting, and kept trying
    assert "1 letters" in out
