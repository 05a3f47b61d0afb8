"""Client systems for the API's tests: a GP system at the first practice, another at the second,
and a trust system at the first trust, each with a live bearer token; rate limits start afresh."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.cache import cache
from django.test import Client

from joinedup.demo.directory import SeededDirectory
from joinedup.directory.models import Role

from .test_auth_and_read import bearer, register


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


@pytest.fixture(scope="module")
def key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def gp_system(icb: SeededDirectory, key: rsa.RSAPrivateKey) -> dict[str, str]:
    register(icb.practices[0], Role.PRACTICE_ADMIN, key, "gp-system")
    return bearer(Client(), key, "gp-system")


@pytest.fixture
def other_gp_system(icb: SeededDirectory, key: rsa.RSAPrivateKey) -> dict[str, str]:
    register(icb.practices[1], Role.PRACTICE_ADMIN, key, "other-gp-system")
    return bearer(Client(), key, "other-gp-system")


@pytest.fixture
def trust_system(icb: SeededDirectory, key: rsa.RSAPrivateKey) -> dict[str, str]:
    register(icb.trusts[0], Role.TRIAGE_ADMIN, key, "trust-system")
    return bearer(Client(), key, "trust-system")
