"""NHS England's mesh-sandbox on a loopback port, for the tests, the benchmark and the demo."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

from mesh_client import MeshClient

SHARED_KEY = "TestKey"
SENDER = "X26ABC1"  # the trust's mailbox (preloaded in the sandbox)
RECIPIENT = "X26ABC2"  # the practices' letters mailbox that JoinedUp polls
PASSWORD = "password"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_sandbox(port: int | None = None) -> Iterator[str]:
    """Start the sandbox (in-memory store) and yield its URL; the process is killed on exit."""
    port = port or free_port()
    env = {**os.environ, "STORE_MODE": "memory", "SHARED_KEY": SHARED_KEY}
    # The sandbox logs every request at DEBUG; formatting those lines costs more CPU than serving
    # them, so quieten it (its output goes nowhere anyway) and leave the CPU to what is measured.
    launcher = (
        "import logging, uvicorn, mesh_sandbox.api as api; "
        "logging.getLogger('mesh-sandbox').setLevel(logging.WARNING); "
        f"uvicorn.run(api.app, host='127.0.0.1', port={port}, log_level='warning', access_log=False)"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", launcher],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process)
        yield url
    finally:
        process.kill()
        process.wait(timeout=10)


def _wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("mesh-sandbox exited while starting")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("mesh-sandbox did not start within 30 s")


def client(url: str, mailbox: str) -> MeshClient:
    return MeshClient(url, mailbox, PASSWORD, shared_key=SHARED_KEY.encode(), max_retries=0)


def mesh_settings(url: str) -> dict[str, str]:
    """Environment for ``manage.py mesh_poll`` against this sandbox."""
    return {"MESH_URL": url, "MESH_MAILBOX": RECIPIENT, "MESH_PASSWORD": PASSWORD, "MESH_SHARED_KEY": SHARED_KEY}
