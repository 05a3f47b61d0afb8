"""A small urgent services directory (as ORUK JSON), a community provider with a neighbourhood team, escalations."""

from __future__ import annotations

import copy
import datetime
from typing import Any

from django.utils import timezone

from joinedup.coordination import selectors, services
from joinedup.coordination.models import Escalation
from joinedup.demo.directory import SeededDirectory, demo_email
from joinedup.directory.access import Actor
from joinedup.directory.models import Organisation, OrganisationKind, Person, Role, RoleAssignment
from joinedup.patients.models import Patient

COMMUNITY_ODS = "NL1"
NEIGHBOURHOOD_USERNAME = "ucr.team"


def community_provider(icb: SeededDirectory) -> Organisation:
    org, _ = Organisation.objects.get_or_create(
        ods_code=COMMUNITY_ODS,
        defaults={"name": "Pellbridge Community Health", "kind": OrganisationKind.COMMUNITY_PROVIDER, "icb": icb.icb},
    )
    return org


def neighbourhood_actor(icb: SeededDirectory, username: str = NEIGHBOURHOOD_USERNAME) -> Actor:
    org = community_provider(icb)
    person, created = Person.objects.get_or_create(
        username=username, defaults={"first_name": "Nia", "last_name": "Castell", "email": demo_email(username)}
    )
    if created:
        person.set_password("joinedup-demo-2026")
        person.save()
    assignment, _ = RoleAssignment.objects.get_or_create(person=person, organisation=org, role=Role.NEIGHBOURHOOD_TEAM)
    return Actor(person=person, assignment=assignment)


def _org(code: str, name: str) -> dict[str, Any]:
    return {
        "id": f"ods:{code}",
        "name": name,
        "organization_identifiers": [{"identifier_scheme": "ODS", "identifier_type": "ODS code", "identifier": code}],
    }


def _attrs(
    kind: str,
    *,
    accepts: tuple[str, ...] = (),
    excludes: tuple[str, ...] = (),
    care_home: bool = True,
    response: int | None = 120,
    capacity: str = "open",
    note: str = "",
) -> list[dict[str, Any]]:
    attributes: list[dict[str, Any]] = [
        {"link_type": "kind", "taxonomy_term": {"vocabulary": "joinedup:urgent-service-kind", "code": kind}}
    ]
    attributes += [
        {"link_type": "accepts", "taxonomy_term": {"vocabulary": "joinedup:presenting-problem", "code": c}}
        for c in sorted(accepts)
    ]
    attributes += [
        {"link_type": "excludes", "taxonomy_term": {"vocabulary": "joinedup:presenting-problem", "code": c}}
        for c in sorted(excludes)
    ]
    attributes.append({"link_type": "care_home_residents", "value": "yes" if care_home else "no"})
    if response is not None:
        attributes.append({"link_type": "response_minutes", "value": str(response)})
    capacity_attribute: dict[str, Any] = {"link_type": "capacity", "value": capacity}
    if note:
        capacity_attribute["label"] = note
    attributes.append(capacity_attribute)
    return attributes


def _service(
    oruk_id: str,
    org: str,
    name: str,
    attributes: list[dict[str, Any]],
    schedules: list[dict[str, Any]],
    practices: list[str],
    *,
    minimum_age: int | None = 18,
) -> dict[str, Any]:
    return {
        "id": oruk_id,
        "organization_id": f"ods:{org}",
        "name": name,
        "description": f"{name} for adults in Pellbridge and Saltmere.",
        "status": "active",
        "email": f"{oruk_id}@joinedup.example",
        "url": "https://joinedup.example/services",
        "minimum_age": minimum_age,
        "maximum_age": None,
        "eligibility_description": "",
        "attributes": attributes,
        "schedules": schedules,
        "service_areas": [
            {"id": f"{oruk_id}-area-{code}", "name": "", "extent_type": "ods_practice", "extent": code}
            for code in practices
        ]
        + [{"id": f"{oruk_id}-area-PB1", "name": "Pellbridge", "extent_type": "postcode_district", "extent": "PB1"}],
        "service_at_locations": [
            {
                "id": f"{oruk_id}:{oruk_id}-base",
                "location": {
                    "id": f"{oruk_id}-base",
                    "name": f"{name} base",
                    "addresses": [{"address_1": "1 Quay Street, Pellbridge", "postal_code": "PB1 2AA"}],
                },
            }
        ],
        "contacts": [
            {
                "id": f"{oruk_id}-desk",
                "name": "Duty coordinator",
                "title": "Single point of access",
                "email": f"{oruk_id}.desk@joinedup.example",
                "phones": [{"number": "01632 960001"}],
            }
        ],
    }


