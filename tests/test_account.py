"""Sign-in lock-out for a proxied deployment, and changing one's own password (issue 11, item 11)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, RequestFactory

from joinedup.audit.models import AuditEvent
from joinedup.core.client_address import client_ip
from joinedup.demo.directory import DEMO_PASSWORD


def sign_in(username: str, password: str, address: str, forwarded: str = "") -> int:
    extra: dict[str, Any] = {"REMOTE_ADDR": address}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return Client().post("/sign-in/", {"username": username, "password": password}, **extra).status_code


def test_guesses_at_one_account_from_many_addresses_lock_it(icb, settings) -> None:
    settings.AXES_FAILURE_LIMIT = 5
    for n in range(4):
        assert sign_in("gp", "wrong-password", f"203.0.113.{n + 1}") == 200
    assert sign_in("gp", "wrong-password", "203.0.113.5") == 429  # the fifth guess locks the account
    assert sign_in("gp", DEMO_PASSWORD, "198.51.100.7") == 429


def test_everyone_behind_one_address_is_not_locked_out_by_one_persons_mistakes(icb, settings) -> None:
    settings.AXES_FAILURE_LIMIT = 5
    for _ in range(5):
        sign_in("consultant", "wrong-password", "10.0.0.1")  # the load balancer's address for everyone
    assert sign_in("consultant", DEMO_PASSWORD, "10.0.0.1") == 429
    assert sign_in("gp", DEMO_PASSWORD, "10.0.0.1") == 302


def test_the_pair_policy_can_be_chosen(icb, settings) -> None:
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
    for _ in range(3):
        sign_in("gp", "wrong-password", "203.0.113.1")
    assert sign_in("gp", DEMO_PASSWORD, "203.0.113.1") == 429
    assert sign_in("gp", DEMO_PASSWORD, "203.0.113.2") == 302


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "10.0.0.1", "203.0.113.9", "10.0.0.1"),  # no trusted proxy: the header is the client's own claim
        (1, "10.0.0.1", "203.0.113.9", "203.0.113.9"),
        (1, "10.0.0.1", "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # what the client wrote itself is not believed
        (2, "10.0.0.1", "6.6.6.6, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (2, "10.0.0.1", "203.0.113.9", "10.0.0.1"),  # fewer hops than proxies
        (1, "10.0.0.1", "not-an-address\x00", "10.0.0.1"),
    ],
)
def test_the_client_address_behind_trusted_proxies(settings, proxies, remote, forwarded, expected) -> None:
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


NEW_PASSWORD = "lilac-harbour-quietly-47"


def test_a_person_changes_their_password_and_stays_signed_in(icb, signed_in) -> None:
    client = signed_in("gp_clinician")
    page = client.get("/account/password/")
    assert page.status_code == 200 and "Change your password" in page.content.decode()
    answer = client.post(
        "/account/password/",
        {"old_password": DEMO_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert answer.status_code == 302
    assert client.get("/").status_code == 200  # still signed in
    assert Client().post("/sign-in/", {"username": "gp", "password": NEW_PASSWORD}).status_code == 302
    assert Client().post("/sign-in/", {"username": "gp", "password": DEMO_PASSWORD}).status_code == 200
    event = AuditEvent.objects.get(action="person.password_changed")
    assert NEW_PASSWORD not in str(event.details)


@pytest.mark.parametrize(
    ("old", "new1", "new2", "message"),
    [
        ("wrong-password", NEW_PASSWORD, NEW_PASSWORD, "Your current password is not right"),
        (DEMO_PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x", "The two new passwords are not the same"),
        (DEMO_PASSWORD, "short", "short", "too short"),
        (DEMO_PASSWORD, "", "", "Enter a new password"),
    ],
)
def test_a_wrong_password_change_says_why_and_changes_nothing(icb, signed_in, old, new1, new2, message) -> None:
    client = signed_in("gp_clinician")
    answer = client.post("/account/password/", {"old_password": old, "new_password1": new1, "new_password2": new2})
    body = answer.content.decode()
    assert answer.status_code == 200 and message in body
    typed = [password for password in (old, new1, new2) if password]
    assert not any(f'value="{password}"' in body for password in typed)  # a typed password is never sent back
    assert Client().post("/sign-in/", {"username": "gp", "password": DEMO_PASSWORD}).status_code == 302
    assert not AuditEvent.objects.filter(action="person.password_changed").exists()
