"""A local OpenID Connect provider shaped like NHS login (oidc-provider-mock), for the demo and the tests.

Its users carry NHS login's claims: ``nhs_number`` and ``identity_proofing_level``. It signs its ID
tokens with one key and names no key id, so the client using it sets ``OIDC_VERIFY_KID`` off.
"""

from __future__ import annotations

from typing import Any


def nhs_login_user(sub: str, nhs_number: str, proofing: str = "P9") -> Any:
    from oidc_provider_mock import User  # a test requirement: imported only when a local provider runs

    return User(
        sub=sub,
        claims={"nhs_number": nhs_number, "identity_proofing_level": proofing, "email": f"{sub}@example.org"},
    )


def settings_for(base: str) -> dict[str, Any]:
    """The NHS login settings that point JoinedUp at a local provider at ``base``."""
    return {
        "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{base}/oauth2/authorize",
        "OIDC_OP_TOKEN_ENDPOINT": f"{base}/oauth2/token",
        "OIDC_OP_USER_ENDPOINT": f"{base}/userinfo",
        "OIDC_OP_JWKS_ENDPOINT": f"{base}/jwks",
        "OIDC_RP_CLIENT_ID": "joinedup-demo",
        "OIDC_RP_CLIENT_SECRET": "joinedup-demo-secret",
        "OIDC_VERIFY_KID": False,  # the local provider has one key and names none
    }
