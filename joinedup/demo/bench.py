"""``make bench``: speed figures on PostgreSQL, printed for people to read.

Seeds ``--scale icb`` into a fresh database (timed), then measures pages that
matter at that size. Run with DATABASE_URL pointing at a PostgreSQL server
(``make bench`` starts a private one).
"""

from __future__ import annotations

import datetime
import os
import statistics
import time
from collections.abc import Callable
from functools import partial

import django
import django.utils.timezone
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
    print(f"\nbench: seed --scale icb on PostgreSQL: {seed_seconds:.1f} s (target under 600 s on 2 cores)")
    _bench_pages()
    _bench_letter_intake()
    _bench_letter_inbox()
    _bench_patient_page()
    from joinedup.demo.coordination import bench_coordination

    for line in bench_coordination():
        print(line)
    from joinedup.demo.insights import bench_insights

    for line in bench_insights():
        print(line)
    from joinedup.demo.api import bench_api

    for line in bench_api():
        print(line)


def _recreate_database() -> None:
    """A clean database named after DATABASE_URL's, so the seed starts empty."""
    from django.db import connection

    name = connection.settings_dict["NAME"]
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')


def _bench_pages() -> None:
    from joinedup.demo.directory import DEMO_PASSWORD

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
        "icb.analyst": [
            "/directory/icb/",
            "/concerns/review/",
            "/concerns/review/?format=csv&table=themes",
            "/letters/timeliness/",
            "/letters/accuracy/",
        ],
        # The triage administrator works at the busiest trust: its diagnostic worklist (target p95 < 150 ms).
        "triage": ["/", "/diagnostics/worklist/", "/diagnostics/worklist/?state=all&page=3"],
        "interface.lead": ["/concerns/inbox/", "/letters/timeliness/"],
        "admin": ["/letters/quarantine/", "/letters/timeliness/"],
    }
    for username, paths in pages.items():
        client = Client()
        client.post("/sign-in/", {"username": username, "password": DEMO_PASSWORD})
        for path in paths:
            timings = _time(partial(_status, client, path), runs=40)
            print(
                f"bench: {username:<12} GET {path:<30} p50 {_pct(timings, 50):6.1f} ms  p95 {_pct(timings, 95):6.1f} ms"
            )


