"""Polling a MESH mailbox for transfer-of-care letters.

Order matters: a message is acknowledged (which deletes it from MESH) only after the letter,
or the quarantined message, has been committed. A crash in between leaves the message in the
mailbox; the next poll downloads it again and finds what was stored (the MESH message id is
unique), so nothing is lost and nothing is doubled.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

from django.conf import settings
from mesh_client import MeshClient

from .services import take_in_mesh_message

logger = logging.getLogger(__name__)


@dataclass
class PollSummary:
    letters: int = 0
    quarantined: int = 0
    duplicates: int = 0

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


def poll_once(client: MeshClient) -> PollSummary:
    """Take in every message waiting in the inbox (MESH lists at most 500 at a time, so loop)."""
    summary = PollSummary()
    while True:
        message_ids = client.list_messages()
        if not message_ids:
            return summary
        for message_id in message_ids:
            _take_one(client, message_id, summary)


def _take_one(client: MeshClient, message_id: str, summary: PollSummary) -> None:
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
        summary.duplicates += 1
    elif result.letter is not None:
        summary.letters += 1
    else:
        summary.quarantined += 1
        logger.warning("MESH message %s quarantined: %s", message_id, result.quarantined and result.quarantined.reason)
    if settings.JOINEDUP_MESH_CRASH_AFTER_STORE:
        os._exit(3)  # fault injection (tests only): die after the commit, before the acknowledgement
    client.acknowledge_message(message_id)
