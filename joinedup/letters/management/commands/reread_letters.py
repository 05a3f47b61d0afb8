"""``manage.py reread_letters``: after a new reader version, read again the letters no one has answered.

A letter the practice has answered in any part (feedback on an action, an action it added) or filed
keeps the reading it was answered against (decision 0021). Safe to run at any time and repeatedly:
a letter already read by the current version is not read again.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from joinedup.letters.reader import READER_VERSION
from joinedup.letters.reading import reread_stale_letters


class Command(BaseCommand):
    help = "Re-read, with the current reader version, letters read by an older one that no one has answered."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=None, help="at most this many letters (default: all)")

    def handle(self, *args: Any, limit: int | None, **options: Any) -> None:
        reread = reread_stale_letters(limit=max(0, limit) if limit is not None else None)
        if options["verbosity"]:
            self.stdout.write(f"{reread} letters re-read with reader version {READER_VERSION}")
