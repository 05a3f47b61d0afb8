"""``make bench``: speed figures on PostgreSQL, printed for people to read.

Seeds ``--scale icb`` into a fresh database (timed), then measures pages that
matter at that size. Run with DATABASE_URL pointing at a PostgreSQL server
(``make bench`` starts a private one).
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from functools import partial

import django
from django.test import Client


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "joinedup.config.settings")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit("make bench measures PostgreSQL: set DATABASE_URL to a PostgreSQL database")
    settings.ALLOWED_HOSTS = ["*"]
    _recreate_database()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("seed", scale="icb")
    seed_seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"\nbench: seed --scale icb on PostgreSQL: {seed_seconds:.1f} s (target under 600 s on 2 cores)")
    _bench_pages()


def _recreate_database() -> None:
    """A clean database named after DATABASE_URL's, so the seed starts empty."""
    from django.db import connection

    name = connection.settings_dict["NAME"]
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')


def _bench_pages() -> None:
    from joinedup.directory.seed import DEMO_PASSWORD

    pages = {
        "gp": [
            "/",
            "/patients/?q=Hallett",
            "/patients/?q=9990000018",
            # The GP practice worklists (target p95 under 150 ms).
            "/referrals/",
            "/referrals/?list=returned",
            "/referrals/?list=answered",
            "/referrals/?list=overdue",
            # The practice's diagnostic requests.
            "/diagnostics/",
            "/diagnostics/?tab=reported",
        ],
        # The busiest provider's worklists: thousands open at RZ1 (target p95 under 150 ms).
        "consultant": [
            "/referrals/worklists/",
            "/referrals/worklists/?list=referrals&page=40",
            "/referrals/worklists/?list=advice",
            "/referrals/worklists/?list=referrals&clock=overdue&priority=urgent",
        ],
        "icb.analyst": ["/directory/icb/", "/concerns/review/", "/concerns/review/?format=csv"],
        # The triage administrator works at the busiest trust: its diagnostic worklist (target p95 < 150 ms).
        "triage": ["/", "/diagnostics/worklist/", "/diagnostics/worklist/?state=all&page=3"],
        "interface.lead": ["/concerns/inbox/"],
    }
    for username, paths in pages.items():
        client = Client()
        client.post("/sign-in/", {"username": username, "password": DEMO_PASSWORD})
        for path in paths:
            timings = _time(partial(_status, client, path), runs=40)
            print(
                f"bench: {username:<12} GET {path:<30} p50 {_pct(timings, 50):6.1f} ms  p95 {_pct(timings, 95):6.1f} ms"
            )


def _status(client: Client, path: str) -> int:
    return int(client.get(path).status_code)


def _time(call: Callable[[], int], runs: int) -> list[float]:
    status = call()  # warm up, and make sure the page works
    if status != 200:
        raise SystemExit(f"bench page answered {status}")
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def _pct(values: list[float], percentile: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[percentile - 1]


if __name__ == "__main__":
    main()
