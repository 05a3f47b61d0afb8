"""``python -m loadtest.run``: the production stack under Locust, figures printed for ``make bench``.

Serves DATABASE_URL's database (already migrated and seeded, e.g. by the bench's
``seed --scale icb``) with scripts/serve-production.sh, then runs Locust headless twice, on
loopback only and for a fixed time: the trivial liveness page alone (the platform's ceiling on
this machine), then the mixed journeys of every role. Prints requests per second, p50, p95 and
p99 per page, and the errors, which must be zero; exits non-zero if there were any.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from loadtest.stack import REPO_ROOT, production_stack

LOCUSTFILE = REPO_ROOT / "loadtest" / "locustfile.py"
JOURNEYS = ["PracticeUser", "TrustUser", "IcbUser"]


def run_locust(base_url: str, classes: list[str], users: int, seconds: int, prefix: Path) -> list[dict[str, str]]:
    locust = Path(sys.executable).with_name("locust")
    subprocess.run(
        [
            str(locust),
            "-f",
            str(LOCUSTFILE),
            "--headless",
            "--only-summary",
            "-u",
            str(users),
            "-r",
            str(users),
            "-t",
            f"{seconds}s",
            "-H",
            base_url,
            "--csv",
            str(prefix),
            "--loglevel",
            "WARNING",
            *classes,
        ],
        check=False,  # Locust exits 1 when any request failed; the figures below say which
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with open(f"{prefix}_stats.csv", newline="") as stats:
        return list(csv.DictReader(stats))


def print_rows(label: str, rows: list[dict[str, str]]) -> tuple[float, int]:
    total = next(row for row in rows if row["Name"] == "Aggregated")
    for row in rows:
        name = "all pages" if row["Name"] == "Aggregated" else f"{row['Type']} {row['Name']}"
        print(
            f"load: {label:<9} {name:<45} {float(row['Requests/s']):7.1f} req/s  p50 {row['50%']:>5} ms  "
            f"p95 {row['95%']:>5} ms  p99 {row['99%']:>5} ms  errors {row['Failure Count']}"
        )
    return float(total["Requests/s"]), int(total["Failure Count"])


def measure(base_url: str, users: int, seconds: int, work: Path) -> tuple[float, float, int]:
    """(ceiling req/s, journeys req/s, journey errors), each run's rows printed."""
    ceiling_rows = run_locust(base_url, ["PlatformCeiling"], users, max(5, seconds // 3), work / "ceiling")
    ceiling, _ = print_rows("ceiling", ceiling_rows)
    ours, errors = print_rows("journeys", run_locust(base_url, JOURNEYS, users, seconds, work / "journeys"))
    return ceiling, ours, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("LOAD_SECONDS", "60")))
    parser.add_argument("--users", type=int, default=int(os.environ.get("LOAD_USERS", "40")))
    parser.add_argument("--web-concurrency", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "4")))
    args = parser.parse_args()
    owner_url = os.environ.get("DATABASE_URL", "")
    if not owner_url.startswith("postgres"):
        raise SystemExit("the load test serves PostgreSQL: set DATABASE_URL to the seeded database's owner URL")
    with (
        tempfile.TemporaryDirectory() as work,
        production_stack(owner_url, Path(work), web_concurrency=args.web_concurrency) as stack,
    ):
        print(
            f"\nload: production stack (gunicorn {args.web_concurrency} workers × 2 threads, task worker) on "
            f"loopback; {args.users} simulated people, {args.seconds} s each run"
        )
        ceiling, ours, errors = measure(stack.base_url, args.users, args.seconds, Path(work))
    print(f"load: journeys at {ours:.1f} req/s against a ceiling of {ceiling:.1f} req/s for the trivial page")
    print(f"load: errors {errors} (must be 0)")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