def _bench_letter_intake(count: int = 500) -> None:
    """Letters per second from a MESH mailbox to letters read, with the real poller and task worker.

    mesh-sandbox runs on loopback; the trust's sending is not timed. Timed: ``mesh_poll --once``
    (download, store, acknowledge) and one ``db_worker`` process reading the letters as they are
    queued (database task backend), until every letter is read. Two figures: from starting both
    processes (cold: includes Django starting twice), and the running service's rate, from the
    first letter stored to the last one read (in production both processes are long-lived).
    """
    import random
    import resource
    import subprocess
    import sys

    from django.db.models import Max, Min

    from joinedup.demo import mesh_sandbox as sandbox
    from joinedup.demo.letter_writer import SCENARIOS, write_letter
    from joinedup.letters.intake.documents import KIND_WORKFLOWS, document_bytes, section
    from joinedup.letters.models import Letter, LetterKind, ReadingState
    from joinedup.patients.models import Patient

    rng = random.Random(5)
    patients = list(Patient.objects.select_related("registered_practice").order_by("?")[:count])
    now = django.utils.timezone.now()
    with sandbox.running_sandbox() as url:
        with sandbox.client(url, sandbox.SENDER) as trust:
            trust.handshake()
            for patient in patients:
                scenario = rng.choice(SCENARIOS)
                written = write_letter(
                    rng,
                    scenario=scenario,
                    trust_name="Pellbridge and Saltmere Hospitals NHS Foundation Trust",
                    practice_name=patient.registered_practice.name,
                    given=patient.given_name,
                    family=patient.family_name,
                    nhs_number=patient.nhs_number,
                    female=rng.random() < 0.5,
                    event_at=now,
                    inappropriate=rng.choice([0, 1, 2]),
                )
                content = document_bytes(
                    nhs_number=patient.nhs_number,
                    practice_ods=patient.registered_practice.ods_code,
                    trust_ods="RZ1",
                    kind=scenario.kind,
                    event_at=now - datetime.timedelta(hours=rng.uniform(2, 40)),
                    sent_at=now,
                    title=scenario.title,
                    sections=[section("Letter", written.text.split("\n\n"))],
                )
                trust.send_message(sandbox.RECIPIENT, content, workflow_id=KIND_WORKFLOWS[LetterKind(scenario.kind)])
        last_id = Letter.objects.aggregate(last=Max("id"))["last"] or 0
        # As in production: without DEBUG, Django keeps no log of every query.
        env = {**os.environ, **sandbox.mesh_settings(url), "DEBUG": "0"}
        started = time.perf_counter()
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1", "-v0"],
            env=env,
        )
        try:
            poll = subprocess.run(
                [sys.executable, "manage.py", "mesh_poll", "--once"], env=env, capture_output=True, text=True
            )
            polled = time.perf_counter() - started
            cpu_polled = resource.getrusage(resource.RUSAGE_CHILDREN)
            new = Letter.objects.filter(id__gt=last_id)
            while new.filter(reading_state=ReadingState.WAITING).exists():
                time.sleep(0.05)
            total = time.perf_counter() - started
            span = new.aggregate(first=Min("received_at"), last=Max("read_at"))
            running = (span["last"] - span["first"]).total_seconds()
        finally:
            worker.terminate()
            worker.wait(timeout=30)
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    taken = new.count()
    poll_cpu = (cpu_polled.ru_utime + cpu_polled.ru_stime - cpu_before.ru_utime - cpu_before.ru_stime) / taken
    read_cpu = (cpu_after.ru_utime + cpu_after.ru_stime - cpu_polled.ru_utime - cpu_polled.ru_stime) / taken
    print(f"bench: letter intake from mesh-sandbox: {poll.stdout.strip()}")
    print(
        f"bench: letter intake end to end (poll, store, acknowledge, read), running service: {taken} letters in"
        f" {running:.1f} s = {taken / running:.0f} letters/s (target 50/s; first stored to last read; reading by"
        " one db_worker process beside the poller, database task backend)"
    )
    print(
        f"bench: letter intake end to end from a cold start of both processes: {taken} letters in {total:.1f} s ="
        f" {taken / total:.0f} letters/s (polling alone {polled:.1f} s)"
    )
    print(
        f"bench: letter intake CPU per letter: poller {poll_cpu * 1000:.1f} ms, reading worker {read_cpu * 1000:.1f} ms"
        f" (plus PostgreSQL and the sandbox); load average during the run {os.getloadavg()[0]:.1f} on"
        f" {os.cpu_count()} cores"
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


def _bench_patient_page() -> None:
    """The patient's own page (issue 15) for a patient with many items: of the 50 with the most
    referrals and A&G requests, the one with the most items once urgent escalations (registered by
    care coordination, decision 0023) are counted too (target p95 under 150 ms), signed in as NHS
    login would leave them."""
    from django.db.models import Count

    from joinedup.coordination.models import Escalation
    from joinedup.patientview.identity import SESSION_NHS_NUMBER, SESSION_PROOFING
    from joinedup.referrals.models import ClinicalRequest

    top = list(
        ClinicalRequest.objects.values("patient_id", "patient__nhs_number")
        .annotate(n=Count("id"))
        .order_by("-n", "patient_id")[:50]
    )
    if not top:
        print("bench: patient page: no referrals, skipped")
        return
    escalations = dict(
        Escalation.objects.filter(patient_id__in=[row["patient_id"] for row in top])
        .values("patient_id")
        .annotate(n=Count("id"))
        .values_list("patient_id", "n")
    )
    most = max(top, key=lambda row: (row["n"] + escalations.get(row["patient_id"], 0), -row["patient_id"]))
    client = Client()
    session = client.session
    session[SESSION_NHS_NUMBER] = most["patient__nhs_number"]
    session[SESSION_PROOFING] = "P9"
    session.save()
    cards = client.get("/my/").content.decode().count('class="nhsuk-card"')
    timings = _time(partial(_status, client, "/my/"), runs=40)
    print(
        f"bench: patient (NHS login) GET /my/ with {most['n']} requests, "
        f"{escalations.get(most['patient_id'], 0)} escalations, {cards} items"
        f"  p50 {_pct(timings, 50):6.1f} ms  p95 {_pct(timings, 95):6.1f} ms (target p95 under 150 ms)"
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
