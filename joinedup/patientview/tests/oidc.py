"""Signing a patient in through a local OpenID Connect provider (oidc-provider-mock) on a free loopback port."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

import requests
from django.test import Client
from oidc_provider_mock import User, run_server_in_thread


def nhs_login_user(sub: str, nhs_number: str, proofing: str = "P9") -> User:
    """A user shaped like NHS login's: the NHS number and the proofing level as claims."""
    return User(
        sub=sub,
        claims={"nhs_number": nhs_number, "identity_proofing_level": proofing, "email": f"{sub}@example.org"},
    )


def settings_for(base: str) -> dict[str, Any]:
    return {
        "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{base}/oauth2/authorize",
        "OIDC_OP_TOKEN_ENDPOINT": f"{base}/oauth2/token",
        "OIDC_OP_USER_ENDPOINT": f"{base}/userinfo",
        "OIDC_OP_JWKS_ENDPOINT": f"{base}/jwks",
        "OIDC_RP_CLIENT_ID": "joinedup-test",
        "OIDC_RP_CLIENT_SECRET": "joinedup-test-secret",
        "OIDC_VERIFY_KID": False,  # the local provider has one key and names none
    }


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
