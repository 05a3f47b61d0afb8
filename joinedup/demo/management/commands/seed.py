"""Seeds a fictional ICB: ``manage.py seed --scale demo|icb``."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings

from joinedup.demo import bulk
from joinedup.demo.api import seed_api_clients
from joinedup.demo.concerns import seed_concerns
from joinedup.demo.coordination import seed_coordination
from joinedup.demo.diagnostics import seed_diagnostics
from joinedup.demo.directory import DEMO_PASSWORD, ICB_ODS, seed_directory
from joinedup.demo.insights import seed_insights
from joinedup.demo.letter_feedback import seed_feedback
from joinedup.demo.letters import seed_letters
from joinedup.demo.names import NHS_NUMBER_TEST_CAPACITY
from joinedup.demo.patients import seed_patients
from joinedup.demo.patientview import seed_patient_questions
from joinedup.demo.referrals import seed_referrals
from joinedup.directory.models import Organisation

SCALES: dict[str, dict[str, int]] = {
    # Small and quick, for the demo and the browser tests.
    "demo": {"practices": 6, "trusts": 3, "sites_per_specialty": 1, "patients": 600},
    # A realistic ICB. 1.5 million patients would need more NHS numbers than the 999 test range
    # holds (909,091), so the patient count is capped there: see docs/decisions/0003.
    "icb": {"practices": 150, "trusts": 5, "sites_per_specialty": 1, "patients": NHS_NUMBER_TEST_CAPACITY},
}


class Command(BaseCommand):
    help = "Fill the database with a fictional ICB (synthetic data only)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="demo")
        parser.add_argument("--seed", type=int, default=2026, help="random seed, for repeatable data")
        parser.add_argument("--if-empty", action="store_true", help="do nothing if the ICB is already seeded")

    def handle(self, *args: Any, scale: str, seed: int, if_empty: bool, **options: Any) -> None:
        if Organisation.objects.filter(ods_code=ICB_ODS).exists():
            if if_empty:
                self.stdout.write("Already seeded: nothing to do.")
                self._print_logins()
                return
            raise CommandError("This database is already seeded. Use a fresh database (or pass --if-empty).")
        size = SCALES[scale]
        rng = random.Random(seed)
        demo = scale == "demo"
        started = time.perf_counter()
        directory = seed_directory(
            practices=size["practices"], trusts=size["trusts"], sites_per_specialty=size["sites_per_specialty"], rng=rng
        )
        self._timing("organisations, services and people", started)
        # Each later step reads what the ones before it wrote: patients before anything about them,
        # letters read by the reader before the practices' answers on them.
        steps: list[tuple[str, Callable[[], int | tuple[int, int]]]] = [
            ("{:,} patients", lambda: seed_patients(practices=directory.practices, total=size["patients"], rng=rng)),
            (
                "{:,} interface concerns",
                lambda: seed_concerns(
                    directory=directory, count=18 if demo else 6000, days=40 if demo else 365, rng=rng, demo=demo
                ),
            ),
            (
                "{:,} referrals and {:,} A&G requests",
                lambda: seed_referrals(
                    directory=directory,
                    referrals=0 if demo else 500_000,
                    advice=0 if demo else 80_000,
                    days=365,
                    rng=rng,
                    demo=demo,
                ),
            ),
            (
                "{:,} direct-access diagnostic requests",
                lambda: seed_diagnostics(
                    directory=directory, count=24 if demo else 100_000, days=40 if demo else 365, rng=rng, demo=demo
                ),
            ),
            ("{:,} hospital letters", lambda: seed_letters(directory=directory, rng=rng, demo=demo)),
            ("{:,} practice answers on letter actions", lambda: seed_feedback(rng=rng, limit=300 if demo else 20000)),
            ("{:,} urgent escalations to the hub", lambda: seed_coordination(directory=directory, rng=rng, demo=demo)),
            ("{:,} patients' questions", lambda: seed_patient_questions(rng=rng, demo=demo)),
            ("{:,} FHIR API client systems (keys in var/api-keys/)", lambda: seed_api_clients(directory=directory)),
            ("{:,} monthly figures for insights' charts", seed_insights),  # last: it counts what the others seeded
        ]
        for what, step in steps:
            step_started = time.perf_counter()
            # Steps that go through the real services would email the demo people about synthetic
            # work that happened "before" the demo began: nobody needs those.
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
                added = step()
            counts = added if isinstance(added, tuple) else (added,)
            self._timing(what.format(*counts), step_started)
        bulk.refresh_statistics()
        self._timing(f"seed --scale {scale} in total", started)
        self._print_logins()

    def _timing(self, what: str, started: float) -> None:
        self.stdout.write(f"seeded {what}: {time.perf_counter() - started:.1f} s")

    def _print_logins(self) -> None:
        from joinedup.directory.models import RoleAssignment

        self.stdout.write(f"\nDemo sign-ins (password for all: {DEMO_PASSWORD}):")
        demo_users = [
            "gp",
            "practice.admin",
            "consultant",
            "triage",
            "interface.lead",
            "icb.analyst",
            "hub",
            "ucr.team",
            "admin",
        ]
        for username in demo_users:
            for assignment in RoleAssignment.objects.filter(person__username=username).select_related("organisation"):
                self.stdout.write(f"  {username:<16} {assignment.get_role_display()} at {assignment.organisation.name}")
