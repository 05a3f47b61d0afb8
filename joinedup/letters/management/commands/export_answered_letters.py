"""``manage.py export_answered_letters``: a period's fully answered letters as annotated records.

The practice's answers are the gold (see ``joinedup.letters.inbox.answers``), so
``python -m joinedup.letters.reader --evaluate FILE`` measures the reader on them. The file holds
letters' text (patient data): write it only where such data may be kept. Each export is audited.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from joinedup.directory.selectors import practice_by_ods
from joinedup.letters.inbox.answers import export_answered_letters


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"not a date (YYYY-MM-DD): {value!r}") from error


class Command(BaseCommand):
    help = "Export a period's fully answered letters as annotated records, the practice's answers as gold."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--since", required=True, help="first day received (YYYY-MM-DD)")
        parser.add_argument("--until", required=True, help="last day received (YYYY-MM-DD), inclusive")
        parser.add_argument("--practice", default="", help="only this practice's letters (ODS code)")
        parser.add_argument("--output", required=True, type=Path, help="the JSON file to write")

    def handle(self, *args: Any, since: str, until: str, practice: str, output: Path, **options: Any) -> None:
        first, last = _date(since), _date(until)
        if last < first:
            raise CommandError("--until is before --since")
        practice = practice.strip().upper()
        if practice and practice_by_ods(practice) is None:
            raise CommandError(f"no GP practice with ODS code {practice!r}")
        if output.exists() and output.is_dir():
            raise CommandError(f"{output} is a directory")
        records = export_answered_letters(first, last, practice or None, destination=str(output))
        output.write_text(json.dumps(records, indent=1, ensure_ascii=False), encoding="utf-8")
        if options["verbosity"]:
            self.stdout.write(f"{len(records)} answered letters written to {output}")
