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
from django.utils import timezone

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
            key_file = key_dir / f"{client_id}.pem"
            key_file.write_bytes(private)
            key_file.chmod(0o600)  # a private key: readable by its owner only
            made += 1
    return made


def bench_api(runs: int = 40, creates: int = 200, key_dir: Path | None = None) -> list[str]:
    """``make bench`` lines (issue 16): the Task worklist search of the busiest provider's client system
    (target p95 under 150 ms), and sustained ServiceRequest creates per second through the API.

    Call after ``seed --scale icb`` (which registered the client systems and wrote their keys).
    """
    import statistics
    import time
    import uuid

    import jwt
    from django.db.models import Count
    from django.test import Client

    from joinedup.directory.models import Service
    from joinedup.patients.models import Patient
    from joinedup.referrals.models import AWAITING_PROVIDER, ClinicalRequest

    key_dir = key_dir or Path(settings.API_DEMO_KEY_DIR)
    client = Client()

    def token_for(org_ods: str) -> dict[str, str]:
        client_id = f"{org_ods.lower()}-system"
        ClientSystem.objects.filter(client_id=client_id).update(rate_limit_per_minute=10**6)
        claims = {
            "iss": client_id,
            "sub": client_id,
            "aud": "http://testserver/api/oauth2/token",
            "jti": str(uuid.uuid4()),
            "exp": int(time.time()) + 60,
        }
        answer = client.post(
            "/api/oauth2/token",
            {
                "grant_type": "client_credentials",
                "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion": jwt.encode(claims, (key_dir / f"{client_id}.pem").read_bytes(), algorithm="RS512"),
            },
        )
        if answer.status_code != 200:
            raise SystemExit(f"bench: no API token for {client_id}: {answer.content!r}")
        return {"Authorization": f"Bearer {answer.json()['access_token']}"}

    def pct(values: list[float], percentile: int) -> float:
        return statistics.quantiles(values, n=100, method="inclusive")[percentile - 1]

    lines = []
    busiest = (
        ClinicalRequest.objects.filter(state__in=AWAITING_PROVIDER)
        .values("trust__ods_code")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    if busiest is None:
        return ["bench: API: no open requests, skipped"]
    ods = busiest["trust__ods_code"]
    auth = token_for(ods)
    for path in (
        f"/api/fhir/R4/Task?owner=Organization/{ods}&status=requested&_count=50",
        f"/api/fhir/R4/Task?owner=Organization/{ods}&status=requested&_count=50&_include=Task:focus",
        f"/api/fhir/R4/Task?owner=Organization/{ods}&due=lt{timezone.localdate()}&_count=50",
    ):
        if client.get(path, headers=auth).status_code != 200:
            raise SystemExit(f"bench: {path} did not answer 200")
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            client.get(path, headers=auth)
            timings.append((time.perf_counter() - started) * 1000)
        lines.append(
            f"bench: API {ods} ({busiest['n']:,} open) GET {path.split('R4/')[1]:<60}"
            f" p50 {pct(timings, 50):6.1f} ms  p95 {pct(timings, 95):6.1f} ms (target p95 under 150 ms)"
        )

    practice = (
        Patient.objects.filter(registered_practice__isnull=False)
        .values("registered_practice__ods_code", "registered_practice__icb_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    if practice is None:
        return lines
    service = (
        Service.objects.filter(trust__icb_id=practice["registered_practice__icb_id"], takes_advice_and_guidance=True)
        .order_by("id")
        .first()
    )
    numbers = list(
        Patient.objects.filter(registered_practice__ods_code=practice["registered_practice__ods_code"])
        .order_by("id")
        .values_list("nhs_number", flat=True)[:creates]
    )
    if service is None or not numbers:
        return lines
    auth = token_for(practice["registered_practice__ods_code"])
    run = uuid.uuid4().hex[:8]  # identifiers of this run: a second run on the same data still creates
    started = time.perf_counter()
    made = 0
    for index in range(creates):
        body = {
            "resourceType": "ServiceRequest",
            "status": "active",
            "intent": "order",
            "category": [{"coding": [{"code": "ADVICE_AND_GUIDANCE_REQUEST"}]}],
            "subject": {"reference": f"Patient/{numbers[index % len(numbers)]}"},
            "performer": [{"reference": f"HealthcareService/{service.id}"}],
            "identifier": [{"system": "https://bench.example/request", "value": f"bench-{run}-{index}"}],
            "note": [{"text": "Bench: advice on a raised PSA in a man of 70?"}],
        }
        answer = client.post("/api/fhir/R4/ServiceRequest", body, content_type="application/fhir+json", headers=auth)
        made += answer.status_code == 201
    seconds = time.perf_counter() - started
    lines.append(
        f"bench: API POST ServiceRequest (A&G, conditional on an identifier), one client in sequence:"
        f" {made / seconds:6.1f} creates/s ({made} of {creates} in {seconds:.1f} s)"
    )
    return lines
