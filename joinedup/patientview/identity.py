"""Who the patient is: NHS login (OpenID Connect) through mozilla-django-oidc, kept apart from staff sign-in.

A patient is not a person in the directory and never becomes a Django user: the identity provider
vouches for an NHS number (the ``nhs_number`` claim) at a proofing level (``identity_proofing_level``),
and the session holds just that. Staff sign-in (username and password, ``request.user``) is untouched;
signing in as a patient signs any staff user out of that browser first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from joinedup.patients.nhs_numbers import nhs_number_error, normalise_nhs_number

SESSION_NHS_NUMBER = "patientview_nhs_number"
SESSION_PROOFING = "patientview_proofing_level"
SESSION_EMAIL = "patientview_email"
PROOFING_ORDER = {"P0": 0, "P5": 5, "P9": 9}


@dataclass(frozen=True)
class PatientIdentity:
    nhs_number: str
    proofing_level: str
    email: str = ""
    is_active: bool = True


class NotProofedEnough(Exception):
    """Signed in, but not identity-proofed to the level needed to see health records."""


class NHSLoginBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """Token exchange, ID token check (signature, nonce) and userinfo by the library; the claims by us.

    Not in AUTHENTICATION_BACKENDS: the callback calls it directly, so a patient never becomes a user.
    """

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> PatientIdentity | None:
        claims = self.get_userinfo(access_token, id_token, payload)
        return identity_from_claims(claims)


def identity_from_claims(claims: dict[str, Any]) -> PatientIdentity | None:
    """The NHS number and proofing level from NHS login's claims; None if the NHS number is missing or invalid."""
    raw = str(claims.get("nhs_number") or "")
    if nhs_number_error(raw) is not None:
        return None
    nhs_number = normalise_nhs_number(raw)
    level = str(claims.get("identity_proofing_level") or "P0")
    needed = settings.NHS_LOGIN_MINIMUM_PROOFING
    if PROOFING_ORDER.get(level, 0) < PROOFING_ORDER.get(needed, 9):
        raise NotProofedEnough(level)
    email = str(claims.get("email") or "")
    return PatientIdentity(nhs_number=nhs_number, proofing_level=level, email=email if "@" in email else "")


def signed_in_nhs_number(request: HttpRequest) -> str | None:
    value = request.session.get(SESSION_NHS_NUMBER)
    return str(value) if value else None


def nhs_login_configured() -> bool:
    return bool(settings.OIDC_OP_AUTHORIZATION_ENDPOINT and settings.OIDC_RP_CLIENT_ID)
