"""Refresh the monthly facts insights charts: one month (the default: this month), or a full rebuild."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from joinedup.insights import services


class Command(BaseCommand):
    help = "Refresh insights' monthly facts from the registered measures (--month YYYY-MM, or --rebuild)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", help="The month to refresh, as YYYY-MM (default: this month)")
        parser.add_argument("--rebuild", action="store_true", help="Rebuild every month from scratch")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["rebuild"]:
            stored = services.rebuild()
            self.stdout.write(f"Rebuilt insights: {stored} monthly figures stored.")
            return
        text = options["month"]
        if text:
            try:
                month = datetime.datetime.strptime(text, "%Y-%m").date()
            except ValueError as error:
                raise CommandError(f"--month must be a year and month like 2026-11, not {text!r}") from error
        else:
            month = timezone.localdate().replace(day=1)
        stored = services.refresh_month(month)
        self.stdout.write(f"Refreshed insights for {month:%B %Y}: {stored} monthly figures stored.")
