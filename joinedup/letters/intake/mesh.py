"""Polling a MESH mailbox for transfer-of-care letters.

Order matters: a message is acknowledged (which deletes it from MESH) only after the letter,
or the quarantined message, has been committed. A crash in between leaves the message in the
mailbox; the next poll downloads it again and finds what was stored (the MESH message id is
unique), so nothing is lost and nothing is doubled.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, connections
from mesh_client import MeshClient

from .services import take_in_mesh_message

logger = logging.getLogger(__name__)


@dataclass
class PollSummary:
    letters: int = 0
    quarantined: int = 0
    duplicates: int = 0

    def count(self, outcome: str) -> None:
        if outcome == "letter":
            self.letters += 1
        elif outcome == "quarantined":
            self.quarantined += 1
        else:
            self.duplicates += 1

    @property
    def total(self) -> int:
        return self.letters + self.quarantined + self.duplicates


def client_from_settings() -> MeshClient:
    if not (settings.MESH_URL and settings.MESH_MAILBOX):
        raise RuntimeError("Set MESH_URL, MESH_MAILBOX and MESH_PASSWORD to poll a MESH mailbox")
    cert: tuple[str, str] | None = None
    if settings.MESH_CLIENT_CERT:
        cert = (settings.MESH_CLIENT_CERT, settings.MESH_CLIENT_KEY)
    return MeshClient(
        settings.MESH_URL,
        settings.MESH_MAILBOX,
        settings.MESH_PASSWORD,
        shared_key=settings.MESH_SHARED_KEY.encode() or None,
        cert=cert,
        verify=settings.MESH_CA_CERT or None,
        application_name="JoinedUp",
    )


def poll_once(make_client: Callable[[], MeshClient], *, workers: int = 1) -> PollSummary:
    """Take in every message waiting in the inbox (MESH lists at most 500 at a time, so loop).

    With ``workers`` > 1 (PostgreSQL only: SQLite has one writer), messages are downloaded, stored
    and acknowledged by that many threads, each with its own MESH session and database connection;
    most of a message's time is spent waiting on the network, so threads overlap the waits.
    """
    if connection.vendor == "sqlite":
        workers = 1
    summary = PollSummary()
    with make_client() as lister:
        while True:
            message_ids = lister.list_messages()
            if not message_ids:
                return summary
            if workers == 1:
                for message_id in message_ids:
                    summary.count(_take_one(lister, message_id))
            else:
                _take_in_parallel(make_client, message_ids, workers, summary)


def _take_in_parallel(
    make_client: Callable[[], MeshClient], message_ids: list[str], workers: int, summary: PollSummary
) -> None:
    waiting: queue.SimpleQueue[str] = queue.SimpleQueue()
    for message_id in message_ids:
        waiting.put(message_id)
    failures: list[BaseException] = []
    lock = threading.Lock()

    def work() -> None:
        try:
            with make_client() as client:
                while True:
                    try:
                        message_id = waiting.get_nowait()
                    except queue.Empty:
                        return
                    outcome = _take_one(client, message_id)
                    with lock:
                        summary.count(outcome)
        except BaseException as failure:  # reported by the caller; the message stays in MESH
            failures.append(failure)
        finally:
            connections.close_all()  # this thread's database connection

    threads = [threading.Thread(target=work, name=f"mesh-{n}") for n in range(min(workers, len(message_ids)))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]


def _take_one(client: MeshClient, message_id: str) -> str:
    message = client.retrieve_message(message_id)
    try:
        content = message.read()
    finally:
        message.close()
    result = take_in_mesh_message(
        content=content,
        mesh_message_id=message_id,
        workflow_id=getattr(message, "workflow_id", None) or "",
        sender=getattr(message, "sender", None) or "",
        filename=getattr(message, "filename", None) or "",
    )
    if result.duplicate:
        outcome = "duplicate"
    elif result.letter is not None:
        outcome = "letter"
    else:
        outcome = "quarantined"
        logger.warning("MESH message %s quarantined: %s", message_id, result.quarantined and result.quarantined.reason)
    client.acknowledge_message(message_id)
    return outcome
