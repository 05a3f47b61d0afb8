"""Organisations, their services, people and the roles people hold."""

from __future__ import annotations

import re

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models


class OrganisationKind(models.TextChoices):
    GP_PRACTICE = "gp_practice", "GP practice"
    NHS_TRUST = "nhs_trust", "NHS trust"
    ICB = "icb", "Integrated care board"
    HUB = "hub", "Care coordination hub"
    COMMUNITY_PROVIDER = "community_provider", "Community provider"


# ODS code shapes by kind. GP practices are a letter and five digits; NHS trusts are
# three characters starting with R (or T for care trusts); ICBs three starting with Q.
# Hubs vary (often a site code), so they take any 3 to 6 upper-case letters and digits.
ODS_CODE_PATTERNS: dict[str, re.Pattern[str]] = {
    OrganisationKind.GP_PRACTICE: re.compile(r"^[A-Z]\d{5}$"),
    OrganisationKind.NHS_TRUST: re.compile(r"^[RT][A-Z0-9]{2}$"),
    OrganisationKind.ICB: re.compile(r"^Q[A-Z0-9]{2}$"),
    OrganisationKind.HUB: re.compile(r"^[A-Z0-9]{3,6}$"),
    # Community providers are NHS trusts' community arms or independent providers (e.g. NL3, AXG01).
    OrganisationKind.COMMUNITY_PROVIDER: re.compile(r"^[A-Z0-9]{3,6}$"),
}
ODS_CODE_HINTS: dict[str, str] = {
    OrganisationKind.GP_PRACTICE: "a letter followed by 5 numbers, like A81001",
    OrganisationKind.NHS_TRUST: "3 characters starting with R or T, like RX1",
    OrganisationKind.ICB: "3 characters starting with Q, like QHM",
    OrganisationKind.HUB: "3 to 6 letters and numbers",
    OrganisationKind.COMMUNITY_PROVIDER: "3 to 6 letters and numbers",
}


def normalise_ods_code(value: str) -> str:
    return value.strip().upper().replace(" ", "")


def ods_code_error(code: str, kind: str) -> str | None:
    """The message to show when ``code`` is not a valid ODS code for ``kind``, else None."""
    pattern = ODS_CODE_PATTERNS.get(kind)
    if pattern is None:
        return "Select the kind of organisation"
    if not pattern.match(code):
        return f"Enter a valid ODS code for a {OrganisationKind(kind).label.lower()}: {ODS_CODE_HINTS[kind]}"
    return None


# A UK phone number as a patient would dial it: 0 then 9 or 10 digits, or +44 then the same without
# the 0; spaces, hyphens and brackets are allowed between digits ("01632 960 123", "(01632) 960123").
UK_PHONE_PATTERN = re.compile(r"^(?:0\d{9,10}|\+44[1-9]\d{8,9})$")
UK_PHONE_HINT = "Enter a UK phone number, like 01632 960 123"


def phone_digits(value: str) -> str:
    """The number without its spaces, hyphens and brackets (what a tel: link dials)."""
    return re.sub(r"[\s\-()]", "", value or "")


def validate_uk_phone(value: str) -> None:
    if value and not UK_PHONE_PATTERN.match(phone_digits(value)):
        raise ValidationError(UK_PHONE_HINT, code="invalid_phone")


class ContactPoint(models.Model):
    """How a patient reaches an organisation or a service: shown on the patient's page (decision 0023)."""

    phone = models.CharField(max_length=30, blank=True, validators=[validate_uk_phone])
    hours = models.CharField(
        "Phone hours",
        max_length=200,
        blank=True,
        help_text='When the phone is answered, like "Monday to Friday, 8am to 6pm"',
    )
    email = models.EmailField(blank=True)

    class Meta:
        abstract = True

    @property
    def has_contact_point(self) -> bool:
        return bool(self.phone or self.email)


class Organisation(ContactPoint):
    ods_code = models.CharField("ODS code", max_length=6, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices, db_index=True)
    icb = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        limit_choices_to={"kind": OrganisationKind.ICB},
        help_text="The ICB a practice, trust or hub belongs to",
    )
    designated_interface_lead = models.ForeignKey(
        "Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lead_for",
        help_text="Each trust's designated lead for the primary-secondary care interface",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.ods_code})"

    def clean(self) -> None:
        self.ods_code = normalise_ods_code(self.ods_code)
        error = ods_code_error(self.ods_code, self.kind)
        if error:
            raise ValidationError({"ods_code": error})
        if self.kind == OrganisationKind.ICB and self.icb_id:
            raise ValidationError({"icb": "An ICB does not belong to another ICB"})

    @property
    def is_trust(self) -> bool:
        return self.kind == OrganisationKind.NHS_TRUST