def all_day(oruk_id: str) -> list[dict[str, Any]]:
    return [
        {
            "id": f"{oruk_id}-hours",
            "freq": "WEEKLY",
            "byday": "MO,TU,WE,TH,FR,SA,SU",
            "opens_at": "00:00",
            "closes_at": "00:00",
        }
    ]


def directory_file(icb: SeededDirectory, today: datetime.date | None = None) -> dict[str, Any]:
    """UCR and falls (open all day), an ARI hub (no care home residents), SDEC, and a virtual ward closed today."""
    today = today or timezone.localdate()
    practices = [p.ods_code for p in icb.practices[:2]]  # the third practice is covered by none
    trust = icb.trusts[0]
    closed = [
        {
            "id": "vw-hours",
            "freq": "WEEKLY",
            "byday": "MO,TU,WE,TH,FR,SA,SU",
            "opens_at": "00:00",
            "closes_at": "00:00",
        },
        {
            "id": "vw-closed",
            "valid_from": (today - datetime.timedelta(days=1)).isoformat(),
            "valid_to": (today + datetime.timedelta(days=1)).isoformat(),
            "description": "Closed: staff training",
        },
    ]
    return {
        "organizations": [_org(COMMUNITY_ODS, "Pellbridge Community Health"), _org(trust.ods_code, trust.name)],
        "services": [
            _service(
                "ucr",
                COMMUNITY_ODS,
                "Pellbridge Urgent Community Response",
                _attrs("ucr", excludes=("end_of_life",)),
                all_day("ucr"),
                practices,
            ),
            _service(
                "falls",
                COMMUNITY_ODS,
                "Pellbridge Falls Response",
                _attrs("falls", accepts=("fall", "reduced_mobility")),
                all_day("falls"),
                practices,
                minimum_age=65,
            ),
            _service(
                "ari",
                trust.ods_code,
                "Saltmere ARI Hub",
                _attrs("ari_hub", accepts=("breathlessness", "infection"), care_home=False, response=240),
                all_day("ari"),
                practices,
            ),
            _service(
                "sdec",
                trust.ods_code,
                "Pellbridge SDEC",
                _attrs("sdec", response=None, capacity="limited", note="Busy after 16:00"),
                all_day("sdec"),
                practices,
            ),
            _service("vw", COMMUNITY_ODS, "Pellbridge Frailty Virtual Ward", _attrs("virtual_ward"), closed, practices),
        ],
    }


def load_directory(icb: SeededDirectory, actor: Actor, data: dict[str, Any] | None = None) -> None:
    community_provider(icb)
    services.directory_import(actor=actor, data=copy.deepcopy(data or directory_file(icb)))


def care_home_resident(practice: Organisation, nhs_number: str = "9990000018") -> Patient:
    return Patient.objects.create(
        nhs_number=nhs_number,
        given_name="Edna",
        family_name="Marlowe",
        date_of_birth=datetime.date(1939, 5, 17),
        registered_practice=practice,
    )


def escalation_input(nhs_number: str = "9990000018", **extra: Any) -> services.EscalationInput:
    fields: dict[str, Any] = {
        "nhs_number": nhs_number,
        "place": "care_home",
        "postcode": "",
        "problem": "fall",
        "details": "Found on the floor by carers; now walking with help; no head injury.",
        "news2": 2,
        "urgency": "two_hours",
        "tried": "Paracetamol; carers watching overnight.",
        "consent": True,
        "preferred_service": None,
    }
    fields.update(extra)
    return services.EscalationInput(**fields)


def escalate_one(actor: Actor, nhs_number: str = "9990000018", **extra: Any) -> Escalation:
    data = escalation_input(nhs_number, **extra)
    patient, _ = services.find_patient(actor, nhs_number)
    matches = selectors.matches_for(
        actor, patient=patient, problem=data.problem, place=data.place, urgency=data.urgency, postcode=data.postcode
    )
    return services.escalate(actor=actor, data=data, matches=matches)


def step(actor: Actor, escalation: Escalation, action: str, **inputs: Any) -> Escalation:
    escalation.refresh_from_db()
    if action == "decline":
        inputs.setdefault("reason", "not_urgent")
        inputs.setdefault("advice", "Review at the practice tomorrow morning.")
    if action == "record_outcome":
        inputs.setdefault("outcome", "admission_avoided")
        inputs.setdefault("outcome_at", timezone.now())
    return services.take(
        actor=actor, escalation_id=escalation.id, action=action, expected_version=escalation.version, **inputs
    )
