"""The demo answers errors as production does (issue 11, item 12).

pytest-django turns DEBUG off for every test, so these run the settings as ``make demo`` reads
them: in a fresh interpreter, with the demo's environment and no DEBUG variable.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import json, os
os.environ["DJANGO_SETTINGS_MODULE"] = "joinedup.config.settings"
import django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings

answers = {"debug": settings.DEBUG}
client = Client(raise_request_exception=False, HTTP_HOST="127.0.0.1")
with override_settings(ROOT_URLCONF="tests.error_urls"):
    for name, path in (("404", "/no-such-page/"), ("500", "/fail/"), ("static", "/static/css/joinedup.css")):
        response = client.get(path)
        body = b"".join(response) if response.streaming else response.content
        answers[name] = {
            "status": response.status_code,
            "csp": response.headers.get("Content-Security-Policy", ""),
            "body": body.decode("utf-8", "replace"),
        }
print(json.dumps(answers))
"""


def _as_the_demo_runs() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_ENV", "DJANGO_SETTINGS_MODULE")}
    env["PYTHONPATH"] = str(REPO_ROOT)
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, cwd=REPO_ROOT, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_demo_runs_without_debug_and_its_error_pages_carry_the_security_policy() -> None:
    answers = _as_the_demo_runs()
    assert answers["debug"] is False
    for code, title in (("404", "Page not found"), ("500", "Sorry, there is a problem with the service")):
        page = answers[code]
        assert page["status"] == int(code)
        assert "default-src 'self'" in page["csp"], f"the {code} page has no Content-Security-Policy"
        assert title in page["body"]
        # Nothing of Django's technical pages: no settings, no list of URLs, no traceback.
        for leak in ("Using the URLconf", "Traceback", "SECRET_KEY", "DATABASES", "a deliberate failure"):
            assert leak not in page["body"], f"the {code} page shows {leak!r}"
    # Static files are still served (WhiteNoise, not runserver's DEBUG-only handler).
    assert answers["static"]["status"] == 200 and ".jn-action-mark" in answers["static"]["body"]
