"""Shared fixtures: a small fictional ICB with one person per role."""

from __future__ import annotations

import os
import random
import tempfile
from collections.abc import Callable

import pytest
from django.test import Client
from hypothesis import settings as hypothesis_settings

from joinedup.demo.directory import DEMO_PASSWORD, SeededDirectory, seed_directory
from joinedup.directory.access import Actor
from joinedup.directory.models import RoleAssignment

# Hypothesis fails an example that runs over 200 ms by default: a timing assertion, which a loaded machine (a pause, a
# busy core) can trip on a correct answer (an SPC property test did, once, at 278 ms). Speed is measured by `make bench`,
# not asserted in tests, so no property test has a deadline.
hypothesis_settings.register_profile("joinedup", deadline=None)
hypothesis_settings.load_profile("joinedup")

# The letter reader keeps its patterns' compiled code between runs beside its own modules (reader/kept.py); the tests
# compile patterns of their own, so they keep theirs in a folder of their own and never write into the source tree.
os.environ.setdefault("JOINEDUP_READER_KEEP_DIR", tempfile.mkdtemp(prefix="joinedup-reader-kept-"))

DEMO_USERS = {
    "gp_clinician": "gp",
    "practice_admin": "practice.admin",
    "consultant": "consultant",
    "triage_admin": "triage",
    "trust_interface_lead": "interface.lead",
    "icb_analyst": "icb.analyst",
    "hub_coordinator": "hub",
    "system_admin": "admin",
}


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    # Hashing demo passwords with the production hasher would dominate the suite's time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # A seed inside a test writes the demo API keys to a folder of its own, not the developer's var/.
    settings.API_DEMO_KEY_DIR = tempfile.mkdtemp(prefix="joinedup-api-keys-")


# `make test-postgres` leaves these out (Makefile, DATABASE_FREE_TESTS): they must never need a database.
DATABASE_FREE_TESTS = ("joinedup/letters/reader/",)
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.nodeid.startswith(DATABASE_FREE_TESTS) and (
            item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
        ):
            raise pytest.UsageError(
                f"{item.nodeid} uses the database, but its folder runs only on SQLite (Makefile, DATABASE_FREE_TESTS)"
            )


@pytest.fixture
def icb(db: None) -> SeededDirectory:
    """A small ICB: 3 trusts (the last with no interface lead), 3 practices, a hub, one login per role."""
    return seed_directory(practices=3, trusts=3, sites_per_specialty=1, rng=random.Random(7))


@pytest.fixture
def actor_for(icb: SeededDirectory) -> Callable[[str], Actor]:
    def make(role: str) -> Actor:
        assignment = (
            RoleAssignment.objects.select_related("organisation", "person")
            .filter(person__username=DEMO_USERS[role], role=role)
            .earliest("id")  # the GP's first practice, when they work at two
        )
        return Actor(person=assignment.person, assignment=assignment)

    return make


@pytest.fixture
def signed_in(icb: SeededDirectory) -> Callable[[str], Client]:
    """A test client signed in as the demo person of a role."""

    def sign_in(role: str) -> Client:
        client = Client()
        response = client.post("/sign-in/", {"username": DEMO_USERS[role], "password": DEMO_PASSWORD})
        assert response.status_code == 302, f"sign-in as {role} failed"
        return client

    return sign_in
