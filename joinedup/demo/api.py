"""Demo client systems for the FHIR API: one per practice and trust, each with its own RSA key pair.

The private keys are written under ``var/api-keys/`` (never committed; fresh each seed, since a
key pair cannot be drawn from the seeded rng); the client ids are deterministic (``<ods>-system``).
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.db import transaction

from joinedup.api.models import ClientSystem
from joinedup.demo.directory import SeededDirectory
from joinedup.directory.models import Person, Role, RoleAssignment


def seed_api_clients(*, directory: SeededDirectory, key_dir: Path | None = None) -> int:
    """Returns how many client systems were registered."""
    key_dir = key_dir or Path(settings.API_DEMO_KEY_DIR)
    key_dir.mkdir(parents=True, exist_ok=True)
    made = 0
    with transaction.atomic():
        # A GP system acts as a GP clinician (it sends requests, answers questions, files results); a trust
        # system as a consultant (it triages, answers A&G and reports tests): the roles whose work the API does.
        for org, role in [(p, Role.GP_CLINICIAN) for p in directory.practices] + [
            (t, Role.CONSULTANT) for t in directory.trusts
        ]:
            client_id = f"{org.ods_code.lower()}-system"
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            person = Person.objects.create(username=f"api-{client_id}", first_name="API", last_name=org.name[:150])
            person.set_unusable_password()
            person.save()
            assignment = RoleAssignment.objects.create(person=person, organisation=org, role=role)
            public = key.public_key().public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            ClientSystem.objects.create(
                client_id=client_id,
                name=f"{org.name} system",
                role_assignment=assignment,
                public_key_pem=public.decode(),
            )
            private = key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
            (key_dir / f"{client_id}.pem").write_bytes(private)
            made += 1
    return made
