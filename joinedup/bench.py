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
    _bench_letter_inbox()


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
        "gp": ["/", "/patients/?q=Hallett", "/patients/?q=9990000018"],
        "icb.analyst": ["/directory/icb/", "/concerns/review/", "/concerns/review/?format=csv", "/letters/accuracy/"],
        "triage": ["/"],
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


def _bench_letter_inbox() -> None:
    """The busiest practice's letter inbox and one of its letters with text, as its GP sees them."""
    from django.db.models import Count

    from joinedup.directory.middleware import SESSION_KEY
    from joinedup.directory.models import Role, RoleAssignment
    from joinedup.letters.models import Letter

    # The busiest practice that has a GP to sign in as (seeded practices do not all have one).
    with_gp = RoleAssignment.objects.filter(role=Role.GP_CLINICIAN).values("organisation_id")
    busiest = (
        Letter.objects.filter(practice_id__in=with_gp)
        .values("practice_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    if busiest is None:
        print("bench: letter inbox: no letters at a practice with a GP, skipped")
        return
    practice_id = busiest["practice_id"]
    gp = RoleAssignment.objects.filter(organisation_id=practice_id, role=Role.GP_CLINICIAN).earliest("id")
    letter = Letter.objects.filter(practice_id=practice_id).exclude(text="").order_by("-received_at").first()
    client = Client()
    client.force_login(gp.person)
    session = client.session
    session[SESSION_KEY] = gp.id
    session.save()
    new = Letter.objects.filter(practice_id=practice_id, filed_at__isnull=True).count()
    print(f"bench: letter inbox of the busiest practice: {busiest['n']:,} letters, {new:,} new")
    paths = ["/letters/", "/letters/?which=all&page=2", "/letters/?actions=yes&kind=discharge_summary"]
    if letter is not None:
        paths.append(f"/letters/{letter.id}/")
    for path in paths:
        timings = _time(partial(_status, client, path), runs=40)
        print(f"bench: gp (letters) GET {path:<45} p50 {_pct(timings, 50):6.1f} ms  p95 {_pct(timings, 95):6.1f} ms")


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
