"""Authenticating client systems: OAuth 2.0 client credentials with a signed JWT client assertion
(as NHS England's application-restricted APIs), short-lived bearer tokens, a per-client rate limit;
and registering those systems or switching them off, from the "Connected systems" pages."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from joinedup.audit.services import record
from joinedup.directory.access import PRACTICE_ROLES, TRUST_ROLES, Actor, Permission, require
from joinedup.directory.models import Organisation, OrganisationKind, Person, RoleAssignment

from .models import AccessToken, ClientSystem, UsedAssertion

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
TOKEN_LIFETIME = timedelta(minutes=10)
MAX_ASSERTION_LIFETIME = 300  # seconds: NHS England allows an exp at most five minutes ahead


class TokenRefused(Exception):
    """The token request is refused; ``error`` is the OAuth error code."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(description)
        self.error = error
        self.description = description


@dataclass(frozen=True)
class Caller:
    client: ClientSystem
    actor: Actor


def actor_for(client: ClientSystem) -> Actor:
    assignment = client.role_assignment
    return Actor(person=assignment.person, assignment=assignment)


def issue_token(*, grant_type: str, assertion_type: str, assertion: str, token_url: str) -> tuple[str, int]:
    """Check a client assertion (RS512, iss = sub = client id, aud = token URL, single-use jti, short
    exp) and issue a bearer token: (token, seconds it lasts)."""
    if grant_type != "client_credentials":
        raise TokenRefused("unsupported_grant_type", "grant_type must be client_credentials")
    if assertion_type != ASSERTION_TYPE:
        raise TokenRefused("invalid_request", f"client_assertion_type must be {ASSERTION_TYPE}")
    try:
        unverified = jwt.decode(assertion, options={"verify_signature": False})
        header = jwt.get_unverified_header(assertion)
    except jwt.PyJWTError as problem:
        raise TokenRefused("invalid_request", "client_assertion is not a JWT") from problem
    client_id = unverified.get("iss")
    client = (
        ClientSystem.objects.select_related("role_assignment__person", "role_assignment__organisation")
        .filter(client_id=str(client_id), active=True)
        .first()
    )
    if client is None or header.get("alg") != "RS512":
        raise TokenRefused("invalid_client", "Unknown client, or the assertion is not signed with RS512")
    try:
        claims = jwt.decode(
            assertion,
            client.public_key_pem,
            algorithms=["RS512"],
            audience=token_url,
            issuer=client.client_id,
            options={"require": ["iss", "sub", "aud", "jti", "exp"]},
        )
    except jwt.PyJWTError as problem:
        raise TokenRefused("invalid_client", f"The client assertion is not valid: {problem}") from problem
    now = timezone.now()
    if claims["sub"] != client.client_id:
        raise TokenRefused("invalid_client", "sub must equal iss (the client id)")
    if claims["exp"] > now.timestamp() + MAX_ASSERTION_LIFETIME:
        raise TokenRefused("invalid_client", "exp must be no more than 5 minutes ahead")
    token = secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            UsedAssertion.objects.filter(expires_at__lt=now).delete()
            UsedAssertion.objects.create(
                client=client, jti=str(claims["jti"]), expires_at=now + timedelta(seconds=MAX_ASSERTION_LIFETIME)
            )
            AccessToken.objects.create(client=client, digest=_digest(token), expires_at=now + TOKEN_LIFETIME)
            record(actor=actor_for(client), action="api_token_issued", obj=client, details={"client": client.client_id})
    except IntegrityError as reused:
        raise TokenRefused("invalid_client", "This jti has been used already") from reused
    return token, int(TOKEN_LIFETIME.total_seconds())


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def caller_for(bearer: str) -> Caller | None:
    """The client behind a bearer token, if the token is live."""
    found = (
        AccessToken.objects.select_related("client__role_assignment__person", "client__role_assignment__organisation")
        .filter(digest=_digest(bearer), expires_at__gt=timezone.now(), client__active=True)
        .first()
    )
    if found is None:
        return None
    return Caller(client=found.client, actor=actor_for(found.client))


