"""Synthetic organisations, services and people for a fictional ICB."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.db import transaction

from joinedup.demo.names import person_name
from joinedup.directory.models import (
    CapacityStatus,
    Organisation,
    OrganisationKind,
    Person,
    Role,
    RoleAssignment,
    Service,
    Specialty,
)

DEMO_PASSWORD = "joinedup-demo-2026"
ICB_ODS = "QZ1"
# Demo people get addresses in a reserved domain (RFC 2606), so the demo's console shows the
# email each event sends and nothing can ever reach a real mailbox.
DEMO_EMAIL_DOMAIN = "joinedup.example"
ICB_NAME = "NHS Pellbridge and Saltmere Integrated Care Board"

TRUST_NAMES = [
    ("RZ1", "Pellbridge and Saltmere Hospitals NHS Foundation Trust"),
    ("RZ2", "Eastwold University Hospitals NHS Trust"),
    ("RZ3", "Harrowfield Community and Mental Health NHS Trust"),
    ("RZ4", "Kestrel Vale Hospitals NHS Trust"),
    ("RZ5", "Saltmere Coast Healthcare NHS Foundation Trust"),
]
PRACTICE_PLACES = (
    "Millbrook Orchard Riverside Highfield Station Road Abbey Castle Meadow Bridge Market Cross Harbour Beacon Willow "
    "Elmtree Foxglove Linden Church Street Northgate Southgate Westfield Eastfield Hillside Valley Parkside Greenway"
).split()
PRACTICE_SUFFIXES = ["Surgery", "Medical Practice", "Health Centre", "Family Practice"]

# Clinics a trust may run for each specialty; a big trust runs many of them.
SERVICE_CLINICS = {
    Specialty.CARDIOLOGY: [
        "General cardiology",
        "Heart failure clinic",
        "Rapid access chest pain",
        "Arrhythmia clinic",
    ],
    Specialty.DERMATOLOGY: ["General dermatology", "Skin cancer 2WW", "Psoriasis clinic"],
    Specialty.DIABETES_ENDOCRINOLOGY: ["Diabetes clinic", "Thyroid clinic", "General endocrinology"],
    Specialty.DIAGNOSTIC_IMAGING: [
        "Direct access ultrasound",
        "Direct access X-ray",
        "Direct access CT",
        "Direct access MRI",
    ],
    Specialty.DIAGNOSTIC_PHYSIOLOGY: ["Direct access echocardiography", "Spirometry and FeNO", "NT-proBNP testing"],
    Specialty.ENT: ["General ENT", "Head and neck 2WW", "Audiology"],
    Specialty.GASTROENTEROLOGY: ["General gastroenterology", "Lower GI 2WW", "IBD clinic", "Hepatology"],
    Specialty.GENERAL_SURGERY: ["General surgery", "Breast clinic", "Hernia clinic"],
    Specialty.GYNAECOLOGY: ["General gynaecology", "Menopause clinic", "Gynae-oncology 2WW"],
    Specialty.HAEMATOLOGY: ["General haematology", "Anticoagulation clinic"],
    Specialty.MENTAL_HEALTH: ["Community mental health team", "Memory assessment service"],
    Specialty.NEUROLOGY: ["General neurology", "Headache clinic", "First seizure clinic"],
    Specialty.OPHTHALMOLOGY: ["General ophthalmology", "Glaucoma clinic", "Medical retina"],
    Specialty.ORTHOPAEDICS: ["Hip and knee", "Hand and wrist", "Spinal clinic", "Foot and ankle"],
    Specialty.PAEDIATRICS: ["General paediatrics", "Paediatric allergy"],
    Specialty.RENAL: ["General nephrology", "Chronic kidney disease clinic"],
    Specialty.RESPIRATORY: ["General respiratory", "Asthma clinic", "Lung cancer 2WW", "Sleep clinic"],
    Specialty.RHEUMATOLOGY: ["General rheumatology", "Early inflammatory arthritis"],
    Specialty.UROLOGY: ["General urology", "Prostate 2WW", "Haematuria clinic"],
    Specialty.GERIATRICS: ["Frailty clinic", "Falls clinic"],
}
DIAGNOSTIC_SPECIALTIES = {Specialty.DIAGNOSTIC_IMAGING, Specialty.DIAGNOSTIC_PHYSIOLOGY}


@dataclass
class SeededDirectory:
    icb: Organisation
    trusts: list[Organisation]
    practices: list[Organisation]
    hub: Organisation
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # username, role, organisation


def seed_directory(*, practices: int, trusts: int, sites_per_specialty: int, rng: random.Random) -> SeededDirectory:
    with transaction.atomic():
        icb = Organisation.objects.create(ods_code=ICB_ODS, name=ICB_NAME, kind=OrganisationKind.ICB)
        trust_orgs = [
            Organisation.objects.create(
                ods_code=code,
                name=name,
                kind=OrganisationKind.NHS_TRUST,
                icb=icb,
                phone=fictional_phone(900 + number),
                hours="Switchboard: every day, day and night",
            )
            for number, (code, name) in enumerate(TRUST_NAMES[:trusts])
        ]
        practice_orgs = Organisation.objects.bulk_create(
            [
                Organisation(
                    ods_code=f"Z{index + 1:05d}",
                    name=_practice_name(index),
                    kind=OrganisationKind.GP_PRACTICE,
                    icb=icb,
                    **practice_contact_point(index),
                )
                for index in range(practices)
            ]
        )
        hub = Organisation.objects.create(
            ods_code="ZH1",
            name="Pellbridge Care Coordination Hub",
            kind=OrganisationKind.HUB,
            icb=icb,
            phone="01632 960999",
            hours="Every day, 8am to 8pm",
            email=demo_email("hub.team"),
        )
        Service.objects.bulk_create(_services(trust_orgs, sites_per_specialty, rng))
        seeded = SeededDirectory(icb=icb, trusts=trust_orgs, practices=practice_orgs, hub=hub)
        _seed_people(seeded, rng)
    return seeded


def demo_email(username: str) -> str:
    return f"{username}@{DEMO_EMAIL_DOMAIN}"


# Contact points patients see (decision 0023). Phone numbers come from Ofcom's range kept for drama
# (01632 960000 to 960999), so none can ring a real line; emails use the reserved demo domain.
def fictional_phone(n: int) -> str:
    return f"01632 960{n % 1000:03d}"


def practice_contact_point(index: int) -> dict[str, str]:
    return {
        "phone": fictional_phone(500 + index),
        "hours": "Monday to Friday, 8am to 6:30pm",
        "email": demo_email(f"practice.z{index + 1:05d}"),
    }


def service_contact_point(trust: Organisation, number: int) -> dict[str, str]:
    """Every tenth service has none set, so the demo shows what a patient then sees (and the other
    seed steps' random draws stay as they were)."""
    if number % 10 == 9:
        return {}
    return {
        "phone": fictional_phone(number),
        "hours": "Monday to Friday, 9am to 5pm",
        "email": demo_email(f"appointments.{trust.ods_code.lower()}.{number}"),
    }


def _practice_name(index: int) -> str:
    place = PRACTICE_PLACES[index % len(PRACTICE_PLACES)]
    suffix = PRACTICE_SUFFIXES[(index // len(PRACTICE_PLACES)) % len(PRACTICE_SUFFIXES)]
    round_number = index // (len(PRACTICE_PLACES) * len(PRACTICE_SUFFIXES))
    return f"{place} {suffix}" + (f" {round_number + 1}" if round_number else "")


def _services(trusts: list[Organisation], sites_per_specialty: int, rng: random.Random) -> list[Service]:
    services: list[Service] = []
    for trust in trusts:
        for specialty, clinics in SERVICE_CLINICS.items():
            for clinic in clinics:
                for site in range(sites_per_specialty):
                    diagnostic = specialty in DIAGNOSTIC_SPECIALTIES
                    services.append(
                        Service(
                            trust=trust,
                            name=clinic if site == 0 else f"{clinic} (site {site + 1})",
                            specialty=specialty,
                            takes_referrals=True,
                            takes_advice_and_guidance=not diagnostic and "2WW" not in clinic,
                            indicative_wait_weeks=rng.randint(2, 40) if "2WW" not in clinic else 2,
                            two_week_wait_only="2WW" in clinic,
                            capacity_status=CapacityStatus.LIMITED if rng.random() < 0.2 else CapacityStatus.NORMAL,
                            **service_contact_point(trust, len(services)),
                        )
                    )
    return services


def _seed_people(seeded: SeededDirectory, rng: random.Random) -> None:
    """One demo login per role, plus a clinician who works at two practices (to show the role switcher)."""
    first_trust = seeded.trusts[0]
    plan = [
        ("gp", Role.GP_CLINICIAN, seeded.practices[0]),
        ("practice.admin", Role.PRACTICE_ADMIN, seeded.practices[0]),
        ("consultant", Role.CONSULTANT, first_trust),
        ("triage", Role.TRIAGE_ADMIN, first_trust),
        ("interface.lead", Role.TRUST_INTERFACE_LEAD, first_trust),
        ("icb.analyst", Role.ICB_ANALYST, seeded.icb),
        ("hub", Role.HUB_COORDINATOR, seeded.hub),
        ("admin", Role.SYSTEM_ADMIN, seeded.icb),
    ]
    for username, role, organisation in plan:
        given, family = person_name(rng)
        person = Person.objects.create_user(
            username=username,
            password=DEMO_PASSWORD,
            first_name=given,
            last_name=family,
            email=demo_email(username),
        )
        RoleAssignment.objects.create(person=person, organisation=organisation, role=role)
        seeded.logins.append((username, Role(role).label, organisation.name))
        if role == Role.TRUST_INTERFACE_LEAD:
            organisation.designated_interface_lead = person
            organisation.save(update_fields=["designated_interface_lead"])
        if role == Role.GP_CLINICIAN and len(seeded.practices) > 1:
            RoleAssignment.objects.create(person=person, organisation=seeded.practices[1], role=Role.GP_CLINICIAN)
    # Every other trust but the last gets a lead, so the ICB page shows a real gap.
    for trust in seeded.trusts[1:-1]:
        given, family = person_name(rng)
        username = f"lead.{trust.ods_code.lower()}"
        lead = Person.objects.create_user(
            username=username, password=DEMO_PASSWORD, first_name=given, last_name=family, email=demo_email(username)
        )
        RoleAssignment.objects.create(person=lead, organisation=trust, role=Role.TRUST_INTERFACE_LEAD)
        trust.designated_interface_lead = lead
        trust.save(update_fields=["designated_interface_lead"])
