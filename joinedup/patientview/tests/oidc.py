"""Signing a patient in through a local OpenID Connect provider (oidc-provider-mock) on a free loopback port."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

import requests
from django.test import Client
from oidc_provider_mock import User, run_server_in_thread

from joinedup.patientview.local_provider import nhs_login_user, settings_for

__all__ = ["nhs_login_user", "provider", "settings_for", "sign_in"]


@contextmanager
def provider(*users: User) -> Iterator[str]:
    """The provider's base URL while it runs (port 0: the OS picks a free one)."""
    with run_server_in_thread(port=0, user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


def sign_in(client: Client, sub: str) -> Any:
    """Go through NHS login as ``sub`` (the provider's one-click form) and return the callback's response."""
    start = client.get("/my/sign-in/nhs-login/")
    assert start.status_code == 302, start
    authorize_url = start["Location"]
    chosen = requests.post(authorize_url, data={"sub": sub}, allow_redirects=False, timeout=10)
    assert chosen.status_code in (302, 303), chosen.text[:500]
    back = urlsplit(chosen.headers["Location"])
    return client.get(f"{back.path}?{back.query}")
