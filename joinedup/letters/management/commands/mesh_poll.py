"""``manage.py mesh_poll [--once]``: take hospital letters in from the MESH mailbox."""

from __future__ import annotations

import logging
import signal
import time
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from joinedup.letters.intake.mesh import PollSummary, client_from_settings, poll_once

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Poll the MESH mailbox (settings MESH_*) and take each letter in; acknowledge only once stored"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="empty the inbox once, then exit")
        parser.add_argument("--interval", type=float, default=None, help="seconds between polls (MESH_POLL_SECONDS)")
        parser.add_argument(
            "--workers", type=int, default=None, help="messages taken in at once (MESH_POLL_WORKERS; 1 on SQLite)"
        )

    def handle(self, *args: Any, once: bool, interval: float | None, workers: int | None, **options: Any) -> None:
        self._stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        wait = interval if interval is not None else settings.MESH_POLL_SECONDS
        workers = max(1, workers if workers is not None else settings.MESH_POLL_WORKERS)
        failures = 0
        handshaken = False
        while True:
            try:
                if not handshaken:
                    with client_from_settings() as client:
                        client.handshake()
                    handshaken = True
                summary = poll_once(client_from_settings, workers=workers)
                failures = 0
            except Exception as error:
                if once or _is_refusal(error):
                    # Wrong settings or credentials: say so and stop, rather than retry for ever.
                    raise
                # MESH or the database is away for a while: nothing was acknowledged that was not
                # stored, so say so and try again, waiting longer after each failure in a row (up
                # to MESH_POLL_MAX_BACKOFF_SECONDS) so an outage is not hammered.
                failures += 1
                logger.exception(
                    "mesh_poll: poll failed (%d in a row); trying again in %.0f s",
                    failures,
                    backoff(wait, failures, settings.MESH_POLL_MAX_BACKOFF_SECONDS),
                )
                summary = PollSummary()
            if summary.total or once:
                self.stdout.write(
                    f"mesh_poll: {summary.letters} letters, {summary.quarantined} quarantined, "
                    f"{summary.duplicates} already taken in"
                )
                self.stdout.flush()
            if once or self._stopping:
                return
            deadline = time.monotonic() + backoff(wait, failures, settings.MESH_POLL_MAX_BACKOFF_SECONDS)
            while time.monotonic() < deadline and not self._stopping:
                time.sleep(0.2)
            if self._stopping:
                return

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        # Finish the messages in hand (each stored, then acknowledged), then stop.
        self._stopping = True


def backoff(interval: float, failures: int, cap: float) -> float:
    """Seconds to wait before the next poll: the interval, doubled for each failure in a row, at most ``cap``."""
    if failures <= 0:
        return interval
    return min(max(cap, interval), interval * 2 ** min(failures, 30))


def _is_refusal(error: Exception) -> bool:
    """MESH answered, and refused who we are (401/403): a setting to fix, not an outage to wait out."""
    response = getattr(error, "response", None)
    return getattr(response, "status_code", None) in (401, 403)
