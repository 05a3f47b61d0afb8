"""``manage.py requeue_reading``: queue reading again for letters left "being read" by a worker that died.

Run before the task workers start (scripts/serve-production.sh and ``make serve`` do); safe at
any time, since each letter is read once however often it is queued.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from joinedup.letters.intake.services import requeue_waiting_letters


class Command(BaseCommand):
    help = "Queue reading again for letters still waiting to be read."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--waited-seconds", type=int, default=0, help="only letters that have waited at least this long (0: all)"
        )

    def handle(self, *args: Any, waited_seconds: int, **options: Any) -> None:
        queued = requeue_waiting_letters(waited_at_least=datetime.timedelta(seconds=max(0, waited_seconds)))
        if options["verbosity"]:
            self.stdout.write(f"{queued} letters queued for reading")