def over_rate_limit(client: ClientSystem) -> bool:
    """A fixed one-minute window per client, counted in the cache."""
    key = f"api-rate:{client.pk}:{int(timezone.now().timestamp() // 60)}"
    cache.add(key, 0, timeout=120)
    return cache.incr(key) > client.rate_limit_per_minute


def audit_call(caller: Caller, *, action: str, details: dict[str, object], patient_nhs_number: str = "") -> None:
    with transaction.atomic():
        record(
            actor=caller.actor,
            action=action,
            obj=caller.client,
            patient_nhs_number=patient_nhs_number,
            details={"client": caller.client.client_id, **details},
        )


# ---- Registering client systems (the system administrator's "Connected systems" pages) ------------

MIN_KEY_BITS = 2048
MAX_KEY_PEM_CHARACTERS = 10_000


def public_key_problem(pem: str) -> str:
    """Why ``pem`` cannot be a client's key (empty when it can): an RSA public key of 2048 bits or more."""
    if len(pem) > MAX_KEY_PEM_CHARACTERS:
        return "The key is too long to be an RSA public key"
    try:
        key = serialization.load_pem_public_key(pem.strip().encode("ascii"))
    except (ValueError, UnicodeEncodeError, TypeError):
        return "Paste the system's RSA public key in PEM form (-----BEGIN PUBLIC KEY-----)"
    if not isinstance(key, rsa.RSAPublicKey):
        return "The key must be an RSA key: client assertions are signed with RS512"
    if key.key_size < MIN_KEY_BITS:
        return f"The key must be at least {MIN_KEY_BITS} bits"
    return ""


def register_client(
    actor: Actor, *, name: str, organisation: Organisation, role: str, public_key_pem: str, rate_limit_per_minute: int
) -> ClientSystem:
    """A new client system acting as ``role`` at ``organisation`` through its own service account."""
    require(actor, Permission.MANAGE_CLIENT_SYSTEMS)
    allowed = PRACTICE_ROLES if organisation.kind == OrganisationKind.GP_PRACTICE else TRUST_ROLES
    errors = {}
    if organisation.kind not in (OrganisationKind.GP_PRACTICE, OrganisationKind.NHS_TRUST):
        errors["ods_code"] = "A client system belongs to a GP practice or an NHS trust"
    elif role not in allowed:
        errors["role"] = "Select a role that this kind of organisation has"
    problem = public_key_problem(public_key_pem)
    if problem:
        errors["public_key_pem"] = problem
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        client_id = f"{organisation.ods_code.lower()}-{secrets.token_hex(4)}"
        person = Person.objects.create(username=f"api-{client_id}", first_name="API", last_name=name[:150])
        person.set_unusable_password()
        person.save(update_fields=["password"])
        assignment = RoleAssignment.objects.create(person=person, organisation=organisation, role=role)
        client = ClientSystem.objects.create(
            client_id=client_id,
            name=name,
            role_assignment=assignment,
            public_key_pem=public_key_pem.strip() + "\n",
            rate_limit_per_minute=rate_limit_per_minute,
        )
        record(
            actor=actor,
            action="api_client_registered",
            obj=client,
            details={"client": client_id, "organisation": organisation.ods_code, "role": role},
        )
    return client


def set_client_active(actor: Actor, client: ClientSystem, *, active: bool) -> ClientSystem:
    """Switch a system on or off; switching off ends its live tokens at once."""
    require(actor, Permission.MANAGE_CLIENT_SYSTEMS)
    with transaction.atomic():
        locked = ClientSystem.objects.select_for_update().get(pk=client.pk)
        if locked.active != active:
            locked.active = active
            locked.save(update_fields=["active"])
            if not active:
                AccessToken.objects.filter(client=locked).delete()
            record(
                actor=actor,
                action="api_client_switched_on" if active else "api_client_switched_off",
                obj=locked,
                details={"client": locked.client_id},
            )
    return locked
