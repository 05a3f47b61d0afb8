"""`make serve` on another port: the emails the demo sends link to that port (issue 12, bug 10)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_demo_on_another_port_links_its_emails_there(tmp_path: Path) -> None:
    # A stand-in for the virtual environment's python: it says which address emails would link to.
    fake = tmp_path / "python"
    fake.write_text('#!/bin/sh\necho "SITE_URL=$SITE_URL"\n')
    fake.chmod(0o755)
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    run = subprocess.run(
        ["make", "--no-print-directory", "serve", f"BIN={tmp_path}", "DEMO_PORT=8123"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "SITE_URL=http://127.0.0.1:8123" in run.stdout
    told = subprocess.run(
        ["make", "--no-print-directory", "serve", f"BIN={tmp_path}", "DEMO_PORT=8123"],
        cwd=ROOT,
        env={**env, "SITE_URL": "https://joinedup.example"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "SITE_URL=https://joinedup.example" in told.stdout  # a deployment's own address wins
