"""``python -m loadtest.faults``: faults under load against the production stack, results printed.

With people reading pages and raising concerns (a write: the concern, its timeline row and its
audit event in one transaction) for a fixed time, on loopback only:

1. one web worker is killed (SIGKILL) mid-traffic: gunicorn replaces it;
2. PostgreSQL is stopped and started again: the app reconnects by itself (connections are
   checked before reuse; the task worker is started again by serve-production.sh).

Printed: requests and errors inside each fault's window and outside every window (outside must
be 0); every concern the app answered "raised" is in the database (nothing acknowledged lost);
no concern lacks its timeline row or its audit event (nothing half-written). Exits non-zero when
any of those fails. Needs DATABASE_URL (the owner of a migrated, seeded database) and the
cluster's directory and port, so it can restart it (``make bench`` passes them).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import requests

from loadtest.stack import REPO_ROOT, production_stack

PASSWORD = os.environ.get("DEMO_PASSWORD", "joinedup-demo-2026")
PAGES = ["/", "/letters/", "/referrals/", "/concerns/", "/diagnostics/"]
ABOUT = re.compile(r'<select[^>]*name="about".*?<option value="([A-Z0-9]+)"', re.S)
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


@dataclass
class Outcome:
    at: float
    ok: bool
    what: str


@dataclass
class Run:
    started: float = field(default_factory=time.monotonic)
    outcomes: list[Outcome] = field(default_factory=list)
    raised: list[str] = field(default_factory=list)  # what_happened of each concern the app said it raised
    windows: dict[str, tuple[float, float]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, ok: bool, what: str) -> None:
        with self.lock:
            self.outcomes.append(Outcome(time.monotonic(), ok, what))


def signed_in(base: str) -> requests.Session:
    session = requests.Session()
    session.get(f"{base}/sign-in/", timeout=10)
    session.post(
        f"{base}/sign-in/",
        data={"username": "gp", "password": PASSWORD, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        headers={"Referer": f"{base}/sign-in/"},
        timeout=30,
    )
    return session


def person(base: str, session: requests.Session, run: Run, tag: str, until: float, number: int) -> None:
    i = 0
    while time.monotonic() < until:
        i += 1
        try:
            if i % 5 == 0:
                raise_concern(base, session, run, f"fault drill {tag} person {number} concern {i}")
            else:
                page = session.get(f"{base}{PAGES[i % len(PAGES)]}", timeout=10)
                run.note(page.status_code == 200, "read")
        except requests.RequestException:
            run.note(False, "read or write")
        time.sleep(0.05)


def raise_concern(base: str, session: requests.Session, run: Run, text: str) -> None:
    form = session.get(f"{base}/concerns/new/", timeout=10)
    about = ABOUT.search(form.text)
    if form.status_code != 200 or about is None:
        run.note(False, "write form")
        return
    data = dict(HIDDEN.findall(form.text))
    data.update({"about": about.group(1), "rule": "other", "severity": "low", "what_happened": text})
    answer = session.post(
        f"{base}/concerns/new/",
        data=data,
        headers={"Referer": f"{base}/concerns/new/"},
        timeout=10,
        allow_redirects=False,
    )
    ok = answer.status_code == 302
    run.note(ok, "write")
    if ok:
        with run.lock:
            run.raised.append(text)


def kill_one_web_worker(stack_pid: int) -> None:
    """SIGKILL one gunicorn worker (a child of the gunicorn master, itself a child of the start script)."""
    masters = subprocess.run(["pgrep", "-P", str(stack_pid), "-f", "gunicorn"], capture_output=True, text=True)
    master = masters.stdout.split()[0]
    workers = subprocess.run(["pgrep", "-P", master], capture_output=True, text=True).stdout.split()
    subprocess.run(["kill", "-KILL", workers[0]], check=True)


def restart_postgres(pg_dir: str, pg_port: int) -> None:
    script = str(REPO_ROOT / "scripts" / "pg-cluster.sh")
    subprocess.run([script, "stop", pg_dir], check=True)
    time.sleep(1)
    subprocess.run([script, "start", pg_dir, str(pg_port)], check=True, stdout=subprocess.DEVNULL)


def check_database(owner_url: str, tag: str, raised: list[str]) -> tuple[int, int, int]:
    """(acknowledged but missing, concerns without their timeline row, concerns without their audit event)."""
    with psycopg.connect(owner_url) as conn:
        rows = conn.execute(
            "SELECT c.id, c.what_happened, "
            "(SELECT count(*) FROM concerns_concernevent e WHERE e.concern_id = c.id), "
            "(SELECT count(*) FROM audit_auditevent a WHERE a.action = 'concern.raised' AND a.object_id = c.id::text) "
            "FROM concerns_concern c WHERE c.what_happened LIKE %s",
            [f"fault drill {tag} %"],
        ).fetchall()
    stored = {text for _, text, _, _ in rows}
    missing = sum(text not in stored for text in raised)
    return missing, sum(events == 0 for _, _, events, _ in rows), sum(audits == 0 for _, _, _, audits in rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pg-dir", required=True)
    parser.add_argument("--pg-port", type=int, required=True)
    parser.add_argument("--seconds", type=int, default=45)
    parser.add_argument("--people", type=int, default=8)
    args = parser.parse_args()
    owner_url = os.environ["DATABASE_URL"]
    tag = uuid.uuid4().hex[:8]
    run = Run()
    with tempfile.TemporaryDirectory() as work, production_stack(owner_url, Path(work), web_concurrency=2) as stack:
        # Everyone signs in before the clock starts (a sign-in hashes a password: slow on purpose).
        sessions = [signed_in(stack.base_url) for _ in range(args.people)]
        until = time.monotonic() + args.seconds
        people = [
            threading.Thread(target=person, args=(stack.base_url, session, run, tag, until, n), daemon=True)
            for n, session in enumerate(sessions)
        ]
        for thread in people:
            thread.start()
        time.sleep(args.seconds * 0.2)
        start = time.monotonic()
        kill_one_web_worker(stack.process.pid)
        run.windows["web worker killed"] = (start, time.monotonic() + 5)
        time.sleep(args.seconds * 0.25)
        start = time.monotonic()
        restart_postgres(args.pg_dir, args.pg_port)
        run.windows["PostgreSQL restarted"] = (start, time.monotonic() + 5)
        for thread in people:
            thread.join()
        ready = requests.get(f"{stack.base_url}/health/ready", timeout=10)
    failed = False
    print(
        f"\nfaults: {args.people} people reading and raising concerns for {args.seconds} s, production stack on loopback"
    )
    outside = [o for o in run.outcomes if not any(a <= o.at <= b for a, b in run.windows.values())]
    for name, (a, b) in run.windows.items():
        inside = [o for o in run.outcomes if a <= o.at <= b]
        print(
            f"faults: {name:<22} window {b - a:4.1f} s: {len(inside)} requests, {sum(not o.ok for o in inside)} errors"
        )
    errors_outside = sum(not o.ok for o in outside)
    print(f"faults: outside the windows: {len(outside)} requests, {errors_outside} errors (must be 0)")
    print(f"faults: ready again after the faults: {ready.status_code == 200}")
    missing, no_event, no_audit = check_database(owner_url, tag, run.raised)
    print(
        f"faults: {len(run.raised)} concerns acknowledged: {missing} missing, {no_event} without their timeline row, "
        f"{no_audit} without their audit event (each must be 0)"
    )
    failed = bool(errors_outside or missing or no_event or no_audit or ready.status_code != 200)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
