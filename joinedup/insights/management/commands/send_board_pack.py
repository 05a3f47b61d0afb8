"""Email each ICB's interface board pack (PDF attached) to its board members: run monthly by a scheduler."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from joinedup.directory import selectors as directory
from joinedup.insights import packs


class Command(BaseCommand):
    help = "Email the ICB's board pack to its board members (INSIGHTS_PACK_ROLES): --icb ODS, or every ICB."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--icb", help="The ICB's ODS code (default: every ICB)")

    def handle(self, *args: Any, **options: Any) -> None:
        icbs = [directory.icb_by_id(int(icb_id)) for icb_id, _name in directory.icb_choices()]
        chosen = [icb for icb in icbs if icb is not None]
        if options["icb"]:
            code = options["icb"].strip().upper()
            chosen = [icb for icb in chosen if icb.ods_code == code]
            if not chosen:
                raise CommandError(f"No ICB has the ODS code {code!r}")
        for icb in chosen:
            sent = packs.email_icb_pack(icb)
            self.stdout.write(f"{icb.name}: board pack emailed to {sent} board member{'s' if sent != 1 else ''}.")