class Specialty(models.TextChoices):
    """The fixed list of specialties (a subset of the e-RS specialty list)."""

    CARDIOLOGY = "cardiology", "Cardiology"
    DERMATOLOGY = "dermatology", "Dermatology"
    DIABETES_ENDOCRINOLOGY = "diabetes_endocrinology", "Diabetes and endocrinology"
    DIAGNOSTIC_IMAGING = "diagnostic_imaging", "Diagnostic imaging"
    DIAGNOSTIC_PHYSIOLOGY = "diagnostic_physiology", "Diagnostic physiological measurement"
    ENT = "ent", "Ear, nose and throat"
    GASTROENTEROLOGY = "gastroenterology", "Gastroenterology"
    GENERAL_SURGERY = "general_surgery", "General surgery"
    GYNAECOLOGY = "gynaecology", "Gynaecology"
    HAEMATOLOGY = "haematology", "Haematology"
    MENTAL_HEALTH = "mental_health", "Mental health"
    NEUROLOGY = "neurology", "Neurology"
    OPHTHALMOLOGY = "ophthalmology", "Ophthalmology"
    ORTHOPAEDICS = "orthopaedics", "Trauma and orthopaedics"
    PAEDIATRICS = "paediatrics", "Paediatrics"
    RENAL = "renal", "Renal medicine"
    RESPIRATORY = "respiratory", "Respiratory medicine"
    RHEUMATOLOGY = "rheumatology", "Rheumatology"
    UROLOGY = "urology", "Urology"
    GERIATRICS = "geriatrics", "Care of the elderly"


class CapacityStatus(models.TextChoices):
    NORMAL = "normal", "Normal"
    LIMITED = "limited", "Limited capacity"


class Service(ContactPoint):
    trust = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="services", limit_choices_to={"kind": "nhs_trust"}
    )
    name = models.CharField(max_length=200)
    specialty = models.CharField(max_length=40, choices=Specialty.choices, db_index=True)
    takes_referrals = models.BooleanField(default=True)
    takes_advice_and_guidance = models.BooleanField("Takes advice and guidance", default=True)
    indicative_wait_weeks = models.PositiveSmallIntegerField(default=12)
    # A suspected-cancer (two-week wait) clinic takes only two-week-wait referrals: a routine one sent
    # there would wait in the wrong queue, and one to a general clinic would miss the 2WW pathway.
    two_week_wait_only = models.BooleanField("Takes two-week wait (suspected cancer) referrals only", default=False)
    capacity_status = models.CharField(max_length=10, choices=CapacityStatus.choices, default=CapacityStatus.NORMAL)
    version = models.PositiveIntegerField(default=1, help_text="Raised on every change: two editors cannot overwrite")

    class Meta:
        ordering = ["trust__name", "name"]
        constraints = [models.UniqueConstraint(fields=["trust", "name"], name="service_name_unique_per_trust")]

    def __str__(self) -> str:
        return self.name

    @property
    def request_types_label(self) -> str:
        kinds = [
            label for on, label in ((self.takes_referrals, "Referrals"), (self.takes_advice_and_guidance, "A&G")) if on
        ]
        return ", ".join(kinds) or "None"


class Person(AbstractUser):
    """Someone who signs in. What they may do follows from their role assignments."""

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    GP_CLINICIAN = "gp_clinician", "GP clinician"
    PRACTICE_ADMIN = "practice_admin", "Practice administrator"
    CONSULTANT = "consultant", "Consultant"
    TRIAGE_ADMIN = "triage_admin", "Triage administrator"
    TRUST_INTERFACE_LEAD = "trust_interface_lead", "Trust interface lead"
    ICB_ANALYST = "icb_analyst", "ICB analyst"
    HUB_COORDINATOR = "hub_coordinator", "Hub coordinator"
    NEIGHBOURHOOD_TEAM = "neighbourhood_team", "Neighbourhood team"
    SYSTEM_ADMIN = "system_admin", "System administrator"


# Which kind of organisation each role is held at. A system administrator's
# organisation is the ICB (or hub) that runs the deployment.
ROLE_ORGANISATION_KINDS: dict[str, set[str]] = {
    Role.GP_CLINICIAN: {OrganisationKind.GP_PRACTICE},
    Role.PRACTICE_ADMIN: {OrganisationKind.GP_PRACTICE},
    Role.CONSULTANT: {OrganisationKind.NHS_TRUST},
    Role.TRIAGE_ADMIN: {OrganisationKind.NHS_TRUST},
    Role.TRUST_INTERFACE_LEAD: {OrganisationKind.NHS_TRUST},
    Role.ICB_ANALYST: {OrganisationKind.ICB},
    Role.HUB_COORDINATOR: {OrganisationKind.HUB},
    Role.NEIGHBOURHOOD_TEAM: {OrganisationKind.COMMUNITY_PROVIDER},
    Role.SYSTEM_ADMIN: {OrganisationKind.ICB, OrganisationKind.HUB, OrganisationKind.NHS_TRUST},
}


class RoleAssignment(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="role_assignments")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="role_assignments")
    role = models.CharField(max_length=30, choices=Role.choices)

    class Meta:
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["person", "organisation", "role"], name="role_assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}, {self.organisation.name}"

    def clean(self) -> None:
        allowed = ROLE_ORGANISATION_KINDS.get(self.role, set())
        if self.organisation_id and self.organisation.kind not in allowed:
            raise ValidationError(
                {
                    "role": f"A {self.get_role_display().lower()} cannot be held at a {self.organisation.get_kind_display()}"
                }
            )
