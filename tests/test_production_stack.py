"""The production start (scripts/serve-production.sh) serves real pages on PostgreSQL (issue 11).

Started exactly as a deployment would: migrations and grants as the owner role, the web server
(gunicorn), the task worker, collected static files with the manifest storage, JSON logs, and
the runtime role that owns nothing. Nothing here is mocked; it needs a PostgreSQL server (the
one the suite runs on) and takes about half a minute.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import requests
from django.conf import settings
from django.db import connection

from joinedup.demo.directory import DEMO_PASSWORD
from joinedup.letters.reader import READER_VERSION
from loadtest.run import measure
from loadtest.stack import production_stack

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="production runs on PostgreSQL")

REPO_ROOT = Path(__file__).resolve().parents[1]
# Roles belong to the whole cluster: one name per xdist worker.
ROLE = f"joinedup_app_check_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"


def server_url(database: str) -> str:
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER'] or 'postgres'}@{db['HOST']}:{db['PORT']}/{database}"


@pytest.fixture
def fresh_database() -> Iterator[str]:
    name = f"joinedup_prod_{os.getpid()}"
    admin = server_url("postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    yield server_url(name)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"DROP ROLE IF EXISTS {ROLE}")


def manage(owner_url: str, *args: str) -> None:
    env = {**os.environ, "DATABASE_URL": owner_url, "DJANGO_ENV": "demo"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run([sys.executable, "manage.py", *args], cwd=REPO_ROOT, env=env, check=True, capture_output=True)


def _age_two_letters(url: str) -> tuple[int, int]:
    """Marks one unanswered and one answered letter as read by a reader older than today's."""
    with psycopg.connect(url, autocommit=True) as conn:
        answered_ids = (
            "SELECT a.letter_id FROM letters_letteraction a JOIN letters_actionfeedback f ON f.action_id = a.id"
        )
        read = "reading_state = 'read' AND filed_at IS NULL"
        stale = conn.execute(
            f"SELECT id FROM letters_letter WHERE {read} AND id NOT IN ({answered_ids}) "
            "AND id NOT IN (SELECT letter_id FROM letters_letteraction WHERE origin = 'practice') ORDER BY id LIMIT 1"
        ).fetchone()
        answered = conn.execute(
            f"SELECT id FROM letters_letter WHERE {read} AND id IN ({answered_ids}) LIMIT 1"
        ).fetchone()
        assert stale and answered, "the demo seed has an unanswered and an answered letter"
        conn.execute("UPDATE letters_letter SET reader_version = 0 WHERE id IN (%s, %s)", (stale[0], answered[0]))
    return stale[0], answered[0]


def _reader_version_soon(url: str, letter_id: int, wanted: int, seconds: float = 60) -> int:
    """The letter's reader version once it is ``wanted``, or after ``seconds`` whatever it is."""
    deadline = time.monotonic() + seconds
    with psycopg.connect(url, autocommit=True) as conn:
        while True:
            row = conn.execute("SELECT reader_version FROM letters_letter WHERE id = %s", (letter_id,)).fetchone()
            if row[0] == wanted or time.monotonic() > deadline:
                return int(row[0])
            time.sleep(0.5)


def test_the_production_start_serves_signed_in_pages_as_a_role_that_owns_nothing(
    fresh_database: str, tmp_path: Path
) -> None:
    # People to sign in as: the demo seed, run as the owner before the stack starts.
    manage(fresh_database, "migrate", "--no-input", "-v0")
    manage(fresh_database, "seed", "--scale", "demo")
    stale, answered = _age_two_letters(fresh_database)
    with production_stack(fresh_database, tmp_path, role=ROLE) as stack:
        base = stack.base_url
        # After a new reader version the start re-reads, beside the server, the letters no one has answered;
        # a letter with an answer keeps the reading it was answered against (decisions 0021 and 0026).
        assert _reader_version_soon(fresh_database, stale, READER_VERSION) == READER_VERSION
        assert _reader_version_soon(fresh_database, answered, READER_VERSION) == 0
        ready = requests.get(f"{base}/health/ready", timeout=5).json()
        assert {name: check["ok"] for name, check in ready["checks"].items()} == {
            "database": True,
            "migrations": True,
            "worker": True,
        }
        browser = requests.Session()
        sign_in = browser.get(f"{base}/sign-in/")
        assert sign_in.status_code == 200
        assert "nonce-" in sign_in.headers["Content-Security-Policy"]
        answer = browser.post(
            f"{base}/sign-in/",
            data={"username": "gp", "password": DEMO_PASSWORD, "csrfmiddlewaretoken": browser.cookies["csrftoken"]},
            headers={"Referer": f"{base}/sign-in/"},
            allow_redirects=True,
        )
        assert answer.status_code == 200 and "Millbrook Surgery" in answer.text
        # Static files come from the collected, hashed manifest, and they load.
        stylesheet = next(
            part.split('"')[0] for part in answer.text.split('href="')[1:] if ".css" in part.split('"')[0]
        )
        assert re.search(r"\.[0-9a-f]{12}\.css$", stylesheet), stylesheet
        assert requests.get(f"{base}{stylesheet}").status_code == 200
        # A page that is not there is the product's own 404, not Django's debug page.
        missing = browser.get(f"{base}/no-such-page/")
        assert missing.status_code == 404 and "Page not found" in missing.text and "URLconf" not in missing.text
        # The load test's journeys run against it without an error (a short run: the figures are make bench's).
        ceiling, journeys, errors = measure(base, users=2, seconds=5, work=tmp_path)
        assert errors == 0 and journeys > 0 and ceiling > 0
    # Every process of the unit stopped with it.
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{base}/health/live", timeout=2)
    access = [json.loads(line) for line in stack.log.read_text().splitlines() if line.startswith('{"time"')]
    assert any(entry["path"] == "/sign-in/" and entry["status"] == 200 for entry in access)
