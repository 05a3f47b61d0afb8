from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.test import Client

from joinedup.demo.directory import DEMO_PASSWORD
from joinedup.directory.models import Person


def test_signing_in_lands_on_the_role_home_page(icb) -> None:
    client = Client()
    response = client.post("/sign-in/", {"username": "gp", "password": DEMO_PASSWORD}, follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Millbrook Surgery" in body and "GP clinician" in body


def test_a_wrong_password_shows_an_error_and_does_not_sign_in(icb) -> None:
    client = Client()
    response = client.post("/sign-in/", {"username": "gp", "password": "not-the-password"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert client.get("/").status_code == 302


def test_repeated_failed_sign_ins_lock_the_account_even_for_the_right_password(icb, settings) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/sign-in/", {"username": "gp", "password": "wrong-password"})
    locked = client.post("/sign-in/", {"username": "gp", "password": DEMO_PASSWORD})
    assert locked.status_code == 429
    assert "Your account is locked" in locked.content.decode()
    assert client.get("/").status_code == 302  # still not signed in


def test_a_person_with_no_role_is_told_so_and_sees_nothing(icb) -> None:
    Person.objects.create_user(username="norole", password=DEMO_PASSWORD)
    client = Client()
    client.post("/sign-in/", {"username": "norole", "password": DEMO_PASSWORD})
    response = client.get("/")
    assert response.status_code == 403
    assert "You do not have a role in JoinedUp yet" in response.content.decode()
    assert client.get("/patients/?q=Hallett").status_code == 403


def test_pages_need_sign_in(icb) -> None:
    for path in ["/", "/patients/", "/directory/", "/audit/"]:
        response = Client().get(path)
        assert response.status_code == 302 and response["Location"].startswith("/sign-in/")


def test_every_page_sends_a_content_security_policy_and_security_headers(icb, signed_in) -> None:
    response = signed_in("gp_clinician").get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "'nonce-" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    nonce = csp.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()  # the template's inline script carries it


def test_the_gp_switches_to_their_other_practice(icb, signed_in) -> None:
    client = signed_in("gp_clinician")
    second = icb.practices[1].role_assignments.get(person__username="gp")
    response = client.post("/role/", {"assignment": second.id}, follow=True)
    assert icb.practices[1].name in response.content.decode()


def test_nobody_can_switch_into_someone_elses_role(icb, signed_in) -> None:
    client = signed_in("gp_clinician")
    admins = icb.icb.role_assignments.get(person__username="admin")
    response = client.post("/role/", {"assignment": admins.id})
    assert response.status_code == 400
    assert "System administration" not in client.get("/").content.decode()


def _settings_in_production(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='joinedup.config.settings'; "
        "from django.conf import settings; "
        "print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.DEBUG, settings.SECURE_HSTS_SECONDS)"
    )
    full_env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"} | {"DJANGO_ENV": "production"} | env
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=full_env, check=False)


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = _settings_in_production({})
    assert result.returncode != 0 and "SECRET_KEY must be set in production" in result.stderr


@pytest.mark.parametrize("flag", ["True True False 31536000"])
def test_production_uses_secure_cookies_and_hsts(flag: str) -> None:
    result = _settings_in_production({"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "joinedup.example"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == flag


def test_an_empty_sign_in_names_each_missing_field_in_words(client, db) -> None:
    """Issue 12, bug 14: the page said "This field is required." twice."""
    body = client.post("/sign-in/", {"username": "", "password": ""}).content.decode()
    assert "Enter your username" in body and "Enter your password" in body
    assert "This field is required" not in body


def test_the_staff_sign_in_page_offers_patients_their_own_way_in(db) -> None:
    from django.test import Client

    page = Client().get("/sign-in/").content.decode()
    assert 'href="/my/sign-in/"' in page and "Are you a patient?" in page
    assert Client().get("/my/sign-in/").status_code == 200
